import { Button, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { PageLoading } from '../../../shared/feedback';
import { usePageTitle } from '../../../shared/title';
import type { ApplicationDetail } from './applyApi';
import './apply.css';

/**
 * /portal/apply/new?item=<id>[&center=<id>]: start (or continue) the draft of an item and go to it.
 * Guests sign in first and come back here with the same item.
 */
export default function ApplyNewPage() {
  usePageTitle('网上申报 - 网上办事大厅');
  const { me } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const itemId = params.get('item') ?? '';
  const centerId = params.get('center') ?? undefined;
  const [error, setError] = useState<ApiError | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!me || me.user.kind !== 'citizen' || !itemId || started.current) return;
    started.current = true;
    api
      .post<ApplicationDetail>('/applications', { itemId, centerId })
      .then((a) => navigate(`/portal/apply/${a.id}`, { replace: true }))
      .catch((e: unknown) => setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', '新建申报失败，请稍后再试')));
  }, [me, itemId, centerId, navigate]);

  if (me === undefined) return <PageLoading />;
  if (me === null) return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const back = itemId ? (
    <Link to={`/portal/items/${encodeURIComponent(itemId)}`}>
      <Button type="primary">返回办事指南</Button>
    </Link>
  ) : (
    <Link to="/portal/search">
      <Button type="primary">查找要办的事</Button>
    </Link>
  );
  if (me.user.kind !== 'citizen') {
    return (
      <div className="bm-portal-page">
        <Result status="info" title="网上申报请使用群众账号" subTitle="工作人员账号不能以个人身份网上申报，请退出后用实名注册的群众账号登录。" extra={back} />
      </div>
    );
  }
  if (!itemId) {
    return (
      <div className="bm-portal-page">
        <Result status="warning" title="请先选择要办理的事项" extra={back} />
      </div>
    );
  }
  if (error) {
    return (
      <div className="bm-portal-page">
        <Result status={error.status === 422 ? 'info' : 'warning'} title={error.status === 422 ? '该事项不能网上申报' : '新建申报失败'} subTitle={error.message} extra={back} data-testid="apply-refused" />
      </div>
    );
  }
  return (
    <div className="bm-portal-page bm-page-loading">
      <Spin description="正在准备申报表…" />
    </div>
  );
}

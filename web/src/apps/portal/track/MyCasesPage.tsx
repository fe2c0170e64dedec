import { FileSearchOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Skeleton } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../shared/api';
import { fmtDate } from '../../../shared/format';
import { useLoad } from '../../../shared/hooks';
import { usePageTitle } from '../../../shared/title';
import type { CaseList } from '../../../shared/types';
import { RequireLogin } from '../RequireLogin';
import { CaseStatusTag, deadlineText } from './caseText';
import './track.css';

function MyCases() {
  const r = useLoad((signal) => api.get<CaseList>('/cases/mine', undefined, { signal }), []);
  const items = r.data?.items ?? [];
  return (
    <div className="bm-portal-page bm-track">
      <Card
        title="我的办件"
        styles={{ body: { padding: 0 } }}
        extra={
          <Link to="/portal/track">
            <FileSearchOutlined /> 办件查询
          </Link>
        }
      >
        {r.loading && !r.data ? (
          <div style={{ padding: 16 }}>
            <Skeleton active />
          </div>
        ) : r.error ? (
          <Alert type="error" showIcon title={r.error.message} style={{ margin: 16 }} />
        ) : items.length === 0 ? (
          <Empty style={{ padding: 24 }} description="您还没有办件。在窗口或村便民服务室办理的事项，受理后会显示在这里。">
            <Link to="/portal/search">
              <Button type="primary">查找要办的事</Button>
            </Link>
          </Empty>
        ) : (
          items.map((c) => (
            <Link key={c.id} to={`/portal/track?no=${encodeURIComponent(c.caseNo)}`} state={{ mine: true }} className="bm-mycase" data-testid="my-case">
              <div className="bm-track-head" style={{ marginBottom: 0 }}>
                <div className="bm-track-item" style={{ fontSize: 15 }}>
                  {c.itemName}
                </div>
                <CaseStatusTag status={c.status} decision={c.decision} />
              </div>
              <div className="bm-mycase-meta">
                <span className="bm-track-no">{c.caseNo}</span> · {fmtDate(c.receivedAt)} · {c.centerName}
              </div>
              {deadlineText(c.status, c.deadline) && <div className="bm-mycase-meta">{deadlineText(c.status, c.deadline)}</div>}
              <div className="bm-mycase-meta" style={{ color: '#1677ff' }}>
                查看进度 <RightOutlined style={{ fontSize: 10 }} />
              </div>
            </Link>
          ))
        )}
      </Card>
    </div>
  );
}

/** 我的办件: every case of the signed-in citizen, newest first; each opens its progress. */
export default function MyCasesPage() {
  usePageTitle('我的办件 - 网上办事大厅');
  return (
    <RequireLogin>
      <MyCases />
    </RequireLogin>
  );
}

import { QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Select, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { useLoad, useShowError } from '../../../shared/hooks';
import { usePageTitle } from '../../../shared/title';
import type { Guide } from '../../../shared/types';
import { homeHallId, usePlace } from '../catalog/place';
import { RequireLogin } from '../RequireLogin';
import type { AskableCenters, Consultation } from './types';
import './consult.css';

const MIN = 10;
const MAX = 1000;

function AskForm() {
  const { me } = useAuth();
  const [params] = useSearchParams();
  const itemId = params.get('itemId') ?? undefined;
  const centerParam = params.get('centerId') ?? undefined;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const place = usePlace();
  const [form] = Form.useForm<{ centerId?: string; question: string }>();
  const [busy, setBusy] = useState(false);
  const [limited, setLimited] = useState<string | null>(null);

  const item = useLoad((signal) => (itemId ? api.get<Guide>(`/catalog/items/${encodeURIComponent(itemId)}`, undefined, { signal }) : Promise.resolve(undefined)), [itemId]);
  const centers = useLoad((signal) => (itemId ? Promise.resolve(undefined) : api.get<AskableCenters>('/consultations/centers', undefined, { signal })), [itemId]);

  // Without an item: the center of the citizen's township (else the county hall) is preselected.
  const defaultCenter = centerParam ?? homeHallId(centers.data?.items, place);
  useEffect(() => {
    if (!itemId && defaultCenter && !form.getFieldValue('centerId')) form.setFieldValue('centerId', defaultCenter);
  }, [itemId, defaultCenter, form]);

  if (me && me.user.kind !== 'citizen') {
    return <Alert type="info" showIcon title="工作人员账号不能提出咨询" description="请使用群众账号登录后提问；群众的咨询可在工作台「咨询答复」中处理。" />;
  }

  const submit = async (v: { centerId?: string; question: string }) => {
    setBusy(true);
    setLimited(null);
    try {
      await api.post<Consultation>('/consultations', itemId ? { itemId, question: v.question } : { centerId: v.centerId, question: v.question });
      void message.success('咨询已提交，工作人员答复后会通知您');
      navigate('/portal/me/consultations', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) setLimited(e.message);
      else if (e instanceof ApiError && e.fieldErrors.some((f) => f.path === 'itemId' || f.path === 'centerId')) form.setFields([{ name: 'centerId', errors: [e.message] }]);
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<span><QuestionCircleOutlined /> 我要咨询</span>} extra={<Link to="/portal/me/consultations">我的咨询</Link>}>
      {itemId ? (
        item.loading ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : item.error ? (
          <Alert type="error" showIcon title={item.error.status === 404 ? '该事项不存在或已停止办理' : item.error.message} />
        ) : item.data ? (
          <div className="bm-ask-subject" data-testid="ask-subject">
            <div className="bm-muted">咨询事项</div>
            <strong>{item.data.content.name}</strong>
            <div className="bm-muted">由 {item.data.center.name} 答复</div>
          </div>
        ) : null
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} disabled={busy} style={{ marginTop: itemId ? 12 : 0 }}>
        {!itemId && (
          <Form.Item name="centerId" label="向哪个服务中心咨询" rules={[{ required: true, message: '请选择服务中心' }]}>
            <Select
              size="large"
              loading={centers.loading}
              placeholder="选择县或乡镇的服务中心"
              options={centers.data?.items.map((c) => ({ value: c.id, label: c.name }))}
              aria-label="服务中心"
            />
          </Form.Item>
        )}
        <p className="bm-muted bm-ask-hint">请写清楚想问什么，不要填写身份证号等个人敏感信息。工作人员一般在 1 个工作日内答复。</p>
        <Form.Item
          name="question"
          label="您的问题"
          rules={[
            { required: true, whitespace: true, message: '请填写您的问题' },
            { min: MIN, message: `请把问题写清楚，至少${MIN}个字` },
          ]}
        >
          <Input.TextArea rows={6} maxLength={MAX} showCount placeholder="例如：我家的地流转给别人种了，耕地地力保护补贴该谁申报？" />
        </Form.Item>
        {limited && <Alert type="warning" showIcon title={limited} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" size="large" block loading={busy} disabled={!!itemId && !item.data}>
          提交咨询
        </Button>
      </Form>
    </Card>
  );
}

/** 我要咨询: ask about an item (from its guide) or a service center; answered in 我的咨询. */
export default function AskPage() {
  usePageTitle('我要咨询 - 网上办事大厅');
  return (
    <div className="bm-portal-page">
      <RequireLogin>
        <AskForm />
      </RequireLogin>
    </div>
  );
}

import { CheckCircleOutlined, ClockCircleOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Skeleton, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../shared/api';
import { fmtDateTime } from '../../../shared/format';
import { useLoad } from '../../../shared/hooks';
import { usePageTitle } from '../../../shared/title';
import { RequireLogin } from '../RequireLogin';
import type { Consultation, ConsultationList } from './types';
import './consult.css';

const STATUS_TAG: Record<Consultation['status'], { color: string; icon: React.ReactNode }> = {
  open: { color: 'orange', icon: <ClockCircleOutlined /> },
  answered: { color: 'green', icon: <CheckCircleOutlined /> },
  closed: { color: 'default', icon: <MinusCircleOutlined /> },
};

function ConsultationCard({ c }: { c: Consultation }) {
  const tag = STATUS_TAG[c.status];
  return (
    <div className="bm-consult-card" data-testid="my-consultation">
      <div className="bm-consult-head">
        <span className="bm-consult-subject">{c.itemName ?? c.centerName}</span>
        <Tag color={tag.color} icon={tag.icon} style={{ marginInlineEnd: 0 }}>
          {c.statusLabel}
        </Tag>
      </div>
      <div className="bm-muted">
        {fmtDateTime(c.createdAt).slice(0, 16)} · {c.centerName}
      </div>
      <p className="bm-consult-q">{c.question}</p>
      {c.status === 'answered' && c.answer && (
        <div className="bm-consult-a">
          <div className="bm-consult-a-head">
            <strong>{c.centerName}答复</strong>
            <span className="bm-muted">{fmtDateTime(c.answeredAt).slice(0, 16)}</span>
          </div>
          <div className="bm-pre">{c.answer}</div>
          {c.published && <div className="bm-consult-public">已作为常见问题公开（不显示您的姓名）</div>}
        </div>
      )}
      {c.status === 'closed' && <div className="bm-consult-closed">已关闭{c.answer ? `：${c.answer}` : ''}</div>}
      {c.status === 'open' && <div className="bm-muted">等待工作人员答复，答复后会通过“消息”通知您。</div>}
    </div>
  );
}

function MyConsultations() {
  const r = useLoad((signal) => api.get<ConsultationList>('/consultations/mine', undefined, { signal }), []);
  const items = r.data?.items ?? [];
  return (
    <Card
      title="我的咨询"
      styles={{ body: { padding: 12 } }}
      extra={
        <Link to="/portal/consult/ask">
          <PlusOutlined /> 我要咨询
        </Link>
      }
    >
      {r.loading && !r.data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : r.error ? (
        <Alert
          type="error"
          showIcon
          title={r.error.message}
          action={
            <Button size="small" onClick={r.reload}>
              重试
            </Button>
          }
        />
      ) : items.length === 0 ? (
        <Empty description="您还没有提出过咨询。办事前有疑问，可以先问一问。">
          <Link to="/portal/consult/ask">
            <Button type="primary">我要咨询</Button>
          </Link>
        </Empty>
      ) : (
        <div className="bm-consult-list">
          {items.map((c) => (
            <ConsultationCard key={c.id} c={c} />
          ))}
        </div>
      )}
    </Card>
  );
}

/** 我的咨询: the signed-in citizen's questions with the answers, newest first. */
export default function MyConsultationsPage() {
  usePageTitle('我的咨询 - 网上办事大厅');
  return (
    <div className="bm-portal-page">
      <RequireLogin>
        <MyConsultations />
      </RequireLogin>
    </div>
  );
}

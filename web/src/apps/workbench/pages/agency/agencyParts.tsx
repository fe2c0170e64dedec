import { Tag, Tooltip } from 'antd';
import { api } from '../../../../shared/api';
import { useLoad } from '../../../../shared/hooks';
import { MANDATE_STATUS_LABELS, type AgentList, type MandateStatus, type Timeliness } from './agencyTypes';
import './agency.css';

const MANDATE_COLORS: Record<MandateStatus, string> = { registered: 'gold', submitted: 'blue', handed_over: 'green', cancelled: 'default' };

export function MandateStatusTag({ status }: { status: MandateStatus }) {
  return (
    <Tag color={MANDATE_COLORS[status]} data-mandate-status={status}>
      {MANDATE_STATUS_LABELS[status]}
    </Tag>
  );
}

/**
 * Did the materials reach the township in time (AGENCY_DELIVER_WORKDAYS working days after collection):
 * 「逾期 2 个工作日」 red, 「今日须送达」 orange, 「剩 1 个工作日」, 「按时送达」 green.
 */
export function TimelinessTag({ t, status }: { t: Timeliness; status: MandateStatus }) {
  const tip = `收件 ${t.collectedOn}，应于 ${t.dueOn} 前送达镇（街道）${t.submittedOn ? `，${t.submittedOn} 送达` : ''}`;
  let tag;
  if (t.late) tag = <Tag color="red">{t.submittedOn ? `逾期 ${t.daysLate} 个工作日送达` : `已逾期 ${t.daysLate} 个工作日`}</Tag>;
  else if (t.submittedOn) tag = <Tag color="green">按时送达</Tag>;
  else if (status === 'cancelled') return <span className="bm-muted">—</span>;
  else if (t.remaining === 0) tag = <Tag color="orange">今日须送达</Tag>;
  else if (t.remaining !== null) tag = <Tag color={t.remaining <= 1 ? 'orange' : 'blue'}>剩 {t.remaining} 个工作日</Tag>;
  else tag = <Tag>待送达</Tag>;
  return (
    <Tooltip title={tip}>
      <span data-late={t.late ? 'true' : 'false'}>{tag}</span>
    </Tooltip>
  );
}

/** Village and agent options of the caller's scope (from the agents list). */
export function useAgencyFilters() {
  const agents = useLoad((signal) => api.get<AgentList>('/agency/agents', undefined, { signal }), []);
  const rows = agents.data?.items ?? [];
  const villages = [...new Map(rows.map((a) => [a.villageCenterId, { value: a.villageCenterId, label: `${a.villageName}（${a.townshipName}）` }])).values()];
  const agentOptions = rows.map((a) => ({ value: a.userId, label: `${a.name} · ${a.villageName.replace(/便民服务室$/, '')}` }));
  return { loading: agents.loading, villages, agents: agentOptions };
}

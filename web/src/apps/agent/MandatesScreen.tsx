import { Alert, Empty, Segmented, Skeleton, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { fmtRelative } from '../../shared/format';
import { useAgent } from './context';
import { agencyApi, useCached } from './data';
import { mandateBucket, timelinessText, type MandateBucket } from './rules';
import { cacheKeys } from './store';
import { useEngine } from './sync';
import type { MandateSummary } from './types';

const BUCKETS: { value: MandateBucket | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'active', label: '办理中' },
  { value: 'correcting', label: '待补正' },
  { value: 'handover', label: '待移交' },
  { value: 'done', label: '已完成' },
];

const STATUS_COLORS: Record<string, string> = { registered: 'orange', submitted: 'blue', handed_over: 'green', cancelled: 'default' };

export function MandateCard({ m }: { m: MandateSummary }) {
  const t = timelinessText(m.timeliness);
  return (
    <Link to={`/agent/mandates/${m.id}`} className="bm-agent-card bm-agent-mandate" data-testid="mandate-card">
      <div className="bm-agent-entry-head">
        <span className="bm-agent-strong">{m.villagerName}</span>
        <Tag color={STATUS_COLORS[m.status] ?? 'default'}>{m.statusLabel}</Tag>
      </div>
      <div>{m.itemName}</div>
      {m.case && (
        <div className="bm-agent-muted">
          {m.case.caseNo} · <span className={m.case.status === 'correcting' ? 'bm-agent-warn-text' : undefined}>{m.case.statusLabel}</span>
          {m.case.delivered && m.status !== 'handed_over' ? ' · 结果待移交' : ''}
        </div>
      )}
      {m.status !== 'cancelled' && (
        <div className={`bm-agent-due ${t.tone}`}>
          {m.timeliness.late && <Tag color="red">超期</Tag>}
          {t.text}
        </div>
      )}
    </Link>
  );
}

/** 我的代办: the agent's matters from the server (kept on the phone for offline viewing). */
export function MandatesScreen() {
  const { profile } = useAgent();
  const { online, syncedCount, entries } = useEngine();
  const list = useCached(cacheKeys.mandates(profile.userId), (signal) => agencyApi.mandates(signal), [online, syncedCount]);
  const [bucket, setBucket] = useState<MandateBucket | 'all'>('all');
  const counts = useMemo(() => {
    const c: Record<string, number> = { all: 0, active: 0, correcting: 0, handover: 0, done: 0 };
    for (const m of list.value?.items ?? []) {
      c.all++;
      c[mandateBucket(m)]++;
    }
    return c;
  }, [list.value]);
  const shown = (list.value?.items ?? []).filter((m) => bucket === 'all' || mandateBucket(m) === bucket);

  return (
    <div className="bm-agent-page">
      {entries.length > 0 && (
        <Link to="/agent/sync">
          <Alert type="info" showIcon title={`另有 ${entries.length} 件保存在本机、尚未同步`} className="bm-agent-alert" />
        </Link>
      )}
      {list.fromCache && list.value && (
        <div className="bm-agent-muted bm-agent-count">
          {online ? '正在刷新…' : '离线'} · 显示的是本机 {fmtRelative(list.savedAt)} 保存的列表
        </div>
      )}
      {list.error && list.error.code !== 'OFFLINE' && <Alert type="error" showIcon title={list.error.message} className="bm-agent-alert" />}
      <div className="bm-agent-filter">
        <Segmented
          value={bucket}
          onChange={(v) => setBucket(v as MandateBucket | 'all')}
          options={BUCKETS.map((b) => ({ value: b.value, label: counts[b.value] ? `${b.label} ${counts[b.value]}` : b.label }))}
          aria-label="按办理情况筛选"
        />
      </div>
      {!list.value && list.loading && <Skeleton active paragraph={{ rows: 6 }} />}
      {!list.value && !list.loading && (
        <section className="bm-agent-card">
          <Empty description={online ? '暂时无法获取代办列表' : '离线，本机还没有保存代办列表'} />
        </section>
      )}
      {list.value && shown.length === 0 && (
        <section className="bm-agent-card">
          <Empty description="没有这类代办事项" />
        </section>
      )}
      {shown.map((m) => (
        <MandateCard key={m.id} m={m} />
      ))}
      {list.value && list.value.total > list.value.items.length && <div className="bm-agent-muted bm-agent-count">仅显示最近 {list.value.items.length} 件，共 {list.value.total} 件</div>}
    </div>
  );
}

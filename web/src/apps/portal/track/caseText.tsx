import { Tag, Timeline, Typography } from 'antd';
import { fmtDateTime } from '../../../shared/format';
import type { CaseDeadline, CaseStatusKey } from '../../../shared/types';
import { CASE_STATUSES } from '../../../../../src/modules/cases/cases.rules';

/** How the portal words a case's state for the applicant. */
const COLORS: Record<CaseStatusKey, string> = {
  received: 'cyan',
  accepted: 'blue',
  correcting: 'gold',
  rejected: 'red',
  suspended: 'default',
  concluded: 'green',
  in_review: 'blue',
  returned: 'volcano',
  withdrawn: 'default',
};

export function CaseStatusTag({ status, decision }: { status: CaseStatusKey; decision: 'approve' | 'deny' | null }) {
  const label = status === 'concluded' && decision ? `办结（${decision === 'approve' ? '准予' : '不予'}）` : CASE_STATUSES[status].label;
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {label}
    </Tag>
  );
}

/** 「预计 2026-06-03 前办结（还剩 5 个工作日）」, or what the applicant is waiting for. */
export function deadlineText(status: CaseStatusKey, d: CaseDeadline): string {
  if (status === 'correcting') return '请按一次性告知书补齐材料，补齐后开始计算办理时限';
  if (status === 'received') return '已收件，等待受理';
  if (status === 'suspended') return `特别程序进行中，期间不计入办理时限${d.dueDate ? `（当前期限 ${d.dueDate}）` : ''}`;
  if (!d.dueDate || d.remaining === null) return '';
  if (d.remaining < 0) return `已超过承诺期限 ${d.dueDate}，如有疑问请联系办理窗口`;
  if (d.remaining === 0) return `承诺今日（${d.dueDate}）办结`;
  return `预计 ${d.dueDate} 前办结（还剩 ${d.remaining} 个工作日）`;
}

/** 办理进度: the case's events, newest first; the newest is green once the case is concluded. */
export function CaseTimeline({ status, timeline }: { status: CaseStatusKey; timeline: readonly { at: string; label: string; note: string }[] }) {
  return (
    <Timeline
      items={[...timeline].reverse().map((e, i) => ({
        key: `${e.at}-${i}`,
        color: i === 0 ? (status === 'concluded' ? 'green' : 'blue') : 'gray',
        content: (
          <div className="bm-track-event">
            <div>
              <strong>{e.label}</strong>
              <Typography.Text type="secondary" className="bm-track-time">
                {fmtDateTime(e.at).slice(0, 16)}
              </Typography.Text>
            </div>
            {e.note && <div className="bm-track-note">{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

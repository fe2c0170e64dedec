import { Tag, Tooltip } from 'antd';
import type { CaseDeadline, CaseStatusKey } from '../../../../shared/types';

/**
 * Case enums and labels shared with the server (cases.rules.ts is pure), and how the workbench shows
 * a case's state and its deadline.
 */
export { CASE_STATUSES, CHANNELS, DELIVERY_METHODS, PAUSE_KINDS, OPEN_STATUSES } from '../../../../../../src/modules/cases/cases.rules';
export { NECESSITIES, MATERIAL_FORMS, SPECIAL_PROCEDURES, ITEM_LEVEL_LABELS, HANDLING_TYPES } from '../../../../../../src/modules/catalog/catalog.rules';
import { CASE_STATUSES } from '../../../../../../src/modules/cases/cases.rules';

export const STATUS_COLORS: Record<CaseStatusKey, string> = {
  received: 'cyan',
  accepted: 'blue',
  correcting: 'gold',
  rejected: 'red',
  suspended: 'default',
  concluded: 'green',
  in_review: 'processing',
  returned: 'volcano',
  withdrawn: 'default',
};

/** 「12 在办」: the national status code beside its label. */
export function StatusTag({ status, decision }: { status: CaseStatusKey; decision?: 'approve' | 'deny' | null }) {
  const s = CASE_STATUSES[status];
  const suffix = status === 'concluded' && decision ? (decision === 'approve' ? '·准予' : '·不予') : '';
  return (
    <Tooltip title={`国家标准办件状态代码 ${s.code}`}>
      <Tag color={STATUS_COLORS[status]} data-status={status}>
        <span className="bm-case-code">{s.code}</span> {s.label}
        {suffix}
      </Tag>
    </Tooltip>
  );
}

/** Remaining working days as words: 「剩 3 个工作日」「今日到期」「超期 2 个工作日」. */
export function remainingText(d: CaseDeadline): string {
  if (d.state === 'paused') return d.remaining === null ? '已挂起，暂停计时' : `挂起中（剩 ${d.remaining} 个工作日）`;
  if (d.remaining === null) return '';
  if (d.remaining < 0) return `超期 ${-d.remaining} 个工作日`;
  if (d.remaining === 0) return '今日到期';
  return `剩 ${d.remaining} 个工作日`;
}

const DEADLINE_COLORS: Record<CaseDeadline['state'], string> = { normal: 'green', warning: 'orange', overdue: 'red', paused: 'default', none: 'default' };

/** The deadline as a coloured tag: normal green, warning orange, overdue red, paused grey. */
export function DeadlineTag({ deadline }: { deadline: CaseDeadline }) {
  const text = remainingText(deadline);
  if (!text) return null;
  return (
    <Tag color={DEADLINE_COLORS[deadline.state]} data-deadline={deadline.state}>
      {text}
    </Tag>
  );
}

export const NOTICE_LABELS: Record<string, string> = {
  acceptance: '受理通知书',
  correction: '一次性告知书',
  rejection: '不予受理通知书',
  decision: '决定书',
  delivery: '送达回证',
};

/** The printable notice of a case (served inline; opens in a new tab for printing). */
export const noticeUrl = (caseId: string, kind: string): string => `/api/cases/${caseId}/notices/${kind}.pdf`;

/**
 * An Idempotency-Key (UUID v4). `crypto.randomUUID` exists only in secure contexts (HTTPS or
 * localhost); a county intranet on plain HTTP still has `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What a 422 carries in `details`: every problem of the checklist (code + message). */
export function problemList(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details
    .map((d) => (d && typeof d === 'object' && typeof (d as { message?: unknown }).message === 'string' ? (d as { message: string }).message : null))
    .filter((m): m is string => !!m);
}

import { addWorkingDays, businessDate, workdaysBetween, remainingWorkdays, type WorkCalendar } from '../calendar/calendar.rules.js';
import type { CaseStatus } from '../cases/cases.rules.js';

/**
 * Pure rules of the village agency: the timeliness of a matter (materials must reach the township
 * within AGENCY_DELIVER_WORKDAYS working days of collection), what an agent may do with a mandate
 * now, when a result can be handed over, and how the ledger names an outcome.
 */

export const MANDATE_STATUS_KEYS = ['registered', 'submitted', 'handed_over', 'cancelled'] as const;
export type MandateStatus = (typeof MANDATE_STATUS_KEYS)[number];
export const MANDATE_STATUS_LABELS: Record<MandateStatus, string> = { registered: '已登记待提交', submitted: '已提交', handed_over: '已移交结果', cancelled: '已取消' };

// ---------------------------------------------------------------------------------------------------
// Timeliness

/**
 * When the materials count as collected: the device's clock, but never later than the server's
 * receipt (a device clock running ahead cannot buy the agent extra days).
 */
export function collectedAtOf(device: Date, serverNow: Date): Date {
  return device.getTime() > serverNow.getTime() ? serverNow : device;
}

/** The business date (Asia/Shanghai) of the collection, and the working day the materials are due at the township. */
export function collectionDates(cal: WorkCalendar, collectedAt: Date, workdays: number): { collectedOn: string; dueOn: string } {
  const collectedOn = businessDate(collectedAt);
  return { collectedOn, dueOn: addWorkingDays(cal, collectedOn, workdays) };
}

export interface TimelinessInput {
  status: MandateStatus;
  collectedOn: string;
  dueOn: string;
  /** Business date the materials reached the township or county (the submission). */
  submittedOn: string | null;
}

/**
 * Late: submitted after the due day, or still waiting (registered) after it. A cancelled matter that
 * never went up is not late. Dates are ISO strings, so they compare as text.
 */
export function isLate(m: TimelinessInput, today: string): boolean {
  if (m.submittedOn) return m.submittedOn > m.dueOn;
  return m.status === 'registered' && today > m.dueOn;
}

export interface Timeliness {
  collectedOn: string;
  dueOn: string;
  submittedOn: string | null;
  remaining: number | null;
  late: boolean;
  daysLate: number;
}

/**
 * The timeliness shown for a matter. `cal` null (a calendar year missing) still says late or not, by
 * date, but no working-day counts beyond "at least one day late".
 */
export function timelinessOf(m: TimelinessInput, today: string, cal: WorkCalendar | null): Timeliness {
  const late = isLate(m, today);
  const reached = m.submittedOn ?? today;
  const count = <T>(f: (c: WorkCalendar) => number, fallback: T): number | T => {
    if (!cal) return fallback;
    try {
      return f(cal);
    } catch {
      return fallback;
    }
  };
  const daysLate = late ? count((c) => Math.max(1, workdaysBetween(c, m.dueOn, reached)), 1) : 0;
  const remaining = m.status === 'registered' && !m.submittedOn ? count((c) => remainingWorkdays(c, today, m.dueOn), null) : null;
  return { collectedOn: m.collectedOn, dueOn: m.dueOn, submittedOn: m.submittedOn, remaining, late, daysLate };
}

// ---------------------------------------------------------------------------------------------------
// What can be done with a mandate now

export interface MandateState {
  status: MandateStatus;
  /** The case at the township / county, once submitted. */
  case: { status: CaseStatus; delivered: boolean } | null;
}

/** May the result be handed to the villager now? null when yes, else the refusal. */
export function handoverRefusal(m: MandateState): { code: string; message: string } | null {
  if (m.status === 'handed_over') return { code: 'AGENCY_ALREADY_HANDED_OVER', message: '办理结果已交给申请人' };
  if (m.status !== 'submitted' || !m.case) return { code: 'AGENCY_NOT_SUBMITTED', message: '该代办事项尚未提交到镇（街道）或县，没有可移交的结果' };
  const s = m.case.status;
  // 不予受理 and 退件 end the case with a notice to hand back; an approval or refusal must be delivered first.
  if (s === 'rejected' || s === 'returned') return null;
  if (s === 'concluded') return m.case.delivered ? null : { code: 'AGENCY_RESULT_NOT_RECEIVED', message: '办件已办结，但办理结果尚未送达代办员，请到窗口领取后再移交' };
  if (s === 'withdrawn') return { code: 'AGENCY_CASE_WITHDRAWN', message: '申请已撤回，没有办理结果可移交' };
  return { code: 'AGENCY_CASE_NOT_CONCLUDED', message: '办件尚未办结，暂不能移交结果' };
}

/**
 * The buttons a mandate shows. `mayUpdate`: the caller may act for the village (the agent);
 * `maySupply`: the caller may answer for the case's applicant (the agent of its village room).
 */
export function mandateAbilities(m: MandateState, may: { update: boolean; supply: boolean }): string[] {
  const out: string[] = [];
  if (may.update && m.status === 'registered') out.push('submit', 'cancel');
  const c = m.case;
  if (may.supply && m.status === 'submitted' && c) {
    if (c.status === 'correcting') out.push('answer');
    if (!c.delivered && !['rejected', 'returned', 'withdrawn'].includes(c.status)) out.push('delivery');
  }
  if (may.update && handoverRefusal(m) === null) out.push('handover');
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Ledger

/** The outcome column of the ledger: 准予 / 不予 / 不予受理 / 退件 / 撤回 / 办理中 / 待提交 / 已取消. */
export function ledgerOutcome(status: MandateStatus, c: { status: CaseStatus; decision: string | null } | null): string {
  if (status === 'cancelled') return '已取消';
  if (!c) return '待提交';
  switch (c.status) {
    case 'concluded':
      return c.decision === 'deny' ? '不予' : '准予';
    case 'rejected':
      return '不予受理';
    case 'returned':
      return '退件';
    case 'withdrawn':
      return '撤回';
    default:
      return '办理中';
  }
}

/** First and last day of a `YYYY-MM` month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** 2026-11 → 2026年11月 */
export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** Training hours are stored in tenths (1.5 h = 15). */
export const hoursToTenths = (hours: number): number => Math.round(hours * 10);
export const tenthsToHours = (tenths: number): number => tenths / 10;

/**
 * Pure rules of the hall queue (取号/叫号): the hall settings shape every hall module shares, who gets
 * 绿色通道 (priority) and why, ticket codes, which waiting ticket a window calls next, and the daily
 * caps (限号). No I/O.
 */

/** Hall rules a director configures per center (hall_settings.settings). Defaults apply when no row. */
export interface HallSettings {
  priority: { elderlyAge: number; disabled: boolean; veteran: boolean; pregnant: boolean; appointment: boolean };
  /** Recalls (重呼) allowed after the first call; one more recall or skip beyond this makes the ticket a no-show. */
  recallLimit: number;
  appointment: { noShowLimit: number; noShowWindowDays: number; blockDays: number; bookAheadDays: number; checkInEarlyMinutes: number; checkInLateMinutes: number };
  planning: { targetShare: number; targetWaitMinutes: number; weeks: number };
  attendance: { graceMinutes: number };
}

export const DEFAULT_HALL_SETTINGS: HallSettings = {
  priority: { elderlyAge: 65, disabled: true, veteran: true, pregnant: true, appointment: true },
  recallLimit: 3,
  appointment: { noShowLimit: 3, noShowWindowDays: 90, blockDays: 30, bookAheadDays: 14, checkInEarlyMinutes: 30, checkInLateMinutes: 15 },
  planning: { targetShare: 0.8, targetWaitMinutes: 15, weeks: 4 },
  attendance: { graceMinutes: 5 },
};

const num = (v: unknown, fallback: number, min: number, max: number, integer = true): number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v)) ? v : fallback;
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Reads a center's hall_settings.settings JSON; anything missing, mistyped or out of range takes the default. */
export function hallSettingsOf(json: unknown): HallSettings {
  const j = obj(json);
  const d = DEFAULT_HALL_SETTINGS;
  const p = obj(j.priority);
  const a = obj(j.appointment);
  const pl = obj(j.planning);
  const at = obj(j.attendance);
  return {
    priority: {
      elderlyAge: num(p.elderlyAge, d.priority.elderlyAge, 50, 120),
      disabled: bool(p.disabled, d.priority.disabled),
      veteran: bool(p.veteran, d.priority.veteran),
      pregnant: bool(p.pregnant, d.priority.pregnant),
      appointment: bool(p.appointment, d.priority.appointment),
    },
    recallLimit: num(j.recallLimit, d.recallLimit, 0, 10),
    appointment: {
      noShowLimit: num(a.noShowLimit, d.appointment.noShowLimit, 1, 100),
      noShowWindowDays: num(a.noShowWindowDays, d.appointment.noShowWindowDays, 1, 3650),
      blockDays: num(a.blockDays, d.appointment.blockDays, 0, 3650),
      bookAheadDays: num(a.bookAheadDays, d.appointment.bookAheadDays, 1, 90),
      checkInEarlyMinutes: num(a.checkInEarlyMinutes, d.appointment.checkInEarlyMinutes, 0, 240),
      checkInLateMinutes: num(a.checkInLateMinutes, d.appointment.checkInLateMinutes, 0, 240),
    },
    planning: {
      targetShare: num(pl.targetShare, d.planning.targetShare, 0.01, 0.99, false),
      targetWaitMinutes: num(pl.targetWaitMinutes, d.planning.targetWaitMinutes, 0, 240, false),
      weeks: num(pl.weeks, d.planning.weeks, 1, 26),
    },
    attendance: { graceMinutes: num(at.graceMinutes, d.attendance.graceMinutes, 0, 120) },
  };
}

// ---------------------------------------------------------------------------------------------------
// Priority (绿色通道)

/**
 * Birth date (YYYY-MM-DD) of an 18-digit GB 11643 ID number (digits 7-14), or null when the text is
 * not shaped like one or the date does not exist. The check character is not verified here (the
 * kiosk only needs the age; a typo costs at most the priority).
 */
export function birthDateFromIdNumber(idNumber: string): string | null {
  const v = idNumber.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return null;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
}

/**
 * Age in whole years on `today` (both YYYY-MM-DD): one younger while this year's birthday has not come.
 * Someone born on 29 February has their birthday on 1 March in common years (the day after 28 Feb).
 */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - by;
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  // Birthday this year as month/day; 29 Feb → 1 Mar in a common year.
  const [cm, cd] = bm === 2 && bd === 29 && !leap(ty) ? [3, 1] : [bm, bd];
  if (tm < cm || (tm === cm && td < cd)) age -= 1;
  return age;
}

export type PriorityReason = 'elderly' | 'disabled' | 'veteran' | 'pregnant' | 'appointment';
export const PRIORITY_REASONS: readonly PriorityReason[] = ['appointment', 'elderly', 'disabled', 'veteran', 'pregnant'];
export const PRIORITY_REASON_LABELS: Record<PriorityReason, string> = {
  elderly: '老年人',
  disabled: '残疾人',
  veteran: '军人/退役军人',
  pregnant: '孕妇',
  appointment: '预约',
};

export interface PriorityInput {
  /** YYYY-MM-DD (e.g. from birthDateFromIdNumber); used only to compute the age. */
  birthDate?: string | null;
  disabled?: boolean;
  veteran?: boolean;
  pregnant?: boolean;
  appointment?: boolean;
}

/**
 * Whether a ticket gets 绿色通道, and the first reason that applies in this order: appointment,
 * elderly, disabled, veteran, pregnant. A declared reason counts only when the center enables it;
 * elderly means age ≥ settings.priority.elderlyAge on `today`.
 */
export function priorityOf(input: PriorityInput, settings: HallSettings, today: string): { priority: boolean; reason: PriorityReason | null } {
  const p = settings.priority;
  const applies: Record<PriorityReason, boolean> = {
    appointment: p.appointment && !!input.appointment,
    elderly: !!input.birthDate && ageOn(input.birthDate, today) >= p.elderlyAge,
    disabled: p.disabled && !!input.disabled,
    veteran: p.veteran && !!input.veteran,
    pregnant: p.pregnant && !!input.pregnant,
  };
  const reason = PRIORITY_REASONS.find((r) => applies[r]) ?? null;
  return { priority: reason !== null, reason };
}

// ---------------------------------------------------------------------------------------------------
// Codes, caps, call order

/** Ticket code: prefix + number, 3 digits (A001 … A999), 4 digits past 999 (A1000). */
export function ticketCode(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(3, '0')}`;
}

/** Next free prefix letter (A, B, …, Z) given those in use; null when all 26 are taken. */
export function nextPrefix(used: readonly string[]): string | null {
  for (let i = 0; i < 26; i++) {
    const c = String.fromCharCode(65 + i);
    if (!used.includes(c)) return c;
  }
  return null;
}

/** 限号 for taking: the category has issued `issuedToday` tickets today (any status); null cap = no cap. */
export const categoryCapReached = (dailyCap: number | null, issuedToday: number): boolean => dailyCap !== null && issuedToday >= dailyCap;
/** 限号 for calling: the window has called `calledToday` tickets today; null cap = no cap. */
export const windowCapReached = (dailyCap: number | null, calledToday: number): boolean => dailyCap !== null && calledToday >= dailyCap;

export const TICKET_SOURCES = ['kiosk', 'desk', 'portal', 'appointment'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/**
 * Whether the category's daily cap refuses a ticket of this source that would take `number` (the
 * counter value, 1-based). An appointment check-in is a place already promised when it was booked:
 * the cap never refuses it, but its number still counts among the day's issued numbers, so walk-ins
 * after it meet the cap as before.
 */
export const categoryCapRefuses = (source: TicketSource, dailyCap: number | null, number: number): boolean =>
  source !== 'appointment' && categoryCapReached(dailyCap, number - 1);

/** 'YYYY-MM-DD' → '3月5日'. */
export const monthDayLabel = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/**
 * The 限号 refusal (QUEUE_CAP_REACHED) a person reads. nextAppointmentDay: the first day with a free
 * appointment place (a date), none in the bookable days (null), or not looked up (undefined).
 */
export function capRefusalMessage(categoryName: string, dailyCap: number, nextAppointmentDay?: string | null): string {
  const head = `“${categoryName}”今日号源已取完（限${dailyCap}号）`;
  if (nextAppointmentDay === undefined) return `${head}，请改日再来或通过“预约办事”预约其他时段`;
  if (nextAppointmentDay === null) return `${head}，近期也没有可预约的时段，请改日再来`;
  return `${head}，可预约 ${monthDayLabel(nextAppointmentDay)} 的时段，请通过“预约办事”预约`;
}

/**
 * Whether a window at its daily cap may still call tickets of this source: only appointment tickets
 * (a promised place must not wait for a window that stopped calling walk-ins).
 */
export const callableAtWindowCap = (source: TicketSource): boolean => source === 'appointment';

export interface Candidate {
  id: string;
  categoryId: string;
  priority: boolean;
  queuedAt: Date;
  targetWindowId: string | null;
}

/**
 * The call order (the SQL in queue.repo.ts implements the same order; this is its specification):
 * 1. tickets transferred to this very window (targetWindowId = window) first (绿色通道 first, then oldest);
 * 2. then the first of the window's categories, in the window's configured order, that has a waiting
 *    ticket (tickets targeted at another window are not candidates);
 * 3. within that category, 绿色通道 tickets first, then the oldest queuedAt (ties: id).
 * Returns the candidates sorted; the head is called next.
 */
export function callOrder(candidates: readonly Candidate[], windowId: string, categoryOrder: readonly string[]): Candidate[] {
  const rank = (c: Candidate) => (c.targetWindowId === windowId ? -1 : categoryOrder.indexOf(c.categoryId));
  return candidates
    .filter((c) => c.targetWindowId === windowId || (c.targetWindowId === null && categoryOrder.includes(c.categoryId)))
    .slice()
    .sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      if (ra !== rb) return ra - rb;
      if (a.priority !== b.priority) return a.priority ? -1 : 1;
      const t = a.queuedAt.getTime() - b.queuedAt.getTime();
      return t !== 0 ? t : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
}

/**
 * Recall (重呼) and skip (过号): the ticket has been called and recalled `recalls` times. A recall
 * beyond recallLimit, or a skip of a ticket already recalled recallLimit times, makes it a no-show;
 * otherwise a skip sends it back to the end of its category's line (queuedAt = now).
 */
export const recallExhausts = (recalls: number, recallLimit: number): boolean => recalls + 1 > recallLimit;
export const skipOutcome = (recalls: number, recallLimit: number): 'requeue' | 'no_show' => (recalls >= recallLimit ? 'no_show' : 'requeue');

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';
export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  waiting: '等候中',
  called: '已叫号',
  serving: '办理中',
  done: '已办结',
  no_show: '过号未到',
  cancelled: '已取消',
};

// ---------------------------------------------------------------------------------------------------
// The holder's own ticket (portal 我的排号)

/**
 * Why the holder may not cancel their own ticket from the portal, or null when they may. Only a
 * waiting ticket can be given up online; once called, a window is waiting for the person, so they
 * tell the clerk there instead. One stable code (TICKET_NOT_WAITING), a message per status.
 */
export function selfCancelRefusal(t: { status: TicketStatus; code: string; windowNumber: number | null }): { code: 'TICKET_NOT_WAITING'; message: string } | null {
  const at = t.windowNumber !== null ? `${t.windowNumber}号窗口` : '窗口';
  switch (t.status) {
    case 'waiting':
      return null;
    case 'called':
      return { code: 'TICKET_NOT_WAITING', message: `${t.code}号已叫号，不能在线取消。请到${at}办理；不办了请告诉窗口工作人员` };
    case 'serving':
      return { code: 'TICKET_NOT_WAITING', message: `${t.code}号正在${at}办理，不能取消` };
    default:
      return { code: 'TICKET_NOT_WAITING', message: `${t.code}号${TICKET_STATUS_LABELS[t.status]}，不用再取消` };
  }
}

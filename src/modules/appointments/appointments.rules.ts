import { randomInt } from 'node:crypto';
import { addDays, isoWeekday, isWeekend } from '../calendar/calendar.rules.js';

/**
 * Pure rules of appointments (预约): cutting a session into slots, on which days a session runs, the
 * no-show block, the check-in window and the booking code. No database, no clock: callers pass today
 * and now.
 */

export const SESSION_KINDS = ['regular', 'weekend', 'after_hours'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_KIND_LABELS: Record<SessionKind, string> = { regular: '工作日', weekend: '周末/节假日', after_hours: '延时服务' };

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'checked_in', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = { booked: '已预约', cancelled: '已取消', checked_in: '已签到', no_show: '爽约' };

/** After-hours (延时服务) sessions start when the ordinary office day has ended. */
export const AFTER_HOURS_FROM = '17:00';

/** The part of the hall settings (queue.rules.ts HallSettings.appointment) these rules use. */
export interface AppointmentSettings {
  noShowLimit: number;
  noShowWindowDays: number;
  blockDays: number;
  bookAheadDays: number;
  checkInEarlyMinutes: number;
  checkInLateMinutes: number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const isHhmm = (s: string): boolean => HHMM.test(s);
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export interface SessionShape {
  kind: SessionKind;
  weekdays: number[];
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  capacity: number;
}

/** What is wrong with a session as the director entered it (field → message); empty when fine. */
export function sessionErrors(s: SessionShape): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!isHhmm(s.startsAt)) out.push({ path: 'startsAt', message: '时间格式应为 HH:MM' });
  if (!isHhmm(s.endsAt)) out.push({ path: 'endsAt', message: '时间格式应为 HH:MM' });
  if (out.length) return out;
  if (minutesOf(s.endsAt) <= minutesOf(s.startsAt)) out.push({ path: 'endsAt', message: '结束时间应晚于开始时间' });
  else if (minutesOf(s.endsAt) - minutesOf(s.startsAt) < s.slotMinutes) out.push({ path: 'slotMinutes', message: '时段长度超过了开始到结束的时间' });
  if (s.weekdays.length === 0 || s.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) out.push({ path: 'weekdays', message: '请选择星期' });
  if (s.kind === 'weekend' && s.weekdays.some((d) => d < 6)) out.push({ path: 'weekdays', message: '周末时段只能选择周六、周日（法定节假日自动适用）' });
  if (s.kind === 'after_hours' && minutesOf(s.startsAt) < minutesOf(AFTER_HOURS_FROM)) out.push({ path: 'startsAt', message: `延时服务应在 ${AFTER_HOURS_FROM} 以后开始` });
  return out;
}

/** The slots of a session: consecutive whole slots of slotMinutes from startsAt; a remainder is dropped. */
export function cutSlots(s: Pick<SessionShape, 'startsAt' | 'endsAt' | 'slotMinutes'>): { startsAt: string; endsAt: string }[] {
  const out: { startsAt: string; endsAt: string }[] = [];
  if (!isHhmm(s.startsAt) || !isHhmm(s.endsAt) || s.slotMinutes <= 0) return out;
  const end = minutesOf(s.endsAt);
  for (let m = minutesOf(s.startsAt); m + s.slotMinutes <= end; m += s.slotMinutes) out.push({ startsAt: hhmmOf(m), endsAt: hhmmOf(m + s.slotMinutes) });
  return out;
}

/**
 * Does a session run on this date? `regular` and `after_hours`: a listed weekday that is a working day
 * of the calendar (调休 working Saturdays included, holidays excluded). `weekend`: a rest day — a listed
 * Saturday or Sunday, or any public holiday.
 */
export function sessionRunsOn(s: Pick<SessionShape, 'kind' | 'weekdays'>, date: string, isWorkday: boolean): boolean {
  const wd = isoWeekday(date);
  if (s.kind === 'weekend') return !isWorkday && (isWeekend(date) ? s.weekdays.includes(wd) : true);
  if (!isWorkday) return false;
  // A 调休 working Saturday follows the Monday–Friday sessions: it is a working day like any other.
  return isWeekend(date) ? s.weekdays.some((d) => d <= 5) : s.weekdays.includes(wd);
}

/**
 * The no-show block (爽约限制): noShowLimit no-shows on slot days within the last noShowWindowDays
 * block booking for blockDays from the latest of them. Returns the first day booking is possible
 * again, or null when not blocked today.
 */
export function blockedUntil(history: readonly { status: string; day: string }[], today: string, settings: Pick<AppointmentSettings, 'noShowLimit' | 'noShowWindowDays' | 'blockDays'>): string | null {
  if (settings.noShowLimit <= 0 || settings.blockDays <= 0) return null;
  const from = addDays(today, -settings.noShowWindowDays);
  const days = history
    .filter((h) => h.status === 'no_show' && h.day > from && h.day <= today)
    .map((h) => h.day)
    .sort();
  if (days.length < settings.noShowLimit) return null;
  const until = addDays(days[days.length - 1], settings.blockDays);
  return until > today ? until : null;
}

/** The instant a local Beijing 'HH:MM' on a date is. */
export const instantOf = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+08:00`);

/** 签到 at the kiosk: from checkInEarlyMinutes before the slot starts to checkInLateMinutes after. */
export function checkInWindow(slot: { day: string; startsAt: string }, settings: Pick<AppointmentSettings, 'checkInEarlyMinutes' | 'checkInLateMinutes'>): { opens: Date; closes: Date } {
  const start = instantOf(slot.day, slot.startsAt).getTime();
  return { opens: new Date(start - settings.checkInEarlyMinutes * 60_000), closes: new Date(start + settings.checkInLateMinutes * 60_000) };
}

export type CheckInState = 'early' | 'open' | 'late';
export function checkInState(now: Date, slot: { day: string; startsAt: string }, settings: Pick<AppointmentSettings, 'checkInEarlyMinutes' | 'checkInLateMinutes'>): CheckInState {
  const w = checkInWindow(slot, settings);
  if (now < w.opens) return 'early';
  if (now > w.closes) return 'late';
  return 'open';
}

/** A booked appointment becomes a no-show once its slot has ended more than checkInLateMinutes ago. */
export function isNoShowDue(now: Date, slot: { day: string; endsAt: string }, settings: Pick<AppointmentSettings, 'checkInLateMinutes'>): boolean {
  return now.getTime() > instantOf(slot.day, slot.endsAt).getTime() + settings.checkInLateMinutes * 60_000;
}

/** Bookings may be changed or cancelled only before the slot starts. */
export const slotStarted = (now: Date, slot: { day: string; startsAt: string }): boolean => now >= instantOf(slot.day, slot.startsAt);

/** 预约码: 8 characters without look-alikes (no 0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;
export function newAppointmentCode(rand: (n: number) => number = randomInt): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[rand(CODE_ALPHABET.length)];
  return s;
}
/** What a person typed at the kiosk, normalised (case, spaces, dashes; O→0 is not needed: no 0 or O). */
export const normaliseCode = (s: string): string => s.toUpperCase().replace(/[\s-]/g, '');
export const isAppointmentCode = (s: string): boolean => s.length === CODE_LENGTH && [...s].every((c) => CODE_ALPHABET.includes(c));

/** The days a citizen may book: today … today + bookAheadDays − 1. */
export function bookableDays(today: string, bookAheadDays: number): string[] {
  return Array.from({ length: Math.max(0, bookAheadDays) }, (_, i) => addDays(today, i));
}

/** A stored slot as firstDayWithPlace sees it; offered = its session is active (listed to citizens). */
export interface StoredPlace {
  day: string;
  startsAt: string;
  capacity: number;
  booked: number;
  offered: boolean;
}

/**
 * The first of `days` on which a category has a bookable place, as the slot list would show it, but
 * without materialising anything: a stored slot of an active session offers capacity − booked; a cut
 * of an active session that runs that day and is not stored yet (the unique (category, day, startsAt)
 * would keep a stored one) offers its full capacity. Slots that have started offer nothing.
 * isWorkday(day) is null when the calendar lacks the day's year: such days get no new slots (as in
 * materialiseSlots), only their stored ones count. Null when no day has a place.
 */
export function firstDayWithPlace(
  days: readonly string[],
  now: Date,
  stored: readonly StoredPlace[],
  sessions: readonly SessionShape[],
  isWorkday: (day: string) => boolean | null,
): string | null {
  for (const day of days) {
    const kept = stored.filter((s) => s.day === day);
    if (kept.some((s) => s.offered && s.booked < s.capacity && !slotStarted(now, s))) return day;
    const workday = isWorkday(day);
    if (workday === null) continue;
    const taken = new Set(kept.map((s) => s.startsAt));
    for (const s of sessions) {
      if (s.capacity <= 0 || !sessionRunsOn(s, day, workday)) continue;
      if (cutSlots(s).some((c) => !taken.has(c.startsAt) && !slotStarted(now, { day, startsAt: c.startsAt }))) return day;
    }
  }
  return null;
}

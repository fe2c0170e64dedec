/**
 * Pure rules of hall attendance and load: lateness, absence and early leave against a roster line,
 * the thresholds that mark a window overloaded or idle, and the part of the hall settings these
 * measures use. No I/O.
 */
import { DEFAULT_HALL_SETTINGS, hallSettingsOf, type HallSettings } from '../queue/queue.rules.js';

/** A window is overloaded on a day when its busy share reaches this (service time / time signed in), or when it serves at least its daily cap (windows.daily_cap). */
export const OVERLOADED_BUSY_SHARE = 0.85;
/** A window is idle on a day it was open but served fewer tickets than this (the 南海 observation: under 3 a day). */
export const IDLE_SERVED_BELOW = 3;
/** Longest range of days one report or history request may cover. */
export const MAX_RANGE_DAYS = 92;

/** The hall settings these measures use (the queue module's HallSettings: planning target, attendance grace). */
export type StatsSettings = Pick<HallSettings, 'planning' | 'attendance'>;

export const DEFAULT_STATS_SETTINGS: StatsSettings = { planning: DEFAULT_HALL_SETTINGS.planning, attendance: DEFAULT_HALL_SETTINGS.attendance };

/** The planning and attendance parts of a center's hall_settings.settings JSON (hallSettingsOf: defaults for anything missing or out of range). */
export function statsSettingsOf(json: unknown): StatsSettings {
  const { planning, attendance } = hallSettingsOf(json);
  return { planning, attendance };
}

/** 'HH:MM' → minutes after midnight; null when malformed. */
export function minutesOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** An instant as minutes after midnight of its Asia/Shanghai day (China keeps UTC+8 all year). */
export const localMinutes = (d: Date): number => {
  const ms = d.getTime() + 8 * 3_600_000;
  return Math.floor((((ms % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
};

export interface DaySession {
  signedInAt: Date;
  signedOutAt: Date | null;
  pausedAt: Date | null;
  pausedSeconds: number;
}

export type AttendanceStatus = 'on_time' | 'late' | 'absent' | 'upcoming';

export interface AttendanceVerdict {
  status: AttendanceStatus;
  firstSignIn: Date | null;
  lastSignOut: Date | null;
  /** Minutes after startsAt (only when late). */
  lateMinutes: number;
  /** Signed out for the last time before endsAt (and not signed in again). */
  earlyLeave: boolean;
  earlyMinutes: number;
  /** Time signed in minus pauses, in minutes (open sessions count until `now`). */
  workedMinutes: number;
}

/**
 * One roster line on one working day against that person's sessions of the day (any window of the
 * center): late = first sign-in after startsAt + grace; absent = no sign-in (once the shift has
 * started + grace; before that the line is 'upcoming'); early leave = the last session closed before
 * endsAt; worked = signed-in time minus pauses.
 */
export function judgeAttendance(
  line: { startsAt: string; endsAt: string },
  sessions: readonly DaySession[],
  graceMinutes: number,
  now: Date,
  isToday: boolean,
): AttendanceVerdict {
  const start = minutesOf(line.startsAt) ?? 0;
  const end = minutesOf(line.endsAt) ?? 24 * 60;
  const sorted = [...sessions].sort((a, b) => a.signedInAt.getTime() - b.signedInAt.getTime());
  let worked = 0;
  for (const s of sorted) {
    const until = s.signedOutAt ?? now;
    const pausedOpen = s.pausedAt && !s.signedOutAt ? Math.max(0, now.getTime() - s.pausedAt.getTime()) / 1000 : 0;
    worked += Math.max(0, (until.getTime() - s.signedInAt.getTime()) / 1000 - s.pausedSeconds - pausedOpen);
  }
  const first = sorted[0]?.signedInAt ?? null;
  const anyOpen = sorted.some((s) => !s.signedOutAt);
  const lastOut = anyOpen || sorted.length === 0 ? null : sorted.reduce((m, s) => (s.signedOutAt! > m ? s.signedOutAt! : m), sorted[0].signedOutAt!);
  let status: AttendanceStatus;
  let lateMinutes = 0;
  if (!first) status = isToday && localMinutes(now) < start + graceMinutes ? 'upcoming' : 'absent';
  else {
    const at = localMinutes(first);
    if (at > start + graceMinutes) {
      status = 'late';
      lateMinutes = at - start;
    } else status = 'on_time';
  }
  const outAt = lastOut ? localMinutes(lastOut) : null;
  const earlyLeave = outAt !== null && outAt < end;
  return {
    status,
    firstSignIn: first,
    lastSignOut: lastOut,
    lateMinutes,
    earlyLeave,
    earlyMinutes: earlyLeave && outAt !== null ? end - outAt : 0,
    workedMinutes: Math.round(worked / 60),
  };
}

/** Overloaded / idle marks of a window's day. */
export function markDay(d: { served: number; busyShare: number | null; dailyCap: number | null; opened: boolean }): { overloaded: boolean; idle: boolean } {
  const overloaded = (d.busyShare !== null && d.busyShare >= OVERLOADED_BUSY_SHARE) || (d.dailyCap !== null && d.dailyCap > 0 && d.served >= d.dailyCap);
  return { overloaded, idle: d.opened && !overloaded && d.served < IDLE_SERVED_BELOW };
}

/** Days from `from` to `to` inclusive (ISO dates). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

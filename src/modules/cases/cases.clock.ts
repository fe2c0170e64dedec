import type { Executor } from '../../db/client.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { addDays, addWorkingDays, businessDate, remainingWorkdays, workdaysBetween, type WorkCalendar } from '../calendar/calendar.rules.js';
import { DEFAULT_WARN_WITHIN } from './cases.rules.js';

/**
 * The case engine's view of time: today's business date (Asia/Shanghai) and working-day arithmetic on
 * the official calendar. Any computation that reaches a year without a calendar throws
 * CALENDAR_YEAR_MISSING (422) — a deadline is never guessed.
 */
export interface Clock {
  today(): string;
  /** Due date of `days` promised working days accepted on `acceptedOn`, moved by `pausedWorkdays`. */
  dueDate(acceptedOn: string, days: number, pausedWorkdays: number): string;
  addWorkdays(from: string, n: number): string;
  workdaysBetween(from: string, to: string): number;
  /** Working days left to the due date (0 on the day, negative when overdue). */
  remaining(due: string): number;
  /** Working days before the due date from which an open case shows as warning (CASE_WARN_WORKDAYS). */
  warnWithin: number;
}

export function clockOf(cal: WorkCalendar, today: string, warnWithin = DEFAULT_WARN_WITHIN): Clock {
  return {
    warnWithin,
    today: () => today,
    dueDate: (acceptedOn, days, paused) => addWorkingDays(cal, acceptedOn, days + paused),
    addWorkdays: (from, n) => addWorkingDays(cal, from, n),
    workdaysBetween: (from, to) => workdaysBetween(cal, from, to),
    remaining: (due) => remainingWorkdays(cal, today, due),
  };
}

/** The clock for now; reads the calendar through the caller's transaction. */
export async function loadClock(tx: Executor, now: Date = new Date(), warnWithin = DEFAULT_WARN_WITHIN): Promise<Clock> {
  const today = businessDate(now);
  const cal = await loadCalendar(tx, addDays(today, -400), addDays(today, 400));
  return clockOf(cal, today, warnWithin);
}

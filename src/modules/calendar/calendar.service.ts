import type { Executor } from '../../db/client.js';
import { writeAudit, type FieldChanges } from '../../platform/audit.js';
import type { Actor, RequestMeta } from '../../platform/auth-context.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Invalid } from '../../platform/errors.js';
import { mayAttempt, requireAbility } from '../../platform/policy.js';
import type { CalendarDay, ImportReport, UpdateDayBody, YearResponse, YearsResponse, YearStatus } from './calendar.contract.js';
import * as repo from './calendar.repo.js';
import {
  addWorkingDays,
  businessDate,
  calendarOfYears,
  checkDay,
  checkYearImport,
  cleanName,
  countYear,
  extendByPausedDays,
  fillYear,
  isIsoDate,
  kindFromLabel,
  normalizeDate,
  remainingWorkdays,
  workdaysBetween,
  yearOf,
  type CalendarKind,
  type CalendarSource,
  type ImportDay,
  type ImportProblem,
  type WorkCalendar,
} from './calendar.rules.js';

/**
 * The working-day calendar: the functions the case engine calls inside its own transaction
 * (`loadCalendar`, `dueDate` …: they take the caller's executor and never open a transaction), the
 * public arithmetic, and the administration use cases (one transaction each, audited in it).
 */

export interface CalendarCtx {
  actor: Actor;
  meta: RequestMeta;
}

// ---------------------------------------------------------------------------------------------------
// Loading, with a per-process cache of whole years keyed by the year's revision

const cache = new Map<number, { revision: string; days: Map<string, string> }>();

/** Forget the cached years (tests). Not needed for correctness: revisions are checked on every load. */
export const clearCalendarCache = (): void => cache.clear();

function checkDateArg(date: string): void {
  if (!isIsoDate(date)) throw new Invalid(`日期“${date}”格式不正确，应为 YYYY-MM-DD`, undefined, 'INVALID_DATE');
}

/**
 * The calendar for computations starting at `fromDate` (and `toDate`, when earlier): every complete
 * year from the earlier of the two on, so a deadline may run on into later years as far as the
 * calendar goes; any date outside those years throws CALENDAR_YEAR_MISSING when asked. Runs on the
 * caller's executor (a transaction or the database): one primary-key read of the years' revisions,
 * plus one read of the days of a year this process has not cached at that revision.
 */
export async function loadCalendar(tx: Executor, fromDate: string, toDate?: string): Promise<WorkCalendar> {
  checkDateArg(fromDate);
  if (toDate !== undefined) checkDateArg(toDate);
  const fromYear = Math.min(yearOf(fromDate), toDate ? yearOf(toDate) : Infinity);
  const heads = await repo.completeYearHeads(tx, fromYear);
  const stale = heads.filter((h) => cache.get(h.year)?.revision !== h.revision).map((h) => h.year);
  const loaded = new Map<number, { revision: string; days: Map<string, string> }>();
  if (stale.length > 0) {
    for (const r of await repo.daysWithRevision(tx, stale)) {
      let entry = loaded.get(r.year);
      if (!entry) loaded.set(r.year, (entry = { revision: r.revision, days: new Map() }));
      entry.days.set(r.date, r.kind);
    }
    for (const [year, entry] of loaded) cache.set(year, entry);
  }
  const years = new Map<number, Map<string, string>>();
  for (const h of heads) {
    // A year just read is used as read (its revision may be newer than the head's, never older).
    const entry = loaded.get(h.year) ?? cache.get(h.year);
    if (entry && entry.days.size > 0) years.set(h.year, entry.days);
  }
  return calendarOfYears(years);
}

/**
 * The due date of a case: `days` promised working days from the first working day after
 * `acceptedOn` (0 = 即办, the same day), moved on by `pausedWorkdays` working days of pauses.
 * Throws CALENDAR_YEAR_MISSING (422) when the computation reaches a year without a calendar.
 */
export async function dueDate(tx: Executor, acceptedOn: string, days: number, pausedWorkdays = 0): Promise<string> {
  const cal = await loadCalendar(tx, acceptedOn);
  return extendByPausedDays(cal, addWorkingDays(cal, acceptedOn, days), pausedWorkdays);
}

/** Working days in (from, to]; negative when `to` is before `from`. */
export async function workdaysBetweenDates(tx: Executor, from: string, to: string): Promise<number> {
  const cal = await loadCalendar(tx, from, to);
  return workdaysBetween(cal, from, to);
}

/** Working days left until the end of `due` as of `today` (default: today in China); 0 on the day, negative when overdue. */
export async function remainingWorkdaysTo(tx: Executor, due: string, today: string = businessDate()): Promise<number> {
  const cal = await loadCalendar(tx, today, due);
  return remainingWorkdays(cal, today, due);
}

// ---------------------------------------------------------------------------------------------------
// Public arithmetic (no session needed)

export async function publicDue(deps: Deps, from: string, days: number): Promise<{ due: string }> {
  return { due: await dueDate(deps.db, from, days) };
}

export async function publicWorkdays(deps: Deps, from: string, to: string): Promise<{ workdays: number }> {
  return { workdays: await workdaysBetweenDates(deps.db, from, to) };
}

// ---------------------------------------------------------------------------------------------------
// Administration

const abilitiesOf = (actor: Actor) => ({ update: mayAttempt(actor, 'update', 'calendar'), import: mayAttempt(actor, 'import', 'calendar') });

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function toStatus(y: repo.YearRow): YearStatus {
  return { year: y.year, complete: y.complete, source: y.source as CalendarSource, note: y.note, updatedAt: iso(y.updatedAt) };
}

function toDay(d: repo.DayRow): CalendarDay {
  return { date: d.date, kind: d.kind as CalendarKind, name: d.name, swapped: d.swapped, source: d.source as CalendarSource, updatedAt: iso(d.updatedAt) };
}

export async function listYears(deps: Deps, ctx: CalendarCtx): Promise<YearsResponse> {
  requireAbility(ctx.actor, 'read', 'calendar');
  const years = await repo.listYears(deps.db);
  return { years: years.map(toStatus), today: businessDate(), abilities: abilitiesOf(ctx.actor) };
}

export async function getYear(deps: Deps, ctx: CalendarCtx, year: number): Promise<YearResponse> {
  requireAbility(ctx.actor, 'read', 'calendar');
  return deps.db.transaction(async (tx) => {
    const status = await repo.getYear(tx, year);
    const days = status ? await repo.yearDays(tx, year) : [];
    return { year, status: status ? toStatus(status) : null, days: days.map(toDay), abilities: abilitiesOf(ctx.actor) };
  });
}

export const YEAR_NOT_IMPORTED = 'CALENDAR_YEAR_NOT_IMPORTED';

/** An administrator changes one date (kind and name); audited with before and after. */
export async function updateDay(deps: Deps, ctx: CalendarCtx, date: string, body: UpdateDayBody): Promise<CalendarDay> {
  requireAbility(ctx.actor, 'update', 'calendar');
  const name = cleanName(body.name);
  const problems = checkDay({ date, kind: body.kind, name });
  if (problems.length > 0) {
    throw new Invalid(
      problems[0].message,
      problems.map((p) => ({ path: p.field, message: p.message })),
      'VALIDATION_FAILED',
    );
  }
  const year = yearOf(date);
  return deps.db.transaction(async (tx) => {
    const y = await repo.getYear(tx, year, true);
    if (!y || !y.complete) throw new BusinessRule(YEAR_NOT_IMPORTED, `${year} 年的工作日历尚未导入：请先导入整年，再修改单日`, { year });
    const before = await repo.getDay(tx, date, true);
    if (!before) throw new BusinessRule(YEAR_NOT_IMPORTED, `${year} 年的工作日历不完整：请重新导入整年`, { year });
    if (before.kind === body.kind && before.name === name) return toDay(before);
    const after = await repo.setDay(tx, date, { kind: body.kind, name, source: 'admin', updatedBy: ctx.actor.userId });
    await repo.touchYear(tx, year, ctx.actor.userId);
    const changes: FieldChanges = {};
    if (before.kind !== after.kind) changes.kind = { before: before.kind, after: after.kind };
    if (before.name !== after.name) changes.name = { before: before.name, after: after.name };
    await writeAudit(tx, ctx.actor, ctx.meta, { action: 'calendar.day_updated', objectType: 'calendar_day', objectId: date, changes, details: { year } });
    return toDay(after);
  });
}

/** Where the listed days came from, for error messages: the JSON list (1-based position) or an Excel sheet. */
export interface ImportSource {
  sheet: string;
  /** Row of the i-th listed day (JSON: i + 1; Excel: the sheet row). */
  rowOf: (index: number) => number;
  columns: Record<'date' | 'kind' | 'name', string>;
}

export const JSON_SOURCE: ImportSource = { sheet: '日历', rowOf: (i) => i + 1, columns: { date: 'date', kind: 'kind', name: 'name' } };

export interface RawImportDay {
  date: string;
  kind: string;
  name?: string | null;
}

/** Labels as people write them (节假日, 上班, 2027/1/1 …) → the canonical form; unknown values stay for the checks to report. */
export function normalizeImportDay(d: RawImportDay): ImportDay {
  const date = normalizeDate(String(d.date ?? '')) ?? String(d.date ?? '').trim();
  const kind = kindFromLabel(String(d.kind ?? '')) ?? String(d.kind ?? '').trim();
  return { date, kind: kind as CalendarKind, name: cleanName(d.name) };
}

/** How many changed dates an import's audit row lists one by one (the rest are counted). */
const AUDIT_DATES_MAX = 120;

/**
 * Import a year: the listed days (holidays and 调休 working weekends) over an ordinary week, every
 * other date by weekday. Dry run by default; saving replaces the whole year and marks it complete,
 * audited in the same transaction. Problems come back in the report (nothing is saved then).
 */
export async function importYear(
  deps: Deps,
  ctx: CalendarCtx,
  year: number,
  input: { days: readonly RawImportDay[]; note?: string },
  opts: { dryRun: boolean; source?: ImportSource; errors?: ImportReport['errors'] },
): Promise<ImportReport> {
  requireAbility(ctx.actor, 'import', 'calendar');
  const source = opts.source ?? JSON_SOURCE;
  const days = input.days.map(normalizeImportDay);
  const problems: ImportProblem[] = checkYearImport(year, days);
  const errors: ImportReport['errors'] = [
    ...(opts.errors ?? []),
    ...problems.map((p) => ({
      sheet: source.sheet,
      row: p.index < 0 ? 0 : source.rowOf(p.index),
      column: p.field ? source.columns[p.field] : '',
      message: p.message,
    })),
  ];
  const full = fillYear(year, errors.length === 0 ? days : []);
  const counts = countYear(full);
  const summary = (changed: number, replaces: boolean): ImportReport['summary'] => ({ listed: days.length, ...counts, changed, replaces });
  if (errors.length > 0) return { year, valid: false, dryRun: opts.dryRun, saved: false, errors, summary: summary(0, false) };

  return deps.db.transaction(async (tx) => {
    const existingYear = await repo.getYear(tx, year, !opts.dryRun);
    const existing = new Map((await repo.yearDays(tx, year)).map((d) => [d.date, d]));
    const changedDays = full.filter((d) => {
      const e = existing.get(d.date);
      return !e || e.kind !== d.kind || e.name !== d.name;
    });
    const replaces = !!existingYear;
    const report: ImportReport = { year, valid: true, dryRun: opts.dryRun, saved: false, errors: [], summary: summary(changedDays.length, replaces) };
    if (opts.dryRun) return report;
    const note = input.note?.trim() || (existingYear?.note ?? '');
    await repo.replaceYear(tx, year, full, { source: 'import', note, updatedBy: ctx.actor.userId });
    // Changes by date for a replaced year (before → after); a new year lists its non-ordinary days.
    const changes: FieldChanges = {};
    if (replaces) {
      for (const d of changedDays.slice(0, AUDIT_DATES_MAX)) {
        const e = existing.get(d.date);
        changes[d.date] = { before: e ? { kind: e.kind, name: e.name } : null, after: { kind: d.kind, name: d.name } };
      }
    }
    await writeAudit(tx, ctx.actor, ctx.meta, {
      action: 'calendar.year_imported',
      objectType: 'calendar_year',
      objectId: String(year),
      changes: replaces ? changes : undefined,
      details: {
        year,
        note,
        replaces,
        changed: changedDays.length,
        ...counts,
        listed: days.slice(0, AUDIT_DATES_MAX).map((d) => `${d.date} ${d.kind}${d.name ? ` ${d.name}` : ''}`),
      },
    });
    return { ...report, saved: true };
  });
}

import { and, asc, between, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { newId } from '../../platform/ids.js';
import type { CalendarKind, CalendarSource, FullDay } from './calendar.rules.js';
import { calendarDays, calendarYears } from './calendar.tables.js';

/** Queries of the calendar. The calendar is deployment-wide reference data: no region scope. */

export type DayRow = typeof calendarDays.$inferSelect;
export type YearRow = typeof calendarYears.$inferSelect;

const firstDay = (year: number) => `${String(year).padStart(4, '0')}-01-01`;
const lastDay = (year: number) => `${String(year).padStart(4, '0')}-12-31`;

/** The complete years from `fromYear` on, with their revisions (one small read; the cache key). */
export function completeYearHeads(tx: Executor, fromYear: number) {
  return tx
    .select({ year: calendarYears.year, revision: calendarYears.revision })
    .from(calendarYears)
    .where(and(gte(calendarYears.year, fromYear), eq(calendarYears.complete, true)))
    .orderBy(asc(calendarYears.year));
}

/** The days of these years with the year's revision, read in one statement (one snapshot). */
export function daysWithRevision(tx: Executor, years: number[]) {
  return tx
    .select({ date: calendarDays.date, kind: calendarDays.kind, revision: calendarYears.revision, year: calendarYears.year })
    .from(calendarYears)
    .innerJoin(calendarDays, sql`${calendarDays.date} between make_date(${calendarYears.year}, 1, 1) and make_date(${calendarYears.year}, 12, 31)`)
    .where(inArray(calendarYears.year, years));
}

export function listYears(tx: Executor) {
  return tx.select().from(calendarYears).orderBy(asc(calendarYears.year));
}

export async function getYear(tx: Executor, year: number, forUpdate = false): Promise<YearRow | undefined> {
  const q = tx.select().from(calendarYears).where(eq(calendarYears.year, year));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export function yearDays(tx: Executor, year: number) {
  return tx
    .select()
    .from(calendarDays)
    .where(between(calendarDays.date, firstDay(year), lastDay(year)))
    .orderBy(asc(calendarDays.date));
}

export async function getDay(tx: Executor, date: string, forUpdate = false): Promise<DayRow | undefined> {
  const q = tx.select().from(calendarDays).where(eq(calendarDays.date, date));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export async function setDay(tx: Executor, date: string, set: { kind: CalendarKind; name: string | null; source: CalendarSource; updatedBy: string }): Promise<DayRow> {
  const rows = await tx
    .update(calendarDays)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(calendarDays.date, date))
    .returning();
  return rows[0];
}

/** A change to a year's days: a new revision, so every instance's cache reloads the year. */
export async function touchYear(tx: Executor, year: number, updatedBy: string): Promise<void> {
  await tx.update(calendarYears).set({ revision: newId(), updatedAt: new Date(), updatedBy }).where(eq(calendarYears.year, year));
}

/** Write a whole year (every date) and mark it complete. */
export async function replaceYear(tx: Executor, year: number, days: readonly FullDay[], meta: { source: CalendarSource; note: string; updatedBy: string }): Promise<void> {
  const now = new Date();
  await tx
    .insert(calendarYears)
    .values({ year, complete: true, source: meta.source, note: meta.note, revision: newId(), updatedAt: now, updatedBy: meta.updatedBy })
    .onConflictDoUpdate({
      target: calendarYears.year,
      set: { complete: true, source: meta.source, note: meta.note, revision: newId(), updatedAt: now, updatedBy: meta.updatedBy },
    });
  await tx
    .insert(calendarDays)
    .values(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, source: meta.source, updatedAt: now, updatedBy: meta.updatedBy })))
    .onConflictDoUpdate({
      target: calendarDays.date,
      set: {
        kind: sql`excluded.kind`,
        name: sql`excluded.name`,
        source: sql`excluded.source`,
        updatedAt: sql`excluded.updated_at`,
        updatedBy: sql`excluded.updated_by`,
      },
    });
}

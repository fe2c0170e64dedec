import { createRequire } from 'node:module';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { newId } from '../../platform/ids.js';
import { daysOfYear, defaultKind, yearOf, type FullDay } from './calendar.rules.js';
import { calendarDays, calendarYears } from './calendar.tables.js';

/**
 * Seeding the calendar from `chinese-days` (the State Council's schedules since 2004). The package
 * answers for ANY date — for a year it has no schedule of (2027 in 1.5.7) it silently treats every
 * Monday to Friday as a working day — so we read its data, not its answers, and seed only the years
 * its data really covers. Later years come from an administrator's import.
 */

/** The package's data file: date → "English name,中文名,n" for holidays and swapped working days. */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

const require = createRequire(import.meta.url);

let cached: { data: ChineseDaysData; version: string } | null = null;
export function chineseDaysData(): { data: ChineseDaysData; version: string } {
  cached ??= {
    data: require('chinese-days/dist/chinese-days.json') as ChineseDaysData,
    version: (require('chinese-days/package.json') as { version: string }).version,
  };
  return cached;
}

const chineseName = (entry: string): string => entry.split(',')[1]?.trim() || entry;

/**
 * The years the data really covers: a year counts only when its holidays include 元旦, 春节 and 国庆节
 * (a partial year — say an early 元旦 entry of a schedule not yet published — is not a schedule).
 */
export function coveredYears(data: ChineseDaysData): number[] {
  const names = new Map<number, Set<string>>();
  for (const [date, entry] of Object.entries(data.holidays)) {
    const y = yearOf(date);
    if (!names.has(y)) names.set(y, new Set());
    names.get(y)!.add(chineseName(entry));
  }
  return [...names]
    .filter(([, n]) => ['元旦', '春节', '国庆节'].every((h) => n.has(h)))
    .map(([y]) => y)
    .sort((a, b) => a - b);
}

/** Every date of a covered year: swapped working days, holidays (named), else Mon–Fri work, Sat/Sun rest. */
export function seedDaysOf(data: ChineseDaysData, year: number): FullDay[] {
  return daysOfYear(year).map((date): FullDay => {
    if (data.workdays[date]) return { date, kind: 'workday', name: chineseName(data.workdays[date]) };
    if (data.holidays[date]) return { date, kind: 'holiday', name: chineseName(data.holidays[date]) };
    return { date, kind: defaultKind(date), name: null };
  });
}

/**
 * Make sure every year `chinese-days` covers is in the calendar; never touches a year that is
 * already there (an administrator may have corrected it). Idempotent and safe with several instances
 * starting together (inserts skip existing rows). Called by the server after migrating, and by the
 * test setup. Returns the years it added.
 */
export async function ensureCalendarSeeded(db: Db): Promise<number[]> {
  const { data, version } = chineseDaysData();
  const years = coveredYears(data);
  if (years.length === 0) return [];
  const present = new Set((await db.select({ year: calendarYears.year }).from(calendarYears).where(inArray(calendarYears.year, years))).map((r) => r.year));
  const missing = years.filter((y) => !present.has(y));
  if (missing.length === 0) return [];
  await db.transaction(async (tx) => {
    for (const year of missing) {
      const days = seedDaysOf(data, year);
      const inserted = await tx
        .insert(calendarYears)
        .values({ year, complete: true, source: 'seed', note: `chinese-days ${version}`, revision: newId() })
        .onConflictDoNothing()
        .returning({ year: calendarYears.year });
      if (inserted.length === 0) continue; // another instance got there first
      await tx
        .insert(calendarDays)
        .values(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, source: 'seed' as const })))
        .onConflictDoNothing();
    }
  });
  return missing;
}

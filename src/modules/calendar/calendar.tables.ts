import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The official working-day calendar (工作日历): one row per date of every year we know. Seeded from
 * `chinese-days` for the years it really covers; later years come from an administrator's import of
 * the State Council's notice. A date without a row is unknown: deadlines never guess.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    /** workday | restday | holiday (see calendar.rules.ts). */
    kind: text('kind').notNull(),
    /** Holiday name (春节, 国庆节 …); on a swapped working weekend, the holiday it makes up for. */
    name: text('name'),
    /** 调休上班: a Saturday or Sunday that is a working day. Derived by the database, never drifts. */
    swapped: boolean('swapped')
      .notNull()
      .generatedAlwaysAs(sql`kind = 'workday' and extract(isodow from "date") >= 6`),
    /** seed | admin | import */
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    check('calendar_days_kind_ck', sql`${t.kind} in ('workday', 'restday', 'holiday')`),
    check('calendar_days_source_ck', sql`${t.source} in ('seed', 'admin', 'import')`),
    check('calendar_days_holiday_name_ck', sql`${t.kind} <> 'holiday' or ${t.name} is not null`),
  ],
);

/**
 * Which years the calendar holds. A year is usable for deadlines only when `complete` (every date of
 * it has a row). `revision` changes (a new UUID) with every change to the year's days, so each
 * instance can cache a year and notice a change with one primary-key read.
 */
export const calendarYears = pgTable(
  'calendar_years',
  {
    year: integer('year').primaryKey(),
    complete: boolean('complete').notNull().default(false),
    /** seed | admin | import: where the year as a whole came from. */
    source: text('source').notNull(),
    note: text('note').notNull().default(''),
    revision: uuid('revision').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [check('calendar_years_source_ck', sql`${t.source} in ('seed', 'admin', 'import')`)],
);

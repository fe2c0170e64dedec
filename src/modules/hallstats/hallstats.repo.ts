import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../auth/auth.tables.js';
import { centerInScope } from '../org/org.repo.js';
import { centers, regions, windows } from '../org/org.tables.js';
import type { QueryScope } from '../../platform/policy.js';
import { hallSettings, queueCategories, windowRosters, windowSessions } from '../queue/queue.tables.js';

/**
 * Queries of hall attendance, load and planning. Every figure is an SQL aggregate over the tickets'
 * and sessions' instants (nothing is kept as a counter). Hours are Asia/Shanghai hours (UTC+8, no
 * daylight saving): hour h of day D starts at D 00:00 +08:00 + h hours.
 */

const rowsOf = async <T>(tx: Executor, q: SQL): Promise<T[]> => ((await tx.execute(q)) as unknown as { rows: T[] }).rows;
const dateList = (dates: readonly string[]): SQL => sql.join(
  dates.map((d) => sql`${d}::date`),
  sql`, `,
);
/** Local (+08) hour of a timestamptz column or expression. */
const localHour = (col: SQL): SQL => sql`extract(hour from (${col} at time zone 'UTC') + interval '8 hours')::int`;
/** Start instant of local hour `h` (an int expression) of the date expression `d`. */
const hourStart = (d: SQL, h: SQL): SQL => sql`((${d})::timestamp + make_interval(hours => ${h} - 8)) at time zone 'UTC'`;

export async function centerTarget(tx: Executor, centerId: string): Promise<{ id: string; countyId: string; regionId: string; regionPath: string } | undefined> {
  const [row] = await tx
    .select({ id: centers.id, countyId: centers.countyId, regionId: centers.regionId, regionPath: regions.path })
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(eq(centers.id, centerId));
  return row;
}

/** Active centers with a hall (at least one active window) in the scope. */
export async function hallsInScope(tx: Executor, scope: QueryScope) {
  return tx
    .selectDistinct({ id: centers.id, name: centers.name, level: centers.level })
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .innerJoin(windows, and(eq(windows.centerId, centers.id), eq(windows.active, true)))
    .where(and(eq(centers.active, true), centerInScope(scope)))
    .orderBy(asc(centers.level), asc(centers.name));
}

/** Staff who may be rostered at a center: homed in its region. */
export async function staffOfRegion(tx: Executor, regionId: string) {
  return tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.homeRegionId, regionId), eq(users.kind, 'staff')))
    .orderBy(asc(users.displayName));
}

export async function settingsJson(tx: Executor, centerId: string): Promise<Record<string, unknown> | null> {
  const [row] = await tx.select({ settings: hallSettings.settings }).from(hallSettings).where(eq(hallSettings.centerId, centerId));
  return row?.settings ?? null;
}

export async function centerWindows(tx: Executor, centerId: string) {
  return tx
    .select({ id: windows.id, number: windows.number, name: windows.name, dailyCap: windows.dailyCap, categories: windows.categories })
    .from(windows)
    .where(and(eq(windows.centerId, centerId), eq(windows.active, true)))
    .orderBy(asc(windows.number));
}

export async function openSessions(tx: Executor, centerId: string) {
  return tx
    .select({
      windowId: windowSessions.windowId,
      userId: windowSessions.userId,
      userName: users.displayName,
      signedInAt: windowSessions.signedInAt,
      pausedAt: windowSessions.pausedAt,
      pauseReason: windowSessions.pauseReason,
    })
    .from(windowSessions)
    .innerJoin(users, eq(users.id, windowSessions.userId))
    .where(and(eq(windowSessions.centerId, centerId), isNull(windowSessions.signedOutAt)));
}

// ---------------------------------------------------------------------------------------------------
// Rosters

export async function rosters(tx: Executor, centerId: string, onlyActive: boolean) {
  return tx
    .select({
      id: windowRosters.id,
      windowId: windowRosters.windowId,
      windowNumber: windows.number,
      windowName: windows.name,
      userId: windowRosters.userId,
      userName: users.displayName,
      weekdays: windowRosters.weekdays,
      startsAt: windowRosters.startsAt,
      endsAt: windowRosters.endsAt,
      active: windowRosters.active,
    })
    .from(windowRosters)
    .innerJoin(windows, eq(windows.id, windowRosters.windowId))
    .innerJoin(users, eq(users.id, windowRosters.userId))
    .where(and(eq(windowRosters.centerId, centerId), onlyActive ? eq(windowRosters.active, true) : undefined))
    .orderBy(asc(windows.number), asc(windowRosters.startsAt), asc(users.displayName));
}

export async function rosterById(tx: Executor, centerId: string, id: string) {
  const [row] = await tx
    .select()
    .from(windowRosters)
    .where(and(eq(windowRosters.id, id), eq(windowRosters.centerId, centerId)));
  return row;
}

export async function windowOfCenter(tx: Executor, centerId: string, windowId: string) {
  const [row] = await tx.select({ id: windows.id }).from(windows).where(and(eq(windows.id, windowId), eq(windows.centerId, centerId)));
  return row;
}

export async function staffUser(tx: Executor, userId: string) {
  const [row] = await tx.select({ id: users.id, countyId: users.countyId }).from(users).where(and(eq(users.id, userId), eq(users.kind, 'staff')));
  return row;
}

export async function centerCategories(tx: Executor, centerId: string) {
  return tx
    .select({ id: queueCategories.id, name: queueCategories.name })
    .from(queueCategories)
    .where(and(eq(queueCategories.centerId, centerId), eq(queueCategories.active, true)))
    .orderBy(asc(queueCategories.sort), asc(queueCategories.prefix));
}

export async function categoryOfCenter(tx: Executor, centerId: string, categoryId: string) {
  const [row] = await tx
    .select({ id: queueCategories.id, name: queueCategories.name })
    .from(queueCategories)
    .where(and(eq(queueCategories.id, categoryId), eq(queueCategories.centerId, centerId)));
  return row;
}

export async function sessionsBetween(tx: Executor, centerId: string, from: string, to: string) {
  return tx
    .select({
      userId: windowSessions.userId,
      serviceDate: windowSessions.serviceDate,
      signedInAt: windowSessions.signedInAt,
      signedOutAt: windowSessions.signedOutAt,
      pausedAt: windowSessions.pausedAt,
      pausedSeconds: windowSessions.pausedSeconds,
    })
    .from(windowSessions)
    .where(and(eq(windowSessions.centerId, centerId), sql`${windowSessions.serviceDate} between ${from}::date and ${to}::date`));
}

// ---------------------------------------------------------------------------------------------------
// Load

export interface HourCell {
  window_id: string;
  h: number;
  seconds: number;
}

/** Service seconds per window and local hour of a day (in-progress services count until `now`). */
export function serviceSecondsByHour(tx: Executor, centerId: string, date: string, now: Date): Promise<HourCell[]> {
  return rowsOf(
    tx,
    sql`with hrs as (select h, ${hourStart(sql`${date}::date`, sql`h`)} as hs from generate_series(0, 23) as h)
        select t.window_id, hrs.h,
               sum(greatest(0, extract(epoch from least(coalesce(t.finished_at, ${now}::timestamptz), hrs.hs + interval '1 hour') - greatest(t.serving_at, hrs.hs))))::float8 as seconds
          from queue_tickets t
          join hrs on t.serving_at < hrs.hs + interval '1 hour' and coalesce(t.finished_at, ${now}::timestamptz) > hrs.hs
         where t.center_id = ${centerId} and t.service_date = ${date}::date and t.serving_at is not null and t.window_id is not null
         group by t.window_id, hrs.h`,
  );
}

/** Seconds signed in per window and local hour of a day (open sessions count until `now`). */
export function signedSecondsByHour(tx: Executor, centerId: string, date: string, now: Date): Promise<HourCell[]> {
  return rowsOf(
    tx,
    sql`with hrs as (select h, ${hourStart(sql`${date}::date`, sql`h`)} as hs from generate_series(0, 23) as h)
        select s.window_id, hrs.h,
               sum(greatest(0, extract(epoch from least(coalesce(s.signed_out_at, ${now}::timestamptz), hrs.hs + interval '1 hour') - greatest(s.signed_in_at, hrs.hs))))::float8 as seconds
          from window_sessions s
          join hrs on s.signed_in_at < hrs.hs + interval '1 hour' and coalesce(s.signed_out_at, ${now}::timestamptz) > hrs.hs
         where s.center_id = ${centerId} and s.service_date = ${date}::date
         group by s.window_id, hrs.h`,
  );
}

/** Tickets finished per window and local hour of a day. */
export function servedByHour(tx: Executor, centerId: string, date: string): Promise<{ window_id: string; h: number; served: number }[]> {
  return rowsOf(
    tx,
    sql`select window_id, ${localHour(sql`finished_at`)} as h, count(*)::int as served
          from queue_tickets
         where center_id = ${centerId} and service_date = ${date}::date and status = 'done' and window_id is not null
         group by 1, 2`,
  );
}

export interface TicketDayRow {
  window_id: string;
  d: string;
  served: number;
  mean_wait: number | null;
  mean_service: number | null;
  service_seconds: number;
}

/** Per window and day: tickets served, mean wait (calledAt − createdAt), mean service and total service seconds (finishedAt − servingAt). */
export function ticketDays(tx: Executor, centerId: string, from: string, to: string, now: Date): Promise<TicketDayRow[]> {
  return rowsOf(
    tx,
    sql`select window_id, to_char(service_date, 'YYYY-MM-DD') as d,
               (count(*) filter (where status = 'done'))::int as served,
               (avg(extract(epoch from called_at - created_at)) filter (where called_at is not null))::float8 as mean_wait,
               (avg(extract(epoch from finished_at - serving_at)) filter (where status = 'done' and serving_at is not null))::float8 as mean_service,
               coalesce(sum(extract(epoch from coalesce(finished_at, ${now}::timestamptz) - serving_at)) filter (where serving_at is not null), 0)::float8 as service_seconds
          from queue_tickets
         where center_id = ${centerId} and service_date between ${from}::date and ${to}::date and window_id is not null
         group by 1, 2`,
  );
}

/** Per window and day: seconds signed in minus pauses (open sessions until `now`). */
export function sessionDays(tx: Executor, centerId: string, from: string, to: string, now: Date): Promise<{ window_id: string; d: string; seconds: number }[]> {
  return rowsOf(
    tx,
    sql`select window_id, to_char(service_date, 'YYYY-MM-DD') as d,
               sum(greatest(0, extract(epoch from coalesce(signed_out_at, ${now}::timestamptz) - signed_in_at) - paused_seconds
                   - case when signed_out_at is null and paused_at is not null then extract(epoch from ${now}::timestamptz - paused_at) else 0 end))::float8 as seconds
          from window_sessions
         where center_id = ${centerId} and service_date between ${from}::date and ${to}::date
         group by 1, 2`,
  );
}

export async function waitingCount(tx: Executor, centerId: string, date: string): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from queue_tickets where center_id = ${centerId} and service_date = ${date}::date and status = 'waiting'`);
  return r?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------------
// Planning

/** Tickets taken per local hour over the given days (optionally of one category). */
export function arrivalsByHour(tx: Executor, centerId: string, days: readonly string[], categoryId: string | null): Promise<{ h: number; n: number }[]> {
  if (days.length === 0) return Promise.resolve([]);
  return rowsOf(
    tx,
    sql`select ${localHour(sql`created_at`)} as h, count(*)::int as n
          from queue_tickets
         where center_id = ${centerId} and service_date in (${dateList(days)}) ${categoryId ? sql`and category_id = ${categoryId}` : sql``}
         group by 1`,
  );
}

/** Mean service seconds of finished tickets per local hour of the start of service (h = -1: over all hours). */
export function serviceByHour(tx: Executor, centerId: string, days: readonly string[], categoryId: string | null): Promise<{ h: number; n: number; mean: number }[]> {
  if (days.length === 0) return Promise.resolve([]);
  return rowsOf(
    tx,
    sql`select coalesce(${localHour(sql`serving_at`)}, -1) as h, count(*)::int as n, avg(extract(epoch from finished_at - serving_at))::float8 as mean
          from queue_tickets
         where center_id = ${centerId} and service_date in (${dateList(days)}) and status = 'done' and serving_at is not null and finished_at is not null
               ${categoryId ? sql`and category_id = ${categoryId}` : sql``}
         group by grouping sets ((${localHour(sql`serving_at`)}), ())`,
  );
}

/** Window-seconds signed in per local hour summed over the given days (windows taking `categoryName` only, when given). */
export function staffedSecondsByHour(tx: Executor, centerId: string, days: readonly string[], categoryName: string | null): Promise<{ h: number; seconds: number }[]> {
  if (days.length === 0) return Promise.resolve([]);
  return rowsOf(
    tx,
    sql`with hrs as (select h from generate_series(0, 23) as h),
             ss as (select s.*, ${hourStart(sql`s.service_date`, sql`0`)} as day0
                      from window_sessions s ${categoryName ? sql`join windows w on w.id = s.window_id and ${categoryName} = any(w.categories)` : sql``}
                     where s.center_id = ${centerId} and s.service_date in (${dateList(days)}))
        select hrs.h,
               sum(greatest(0, extract(epoch from least(coalesce(ss.signed_out_at, ss.day0 + interval '1 day'), ss.day0 + (hrs.h + 1) * interval '1 hour')
                                                 - greatest(ss.signed_in_at, ss.day0 + hrs.h * interval '1 hour'))))::float8 as seconds
          from ss cross join hrs
         group by hrs.h`,
  );
}

import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestCtx } from '../../test/harness.js';
import { addDays, businessDate } from '../calendar/calendar.rules.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { centers } from '../org/org.tables.js';
import { queueCounters, queueTickets, windowRosters, windowSessions } from '../queue/queue.tables.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { seedDemoHallHistory } from './hallstats.seed.js';

/**
 * The demo hall history, as the demo seed creates it (after the queue seed's categories): four weeks
 * of working days before today at the county hall and 青山镇.
 */
let ctx: TestCtx;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty });
});
afterAll(async () => ctx?.close());

test('creates nothing for a county whose halls have no service categories', async () => {
  expect(await ctx.db.transaction((tx) => seedDemoHallHistory(tx, { countyId: '00000000-0000-7000-8000-000000000000' }))).toEqual({ tickets: 0, sessions: 0 });
});

test('four weeks of tickets, sessions and rosters at the county hall and 青山镇', async () => {
  const halls = await ctx.db.select({ id: centers.id, name: centers.name }).from(centers).where(inArray(centers.name, ['示范县政务服务中心', '青山镇便民服务中心']));
  expect(halls).toHaveLength(2);
  // The demo seed ran with the real clock: the four weeks before today (China).
  const today = businessDate(new Date());
  const from = addDays(today, -28);
  const cal = await loadCalendar(ctx.db, from, addDays(today, -1));
  const workdays: string[] = [];
  for (let d = from; d < today; d = addDays(d, 1)) if (cal.isWorkday(d)) workdays.push(d);
  for (const h of halls) {
    const rows = await ctx.db
      .select({ status: queueTickets.status, servingAt: queueTickets.servingAt, finishedAt: queueTickets.finishedAt, serviceDate: queueTickets.serviceDate })
      .from(queueTickets)
      .where(and(eq(queueTickets.centerId, h.id), inArray(queueTickets.serviceDate, workdays)));
    expect(rows.length, h.name).toBeGreaterThan(300);
    const done = rows.filter((r) => r.status === 'done');
    expect(done.length / rows.length).toBeGreaterThan(0.85);
    expect(rows.some((r) => r.status === 'no_show')).toBe(true);
    for (const r of done) {
      const minutes = (r.finishedAt!.getTime() - r.servingAt!.getTime()) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(4);
      expect(minutes).toBeLessThanOrEqual(15);
    }
    expect(new Set(rows.map((r) => r.serviceDate)).size).toBe(workdays.length);
    // The day's counters stand at the last number used, so a ticket taken on such a day numbers on.
    const numbers = await ctx.db.select({ categoryId: queueTickets.categoryId, serviceDate: queueTickets.serviceDate, number: queueTickets.number }).from(queueTickets).where(eq(queueTickets.centerId, h.id));
    const counters = new Map((await ctx.db.select().from(queueCounters)).map((c) => [`${c.categoryId}|${c.serviceDate}`, c.last]));
    for (const n of numbers) expect(counters.get(`${n.categoryId}|${n.serviceDate}`)).toBeGreaterThanOrEqual(n.number);
    expect((await ctx.db.select().from(windowRosters).where(eq(windowRosters.centerId, h.id))).length).toBeGreaterThan(0);
  }
  const county = halls.find((h) => h.name === '示范县政务服务中心')!;
  const sessions = await ctx.db.select().from(windowSessions).where(and(eq(windowSessions.centerId, county.id), inArray(windowSessions.serviceDate, workdays)));
  const perDay = new Map<string, number>();
  for (const s of sessions) perDay.set(s.serviceDate, (perDay.get(s.serviceDate) ?? 0) + 1);
  const counts = [...perDay.values()];
  // Every staffed window has its person every day but one, when one person is absent.
  expect(counts.filter((n) => n === Math.max(...counts))).toHaveLength(workdays.length - 1);
  expect(Math.min(...counts)).toBe(Math.max(...counts) - 1);
  // Some sign-ins after 09:05 (late), most before.
  const late = sessions.filter((s) => (s.signedInAt.getTime() + 8 * 3_600_000) % 86_400_000 > (9 * 60 + 5) * 60_000);
  expect(late.length).toBeGreaterThan(0);
  expect(late.length).toBeLessThan(sessions.length / 4);
});

import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../platform/ids.js';
import { FIXTURE_PASSWORD, seedAuthFixture, type AuthFixture } from '../../test/auth-fixture.js';
import { createTestApp, type TestClient, type TestCtx } from '../../test/harness.js';
import { hashPassword } from '../auth/auth.password.js';
import { roleGrants, users } from '../auth/auth.tables.js';
import { auditLog } from '../audit/audit.tables.js';
import { windows } from '../org/org.tables.js';
import { hallSettings, queueCategories, queueTickets, windowRosters, windowSessions } from '../queue/queue.tables.js';
import { agentsNeeded, serviceLevel } from './erlang.js';

/**
 * Attendance, load and planning from fixed, hand-made data. "Today" is Wednesday 2026-11-25,
 * 12:00 in China. Center A (甲镇): windows 1 and 2, two roster lines (clerkA at 1, plain at 2,
 * Mon–Fri 09:00–17:00, grace 5 min). Center B (乙镇): a week of controlled history for planning.
 */
const NOW = new Date('2026-11-25T04:00:00Z');
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

interface Seeded extends AuthFixture {
  w1: string;
  w2: string;
  catA: string;
  catB: string;
  directorA: string;
  directorB: string;
}
let fx: Seeded;
let ctx: TestCtx;
let dirA: TestClient;
let dirB: TestClient;
let clerkA: TestClient;

async function seed(db: Db, config: Config): Promise<Seeded> {
  const base = await seedAuthFixture(db, config);
  const { countyId, centerAId, centerBId } = base;
  const hash = await hashPassword(FIXTURE_PASSWORD);
  const directorA = newId();
  const directorB = newId();
  await db.insert(users).values([
    { id: directorA, kind: 'staff', username: 'dirA', displayName: '甲镇主任', passwordHash: hash, countyId, homeRegionId: base.townAId },
    { id: directorB, kind: 'staff', username: 'dirB', displayName: '乙镇主任', passwordHash: hash, countyId, homeRegionId: base.townBId },
  ]);
  await db.insert(roleGrants).values([
    { userId: directorA, role: 'center_director', scopeCenterId: centerAId },
    { userId: directorB, role: 'center_director', scopeCenterId: centerBId },
  ]);
  const w1 = newId();
  const w2 = newId();
  const wb1 = newId();
  const wb2 = newId();
  await db.insert(windows).values([
    { id: w1, centerId: centerAId, countyId, number: 1, name: '综合受理', kind: 'comprehensive', categories: ['综合受理'], dailyCap: 40 },
    { id: w2, centerId: centerAId, countyId, number: 2, name: '社保', kind: 'sector', categories: ['综合受理'], dailyCap: 3 },
    { id: wb1, centerId: centerBId, countyId, number: 1, name: '综合一', kind: 'comprehensive', categories: ['综合受理'] },
    { id: wb2, centerId: centerBId, countyId, number: 2, name: '综合二', kind: 'comprehensive', categories: ['综合受理'] },
  ]);
  const catA = newId();
  const catB = newId();
  await db.insert(queueCategories).values([
    { id: catA, countyId, centerId: centerAId, name: '综合受理', prefix: 'A' },
    { id: catB, countyId, centerId: centerBId, name: '综合受理', prefix: 'A' },
  ]);
  const clerk = base.users.clerkA;
  const plain = base.users.plain;
  await db.insert(windowRosters).values([
    { countyId, centerId: centerAId, windowId: w1, userId: clerk, weekdays: [1, 2, 3, 4, 5], startsAt: '09:00', endsAt: '17:00' },
    { countyId, centerId: centerAId, windowId: w2, userId: plain, weekdays: [1, 2, 3, 4, 5], startsAt: '09:00', endsAt: '17:00' },
  ]);
  const sess = (centerId: string, windowId: string, userId: string, date: string, inAt: string, outAt: string | null, pausedSeconds = 0) => ({
    countyId,
    centerId,
    windowId,
    userId,
    serviceDate: date,
    signedInAt: at(date, inAt),
    signedOutAt: outAt ? at(date, outAt) : null,
    pausedSeconds,
  });
  await db.insert(windowSessions).values([
    // Mon: clerkA on time; plain 12 min late, leaves 30 min early, 10 min paused.
    sess(centerAId, w1, clerk, '2026-11-23', '08:58', '17:05'),
    sess(centerAId, w2, plain, '2026-11-23', '09:12', '16:30', 600),
    // Tue: clerkA 4 min after 09:00 (within grace); plain absent.
    sess(centerAId, w1, clerk, '2026-11-24', '09:04', '17:00'),
    // Wed (today): clerkA signed in, still on; plain absent (past 09:05).
    sess(centerAId, w1, clerk, '2026-11-25', '09:00', null),
  ]);
  let n = 0;
  const ticket = (centerId: string, categoryId: string, windowId: string | null, date: string, t: { created: string; called?: string; serving?: string; finished?: string; status: string }) => {
    n++;
    return {
      countyId,
      centerId,
      categoryId,
      serviceDate: date,
      number: n,
      code: `A${String(n).padStart(3, '0')}`,
      source: 'kiosk',
      status: t.status,
      windowId,
      queuedAt: at(date, t.created),
      createdAt: at(date, t.created),
      calledAt: t.called ? at(date, t.called) : null,
      servingAt: t.serving ? at(date, t.serving) : null,
      finishedAt: t.finished ? at(date, t.finished) : null,
    };
  };
  await db.insert(queueTickets).values([
    // Tue at window 1: two served (30 min each, waits 10 and 20 min), one no-show (waited 30 min).
    ticket(centerAId, catA, w1, '2026-11-24', { created: '09:00', called: '09:10', serving: '09:10', finished: '09:40', status: 'done' }),
    ticket(centerAId, catA, w1, '2026-11-24', { created: '09:30', called: '09:50', serving: '09:50', finished: '10:20', status: 'done' }),
    ticket(centerAId, catA, w1, '2026-11-24', { created: '10:00', called: '10:30', status: 'no_show' }),
    // Mon at window 2: three served, 10 min each — its daily cap of 3.
    ticket(centerAId, catA, w2, '2026-11-23', { created: '09:20', called: '09:20', serving: '09:20', finished: '09:30', status: 'done' }),
    ticket(centerAId, catA, w2, '2026-11-23', { created: '09:25', called: '09:30', serving: '09:30', finished: '09:40', status: 'done' }),
    ticket(centerAId, catA, w2, '2026-11-23', { created: '09:30', called: '09:40', serving: '09:40', finished: '09:50', status: 'done' }),
    // Today: one waiting.
    ticket(centerAId, catA, null, '2026-11-25', { created: '11:50', status: 'waiting' }),
  ]);
  // Center B: planning history over the week before today (weeks = 1: 18, 19, 20, 23, 24 Nov are the
  // working days). Each day 12 tickets taken in 10:00–11:00, each served 10 minutes; windows 1 and 2
  // signed in 09:00–12:00. A weekend ticket (21 Nov) must not count.
  const days = ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24'];
  const rows = [];
  const sessions = [];
  for (const d of days) {
    for (let i = 0; i < 12; i++) {
      const mm = String(i * 5).padStart(2, '0');
      const end = i * 5 + 10;
      const fin = end >= 60 ? `11:${String(end - 60).padStart(2, '0')}` : `10:${String(end).padStart(2, '0')}`;
      rows.push(ticket(centerBId, catB, i % 2 ? wb2 : wb1, d, { created: `10:${mm}`, called: `10:${mm}`, serving: `10:${mm}`, finished: fin, status: 'done' }));
    }
    sessions.push(sess(centerBId, wb1, base.users.clerkB, d, '09:00', '12:00'), sess(centerBId, wb2, base.users.plain2, d, '09:00', '12:00'));
  }
  rows.push(ticket(centerBId, catB, wb1, '2026-11-21', { created: '10:00', status: 'waiting' }));
  await db.insert(queueTickets).values(rows);
  await db.insert(windowSessions).values(sessions);
  await db.insert(hallSettings).values({ centerId: centerBId, countyId, settings: { planning: { targetShare: 0.8, targetWaitMinutes: 15, weeks: 1 } } });
  return { ...base, w1, w2, catA, catB, directorA, directorB };
}

beforeAll(async () => {
  ctx = await createTestApp({ seed: async (db, config) => (fx = await seed(db, config)), now: () => NOW });
  dirA = await ctx.client().login('dirA', FIXTURE_PASSWORD);
  dirB = await ctx.client().login('dirB', FIXTURE_PASSWORD);
  clerkA = await ctx.client().login('clerkA', FIXTURE_PASSWORD);
});
afterAll(async () => ctx?.close());

describe('attendance', () => {
  test('windows now: open with who and since when, closed without', async () => {
    const res = await dirA.get(`/api/hallstats/centers/${fx.centerAId}/windows-now`);
    expect(res.statusCode).toBe(200);
    const { windows: ws } = res.json();
    expect(ws).toEqual([
      expect.objectContaining({ number: 1, state: 'open', userName: '测试clerkA', since: '2026-11-25T01:00:00.000Z', pausedSince: null }),
      expect.objectContaining({ number: 2, state: 'closed', userName: null, since: null }),
    ]);
  });

  test('daily report: late after the grace, absent without sign-in, early leave, time signed in minus pauses', async () => {
    const res = await dirA.get(`/api/hallstats/centers/${fx.centerAId}/attendance?from=2026-11-23&to=2026-11-26`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.workdays).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    const pick = (date: string, user: string) => body.rows.find((r: { date: string; userName: string }) => r.date === date && r.userName === user);
    expect(pick('2026-11-23', '测试clerkA')).toMatchObject({ status: 'on_time', earlyLeave: false, workedMinutes: 8 * 60 + 7 });
    expect(pick('2026-11-23', '测试plain')).toMatchObject({ status: 'late', lateMinutes: 12, earlyLeave: true, earlyMinutes: 30, workedMinutes: 438 - 10 });
    expect(pick('2026-11-24', '测试clerkA')).toMatchObject({ status: 'on_time', lateMinutes: 0 });
    expect(pick('2026-11-24', '测试plain')).toMatchObject({ status: 'absent', firstSignIn: null, workedMinutes: 0 });
    expect(pick('2026-11-25', '测试clerkA')).toMatchObject({ status: 'on_time', lastSignOut: null, earlyLeave: false, workedMinutes: 180 });
    expect(pick('2026-11-25', '测试plain')).toMatchObject({ status: 'absent' });
    expect(body.totals).toEqual({ lines: 6, late: 1, absent: 2, earlyLeave: 1 });
  });

  test('the grace comes from the hall settings', async () => {
    await ctx.db.insert(hallSettings).values({ centerId: fx.centerAId, countyId: fx.countyId, settings: { attendance: { graceMinutes: 15 } } });
    try {
      const body = (await dirA.get(`/api/hallstats/centers/${fx.centerAId}/attendance?from=2026-11-23&to=2026-11-23`)).json();
      expect(body.graceMinutes).toBe(15);
      expect(body.rows.find((r: { userName: string }) => r.userName === '测试plain')).toMatchObject({ status: 'on_time', lateMinutes: 0 });
    } finally {
      await ctx.db.delete(hallSettings).where(eq(hallSettings.centerId, fx.centerAId));
    }
  });

  test('Excel export has one row per roster line and day', async () => {
    const res = await dirA.get(`/api/hallstats/centers/${fx.centerAId}/attendance.xlsx?from=2026-11-23&to=2026-11-24`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考勤日报')!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0].slice(0, 5)).toEqual(['日期', '窗口', '人员', '排班', '状态']);
    expect(rows).toHaveLength(1 + 4);
    expect(rows.find((r) => r[0] === '2026-11-23' && r[2] === '测试plain')).toEqual(['2026-11-23', '2 号 社保', '测试plain', '09:00–17:00', '迟到、早退', '09:12', '16:30', '12', '30', '428']);
    expect(rows.find((r) => r[0] === '2026-11-24' && r[2] === '测试plain')?.[4]).toBe('缺勤');
    // A clerk reads but does not export.
    expect((await clerkA.get(`/api/hallstats/centers/${fx.centerAId}/attendance.xlsx?from=2026-11-23&to=2026-11-24`)).statusCode).toBe(403);
  });

  test('rosters: a director adds and retires a line (audited); a clerk cannot; bad input is explained', async () => {
    const body = { windowId: fx.w2, userId: fx.users.clerkA, weekdays: [6, 1], startsAt: '08:30', endsAt: '12:00' };
    expect((await clerkA.post(`/api/hallstats/centers/${fx.centerAId}/rosters`, body)).statusCode).toBe(403);
    const created = await dirA.post(`/api/hallstats/centers/${fx.centerAId}/rosters`, body);
    expect(created.statusCode).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({ windowNumber: 2, userName: '测试clerkA', weekdays: [1, 6], active: true });
    const put = await dirA.put(`/api/hallstats/centers/${fx.centerAId}/rosters/${r.id}`, { ...body, active: false });
    expect(put.statusCode).toBe(200);
    expect(put.json().active).toBe(false);
    const audits = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'attendance.roster_saved'), eq(auditLog.objectId, r.id)));
    expect(audits).toHaveLength(2);
    const bad = await dirA.post(`/api/hallstats/centers/${fx.centerAId}/rosters`, { ...body, startsAt: '13:00' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('下班时间应晚于上班时间');
    // A window of another center is refused.
    const [wb] = await ctx.db.select({ id: windows.id }).from(windows).where(eq(windows.centerId, fx.centerBId)).limit(1);
    expect((await dirA.post(`/api/hallstats/centers/${fx.centerAId}/rosters`, { ...body, windowId: wb.id })).json().error.code).toBe('ROSTER_WINDOW');
    const list = (await dirA.get(`/api/hallstats/centers/${fx.centerAId}/rosters`)).json().items;
    expect(list).toHaveLength(3);
  });
});

describe('load', () => {
  test('a day per window and hour: served, busy share, mean wait and service, marks', async () => {
    const res = await dirA.get(`/api/hallstats/centers/${fx.centerAId}/load/day?date=2026-11-24`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const w1 = body.windows.find((w: { number: number }) => w.number === 1);
    // Signed in 09:04–17:00 = 28 560 s; 2 × 30 min of service.
    expect(w1).toMatchObject({ served: 2, meanWaitSeconds: 1200, meanServiceSeconds: 1800, signedInSeconds: 28560, busyShare: Math.round((3600 / 28560) * 1000) / 1000, overloaded: false, idle: true });
    const cell = (h: number) => w1.hours.find((c: { hour: number }) => c.hour === h);
    // Hour 9: 30 min of the first + 10 min of the second over 56 min signed in.
    expect(cell(9)).toEqual({ hour: 9, served: 1, busyShare: Math.round((2400 / 3360) * 1000) / 1000 });
    expect(cell(10)).toEqual({ hour: 10, served: 1, busyShare: 0.333 });
    expect(cell(11)).toEqual({ hour: 11, served: 0, busyShare: 0 });
    const w2 = body.windows.find((w: { number: number }) => w.number === 2);
    expect(w2).toMatchObject({ served: 0, busyShare: null, signedInSeconds: 0, idle: false, overloaded: false });
    expect(w2.hours.every((c: { busyShare: number | null }) => c.busyShare === null)).toBe(true);
  });

  test('today live: an open session counts until now; the waiting line', async () => {
    const body = (await dirA.get(`/api/hallstats/centers/${fx.centerAId}/load/day`)).json();
    expect(body.date).toBe('2026-11-25');
    expect(body.waiting).toBe(1);
    expect(body.windows[0]).toMatchObject({ number: 1, signedInSeconds: 3 * 3600, served: 0 });
  });

  test('history marks the window at its cap overloaded and the window under 3 a day idle', async () => {
    const body = (await dirA.get(`/api/hallstats/centers/${fx.centerAId}/load/history?from=2026-11-23&to=2026-11-24`)).json();
    const row = (d: string, n: number) => body.rows.find((r: { date: string; number: number }) => r.date === d && r.number === n);
    expect(row('2026-11-23', 2)).toMatchObject({ served: 3, meanWaitSeconds: 300, meanServiceSeconds: 600, overloaded: true, idle: false, opened: true });
    expect(row('2026-11-23', 2).busyShare).toBeCloseTo(1800 / (26280 - 600), 3);
    expect(row('2026-11-23', 1)).toMatchObject({ served: 0, overloaded: false, idle: true });
    expect(row('2026-11-24', 1)).toMatchObject({ served: 2, idle: true });
    expect(row('2026-11-24', 2)).toBeUndefined();
    expect((await dirA.get(`/api/hallstats/centers/${fx.centerAId}/load/history?from=2026-11-24&to=2026-11-23`)).json().error.code).toBe('RANGE_REVERSED');
  });
});

describe('planning', () => {
  test('arrivals per working day and hour, mean service, Erlang C windows needed beside windows staffed', async () => {
    const res = await dirB.get(`/api/hallstats/centers/${fx.centerBId}/planning`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: '2026-11-18', to: '2026-11-24', days: 5, weeks: 1, targetShare: 0.8, targetWaitMinutes: 15, categories: [{ id: fx.catB, name: '综合受理' }] });
    const row = (h: number) => body.rows.find((r: { hour: number }) => r.hour === h);
    expect(row(10)).toEqual({ hour: 10, arrivals: 12, ahtSeconds: 600, needed: agentsNeeded(12, 600, { share: 0.8, seconds: 900 }), staffed: 2, predictedServiceLevel: 0 });
    expect(row(10).needed).toBe(3);
    expect(row(9)).toEqual({ hour: 9, arrivals: 0, ahtSeconds: 600, needed: 0, staffed: 2, predictedServiceLevel: null });
    expect(row(13)).toMatchObject({ arrivals: 0, needed: 0, staffed: 0 });
    expect(serviceLevel(3, 12, 600, 900)).toBeGreaterThan(0.8);
  });

  test('a category filter keeps only its tickets and the windows that take it', async () => {
    const body = (await dirB.get(`/api/hallstats/centers/${fx.centerBId}/planning?categoryId=${fx.catB}`)).json();
    expect(body.rows.find((r: { hour: number }) => r.hour === 10)).toMatchObject({ arrivals: 12, staffed: 2 });
    expect((await dirB.get(`/api/hallstats/centers/${fx.centerBId}/planning?categoryId=${fx.catA}`)).statusCode).toBe(404);
  });
});

describe('scope', () => {
  test('the center picker lists the halls in scope; roster staff for directors only', async () => {
    expect((await dirA.get('/api/hallstats/centers')).json().items.map((c: { id: string }) => c.id)).toEqual([fx.centerAId]);
    expect((await dirB.get('/api/hallstats/centers')).json().items.map((c: { id: string }) => c.id)).toEqual([fx.centerBId]);
    const staff = (await dirA.get(`/api/hallstats/centers/${fx.centerAId}/staff`)).json().items.map((u: { name: string }) => u.name);
    expect(staff).toEqual(expect.arrayContaining(['测试clerkA', '甲镇主任']));
    expect(staff).not.toContain('乙镇主任');
    expect((await clerkA.get(`/api/hallstats/centers/${fx.centerAId}/staff`)).statusCode).toBe(403);
  });

  test("a director of one center cannot read another center's figures (404)", async () => {
    for (const path of ['windows-now', 'rosters', 'attendance?from=2026-11-23&to=2026-11-24', 'load/day', 'load/history?from=2026-11-23&to=2026-11-24', 'planning']) {
      expect((await dirA.get(`/api/hallstats/centers/${fx.centerBId}/${path}`)).statusCode, path).toBe(404);
    }
    expect((await dirB.get(`/api/hallstats/centers/${fx.centerAId}/windows-now`)).statusCode).toBe(404);
    // A clerk of 甲镇 reads its own center only.
    expect((await clerkA.get(`/api/hallstats/centers/${fx.centerAId}/windows-now`)).statusCode).toBe(200);
    expect((await clerkA.get(`/api/hallstats/centers/${fx.centerBId}/windows-now`)).statusCode).toBe(404);
    const anon = ctx.client();
    expect((await anon.get(`/api/hallstats/centers/${fx.centerAId}/windows-now`)).statusCode).toBe(401);
  });
});

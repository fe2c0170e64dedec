import { and, desc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, qs, type TestClient, type TestCtx } from '../../test/harness.js';
import { auditLog } from '../audit/audit.tables.js';
import { isoWeekday } from '../calendar/calendar.rules.js';
import { centers, windows } from '../org/org.tables.js';
import { hallSettings, queueCategories, queueTickets, windowSessions } from '../queue/queue.tables.js';
import { makeIdNumber } from '../seed/codes.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import type { Deps } from '../../platform/deps.js';
import { appointments, appointmentSlots } from './appointments.tables.js';
import { markNoShows } from './appointments.service.js';

/** Business "now": Monday 2026-03-02, 08:00 in Beijing; tests move it. */
const MONDAY_8 = new Date('2026-03-02T00:00:00Z');
let now = MONDAY_8;
let ctx: TestCtx;
let deps: Deps;
let townDirector: TestClient;
let townClerk: TestClient;
let citizen: TestClient;
let anon: TestClient;
let centerId: string;
let catA: string; // capacity-1 sessions: the race for the last place, change and cancel
let catB: string; // capacity-5 sessions: no-show blocking

let ipSerial = 1;
let idSerial = 300;
const newClient = () => {
  const c = ctx.client();
  c.ip = `10.77.${Math.floor(ipSerial / 250)}.${(ipSerial++ % 250) + 1}`;
  return c;
};
const registerCitizen = async (realName: string) => {
  const c = newClient();
  const phone = `139${String(10_000_000 + idSerial).slice(-8)}`;
  const res = await c.post('/api/auth/register', { realName, idNumber: makeIdNumber('139921', '19800101', idSerial++), phone, password: 'Village@2026' });
  if (res.statusCode !== 201) throw new Error(`register ${realName}: ${res.statusCode} ${res.body}`);
  return c;
};
const ensureCategory = async (name: string, prefix: string) => {
  await ctx.db.insert(queueCategories).values({ countyId: (await ctx.db.select().from(centers).where(eq(centers.id, centerId)))[0].countyId, centerId, name, prefix }).onConflictDoNothing();
  return (await ctx.db.select({ id: queueCategories.id }).from(queueCategories).where(and(eq(queueCategories.centerId, centerId), eq(queueCategories.name, name))))[0].id;
};
type SlotJ = { id: string; day: string; startsAt: string; endsAt: string; kind: string; capacity: number; available: number };
const slots = async (categoryId: string, extra: Record<string, string> = {}) => {
  const res = await anon.get(`/api/appointments/slots${qs({ centerId, categoryId, ...extra })}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: SlotJ[]; days: string[] };
};
const slotAt = async (categoryId: string, day: string, startsAt: string) => {
  const s = (await slots(categoryId)).items.find((x) => x.day === day && x.startsAt === startsAt);
  if (!s) throw new Error(`no slot ${day} ${startsAt}`);
  return s;
};
const bookedOf = async (slotId: string) => (await ctx.db.select({ b: appointmentSlots.booked }).from(appointmentSlots).where(eq(appointmentSlots.id, slotId)))[0].b;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty, now: () => now });
  deps = { config: ctx.config, database: ctx.database, db: ctx.db, crypto: ctx.crypto, now: () => now };
  const login = async (u: string) => newClient().login(u, DEMO_PASSWORD);
  townDirector = await login('town.director');
  townClerk = await login('town.clerk');
  citizen = await login('citizen');
  anon = newClient();
  centerId = (await ctx.db.select({ id: centers.id }).from(centers).where(eq(centers.name, '青山镇便民服务中心')))[0].id;
  catA = await ensureCategory('预约测试甲', 'Y');
  catB = await ensureCategory('预约测试乙', 'Z');
});
afterAll(async () => ctx?.close());

const session = (categoryId: string, over: Record<string, unknown> = {}) => ({
  centerId,
  categoryId,
  kind: 'regular',
  weekdays: [1, 2, 3, 4, 5],
  startsAt: '09:00',
  endsAt: '10:00',
  slotMinutes: 30,
  capacity: 1,
  active: true,
  ...over,
});

describe('sessions and slots', () => {
  test('the demo seed opens working-day and Saturday sessions at 青山镇 for the queue seed\'s categories', async () => {
    const res = await townDirector.get(`/api/appointments/sessions${qs({ centerId })}`);
    const seeded = (res.json().items as { kind: string; categoryName: string }[]).filter((s) => !s.categoryName.startsWith('预约测试'));
    expect(seeded.filter((s) => s.kind === 'regular').length).toBeGreaterThanOrEqual(2);
    expect(seeded.filter((s) => s.kind === 'weekend')).toHaveLength(1);
    const centersRes = (await anon.get('/api/appointments/centers')).json();
    expect(centersRes.items.map((c: { name: string }) => c.name)).toContain('青山镇便民服务中心');
  });

  test('a clerk may not set sessions; the director may, audited', async () => {
    expect((await townClerk.post('/api/appointments/sessions', session(catA))).statusCode).toBe(403);
    const bad = await townDirector.post('/api/appointments/sessions', session(catA, { kind: 'after_hours' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('startsAt');
    const res = await townDirector.post('/api/appointments/sessions', session(catA));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'regular', kindLabel: '工作日', capacity: 1, version: 1, categoryName: '预约测试甲' });
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.objectId, res.json().id));
    expect(audits.map((a) => a.action)).toEqual(['appointment.session_saved']);
    const list = await townDirector.get(`/api/appointments/sessions${qs({ centerId })}`);
    expect(list.json().items.map((s: { id: string }) => s.id)).toContain(res.json().id);
  });

  test('public slots: two a working day for 14 days, none on the weekend; listing twice creates nothing new', async () => {
    const { items, days } = await slots(catA);
    expect(days).toHaveLength(14);
    expect(days[0]).toBe('2026-03-02');
    const slotDays = [...new Set(items.map((s) => s.day))];
    expect(slotDays).toHaveLength(10);
    expect(slotDays.every((d) => isoWeekday(d) <= 5)).toBe(true);
    expect(items.filter((s) => s.day === '2026-03-02').map((s) => `${s.startsAt}-${s.endsAt}`)).toEqual(['09:00-09:30', '09:30-10:00']);
    expect(items.every((s) => s.available === 1)).toBe(true);
    const before = (await ctx.db.select().from(appointmentSlots).where(eq(appointmentSlots.categoryId, catA))).length;
    await slots(catA);
    expect((await ctx.db.select().from(appointmentSlots).where(eq(appointmentSlots.categoryId, catA))).length).toBe(before);
  });

  test('weekend sessions give slots on Saturdays and Sundays only', async () => {
    const res = await townDirector.post('/api/appointments/sessions', session(catA, { kind: 'weekend', weekdays: [6, 7], startsAt: '09:00', endsAt: '11:00', slotMinutes: 60, capacity: 2 }));
    expect(res.statusCode, res.body).toBe(200);
    const weekend = (await slots(catA)).items.filter((s) => s.kind === 'weekend');
    expect([...new Set(weekend.map((s) => s.day))]).toEqual(['2026-03-07', '2026-03-08', '2026-03-14', '2026-03-15']);
    expect(weekend.filter((s) => s.day === '2026-03-07').map((s) => s.startsAt)).toEqual(['09:00', '10:00']);
  });
});

describe('booking', () => {
  test('a staff account cannot book', async () => {
    const s = await slotAt(catA, '2026-03-03', '09:00');
    expect((await townDirector.post('/api/appointments', { slotId: s.id })).statusCode).toBe(403);
  });

  test('eight citizens race for the last place: exactly one wins, booked = 1', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => registerCitizen(`抢号${'甲乙丙丁戊己庚辛'[i]}`)));
    const s = await slotAt(catA, '2026-03-03', '09:00');
    const results = await Promise.all(people.map((p) => p.post('/api/appointments', { slotId: s.id })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('APPOINTMENT_SLOT_FULL');
    expect(await bookedOf(s.id)).toBe(1);
    expect((await ctx.db.select().from(appointments).where(eq(appointments.slotId, s.id))).length).toBe(1);
    expect((await slotAt(catA, '2026-03-03', '09:00')).available).toBe(0);
  });

  test('the same citizen twice at once on a two-place slot gets one booking', async () => {
    const s = await slotAt(catA, '2026-03-07', '09:00');
    expect(s.capacity).toBe(2);
    const results = await Promise.all([citizen.post('/api/appointments', { slotId: s.id }), citizen.post('/api/appointments', { slotId: s.id })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('APPOINTMENT_ALREADY_BOOKED');
    expect(await bookedOf(s.id)).toBe(1);
    const ok = results.find((r) => r.statusCode === 200)!.json();
    expect(ok.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(ok).toMatchObject({ status: 'booked', day: '2026-03-07', startsAt: '09:00', centerName: '青山镇便民服务中心', changeable: true });
  });

  test('change takes the new place and releases the old; cancel releases; both only before the slot starts', async () => {
    const p = await registerCitizen('改约人');
    const a = await slotAt(catA, '2026-03-04', '09:00');
    const b = await slotAt(catA, '2026-03-04', '09:30');
    const full = await slotAt(catA, '2026-03-03', '09:30');
    const other = await registerCitizen('占位人');
    expect((await other.post('/api/appointments', { slotId: full.id })).statusCode).toBe(200);

    const booked = (await p.post('/api/appointments', { slotId: a.id })).json();
    expect(await bookedOf(a.id)).toBe(1);
    // To a full slot: refused, nothing moves.
    const refused = await p.post(`/api/appointments/${booked.id}/change`, { slotId: full.id, version: booked.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('APPOINTMENT_SLOT_FULL');
    expect([await bookedOf(a.id), await bookedOf(full.id)]).toEqual([1, 1]);
    // Stale version.
    expect((await p.post(`/api/appointments/${booked.id}/change`, { slotId: b.id, version: booked.version + 1 })).statusCode).toBe(409);
    // Someone else's booking is not there for them.
    expect((await other.post(`/api/appointments/${booked.id}/change`, { slotId: b.id, version: booked.version })).statusCode).toBe(404);

    const changed = await p.post(`/api/appointments/${booked.id}/change`, { slotId: b.id, version: booked.version });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ slotId: b.id, startsAt: '09:30', code: booked.code, version: booked.version + 1 });
    expect([await bookedOf(a.id), await bookedOf(b.id)]).toEqual([0, 1]);

    const cancelled = await p.post(`/api/appointments/${booked.id}/cancel`, { version: changed.json().version });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', statusLabel: '已取消', changeable: false });
    expect(await bookedOf(b.id)).toBe(0);
    const again = await p.post(`/api/appointments/${booked.id}/cancel`, { version: cancelled.json().version });
    expect(again.json().error.code).toBe('APPOINTMENT_NOT_BOOKED');

    // The other person's booking cannot be cancelled once its slot has started.
    const mine = (await other.get('/api/appointments/mine')).json().items[0];
    now = new Date('2026-03-03T01:31:00Z'); // 09:31 Beijing
    try {
      const late = await other.post(`/api/appointments/${mine.id}/cancel`, { version: mine.version });
      expect(late.statusCode).toBe(422);
      expect(late.json().error.code).toBe('APPOINTMENT_STARTED');
      expect((await slots(catA)).items.some((s) => s.day === '2026-03-03' && s.startsAt === '09:00')).toBe(false);
    } finally {
      now = MONDAY_8;
    }
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.objectId, booked.id)).orderBy(auditLog.seq);
    expect(audits.map((x) => x.action)).toEqual(['appointment.booked', 'appointment.changed', 'appointment.cancelled']);
  });
});

describe('no-show blocking', () => {
  test('three no-shows block booking for 30 days from the last; free again after', async () => {
    const res = await townDirector.post('/api/appointments/sessions', session(catB, { startsAt: '14:00', endsAt: '15:00', slotMinutes: 60, capacity: 5 }));
    expect(res.statusCode, res.body).toBe(200);
    const p = await registerCitizen('爽约人');
    const ids: string[] = [];
    for (const day of ['2026-03-03', '2026-03-04', '2026-03-05']) {
      const s = await slotAt(catB, day, '14:00');
      const r = await p.post('/api/appointments', { slotId: s.id });
      expect(r.statusCode).toBe(200);
      ids.push(r.json().id);
    }
    const statuses = async () => Promise.all(ids.map(async (id) => (await ctx.db.select({ s: appointments.status }).from(appointments).where(eq(appointments.id, id)))[0].s));
    // 2026-03-05 15:14 Beijing: the last slot ended 14 minutes ago — two no-shows so far.
    now = new Date('2026-03-05T07:14:00Z');
    expect(await markNoShows(deps, now)).toBeGreaterThanOrEqual(2);
    expect(await statuses()).toEqual(['no_show', 'no_show', 'booked']);
    const s6 = await slotAt(catB, '2026-03-06', '14:00');
    const stillOk = await p.post('/api/appointments', { slotId: s6.id });
    expect(stillOk.statusCode, stillOk.body).toBe(200);
    expect((await p.post(`/api/appointments/${stillOk.json().id}/cancel`, { version: 1 })).statusCode).toBe(200);

    now = new Date('2026-03-05T07:16:00Z');
    expect(await markNoShows(deps, now)).toBe(1);
    expect(await statuses()).toEqual(['no_show', 'no_show', 'no_show']);
    expect(await markNoShows(deps, now)).toBe(0);
    const blocked = await p.post('/api/appointments', { slotId: s6.id });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error).toMatchObject({ code: 'APPOINTMENT_BLOCKED', details: { until: '2026-04-04' } });
    expect(blocked.json().error.message).toContain('2026-04-04');
    const mine = (await p.get('/api/appointments/mine')).json();
    expect(mine.blockedUntil).toBe('2026-04-04');
    expect(mine.items.filter((a: { status: string }) => a.status === 'no_show')).toHaveLength(3);
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'appointment.no_show'));
    expect(audits.length).toBeGreaterThanOrEqual(3);

    now = new Date('2026-04-03T00:00:00Z');
    const sApr3 = await slotAt(catB, '2026-04-03', '14:00');
    expect((await p.post('/api/appointments', { slotId: sApr3.id })).json().error.code).toBe('APPOINTMENT_BLOCKED');
    now = new Date('2026-04-04T00:00:00Z'); // 清明 holidays (4–6 April): book the Tuesday after
    const sApr6 = await slotAt(catB, '2026-04-07', '14:00');
    const free = await p.post('/api/appointments', { slotId: sApr6.id });
    expect(free.statusCode, free.body).toBe(200);
    expect((await p.get('/api/appointments/mine')).json().blockedUntil).toBeNull();
    now = MONDAY_8;
  });
});

describe('the director sees a day', () => {
  test('bookings with masked names and no codes', async () => {
    const res = await townDirector.get(`/api/appointments/day${qs({ centerId, day: '2026-03-03' })}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeGreaterThanOrEqual(2);
    for (const i of body.items) {
      expect(i.personName).toMatch(/^.\*+$/);
      expect(i).not.toHaveProperty('code');
    }
    expect(body.slots.find((s: { categoryName: string; startsAt: string }) => s.categoryName === '预约测试甲' && s.startsAt === '09:00')).toMatchObject({ capacity: 1, booked: 1 });
    const hexi = newClient();
    await hexi.login('hexi.director', DEMO_PASSWORD);
    expect((await hexi.get(`/api/appointments/day${qs({ centerId })}`)).statusCode).toBe(404);
  });
});

describe('check-in at the kiosk', () => {
  test('within the window the code becomes a priority ticket; early, late, twice and wrong codes are refused', async () => {
    const p = await registerCitizen('签到人');
    const kiosk = newClient();
    const s = await slotAt(catA, '2026-03-10', '09:30');
    const booked = (await p.post('/api/appointments', { slotId: s.id })).json();
    const late = (await p.post('/api/appointments', { slotId: (await slotAt(catA, '2026-03-11', '09:00')).id })).json();
    try {
      now = new Date('2026-03-10T00:59:00Z'); // 08:59, the window opens at 09:00
      const early = await kiosk.post('/api/appointments/check-in', { code: booked.code });
      expect(early.statusCode).toBe(422);
      expect(early.json().error.code).toBe('APPOINTMENT_CHECKIN_EARLY');
      expect((await kiosk.post('/api/appointments/check-in', { code: 'ABCD2345' })).statusCode).toBe(404);
      expect((await kiosk.post('/api/appointments/check-in', { code: booked.code, centerId: (await ctx.db.select({ id: centers.id }).from(centers).where(eq(centers.name, '河西镇便民服务中心')))[0].id })).json().error.code).toBe('APPOINTMENT_OTHER_CENTER');

      now = new Date('2026-03-10T01:20:00Z'); // 09:20
      const res = await kiosk.post('/api/appointments/check-in', { code: ` ${booked.code.slice(0, 4).toLowerCase()}-${booked.code.slice(4)} ` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ ticketCode: 'Y001', categoryName: '预约测试甲', priority: true, startsAt: '09:30' });
      expect(JSON.stringify(res.json())).not.toContain('签到人');
      const [a] = await ctx.db.select().from(appointments).where(eq(appointments.id, booked.id));
      expect(a.status).toBe('checked_in');
      const [t] = await ctx.db.select().from(queueTickets).where(eq(queueTickets.id, a.ticketId!));
      expect(t).toMatchObject({ source: 'appointment', priority: true, priorityReason: 'appointment', appointmentId: booked.id, status: 'waiting', code: 'Y001' });
      expect((await kiosk.post('/api/appointments/check-in', { code: booked.code })).json().error.code).toBe('APPOINTMENT_ALREADY_CHECKED_IN');
      const mine = (await p.get('/api/appointments/mine')).json().items.find((x: { id: string }) => x.id === booked.id);
      expect(mine).toMatchObject({ status: 'checked_in', ticketCode: 'Y001', changeable: false });

      now = new Date('2026-03-11T01:15:01Z'); // 09:15:01, the 09:00 slot's window closed at 09:15
      expect((await kiosk.post('/api/appointments/check-in', { code: late.code })).json().error.code).toBe('APPOINTMENT_CHECKIN_LATE');
      const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.objectId, booked.id)).orderBy(auditLog.seq);
      expect(audits.map((x) => x.action)).toEqual(['appointment.booked', 'appointment.checked_in']);
    } finally {
      now = MONDAY_8;
    }
  });

  test('the kiosk is rate-limited per IP', async () => {
    const kiosk = newClient();
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await kiosk.post('/api/appointments/check-in', { code: 'ZZZZ2222' })).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 404)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
  });
});

describe('the hall settings decide the block', () => {
  test('with noShowLimit 1 and blockDays 7, one no-show blocks for a week', async () => {
    const [row] = await ctx.db.select().from(hallSettings).where(eq(hallSettings.centerId, centerId));
    const settings = { ...(row?.settings ?? {}), appointment: { noShowLimit: 1, noShowWindowDays: 90, blockDays: 7, bookAheadDays: 14, checkInEarlyMinutes: 30, checkInLateMinutes: 15 } };
    if (row) await ctx.db.update(hallSettings).set({ settings }).where(eq(hallSettings.centerId, centerId));
    else await ctx.db.insert(hallSettings).values({ centerId, countyId: (await ctx.db.select().from(centers).where(eq(centers.id, centerId)))[0].countyId, settings });
    try {
      const p = await registerCitizen('一次爽约');
      const first = await p.post('/api/appointments', { slotId: (await slotAt(catB, '2026-03-03', '14:00')).id });
      expect(first.statusCode, first.body).toBe(200);
      now = new Date('2026-03-04T00:00:00Z');
      const next = await slotAt(catB, '2026-03-05', '14:00');
      const refused = await p.post('/api/appointments', { slotId: next.id });
      expect(refused.json().error).toMatchObject({ code: 'APPOINTMENT_BLOCKED', details: { until: '2026-03-10' } });
    } finally {
      now = MONDAY_8;
      if (row) await ctx.db.update(hallSettings).set({ settings: row.settings }).where(eq(hallSettings.centerId, centerId));
      else await ctx.db.delete(hallSettings).where(eq(hallSettings.centerId, centerId));
    }
  });
});

describe('the daily cap (限号) and appointments', () => {
  const kioskTake = (categoryId: string) => newClient().post(`/api/queue/centers/${centerId}/tickets`, { categoryId });
  const withCap = async (name: string, prefix: string, dailyCap: number) => {
    const id = await ensureCategory(name, prefix);
    await ctx.db.update(queueCategories).set({ dailyCap }).where(eq(queueCategories.id, id));
    const res = await townDirector.post('/api/appointments/sessions', session(id)); // working days 09:00 and 09:30, one place each
    expect(res.statusCode, res.body).toBe(200);
    return id;
  };
  const slotRows = async (categoryId: string) => (await ctx.db.select({ id: appointmentSlots.id }).from(appointmentSlots).where(eq(appointmentSlots.categoryId, categoryId))).length;

  test('a check-in is never refused by the category cap, yet counts among the day\'s numbers; a window at its cap still calls it', async () => {
    const catC = await withCap('预约测试丙', 'X', 2);
    const p = await registerCitizen('限号预约人');
    const booked = await p.post('/api/appointments', { slotId: (await slotAt(catC, '2026-03-12', '09:00')).id });
    expect(booked.statusCode, booked.body).toBe(200);
    // The last window of 青山镇 takes only this category, at most one call a day; the clerk signs in there.
    const [w] = await ctx.db.select().from(windows).where(eq(windows.centerId, centerId)).orderBy(desc(windows.number)).limit(1);
    await ctx.db.update(windows).set({ categories: ['预约测试丙'], dailyCap: 1 }).where(eq(windows.id, w.id));
    try {
      now = new Date('2026-03-12T00:40:00Z'); // Thursday 08:40
      await ctx.db.update(windowSessions).set({ signedOutAt: now }).where(isNull(windowSessions.signedOutAt));
      expect((await kioskTake(catC)).json().code).toBe('X001');
      expect((await kioskTake(catC)).json().code).toBe('X002');
      const full = await kioskTake(catC);
      expect(full.statusCode).toBe(422);
      expect(full.json().error.code).toBe('QUEUE_CAP_REACHED');

      expect((await townClerk.post(`/api/queue/windows/${w.id}/sign-in`)).statusCode).toBe(200);
      const first = (await townClerk.post(`/api/queue/windows/${w.id}/call-next`)).json().ticket;
      expect(first.code).toBe('X001');
      const st = (await townClerk.post(`/api/queue/tickets/${first.id}/start`, { version: first.version })).json().ticket;
      expect((await townClerk.post(`/api/queue/tickets/${first.id}/finish`, { version: st.version })).statusCode).toBe(200);
      // The window has reached its cap: the waiting walk-in X002 is not called.
      expect((await townClerk.post(`/api/queue/windows/${w.id}/call-next`)).json().error.code).toBe('WINDOW_CAP_REACHED');

      const checkIn = await newClient().post('/api/appointments/check-in', { code: booked.json().code });
      expect(checkIn.statusCode, checkIn.body).toBe(200);
      expect(checkIn.json()).toMatchObject({ ticketCode: 'X003', priority: true, categoryName: '预约测试丙' });
      const [t] = await ctx.db.select().from(queueTickets).where(eq(queueTickets.code, 'X003'));
      expect(t).toMatchObject({ categoryId: catC, serviceDate: '2026-03-12', source: 'appointment', priority: true, priorityReason: 'appointment', status: 'waiting' });

      // Still full for walk-ins: the check-in took number 3 of the day.
      const after = await kioskTake(catC);
      expect(after.statusCode).toBe(422);
      expect(after.json().error.code).toBe('QUEUE_CAP_REACHED');
      const issued = await ctx.db.select({ code: queueTickets.code }).from(queueTickets).where(and(eq(queueTickets.categoryId, catC), eq(queueTickets.serviceDate, '2026-03-12')));
      expect(issued.map((x) => x.code).sort()).toEqual(['X001', 'X002', 'X003']);

      // The window at its cap still calls the appointment, and nothing else after it.
      const appt = (await townClerk.post(`/api/queue/windows/${w.id}/call-next`)).json().ticket;
      expect(appt).toMatchObject({ code: 'X003', source: 'appointment', reason: 'appointment' });
      const st2 = (await townClerk.post(`/api/queue/tickets/${appt.id}/start`, { version: appt.version })).json().ticket;
      expect((await townClerk.post(`/api/queue/tickets/${appt.id}/finish`, { version: st2.version })).statusCode).toBe(200);
      expect((await townClerk.post(`/api/queue/windows/${w.id}/call-next`)).json().error.code).toBe('WINDOW_CAP_REACHED');
      expect((await townClerk.post(`/api/queue/windows/${w.id}/sign-out`)).statusCode).toBe(200);
    } finally {
      now = MONDAY_8;
      await ctx.db.update(windows).set({ categories: w.categories, dailyCap: w.dailyCap }).where(eq(windows.id, w.id));
    }
  });

  test('a refused kiosk or portal ticket offers the next day with a free appointment place, found without creating slots', async () => {
    const catD = await withCap('预约测试丁', 'W', 1);
    // Both places of Friday 13 March are booked; slots are stored for the working days up to that Friday
    // (the 14 bookable days from Monday 2 March end on Sunday 15 March).
    for (const at of ['09:00', '09:30']) {
      const r = await (await registerCitizen(at === '09:00' ? '约满甲' : '约满乙')).post('/api/appointments', { slotId: (await slotAt(catD, '2026-03-13', at)).id });
      expect(r.statusCode, r.body).toBe(200);
    }
    const rowsBefore = await slotRows(catD);
    const stored = await ctx.db.select({ day: appointmentSlots.day }).from(appointmentSlots).where(eq(appointmentSlots.categoryId, catD)).orderBy(desc(appointmentSlots.day)).limit(1);
    expect(stored[0].day).toBe('2026-03-13');
    try {
      now = new Date('2026-03-13T00:00:00Z'); // Friday 08:00
      expect((await kioskTake(catD)).json().code).toBe('W001');
      const refused = await kioskTake(catD);
      expect(refused.statusCode).toBe(422);
      // Friday is full, the weekend has no session: Monday 16 March, whose slots are not stored yet.
      expect(refused.json().error).toMatchObject({
        code: 'QUEUE_CAP_REACHED',
        details: { categoryId: catD, categoryName: '预约测试丁', dailyCap: 1, nextAppointmentDay: '2026-03-16' },
      });
      expect(refused.json().error.message).toContain('可预约 3月16日');
      const portal = await citizen.post(`/api/queue/centers/${centerId}/my-tickets`, { categoryId: catD });
      expect(portal.statusCode).toBe(422);
      expect(portal.json().error).toMatchObject({ code: 'QUEUE_CAP_REACHED', details: { nextAppointmentDay: '2026-03-16' } });
      // The kiosk asks the same for a category the list already shows as 已取完.
      const offer = await anon.get(`/api/appointments/next-free-day${qs({ centerId, categoryId: catD })}`);
      expect(offer.statusCode, offer.body).toBe(200);
      expect(offer.json()).toEqual({ day: '2026-03-16' });
      expect(await slotRows(catD)).toBe(rowsBefore);
      // What the slot list then shows agrees: the first day with a place is that Monday.
      const firstFree = (await slots(catD)).items.find((x) => x.available > 0);
      expect(firstFree?.day).toBe('2026-03-16');
    } finally {
      now = MONDAY_8;
    }
  });
});

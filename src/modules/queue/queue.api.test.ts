import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createTestApp, qs, type TestClient, type TestCtx } from '../../test/harness.js';
import { auditLog } from '../audit/audit.tables.js';
import { roleGrants, users } from '../auth/auth.tables.js';
import { cases } from '../cases/cases.tables.js';
import { centers, windows } from '../org/org.tables.js';
import { HALL_CHANNEL } from '../../platform/realtime.js';
import { makeIdNumber } from '../seed/codes.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { queueCategories, queueTickets, windowSessions } from './queue.tables.js';

/** Business "now": Monday 2027-01-11 09:00 in Beijing (after any seeded hall history); tests move it. */
let now = new Date('2027-01-11T01:00:00Z');
let ctx: TestCtx;
let anon: TestClient;
let townClerk: TestClient;
let townDirector: TestClient;
let hexiClerk: TestClient;
let town: { id: string; countyId: string };
let county: { id: string; countyId: string };
let ipSerial = 1;
const newClient = () => {
  const c = ctx.client();
  c.ip = `10.88.${Math.floor(ipSerial / 250)}.${(ipSerial++ % 250) + 1}`;
  return c;
};
const tick = (ms = 1000) => (now = new Date(now.getTime() + ms));
const catId = async (centerId: string, name: string) =>
  (await ctx.db.select({ id: queueCategories.id }).from(queueCategories).where(and(eq(queueCategories.centerId, centerId), eq(queueCategories.name, name))))[0].id;
const windowId = async (centerId: string, number: number) => (await ctx.db.select({ id: windows.id }).from(windows).where(and(eq(windows.centerId, centerId), eq(windows.number, number))))[0].id;
const take = async (centerId: string, body: Record<string, unknown>) => {
  tick();
  return newClient().post(`/api/queue/centers/${centerId}/tickets`, body);
};
const ELDER_ID = makeIdNumber('139921', '19500301', 11);
const YOUNG_ID = makeIdNumber('139921', '19900301', 12);

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty, now: () => now });
  const login = async (u: string) => newClient().login(u, DEMO_PASSWORD);
  anon = newClient();
  townClerk = await login('town.clerk');
  townDirector = await login('town.director');
  hexiClerk = await login('hexi.clerk');
  const centerOf = async (name: string) => (await ctx.db.select({ id: centers.id, countyId: centers.countyId }).from(centers).where(eq(centers.name, name)))[0];
  town = await centerOf('青山镇便民服务中心');
  const [c] = await ctx.db.select({ id: centers.id, countyId: centers.countyId }).from(centers).where(eq(centers.level, 'county'));
  county = c;
  // Seeded hall history may leave sessions open: close them so the demo clerks can sign in.
  await ctx.db.update(windowSessions).set({ signedOutAt: now });
});
afterAll(async () => ctx?.close());

describe('categories and settings', () => {
  test('the seed gives 青山镇 a category per window category name, lettered in window order, and default settings', async () => {
    const res = await anon.get(`/api/queue/centers/${town.id}/categories`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { name: string; prefix: string; waiting: number; capped: boolean }[];
    expect(items.slice(0, 4).map((i) => `${i.prefix}${i.name}`)).toEqual(['A社会事务', 'B社会保障', 'C医疗保障', 'D农业农村']);
    const s = await townDirector.get(`/api/queue/centers/${town.id}/settings`);
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().settings.recallLimit).toBe(3);
    expect(s.json().settings.priority.elderlyAge).toBe(65);
  });

  test('a clerk cannot change settings; a director can, with version', async () => {
    const cur = (await townDirector.get(`/api/queue/centers/${town.id}/settings`)).json();
    expect((await townClerk.put(`/api/queue/centers/${town.id}/settings`, { settings: cur.settings, version: cur.version })).statusCode).toBe(403);
    const put = await townDirector.put(`/api/queue/centers/${town.id}/settings`, { settings: { ...cur.settings, priority: { ...cur.settings.priority, elderlyAge: 70 } }, version: cur.version });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().version).toBe(cur.version + 1);
    expect((await townDirector.put(`/api/queue/centers/${town.id}/settings`, { settings: cur.settings, version: cur.version })).statusCode).toBe(409);
    const back = await townDirector.put(`/api/queue/centers/${town.id}/settings`, { settings: cur.settings, version: cur.version + 1 });
    expect(back.statusCode, back.body).toBe(200);
  });
});

describe('taking tickets', () => {
  test('numbers run A001, A002 … per category per day and restart the next day; the ID number is never returned or stored', async () => {
    const cat = await catId(town.id, '社会事务');
    const a = await take(town.id, { categoryId: cat });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ code: 'A001', categoryName: '社会事务', peopleAhead: 0, priority: false, reason: null, serviceDate: '2027-01-11' });
    const b = await take(town.id, { categoryId: cat, idNumber: ELDER_ID });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json()).toMatchObject({ code: 'A002', priority: true, reason: 'elderly', peopleAhead: 0 });
    expect(b.body).not.toContain(ELDER_ID);
    const c = await take(town.id, { categoryId: cat, idNumber: YOUNG_ID });
    expect(c.json()).toMatchObject({ code: 'A003', priority: false, peopleAhead: 2 });
    const other = await take(town.id, { categoryId: await catId(town.id, '社会保障') });
    expect(other.json().code).toBe('B001');
    // Nothing of the ID number in tickets or audit.
    const rows = await ctx.db.select().from(queueTickets).where(eq(queueTickets.centerId, town.id));
    expect(JSON.stringify(rows)).not.toContain(ELDER_ID.slice(6, 14));
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'queue.ticket_taken'));
    expect(audits.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(audits)).not.toContain(ELDER_ID);
    // Next day: numbering restarts.
    const saved = now;
    now = new Date('2027-01-12T01:00:00Z');
    const d = await take(town.id, { categoryId: cat });
    expect(d.json()).toMatchObject({ code: 'A001', serviceDate: '2027-01-12' });
    await ctx.db.update(queueTickets).set({ status: 'cancelled' }).where(eq(queueTickets.serviceDate, '2027-01-12'));
    now = saved;
  });

  test('daily cap: past it the kiosk gets 422 QUEUE_CAP_REACHED offering an appointment, and the category shows capped', async () => {
    const cat = await catId(town.id, '农业农村');
    const list = (await townDirector.get(`/api/queue/categories${qs({ centerId: town.id })}`)).json().items as { id: string; version: number; name: string; prefix: string; sort: number }[];
    const k = list.find((x) => x.id === cat)!;
    const put = await townDirector.put(`/api/queue/categories/${cat}`, { name: k.name, prefix: k.prefix, dailyCap: 2, sort: k.sort, active: true, version: k.version });
    expect(put.statusCode, put.body).toBe(200);
    expect((await take(town.id, { categoryId: cat })).json().code).toBe('D001');
    expect((await take(town.id, { categoryId: cat })).json().code).toBe('D002');
    const over = await take(town.id, { categoryId: cat });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('QUEUE_CAP_REACHED');
    expect(over.json().error.message).toContain('预约');
    const pub = (await anon.get(`/api/queue/centers/${town.id}/categories`)).json().items as { id: string; capped: boolean; waiting: number }[];
    expect(pub.find((x) => x.id === cat)).toMatchObject({ capped: true, waiting: 2 });
    expect(await ctx.db.select().from(queueTickets).where(and(eq(queueTickets.categoryId, cat), eq(queueTickets.serviceDate, '2027-01-11')))).toHaveLength(2);
  });

  test('portal: one open ticket per person per center per day', async () => {
    const citizen = await newClient().login('citizen', DEMO_PASSWORD);
    const cat = await catId(town.id, '医疗保障');
    const a = await citizen.post(`/api/queue/centers/${town.id}/my-tickets`, { categoryId: cat });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().code).toBe('C001');
    const b = await citizen.post(`/api/queue/centers/${town.id}/my-tickets`, { categoryId: cat });
    expect(b.statusCode).toBe(409);
    expect(b.json().error.code).toBe('TICKET_ALREADY_OPEN');
  });
});

describe('window console', () => {
  let w1: string;
  const ticketByCode = async (code: string) => (await ctx.db.select().from(queueTickets).where(and(eq(queueTickets.centerId, town.id), eq(queueTickets.code, code), eq(queueTickets.serviceDate, '2027-01-11'))))[0];

  test('sign in: one session per window and per person, with clear messages; scope 404 for another township', async () => {
    w1 = await windowId(town.id, 1);
    const w2 = await windowId(town.id, 2);
    expect((await hexiClerk.get(`/api/queue/windows/${w1}/console`)).statusCode).toBe(404);
    expect((await hexiClerk.post(`/api/queue/windows/${w1}/sign-in`)).statusCode).toBe(404);
    const notYet = await townClerk.post(`/api/queue/windows/${w1}/call-next`);
    expect(notYet.statusCode).toBe(422);
    expect(notYet.json().error.code).toBe('NOT_SIGNED_IN');
    const s = await townClerk.post(`/api/queue/windows/${w1}/sign-in`);
    expect(s.statusCode, s.body).toBe(200);
    const again = await townClerk.post(`/api/queue/windows/${w2}/sign-in`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('1号窗口');
    const director = await newClient().login('town.director', DEMO_PASSWORD);
    const taken = await director.post(`/api/queue/windows/${w1}/sign-in`);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('WINDOW_OCCUPIED');
    expect((await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'attendance.signed_in'))).length).toBeGreaterThanOrEqual(1);
  });

  test('call next: the elderly priority ticket before the earlier ordinary one; pause blocks calling', async () => {
    tick();
    const p = await townClerk.post(`/api/queue/windows/${w1}/pause`, { reason: '临时离开' });
    expect(p.statusCode, p.body).toBe(200);
    expect((await townClerk.post(`/api/queue/windows/${w1}/call-next`)).json().error.code).toBe('WINDOW_PAUSED');
    expect((await townClerk.post(`/api/queue/windows/${w1}/resume`)).statusCode).toBe(200);
    const first = await townClerk.post(`/api/queue/windows/${w1}/call-next`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().ticket).toMatchObject({ code: 'A002', status: 'called', priority: true, reason: 'elderly' });
    const busy = await townClerk.post(`/api/queue/windows/${w1}/call-next`);
    expect(busy.json().error.code).toBe('TICKET_IN_PROGRESS');
    const view = (await townClerk.get(`/api/queue/windows/${w1}/console`)).json();
    expect(view.mine).toBe(true);
    expect(view.current.code).toBe('A002');
    expect(view.categories.find((c: { name: string }) => c.name === '社会事务').waiting).toBe(2);
    // Serve it and link it to a case of this center.
    const t = first.json().ticket;
    const st = await townClerk.post(`/api/queue/tickets/${t.id}/start`, { version: t.version });
    expect(st.json().ticket.status).toBe('serving');
    expect((await townClerk.post(`/api/queue/tickets/${t.id}/start`, { version: t.version })).statusCode).toBe(409);
    const [kase] = await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.centerId, town.id)).limit(1);
    const [foreign] = await ctx.db.select({ id: cases.id, centerId: cases.centerId }).from(cases).where(inArray(cases.centerId, [county.id])).limit(1);
    if (foreign) expect((await townClerk.post(`/api/queue/tickets/${t.id}/link`, { version: st.json().ticket.version, caseId: foreign.id })).statusCode).toBe(404);
    const ln = await townClerk.post(`/api/queue/tickets/${t.id}/link`, { version: st.json().ticket.version, caseId: kase.id });
    expect(ln.statusCode, ln.body).toBe(200);
    expect(ln.json().ticket.caseId).toBe(kase.id);
    const fin = await townClerk.post(`/api/queue/tickets/${t.id}/finish`, { version: ln.json().ticket.version });
    expect(fin.json().ticket.status).toBe('done');
    expect((await townClerk.get(`/api/queue/windows/${w1}/console`)).json().servedToday).toBe(1);
  });

  test('recall up to the limit (3), the next one makes it a no-show', async () => {
    tick();
    let t = (await townClerk.post(`/api/queue/windows/${w1}/call-next`)).json().ticket;
    expect(t.code).toBe('A001');
    for (let i = 1; i <= 3; i++) {
      const r = await townClerk.post(`/api/queue/tickets/${t.id}/recall`, { version: t.version });
      expect(r.statusCode, r.body).toBe(200);
      t = r.json().ticket;
      expect(t).toMatchObject({ status: 'called', recalls: i });
    }
    const last = await townClerk.post(`/api/queue/tickets/${t.id}/recall`, { version: t.version });
    expect(last.json().ticket.status).toBe('no_show');
    expect((await ticketByCode('A001')).status).toBe('no_show');
  });

  test('skip sends the ticket to the back of the line; transfer to a window keeps the code, to another category takes its next number', async () => {
    tick();
    const t = (await townClerk.post(`/api/queue/windows/${w1}/call-next`)).json().ticket;
    expect(t.code).toBe('A003');
    const sk = await townClerk.post(`/api/queue/tickets/${t.id}/skip`, { version: t.version });
    expect(sk.json().ticket.status).toBe('waiting');
    tick();
    // A003 is the only one left in 社会事务; B001 (社会保障) comes next in the window's order after it.
    const again = (await townClerk.post(`/api/queue/windows/${w1}/call-next`)).json().ticket;
    expect(again.code).toBe('A003');
    const w2 = await windowId(town.id, 2);
    const tr = await townClerk.post(`/api/queue/tickets/${again.id}/transfer`, { version: again.version, windowId: w2 });
    expect(tr.statusCode, tr.body).toBe(200);
    expect(tr.json().ticket).toMatchObject({ code: 'A003', status: 'waiting' });
    expect((await ticketByCode('A003')).targetWindowId).toBe(w2);
    tick();
    const bRes = await townClerk.post(`/api/queue/windows/${w1}/call-next`);
    expect(bRes.statusCode, bRes.body).toBe(200);
    const b = bRes.json().ticket;
    expect(b.code).toBe('B001');
    const tc = await townClerk.post(`/api/queue/tickets/${b.id}/transfer`, { version: b.version, categoryId: await catId(town.id, '医疗保障') });
    expect(tc.statusCode, tc.body).toBe(200);
    expect(tc.json().ticket).toMatchObject({ code: 'C002', categoryName: '医疗保障', status: 'waiting' });
    const bad = await townClerk.post(`/api/queue/tickets/${b.id}/transfer`, { version: tc.json().ticket.version, categoryId: await catId(town.id, '医疗保障'), windowId: w2 });
    expect(bad.statusCode).toBe(400);
    // Sign out refused while a ticket is open at the window, fine after.
    tick();
    const c = (await townClerk.post(`/api/queue/windows/${w1}/call-next`)).json().ticket;
    expect((await townClerk.post(`/api/queue/windows/${w1}/sign-out`)).json().error.code).toBe('TICKET_IN_PROGRESS');
    await townClerk.post(`/api/queue/tickets/${c.id}/cancel`, { version: c.version });
    expect((await townClerk.post(`/api/queue/windows/${w1}/sign-out`)).statusCode).toBe(200);
  });
});

describe('20 windows calling at once', () => {
  test('each window gets a different ticket; with fewer tickets than windows the extras get none', async () => {
    const [proto] = await ctx.db.select().from(users).where(eq(users.username, 'county.clerk'));
    const cat = (
      await ctx.db.insert(queueCategories).values({ countyId: county.countyId, centerId: county.id, name: '并发测试', prefix: 'X', sort: 99 }).returning()
    )[0].id;
    const clients: { client: TestClient; windowId: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const [w] = await ctx.db
        .insert(windows)
        .values({ countyId: county.countyId, centerId: county.id, number: 200 + i, name: `并发窗口${i}`, kind: 'comprehensive', categories: ['并发测试'], dailyCap: null })
        .returning();
      const [u] = await ctx.db
        .insert(users)
        .values({ kind: 'staff', username: `race.clerk${i}`, displayName: `并发${i}`, passwordHash: proto.passwordHash })
        .returning();
      await ctx.db.insert(roleGrants).values({ userId: u.id, role: 'window_clerk', scopeCenterId: county.id });
      const client = await newClient().login(`race.clerk${i}`, DEMO_PASSWORD);
      expect((await client.post(`/api/queue/windows/${w.id}/sign-in`)).statusCode).toBe(200);
      clients.push({ client, windowId: w.id });
    }
    for (let i = 0; i < 25; i++) expect((await take(county.id, { categoryId: cat })).statusCode).toBe(200);
    const round1 = await Promise.all(clients.map((c) => c.client.post(`/api/queue/windows/${c.windowId}/call-next`)));
    for (const r of round1) expect(r.statusCode, r.body).toBe(200);
    const codes = round1.map((r) => r.json().ticket.code as string);
    expect(new Set(codes).size).toBe(20);
    // Oldest 20 were called.
    expect([...codes].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `X${String(i + 1).padStart(3, '0')}`));
    // Finish them all, then 5 tickets for 20 windows.
    await Promise.all(
      round1.map(async (r, i) => {
        const t = r.json().ticket;
        const s = await clients[i].client.post(`/api/queue/tickets/${t.id}/start`, { version: t.version });
        await clients[i].client.post(`/api/queue/tickets/${t.id}/finish`, { version: s.json().ticket.version });
      }),
    );
    const round2 = await Promise.all(clients.map((c) => c.client.post(`/api/queue/windows/${c.windowId}/call-next`)));
    const got = round2.map((r) => r.json().ticket?.code as string | undefined).filter(Boolean);
    expect(got.sort()).toEqual(['X021', 'X022', 'X023', 'X024', 'X025']);
    const rows = await ctx.db.select().from(queueTickets).where(eq(queueTickets.categoryId, cat));
    expect(rows.filter((r) => r.status === 'called')).toHaveLength(5);
    expect(new Set(rows.filter((r) => r.status === 'called').map((r) => r.windowId)).size).toBe(5);
  });
});

describe('the citizen’s own tickets (portal 在线取号, 我的排号)', () => {
  type Mine = { code: string; id: string; centerId: string; centerName: string; categoryName: string; status: string; peopleAhead: number | null; windowNumber: number | null; windowName: string | null; cancellable: boolean; takenAt: string; priority: boolean; reason: string | null };
  let citizen: TestClient;
  let other: TestClient;
  let huji: string;
  let w6: string;
  let mine: Mine;
  const kioskCodes: string[] = [];
  const myTickets = async (c: TestClient) => {
    const r = await c.get('/api/queue/my-tickets');
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { serviceDate: string; items: Mine[] };
  };
  const waitingHuji = async () => ((await anon.get(`/api/queue/centers/${town.id}/categories`)).json().items as { id: string; waiting: number }[]).find((k) => k.id === huji)!.waiting;
  const hallEvents: { centerId: string; type: string; data: { code?: string } }[] = [];
  let stopListening: () => Promise<void>;

  beforeAll(async () => {
    // A new business day: fresh numbers, nothing left open from the tests above.
    now = new Date('2027-01-13T01:00:00Z');
    citizen = await newClient().login('citizen', DEMO_PASSWORD);
    other = newClient();
    const reg = await other.post('/api/auth/register', { realName: '王秀英', idNumber: makeIdNumber('139921', '19480412', 31), phone: '13912340031', password: 'Village@2026' });
    expect(reg.statusCode, reg.body).toBe(201);
    huji = await catId(town.id, '户籍');
    w6 = await windowId(town.id, 6);
    stopListening = await ctx.database.listen(HALL_CHANNEL, (p) => hallEvents.push(JSON.parse(p)));
  });
  afterAll(async () => stopListening?.());

  test('the halls one can take a ticket at: the county hall first, then the township halls', async () => {
    const r = await anon.get('/api/queue/centers');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { id: string; name: string; level: string; regionId: string }[];
    expect(items[0]).toMatchObject({ id: county.id, level: 'county' });
    expect(items.find((c) => c.id === town.id)).toMatchObject({ name: '青山镇便民服务中心', level: 'township' });
    expect(items.every((c) => c.level !== 'village')).toBe(true);
  });

  test('take from the portal, then 我的排号 lists it (all centers, newest first) with the people ahead now', async () => {
    for (let i = 0; i < 2; i++) kioskCodes.push((await take(town.id, { categoryId: huji })).json().code);
    tick();
    const taken = await citizen.post(`/api/queue/centers/${town.id}/my-tickets`, { categoryId: huji });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ categoryName: '户籍', centerName: '青山镇便民服务中心', peopleAhead: 2, priority: false, serviceDate: '2027-01-13' });
    tick();
    const atCounty = await citizen.post(`/api/queue/centers/${county.id}/my-tickets`, { categoryId: await catId(county.id, '户籍') });
    expect(atCounty.statusCode, atCounty.body).toBe(200);

    const list = await myTickets(citizen);
    expect(list.serviceDate).toBe('2027-01-13');
    expect(list.items.map((t) => t.code)).toEqual([atCounty.json().code, taken.json().code]);
    mine = list.items[1];
    expect(mine).toEqual({
      id: taken.json().id,
      code: taken.json().code,
      categoryId: huji,
      categoryName: '户籍',
      centerId: town.id,
      centerName: '青山镇便民服务中心',
      peopleAhead: 2,
      priority: false,
      reason: null,
      serviceDate: '2027-01-13',
      takenAt: taken.json().takenAt,
      status: 'waiting',
      windowNumber: null,
      windowName: null,
      cancellable: true,
    });

    // Window 6 (公安户政) calls the first kiosk ticket: one fewer ahead.
    expect((await townClerk.post(`/api/queue/windows/${w6}/sign-in`)).statusCode).toBe(200);
    tick();
    const called = await townClerk.post(`/api/queue/windows/${w6}/call-next`);
    expect(called.json().ticket.code).toBe(kioskCodes[0]);
    expect((await myTickets(citizen)).items.find((t) => t.id === mine.id)!.peopleAhead).toBe(1);
  });

  test('another person can neither see nor cancel it (404); staff cannot use the holder’s cancel (403)', async () => {
    expect((await myTickets(other)).items).toEqual([]);
    const r = await other.post(`/api/queue/my-tickets/${mine.id}/cancel`);
    expect(r.statusCode, r.body).toBe(404);
    // A kiosk ticket has no holder online.
    const kiosk = (await ctx.db.select({ id: queueTickets.id }).from(queueTickets).where(and(eq(queueTickets.centerId, town.id), eq(queueTickets.code, kioskCodes[1]), eq(queueTickets.serviceDate, '2027-01-13'))))[0];
    expect((await citizen.post(`/api/queue/my-tickets/${kiosk.id}/cancel`)).statusCode).toBe(404);
    expect((await townClerk.post(`/api/queue/my-tickets/${mine.id}/cancel`)).statusCode).toBe(403);
    expect((await anon.get('/api/queue/my-tickets')).statusCode).toBe(401);
    // Still waiting.
    expect((await myTickets(citizen)).items.find((t) => t.id === mine.id)!.status).toBe('waiting');
  });

  test('the holder cancels a waiting ticket once: the waiting count drops, screens hear it, it is audited; then may take another', async () => {
    const before = await waitingHuji();
    tick();
    const r = await citizen.post(`/api/queue/my-tickets/${mine.id}/cancel`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id: mine.id, status: 'cancelled', peopleAhead: null, cancellable: false });
    expect(await waitingHuji()).toBe(before - 1);
    const again = await citizen.post(`/api/queue/my-tickets/${mine.id}/cancel`);
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toMatchObject({ code: 'TICKET_NOT_WAITING', message: `${mine.code}号已取消，不用再取消` });
    const [row] = await ctx.db.select().from(queueTickets).where(eq(queueTickets.id, mine.id));
    expect(row).toMatchObject({ status: 'cancelled', version: 2 });
    const audits = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'queue.ticket_cancelled'), eq(auditLog.objectId, mine.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0].details).toMatchObject({ code: mine.code, byHolder: true });
    await vi.waitFor(() => expect(hallEvents.some((e) => e.centerId === town.id && e.type === 'ticket.cancelled' && e.data.code === mine.code)).toBe(true));
    // One open ticket per center: after cancelling, a new one may be taken.
    tick();
    const next = await citizen.post(`/api/queue/centers/${town.id}/my-tickets`, { categoryId: huji });
    expect(next.statusCode, next.body).toBe(200);
    mine = (await myTickets(citizen)).items.find((t) => t.id === next.json().id)!;
    expect(mine).toMatchObject({ status: 'waiting', peopleAhead: 1, cancellable: true });
  });

  test('once called, the holder sees the window and cannot cancel online (422 with the window to go to)', async () => {
    // Window 6 finishes the kiosk ticket it called and calls the next ones until the citizen's.
    for (;;) {
      const cur = (await townClerk.get(`/api/queue/windows/${w6}/console`)).json().current as { id: string; code: string; version: number; status: string } | null;
      if (cur?.code === mine.code) break;
      if (cur) {
        const s = await townClerk.post(`/api/queue/tickets/${cur.id}/start`, { version: cur.version });
        expect((await townClerk.post(`/api/queue/tickets/${cur.id}/finish`, { version: s.json().ticket.version })).statusCode).toBe(200);
      }
      tick();
      expect((await townClerk.post(`/api/queue/windows/${w6}/call-next`)).json().ticket).not.toBeNull();
    }
    const seen = (await myTickets(citizen)).items.find((t) => t.id === mine.id)!;
    expect(seen).toMatchObject({ status: 'called', windowNumber: 6, windowName: '公安户政', peopleAhead: null, cancellable: false });
    const r = await citizen.post(`/api/queue/my-tickets/${mine.id}/cancel`);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('TICKET_NOT_WAITING');
    expect(r.json().error.message).toContain('请到6号窗口办理');
    expect((await ctx.db.select({ status: queueTickets.status }).from(queueTickets).where(eq(queueTickets.id, mine.id)))[0].status).toBe('called');
    // Served: still listed, as 办理中, then done.
    const start = await townClerk.post(`/api/queue/tickets/${mine.id}/start`, { version: (await ctx.db.select().from(queueTickets).where(eq(queueTickets.id, mine.id)))[0].version });
    expect((await myTickets(citizen)).items.find((t) => t.id === mine.id)).toMatchObject({ status: 'serving', windowNumber: 6 });
    await townClerk.post(`/api/queue/tickets/${mine.id}/finish`, { version: start.json().ticket.version });
    expect((await myTickets(citizen)).items.find((t) => t.id === mine.id)).toMatchObject({ status: 'done', windowNumber: null, cancellable: false });
    expect((await townClerk.post(`/api/queue/windows/${w6}/sign-out`)).statusCode).toBe(200);
  });

  test('绿色通道: a declared reason, or the age from the ID number on file; the people ahead count priority tickets first', async () => {
    tick();
    const declared = await citizen.post(`/api/queue/centers/${town.id}/my-tickets`, { categoryId: huji, disabled: true });
    expect(declared.statusCode, declared.body).toBe(200);
    tick();
    const ordinary = await take(town.id, { categoryId: huji });
    tick();
    // 王秀英 was born in 1948: elderly by the ID number she registered with, whatever she ticks.
    const elderly = await other.post(`/api/queue/centers/${town.id}/my-tickets`, { categoryId: huji, pregnant: true });
    expect(elderly.statusCode, elderly.body).toBe(200);
    expect((await myTickets(citizen)).items.find((t) => t.id === declared.json().id)).toMatchObject({ priority: true, reason: 'disabled', peopleAhead: 0 });
    // Behind the earlier priority ticket, ahead of the earlier ordinary one.
    expect((await myTickets(other)).items[0]).toMatchObject({ id: elderly.json().id, priority: true, reason: 'elderly', status: 'waiting', peopleAhead: 1 });
    expect(ordinary.json().peopleAhead).toBe(1);
  });
});

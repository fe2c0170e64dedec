import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, qs, type TestClient, type TestCtx } from '../../test/harness.js';
import { auditLog } from '../audit/audit.tables.js';
import { users } from '../auth/auth.tables.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { notifications } from '../cases/cases.tables.js';
import { centers } from '../org/org.tables.js';
import { makeIdNumber } from '../seed/codes.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { consultations } from './consultations.tables.js';

/** Business "now" of these tests: Monday 2026-03-02, 10:00 in Beijing. */
const now = new Date('2026-03-02T02:00:00Z');
let ctx: TestCtx;
let citizen: TestClient;
let townClerk: TestClient;
let townDirector: TestClient;
let hexiClerk: TestClient;
let countyCatalog: TestClient;
let townCatalog: TestClient;
let anon: TestClient;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty, now: () => now });
  const login = async (u: string, ip: string) => {
    const c = ctx.client();
    c.ip = ip;
    return c.login(u, DEMO_PASSWORD);
  };
  citizen = await login('citizen', '10.6.0.1');
  townClerk = await login('town.clerk', '10.6.0.2');
  townDirector = await login('town.director', '10.6.0.3');
  hexiClerk = await login('hexi.clerk', '10.6.0.4');
  countyCatalog = await login('county.catalog', '10.6.0.5');
  townCatalog = await login('town.catalog', '10.6.0.6');
  anon = ctx.client();
});
afterAll(async () => ctx?.close());

const itemAt = async (name: string, centerName: string) => {
  const [row] = await ctx.db
    .select({ id: catalogItems.id, centerId: catalogItems.centerId })
    .from(catalogItems)
    .innerJoin(centers, eq(centers.id, catalogItems.centerId))
    .where(and(eq(catalogItems.name, name), eq(centers.name, centerName)));
  return row;
};
const centerId = async (name: string) => (await ctx.db.select({ id: centers.id }).from(centers).where(eq(centers.name, name)))[0].id;
const userId = async (username: string) => (await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
let idSerial = 700;
/** A new citizen account through the API (registration signs in). */
const registerCitizen = async (realName: string, phone: string, ip: string) => {
  const c = ctx.client();
  c.ip = ip;
  const res = await c.post('/api/auth/register', { realName, idNumber: makeIdNumber('139921', '19700101', idSerial++), phone, password: 'Village@2026' });
  if (res.statusCode !== 201) throw new Error(`register ${realName}: ${res.statusCode} ${res.body}`);
  return c;
};
const auditOf = async (objectId: string) => (await ctx.db.select().from(auditLog).where(eq(auditLog.objectId, objectId)).orderBy(auditLog.seq)).map((a) => a.action);

describe('ask → answer by the asked center → citizen sees it → publish to the FAQ', () => {
  let id: string;
  let version: number;
  let itemId: string;

  test('the citizen asks about a 青山镇 item; the item decides the center', async () => {
    const item = await itemAt('耕地地力保护补贴申报', '青山镇便民服务中心');
    itemId = item.id;
    const res = await citizen.post('/api/consultations', { itemId, question: '我家的地今年改种果树了，还能领耕地地力保护补贴吗？' });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ itemId, itemName: '耕地地力保护补贴申报', centerId: item.centerId, centerName: '青山镇便民服务中心', status: 'open', statusLabel: '待答复', answer: null, published: false, askerName: null, abilities: [] });
    id = c.id;
    const [row] = await ctx.db.select().from(consultations).where(eq(consultations.id, id));
    expect(row).toMatchObject({ userId: await userId('citizen'), askerName: '刘大山', status: 'open', version: 1 });
    expect(row.createdAt.toISOString()).toBe(now.toISOString());
    expect(await auditOf(id)).toEqual(['consultation.asked']);
    // The audit row says where the question went, not what it says.
    const [a] = await ctx.db.select().from(auditLog).where(eq(auditLog.objectId, id));
    expect(JSON.stringify(a.details)).not.toContain('果树');
  });

  test('the question is listed as open for 青山镇 staff, with a count for the badge; 河西镇 staff never see it', async () => {
    const list = (await townClerk.get(`/api/consultations${qs({ status: 'open' })}`)).json();
    const mine = list.items.find((x: { id: string }) => x.id === id);
    expect(mine).toMatchObject({ askerName: '刘大山', status: 'open', abilities: ['answer', 'close'] });
    const counts = (await townClerk.get('/api/consultations/counts')).json();
    expect(counts.open).toBe((await ctx.db.select({ n: sql<number>`count(*)::int` }).from(consultations).where(and(eq(consultations.status, 'open'), eq(consultations.centerId, mine.centerId))))[0].n);
    expect(counts.open).toBeGreaterThanOrEqual(2);

    const hexi = (await hexiClerk.get(`/api/consultations${qs({ status: 'open' })}`)).json();
    expect(hexi.items.some((x: { id: string }) => x.id === id)).toBe(false);
    expect(hexi.items.every((x: { centerName: string }) => x.centerName.startsWith('河西'))).toBe(true);
    expect((await hexiClerk.get(`/api/consultations/${id}`)).statusCode).toBe(404);
  });

  test('a 河西镇 clerk cannot answer a 青山镇 question (404), a citizen cannot answer at all (403)', async () => {
    const res = await hexiClerk.post(`/api/consultations/${id}/answer`, { version: 1, answer: '可以领取。' });
    expect(res.statusCode).toBe(404);
    expect((await citizen.post(`/api/consultations/${id}/answer`, { version: 1, answer: '可以领取。' })).statusCode).toBe(403);
    const [row] = await ctx.db.select().from(consultations).where(eq(consultations.id, id));
    expect(row.status).toBe('open');
  });

  test('publishing before an answer is refused', async () => {
    const res = await townDirector.post(`/api/consultations/${id}/publish`, { version: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('CONSULTATION_NOT_ANSWERED');
  });

  test('the 青山镇 clerk answers; a stale version is a 409; the asker gets a message', async () => {
    const before = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(eq(notifications.userId, await userId('citizen'))))[0].n;
    const answer = '您好！已改变用途、不再种植粮食作物的耕地，按规定不再发放耕地地力保护补贴。';
    const res = await townClerk.post(`/api/consultations/${id}/answer`, { version: 1, answer });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ status: 'answered', answer, answeredByName: '吴静', version: 2, published: false });
    expect(c.answeredAt).toBe(now.toISOString());
    expect((await townClerk.post(`/api/consultations/${id}/answer`, { version: 1, answer: '重复答复' })).statusCode).toBe(409);

    const msgs = await ctx.db.select().from(notifications).where(eq(notifications.userId, await userId('citizen'))).orderBy(notifications.createdAt);
    expect(msgs.length).toBe(before + 1);
    const m = msgs.find((x) => x.title === '您的咨询已答复' && x.body.includes('耕地地力保护补贴申报') && x.readAt === null && x.caseId === null);
    expect(m).toMatchObject({ channel: 'in_app', status: 'pending', applicantId: null });
    expect(await auditOf(id)).toEqual(['consultation.asked', 'consultation.answered']);
    version = c.version;
  });

  test('the citizen sees the answer (without the staff name) in 我的咨询, in the detail and as a message', async () => {
    const mine = (await citizen.get('/api/consultations/mine')).json();
    const c = mine.items.find((x: { id: string }) => x.id === id);
    expect(c).toMatchObject({ status: 'answered', statusLabel: '已答复' });
    expect(c.answer).toContain('不再发放');
    expect(c.answeredByName).toBeNull();
    expect(c.askerName).toBeNull();
    const detail = (await citizen.get(`/api/consultations/${id}`)).json();
    expect(detail.answer).toContain('不再发放');
    expect(JSON.stringify(detail)).not.toContain('吴静');
    const inbox = (await citizen.get('/api/notifications')).json();
    expect(inbox.items.some((n: { title: string; body: string }) => n.title === '您的咨询已答复' && n.body.includes('青山镇便民服务中心'))).toBe(true);
  });

  test('a clerk cannot publish (403); the director publishes; the public FAQ of the item shows it with a masked name', async () => {
    expect((await townClerk.post(`/api/consultations/${id}/publish`, { version })).statusCode).toBe(403);
    const res = await townDirector.post(`/api/consultations/${id}/publish`, { version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ published: true, abilities: expect.arrayContaining(['unpublish', 'answer']) });
    version = res.json().version;

    const faq = await anon.get(`/api/consultations/published${qs({ itemId })}`);
    expect(faq.statusCode).toBe(200);
    const qa = faq.json().items.find((x: { id: string }) => x.id === id);
    expect(qa).toMatchObject({ askerName: '刘**', centerName: '青山镇便民服务中心', question: '我家的地今年改种果树了，还能领耕地地力保护补贴吗？' });
    expect(qa.answer).toContain('不再发放');
    expect(faq.body).not.toContain('刘大山');
    expect(faq.body).not.toContain('吴静');
    expect(await auditOf(id)).toEqual(['consultation.asked', 'consultation.answered', 'consultation.published']);
  });

  test('a 事项管理员 of the township may take it back off the FAQ; the county one could too', async () => {
    const res = await townCatalog.post(`/api/consultations/${id}/unpublish`, { version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().published).toBe(false);
    const faq = (await anon.get(`/api/consultations/published${qs({ itemId })}`)).json();
    expect(faq.items.some((x: { id: string }) => x.id === id)).toBe(false);
    const again = await countyCatalog.post(`/api/consultations/${id}/publish`, { version: res.json().version });
    expect(again.statusCode, again.body).toBe(200);
    expect(await auditOf(id)).toEqual(['consultation.asked', 'consultation.answered', 'consultation.published', 'consultation.unpublished', 'consultation.published']);
  });
});

describe('asking', () => {
  test('about a center directly; validation of the question; one of item or center is required', async () => {
    const cid = await centerId('河西镇便民服务中心');
    const askable = (await anon.get('/api/consultations/centers')).json().items;
    expect(askable.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['示范县政务服务中心', '河西镇便民服务中心', '青山镇便民服务中心']));
    expect(askable.some((c: { level: string }) => c.level === 'village')).toBe(false);
    const ok = await citizen.post('/api/consultations', { centerId: cid, question: '河西镇便民服务中心可以办理残疾人证吗？' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ centerName: '河西镇便民服务中心', itemId: null });
    // 河西镇 staff see it; 青山镇 staff do not.
    expect((await hexiClerk.get(`/api/consultations/${ok.json().id}`)).json().askerName).toBe('刘大山');
    expect((await townClerk.get(`/api/consultations/${ok.json().id}`)).statusCode).toBe(404);
    // A question about a center only can be answered but never published to an FAQ.
    const ans = await hexiClerk.post(`/api/consultations/${ok.json().id}/answer`, { version: 1, answer: '可以，请带上身份证和照片。' });
    expect(ans.json().abilities).not.toContain('publish');

    const short = await citizen.post('/api/consultations', { centerId: cid, question: '能办吗' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].message).toContain('至少10个字');
    const none = await citizen.post('/api/consultations', { question: '这个问题没有说问哪个中心。' });
    expect(none.statusCode).toBe(400);
    expect(JSON.stringify(none.json().error.details)).toContain('请选择要咨询的事项或服务中心');
    const missing = await citizen.post('/api/consultations', { itemId: '01900000-0000-7000-8000-000000000000', question: '这个事项不存在，能问吗？？' });
    expect(missing.statusCode).toBe(404);
  });

  test('staff cannot ask (403) and anonymous callers must sign in (401)', async () => {
    const cid = await centerId('青山镇便民服务中心');
    expect((await townClerk.post('/api/consultations', { centerId: cid, question: '工作人员不能以群众身份提问。' })).statusCode).toBe(403);
    expect((await anon.post('/api/consultations', { centerId: cid, question: '没有登录也想问一下问题。' })).statusCode).toBe(401);
  });

  test('a citizen reads only their own questions; the staff list is not for citizens', async () => {
    const other = await registerCitizen('张秀兰', '13903991201', '10.6.0.9');
    const [someone] = await ctx.db.select({ id: consultations.id }).from(consultations).where(eq(consultations.userId, await userId('citizen'))).limit(1);
    expect((await other.get(`/api/consultations/${someone.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/consultations/mine')).json().items).toEqual([]);
    expect((await citizen.get('/api/consultations')).statusCode).toBe(403);
    expect((await citizen.get('/api/consultations/counts')).statusCode).toBe(403);
  });

  test('at most 10 questions per hour per citizen: the 11th is a 429 with Retry-After', async () => {
    const c = await registerCitizen('赵春梅', '13903991202', '10.6.0.10');
    const cid = await centerId('青山镇便民服务中心');
    for (let i = 1; i <= 10; i++) {
      const r = await c.post('/api/consultations', { centerId: cid, question: `第${i}个问题：请问周末可以办理业务吗？` });
      expect(r.statusCode, r.body).toBe(200);
    }
    const r = await c.post('/api/consultations', { centerId: cid, question: '第11个问题：请问周末可以办理业务吗？' });
    expect(r.statusCode).toBe(429);
    expect(r.json().error.code).toBe('RATE_LIMITED');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect((await c.get('/api/consultations/mine')).json().items).toHaveLength(10);
  });
});

describe('closing', () => {
  test('an open question is closed with a reason the asker sees; closed ones cannot be answered', async () => {
    const cid = await centerId('青山镇便民服务中心');
    const q = (await citizen.post('/api/consultations', { centerId: cid, question: '重复提问：周六上午可以办理社保卡吗？' })).json();
    const res = await townClerk.post(`/api/consultations/${q.id}/close`, { version: q.version, reason: '与您此前的咨询重复，已答复。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', statusLabel: '已关闭', abilities: [] });
    const seen = (await citizen.get(`/api/consultations/${q.id}`)).json();
    expect(seen).toMatchObject({ status: 'closed', answer: '与您此前的咨询重复，已答复。' });
    const again = await townClerk.post(`/api/consultations/${q.id}/answer`, { version: res.json().version, answer: '补充答复' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('CONSULTATION_CLOSED');
    expect(await auditOf(q.id)).toEqual(['consultation.asked', 'consultation.closed']);
  });

  test('the demo seed holds answered, open, closed and published questions', async () => {
    const rows = await ctx.db.select({ status: consultations.status, published: sql<boolean>`${consultations.publishedAt} is not null` }).from(consultations);
    const statuses = new Set(rows.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['answered', 'closed', 'open']);
    expect(rows.some((r) => r.published)).toBe(true);
  });
});

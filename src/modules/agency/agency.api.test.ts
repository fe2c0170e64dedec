import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, qs, type TestClient, type TestCtx } from '../../test/harness.js';
import { auditLog } from '../audit/audit.tables.js';
import { catalogItems, catalogItemVersions } from '../catalog/catalog.tables.js';
import { cases, caseMaterialFiles } from '../cases/cases.tables.js';
import { files } from '../files/files.tables.js';
import { centers } from '../org/org.tables.js';
import { makeIdNumber } from '../seed/codes.js';
import { DEMO_CODES, loadDemoIds, seedDemoIfEmpty, type DemoIds } from '../seed/demo.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import { agencyMandates } from './agency.tables.js';

/**
 * The village agency API on the demo county: an agent of 青山村 registers villagers' matters with the
 * consent and photos (as the offline app syncs them), the township sees and handles the cases, the
 * agent answers notices and hands results over; scope, the 3-working-day rule, trainings, the ledger.
 */

/** Business "now": Monday 2026-03-02, 10:00 in Beijing (the official 2026 calendar). */
let now = new Date('2026-03-02T02:00:00Z');
let ctx: TestCtx;
let ids: DemoIds;
let agent: TestClient; // village.agent 王秀英, 青山村便民服务室
let hexiAgent: TestClient;
let townClerk: TestClient;
let townDirector: TestClient;
let hexiClerk: TestClient;
let hexiDirector: TestClient;
let countyDirector: TestClient;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF demo photo of a 户口簿 page'), Buffer.from([0xff, 0xd9])]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty, now: () => now });
  ids = await loadDemoIds(ctx.db);
  const login = (u: string) => ctx.client().login(u, DEMO_PASSWORD);
  agent = await login('village.agent');
  hexiAgent = await login('hexi.agent');
  townClerk = await login('town.clerk');
  townDirector = await login('town.director');
  hexiClerk = await login('hexi.clerk');
  hexiDirector = await login('hexi.director');
  countyDirector = await login('county.director');
});
afterAll(async () => ctx?.close());

interface AgencyItem {
  id: string;
  name: string;
  version: number;
  centerName: string;
  materials: { key: string; name: string; necessity: string }[];
}

let items: AgencyItem[] = [];
const item = (name: string) => {
  const i = items.find((x) => x.name === name);
  if (!i) throw new Error(`no agency item ${name}`);
  return i;
};

let serial = 300;
const villager = (name = '李桂兰') => ({ name, idNumber: makeIdNumber('139921', '19560412', serial++), phone: '13903991234', address: '青山镇青山村三组' });

function mandateData(it: AgencyItem, over: Record<string, unknown> = {}) {
  return {
    clientId: randomUUID(),
    itemId: it.id,
    itemVersion: it.version,
    villager: villager(),
    consent: { method: 'signature', statement: '本人委托青山村代办员代为办理该事项，并同意其代为提交和领取材料。', signedAt: now.toISOString() },
    collectedAt: now.toISOString(),
    notes: '老人行动不便，上门收件',
    submit: true,
    ...over,
  };
}

const photos = (it: AgencyItem, n = it.materials.length) => it.materials.slice(0, n).map((m) => ({ field: `material:${m.key}`, name: `${m.name}.jpg`, content: JPEG }));
const consent = { field: 'consent', name: '委托书签名.png', content: PNG };
const register = (c: TestClient, data: unknown, fs = [consent]) => c.uploadBatch('/api/agency/mandates', data, fs);

const count = async (table: typeof cases | typeof files | typeof agencyMandates) => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;

function pdfText(buf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'bm-agency-'));
  writeFileSync(join(dir, 'l.pdf'), buf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'l.pdf'), '-'], { encoding: 'utf8' });
}

describe('the 代办事项清单 of a village', () => {
  test('the agent gets the agent-eligible items of the village room, its township and the county, with materials', async () => {
    const res = await agent.get('/api/agency/items');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.villageName).toBe('青山村便民服务室');
    expect(body.villageCenterId).toBe(ids.centers[DEMO_CODES.qingshanVillage]);
    items = body.items;
    expect(items.length).toBeGreaterThan(10);
    const centerNames = new Set(items.map((i) => i.centerName));
    expect(centerNames.has('青山镇便民服务中心')).toBe(true);
    expect(centerNames.has('示范县政务服务中心')).toBe(true);
    expect([...centerNames].some((n) => n.startsWith('河西'))).toBe(false);
    // Only items flagged 代办: 社会保障卡注销 is not one.
    const names = items.map((i) => i.name);
    expect(names).toContain('城乡居民基本养老保险参保登记');
    expect(names).not.toContain('社会保障卡注销');
    expect(item('城乡居民基本养老保险待遇申领').materials.map((m) => m.name)).toContain('居民身份证');
    expect(item('城乡居民基本养老保险参保登记')).toMatchObject({ version: 1, centerName: '青山镇便民服务中心' });
  });

  test('township staff choose a village; another township’s agent cannot read 青山村’s list', async () => {
    expect((await townClerk.get('/api/agency/items')).json().error.code).toBe('VILLAGE_REQUIRED');
    const village = ids.centers[DEMO_CODES.qingshanVillage];
    expect((await townClerk.get(`/api/agency/items${qs({ villageCenterId: village })}`)).statusCode).toBe(200);
    expect((await hexiAgent.get(`/api/agency/items${qs({ villageCenterId: village })}`)).statusCode).toBe(404);
    expect((await hexiClerk.get(`/api/agency/items${qs({ villageCenterId: village })}`)).statusCode).toBe(404);
  });
});

let submitted: { id: string; caseId: string; data: ReturnType<typeof mandateData> };

describe('registering and submitting a matter', () => {
  test('register + submit with the consent and photos: one case at the township, channel agent, files linked', async () => {
    const it = item('城乡居民基本养老保险待遇申领');
    const casesBefore = await count(cases);
    const data = mandateData(it, { villager: villager('张德顺') });
    const res = await register(agent, data, [consent, ...photos(it, 3)]);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.replayed).toBe(false);
    expect(r.submitError).toBeNull();
    const m = r.mandate;
    expect(m).toMatchObject({
      clientId: data.clientId,
      status: 'submitted',
      statusLabel: '已提交',
      itemName: '城乡居民基本养老保险待遇申领',
      itemVersion: 1,
      villageName: '青山村便民服务室',
      agentName: '王秀英',
      villagerName: '张德顺',
      notes: '老人行动不便，上门收件',
      timeliness: { collectedOn: '2026-03-02', dueOn: '2026-03-05', submittedOn: '2026-03-02', late: false, daysLate: 0, remaining: null },
      consent: { method: 'signature' },
      handover: null,
      deliveryPreference: { method: 'agent' },
    });
    expect(m.villagerIdMasked).toMatch(/^139921\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(r)).not.toContain(data.villager.idNumber);
    expect(JSON.stringify(r)).not.toContain(data.villager.phone);
    expect(m.case).toMatchObject({ status: 'received', statusLabel: '收件', handlingCenterName: '示范县政务服务中心', delivered: false });
    expect(m.files.map((f: { kind: string }) => f.kind)).toEqual(['consent', 'material', 'material', 'material']);
    expect(await count(cases)).toBe(casesBefore + 1);

    const [row] = await ctx.db.select().from(cases).where(eq(cases.id, m.case.id));
    expect(row).toMatchObject({ channel: 'agent', centerId: ids.centers[DEMO_CODES.qingshanVillage], agentId: ids.users['village.agent'], status: 'received' });
    const [hall] = await ctx.db.select({ id: centers.id }).from(centers).where(eq(centers.name, '示范县政务服务中心'));
    expect(row.handlingCenterId).toBe(hall.id);
    expect(await ctx.db.select().from(caseMaterialFiles).where(eq(caseMaterialFiles.caseId, row.id))).toHaveLength(3);

    // The township clerk sees the case in the normal case scope: channel agent, the agent, the photos.
    const seen = await townClerk.get(`/api/cases/${m.case.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    const c = seen.json();
    expect(c).toMatchObject({ channel: 'agent', agentName: '王秀英', centerName: '青山村便民服务室', applicant: { name: '张德顺' } });
    const withFiles = c.materials.filter((x: { files: unknown[] }) => x.files.length > 0);
    expect(withFiles).toHaveLength(3);
    expect(withFiles[0].files[0]).toMatchObject({ source: 'agent', mime: 'image/jpeg' });
    const dl = await townClerk.get(`/api/cases/${m.case.id}/files/${withFiles[0].files[0].id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(JPEG)).toBe(true);
    expect((await townClerk.get('/api/cases' + qs({ limit: 200, q: '张德顺' }))).json().items.map((x: { id: string }) => x.id)).toContain(m.case.id);
    // The agent downloads the consent through the mandate.
    const cf = m.files.find((f: { kind: string }) => f.kind === 'consent');
    const got = await agent.get(`/api/agency/mandates/${m.id}/files/${cf.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);

    const audits = await ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, m.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['agency.mandate_registered', 'agency.mandate_submitted']);
    submitted = { id: m.id, caseId: m.case.id, data };
  });

  test('the same clientId retried: the same mandate, still one case, no new files', async () => {
    const casesBefore = await count(cases);
    const filesBefore = await count(files);
    const it = item('城乡居民基本养老保险待遇申领');
    const res = await register(agent, submitted.data, [consent, ...photos(it, 3)]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ replayed: true, submitError: null, mandate: { id: submitted.id, status: 'submitted', case: { id: submitted.caseId } } });
    expect(await count(cases)).toBe(casesBefore);
    expect(await count(files)).toBe(filesBefore);
    expect(await ctx.db.select().from(agencyMandates).where(eq(agencyMandates.clientId, submitted.data.clientId))).toHaveLength(1);
    expect(await ctx.db.select().from(cases).where(and(eq(cases.agentId, ids.users['village.agent']), eq(cases.applicantId, (await ctx.db.select().from(agencyMandates).where(eq(agencyMandates.id, submitted.id)))[0].applicantId)))).toHaveLength(1);
  });

  test('the same clientId for another villager is a conflict', async () => {
    const res = await register(agent, { ...submitted.data, villager: villager('别人') });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('AGENCY_CLIENT_ID_REUSED');
  });

  test('files are checked by content: a text file named .jpg, a PDF consent, no consent — nothing is saved', async () => {
    const it = item('城乡居民基本养老保险参保登记');
    const before = { m: await count(agencyMandates), f: await count(files), c: await count(cases) };
    const fake = await register(agent, mandateData(it), [consent, { field: `material:${it.materials[0].key}`, name: '身份证.jpg', content: Buffer.from('not a photo at all') }]);
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const pdfConsent = await register(agent, mandateData(it), [{ field: 'consent', name: '委托书.pdf', content: PDF }]);
    expect(pdfConsent.statusCode).toBe(400);
    expect(pdfConsent.json().error.code).toBe('AGENCY_CONSENT_NOT_IMAGE');
    const none = await register(agent, mandateData(it), photos(it, 1));
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('AGENCY_CONSENT_REQUIRED');
    const two = await register(agent, mandateData(it), [consent, consent]);
    expect(two.json().error.code).toBe('AGENCY_CONSENT_REQUIRED');
    const badId = await register(agent, mandateData(it, { villager: { ...villager(), idNumber: '139921195604120000' } }));
    expect(badId.statusCode).toBe(400);
    const stray = await register(agent, mandateData(it), [consent, { field: 'material:no-such-material', name: 'x.jpg', content: JPEG }]);
    expect(stray.statusCode).toBe(422);
    expect(stray.json().error.code).toBe('AGENCY_UNKNOWN_MATERIAL');
    expect({ m: await count(agencyMandates), f: await count(files), c: await count(cases) }).toEqual(before);
  });

  test('only agents register matters', async () => {
    const res = await register(townClerk, mandateData(item('城乡居民基本养老保险参保登记')));
    expect(res.statusCode).toBe(403);
  });
});

describe('a refused submission keeps the registration', () => {
  test('an item that is not 代办-eligible: registered, submitError returned, no case', async () => {
    const [it] = await ctx.db
      .select({ id: catalogItems.id, version: catalogItems.publishedVersion })
      .from(catalogItems)
      .innerJoin(centers, eq(centers.id, catalogItems.centerId))
      .where(and(eq(catalogItems.name, '社会保障卡注销'), eq(centers.name, '青山镇便民服务中心')));
    const casesBefore = await count(cases);
    const data = mandateData({ id: it.id, version: it.version!, name: '社会保障卡注销', centerName: '', materials: [] });
    const res = await register(agent, data);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.submitError).toMatchObject({ code: 'CASE_ITEM_NOT_AGENT_ELIGIBLE' });
    expect(r.submitError.message).toContain('代办事项清单');
    expect(r.mandate).toMatchObject({ status: 'registered', case: null, abilities: ['submit', 'cancel'] });
    expect(await count(cases)).toBe(casesBefore);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.objectId, r.mandate.id), eq(auditLog.action, 'agency.mandate_registered')));
    expect(audit[0].details).toMatchObject({ submitError: 'CASE_ITEM_NOT_AGENT_ELIGIBLE' });
  });

  test('the guide changed since the agent photographed: 409 kept as submitError; submitting against the new version works', async () => {
    const it = item('灵活就业人员养老保险参保登记');
    const [v1] = await ctx.db.select().from(catalogItemVersions).where(and(eq(catalogItemVersions.itemId, it.id), eq(catalogItemVersions.version, 1)));
    await ctx.db.insert(catalogItemVersions).values({ ...v1, id: undefined, version: 2, status: 'published', publishedAt: new Date() } as typeof catalogItemVersions.$inferInsert);
    await ctx.db.update(catalogItemVersions).set({ status: 'superseded' }).where(and(eq(catalogItemVersions.itemId, it.id), eq(catalogItemVersions.version, 1)));
    await ctx.db.update(catalogItems).set({ publishedVersion: 2, latestVersion: 2 }).where(eq(catalogItems.id, it.id));

    const data = mandateData(it, { villager: villager('赵小红') });
    const res = await register(agent, data, [consent, ...photos(it, 1)]);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.submitError.code).toBe('CASE_ITEM_VERSION_CHANGED');
    expect(r.mandate).toMatchObject({ status: 'registered', itemVersion: 1, case: null });
    expect(r.mandate.files).toHaveLength(2);

    // The device syncs again (same payload): still the same registration, the same refusal.
    const again = await register(agent, data, [consent, ...photos(it, 1)]);
    expect(again.json()).toMatchObject({ replayed: true, submitError: { code: 'CASE_ITEM_VERSION_CHANGED' }, mandate: { id: r.mandate.id, status: 'registered' } });

    // Stale and wrong-version submissions, then the agent re-checks against version 2.
    expect((await agent.post(`/api/agency/mandates/${r.mandate.id}/submit`, { version: r.mandate.version + 5 })).statusCode).toBe(409);
    expect((await agent.post(`/api/agency/mandates/${r.mandate.id}/submit`, { version: r.mandate.version })).json().error.code).toBe('CASE_ITEM_VERSION_CHANGED');
    const ok = await agent.post(`/api/agency/mandates/${r.mandate.id}/submit`, { version: r.mandate.version, itemVersion: 2 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'submitted', itemVersion: 2, case: { status: 'received' } });
    const [c] = await ctx.db.select().from(cases).where(eq(cases.id, ok.json().case.id));
    expect(c.itemVersion).toBe(2);
    expect((await agent.post(`/api/agency/mandates/${r.mandate.id}/submit`, { version: ok.json().version })).json().error.code).toBe('AGENCY_NOT_REGISTERED');
  });

  test('register only, then cancel (only registered ones)', async () => {
    const it = item('城乡居民基本养老保险参保登记');
    const res = await register(agent, mandateData(it, { submit: false }));
    const m = res.json().mandate;
    expect(m.status).toBe('registered');
    expect((await townClerk.post(`/api/agency/mandates/${m.id}/cancel`, { version: m.version, reason: '村民改为自己去办' })).statusCode).toBe(403);
    const cancelled = await agent.post(`/api/agency/mandates/${m.id}/cancel`, { version: m.version, reason: '村民改为自己去办' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', abilities: [] });
    expect(cancelled.json().notes).toContain('村民改为自己去办');
    expect((await agent.post(`/api/agency/mandates/${m.id}/cancel`, { version: cancelled.json().version, reason: '再取消' })).json().error.code).toBe('AGENCY_NOT_REGISTERED');
    expect((await agent.post(`/api/agency/mandates/${m.id}/submit`, { version: cancelled.json().version })).json().error.code).toBe('AGENCY_NOT_REGISTERED');
  });
});

describe('scope: an agent sees only their village’s matters', () => {
  test('河西’s agent and clerk get 404 and do not list it; 青山’s clerk and the county do', async () => {
    expect((await hexiAgent.get(`/api/agency/mandates/${submitted.id}`)).statusCode).toBe(404);
    expect((await hexiClerk.get(`/api/agency/mandates/${submitted.id}`)).statusCode).toBe(404);
    expect((await hexiAgent.post(`/api/agency/mandates/${submitted.id}/cancel`, { version: 1, reason: 'x' })).statusCode).toBe(404);
    const cf = (await agent.get(`/api/agency/mandates/${submitted.id}`)).json().files[0];
    expect((await hexiAgent.get(`/api/agency/mandates/${submitted.id}/files/${cf.id}`)).statusCode).toBe(404);
    const listIds = async (c: TestClient, q: Record<string, string | number> = {}) => (await c.get(`/api/agency/mandates${qs({ limit: 200, ...q })}`)).json().items.map((x: { id: string }) => x.id);
    expect(await listIds(hexiAgent)).not.toContain(submitted.id);
    expect(await listIds(hexiClerk)).not.toContain(submitted.id);
    expect(await listIds(agent)).toContain(submitted.id);
    expect(await listIds(townClerk)).toContain(submitted.id);
    expect(await listIds(countyDirector)).toContain(submitted.id);
    const seen = await townClerk.get(`/api/agency/mandates/${submitted.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual([]);
    // The case itself: 河西 does not see it either.
    expect((await hexiClerk.get(`/api/cases/${submitted.caseId}`)).statusCode).toBe(404);
    const denied = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'permission.denied'), eq(auditLog.actorId, ids.users['hexi.agent'])));
    expect(denied.length).toBeGreaterThan(0);
  });

  test('list filters, total and the keyset cursor', async () => {
    const all = (await agent.get(`/api/agency/mandates${qs({ limit: 200, from: '2026-03-01', to: '2026-03-31' })}`)).json();
    expect(all.total).toBe(all.items.length);
    expect(all.items.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await agent.get(`/api/agency/mandates${qs({ limit: 2, from: '2026-03-01', to: '2026-03-31', cursor })}`)).json();
      expect(page.total).toBe(all.total);
      seen.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((x: { id: string }) => x.id));
    const registered = (await agent.get(`/api/agency/mandates${qs({ status: 'cancelled', from: '2026-03-01' })}`)).json();
    expect(registered.items.every((x: { status: string }) => x.status === 'cancelled')).toBe(true);
    expect(registered.items.length).toBeGreaterThanOrEqual(1);
    expect((await townClerk.get(`/api/agency/mandates${qs({ agentId: ids.users['hexi.agent'], from: '2026-03-01', to: '2026-03-31' })}`)).json().total).toBe(0);
  });
});

describe('the 3-working-day rule', () => {
  test('collected Monday, due Thursday; waiting on Friday is late; submitted on day 4 stays late', async () => {
    const it = item('城乡居民基本养老保险参保登记');
    now = new Date('2026-03-02T02:00:00Z');
    const late = (await register(agent, mandateData(it, { submit: false, villager: villager('迟到') }))).json().mandate;
    const onTime = (await register(agent, mandateData(it, { submit: false, villager: villager('准时') }))).json().mandate;
    // The device's clock runs ahead: the collection counts from the server's receipt.
    const ahead = (await register(agent, mandateData(it, { submit: false, collectedAt: '2026-03-09T02:00:00Z', villager: villager('超前') }))).json().mandate;
    expect(ahead.timeliness).toMatchObject({ collectedOn: '2026-03-02', dueOn: '2026-03-05' });
    expect(late.timeliness).toEqual({ collectedOn: '2026-03-02', dueOn: '2026-03-05', submittedOn: null, remaining: 3, late: false, daysLate: 0 });

    now = new Date('2026-03-05T08:00:00Z'); // Thursday, the due day
    const sub = await agent.post(`/api/agency/mandates/${onTime.id}/submit`, { version: onTime.version });
    expect(sub.json().timeliness).toMatchObject({ submittedOn: '2026-03-05', late: false, daysLate: 0 });
    expect((await agent.get(`/api/agency/mandates/${late.id}`)).json().timeliness).toMatchObject({ remaining: 0, late: false });

    now = new Date('2026-03-06T02:00:00Z'); // Friday: day 4
    const waiting = (await agent.get(`/api/agency/mandates/${late.id}`)).json();
    expect(waiting.timeliness).toMatchObject({ late: true, daysLate: 1, remaining: -1 });
    const lateList = (await townClerk.get(`/api/agency/mandates${qs({ late: 'true', limit: 200 })}`)).json();
    expect(lateList.items.map((x: { id: string }) => x.id)).toContain(late.id);
    expect(lateList.items.map((x: { id: string }) => x.id)).not.toContain(onTime.id);
    expect(lateList.items.every((x: { timeliness: { late: boolean } }) => x.timeliness.late)).toBe(true);
    expect(lateList.total).toBe(lateList.items.length);

    const sentLate = await agent.post(`/api/agency/mandates/${late.id}/submit`, { version: waiting.version });
    expect(sentLate.statusCode, sentLate.body).toBe(200);
    expect(sentLate.json().timeliness).toEqual({ collectedOn: '2026-03-02', dueOn: '2026-03-05', submittedOn: '2026-03-06', remaining: null, late: true, daysLate: 1 });

    now = new Date('2026-03-16T02:00:00Z');
    const later = (await agent.get(`/api/agency/mandates${qs({ late: 'true', limit: 200 })}`)).json().items.map((x: { id: string }) => x.id);
    expect(later).toContain(late.id);
    expect(later).not.toContain(onTime.id);
    expect(later).toContain(ahead.id); // still not submitted, 7 working days over
    expect((await agent.get(`/api/agency/mandates/${ahead.id}`)).json().timeliness).toMatchObject({ late: true, daysLate: 7, remaining: -7 });
  });

  test('the deadline is configurable (AGENCY_DELIVER_WORKDAYS)', async () => {
    const other = await createTestApp({ seed: seedDemoIfEmpty, now: () => new Date('2026-03-02T02:00:00Z'), config: { agencyDeliverWorkdays: 5 } });
    try {
      const a = await other.client().login('village.agent', DEMO_PASSWORD);
      const it = (await a.get('/api/agency/items')).json().items.find((x: AgencyItem) => x.name === '城乡居民基本养老保险参保登记');
      const m = (await a.uploadBatch('/api/agency/mandates', mandateData(it, { submit: false }), [consent])).json().mandate;
      expect(m.timeliness).toMatchObject({ collectedOn: '2026-03-02', dueOn: '2026-03-09' });
    } finally {
      await other.close();
    }
  });
});

/** Accept the case at the township window, pass its review steps and approve it (town.director decides township items). */
async function concludeAtTownship(caseId: string): Promise<number> {
  let c = (await townClerk.get(`/api/cases/${caseId}`)).json();
  const acc = await townClerk.post(`/api/cases/${caseId}/accept`, { version: c.version, materials: c.materials.map((m: { key: string }) => ({ key: m.key, status: 'received', pages: 1 })) });
  expect(acc.statusCode, acc.body).toBe(200);
  c = acc.json();
  for (let guard = 0; guard < 10; guard++) {
    const t = c.tasks.find((x: { kind: string; status: string }) => x.kind === 'review' && x.status !== 'done');
    if (!t) break;
    c = (await townDirector.get(`/api/cases/${caseId}`)).json();
    const claimed = await townDirector.post(`/api/cases/${caseId}/tasks/${t.id}/claim`, { version: c.version });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const done = await townDirector.post(`/api/cases/${caseId}/tasks/${t.id}/complete`, { version: claimed.json().version, outcome: 'pass', opinion: '材料齐全，符合条件' });
    expect(done.statusCode, done.body).toBe(200);
    c = done.json();
  }
  const decided = await townDirector.post(`/api/cases/${caseId}/decide`, { version: c.version, approve: true, text: '准予参保登记' });
  expect(decided.statusCode, decided.body).toBe(200);
  return decided.json().version;
}

describe('notices, results and the hand-over', () => {
  let m: { id: string; version: number; case: { id: string; version: number } };

  test('the agent answers a one-time notice through /api/cases/:id/corrections', async () => {
    now = new Date('2026-03-09T02:00:00Z');
    const it = item('城乡居民基本养老保险参保登记');
    m = (await register(agent, mandateData(it, { villager: villager('孙凤英') }), [consent, ...photos(it, 1)])).json().mandate;
    const c = (await townClerk.get(`/api/cases/${m.case.id}`)).json();
    const key = it.materials[0].key;
    const corr = await townClerk.post(`/api/cases/${m.case.id}/correct`, { version: c.version, corrections: [{ materialKey: key, name: '居民身份证', problem: '照片模糊', requirement: '重新拍摄身份证正反面' }] });
    expect(corr.statusCode, corr.body).toBe(200);

    const detail = (await agent.get(`/api/agency/mandates/${m.id}`)).json();
    expect(detail.case.status).toBe('correcting');
    expect(detail.abilities).toContain('answer');
    expect(detail.corrections).toEqual([{ name: '居民身份证', problem: '照片模糊', requirement: '重新拍摄身份证正反面' }]);
    // 河西's agent cannot answer it.
    expect((await hexiAgent.uploadBatch(`/api/cases/${m.case.id}/corrections`, { version: detail.case.version, note: 'x' }, [{ field: `material:${key}`, name: 'id.jpg', content: JPEG }])).statusCode).toBe(404);
    const ans = await agent.uploadBatch(`/api/cases/${m.case.id}/corrections`, { version: detail.case.version, note: '已重新拍摄' }, [{ field: `material:${key}`, name: '身份证-重拍.jpg', content: JPEG }]);
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json().status).toBe('received');
    expect(ans.json().materials.find((x: { key: string }) => x.key === key).files.map((f: { source: string }) => f.source)).toEqual(['agent', 'correction']);
    expect((await agent.get(`/api/agency/mandates/${m.id}`)).json().abilities).not.toContain('answer');
  });

  test('hand-over only after the result is delivered to the agent, with the villager’s confirmation', async () => {
    let caseVersion = await concludeAtTownship(m.case.id);
    let d = (await agent.get(`/api/agency/mandates/${m.id}`)).json();
    expect(d.case).toMatchObject({ status: 'concluded', decision: 'approve', delivered: false });
    expect(d.abilities).not.toContain('handover');
    const early = await agent.uploadBatch(`/api/agency/mandates/${m.id}/handover`, { version: d.version, method: 'signature', receiver: '孙凤英' }, [{ field: 'confirmation', name: 'sign.png', content: PNG }]);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('AGENCY_RESULT_NOT_RECEIVED');

    const delivered = await townClerk.post(`/api/cases/${m.case.id}/deliver`, { version: caseVersion, method: 'agent', recipient: '王秀英' });
    expect(delivered.statusCode, delivered.body).toBe(200);
    caseVersion = delivered.json().version;
    d = (await agent.get(`/api/agency/mandates/${m.id}`)).json();
    expect(d.abilities).toEqual(['handover']);

    const noFile = await agent.uploadBatch(`/api/agency/mandates/${m.id}/handover`, { version: d.version, method: 'signature', receiver: '孙凤英' }, []);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('AGENCY_CONFIRMATION_REQUIRED');
    const notImage = await agent.uploadBatch(`/api/agency/mandates/${m.id}/handover`, { version: d.version, method: 'photo', receiver: '孙凤英' }, [{ field: 'confirmation', name: 'x.pdf', content: PDF }]);
    expect(notImage.json().error.code).toBe('AGENCY_CONFIRMATION_NOT_IMAGE');
    const stale = await agent.uploadBatch(`/api/agency/mandates/${m.id}/handover`, { version: d.version - 1, method: 'signature', receiver: '孙凤英' }, [{ field: 'confirmation', name: 'sign.png', content: PNG }]);
    expect(stale.statusCode).toBe(409);
    expect((await townClerk.uploadBatch(`/api/agency/mandates/${m.id}/handover`, { version: d.version, method: 'signature', receiver: '孙凤英' }, [{ field: 'confirmation', name: 'sign.png', content: PNG }])).statusCode).toBe(403);

    const ok = await agent.uploadBatch(`/api/agency/mandates/${m.id}/handover`, { version: d.version, method: 'signature', receiver: '孙凤英', note: '本人领取' }, [{ field: 'confirmation', name: '领取签名.png', content: PNG }]);
    expect(ok.statusCode, ok.body).toBe(200);
    const h = ok.json();
    expect(h).toMatchObject({ status: 'handed_over', statusLabel: '已移交结果', handover: { method: 'signature', receiver: '孙凤英', note: '本人领取' }, abilities: [] });
    expect(h.handedOverAt).not.toBeNull();
    const conf = h.files.find((f: { kind: string }) => f.kind === 'confirmation');
    expect((await townClerk.get(`/api/agency/mandates/${m.id}/files/${conf.id}`)).rawPayload.equals(PNG)).toBe(true);
    const c = (await townClerk.get(`/api/cases/${m.case.id}`)).json();
    const ev = c.timeline.find((e: { type: string }) => e.type === 'handed_over');
    expect(ev).toMatchObject({ label: '代办员移交结果', actorName: '王秀英' });
    expect(ev.note).toContain('代办员已将办理结果交给申请人');
    const again = await agent.uploadBatch(`/api/agency/mandates/${m.id}/handover`, { version: h.version, method: 'signature', receiver: '孙凤英' }, [{ field: 'confirmation', name: 'sign.png', content: PNG }]);
    expect(again.json().error.code).toBe('AGENCY_ALREADY_HANDED_OVER');
    expect(await ctx.db.select().from(auditLog).where(and(eq(auditLog.objectId, m.id), eq(auditLog.action, 'agency.handed_over')))).toHaveLength(1);
  });

  test('不予受理: the notice is handed back without a delivery', async () => {
    const it = item('城乡居民基本养老保险参保登记');
    const r = (await register(agent, mandateData(it, { villager: villager('钱秀珍') }))).json().mandate;
    const c = (await townClerk.get(`/api/cases/${r.case.id}`)).json();
    const rej = await townClerk.post(`/api/cases/${r.case.id}/reject`, { version: c.version, reasons: ['已在职工养老保险参保'], legalBasis: ['《社会保险法》第十条'] });
    expect(rej.statusCode, rej.body).toBe(200);
    const d = (await agent.get(`/api/agency/mandates/${r.id}`)).json();
    expect(d.abilities).toEqual(['handover']);
    const ok = await agent.uploadBatch(`/api/agency/mandates/${r.id}/handover`, { version: d.version, method: 'photo', receiver: '钱秀珍' }, [{ field: 'confirmation', name: 'photo.jpg', content: JPEG }]);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('agents and trainings', () => {
  test('township staff see the agents of their villages with this month’s counts', async () => {
    const mine = (await townClerk.get('/api/agency/agents')).json();
    expect(mine.month).toBe('2026-03');
    expect(mine.items.map((a: { name: string }) => a.name)).toEqual(['王秀英']);
    const wang = mine.items[0];
    expect(wang).toMatchObject({ villageName: '青山村便民服务室', townshipName: '青山镇', active: true });
    expect(wang.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const march = (await agent.get(`/api/agency/mandates${qs({ from: '2026-03-01', to: '2026-03-31', limit: 200 })}`)).json();
    expect(wang.monthCount).toBe(march.total);
    expect(wang.monthLate).toBe(march.items.filter((x: { timeliness: { late: boolean } }) => x.timeliness.late).length);
    expect(wang.monthLate).toBeGreaterThanOrEqual(2);
    expect(wang.monthHandedOver).toBeGreaterThanOrEqual(2);
    expect((await hexiClerk.get('/api/agency/agents')).json().items.map((a: { name: string }) => a.name)).toEqual(['马兰']);
    expect((await countyDirector.get('/api/agency/agents')).json().items.map((a: { name: string }) => a.name).sort()).toEqual(['曹雪', '王秀英', '马兰'].sort());
    expect((await agent.get('/api/agency/agents')).json().items.map((a: { name: string }) => a.name)).toEqual(['王秀英']);
    expect((await hexiClerk.get(`/api/agency/agents/${ids.users['village.agent']}`)).statusCode).toBe(404);
    expect((await townClerk.get(`/api/agency/agents/${ids.users['town.clerk']}`)).statusCode).toBe(404);
  });

  test('the township director keeps training records; clerks only read them', async () => {
    const url = `/api/agency/agents/${ids.users['village.agent']}/trainings`;
    const body = { title: '代办员业务培训：社保类事项', trainedOn: '2026-02-26', hours: 3.5, organizer: '青山镇便民服务中心', note: '' };
    expect((await townClerk.post(url, body)).statusCode).toBe(403);
    expect((await hexiDirector.post(url, body)).statusCode).toBe(404);
    expect((await townDirector.post(url, { ...body, hours: 1.25 })).statusCode).toBe(400);
    expect((await townDirector.post(url, { ...body, trainedOn: '2026-04-01' })).json().error.code).toBe('TRAINING_DATE');
    const before = (await townClerk.get(`/api/agency/agents/${ids.users['village.agent']}`)).json();
    expect(before.abilities).toEqual([]);
    const added = await townDirector.post(url, body);
    expect(added.statusCode, added.body).toBe(200);
    const a = added.json();
    expect(a.abilities).toEqual(['update']);
    const t = a.trainings.find((x: { title: string }) => x.title === body.title);
    expect(t).toMatchObject({ trainedOn: '2026-02-26', hours: 3.5, organizer: '青山镇便民服务中心' });
    expect(a.trainingHours).toBeCloseTo(before.trainingHours + 3.5);
    expect(a.lastTrainedOn >= '2026-02-26').toBe(true);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'agency.training_added'), eq(auditLog.objectId, ids.users['village.agent'])));
    expect(audit.length).toBeGreaterThanOrEqual(1);

    expect((await townClerk.delete(`${url}/${t.id}`)).statusCode).toBe(403);
    const removed = await townDirector.delete(`${url}/${t.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().trainings.map((x: { id: string }) => x.id)).not.toContain(t.id);
    expect(removed.json().trainingHours).toBeCloseTo(before.trainingHours);
    expect((await townDirector.delete(`${url}/${t.id}`)).statusCode).toBe(404);
    expect(await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'agency.training_removed'), eq(auditLog.objectId, ids.users['village.agent'])))).toHaveLength(1);
  });
});

describe('the ledger (代办台账)', () => {
  test('rows and totals of a month, in scope', async () => {
    const res = await townClerk.get(`/api/agency/ledger${qs({ month: '2026-03' })}`);
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json();
    expect(l.month).toBe('2026-03');
    const march = (await townClerk.get(`/api/agency/mandates${qs({ from: '2026-03-01', to: '2026-03-31', limit: 200 })}`)).json();
    expect(l.rows.map((r: { mandateId: string }) => r.mandateId).sort()).toEqual(march.items.map((x: { id: string }) => x.id).sort());
    expect(l.totals).toEqual({
      count: l.rows.length,
      submitted: l.rows.filter((r: { submittedOn: string | null }) => r.submittedOn).length,
      late: l.rows.filter((r: { late: boolean }) => r.late).length,
      concluded: l.rows.filter((r: { concludedOn: string | null }) => r.concludedOn).length,
      handedOver: l.rows.filter((r: { handedOverOn: string | null }) => r.handedOverOn).length,
    });
    const outcomes = new Set(l.rows.map((r: { outcome: string }) => r.outcome));
    for (const o of ['准予', '不予受理', '办理中', '待提交', '已取消']) expect(outcomes.has(o)).toBe(true);
    const first = l.rows.find((r: { mandateId: string }) => r.mandateId === submitted.id);
    expect(first).toMatchObject({ collectedOn: '2026-03-02', villageName: '青山村便民服务室', agentName: '王秀英', villagerName: '张德顺', dueOn: '2026-03-05', late: false, outcome: '办理中' });
    expect(first.villagerIdMasked).toMatch(/\*{8}/);
    expect(JSON.stringify(l)).not.toContain(submitted.data.villager.idNumber);
    // Sorted by collection date.
    const dates = l.rows.map((r: { collectedOn: string }) => r.collectedOn);
    expect(dates).toEqual([...dates].sort());
    expect((await hexiClerk.get(`/api/agency/ledger${qs({ month: '2026-03' })}`)).json().rows.some((r: { villageName: string }) => r.villageName === '青山村便民服务室')).toBe(false);
    expect((await townClerk.get(`/api/agency/ledger${qs({ month: '2026-13' })}`)).statusCode).toBe(400);
  });

  test('Excel export: masked ID numbers, the totals line, audited', async () => {
    const res = await townClerk.get(`/api/agency/ledger.xlsx${qs({ month: '2026-03', villageCenterId: ids.centers[DEMO_CODES.qingshanVillage] })}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('青山村便民服务室 代办台账（2026年3月）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('代办台账')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '收件日期', '村（社区）', '代办员', '申请人', '身份证号', '代办事项', '办件编号', '应送达日期', '送达日期', '是否逾期', '办结日期', '办理结果', '结果移交日期']);
    const rows: string[][] = [];
    ws.eachRow((r, n) => {
      if (n > 1) rows.push((r.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v))));
    });
    const l = (await townClerk.get(`/api/agency/ledger${qs({ month: '2026-03', villageCenterId: ids.centers[DEMO_CODES.qingshanVillage] })}`)).json();
    expect(rows).toHaveLength(l.rows.length + 1);
    const zhang = rows.find((r) => r[4] === '张德顺')!;
    expect(zhang[5]).toMatch(/^139921\*{8}\d{3}[\dX]$/);
    expect(zhang[7]).toBe((await agent.get(`/api/agency/mandates/${submitted.id}`)).json().case.caseNo);
    expect(rows.some((r) => r[10].startsWith('逾期'))).toBe(true);
    expect(rows[rows.length - 1][6]).toBe(`合计：代办 ${l.totals.count} 件，已送达镇（县） ${l.totals.submitted} 件，其中逾期 ${l.totals.late} 件；已办结 ${l.totals.concluded} 件，结果已移交 ${l.totals.handedOver} 件`);
    const buf = res.rawPayload.toString('latin1');
    expect(buf).not.toContain(submitted.data.villager.idNumber);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'agency.ledger_exported'), eq(auditLog.actorId, ids.users['town.clerk'])));
    expect(audit[0].details).toMatchObject({ format: 'xlsx', month: '2026-03', rows: l.rows.length });
  });

  test('the printable monthly ledger (PDF) for the village, signed by the agent and the village head', async () => {
    const res = await agent.get(`/api/agency/ledger.pdf${qs({ month: '2026-03' })}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('青山村便民服务室 代办台账（2026年3月）');
    expect(text).toContain('代办员（签字）');
    expect(text).toContain('村负责人（签字）');
    expect(text).toContain('张德顺');
    expect(text).toMatch(/合计：代办 \d+ 件/);
    expect(text).not.toContain(submitted.data.villager.idNumber);
    expect(text).toMatch(/139921\*{8}/);
    // Landscape A4.
    const info = execFileSync('pdfinfo', ['-'], { input: res.rawPayload, encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    // 河西's clerk cannot export 青山's village.
    expect((await hexiClerk.get(`/api/agency/ledger.pdf${qs({ month: '2026-03', villageCenterId: ids.centers[DEMO_CODES.qingshanVillage] })}`)).statusCode).toBe(404);
  });
});

describe('demo data', () => {
  test('every demo agent has training records; mandates stand behind the agents’ recent cases, consistent with them', async () => {
    const rows = await ctx.db.select().from(agencyMandates).where(sql`${agencyMandates.collectedOn} > '2026-06-01'`);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const byAgent = new Set(rows.map((r) => r.agentName));
    expect([...byAgent].sort()).toEqual(['曹雪', '王秀英', '马兰'].sort());
    for (const m of rows) {
      expect(m.dueOn > m.collectedOn).toBe(true);
      if (!m.caseId) {
        expect(['registered', 'cancelled']).toContain(m.status);
        continue;
      }
      const [c] = await ctx.db.select().from(cases).where(eq(cases.id, m.caseId));
      expect(c).toMatchObject({ agentId: m.agentId, centerId: m.villageCenterId, applicantId: m.applicantId, itemId: m.itemId, channel: 'agent' });
      expect(m.submittedOn! >= m.collectedOn).toBe(true);
      if (m.status === 'handed_over') expect(c.deliveredAt !== null || ['rejected', 'returned'].includes(c.status)).toBe(true);
    }
    expect(rows.some((r) => r.status === 'handed_over')).toBe(true);
    expect(rows.some((r) => r.submittedOn && r.submittedOn > r.dueOn)).toBe(true);
    expect(rows.some((r) => r.status === 'registered')).toBe(true);
    const list = (await countyDirector.get('/api/agency/agents')).json().items;
    for (const a of list) expect(a.lastTrainedOn).not.toBeNull();
    // The seeded files are real images the routes serve.
    const any = rows.find((r) => r.agentName === '王秀英')!;
    const d = (await agent.get(`/api/agency/mandates/${any.id}`)).json();
    const f = await agent.get(`/api/agency/mandates/${any.id}/files/${d.files[0].id}`);
    expect(f.headers['content-type']).toBe('image/png');
    expect(f.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });
});

import { crc32, deflateSync } from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, qs, type TestClient, type TestCtx } from '../../test/harness.js';
import { auditLog } from '../audit/audit.tables.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { cases, idempotencyKeys } from '../cases/cases.tables.js';
import { files } from '../files/files.tables.js';
import { centers } from '../org/org.tables.js';
import { makeIdNumber } from '../seed/codes.js';
import { demoPerson, seedDemoIfEmpty } from '../seed/demo.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import { applicationFiles, applications } from './applications.tables.js';

/** Business "now" of these tests: Monday 2026-03-02, 10:00 in Beijing (the 2026 calendar is official). */
const now = new Date('2026-03-02T02:00:00Z');
let ctx: TestCtx;
let citizen: TestClient;
let other: TestClient;
let townClerk: TestClient;
let townCatalog: TestClient;
let townDirector: TestClient;
let anon: TestClient;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty, now: () => now });
  citizen = await ctx.client().login('citizen', DEMO_PASSWORD);
  townClerk = await ctx.client().login('town.clerk', DEMO_PASSWORD);
  townCatalog = await ctx.client().login('town.catalog', DEMO_PASSWORD);
  townDirector = await ctx.client().login('town.director', DEMO_PASSWORD);
  anon = ctx.client();
  // A second citizen, registered through the portal like any villager.
  other = ctx.client();
  other.ip = '10.0.0.9';
  const reg = await other.post('/api/auth/register', { realName: '陈小芳', idNumber: makeIdNumber('139921', '19880412', 777), phone: '13912340777', password: 'Village@2026' });
  expect(reg.statusCode, reg.body).toBe(201);
});
afterAll(async () => ctx?.close());

/** A real (decodable) RGB PNG of w×h pixels, as a phone would send after shrinking. */
function png(w = 4, h = 3, rgb: [number, number, number] = [200, 60, 30]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const itemAt = async (name: string, centerName?: string) => {
  const [row] = await ctx.db
    .select({ id: catalogItems.id })
    .from(catalogItems)
    .innerJoin(centers, eq(centers.id, catalogItems.centerId))
    .where(centerName ? sql`${catalogItems.name} = ${name} and ${centers.name} = ${centerName}` : sql`${catalogItems.name} = ${name}`)
    .limit(1);
  return row.id;
};
const centerId = async (name: string) => (await ctx.db.select({ id: centers.id }).from(centers).where(eq(centers.name, name)))[0].id;

const count = async (table: typeof cases | typeof idempotencyKeys | typeof applicationFiles, where?: ReturnType<typeof sql>) =>
  (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0].n;
const storedFiles = async () => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(files).where(eq(files.purpose, 'application_material')))[0].n;

type Detail = {
  id: string;
  status: string;
  version: number;
  itemVersion: number;
  outdated: boolean;
  caseId: string | null;
  caseNo: string | null;
  form: Record<string, string>;
  materials: { key: string; name: string; necessity: string; files: { id: string; name: string; mime: string }[]; blankFile: unknown; sampleFile: unknown }[];
  missing: { key: string; name: string }[];
  abilities: string[];
};
const form = (o: Record<string, string> = {}) => ({ phone: '13903990001', address: '青山村三组12号', note: '', deliveryMethod: 'window', deliveryAddress: '', ...o });

const PENSION = '城乡居民基本养老保险待遇申领';
const ENROL = '城乡居民基本养老保险参保登记';

describe('who may apply online', () => {
  test('an item whose online level is only 咨询/预约 is refused with how to apply instead; staff and guests cannot apply', async () => {
    const consult = await itemAt('社会保障卡密码修改与重置');
    const r = await citizen.post('/api/applications', { itemId: consult });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.code).toBe('APPLICATION_NOT_ONLINE');
    expect(r.json().error.message).toMatch(/暂不能网上申报；.*窗口办理/);
    expect(await count(applicationFiles)).toBe(0);
    expect((await ctx.db.select().from(applications)).length).toBe(0);

    const pension = await itemAt(PENSION, '示范县政务服务中心');
    expect((await townClerk.post('/api/applications', { itemId: pension })).statusCode).toBe(403);
    expect((await anon.post('/api/applications', { itemId: pension })).statusCode).toBe(401);
    // A center that does not offer the item (another township's center) is refused like at the window.
    const wrong = await citizen.post('/api/applications', { itemId: await itemAt(ENROL, '青山镇便民服务中心'), centerId: await centerId('河西镇便民服务中心') });
    expect(wrong.statusCode, wrong.body).toBe(422);
    expect(wrong.json().error.code).toBe('CASE_ITEM_NOT_AVAILABLE');
  });
});

describe('an online application from draft to a case the township checks', () => {
  let app: Detail;
  let itemId: string;
  let townCenter: string;
  let onlineBefore: number;

  test('a draft starts with the guide’s materials and the citizen’s own identity; opening it again continues it', async () => {
    itemId = await itemAt(PENSION, '示范县政务服务中心');
    townCenter = await centerId('青山镇便民服务中心');
    const r = await citizen.post('/api/applications', { itemId, centerId: townCenter });
    expect(r.statusCode, r.body).toBe(200);
    app = r.json();
    expect(app).toMatchObject({ status: 'draft', version: 1, itemVersion: 1, outdated: false, center: { name: '青山镇便民服务中心' }, applicant: { name: '刘大山' } });
    expect((app as unknown as { applicant: { idMasked: string } }).applicant.idMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    // The contact phone starts as the account's phone; the ID number never appears in clear.
    const { idNumber, phone } = demoPerson('citizen');
    expect(app.form).toMatchObject({ phone, deliveryMethod: 'window' });
    expect(JSON.stringify(app)).not.toContain(idNumber);
    expect(app.materials.map((m) => `${m.key}:${m.necessity}`)).toEqual(['application:required', 'id-card:required', 'hukou:required', 'ss-card:required']);
    expect(app.materials[0].blankFile).toMatchObject({ name: expect.stringContaining('申请表') });
    expect(app.materials[0].sampleFile).not.toBeNull();
    expect(app.missing.map((m) => m.key)).toEqual(['application', 'id-card', 'hukou', 'ss-card']);
    expect(app.abilities).toEqual(['update', 'upload', 'submit', 'discard']);
    // The phone is stored encrypted in the form, not in clear.
    const [row] = await ctx.db.select().from(applications).where(eq(applications.id, app.id));
    expect(JSON.stringify(row.form)).not.toContain(phone);

    const again = await citizen.post('/api/applications', { itemId, centerId: townCenter });
    expect(again.json().id).toBe(app.id);
    expect((await ctx.db.select().from(applications)).length).toBe(1);
  });

  test('saving a draft: resume later, a stale version is 409, an unchanged save writes nothing, a bad phone is a field error', async () => {
    const saved = await citizen.put(`/api/applications/${app.id}`, { version: app.version, form: form({ note: '本人已年满60周岁' }) });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, form: { phone: '13903990001', address: '青山村三组12号', note: '本人已年满60周岁' } });

    const stale = await citizen.put(`/api/applications/${app.id}`, { version: app.version, form: form({ note: '另一个页面' }) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('APPLICATION_STALE');

    const audits = async () => (await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'application.saved'), eq(auditLog.objectId, app.id)))).length;
    expect(await audits()).toBe(1);
    const same = await citizen.put(`/api/applications/${app.id}`, { version: 2, form: form({ note: '本人已年满60周岁' }) });
    expect(same.json().version).toBe(2);
    expect(await audits()).toBe(1);
    // The audit row names the fields and masks the phone.
    const [a] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'application.saved'), eq(auditLog.objectId, app.id)));
    expect(JSON.stringify(a)).not.toContain('13903990001');

    const bad = await citizen.put(`/api/applications/${app.id}`, { version: 2, form: form({ phone: '12345' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'form.phone', message: '联系电话格式不正确' })]));

    // Resume: the list shows the draft; the detail holds what was saved.
    const list = (await citizen.get('/api/applications')).json().items;
    expect(list).toEqual([expect.objectContaining({ id: app.id, status: 'draft', itemName: PENSION, centerName: '青山镇便民服务中心', files: 0, caseNo: null })]);
    app = (await citizen.get(`/api/applications/${app.id}`)).json();
    expect(app).toMatchObject({ version: 2, form: { note: '本人已年满60周岁' } });
  });

  test('uploads are checked by their content: a text file named .jpg is refused and nothing is stored', async () => {
    const before = await storedFiles();
    const fake = await citizen.upload(`/api/applications/${app.id}/materials/id-card/files`, '身份证.jpg', Buffer.from('this is not a photo at all'), {}, 'image/jpeg');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await storedFiles()).toBe(before);
    expect(await count(applicationFiles)).toBe(0);

    const unknown = await citizen.upload(`/api/applications/${app.id}/materials/no-such/files`, 'a.png', png());
    expect(unknown.statusCode).toBe(404);

    const photo = png(6, 4);
    const up = await citizen.upload(`/api/applications/${app.id}/materials/id-card/files`, '../../身份证正面.jpeg', photo);
    expect(up.statusCode, up.body).toBe(200);
    // The type is the sniffed one (PNG), whatever the name said; the name loses its path.
    expect(up.json()).toMatchObject({ materialKey: 'id-card', name: '身份证正面.png', mime: 'image/png', size: photo.length });
    const down = await citizen.get(`/api/applications/${app.id}/files/${up.json().id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(down.rawPayload, photo)).toBe(0);

    // Delete takes the stored file away too.
    const extra = (await citizen.upload(`/api/applications/${app.id}/materials/id-card/files`, '反面.png', png(2, 2))).json();
    expect(await storedFiles()).toBe(before + 2);
    expect((await citizen.delete(`/api/applications/${app.id}/files/${extra.id}`)).statusCode).toBe(204);
    expect(await storedFiles()).toBe(before + 1);
    expect((await citizen.get(`/api/applications/${app.id}/files/${extra.id}`)).statusCode).toBe(404);
    app = (await citizen.get(`/api/applications/${app.id}`)).json();
    expect(app.materials.find((m) => m.key === 'id-card')!.files.map((f) => f.name)).toEqual(['身份证正面.png']);
  });

  test('another citizen cannot see, change, upload to or download from the draft (404), nor find it in their list', async () => {
    const fileId = app.materials.find((m) => m.key === 'id-card')!.files[0].id;
    expect((await other.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
    expect((await other.put(`/api/applications/${app.id}`, { version: app.version, form: form() })).statusCode).toBe(404);
    expect((await other.upload(`/api/applications/${app.id}/materials/hukou/files`, 'a.png', png())).statusCode).toBe(404);
    expect((await other.get(`/api/applications/${app.id}/files/${fileId}`)).statusCode).toBe(404);
    expect((await other.delete(`/api/applications/${app.id}/files/${fileId}`)).statusCode).toBe(404);
    expect((await other.post(`/api/applications/${app.id}/submit`, { version: app.version }, { 'idempotency-key': 'other-citizen-0001' })).statusCode).toBe(404);
    expect((await other.get('/api/applications')).json().items).toEqual([]);
    // Staff do not read citizens' drafts either.
    expect((await townClerk.get(`/api/applications/${app.id}`)).statusCode).toBe(403);
    // The denial is audited.
    const denied = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'permission.denied'), eq(auditLog.actorId, sql`(select id from users where display_name = '陈小芳')`)));
    expect(denied.map((d) => (d.details as { route: string; reason: string }).route)).toContain('/api/applications/:id');
    expect(denied.every((d) => (d.details as { reason: string }).reason === 'out_of_scope')).toBe(true);
  });

  test('submitting with 必要 materials missing lists every one of them; without an Idempotency-Key it is refused', async () => {
    onlineBefore = await count(cases, sql`${cases.channel} = 'online'`); // the demo county has online cases already
    const noKey = await citizen.post(`/api/applications/${app.id}/submit`, { version: app.version });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');

    const r = await citizen.post(`/api/applications/${app.id}/submit`, { version: app.version }, { 'idempotency-key': 'submit-missing-0001' });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.code).toBe('APPLICATION_MATERIALS_MISSING');
    expect(r.json().error.details.map((m: { key: string }) => m.key)).toEqual(['application', 'hukou', 'ss-card']);
    expect(r.json().error.message).toContain('城乡居民基本养老保险待遇领取申请表');
    expect(r.json().error.message).toContain('社会保障卡');
    // Nothing was created and the key was not used up.
    expect(await count(cases, sql`${cases.channel} = 'online'`)).toBe(onlineBefore);
    expect(await count(idempotencyKeys, sql`${idempotencyKeys.scope} = 'application.submit'`)).toBe(0);
  });

  test('a post delivery needs an address; the same Idempotency-Key twice makes exactly one case', async () => {
    for (const key of ['application', 'hukou', 'ss-card']) {
      const r = await citizen.upload(`/api/applications/${app.id}/materials/${key}/files`, `${key}.png`, png(3, 3, [10, 120, 200]));
      expect(r.statusCode, r.body).toBe(200);
    }
    let r = await citizen.put(`/api/applications/${app.id}`, { version: app.version, form: form({ note: '本人已年满60周岁', deliveryMethod: 'post' }) });
    app = r.json();
    r = await citizen.post(`/api/applications/${app.id}/submit`, { version: app.version }, { 'idempotency-key': 'submit-noaddress-01' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'APPLICATION_FORM_INCOMPLETE', details: [{ path: 'form.deliveryAddress', message: '邮寄送达请填写收件地址' }] });
    app = (await citizen.put(`/api/applications/${app.id}`, { version: app.version, form: form({ note: '本人已年满60周岁', deliveryMethod: 'post', deliveryAddress: '青山镇青山村三组12号 刘大山收' }) })).json();

    const casesBefore = await count(cases);
    const key = { 'idempotency-key': 'submit-pension-0001' };
    const first = await citizen.post(`/api/applications/${app.id}/submit`, { version: app.version }, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'submitted', caseNo: expect.any(String), caseStatusLabel: '收件', abilities: [] });
    const second = await citizen.post(`/api/applications/${app.id}/submit`, { version: app.version }, key);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().caseId).toBe(first.json().caseId);
    expect(await count(cases)).toBe(casesBefore + 1);
    expect(await count(cases, sql`${cases.channel} = 'online'`)).toBe(onlineBefore + 1);
    expect(await count(idempotencyKeys, sql`${idempotencyKeys.scope} = 'application.submit'`)).toBe(1);

    // The same key for another request is refused; a new key for the submitted application is a clear 409.
    const reused = await citizen.post(`/api/applications/${app.id}/submit`, { version: app.version + 5 }, key);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const again = await citizen.post(`/api/applications/${app.id}/submit`, { version: first.json().version }, { 'idempotency-key': 'submit-pension-0002' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'APPLICATION_ALREADY_SUBMITTED', details: { caseId: first.json().caseId, caseNo: first.json().caseNo } });
    expect(again.json().error.message).toContain(first.json().caseNo);
    expect((await citizen.put(`/api/applications/${app.id}`, { version: first.json().version, form: form() })).statusCode).toBe(409);
    expect((await citizen.upload(`/api/applications/${app.id}/materials/hukou/files`, 'x.png', png())).statusCode).toBe(409);
    expect(await count(cases)).toBe(casesBefore + 1);
    app = first.json();

    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'application.submitted'));
    expect(audits).toHaveLength(1);
    expect(audits[0].details).toMatchObject({ caseId: app.caseId, files: 4 });
    expect((await citizen.get('/api/applications')).json().items[0]).toMatchObject({ id: app.id, status: 'submitted', caseNo: app.caseNo, caseStatus: 'received', files: 4 });
  });

  test('the township clerk finds it received (channel online) with the files per material and downloads them', async () => {
    const inbox = (await townClerk.get('/api/cases' + qs({ status: 'received', limit: 200 }))).json();
    expect(inbox.items.map((c: { id: string }) => c.id)).toContain(app.caseId);
    const c = (await townClerk.get(`/api/cases/${app.caseId}`)).json();
    expect(c).toMatchObject({
      caseNo: app.caseNo,
      status: 'received',
      channel: 'online',
      centerName: '青山镇便民服务中心',
      handlingCenterName: '示范县政务服务中心',
      applicant: { name: '刘大山' },
      deliveryPreference: { method: 'post', address: '青山镇青山村三组12号 刘大山收' },
    });
    expect(c.timeline[0]).toMatchObject({ type: 'received', note: expect.stringContaining('网上申报：本人已年满60周岁') });
    for (const m of c.materials) expect(m.files.map((f: { source: string }) => f.source)).toEqual(['online']);
    const idCard = c.materials.find((m: { key: string }) => m.key === 'id-card').files[0];
    const down = await townClerk.get(`/api/cases/${app.caseId}/files/${idCard.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(down.rawPayload, png(6, 4))).toBe(0);
    // The citizen sees it in 我的办件.
    const mine = (await citizen.get('/api/cases/mine')).json().items;
    expect(mine[0]).toMatchObject({ id: app.caseId, status: 'received', statusLabel: '收件', channel: 'online' });
  });

  test('a one-time notice is answered by the citizen with a photo; the case is back at the window with the file under its material', async () => {
    let c = (await townClerk.get(`/api/cases/${app.caseId}`)).json();
    const corr = await townClerk.post(`/api/cases/${app.caseId}/correct`, {
      version: c.version,
      corrections: [{ materialKey: 'hukou', name: '居民户口簿', problem: '照片看不清本人页', requirement: '重新拍摄户主页和本人页，保证字迹清楚' }],
    });
    expect(corr.statusCode, corr.body).toBe(200);
    c = (await citizen.get(`/api/cases/${app.caseId}`)).json();
    expect(c).toMatchObject({ status: 'correcting', corrections: [{ name: '居民户口簿' }] });
    expect(c.abilities).toEqual(expect.arrayContaining(['supply', 'withdraw']));
    expect(c.notices).toContain('correction');

    const fixed = png(8, 8, [0, 0, 0]);
    const ans = await citizen.uploadBatch(`/api/cases/${app.caseId}/corrections`, { version: c.version, note: '已重新拍摄' }, [{ field: 'material:hukou', name: '户口簿本人页.png', content: fixed }]);
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json().status).toBe('received');
    const hukou = ans.json().materials.find((m: { key: string }) => m.key === 'hukou');
    expect(hukou.files.map((f: { source: string; name: string }) => `${f.source}:${f.name}`)).toEqual(['online:hukou.png', 'correction:户口簿本人页.png']);
    const clerkView = (await townClerk.get(`/api/cases/${app.caseId}`)).json();
    expect(clerkView.status).toBe('received');
    const corrected = clerkView.materials.find((m: { key: string }) => m.key === 'hukou').files[1];
    expect(Buffer.compare((await townClerk.get(`/api/cases/${app.caseId}/files/${corrected.id}`)).rawPayload, fixed)).toBe(0);

    // The citizen changes their delivery choice while the case runs.
    const pref = await citizen.put(`/api/cases/${app.caseId}/delivery-preference`, { version: ans.json().version, method: 'electronic' });
    expect(pref.statusCode, pref.body).toBe(200);
    expect(pref.json().deliveryPreference).toEqual({ method: 'electronic' });
    expect((await townClerk.get(`/api/cases/${app.caseId}`)).json().deliveryPreference).toEqual({ method: 'electronic' });
  });
});

describe('a new guide version while a draft is open', () => {
  test('submit says the guide changed (409); refresh keeps files of materials that remain and asks for the new one', async () => {
    const itemId = await itemAt(ENROL, '青山镇便民服务中心');
    let app: Detail = (await citizen.post('/api/applications', { itemId })).json();
    expect(app).toMatchObject({ status: 'draft', center: { name: '青山镇便民服务中心' } });
    expect(app.materials.map((m) => `${m.key}:${m.necessity}`)).toEqual(['id-card:required', 'hukou:optional']);
    await citizen.upload(`/api/applications/${app.id}/materials/id-card/files`, 'id.png', png());
    await citizen.upload(`/api/applications/${app.id}/materials/hukou/files`, 'hukou.png', png());

    // The township publishes version 2: 户口簿 is dropped, a photo is now required.
    const item = (await townCatalog.get(`/api/catalog/admin/items/${itemId}`)).json();
    const content = item.current.content;
    const photo = { ...content.materials[0], key: 'photo', name: '近期一寸免冠彩色照片', source: 'applicant', issuer: '', certificateType: null, note: '白色背景' };
    const saved = await townCatalog.put(`/api/catalog/admin/items/${itemId}/draft`, { content: { ...content, materials: [content.materials[0], photo] }, version: item.version });
    expect(saved.statusCode, saved.body).toBe(200);
    const sub = await townCatalog.post(`/api/catalog/admin/items/${itemId}/submit`, { version: saved.json().version });
    expect(sub.statusCode, sub.body).toBe(200);
    const pub = await townDirector.post(`/api/catalog/admin/items/${itemId}/approve`, { version: sub.json().version });
    expect(pub.statusCode, pub.body).toBe(200);

    app = (await citizen.get(`/api/applications/${app.id}`)).json();
    expect(app).toMatchObject({ itemVersion: 1, outdated: true, latestVersion: 2 });
    expect(app.abilities).toContain('refresh');
    const r = await citizen.post(`/api/applications/${app.id}/submit`, { version: app.version }, { 'idempotency-key': 'submit-outdated-01' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('CASE_ITEM_VERSION_CHANGED');
    expect(r.json().error.message).toContain('第 2 版');

    const filesBefore = await storedFiles();
    const fresh = await citizen.post(`/api/applications/${app.id}/refresh`, { version: app.version });
    expect(fresh.statusCode, fresh.body).toBe(200);
    app = fresh.json();
    expect(app).toMatchObject({ itemVersion: 2, outdated: false });
    expect(app.materials.map((m) => `${m.key}:${m.files.length}`)).toEqual(['id-card:1', 'photo:0']);
    expect(app.missing).toEqual([{ key: 'photo', name: '近期一寸免冠彩色照片' }]);
    expect(await storedFiles()).toBe(filesBefore - 1);

    await citizen.upload(`/api/applications/${app.id}/materials/photo/files`, '照片.png', png());
    const ok = await citizen.post(`/api/applications/${app.id}/submit`, { version: app.version }, { 'idempotency-key': 'submit-refreshed-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    const c = (await townClerk.get(`/api/cases/${ok.json().caseId}`)).json();
    expect(c).toMatchObject({ itemVersion: 2, channel: 'online', status: 'received', deliveryPreference: { method: 'window' } });
  });

  test('at most 10 files per material; a discarded draft is gone with its files', async () => {
    const itemId = await itemAt(PENSION, '示范县政务服务中心');
    const app: Detail = (await citizen.post('/api/applications', { itemId })).json();
    expect(app).toMatchObject({ status: 'draft', center: { name: '示范县政务服务中心' } });
    for (let i = 0; i < 10; i++) expect((await citizen.upload(`/api/applications/${app.id}/materials/id-card/files`, `id-${i}.png`, png(1 + i, 1))).statusCode).toBe(200);
    const eleventh = await citizen.upload(`/api/applications/${app.id}/materials/id-card/files`, 'id-10.png', png());
    expect(eleventh.statusCode).toBe(422);
    expect(eleventh.json().error).toMatchObject({ code: 'APPLICATION_TOO_MANY_FILES', message: expect.stringContaining('最多上传 10 个文件') });
    const before = await storedFiles();
    expect((await citizen.delete(`/api/applications/${app.id}`)).statusCode).toBe(204);
    expect(await storedFiles()).toBe(before - 10);
    expect((await citizen.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
    expect((await citizen.get('/api/applications')).json().items.map((a: { id: string }) => a.id)).not.toContain(app.id);
  });
});

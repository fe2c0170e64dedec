import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, qs, type TestClient, type TestCtx } from '../../test/harness.js';
import { auditLog } from '../audit/audit.tables.js';
import { loadDemoIds, seedDemoIfEmpty, type DemoIds } from '../seed/demo.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import type { ItemContentInput } from './catalog.contract.js';
import { catalogItems, catalogItemVersions } from './catalog.tables.js';

let ctx: TestCtx;
let ids: DemoIds;
let countyCat: TestClient;
let townCat: TestClient;
let countyDirector: TestClient;
let townDirector: TestClient;
let hexiDirector: TestClient;
let anon: TestClient;

const MINZHENG = '示范县民政局';

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty });
  ids = await loadDemoIds(ctx.db);
  countyCat = await ctx.client().login('county.catalog', DEMO_PASSWORD);
  townCat = await ctx.client().login('town.catalog', DEMO_PASSWORD);
  countyDirector = await ctx.client().login('county.director', DEMO_PASSWORD);
  townDirector = await ctx.client().login('town.director', DEMO_PASSWORD);
  hexiDirector = await ctx.client().login('hexi.director', DEMO_PASSWORD);
  anon = ctx.client();
});
afterAll(async () => ctx?.close());

/** A valid 承诺件 content, decided where it is implemented; tests override what they probe. */
function content(over: Partial<ItemContentInput> = {}): ItemContentInput {
  return {
    aliases: ['试点补贴'],
    topics: ['agriculture'],
    audience: 'person',
    acceptLevels: ['village', 'township'],
    preReviewLevel: null,
    decideLevel: 'township',
    delegation: null,
    handlingType: 'promised',
    processKind: 'local',
    jointDepartmentIds: [],
    legalDays: 20,
    promisedDays: 10,
    specialProcedures: [{ kind: 'publicity', days: 5, note: '在村务公开栏公示' }],
    fees: [],
    maxVisits: 1,
    onlineLevel: 'apply',
    place: '青山镇便民服务中心',
    hours: '周一至周五 8:30-17:30',
    phone: '0399-86010001',
    complaintPhone: '12345',
    agentEligible: true,
    conditions: ['本镇户籍农户'],
    faq: [],
    materials: [
      { key: 'form', name: '试点补贴申请表', source: 'applicant', issuer: '', form: 'original', copies: 1, necessity: 'required', deferDays: null, blankFileId: null, sampleFileId: null, certificateType: null, note: '' },
      { key: 'id', name: '居民身份证', source: 'government', issuer: '公安机关', form: 'original', copies: 1, necessity: 'required', deferDays: null, blankFileId: null, sampleFileId: null, certificateType: '居民身份证', note: '' },
    ],
    steps: [
      { key: 'accept', name: '受理', departmentId: null, level: 'township', days: 1, parallel: false, note: '' },
      { key: 'review', name: '审查', departmentId: null, level: 'township', days: 3, parallel: false, note: '' },
      { key: 'decide', name: '决定', departmentId: null, level: 'township', days: 3, parallel: false, note: '' },
    ],
    ...over,
  } as ItemContentInput;
}

let codeSerial = 1;
async function basicItem(client = countyCat, over: Record<string, unknown> = {}) {
  const code = `2099${String(900 + codeSerial++).padStart(4, '0')}0000`;
  const r = await client.post('/api/catalog/admin/basic-items', {
    code,
    name: `测试事项${code.slice(-7, -4)}`,
    itemType: '20',
    legalBasis: [{ name: '《测试条例》', article: '第一条', text: '为了测试，制定本条例。' }],
    departmentId: ids.departments[MINZHENG],
    ...over,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { id: string; code: string; name: string; version: number };
}

/** The 社会事务办 station of 青山镇 (a department with a credit code). */
async function qingshanStation(): Promise<string> {
  const r = await countyCat.get('/api/catalog/admin/tree');
  expect(r.statusCode, r.body).toBe(200);
  return r.json().departments.find((d: { name: string }) => d.name === '青山镇社会事务办公室').id;
}

async function createItem(client: TestClient, centerId: string, departmentId: string, c = content()) {
  const b = await basicItem();
  const r = await client.post('/api/catalog/admin/items', { basicItemId: b.id, centerId, departmentId, content: c });
  return { r, basic: b };
}

async function publish(itemId: string, submitter = townCat, reviewer = townDirector) {
  let d = (await submitter.get(`/api/catalog/admin/items/${itemId}`)).json();
  const s = await submitter.post(`/api/catalog/admin/items/${itemId}/submit`, { version: d.version });
  expect(s.statusCode, s.body).toBe(200);
  d = s.json();
  const a = await reviewer.post(`/api/catalog/admin/items/${itemId}/approve`, { version: d.version });
  expect(a.statusCode, a.body).toBe(200);
  return a.json();
}

describe('basic items', () => {
  test('a county catalog admin creates one; codes are checked against the item type and are unique', async () => {
    const b = await basicItem();
    expect(b.version).toBe(1);
    const dup = await countyCat.post('/api/catalog/admin/basic-items', { code: b.code, name: '重复', itemType: '20', legalBasis: [{ name: '《测试条例》', article: '', text: '' }], departmentId: ids.departments[MINZHENG] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CATALOG_BASIC_CODE_TAKEN');
    const badType = await countyCat.post('/api/catalog/admin/basic-items', { code: '019999000000', name: '类型不符', itemType: '20', legalBasis: [{ name: '《测试条例》', article: '', text: '' }], departmentId: ids.departments[MINZHENG] });
    expect(badType.statusCode).toBe(422);
    expect(badType.json().error).toMatchObject({ code: 'CATALOG_BASIC_CODE_TYPE' });
    const short = await countyCat.post('/api/catalog/admin/basic-items', { code: '2012', name: '太短', itemType: '20', legalBasis: [], departmentId: ids.departments[MINZHENG] });
    expect(short.statusCode).toBe(400);
  });

  test('a township catalog admin reads the basic catalog but cannot create or edit it', async () => {
    const b = await basicItem();
    const list = await townCat.get('/api/catalog/admin/basic-items' + qs({ q: b.name }));
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(b.id);
    expect(list.json().items.find((x: { id: string }) => x.id === b.id).abilities).toEqual([]);
    const create = await townCat.post('/api/catalog/admin/basic-items', { code: '209999990000', name: '越权', itemType: '20', legalBasis: [{ name: '《测试条例》', article: '', text: '' }], departmentId: ids.departments[MINZHENG] });
    expect(create.statusCode).toBe(404);
    const edit = await townCat.patch(`/api/catalog/admin/basic-items/${b.id}`, { version: b.version, name: '改名' });
    expect(edit.statusCode).toBe(404);
  });
});

describe('life cycle', () => {
  test('draft → submitted → published → new version → withdrawn, each audited; citizens only see published', async () => {
    const station = await qingshanStation();
    const { r, basic } = await createItem(townCat, ids.centers[ids.regions.qingshan] ?? (await centerOf('青山镇便民服务中心')), station);
    expect(r.statusCode, r.body).toBe(200);
    const item = r.json();
    expect(item).toMatchObject({ status: 'draft', latestVersion: 1, openVersion: 1, publishedVersion: null, level: 'township' });
    expect(item.implementationCode).toMatch(new RegExp(`^[0-9A-Z]{18}5${basic.code}$`));
    expect(item.abilities).toEqual(expect.arrayContaining(['update', 'submit']));
    expect((await anon.get(`/api/catalog/items/${item.id}`)).statusCode).toBe(404);
    const listed = (await townCat.get('/api/catalog/admin/basic-items' + qs({ q: basic.code }))).json().items;
    expect(listed.map((x: { implementations: number }) => x.implementations)).toEqual([1]);

    // The submitter cannot approve their own version (four eyes).
    const sub = await townCat.post(`/api/catalog/admin/items/${item.id}/submit`, { version: item.version });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'in_review', openStatus: 'in_review' });
    expect(sub.json().versions[0]).toMatchObject({ submittedById: ids.users['town.catalog'], submittedByName: '罗晓燕' });
    const self = await townCat.post(`/api/catalog/admin/items/${item.id}/approve`, { version: sub.json().version });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('CATALOG_SELF_REVIEW');
    // Editing while in review is refused.
    const editInReview = await townCat.put(`/api/catalog/admin/items/${item.id}/draft`, { content: content({ promisedDays: 9 }), version: sub.json().version });
    expect(editInReview.statusCode).toBe(422);
    expect(editInReview.json().error.code).toBe('CATALOG_BAD_STATE');
    // Reject needs a comment; then resubmit and the director approves.
    const noComment = await townDirector.post(`/api/catalog/admin/items/${item.id}/reject`, { version: sub.json().version });
    expect(noComment.statusCode).toBe(400);
    const rejected = await townDirector.post(`/api/catalog/admin/items/${item.id}/reject`, { version: sub.json().version, comment: '请补充受理条件' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'draft' });
    expect(rejected.json().versions[0]).toMatchObject({ status: 'draft', reviewComment: '请补充受理条件' });
    const published = await publish(item.id);
    expect(published).toMatchObject({ status: 'published', publishedVersion: 1, openVersion: null });

    const guide = await anon.get(`/api/catalog/items/${item.id}` + qs({ regionId: ids.regions.qingshanVillage }));
    expect(guide.statusCode, guide.body).toBe(200);
    expect(guide.json()).toMatchObject({ version: 1, content: { name: basic.name, promisedDays: 10 }, labels: { levels: '村、镇受理 → 镇决定', visits: '最多跑 1 次', fees: '不收费' } });
    expect(guide.json().acceptPlaces.map((p: { name: string }) => p.name)).toEqual(['青山村便民服务室', '青山镇便民服务中心']);

    // Editing the published item opens version 2 as a draft; citizens keep seeing version 1.
    const edit = await townCat.put(`/api/catalog/admin/items/${item.id}/draft`, { content: content({ promisedDays: 8, conditions: ['本镇户籍农户', '当年实际种植'] }), version: published.version });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ status: 'published', publishedVersion: 1, openVersion: 2, latestVersion: 2, openStatus: 'draft' });
    expect((await anon.get(`/api/catalog/items/${item.id}`)).json().content.promisedDays).toBe(10);
    // Saving the same content again writes nothing.
    const again = await townCat.put(`/api/catalog/admin/items/${item.id}/draft`, { content: content({ promisedDays: 8, conditions: ['本镇户籍农户', '当年实际种植'] }), version: edit.json().version });
    expect(again.json().version).toBe(edit.json().version);

    const diff = await townCat.get(`/api/catalog/admin/items/${item.id}/diff` + qs({ from: 1, to: 2 }));
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json().changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'promisedDays', label: '承诺时限', before: 10, after: 8 }),
        expect.objectContaining({ path: 'conditions', label: '受理条件' }),
      ]),
    );

    const v2 = await publish(item.id);
    expect(v2).toMatchObject({ publishedVersion: 2, openVersion: null });
    expect(v2.versions.map((v: { status: string }) => v.status)).toEqual(['superseded', 'published']);
    // A case accepted under version 1 still reads version 1.
    const pinned = await anon.get(`/api/catalog/items/${item.id}` + qs({ version: 1 }));
    expect(pinned.statusCode).toBe(200);
    expect(pinned.json()).toMatchObject({ version: 1, content: { promisedDays: 10 } });
    expect((await anon.get(`/api/catalog/items/${item.id}`)).json()).toMatchObject({ version: 2, content: { promisedDays: 8 } });
    // An unpublished draft version is never public.
    await townCat.put(`/api/catalog/admin/items/${item.id}/draft`, { content: content({ promisedDays: 7 }), version: v2.version });
    expect((await anon.get(`/api/catalog/items/${item.id}` + qs({ version: 3 }))).statusCode).toBe(404);

    const cur = (await townCat.get(`/api/catalog/admin/items/${item.id}`)).json();
    const noReason = await townDirector.post(`/api/catalog/admin/items/${item.id}/withdraw`, { version: cur.version });
    expect(noReason.statusCode).toBe(400);
    const withdrawn = await townDirector.post(`/api/catalog/admin/items/${item.id}/withdraw`, { version: cur.version, comment: '政策调整' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ publishedVersion: null });
    expect((await anon.get(`/api/catalog/items/${item.id}`)).statusCode).toBe(404);

    const actions = (await ctx.db.select().from(auditLog).where(eq(auditLog.objectId, item.id)).orderBy(auditLog.seq)).map((a) => a.action);
    expect(actions).toEqual([
      'catalog.item_created',
      'catalog.submitted',
      'catalog.rejected',
      'catalog.submitted',
      'catalog.approved',
      'catalog.draft_saved',
      'catalog.submitted',
      'catalog.approved',
      'catalog.draft_saved',
      'catalog.withdrawn',
    ]);
  });

  test('a stale version is a 409 and changes nothing', async () => {
    const station = await qingshanStation();
    const { r } = await createItem(townCat, await centerOf('青山镇便民服务中心'), station);
    const item = r.json();
    const first = await townCat.put(`/api/catalog/admin/items/${item.id}/draft`, { content: content({ promisedDays: 9 }), version: item.version });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await townCat.put(`/api/catalog/admin/items/${item.id}/draft`, { content: content({ promisedDays: 5 }), version: item.version });
    expect(stale.statusCode).toBe(409);
    const [v] = await ctx.db.select().from(catalogItemVersions).where(eq(catalogItemVersions.itemId, item.id));
    expect(v.content.promisedDays).toBe(9);
  });
});

describe('element validation', () => {
  test('every cross-field problem is reported at once, with paths, and nothing is saved', async () => {
    const station = await qingshanStation();
    const before = await ctx.db.select().from(catalogItems);
    const { r } = await createItem(
      townCat,
      await centerOf('青山镇便民服务中心'),
      station,
      content({
        handlingType: 'instant',
        promisedDays: 3,
        materials: [
          { key: 'a', name: '户口簿', source: 'government', issuer: '', form: 'copy', copies: 0, necessity: 'deferrable', deferDays: null, blankFileId: null, sampleFileId: null, certificateType: null, note: '' },
        ],
      }),
    );
    expect(r.statusCode).toBe(422);
    const err = r.json().error;
    expect(err.code).toBe('CATALOG_INVALID_ELEMENTS');
    expect(err.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['content.promisedDays', 'content.materials.0.deferDays', 'content.materials.0.copies', 'content.materials.0.issuer']),
    );
    expect(await ctx.db.select().from(catalogItems)).toHaveLength(before.length);
  });

  test('shape errors are 400 with Chinese field messages', async () => {
    const b = await basicItem();
    const r = await townCat.post('/api/catalog/admin/items', { basicItemId: b.id, centerId: await centerOf('青山镇便民服务中心'), departmentId: await qingshanStation(), content: { ...content(), maxVisits: 3, steps: [] } });
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json().error.details)).toContain('到现场次数应为0、1或2');
  });
});

describe('scope', () => {
  test('a township admin cannot see or edit county items or another township; a director reviews but does not edit', async () => {
    const { r } = await createItem(countyCat, await centerOf('示范县政务服务中心'), ids.departments[MINZHENG], content({ acceptLevels: ['township', 'county'], decideLevel: 'county', steps: [{ key: 's', name: '受理', departmentId: null, level: 'county', days: 1, parallel: false, note: '' }] }));
    expect(r.statusCode, r.body).toBe(200);
    const countyItem = r.json();
    expect((await townCat.get(`/api/catalog/admin/items/${countyItem.id}`)).statusCode).toBe(404);
    const edit = await townCat.put(`/api/catalog/admin/items/${countyItem.id}/draft`, { content: content(), version: countyItem.version });
    expect(edit.statusCode).toBe(404);
    const create = await townCat.post('/api/catalog/admin/items', { basicItemId: countyItem.basicItemId, centerId: await centerOf('示范县政务服务中心'), departmentId: ids.departments[MINZHENG], content: content() });
    expect(create.statusCode).toBe(404);
    const list = await townCat.get('/api/catalog/admin/items' + qs({ limit: 500 }));
    expect(list.json().items.every((i: { level: string; centerName: string }) => i.centerName.startsWith('青山'))).toBe(true);

    // 河西镇's director cannot review a 青山镇 item; the county director can read it but not edit it.
    const station = await qingshanStation();
    const town = (await createItem(townCat, await centerOf('青山镇便民服务中心'), station)).r.json();
    const sub = (await townCat.post(`/api/catalog/admin/items/${town.id}/submit`, { version: town.version })).json();
    expect((await hexiDirector.post(`/api/catalog/admin/items/${town.id}/approve`, { version: sub.version })).statusCode).toBe(404);
    const dirEdit = await countyDirector.put(`/api/catalog/admin/items/${town.id}/draft`, { content: content(), version: sub.version });
    expect(dirEdit.statusCode).toBe(403);
    const [denied] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'permission.denied')).orderBy(desc(auditLog.seq)).limit(1);
    expect(denied).toMatchObject({ outcome: 'denied', actorId: ids.users['county.director'], details: { route: '/api/catalog/admin/items/:id/draft', reason: 'no_permission' } });
  });
});

describe('portal', () => {
  test('search finds by Chinese, pinyin, initials, synonym and one typo, grouped by where the villager can hand it in', async () => {
    const station = await qingshanStation();
    const b = await basicItem(countyCat, { name: '农村危房改造补助申请' });
    const created = await townCat.post('/api/catalog/admin/items', { basicItemId: b.id, centerId: await centerOf('青山镇便民服务中心'), departmentId: station, content: content({ aliases: ['危房改造', '修房补贴'], topics: ['housing'] }) });
    expect(created.statusCode, created.body).toBe(200);
    await publish(created.json().id);
    const village = ids.regions.qingshanVillage;
    const find = async (q: string, regionId = village) => {
      const r = await anon.get('/api/catalog/search' + qs({ q, regionId }));
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    for (const q of ['危房', 'weifang', 'wfgz', '修房', '农村危房改早']) {
      const res = await find(q);
      const all = res.groups.flatMap((g: { items: { id: string }[] }) => g.items.map((i) => i.id));
      expect(all, q).toContain(created.json().id);
      const group = res.groups.find((g: { items: { id: string }[] }) => g.items.some((i) => i.id === created.json().id));
      expect(group.level, q).toBe('village'); // accepted at the village room
    }
    // Another township's villager does not get 青山镇's item.
    const hexi = await find('危房', ids.regions.hexiVillage);
    expect(hexi.groups.flatMap((g: { items: { id: string }[] }) => g.items.map((i) => i.id))).not.toContain(created.json().id);
    // Without a place (anonymous, nothing chosen) the whole county is searched, grouped by each item's level.
    const anywhere = (await anon.get('/api/catalog/search' + qs({ q: '危房' }))).json();
    expect(anywhere.groups.find((g: { level: string }) => g.level === 'township').items.map((i: { id: string }) => i.id)).toContain(created.json().id);
    const regionsList = (await anon.get('/api/catalog/regions')).json().regions;
    expect(regionsList.find((r: { id: string }) => r.id === village).centerId).toBe(await centerOf('青山村便民服务室'));
    const empty = await anon.get('/api/catalog/search' + qs({ q: '' }));
    expect(empty.statusCode).toBe(400);
  });

  test('browse by level, topic and department; guide PDF and the wall list PDF carry the item name', async () => {
    const station = await qingshanStation();
    const b = await basicItem(countyCat, { name: '耕地撂荒整治补助' });
    const it = (await townCat.post('/api/catalog/admin/items', { basicItemId: b.id, centerId: await centerOf('青山镇便民服务中心'), departmentId: station, content: content() })).json();
    await publish(it.id);
    const list = await anon.get('/api/catalog/items' + qs({ regionId: ids.regions.qingshanVillage, level: 'village', topic: 'agriculture', limit: 500 }));
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(it.id);
    const county = await anon.get('/api/catalog/items' + qs({ regionId: ids.regions.qingshanVillage, level: 'county', limit: 500 }));
    expect(county.json().items.map((i: { id: string }) => i.id)).not.toContain(it.id);
    const topics = await anon.get('/api/catalog/topics' + qs({ regionId: ids.regions.qingshanVillage }));
    expect(topics.json().topics.find((t: { key: string }) => t.key === 'agriculture').count).toBeGreaterThan(0);

    const pdf = await anon.get(`/api/catalog/items/${it.id}/guide.pdf` + qs({ regionId: ids.regions.qingshanVillage }));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdfText(pdf.rawPayload)).toContain('耕地撂荒整治补助');
    const wall = await anon.get(`/api/catalog/centers/${await centerOf('青山村便民服务室')}/list.pdf`);
    expect(wall.statusCode).toBe(200);
    const wallText = pdfText(wall.rawPayload);
    expect(wallText).toContain('青山村便民服务室政务服务事项清单');
    expect(wallText).toContain('耕地撂荒整治补助');
  });

  test('uploads are checked by content; a form is downloadable once referenced', async () => {
    const fake = await townCat.upload('/api/catalog/admin/files', '申请表.pdf', Buffer.from('MZ not a pdf at all'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const real = await townCat.upload('/api/catalog/admin/files', '../../申请表.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json()).toMatchObject({ name: '申请表.pdf', mime: 'application/pdf' });
    const dl = await anon.get(`/api/catalog/files/${real.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.toString()).toContain('%PDF-1.4');
    expect((await anon.post('/api/catalog/admin/files', {})).statusCode).toBe(401);
  });
});

async function centerOf(name: string): Promise<string> {
  const { centers } = await import('../org/org.tables.js');
  const [c] = await ctx.db.select({ id: centers.id }).from(centers).where(eq(centers.name, name));
  return c.id;
}

function pdfText(buf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'bm-pdf-'));
  const file = join(dir, 'x.pdf');
  writeFileSync(file, buf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

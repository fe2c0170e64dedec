import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, qs, type TestClient, type TestCtx } from '../../test/harness.js';
import { auditLog } from '../audit/audit.tables.js';
import { regions } from '../org/org.tables.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { policyDocuments } from './policies.tables.js';

/** Business "now" of these tests: Monday 2026-11-23, 10:00 in Beijing. */
const now = new Date('2026-11-23T02:00:00Z');
let ctx: TestCtx;
let anon: TestClient;
let countyCatalog: TestClient;
let townCatalog: TestClient;
let townDirector: TestClient;
let hexiDirector: TestClient;
let townClerk: TestClient;
let citizen: TestClient;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty, now: () => now });
  const login = async (u: string, ip: string) => {
    const c = ctx.client();
    c.ip = ip;
    return c.login(u, DEMO_PASSWORD);
  };
  anon = ctx.client();
  countyCatalog = await login('county.catalog', '10.7.0.1');
  townCatalog = await login('town.catalog', '10.7.0.2');
  townDirector = await login('town.director', '10.7.0.3');
  hexiDirector = await login('hexi.director', '10.7.0.4');
  townClerk = await login('town.clerk', '10.7.0.5');
  citizen = await login('citizen', '10.7.0.6');
});
afterAll(async () => ctx?.close());

type Summary = { id: string; title: string; docNo: string; topic: string; snippet: { text: string; highlights: { start: number; end: number }[] }; titleHighlights: { start: number; end: number }[] };
const search = async (query: Record<string, string | number | undefined>) => {
  const res = await anon.get(`/api/policies${qs(query)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Summary[]; total: number; nextCursor: string | null; terms: string[] };
};
const marked = (s: { text: string; highlights: { start: number; end: number }[] }) => s.highlights.map((h) => s.text.slice(h.start, h.end));
const regionId = async (name: string) => (await ctx.db.select({ id: regions.id }).from(regions).where(eq(regions.name, name)))[0].id;
const docByNo = async (docNo: string) => (await ctx.db.select().from(policyDocuments).where(eq(policyDocuments.docNo, docNo)))[0];
const auditOf = async (objectId: string) => (await ctx.db.select().from(auditLog).where(eq(auditLog.objectId, objectId)).orderBy(auditLog.seq));

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const draftBody = (title: string, body: string, extra: Record<string, unknown> = {}) => ({ title, docNo: '', issuer: '青山镇人民政府', topic: '其他', kind: 'notice', summary: '', body, ...extra });

describe('public library', () => {
  test('only published documents are listed, newest first, with keyset pages', async () => {
    const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(policyDocuments).where(eq(policyDocuments.status, 'published'));
    expect(n).toBeGreaterThanOrEqual(12);
    const first = await search({ limit: 5 });
    expect(first.total).toBe(n);
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).not.toBeNull();
    const all = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await search({ limit: 5, cursor });
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(all).toHaveLength(n);
    expect(new Set(all.map((d) => d.id)).size).toBe(n);
    // The draft and the withdrawn document of the demo never appear.
    expect(all.some((d) => d.title.includes('征求意见稿'))).toBe(false);
    expect(all.some((d) => d.docNo === '示民发〔2025〕10号')).toBe(false);
    const dates = all.map((d) => (d as unknown as { publishedOn: string }).publishedOn);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  test('a Chinese phrase inside the body finds the document, with a snippet around the marked hit', async () => {
    const r = await search({ q: '先行救助' });
    expect(r.terms).toEqual(['先行救助']);
    expect(r.items.map((d) => d.title)).toContain('《示范县临时救助实施办法》政策解读');
    const doc = r.items.find((d) => d.title.includes('临时救助'))!;
    expect(marked(doc.snippet)).toContain('先行救助');
    expect(doc.snippet.text.length).toBeLessThanOrEqual(102);
    expect(doc.titleHighlights).toEqual([]);
    // The phrase matches across punctuation of the original: 村（居）民委员会.
    const across = await search({ q: '村居民委员会' });
    expect(across.items.length).toBeGreaterThan(0);
    expect(across.items.flatMap((d) => marked(d.snippet))).toContain('村（居）民委员会');
  });

  test('by 文号, with or without its brackets and spaces', async () => {
    for (const q of ['示政办发〔2026〕8号', '示政办发 2026 8号', '示政办发[2026]8号']) {
      const r = await search({ q });
      expect(r.items[0]?.docNo, q).toBe('示政办发〔2026〕8号');
    }
  });

  test('every term must match', async () => {
    const both = await search({ q: '宅基地 160平方米' });
    expect(both.items.map((d) => d.docNo)).toEqual(['示农发〔2026〕5号']);
    expect((await search({ q: '宅基地 不存在的词语' })).items).toEqual([]);
  });

  test('by topic, issuer and kind; facets count the published documents', async () => {
    const r = await search({ topic: '农业补贴' });
    expect(r.items.length).toBe(2);
    expect(r.items.every((d) => d.topic === '农业补贴')).toBe(true);
    const town = await search({ issuer: '青山镇人民政府' });
    expect(town.items.map((d) => d.docNo).sort()).toEqual(['青政发〔2026〕14号', '青政发〔2026〕6号']);
    const interp = await search({ kind: 'interpretation' });
    expect(interp.items.every((d) => d.docNo === '')).toBe(true);
    expect(interp.items.length).toBe(2);
    const withQuery = await search({ q: '补贴', topic: '残疾人' });
    expect(withQuery.items.map((d) => d.topic)).toEqual(['残疾人']);

    const f = (await anon.get('/api/policies/facets')).json();
    const byTopic = await ctx.db
      .select({ topic: policyDocuments.topic, n: sql<number>`count(*)::int` })
      .from(policyDocuments)
      .where(eq(policyDocuments.status, 'published'))
      .groupBy(policyDocuments.topic);
    expect(Object.fromEntries(f.topics.map((t: { value: string; count: number }) => [t.value, t.count]))).toEqual(Object.fromEntries(byTopic.map((t) => [t.topic, t.n])));
    expect(f.issuers.find((i: { value: string }) => i.value === '青山镇人民政府').count).toBe(2);
    expect(f.kinds.find((k: { value: string }) => k.value === 'interpretation')).toMatchObject({ label: '政策解读', count: 2 });
  });

  test('a document page holds the body as paragraphs and its attachments; its PDF downloads by anyone', async () => {
    const row = await docByNo('示政办发〔2026〕8号');
    const res = await anon.get(`/api/policies/${row.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ docNo: '示政办发〔2026〕8号', issuer: '示范县人民政府办公室', publishedOn: '2026-03-16', kindLabel: '规范性文件', regionName: '示范县' });
    expect(d.paragraphs.length).toBeGreaterThan(4);
    expect(d.paragraphs[0]).toBe('各乡镇人民政府、街道办事处，县直有关部门：');
    expect(d.attachments).toHaveLength(1);
    expect(d.attachments[0]).toMatchObject({ name: '最低生活保障申请审批表.pdf', mime: 'application/pdf' });
    const file = await anon.get(`/api/policies/${row.id}/files/${d.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Not the body of another document: the file must be listed on this one.
    const other = await docByNo('示民发〔2026〕12号');
    expect((await anon.get(`/api/policies/${other.id}/files/${d.attachments[0].id}`)).statusCode).toBe(404);
  });
});

describe('editing, publishing and withdrawing', () => {
  let id: string;
  let version: number;
  let fileId: string;

  test('a township 事项管理员 creates a draft for their township; it is not public', async () => {
    const res = await townCatalog.post('/api/policies', draftBody('青山镇关于开展秋冬季农村人居环境整治的通知', '各村要在12月底前完成柴草乱堆乱放清理，石桥村试点垃圾分类积分兑换。', { docNo: '青政发〔2026〕30号' }));
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ status: 'draft', statusLabel: '草稿', regionName: '青山镇', version: 1, createdByName: '罗晓燕', abilities: ['update', 'publish'] });
    id = d.id;
    version = d.version;
    expect((await anon.get(`/api/policies/${id}`)).statusCode).toBe(404);
    expect((await search({ q: '垃圾分类积分' })).items).toEqual([]);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['policy.created']);
  });

  test('update with its version; a stale version is a 409', async () => {
    const res = await townCatalog.put(`/api/policies/${id}`, { ...draftBody('青山镇关于开展秋冬季农村人居环境整治的通知', '各村要在12月底前完成柴草乱堆乱放清理，石桥村、柳湾村试点垃圾分类积分兑换。', { docNo: '青政发〔2026〕30号', summary: '秋冬季整治安排' }), version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(version + 1);
    const stale = await townCatalog.put(`/api/policies/${id}`, { ...draftBody('旧标题', '旧正文'), version });
    expect(stale.statusCode).toBe(409);
    version = res.json().version;
    const [row] = await ctx.db.select().from(policyDocuments).where(eq(policyDocuments.id, id));
    expect(row.searchText).toContain('柳湾村试点垃圾分类积分兑换');
    const audits = await auditOf(id);
    expect(audits.map((a) => a.action)).toEqual(['policy.created', 'policy.updated']);
    expect(audits[1].changes).toMatchObject({ summary: { before: '', after: '秋冬季整治安排' } });
  });

  test('attachments are checked by content; a draft attachment is not public', async () => {
    const fake = await townCatalog.upload(`/api/policies/${id}/files`, '整治方案.pdf', Buffer.from('this is not really a pdf'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const res = await townCatalog.upload(`/api/policies/${id}/files`, '整治方案.pdf', pdf);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attachments).toHaveLength(1);
    expect(res.json().version).toBe(version);
    fileId = res.json().attachments[0].id;
    expect((await anon.get(`/api/policies/${id}/files/${fileId}`)).statusCode).toBe(404);
    expect((await hexiDirector.get(`/api/policies/${id}/files/${fileId}`)).statusCode).toBe(404);
    const own = await townCatalog.get(`/api/policies/${id}/files/${fileId}`);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(pdf)).toBe(true);
    // A second one, then removed again.
    const two = await townCatalog.upload(`/api/policies/${id}/files`, '附件2.pdf', pdf);
    const second = two.json().attachments[1].id;
    const removed = await townCatalog.delete(`/api/policies/${id}/files/${second}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().attachments.map((a: { id: string }) => a.id)).toEqual([fileId]);
  });

  test('scope: another township and a county document are out of reach (404); a clerk may not edit at all (403)', async () => {
    expect((await hexiDirector.get(`/api/policies/manage/${id}`)).statusCode).toBe(404);
    expect((await hexiDirector.put(`/api/policies/${id}`, { ...draftBody('改标题', '改正文'), version })).statusCode).toBe(404);
    const county = await docByNo('示政办发〔2026〕8号');
    const res = await townCatalog.post(`/api/policies/${county.id}/withdraw`, { version: county.version, reason: '试图撤回县级文件' });
    expect(res.statusCode).toBe(404);
    expect((await townCatalog.get(`/api/policies/manage/${county.id}`)).statusCode).toBe(404);
    // The county's own draft (not this township's: without the region, PostgreSQL may return either first).
    const [countyDraft] = await ctx.db
      .select()
      .from(policyDocuments)
      .where(and(eq(policyDocuments.status, 'draft'), eq(policyDocuments.regionId, await regionId('示范县'))));
    expect(countyDraft).toBeTruthy();
    expect((await townCatalog.put(`/api/policies/${countyDraft.id}`, { ...draftBody('改县里的草稿', '正文'), version: countyDraft.version })).statusCode).toBe(404);
    expect((await townCatalog.post('/api/policies', { ...draftBody('以县名义发文', '正文'), regionId: await regionId('示范县') })).statusCode).toBe(404);
    expect((await townClerk.post('/api/policies', draftBody('窗口人员发文', '正文'))).statusCode).toBe(403);
    expect((await citizen.get('/api/policies/manage')).statusCode).toBe(403);

    const list = (await townCatalog.get('/api/policies/manage')).json();
    expect(list.items.some((d: { id: string }) => d.id === id)).toBe(true);
    expect(list.items.every((d: { regionName: string }) => d.regionName === '青山镇')).toBe(true);
    expect(list.counts).toMatchObject({ draft: 1, published: 2 });
    // The county editor sees the township's documents too, drafts included.
    const all = (await countyCatalog.get(`/api/policies/manage${qs({ status: 'draft' })}`)).json();
    expect(all.items.map((d: { id: string }) => d.id)).toContain(id);
    expect(all.items.every((d: { status: string }) => d.status === 'draft')).toBe(true);
  });

  test('publish (date defaults to today); it becomes searchable; a published document is not edited in place', async () => {
    const res = await townDirector.post(`/api/policies/${id}/publish`, { version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', publishedOn: '2026-11-23', abilities: ['withdraw'] });
    version = res.json().version;
    const r = await search({ q: '垃圾分类积分' });
    expect(r.items.map((d) => d.id)).toEqual([id]);
    expect(marked(r.items[0].snippet)).toEqual(['垃圾分类积分']);
    expect((await anon.get(`/api/policies/${id}/files/${fileId}`)).statusCode).toBe(200);
    const edit = await townCatalog.put(`/api/policies/${id}`, { ...draftBody('改', '改'), version });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().error.code).toBe('POLICY_PUBLISHED');
    expect((await townCatalog.upload(`/api/policies/${id}/files`, 'x.pdf', pdf)).statusCode).toBe(422);
    const future = await countyCatalog.post('/api/policies', draftBody('明天的文件', '正文', { regionId: await regionId('青山镇') }));
    const f = await countyCatalog.post(`/api/policies/${future.json().id}/publish`, { version: 1, publishedOn: '2026-11-24' });
    expect(f.statusCode).toBe(422);
  });

  test('withdraw with a reason: gone from the public library, the reason in the audit log', async () => {
    expect((await townCatalog.post(`/api/policies/${id}/withdraw`, { version })).statusCode).toBe(400);
    const res = await townCatalog.post(`/api/policies/${id}/withdraw`, { version, reason: '文号有误，修改后重新发布' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回' });
    expect((await anon.get(`/api/policies/${id}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/policies/${id}/files/${fileId}`)).statusCode).toBe(404);
    expect((await search({ q: '垃圾分类积分' })).items).toEqual([]);
    const audits = await auditOf(id);
    expect(audits.map((a) => a.action)).toEqual(['policy.created', 'policy.updated', 'policy.updated', 'policy.updated', 'policy.updated', 'policy.published', 'policy.withdrawn']);
    expect(audits.at(-1)!.details).toMatchObject({ reason: '文号有误，修改后重新发布' });
    // Withdrawn documents are edited and published again.
    const again = await townCatalog.put(`/api/policies/${id}`, { ...draftBody('青山镇关于开展秋冬季农村人居环境整治的通知', '正文已更正。', { docNo: '青政发〔2026〕31号' }), version: res.json().version });
    expect(again.statusCode, again.body).toBe(200);
  });
});

describe('ranking', () => {
  test('a title hit ranks above newer documents that only mention the term in the body', async () => {
    const make = async (title: string, body: string, publishedOn: string) => {
      const d = (await countyCatalog.post('/api/policies', draftBody(title, body, { issuer: '示范县农业农村局', topic: '农业补贴' }))).json();
      const p = await countyCatalog.post(`/api/policies/${d.id}/publish`, { version: d.version, publishedOn });
      expect(p.statusCode, p.body).toBe(200);
      return d.id as string;
    };
    const bodyOnly = await make('示范县2026年秋季农业生产工作要点', '做好秋播准备，落实农机深松整地作业补助，指导农户申报深松补助。', '2026-11-20');
    const titled = await make('深松整地作业补助申报指南', '符合条件的农机手和合作社可以申报。', '2026-10-01');
    const r = await search({ q: '深松 补助' });
    expect(r.items.map((d) => d.id)).toEqual([titled, bodyOnly]);
    expect(r.items[0].titleHighlights.map((h) => r.items[0].title.slice(h.start, h.end))).toEqual(['深松', '补助']);
    // Offset pages over the ranking.
    const p1 = await search({ q: '深松 补助', limit: 1 });
    expect(p1.items.map((d) => d.id)).toEqual([titled]);
    const p2 = await search({ q: '深松 补助', limit: 1, cursor: p1.nextCursor! });
    expect(p2.items.map((d) => d.id)).toEqual([bodyOnly]);
    expect(p2.nextCursor).toBeNull();
    expect((await anon.get(`/api/policies${qs({ q: '深松', cursor: 'abc' })}`)).statusCode).toBe(400);
  });
});

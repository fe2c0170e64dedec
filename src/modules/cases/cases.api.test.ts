import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, qs, type TestClient, type TestCtx } from '../../test/harness.js';
import { auditLog } from '../audit/audit.tables.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { centers } from '../org/org.tables.js';
import { makeIdNumber } from '../seed/codes.js';
import { demoPerson, seedDemoIfEmpty } from '../seed/demo.js';
import { dispatchPending } from '../notifications/notifications.service.js';
import { Crypto } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import { caseEvents, cases, idempotencyKeys, notifications } from './cases.tables.js';

/** Business "now" of these tests: Monday 2026-03-02, 10:00 in Beijing (the 2026 calendar is official). */
let now = new Date('2026-03-02T02:00:00Z');
let ctx: TestCtx;
let townClerk: TestClient;
let hexiClerk: TestClient;
let townApprover: TestClient;
let countyApprover: TestClient;
let anon: TestClient;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty, now: () => now });
  townClerk = await ctx.client().login('town.clerk', DEMO_PASSWORD);
  hexiClerk = await ctx.client().login('hexi.clerk', DEMO_PASSWORD);
  townApprover = await ctx.client().login('town.approver', DEMO_PASSWORD);
  countyApprover = await ctx.client().login('county.approver', DEMO_PASSWORD);
  anon = ctx.client();
});
afterAll(async () => ctx?.close());

const itemByName = async (name: string, centerName: string) => {
  const [row] = await ctx.db
    .select({ id: catalogItems.id })
    .from(catalogItems)
    .innerJoin(centers, eq(centers.id, catalogItems.centerId))
    .where(sql`${catalogItems.name} = ${name} and ${centers.name} = ${centerName}`);
  return row.id;
};

interface GuideMaterial {
  key: string;
  necessity: string;
  name: string;
}
const materialsOf = async (itemId: string): Promise<GuideMaterial[]> => (await anon.get(`/api/catalog/items/${itemId}`)).json().materials;

/** Every material received, 容缺后补 ones deferred (or received when `deferrable` is false). */
const checklist = (ms: GuideMaterial[], deferrable = true) => ms.map((m) => ({ key: m.key, status: m.necessity === 'deferrable' && deferrable ? 'deferred' : 'received', pages: 2 }));

let serial = 500;
const person = (name = '张秀兰') => ({ kind: 'person' as const, name, idNumber: makeIdNumber('139921', '19600315', serial++), phone: '13903990001' });

const deps = (): Deps => ({ config: ctx.config, database: ctx.database, db: ctx.db, crypto: new Crypto(ctx.config.secret), now: () => now });

const caseCount = async () => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(cases))[0].n;

function pdfText(buf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'bm-case-'));
  writeFileSync(join(dir, 'n.pdf'), buf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'n.pdf'), '-'], { encoding: 'utf8' });
}

describe('a 低保 case from the township window to delivery', () => {
  test('accept with one 容缺 material, review at the township, decide at the county, deliver, track', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const ms = await materialsOf(itemId);
    expect(ms.some((m) => m.necessity === 'deferrable')).toBe(true);
    const applicant = person('王桂芳');
    const created = await townClerk.post('/api/cases', { itemId, channel: 'window', applicant, materials: checklist(ms), action: 'accept' });
    expect(created.statusCode, created.body).toBe(200);
    const c = created.json();
    expect(c).toMatchObject({ status: 'accepted', statusCode: '05', statusLabel: '受理', itemVersion: 1, centerName: '青山镇便民服务中心', handlingCenterName: '示范县政务服务中心' });
    expect(c.caseNo).toBe(`${c.implementationCode}202603020001`);
    expect(c.applicant.idMasked).toMatch(/^139921\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(c)).not.toContain(applicant.idNumber);
    // Due date: 25 working days from the first working day after acceptance, as the calendar API says.
    const due = (await anon.get('/api/calendar/due' + qs({ from: '2026-03-02', days: 25 }))).json().due;
    expect(c.deadline).toMatchObject({ acceptedOn: '2026-03-02', dueDate: due, promisedDays: 25, remaining: 25, state: 'normal' });
    const deferred = c.materials.filter((m: { status: string }) => m.status === 'deferred');
    expect(deferred).toHaveLength(1);
    expect(deferred[0].deferredDue).toBe((await anon.get('/api/calendar/due' + qs({ from: '2026-03-02', days: 5 }))).json().due);
    expect(c.tasks.map((t: { name: string; kind: string; status: string }) => `${t.name}:${t.kind}:${t.status}`)).toEqual([
      '受理:acceptance:done',
      '入户调查与初审:review:open',
      '公示:review:waiting',
      '审核确认:decision:waiting',
      '送达:delivery:waiting',
    ]);
    expect(c.notices).toEqual(['acceptance']);

    const notice = await townClerk.get(`/api/cases/${c.id}/notices/acceptance.pdf`);
    expect(notice.statusCode, notice.body.slice(0, 200)).toBe(200);
    const text = pdfText(notice.rawPayload);
    expect(text).toContain('受理通知书');
    expect(text).toContain(c.caseNo);
    expect(text).not.toContain(applicant.idNumber);

    // The 容缺 material comes in.
    const key = deferred[0].key;
    let cur = (await townClerk.post(`/api/cases/${c.id}/materials/${key}/supply`, { version: c.version })).json();
    expect(cur.materials.find((m: { key: string }) => m.key === key).status).toBe('supplied');

    // The township approver finds it in 本部门 (its department-less township step) before claiming.
    const deptView = (await townApprover.get('/api/cases' + qs({ view: 'department', limit: 200 }))).json();
    expect(deptView.items.map((x: { id: string }) => x.id)).toContain(c.id);
    // Township review: claim and pass both review stages.
    for (const name of ['入户调查与初审', '公示']) {
      cur = (await townApprover.get(`/api/cases/${c.id}`)).json();
      const task = cur.tasks.find((t: { name: string }) => t.name === name);
      expect(task.abilities).toContain('claim');
      const claimed = await townApprover.post(`/api/cases/${c.id}/tasks/${task.id}/claim`, { version: cur.version });
      expect(claimed.statusCode, claimed.body).toBe(200);
      expect(claimed.json().status).toBe('in_review');
      const done = await townApprover.post(`/api/cases/${c.id}/tasks/${task.id}/complete`, { version: claimed.json().version, outcome: 'pass', opinion: `${name}：情况属实，符合条件` });
      expect(done.statusCode, done.body).toBe(200);
      cur = done.json();
    }
    // The township cannot decide a county item; the county approver can.
    expect((await townApprover.post(`/api/cases/${c.id}/decide`, { version: cur.version, approve: true, text: '准予' })).statusCode).toBe(403);
    const decided = await countyApprover.post(`/api/cases/${c.id}/decide`, { version: cur.version, approve: true, text: '经审核，准予享受最低生活保障，自2026年4月起发放。', resultNo: '低保证2026-0001' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'concluded', statusCode: '10', decision: 'approve', resultNo: '低保证2026-0001' });
    const decision = pdfText((await countyApprover.get(`/api/cases/${c.id}/notices/decision.pdf`)).rawPayload);
    expect(decision).toContain('准予办理决定书');

    expect((await townClerk.get('/api/cases' + qs({ view: 'deliver', limit: 200 }))).json().items.map((x: { id: string }) => x.id)).toContain(c.id);
    const delivered = await townClerk.post(`/api/cases/${c.id}/deliver`, { version: decided.json().version, method: 'window', recipient: '王桂芳' });
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json().deliveredAt).not.toBeNull();
    expect(delivered.json().tasks.every((t: { status: string }) => t.status === 'done')).toBe(true);

    // Tracking with the case number and the name (or ID tail); a wrong proof looks like no case at all.
    // The window finds the returning applicant by ID number (in the body, never the URL).
    const found = (await townClerk.post('/api/cases/applicants/lookup', { kind: 'person', idNumber: applicant.idNumber })).json();
    expect(found).toMatchObject({ found: true, applicant: { name: '王桂芳', phoneMasked: '139****0001', cases: 1 } });
    expect((await townClerk.post('/api/cases/applicants/lookup', { kind: 'person', idNumber: makeIdNumber('139921', '19010101', 1) })).json()).toEqual({ found: false, applicant: null });
    const tracked = await anon.post('/api/cases/track', { caseNo: c.caseNo, proof: '王桂芳' });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json()).toMatchObject({ status: 'concluded', decision: 'approve' });
    expect(tracked.json().timeline.map((e: { label: string }) => e.label)).toEqual(['收件', '受理', '容缺材料已补交', '开始审查', '办结', '送达']);
    expect((await anon.post('/api/cases/track', { caseNo: c.caseNo, proof: applicant.idNumber.slice(-4) })).statusCode).toBe(200);
    expect((await anon.post('/api/cases/track', { caseNo: c.caseNo, proof: '李四' })).statusCode).toBe(404);

    const msgs = await ctx.db.select().from(notifications).where(eq(notifications.caseId, c.id));
    expect(msgs.map((m) => m.title)).toEqual(['您的申请已受理', '您的申请已办结', '办理结果已送达']);
    const audit = await ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, c.id)).orderBy(auditLog.seq);
    expect(audit.map((r) => r.action)).toEqual([
      'case.received',
      'case.accepted',
      'case.notice_printed',
      'case.material_supplied',
      'case.task_claimed',
      'case.task_completed',
      'case.task_claimed',
      'case.task_completed',
      'case.decided',
      'case.notice_printed',
      'case.delivered',
    ]);
  });
});

describe('acceptance decisions and bad input', () => {
  test('a missing required material is refused with every problem; a one-time notice lists them, then acceptance', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const ms = await materialsOf(itemId);
    const before = await caseCount();
    const missing = await townClerk.post('/api/cases', { itemId, applicant: person(), materials: ms.filter((m) => m.necessity !== 'required').map((m) => ({ key: m.key, status: 'received' })), action: 'accept' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('CASE_MATERIAL_MISSING');
    expect(missing.json().error.details.length).toBe(ms.filter((m) => m.necessity === 'required').length);
    expect(await caseCount()).toBe(before); // nothing half-written

    const required = ms.filter((m) => m.necessity === 'required');
    const corrected = await townClerk.post('/api/cases', {
      itemId,
      applicant: person('赵二'),
      materials: [{ key: required[0].key, status: 'missing' }],
      action: 'correct',
      corrections: [{ name: required[0].name, problem: '未提供', requirement: '提供原件一份' }],
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ status: 'correcting', statusCode: '06', notices: ['correction'], deadline: { dueDate: null, state: 'none' } });
    const notice = pdfText((await townClerk.get(`/api/cases/${corrected.json().id}/notices/correction.pdf`)).rawPayload);
    expect(notice).toContain(required[0].name);
    const accepted = await townClerk.post(`/api/cases/${corrected.json().id}/accept`, { version: corrected.json().version, materials: checklist(ms, false) });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('accepted');
  });

  test('准予 needs every 容缺 material in; 不予 does not', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const ms = await materialsOf(itemId);
    let c = (await townClerk.post('/api/cases', { itemId, applicant: person(), materials: checklist(ms), action: 'accept' })).json();
    for (const name of ['入户调查与初审', '公示']) {
      c = (await townApprover.get(`/api/cases/${c.id}`)).json();
      const task = c.tasks.find((t: { name: string }) => t.name === name);
      c = (await townApprover.post(`/api/cases/${c.id}/tasks/${task.id}/claim`, { version: c.version })).json();
      c = (await townApprover.post(`/api/cases/${c.id}/tasks/${task.id}/complete`, { version: c.version, outcome: 'pass', opinion: '同意' })).json();
    }
    const approve = await countyApprover.post(`/api/cases/${c.id}/decide`, { version: c.version, approve: true, text: '准予' });
    expect(approve.statusCode).toBe(422);
    expect(approve.json().error.code).toBe('CASE_DEFERRED_OUTSTANDING');
    const deny = await countyApprover.post(`/api/cases/${c.id}/decide`, { version: c.version, approve: false, text: '不予', reasons: ['容缺材料逾期未补'], legalBasis: ['《社会救助暂行办法》第十一条'] });
    expect(deny.statusCode, deny.body).toBe(200);
    expect(deny.json()).toMatchObject({ status: 'concluded', decision: 'deny' });
  });

  test('不予受理 with reasons and basis; invalid ID numbers; an item not offered here; a stale version; a transition not allowed', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const rejected = await townClerk.post('/api/cases', { itemId, applicant: person(), action: 'reject', rejection: { reasons: ['申请人不属于本县户籍'], legalBasis: ['《社会救助暂行办法》第十一条'] } });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusCode: '07' });
    expect(pdfText((await townClerk.get(`/api/cases/${rejected.json().id}/notices/rejection.pdf`)).rawPayload)).toContain('行政复议');

    const badId = await townClerk.post('/api/cases', { itemId, applicant: { kind: 'person', name: '错号', idNumber: '139921196003150011' }, action: 'receive' });
    expect(badId.statusCode).toBe(400);
    const badCode = await townClerk.post('/api/cases', { itemId, applicant: { kind: 'enterprise', name: '某公司', creditCode: '91139921MA0000000X', contactName: '张三' }, action: 'receive' });
    expect(badCode.statusCode).toBe(400);

    // 河西镇's township item is not offered at 青山镇.
    const hexiItem = await itemByName('农村村民宅基地审批', '河西镇便民服务中心');
    const notHere = await townClerk.post('/api/cases', { itemId: hexiItem, applicant: person(), action: 'receive' });
    expect(notHere.statusCode).toBe(422);
    expect(notHere.json().error.code).toBe('CASE_ITEM_NOT_AVAILABLE');

    const received = (await townClerk.post('/api/cases', { itemId, applicant: person(), action: 'receive' })).json();
    expect(received).toMatchObject({ status: 'received', statusCode: '02' });
    const notAllowed = await countyApprover.post(`/api/cases/${received.id}/decide`, { version: received.version, approve: true, text: '准予' });
    expect(notAllowed.statusCode).toBe(422);
    expect(notAllowed.json().error.code).toBe('CASE_TRANSITION_NOT_ALLOWED');
    const stale = await townClerk.post(`/api/cases/${received.id}/reject`, { version: received.version + 5, reasons: ['x'], legalBasis: ['y'] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CASE_STALE');
  });

  test('another township does not see the case (404); the applicant tracks, strangers cannot', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const c = (await townClerk.post('/api/cases', { itemId, applicant: person(), action: 'receive' })).json();
    expect((await hexiClerk.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    const list = (await hexiClerk.get('/api/cases' + qs({ view: 'center', limit: 200 }))).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    expect((await anon.get(`/api/cases/${c.id}`)).statusCode).toBe(401);
  });
});

describe('the applicant', () => {
  test('a citizen whose ID number matches sees the case in 我的办件 and gets its messages; the outbox sends once', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const me = demoPerson('citizen');
    const c = (await townClerk.post('/api/cases', { itemId, applicant: { kind: 'person', name: '刘大山', idNumber: me.idNumber, phone: me.phone }, action: 'receive' })).json();
    const citizen = await ctx.client().login('citizen', DEMO_PASSWORD);
    const mine = (await citizen.get('/api/cases/mine')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const detail = await citizen.get(`/api/cases/${c.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().abilities).toEqual(['withdraw', 'supply']);
    expect(detail.json().tasks).toEqual([]);
    expect(detail.json().timeline.every((e: { actorName: string | null }) => e.actorName === null)).toBe(true);
    const inbox = (await citizen.get('/api/notifications')).json();
    expect(inbox.unread).toBeGreaterThan(0);
    const msg = inbox.items.find((m: { caseId: string }) => m.caseId === c.id);
    expect(msg.title).toBe('已收到您的申请');
    expect((await citizen.post('/api/notifications/read', { ids: [msg.id] })).json()).toEqual({ updated: 1 });
    // Another citizen's case is not theirs.
    const other = (await townClerk.post('/api/cases', { itemId, applicant: person(), action: 'receive' })).json();
    expect((await citizen.get(`/api/cases/${other.id}`)).statusCode).toBe(404);
    // The dispatcher sends pending messages once (an SMS transport would get a copy).
    const sent: string[] = [];
    const sms = { name: 'test', send: async (m: { phone: string; text: string }) => void sent.push(m.text) };
    const first = await dispatchPending(deps(), sms);
    expect(first.sent).toBeGreaterThan(0);
    expect((await dispatchPending(deps(), sms)).sent).toBe(0);
    expect(sent.some((t) => t.includes(c.caseNo))).toBe(true);
    // The citizen withdraws their own application.
    const withdrawn = await citizen.post(`/api/cases/${c.id}/withdraw`, { version: detail.json().version, reason: '不再申请' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
  });
});

describe('review details', () => {
  test('a task sent back reopens the stage before it; inspection photos must belong to the case; 退件 ends it', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const ms = await materialsOf(itemId);
    let c = (await townClerk.post('/api/cases', { itemId, applicant: person(), materials: checklist(ms, false), action: 'accept' })).json();
    const photo = await townApprover.upload(`/api/cases/${c.id}/files`, '现场.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]));
    expect(photo.statusCode, photo.body).toBe(200);
    expect(photo.json()).toMatchObject({ mime: 'image/png', name: '现场.png' });
    expect((await townApprover.upload(`/api/cases/${c.id}/files`, 'x.png', Buffer.from('not an image'))).json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect((await hexiClerk.get(`/api/cases/${c.id}/files/${photo.json().id}`)).statusCode).toBe(404);
    expect((await townApprover.get(`/api/cases/${c.id}/files/${photo.json().id}`)).statusCode).toBe(200);

    c = (await townApprover.get(`/api/cases/${c.id}`)).json();
    const first = c.tasks.find((t: { name: string }) => t.name === '入户调查与初审');
    c = (await townApprover.post(`/api/cases/${c.id}/tasks/${first.id}/claim`, { version: c.version })).json();
    const inspection = { place: '青山村3组', findings: '家中无劳动力，住房简陋', photos: [photo.json().id], inspectedOn: '2026-03-02' };
    const otherCase = (await townClerk.post('/api/cases', { itemId, applicant: person(), action: 'receive' })).json();
    const foreignPhoto = (await townClerk.upload(`/api/cases/${otherCase.id}/files`, 'a.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(8)]))).json();
    const foreign = await townApprover.post(`/api/cases/${c.id}/tasks/${first.id}/complete`, { version: c.version, outcome: 'pass', opinion: '属实', inspection: { ...inspection, photos: [foreignPhoto.id] } });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.code).toBe('CASE_FILE_UNKNOWN');
    c = (await townApprover.post(`/api/cases/${c.id}/tasks/${first.id}/complete`, { version: c.version, outcome: 'pass', opinion: '属实', inspection })).json();
    expect(c.tasks.find((t: { name: string }) => t.name === '入户调查与初审').inspection).toMatchObject({ place: '青山村3组', photos: [photo.json().id] });
    const second = c.tasks.find((t: { name: string }) => t.name === '公示');
    c = (await townApprover.post(`/api/cases/${c.id}/tasks/${second.id}/claim`, { version: c.version })).json();
    c = (await townApprover.post(`/api/cases/${c.id}/tasks/${second.id}/complete`, { version: c.version, outcome: 'return', opinion: '公示期间有异议，请重新调查' })).json();
    expect(c.tasks.find((t: { name: string }) => t.name === '入户调查与初审')).toMatchObject({ status: 'open', outcome: null });
    expect(c.tasks.find((t: { name: string }) => t.name === '公示')).toMatchObject({ status: 'waiting', outcome: 'return' });
    // Deciding with a review stage open is refused; 退件 belongs to the deciding center.
    const early = await countyApprover.post(`/api/cases/${c.id}/decide`, { version: c.version, approve: false, text: '不予', reasons: ['x'], legalBasis: ['y'] });
    expect(early.json().error.code).toBe('CASE_TASKS_OPEN');
    expect((await townApprover.post(`/api/cases/${c.id}/return`, { version: c.version, reason: '申请人隐瞒收入' })).statusCode).toBe(403);
    const returned = await countyApprover.post(`/api/cases/${c.id}/return`, { version: c.version, reason: '申请人隐瞒家庭收入' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', statusCode: '13' });
  });
});

describe('correctness under pressure', () => {
  test('the same Idempotency-Key returns the first case, never a second one', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const body = { itemId, applicant: person('钱多多'), action: 'receive' };
    const key = 'case-create-0001-abcdef';
    const before = await caseCount();
    const [a, b] = await Promise.all([townClerk.post('/api/cases', body, { 'idempotency-key': key }), townClerk.post('/api/cases', body, { 'idempotency-key': key })]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    expect(a.json().id).toBe(b.json().id);
    const again = await townClerk.post('/api/cases', body, { 'idempotency-key': key });
    expect(again.json().id).toBe(a.json().id);
    expect(await caseCount()).toBe(before + 1);
    const other = await townClerk.post('/api/cases', { ...body, applicant: person('孙少') }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await ctx.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).length).toBe(1);
  });

  test('50 concurrent decisions on one case: exactly one decision and 49 clear 409s', async () => {
    // A 即办件 at the township: accepted, then decided at once.
    const itemId = await itemByName('城乡居民基本养老保险参保登记', '青山镇便民服务中心');
    const ms = await materialsOf(itemId);
    const c = (await townClerk.post('/api/cases', { itemId, applicant: person(), materials: checklist(ms, false), action: 'accept' })).json();
    expect(c.status).toBe('accepted');
    const townDirector = await ctx.client().login('town.director', DEMO_PASSWORD);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => townDirector.post(`/api/cases/${c.id}/decide`, { version: c.version, approve: true, text: `当场办结 ${i}` })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((s) => s === 200)).toHaveLength(1);
    expect(codes.filter((s) => s === 409)).toHaveLength(49);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'CASE_STALE')).toBe(true);
    const decidedEvents = await ctx.db.select().from(caseEvents).where(sql`${caseEvents.caseId} = ${c.id} and ${caseEvents.type} = 'decided'`);
    expect(decidedEvents).toHaveLength(1);
  });
});

describe('the clock', () => {
  test('a special procedure pauses the clock and moves the due date by the paused working days', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const ms = await materialsOf(itemId);
    now = new Date('2026-03-02T02:00:00Z');
    let c = (await townClerk.post('/api/cases', { itemId, applicant: person(), materials: checklist(ms, false), action: 'accept' })).json();
    const firstDue = c.deadline.dueDate;
    const notInItem = await townApprover.post(`/api/cases/${c.id}/suspend`, { version: c.version, kind: 'hearing', reason: '听证' });
    expect(notInItem.statusCode).toBe(422);
    expect(notInItem.json().error.code).toBe('CASE_PROCEDURE_NOT_IN_ITEM');
    c = (await townApprover.post(`/api/cases/${c.id}/suspend`, { version: c.version, kind: 'publicity', reason: '在青山村公示7天' })).json();
    expect(c).toMatchObject({ status: 'suspended', statusCode: '11', deadline: { state: 'paused' } });
    now = new Date('2026-03-09T02:00:00Z'); // a week later: 5 working days
    const resumed = await townApprover.post(`/api/cases/${c.id}/resume`, { version: c.version });
    expect(resumed.statusCode, resumed.body).toBe(200);
    const expected = (await anon.get('/api/calendar/due' + qs({ from: '2026-03-02', days: 30 }))).json().due;
    expect(resumed.json().deadline).toMatchObject({ pausedWorkdays: 5, dueDate: expected });
    expect(resumed.json().deadline.dueDate > firstDue).toBe(true);
    expect(resumed.json().pauses[0]).toMatchObject({ kind: 'publicity', startedOn: '2026-03-02', endedOn: '2026-03-09', workdays: 5 });
    now = new Date('2026-03-02T02:00:00Z');
  });

  test('overdue and warning are derived from the due date and today', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const ms = await materialsOf(itemId);
    now = new Date('2026-01-05T02:00:00Z');
    const c = (await townClerk.post('/api/cases', { itemId, applicant: person(), materials: checklist(ms), action: 'accept' })).json();
    now = new Date('2026-06-01T02:00:00Z');
    const later = (await townClerk.get(`/api/cases/${c.id}`)).json();
    expect(later.deadline.state).toBe('overdue');
    expect(later.deadline.remaining).toBeLessThan(0);
    const overdue = (await townClerk.get('/api/cases' + qs({ deadline: 'overdue', limit: 200 }))).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const counts = (await townClerk.get('/api/cases/counts')).json();
    expect(counts.overdue).toBeGreaterThan(0);
    const warning = (await townClerk.get('/api/cases' + qs({ deadline: 'warning', limit: 200 }))).json();
    expect(warning.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    // 容缺 materials promised long ago are late.
    expect(counts.lateMaterials).toBeGreaterThan(0);
    const late = (await townClerk.get('/api/cases' + qs({ lateMaterials: 'true', limit: 200 }))).json();
    expect(late.items.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(later.materials.find((m: { status: string }) => m.status === 'deferred').late).toBe(true);
    now = new Date('2026-03-02T02:00:00Z');
  });

  test('a deadline that runs into a year without a calendar fails clearly and saves nothing', async () => {
    const itemId = await itemByName('最低生活保障审核确认', '示范县政务服务中心');
    const ms = await materialsOf(itemId);
    await ctx.db.execute(sql`delete from calendar_days where date >= '2027-01-01'`);
    await ctx.db.execute(sql`delete from calendar_years where year >= 2027`);
    now = new Date('2026-12-21T02:00:00Z');
    const before = await caseCount();
    const r = await townClerk.post('/api/cases', { itemId, applicant: person(), materials: checklist(ms, false), action: 'accept' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'CALENDAR_YEAR_MISSING' });
    expect(r.json().error.message).toContain('2027');
    expect(await caseCount()).toBe(before);
    now = new Date('2026-03-02T02:00:00Z');
  });
});

describe('configuration', () => {
  test('CASE_WARN_WORKDAYS decides when an open case shows as due soon', async () => {
    const wide = await createTestApp({ seed: seedDemoIfEmpty, now: () => new Date('2026-03-02T02:00:00Z'), config: { caseWarnWorkdays: 30 } });
    try {
      const clerk = await wide.client().login('town.clerk', DEMO_PASSWORD);
      const [row] = await wide.db
        .select({ id: catalogItems.id })
        .from(catalogItems)
        .innerJoin(centers, eq(centers.id, catalogItems.centerId))
        .where(sql`${catalogItems.name} = '最低生活保障审核确认' and ${centers.name} = '示范县政务服务中心'`);
      const ms: GuideMaterial[] = (await wide.client().get(`/api/catalog/items/${row.id}`)).json().materials;
      const c = (await clerk.post('/api/cases', { itemId: row.id, applicant: person(), materials: checklist(ms, false), action: 'accept' })).json();
      expect(c.deadline).toMatchObject({ remaining: 25, state: 'warning' });
    } finally {
      await wide.close();
    }
  });
});

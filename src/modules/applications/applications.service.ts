import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { diffFields, writeAudit, type AuditAction, type FieldChanges } from '../../platform/audit.js';
import { sm3 } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Conflict, Invalid, NotFound } from '../../platform/errors.js';
import { authorize, requireAbility, type Action } from '../../platform/policy.js';
import { findOrCreateApplicant } from '../applicants/applicants.repo.js';
import { getPublishedVersion } from '../catalog/catalog.repo.js';
import { canonicalContent, MATERIAL_FORMS, NECESSITIES, ONLINE_LEVELS, type ItemContent } from '../catalog/catalog.rules.js';
import * as casesRepo from '../cases/cases.repo.js';
import { CASE_STATUSES, type CaseStatus } from '../cases/cases.rules.js';
import { offeredItem, receiveSubmittedTx, type CaseCtx } from '../cases/cases.service.js';
import { checkUpload } from '../files/files.http.js';
import { fileMetas, getFile, insertFile } from '../files/files.repo.js';
import { safeFileName } from '../files/files.rules.js';
import { getCenter } from '../org/org.repo.js';
import type { ApplicationDetail, ApplicationFile, ApplicationSummary, CreateApplicationBody, SaveApplicationBody } from './applications.contract.js';
import * as repo from './applications.repo.js';
import {
  carryFiles,
  changedFields,
  EMPTY_FORM,
  formProblems,
  MAX_FILES_PER_MATERIAL,
  mayApplyOnline,
  missingMaterials,
  notOnlineMessage,
  type ApplicationFormValues,
  type ApplicationStatus,
  type ApplyDeliveryMethod,
} from './applications.rules.js';

/**
 * Use cases of online applications (网上申报). A citizen builds a draft over several visits and
 * submits it once; the submission becomes a received case (channel online) in the same transaction.
 * Every use case is one transaction; the policy object `application` has condition self, so another
 * citizen's application is a 404 (audited as a denial).
 */

export type ApplicationCtx = CaseCtx;

/** The form as stored: the contact phone SM4-encrypted like every phone in the database. */
interface StoredForm {
  phoneEnc: string | null;
  address: string;
  note: string;
  deliveryMethod: ApplyDeliveryMethod;
  deliveryAddress: string;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const isoNN = (d: Date | string): string => new Date(d).toISOString();

function readForm(deps: Deps, raw: Record<string, unknown>): ApplicationFormValues {
  const s = raw as Partial<StoredForm>;
  return {
    phone: s.phoneEnc ? deps.crypto.decrypt(s.phoneEnc) : '',
    address: s.address ?? '',
    note: s.note ?? '',
    deliveryMethod: s.deliveryMethod ?? 'window',
    deliveryAddress: s.deliveryAddress ?? '',
  };
}

function storeForm(deps: Deps, f: ApplicationFormValues): Record<string, unknown> {
  const stored: StoredForm = {
    phoneEnc: f.phone ? deps.crypto.encrypt(f.phone) : null,
    address: f.address,
    note: f.note,
    deliveryMethod: f.deliveryMethod,
    deliveryAddress: f.deliveryMethod === 'post' ? f.deliveryAddress : '',
  };
  return { ...stored };
}

async function audit(tx: Executor, ctx: ApplicationCtx, action: AuditAction, a: { id: string; countyId: string }, details?: Record<string, unknown>, changes?: FieldChanges) {
  await writeAudit(tx, ctx.actor, ctx.meta, { action, objectType: 'application', objectId: a.id, countyId: a.countyId, details, changes });
}

/** Load an application for `action`: 403 for roles that never apply, 404 for another citizen's. */
async function load(tx: Executor, ctx: ApplicationCtx, id: string, action: Action, lock = false): Promise<repo.ApplicationRow> {
  const a = await repo.getApplication(tx, id, lock);
  if (!a) throw new NotFound('申报不存在');
  authorize(ctx.actor, action, 'application', { ownerId: a.userId });
  if (a.status === 'discarded') throw new NotFound('申报不存在或已删除');
  return a;
}

async function requireDraft(tx: Executor, a: repo.ApplicationRow): Promise<void> {
  if (a.status === 'draft') return;
  const c = a.caseId ? await repo.caseOf(tx, a.caseId) : undefined;
  throw new Conflict(`该申报已提交${c ? `（办件编号 ${c.caseNo}）` : ''}，不能再修改或重复提交；请在「我的办件」查看办理进度`, 'APPLICATION_ALREADY_SUBMITTED', {
    caseId: a.caseId,
    caseNo: c?.caseNo ?? null,
  });
}

const checkVersion = (a: repo.ApplicationRow, version: number) => {
  if (a.version !== version) throw new Conflict('申报已在其他页面修改，请刷新后再操作', 'APPLICATION_STALE');
};

async function pinnedContent(tx: Executor, a: repo.ApplicationRow) {
  const pub = await getPublishedVersion(tx, a.itemId, a.itemVersion);
  if (!pub) throw new NotFound('申报所依据的事项版本不存在');
  return pub;
}

/** The item as published now; a withdrawn item cannot be applied for any more. */
async function currentContent(tx: Executor, itemId: string) {
  const pub = await getPublishedVersion(tx, itemId);
  if (!pub || pub.item.publishedVersion === null) throw new BusinessRule('CASE_ITEM_NOT_PUBLISHED', '该事项不存在或已停止办理，不能网上申报');
  return pub;
}

async function centerOffering(tx: Executor, centerId: string, itemId: string) {
  const center = await getCenter(tx, centerId);
  if (!center) throw new NotFound('服务中心不存在');
  await offeredItem(tx, center, itemId);
  return center;
}

function refuseOffline(c: ItemContent, centerName: string): void {
  if (!mayApplyOnline(c.onlineLevel)) throw new BusinessRule('APPLICATION_NOT_ONLINE', notOnlineMessage(c.name, c.onlineLevel, centerName, c.agentEligible));
}

async function detailOf(tx: Executor, deps: Deps, a: repo.ApplicationRow): Promise<ApplicationDetail> {
  const pub = await pinnedContent(tx, a);
  const c = pub.v.content;
  const center = (await getCenter(tx, a.centerId))!;
  const me = await repo.identityOf(tx, a.userId);
  const uploaded = await repo.filesOf(tx, a.id);
  const templates = [...new Set(c.materials.flatMap((m) => [m.blankFileId, m.sampleFileId]).filter((x): x is string => !!x))];
  const metas = new Map((await fileMetas(tx, templates)).map((f) => [f.id, f]));
  const kase = a.caseId ? await repo.caseOf(tx, a.caseId) : undefined;
  const ref = (id: string | null) => {
    const f = id ? metas.get(id) : undefined;
    return f ? { id: f.id, name: f.name, size: f.size } : null;
  };
  const toFile = (f: (typeof uploaded)[number]): ApplicationFile => ({ id: f.id, materialKey: f.materialKey, name: f.name, mime: f.mime, size: f.size, createdAt: isoNN(f.createdAt) });
  const latest = pub.item.publishedVersion;
  const draft = a.status === 'draft';
  const outdated = draft && latest !== a.itemVersion;
  return {
    id: a.id,
    status: a.status as ApplicationStatus,
    itemId: a.itemId,
    itemName: a.itemName,
    itemVersion: a.itemVersion,
    latestVersion: latest,
    outdated,
    onlineLevel: c.onlineLevel,
    onlineLevelLabel: ONLINE_LEVELS[c.onlineLevel],
    promisedDays: c.promisedDays,
    center: { id: center.center.id, name: center.center.name, address: center.center.address, hours: center.center.hours, phone: center.center.phone },
    applicant: { name: me?.name ?? '', idMasked: me?.idNumberMasked ?? null },
    form: readForm(deps, a.form),
    materials: c.materials.map((m) => ({
      key: m.key,
      name: m.name,
      necessity: m.necessity,
      necessityLabel: NECESSITIES[m.necessity],
      form: m.form,
      formLabel: MATERIAL_FORMS[m.form],
      copies: m.copies,
      note: m.note,
      blankFile: ref(m.blankFileId),
      sampleFile: ref(m.sampleFileId),
      files: uploaded.filter((f) => f.materialKey === m.key).map(toFile),
    })),
    missing: missingMaterials(c.materials, uploaded.map((f) => f.materialKey)),
    caseId: a.caseId,
    caseNo: kase?.caseNo ?? null,
    caseStatusLabel: kase ? CASE_STATUSES[kase.status as CaseStatus].label : null,
    submittedAt: iso(a.submittedAt),
    createdAt: isoNN(a.createdAt),
    updatedAt: isoNN(a.updatedAt),
    version: a.version,
    abilities: draft ? ['update', 'upload', 'submit', 'discard', ...(outdated && latest !== null ? ['refresh'] : [])] : [],
  };
}

// ---------------------------------------------------------------------------------------------------
// Drafts

/**
 * Start an application for an item that can be applied for online, at the item's center or a center
 * that accepts it. Opening the same item again continues the open draft instead of starting another.
 */
export async function createApplication(deps: Deps, ctx: ApplicationCtx, body: z.infer<typeof CreateApplicationBody>): Promise<ApplicationDetail> {
  requireAbility(ctx.actor, 'create', 'application');
  return deps.db.transaction(async (tx) => {
    const me = await repo.identityOf(tx, ctx.actor.userId);
    if (!me || me.kind !== 'citizen' || !me.idNumberEnc) {
      throw new BusinessRule('APPLICATION_IDENTITY_REQUIRED', '网上申报须使用实名注册的群众账号（姓名和身份证号），请先完成实名注册');
    }
    const pub = await currentContent(tx, body.itemId);
    const c = pub.v.content;
    const centerId = body.centerId ?? pub.item.centerId;
    const center = await getCenter(tx, centerId);
    if (!center) throw new NotFound('服务中心不存在');
    refuseOffline(c, center.center.name);
    await offeredItem(tx, center, body.itemId);
    const open = await repo.findDraft(tx, ctx.actor.userId, body.itemId, centerId);
    if (open) return detailOf(tx, deps, open);
    const a = await repo.insertApplication(tx, {
      countyId: pub.item.countyId,
      userId: ctx.actor.userId,
      itemId: pub.item.id,
      itemVersion: pub.v.version,
      itemName: c.name,
      centerId,
      status: 'draft',
      // The contact phone starts as the account's phone (already encrypted).
      form: { ...storeForm(deps, EMPTY_FORM), phoneEnc: me.phoneEnc },
    });
    await audit(tx, ctx, 'application.created', a, { itemId: a.itemId, itemVersion: a.itemVersion, centerId });
    return detailOf(tx, deps, a);
  });
}

export async function getApplicationDetail(deps: Deps, ctx: ApplicationCtx, id: string): Promise<ApplicationDetail> {
  requireAbility(ctx.actor, 'read', 'application');
  return deps.db.transaction(async (tx) => detailOf(tx, deps, await load(tx, ctx, id, 'read')));
}

export async function listApplications(deps: Deps, ctx: ApplicationCtx): Promise<{ items: ApplicationSummary[] }> {
  requireAbility(ctx.actor, 'read', 'application');
  return deps.db.transaction(async (tx) => {
    const rows = await repo.listOfUser(tx, ctx.actor.userId);
    return {
      items: rows.map((r) => ({
        id: r.a.id,
        status: r.a.status as ApplicationStatus,
        itemId: r.a.itemId,
        itemName: r.a.itemName,
        centerName: r.centerName,
        files: r.files,
        caseId: r.a.caseId,
        caseNo: r.caseNo,
        caseStatus: r.caseStatus,
        caseStatusLabel: r.caseStatus ? CASE_STATUSES[r.caseStatus as CaseStatus].label : null,
        submittedAt: iso(r.a.submittedAt),
        updatedAt: isoNN(r.a.updatedAt),
        version: r.a.version,
      })),
    };
  });
}

/** Save the form of a draft (409 on a stale version; a save that changes nothing writes nothing). */
export async function saveApplication(deps: Deps, ctx: ApplicationCtx, id: string, body: z.infer<typeof SaveApplicationBody>): Promise<ApplicationDetail> {
  requireAbility(ctx.actor, 'update', 'application');
  return deps.db.transaction(async (tx) => {
    const a = await load(tx, ctx, id, 'update', true);
    await requireDraft(tx, a);
    checkVersion(a, body.version);
    const before = readForm(deps, a.form);
    const after: ApplicationFormValues = { ...body.form, deliveryAddress: body.form.deliveryMethod === 'post' ? body.form.deliveryAddress : '' };
    const changed = changedFields(before, after);
    if (changed.length === 0) return detailOf(tx, deps, a);
    const row = await repo.updateApplication(tx, id, a.version, { form: storeForm(deps, after) });
    if (!row) throw new Conflict('申报已在其他页面修改，请刷新后再操作', 'APPLICATION_STALE');
    await audit(tx, ctx, 'application.saved', row, { fields: changed }, diffFields<ApplicationFormValues>(before, after, ['phone', 'deliveryMethod'], { phone: 'phone' }));
    return detailOf(tx, deps, row);
  });
}

/** Discard a draft: its uploads are deleted with it. */
export async function discardApplication(deps: Deps, ctx: ApplicationCtx, id: string): Promise<void> {
  requireAbility(ctx.actor, 'update', 'application');
  await deps.db.transaction(async (tx) => {
    const a = await load(tx, ctx, id, 'update', true);
    await requireDraft(tx, a);
    const uploaded = await repo.filesOf(tx, id);
    await repo.removeFiles(
      tx,
      id,
      uploaded.map((f) => f.id),
    );
    await repo.updateApplication(tx, id, a.version, { status: 'discarded' });
    await audit(tx, ctx, 'application.discarded', a, { files: uploaded.length });
  });
}

/**
 * Move a draft to the guide published now (after a 409 CASE_ITEM_VERSION_CHANGED): uploads of
 * materials that still exist are kept, the others are removed; the citizen then checks the list again.
 */
export async function refreshApplication(deps: Deps, ctx: ApplicationCtx, id: string, version: number): Promise<ApplicationDetail> {
  requireAbility(ctx.actor, 'update', 'application');
  return deps.db.transaction(async (tx) => {
    const a = await load(tx, ctx, id, 'update', true);
    await requireDraft(tx, a);
    checkVersion(a, version);
    const pub = await currentContent(tx, a.itemId);
    if (pub.v.version === a.itemVersion) return detailOf(tx, deps, a);
    const c = pub.v.content;
    const center = await centerOffering(tx, a.centerId, a.itemId);
    refuseOffline(c, center.center.name);
    const { dropped } = carryFiles(await repo.filesOf(tx, id), c.materials);
    await repo.removeFiles(
      tx,
      id,
      dropped.map((f) => f.id),
    );
    const row = await repo.updateApplication(tx, id, a.version, { itemVersion: pub.v.version, itemName: c.name });
    if (!row) throw new Conflict('申报已在其他页面修改，请刷新后再操作', 'APPLICATION_STALE');
    await audit(tx, ctx, 'application.refreshed', row, { from: a.itemVersion, to: pub.v.version, droppedFiles: dropped.length });
    return detailOf(tx, deps, row);
  });
}

// ---------------------------------------------------------------------------------------------------
// Uploads

/** Upload one file for a material of a draft; its type is decided by its bytes (photo, scan, PDF). */
export async function addFile(deps: Deps, ctx: ApplicationCtx, id: string, key: string, declaredName: string, content: Buffer): Promise<ApplicationFile> {
  requireAbility(ctx.actor, 'update', 'application');
  const type = checkUpload(content, declaredName);
  return deps.db.transaction(async (tx) => {
    const a = await load(tx, ctx, id, 'update', true);
    await requireDraft(tx, a);
    const m = (await pinnedContent(tx, a)).v.content.materials.find((x) => x.key === key);
    if (!m) throw new NotFound('该材料不在申报的材料清单中');
    if ((await repo.countFiles(tx, id, key)) >= MAX_FILES_PER_MATERIAL) {
      throw new BusinessRule('APPLICATION_TOO_MANY_FILES', `「${m.name}」最多上传 ${MAX_FILES_PER_MATERIAL} 个文件，请先删除不需要的`);
    }
    const meta = await insertFile(tx, { countyId: a.countyId, purpose: 'application_material', name: safeFileName(declaredName, type.ext), mime: type.mime, content, createdBy: ctx.actor.userId });
    const createdAt = await repo.linkFile(tx, id, key, meta.id);
    await repo.touchApplication(tx, id);
    await audit(tx, ctx, 'application.file_added', a, { key, fileId: meta.id, size: meta.size, mime: meta.mime });
    return { id: meta.id, materialKey: key, name: meta.name, mime: meta.mime, size: meta.size, createdAt: isoNN(createdAt) };
  });
}

export async function removeFile(deps: Deps, ctx: ApplicationCtx, id: string, fileId: string): Promise<void> {
  requireAbility(ctx.actor, 'update', 'application');
  await deps.db.transaction(async (tx) => {
    const a = await load(tx, ctx, id, 'update', true);
    await requireDraft(tx, a);
    if (!(await repo.isFileOf(tx, id, fileId))) throw new NotFound('文件不存在');
    await repo.removeFiles(tx, id, [fileId]);
    await repo.touchApplication(tx, id);
    await audit(tx, ctx, 'application.file_removed', a, { fileId });
  });
}

/** An uploaded file, for its owner only. */
export async function applicationFile(deps: Deps, ctx: ApplicationCtx, id: string, fileId: string) {
  requireAbility(ctx.actor, 'read', 'application');
  return deps.db.transaction(async (tx) => {
    await load(tx, ctx, id, 'read');
    if (!(await repo.isFileOf(tx, id, fileId))) throw new NotFound('文件不存在');
    const f = await getFile(tx, fileId);
    if (!f) throw new NotFound('文件不存在');
    return f;
  });
}

// ---------------------------------------------------------------------------------------------------
// Submit

export const IDEMPOTENCY_SCOPE = 'application.submit';

/**
 * Submit a draft (Idempotency-Key required): every 必要 material has a file, the form is complete,
 * the guide is still the one the draft was built from. The citizen's own identity becomes (or finds)
 * the applicant; the case is received with channel online and the files linked to their materials.
 * The same key again answers with the first result; no second case is ever created.
 */
export async function submitApplication(deps: Deps, ctx: ApplicationCtx, id: string, version: number, idempotencyKey: string | undefined): Promise<ApplicationDetail> {
  requireAbility(ctx.actor, 'update', 'application');
  if (!idempotencyKey) throw new Invalid('提交须带 Idempotency-Key 请求头（每次提交生成一次，重试时沿用）', undefined, 'IDEMPOTENCY_KEY_REQUIRED');
  if (!/^[\w-]{8,100}$/.test(idempotencyKey)) throw new Invalid('Idempotency-Key 应为 8-100 位字母、数字、-或_', undefined, 'IDEMPOTENCY_KEY_INVALID');
  const hash = sm3(canonicalContent({ id, version }));
  return deps.db.transaction(async (tx) => {
    const prior = await casesRepo.claimIdempotencyKey(tx, ctx.actor.userId, IDEMPOTENCY_SCOPE, idempotencyKey, hash);
    if (prior) {
      if (prior.requestHash !== hash) throw new BusinessRule('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一次提交');
      if (prior.resultId) return detailOf(tx, deps, await load(tx, ctx, prior.resultId, 'read'));
    }
    const a = await load(tx, ctx, id, 'update', true);
    await requireDraft(tx, a);
    checkVersion(a, version);
    const pub = await currentContent(tx, a.itemId);
    const c = pub.v.content;
    if (pub.v.version !== a.itemVersion) {
      throw new Conflict(`「${c.name}」的办事指南已更新（第 ${pub.v.version} 版），请按最新要求核对材料后再提交`, 'CASE_ITEM_VERSION_CHANGED');
    }
    const center = (await getCenter(tx, a.centerId))!;
    refuseOffline(c, center.center.name);
    const uploaded = await repo.filesOf(tx, id);
    const missing = missingMaterials(c.materials, uploaded.map((f) => f.materialKey));
    if (missing.length) {
      throw new BusinessRule('APPLICATION_MATERIALS_MISSING', `还有 ${missing.length} 项必要材料没有上传：${missing.map((m) => m.name).join('、')}`, missing);
    }
    const form = readForm(deps, a.form);
    const problems = formProblems(form);
    if (problems.length) throw new BusinessRule('APPLICATION_FORM_INCOMPLETE', problems.map((p) => p.message).join('；'), problems);
    const me = await repo.identityOf(tx, a.userId);
    if (!me?.idNumberEnc) throw new BusinessRule('APPLICATION_IDENTITY_REQUIRED', '网上申报须使用实名注册的群众账号（姓名和身份证号），请先完成实名注册');
    const applicant = await findOrCreateApplicant(
      tx,
      deps.crypto,
      { kind: 'person', name: me.name, idNumber: deps.crypto.decrypt(me.idNumberEnc), phone: form.phone, address: form.address },
      a.userId,
    );
    const kase = await receiveSubmittedTx(tx, deps, ctx, {
      centerId: a.centerId,
      itemId: a.itemId,
      itemVersion: a.itemVersion,
      channel: 'online',
      applicantId: applicant.id,
      files: uploaded.map((f) => ({ key: f.materialKey, fileId: f.id })),
      note: form.note || undefined,
      deliveryPreference: form.deliveryMethod === 'post' ? { method: 'post', address: form.deliveryAddress } : { method: form.deliveryMethod },
    });
    const row = await repo.updateApplication(tx, id, a.version, { status: 'submitted', caseId: kase.id, submittedAt: new Date() });
    if (!row) throw new Conflict('申报已在其他页面修改，请刷新后再操作', 'APPLICATION_STALE');
    await casesRepo.completeIdempotencyKey(tx, ctx.actor.userId, IDEMPOTENCY_SCOPE, idempotencyKey, id);
    await audit(tx, ctx, 'application.submitted', row, { caseId: kase.id, caseNo: kase.caseNo, itemId: a.itemId, itemVersion: a.itemVersion, files: uploaded.length });
    return detailOf(tx, deps, row);
  });
}

import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { writeAudit, type AuditAction } from '../../platform/audit.js';
import type { Actor, ActorGrant, RequestMeta, ScopeTarget } from '../../platform/auth-context.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, BusinessRule, Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, can, requireAbility, type Action, type ObjectType } from '../../platform/policy.js';
import { findOrCreateApplicant, getApplicant } from '../applicants/applicants.repo.js';
import { addDays, businessDate, remainingWorkdays, type WorkCalendar } from '../calendar/calendar.rules.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { browsePublished, getPublishedVersion, placeChain } from '../catalog/catalog.repo.js';
import { feesLabel, MATERIAL_FORMS, NECESSITIES } from '../catalog/catalog.rules.js';
import { insertEvent } from '../cases/cases.repo.js';
import { CASE_STATUSES, deadlineState, type CaseStatus } from '../cases/cases.rules.js';
import { receiveSubmittedTx } from '../cases/cases.service.js';
import { checkUpload, type UploadBatch } from '../files/files.http.js';
import { getFile, insertFile } from '../files/files.repo.js';
import { safeFileName, type SniffedType } from '../files/files.rules.js';
import { getCenter, getRegion } from '../org/org.repo.js';
import type {
  AgencyItemList,
  AgentDetail,
  AgentRow,
  CancelBody,
  HandoverData,
  Ledger,
  LedgerQuery,
  ListMandatesQuery,
  MandateData,
  MandateDetail,
  MandateSummary,
  MandateSyncResult,
  SubmitBody,
  TrainingBody,
} from './agency.contract.js';
import * as repo from './agency.repo.js';
import {
  collectedAtOf,
  collectionDates,
  handoverRefusal,
  hoursToTenths,
  ledgerOutcome,
  mandateAbilities,
  MANDATE_STATUS_LABELS,
  monthRange,
  tenthsToHours,
  timelinessOf,
  type MandateState,
  type MandateStatus,
} from './agency.rules.js';

/**
 * Use cases of the village agency (全程代办). One transaction each, authorized through the policy
 * (objects `agency_mandate` and `agent`, scoped by the village room), audited last.
 *
 * A mandate registered from the agent's phone is saved together with the villager, the consent and
 * the photos; its submission (the case at the township or county) runs in a SAVEPOINT, so a refusal
 * of the submission keeps the registration and is returned to the device as `submitError`.
 */

export interface AgencyCtx {
  actor: Actor;
  meta: RequestMeta;
}

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

async function audit(tx: Executor, ctx: AgencyCtx, action: AuditAction, object: { type: 'agency_mandate' | 'agent' | 'agency_ledger'; id?: string; countyId: string | null }, details?: Record<string, unknown>, changes?: Record<string, { before: unknown; after: unknown }>) {
  await writeAudit(tx, ctx.actor, ctx.meta, { action, objectType: object.type, objectId: object.id, countyId: object.countyId, details, changes });
}

const mandateTarget = (v: { m: { villageCenterId: string }; villagePath: string }): ScopeTarget => ({ regionPath: v.villagePath, centerId: v.m.villageCenterId });

/** The calendar around today (deadline arithmetic); a missing year only fails the computation that needs it. */
const calendarAround = (tx: Executor, today: string): Promise<WorkCalendar> => loadCalendar(tx, addDays(today, -400), addDays(today, 400));

/** The village room an agent works at (their village_agent grant). */
function agentGrantOf(actor: Actor): ActorGrant & { centerId: string } {
  const g = actor.grants.find((x) => x.role === 'village_agent' && x.centerId);
  if (!g) throw new Forbidden('只有村代办员可以登记代办事项', 'AGENCY_AGENT_ONLY');
  return g as ActorGrant & { centerId: string };
}

// ---------------------------------------------------------------------------------------------------
// Mapping

interface View {
  today: string;
  cal: WorkCalendar | null;
  warnWithin: number;
}

async function viewOf(tx: Executor, deps: Deps): Promise<View> {
  const today = businessDate(deps.now());
  return { today, cal: await calendarAround(tx, today).catch(() => null), warnWithin: deps.config.caseWarnWorkdays };
}

function stateOf(v: repo.MandateView): MandateState {
  return { status: v.m.status as MandateStatus, case: v.c ? { status: v.c.status as CaseStatus, delivered: !!v.c.deliveredAt } : null };
}

function caseDeadline(c: NonNullable<repo.MandateView['c']>, view: View) {
  let remaining: number | null = null;
  if (view.cal && c.dueDate && ['accepted', 'in_review', 'suspended'].includes(c.status)) {
    try {
      remaining = remainingWorkdays(view.cal, view.today, c.dueDate);
    } catch {
      remaining = null;
    }
  }
  return { promisedDays: c.promisedDays, acceptedOn: c.acceptedOn, dueDate: c.dueDate, pausedWorkdays: c.pausedWorkdays, remaining, state: deadlineState(c.status, remaining, view.warnWithin) };
}

function summaryOf(v: repo.MandateView, view: View): MandateSummary {
  const m = v.m;
  const status = m.status as MandateStatus;
  const c = v.c;
  return {
    id: m.id,
    clientId: m.clientId,
    status,
    statusLabel: MANDATE_STATUS_LABELS[status],
    itemId: m.itemId,
    itemName: m.itemName,
    itemVersion: m.consent.itemVersion,
    villageCenterId: m.villageCenterId,
    villageName: v.villageName,
    agentId: m.agentId,
    agentName: m.agentName,
    villagerName: v.villagerName,
    villagerIdMasked: v.villagerIdMasked,
    villagerPhoneMasked: v.villagerPhoneMasked,
    timeliness: timelinessOf({ status, collectedOn: m.collectedOn, dueOn: m.dueOn, submittedOn: m.submittedOn }, view.today, view.cal),
    case: c
      ? {
          id: c.id,
          caseNo: c.caseNo,
          status: c.status as CaseStatus,
          statusLabel: CASE_STATUSES[c.status as CaseStatus].label,
          decision: (c.decision as 'approve' | 'deny' | null) ?? null,
          deadline: caseDeadline(c, view),
          delivered: !!c.deliveredAt,
          handlingCenterName: v.handlingCenterName ?? '',
          version: c.version,
        }
      : null,
    handedOverAt: iso(m.handedOverAt),
    version: m.version,
  };
}

function abilitiesOf(actor: Actor, v: repo.MandateView): string[] {
  const t = mandateTarget(v);
  const update = can(actor, 'update', 'agency_mandate', t);
  // The agent answers for the case's applicant through the case's receiving center (their village room).
  const supply = !!v.c && can(actor, 'supply', 'case', { regionPath: v.villagePath, centerId: v.c.centerId });
  return mandateAbilities(stateOf(v), { update, supply });
}

async function detailOf(tx: Executor, deps: Deps, actor: Actor, id: string, view?: View): Promise<MandateDetail> {
  const v = (await repo.getMandate(tx, id))!;
  const vw = view ?? (await viewOf(tx, deps));
  const m = v.m;
  const materials = await repo.materialFilesOf(tx, id);
  const consent = await repo.fileMeta(tx, m.consent.fileId);
  const confirmation = m.handover ? await repo.fileMeta(tx, m.handover.fileId) : undefined;
  const file = (f: { id: string; name: string; mime: string; size: number }, kind: 'consent' | 'material' | 'confirmation', materialKey: string | null) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, kind, materialKey });
  return {
    ...summaryOf(v, vw),
    notes: m.notes,
    consent: { method: m.consent.method, statement: m.consent.statement, signedAt: m.consent.signedAt },
    handover: m.handover ? { method: m.handover.method, receiver: m.handover.receiver, note: m.handover.note } : null,
    files: [...(consent ? [file(consent, 'consent', null)] : []), ...materials.map((f) => file(f, 'material', f.key)), ...(confirmation ? [file(confirmation, 'confirmation', null)] : [])],
    corrections: v.c?.corrections?.map(({ name, problem, requirement }) => ({ name, problem, requirement })) ?? null,
    deliveryPreference: v.c?.deliveryPreference ?? null,
    abilities: abilitiesOf(actor, v),
  };
}

// ---------------------------------------------------------------------------------------------------
// Loading with authorization

async function loadMandate(tx: Executor, ctx: AgencyCtx, id: string, action: Action, version?: number): Promise<repo.MandateView> {
  const v = await repo.getMandate(tx, id, action !== 'read');
  if (!v) throw new NotFound('代办事项不存在');
  const t = mandateTarget(v);
  if (!can(ctx.actor, 'read', 'agency_mandate', t)) authorize(ctx.actor, 'read', 'agency_mandate', t); // 403, or 404 audited as a denial
  if (action !== 'read' && !can(ctx.actor, action, 'agency_mandate', t)) throw new Forbidden('您不能对该代办事项执行此操作', 'AGENCY_FORBIDDEN');
  if (version !== undefined && v.m.version !== version) throw new Conflict('代办事项已被他人修改，请刷新后查看最新状态', 'AGENCY_STALE');
  return v;
}

// ---------------------------------------------------------------------------------------------------
// 代办事项清单

export async function agencyItems(deps: Deps, ctx: AgencyCtx, villageCenterId?: string): Promise<z.infer<typeof AgencyItemList>> {
  requireAbility(ctx.actor, 'read', 'agency_mandate');
  return deps.db.transaction(async (tx) => {
    const id = villageCenterId ?? ctx.actor.grants.find((g) => g.role === 'village_agent' && g.centerId)?.centerId;
    if (!id) throw new Invalid('请选择村（社区）便民服务室', [{ path: 'villageCenterId', message: '必填' }], 'VILLAGE_REQUIRED');
    const center = await getCenter(tx, id);
    if (!center || center.center.level !== 'village') throw new NotFound('村（社区）便民服务室不存在');
    authorize(ctx.actor, 'read', 'agency_mandate', { regionPath: center.regionPath, centerId: id });
    const chain = await placeChain(tx, center.center.regionId);
    const rows = chain ? (await browsePublished(tx, chain, undefined, { agent: true, limit: 1000 })).items : [];
    return {
      villageCenterId: id,
      villageName: center.center.name,
      items: rows.map((r) => ({
        id: r.id,
        name: r.content.name,
        version: r.version!,
        centerName: r.centerName,
        level: r.level,
        departmentName: r.departmentName,
        promisedDays: r.content.promisedDays,
        fee: feesLabel(r.content.fees),
        conditions: r.content.conditions,
        materials: r.content.materials.map((m) => ({
          key: m.key,
          name: m.name,
          necessity: m.necessity,
          necessityLabel: NECESSITIES[m.necessity],
          form: MATERIAL_FORMS[m.form],
          copies: m.copies,
          note: m.note,
        })),
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// Register (and submit) a mandate

type Typed = { name: string; content: Buffer; type: SniffedType };
const isImage = (t: SniffedType) => t.mime === 'image/png' || t.mime === 'image/jpeg';

/** The files of a registration, checked by content before anything is saved. */
function checkMandateFiles(batch: UploadBatch['files']): { consent: Typed; materials: (Typed & { key: string })[] } {
  const unknown = batch.find((f) => f.field !== 'consent' && !f.field.startsWith('material:'));
  if (unknown) throw new Invalid(`不认识的文件字段「${unknown.field}」（应为 consent 或 material:<材料编码>）`, [{ path: unknown.field, message: '字段名不正确' }], 'AGENCY_FILE_FIELD');
  const consents = batch.filter((f) => f.field === 'consent');
  if (consents.length !== 1) {
    throw new Invalid(consents.length ? '委托书只能上传一份' : '请上传村民签署的委托书（手写签名或拍照）', [{ path: 'consent', message: '必填' }], 'AGENCY_CONSENT_REQUIRED');
  }
  const consentType = checkUpload(consents[0].content, consents[0].name);
  if (!isImage(consentType)) throw new Invalid('委托书应为手写签名图片或照片（JPG 或 PNG）', [{ path: 'consent', message: '应为图片' }], 'AGENCY_CONSENT_NOT_IMAGE');
  const materials = batch
    .filter((f) => f.field.startsWith('material:'))
    .map((f) => {
      const key = f.field.slice('material:'.length);
      if (!key) throw new Invalid('材料照片须注明材料编码（material:<材料编码>）', [{ path: f.field, message: '缺少材料编码' }], 'AGENCY_FILE_FIELD');
      return { key, name: f.name, content: f.content, type: checkUpload(f.content, f.name) };
    });
  return { consent: { ...consents[0], type: consentType }, materials };
}

/** Submit a registered mandate inside the caller's transaction: the case at the township / county. */
async function submitTx(tx: Executor, deps: Deps, ctx: AgencyCtx, m: repo.MandateRow, itemVersion: number): Promise<{ row: repo.MandateRow; caseId: string; caseNo: string }> {
  const photos = await repo.materialFilesOf(tx, m.id);
  const c = await receiveSubmittedTx(tx, deps, ctx, {
    centerId: m.villageCenterId,
    itemId: m.itemId,
    itemVersion,
    channel: 'agent',
    applicantId: m.applicantId,
    agentId: m.agentId,
    files: photos.map((f) => ({ key: f.key, fileId: f.id })),
    note: m.notes || undefined,
    // The result comes back the way it went: through the agent, unless the villager chooses otherwise.
    deliveryPreference: { method: 'agent' },
  });
  const now = deps.now();
  const row = await repo.updateMandate(tx, m.id, m.version, {
    status: 'submitted',
    caseId: c.id,
    submittedAt: now,
    submittedOn: businessDate(now),
    ...(itemVersion !== m.consent.itemVersion ? { consent: { ...m.consent, itemVersion } } : {}),
  });
  if (!row) throw new Conflict('代办事项已被他人修改，请刷新后查看最新状态', 'AGENCY_STALE');
  return { row, caseId: c.id, caseNo: c.caseNo };
}

/** Try the submission in a SAVEPOINT: a refusal rolls back only the submission and is reported. */
async function trySubmit(tx: Executor, deps: Deps, ctx: AgencyCtx, m: repo.MandateRow, itemVersion: number) {
  try {
    const done = await tx.transaction((sp) => submitTx(sp, deps, ctx, m, itemVersion));
    return { done, error: null };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { done: null, error: { code: e.code, message: e.message } };
  }
}

export async function registerMandate(deps: Deps, ctx: AgencyCtx, data: z.infer<typeof MandateData>, batch: UploadBatch['files']): Promise<z.infer<typeof MandateSyncResult>> {
  requireAbility(ctx.actor, 'create', 'agency_mandate');
  const grant = agentGrantOf(ctx.actor);
  const files = checkMandateFiles(batch);
  return deps.db.transaction(async (tx) => {
    const prior = await repo.findByClient(tx, ctx.actor.userId, data.clientId, true);
    if (prior) return replay(tx, deps, ctx, prior, data);

    const center = await getCenter(tx, grant.centerId);
    if (!center) throw new NotFound('村（社区）便民服务室不存在');
    authorize(ctx.actor, 'create', 'agency_mandate', { regionPath: center.regionPath, centerId: center.center.id });
    const pub = await getPublishedVersion(tx, data.itemId, data.itemVersion);
    if (!pub) throw new BusinessRule('AGENCY_ITEM_UNKNOWN', '所选事项或其办事指南版本不存在，请更新代办事项清单后重新选择');
    const keys = new Set(pub.v.content.materials.map((x) => x.key));
    const stray = files.materials.find((f) => !keys.has(f.key));
    if (stray) throw new BusinessRule('AGENCY_UNKNOWN_MATERIAL', `材料「${stray.key}」不在「${pub.v.content.name}」的材料清单中`);

    const now = deps.now();
    const collectedAt = collectedAtOf(new Date(data.collectedAt), now);
    const { collectedOn, dueOn } = collectionDates(await calendarAround(tx, businessDate(now)), collectedAt, deps.config.agencyDeliverWorkdays);
    const v = data.villager;
    const applicant = await findOrCreateApplicant(tx, deps.crypto, { kind: 'person', name: v.name, idNumber: v.idNumber, phone: v.phone, address: v.address });
    const countyId = center.center.countyId;
    const consentFile = await insertFile(tx, { countyId, purpose: 'agency_consent', name: safeFileName(files.consent.name, files.consent.type.ext), mime: files.consent.type.mime, content: files.consent.content, createdBy: ctx.actor.userId });
    const photos: { materialKey: string; fileId: string }[] = [];
    for (const f of files.materials) {
      const meta = await insertFile(tx, { countyId, purpose: 'agency_material', name: safeFileName(f.name, f.type.ext), mime: f.type.mime, content: f.content, createdBy: ctx.actor.userId });
      photos.push({ materialKey: f.key, fileId: meta.id });
    }
    const id = newId();
    const inserted = await repo.insertMandate(tx, {
      id,
      countyId,
      villageCenterId: center.center.id,
      agentId: ctx.actor.userId,
      agentName: ctx.actor.displayName,
      clientId: data.clientId,
      applicantId: applicant.id,
      itemId: data.itemId,
      itemName: pub.v.content.name,
      consent: { method: data.consent.method, fileId: consentFile.id, statement: data.consent.statement, signedAt: data.consent.signedAt, itemVersion: data.itemVersion },
      notes: data.notes,
      status: 'registered',
      collectedAt,
      collectedOn,
      dueOn,
    });
    // Another request with the same clientId is being saved right now: let the device retry (it will be replayed).
    if (!inserted) throw new Conflict('该事项正在同步，请稍后重试', 'AGENCY_SYNC_IN_PROGRESS');
    await repo.insertMandateFiles(tx, photos.map((p) => ({ mandateId: id, ...p })));

    const row = (await repo.findByClient(tx, ctx.actor.userId, data.clientId))!;
    const sub = data.submit ? await trySubmit(tx, deps, ctx, row, data.itemVersion) : { done: null, error: null };
    const obj = { type: 'agency_mandate' as const, id, countyId };
    await audit(tx, ctx, 'agency.mandate_registered', obj, { clientId: data.clientId, itemId: data.itemId, itemVersion: data.itemVersion, photos: photos.length, collectedOn, dueOn, submitError: sub.error?.code ?? null });
    if (sub.done) await audit(tx, ctx, 'agency.mandate_submitted', obj, { caseId: sub.done.caseId, caseNo: sub.done.caseNo }, { status: { before: 'registered', after: 'submitted' } });
    return { mandate: await detailOf(tx, deps, ctx.actor, id), replayed: false, submitError: sub.error };
  });
}

/**
 * The same clientId again (a sync retried after a lost answer): the saved mandate, never a second
 * one. A registered one the device asks to submit is submitted now (e.g. after the first try failed).
 */
async function replay(tx: Executor, deps: Deps, ctx: AgencyCtx, prior: repo.MandateRow, data: z.infer<typeof MandateData>): Promise<z.infer<typeof MandateSyncResult>> {
  const applicant = await getApplicant(tx, prior.applicantId);
  if (prior.itemId !== data.itemId || applicant?.idNumberIdx !== deps.crypto.index(data.villager.idNumber)) {
    throw new Conflict('该离线登记编号已用于另一件代办事项（村民或事项不同），请在设备上重新登记', 'AGENCY_CLIENT_ID_REUSED');
  }
  const v = await loadMandate(tx, ctx, prior.id, 'read');
  let submitError: { code: string; message: string } | null = null;
  if (prior.status === 'registered' && data.submit && can(ctx.actor, 'update', 'agency_mandate', mandateTarget(v))) {
    const sub = await trySubmit(tx, deps, ctx, prior, data.itemVersion);
    submitError = sub.error;
    if (sub.done) {
      await audit(tx, ctx, 'agency.mandate_submitted', { type: 'agency_mandate', id: prior.id, countyId: prior.countyId }, { caseId: sub.done.caseId, caseNo: sub.done.caseNo, replayed: true }, { status: { before: 'registered', after: 'submitted' } });
    }
  }
  return { mandate: await detailOf(tx, deps, ctx.actor, prior.id), replayed: true, submitError };
}

export async function submitMandate(deps: Deps, ctx: AgencyCtx, id: string, body: z.infer<typeof SubmitBody>): Promise<MandateDetail> {
  requireAbility(ctx.actor, 'update', 'agency_mandate');
  return deps.db.transaction(async (tx) => {
    const v = await loadMandate(tx, ctx, id, 'update', body.version);
    if (v.m.status !== 'registered') throw new BusinessRule('AGENCY_NOT_REGISTERED', v.m.status === 'cancelled' ? '该代办事项已取消，不能提交' : '该代办事项已提交');
    const done = await submitTx(tx, deps, ctx, v.m, body.itemVersion ?? v.m.consent.itemVersion);
    await audit(tx, ctx, 'agency.mandate_submitted', { type: 'agency_mandate', id, countyId: v.m.countyId }, { caseId: done.caseId, caseNo: done.caseNo }, { status: { before: 'registered', after: 'submitted' } });
    return detailOf(tx, deps, ctx.actor, id);
  });
}

export async function cancelMandate(deps: Deps, ctx: AgencyCtx, id: string, body: z.infer<typeof CancelBody>): Promise<MandateDetail> {
  requireAbility(ctx.actor, 'update', 'agency_mandate');
  return deps.db.transaction(async (tx) => {
    const v = await loadMandate(tx, ctx, id, 'update', body.version);
    if (v.m.status !== 'registered') throw new BusinessRule('AGENCY_NOT_REGISTERED', '只有尚未提交的代办事项可以取消');
    const notes = `${v.m.notes ? `${v.m.notes}\n` : ''}【已取消】${body.reason}`;
    const row = await repo.updateMandate(tx, id, v.m.version, { status: 'cancelled', notes });
    if (!row) throw new Conflict('代办事项已被他人修改，请刷新后查看最新状态', 'AGENCY_STALE');
    await audit(tx, ctx, 'agency.mandate_cancelled', { type: 'agency_mandate', id, countyId: v.m.countyId }, { reason: body.reason }, { status: { before: 'registered', after: 'cancelled' } });
    return detailOf(tx, deps, ctx.actor, id);
  });
}

// ---------------------------------------------------------------------------------------------------
// Hand-over of the result

export async function handOver(deps: Deps, ctx: AgencyCtx, id: string, data: z.infer<typeof HandoverData>, batch: UploadBatch['files']): Promise<MandateDetail> {
  requireAbility(ctx.actor, 'update', 'agency_mandate');
  const stray = batch.find((f) => f.field !== 'confirmation');
  if (stray) throw new Invalid(`不认识的文件字段「${stray.field}」（应为 confirmation）`, [{ path: stray.field, message: '字段名不正确' }], 'AGENCY_FILE_FIELD');
  if (batch.length !== 1) {
    throw new Invalid(batch.length ? '领取确认只能上传一份' : '请上传申请人的领取确认（手写签名或拍照）', [{ path: 'confirmation', message: '必填' }], 'AGENCY_CONFIRMATION_REQUIRED');
  }
  const type = checkUpload(batch[0].content, batch[0].name);
  if (!isImage(type)) throw new Invalid('领取确认应为手写签名图片或照片（JPG 或 PNG）', [{ path: 'confirmation', message: '应为图片' }], 'AGENCY_CONFIRMATION_NOT_IMAGE');
  return deps.db.transaction(async (tx) => {
    const v = await loadMandate(tx, ctx, id, 'update', data.version);
    const refusal = handoverRefusal(stateOf(v));
    if (refusal) throw new BusinessRule(refusal.code, refusal.message);
    const meta = await insertFile(tx, { countyId: v.m.countyId, purpose: 'agency_confirmation', name: safeFileName(batch[0].name, type.ext), mime: type.mime, content: batch[0].content, createdBy: ctx.actor.userId });
    const row = await repo.updateMandate(tx, id, v.m.version, {
      status: 'handed_over',
      handedOverAt: deps.now(),
      handover: { method: data.method, fileId: meta.id, receiver: data.receiver, note: data.note },
    });
    if (!row) throw new Conflict('代办事项已被他人修改，请刷新后查看最新状态', 'AGENCY_STALE');
    await insertEvent(tx, {
      caseId: v.c!.id,
      type: 'handed_over',
      note: `代办员已将办理结果交给申请人（领取人：${data.receiver}，${data.method === 'signature' ? '手写签名确认' : '拍照确认'}）`,
      fromStatus: null,
      toStatus: null,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      public: true,
      data: null,
    });
    await audit(tx, ctx, 'agency.handed_over', { type: 'agency_mandate', id, countyId: v.m.countyId }, { caseId: v.c!.id, method: data.method, fileId: meta.id }, { status: { before: 'submitted', after: 'handed_over' } });
    return detailOf(tx, deps, ctx.actor, id);
  });
}

// ---------------------------------------------------------------------------------------------------
// Reads

export async function getMandateDetail(deps: Deps, ctx: AgencyCtx, id: string): Promise<MandateDetail> {
  requireAbility(ctx.actor, 'read', 'agency_mandate');
  return deps.db.transaction(async (tx) => {
    await loadMandate(tx, ctx, id, 'read');
    return detailOf(tx, deps, ctx.actor, id);
  });
}

export async function listMandates(deps: Deps, ctx: AgencyCtx, q: z.infer<typeof ListMandatesQuery>) {
  const scope = requireAbility(ctx.actor, 'read', 'agency_mandate');
  return deps.db.transaction(async (tx) => {
    const view = await viewOf(tx, deps);
    const page = await repo.listMandates(tx, scope, { ...q, lateOn: q.late ? view.today : undefined });
    return { items: page.items.map((v) => summaryOf(v, view)), nextCursor: page.nextCursor, total: page.total };
  });
}

export async function mandateFile(deps: Deps, ctx: AgencyCtx, id: string, fileId: string) {
  requireAbility(ctx.actor, 'read', 'agency_mandate');
  return deps.db.transaction(async (tx) => {
    const v = await loadMandate(tx, ctx, id, 'read');
    const own = new Set([v.m.consent.fileId, ...(v.m.handover ? [v.m.handover.fileId] : []), ...(await repo.materialFilesOf(tx, id)).map((f) => f.id)]);
    if (!own.has(fileId)) throw new NotFound('文件不存在');
    const f = await getFile(tx, fileId);
    if (!f) throw new NotFound('文件不存在');
    return f;
  });
}

// ---------------------------------------------------------------------------------------------------
// Agents and their trainings

const agentTarget = (a: repo.AgentView): ScopeTarget => ({ regionPath: a.villagePath, centerId: a.villageCenterId });

async function agentRows(tx: Executor, agents: repo.AgentView[], month: string, today: string): Promise<AgentRow[]> {
  const ids = [...new Set(agents.map((a) => a.userId))];
  const { from, to } = monthRange(month);
  const stats = await repo.agentStats(tx, ids, from, to, today);
  const year = today.slice(0, 4);
  const trainings = await repo.trainingStats(tx, ids, `${year}-01-01`, `${year}-12-31`);
  return agents.map((a) => {
    const s = stats.get(a.userId);
    const t = trainings.get(a.userId);
    return {
      userId: a.userId,
      name: a.name,
      phoneMasked: a.phoneMasked,
      active: a.active,
      villageCenterId: a.villageCenterId,
      villageName: a.villageName,
      townshipName: a.townshipName,
      monthCount: s?.monthCount ?? 0,
      monthLate: s?.monthLate ?? 0,
      monthHandedOver: s?.monthHandedOver ?? 0,
      open: s?.open ?? 0,
      trainingHours: tenthsToHours(t?.tenths ?? 0),
      lastTrainedOn: t?.last ?? null,
    };
  });
}

export async function listAgents(deps: Deps, ctx: AgencyCtx, q: { month?: string; villageCenterId?: string }) {
  const scope = requireAbility(ctx.actor, 'read', 'agent');
  return deps.db.transaction(async (tx) => {
    const today = businessDate(deps.now());
    const month = q.month ?? today.slice(0, 7);
    const agents = await repo.listAgents(tx, scope, q.villageCenterId);
    return { month, items: await agentRows(tx, agents, month, today) };
  });
}

/** The agent (their village room grant) if in the caller's scope for `action`; 404 otherwise. */
async function loadAgent(tx: Executor, ctx: AgencyCtx, userId: string, action: Action, object: ObjectType = 'agent'): Promise<repo.AgentView> {
  const grants = await repo.agentGrants(tx, userId);
  if (grants.length === 0) throw new NotFound('代办员不存在');
  const mine = grants.find((g) => can(ctx.actor, 'read', object, agentTarget(g)));
  if (!mine) authorize(ctx.actor, 'read', object, agentTarget(grants[0]));
  if (action !== 'read' && !can(ctx.actor, action, object, agentTarget(mine!))) throw new Forbidden('您不能管理该代办员的培训记录', 'AGENCY_FORBIDDEN');
  return mine!;
}

async function agentDetailOf(tx: Executor, deps: Deps, ctx: AgencyCtx, a: repo.AgentView): Promise<z.infer<typeof AgentDetail>> {
  const today = businessDate(deps.now());
  const [row] = await agentRows(tx, [a], today.slice(0, 7), today);
  const trainings = await repo.trainingsOf(tx, a.userId);
  return {
    ...row,
    trainings: trainings.map((t) => ({ id: t.id, title: t.title, trainedOn: t.trainedOn, hours: tenthsToHours(t.hoursTenths), organizer: t.organizer, note: t.note })),
    abilities: can(ctx.actor, 'update', 'agent', agentTarget(a)) ? ['update'] : [],
  };
}

export async function getAgent(deps: Deps, ctx: AgencyCtx, userId: string) {
  requireAbility(ctx.actor, 'read', 'agent');
  return deps.db.transaction(async (tx) => agentDetailOf(tx, deps, ctx, await loadAgent(tx, ctx, userId, 'read')));
}

export async function addTraining(deps: Deps, ctx: AgencyCtx, userId: string, body: z.infer<typeof TrainingBody>) {
  requireAbility(ctx.actor, 'update', 'agent');
  return deps.db.transaction(async (tx) => {
    const a = await loadAgent(tx, ctx, userId, 'update');
    if (body.trainedOn > businessDate(deps.now())) throw new Invalid('培训日期不能晚于今天', [{ path: 'trainedOn', message: '日期不正确' }], 'TRAINING_DATE');
    const t = await repo.insertTraining(tx, { countyId: a.countyId, agentId: userId, title: body.title, trainedOn: body.trainedOn, hoursTenths: hoursToTenths(body.hours), organizer: body.organizer, note: body.note, createdBy: ctx.actor.userId });
    await audit(tx, ctx, 'agency.training_added', { type: 'agent', id: userId, countyId: a.countyId }, { trainingId: t.id, title: body.title, trainedOn: body.trainedOn, hours: body.hours });
    return agentDetailOf(tx, deps, ctx, a);
  });
}

export async function removeTraining(deps: Deps, ctx: AgencyCtx, userId: string, trainingId: string) {
  requireAbility(ctx.actor, 'update', 'agent');
  return deps.db.transaction(async (tx) => {
    const a = await loadAgent(tx, ctx, userId, 'update');
    const t = await repo.deleteTraining(tx, userId, trainingId);
    if (!t) throw new NotFound('培训记录不存在');
    await audit(tx, ctx, 'agency.training_removed', { type: 'agent', id: userId, countyId: a.countyId }, { trainingId, title: t.title, trainedOn: t.trainedOn, hours: tenthsToHours(t.hoursTenths) });
    return agentDetailOf(tx, deps, ctx, a);
  });
}

// ---------------------------------------------------------------------------------------------------
// Ledger (代办台账)

async function ledgerTx(tx: Executor, deps: Deps, scope: ReturnType<typeof requireAbility>, q: z.infer<typeof LedgerQuery>): Promise<z.infer<typeof Ledger> & { countyId: string | null }> {
  const view = await viewOf(tx, deps);
  const { from, to } = monthRange(q.month);
  const rows = await repo.ledgerRows(tx, scope, { from, to, villageCenterId: q.villageCenterId, agentId: q.agentId });
  const out = rows.map((v) => {
    const s = summaryOf(v, view);
    const concludedOn = v.c?.concludedAt ? businessDate(new Date(v.c.concludedAt)) : null;
    return {
      mandateId: s.id,
      collectedOn: s.timeliness.collectedOn,
      villageName: s.villageName,
      agentName: s.agentName,
      villagerName: s.villagerName,
      villagerIdMasked: s.villagerIdMasked,
      itemName: s.itemName,
      caseNo: s.case?.caseNo ?? null,
      submittedOn: s.timeliness.submittedOn,
      dueOn: s.timeliness.dueOn,
      late: s.timeliness.late,
      daysLate: s.timeliness.daysLate,
      concludedOn,
      outcome: ledgerOutcome(s.status, v.c ? { status: v.c.status as CaseStatus, decision: v.c.decision } : null),
      handedOverOn: v.m.handedOverAt ? businessDate(new Date(v.m.handedOverAt)) : null,
    };
  });
  return {
    month: q.month,
    rows: out,
    totals: {
      count: out.length,
      submitted: out.filter((r) => r.submittedOn).length,
      late: out.filter((r) => r.late).length,
      concluded: out.filter((r) => r.concludedOn).length,
      handedOver: out.filter((r) => r.handedOverOn).length,
    },
    countyId: rows[0]?.m.countyId ?? null,
  };
}

export async function ledger(deps: Deps, ctx: AgencyCtx, q: z.infer<typeof LedgerQuery>): Promise<z.infer<typeof Ledger>> {
  const scope = requireAbility(ctx.actor, 'read', 'agency_mandate');
  return deps.db.transaction(async (tx) => {
    const l = await ledgerTx(tx, deps, scope, q);
    return { month: l.month, rows: l.rows, totals: l.totals };
  });
}

/** The ledger for export (Excel or the printable PDF): its data, the unit it is titled with, audited. */
export async function ledgerForExport(deps: Deps, ctx: AgencyCtx, q: z.infer<typeof LedgerQuery>, format: 'xlsx' | 'pdf') {
  const scope = requireAbility(ctx.actor, 'export', 'agency_mandate');
  return deps.db.transaction(async (tx) => {
    let unit: string | null = null;
    if (q.villageCenterId) {
      const c = await getCenter(tx, q.villageCenterId);
      if (!c) throw new NotFound('村（社区）便民服务室不存在');
      authorize(ctx.actor, 'export', 'agency_mandate', { regionPath: c.regionPath, centerId: c.center.id });
      unit = c.center.name;
    }
    const { countyId, ...l } = await ledgerTx(tx, deps, scope, q);
    if (!unit) {
      const villages = [...new Set(l.rows.map((r) => r.villageName))];
      unit = villages.length === 1 ? villages[0] : await scopeName(tx, ctx.actor);
    }
    await audit(tx, ctx, 'agency.ledger_exported', { type: 'agency_ledger', countyId: countyId ?? ctx.actor.grants.find((g) => g.countyId)?.countyId ?? null }, { format, month: q.month, villageCenterId: q.villageCenterId ?? null, agentId: q.agentId ?? null, rows: l.rows.length });
    return { ...l, unit, printedOn: businessDate(deps.now()) };
  });
}

/** What a ledger covering several villages is titled with: the caller's center or region. */
async function scopeName(tx: Executor, actor: Actor): Promise<string> {
  const g = actor.grants.find((x) => x.centerId || x.regionId);
  if (g?.centerId) return (await getCenter(tx, g.centerId))?.center.name ?? '';
  if (g?.regionId) return (await getRegion(tx, g.regionId))?.name ?? '';
  return '';
}

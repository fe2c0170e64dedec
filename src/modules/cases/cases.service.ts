import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { writeAudit, type AuditAction } from '../../platform/audit.js';
import type { Actor, RequestMeta, ScopeTarget } from '../../platform/auth-context.js';
import { sm3 } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, can, mayAttempt, requireAbility, type Action } from '../../platform/policy.js';
import { findApplicant, findOrCreateApplicant, getApplicant } from '../applicants/applicants.repo.js';
import { businessDate } from '../calendar/calendar.rules.js';
import { checkUpload } from '../files/files.http.js';
import { getFile, insertFile } from '../files/files.repo.js';
import { safeFileName } from '../files/files.rules.js';
import { canonicalContent, MATERIAL_FORMS, type ItemContent, type ItemLevel } from '../catalog/catalog.rules.js';
import { getPublishedVersion, placeChain } from '../catalog/catalog.repo.js';
import { getCenter } from '../org/org.repo.js';
import { loadClock, type Clock } from './cases.clock.js';
import type {
  AcceptBody,
  CaseDetail,
  CaseSummary,
  CompleteTaskBody,
  CorrectBody,
  CreateCaseBody,
  DecideBody,
  DeliverBody,
  DeliveryPreferenceBody,
  ListCasesQuery,
  MaterialCheck,
  RejectBody,
  SuspendBody,
  TrackResponse,
} from './cases.contract.js';
import * as repo from './cases.repo.js';
import {
  acceptanceProblems,
  caseNumber,
  caseNumberPrefix,
  CASE_STATUSES,
  deadlineState,
  DEFAULT_WARN_WITHIN,
  DELIVERY_METHODS,
  openReviewTasks,
  PAUSE_KINDS,
  planTasks,
  trackingMatches,
  transition,
  type CaseAction,
  type CaseStatus,
  type Channel,
  type DeliveryMethod,
} from './cases.rules.js';

/**
 * Use cases of the case engine. Every action is one transaction: the case row is locked
 * (`FOR UPDATE`), its version checked (a stale version is a 409), the state machine asked, the
 * timeline, notifications and the audit row written together.
 */

export interface CaseCtx {
  actor: Actor;
  meta: RequestMeta;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const isoNN = (d: Date | string): string => new Date(d).toISOString();

const targets = (v: repo.CaseView): ScopeTarget[] => [
  { regionPath: v.centerPath, centerId: v.c.centerId },
  { regionPath: v.handlingPath, centerId: v.c.handlingCenterId },
];

/** May the actor do `action` on this case: through its centers, or as its applicant (citizen, self). */
function canCase(actor: Actor, action: Action, v: repo.CaseView, applicantUserId: string | null): boolean {
  // The decision belongs to the deciding center (a township that pre-reviews a 报批 case does not decide it).
  const where = action === 'decide' ? targets(v).slice(1) : targets(v);
  if (where.some((t) => can(actor, action, 'case', t))) return true;
  return !!applicantUserId && can(actor, action, 'case', { ownerId: applicantUserId });
}

const CASE_ACTIONS: Action[] = ['accept', 'update', 'review', 'decide', 'deliver', 'withdraw', 'supply'];

type AuditArgs = [action: AuditAction, v: { id: string; countyId: string }, details?: Record<string, unknown>, changes?: Record<string, { before: unknown; after: unknown }>];

async function audit(tx: Executor, ctx: CaseCtx, ...[action, v, details, changes]: AuditArgs) {
  await writeAudit(tx, ctx.actor, ctx.meta, { action, objectType: 'case', objectId: v.id, countyId: v.countyId, details, changes });
}

/**
 * Audit rows are written last in a transaction (the chain's advisory lock is held from the first one
 * to the commit). A use case made of several steps collects its rows here and writes them at the end.
 */
class AuditLater {
  private readonly rows: AuditArgs[] = [];
  add(...args: AuditArgs): void {
    this.rows.push(args);
  }
  async write(tx: Executor, ctx: CaseCtx): Promise<void> {
    for (const r of this.rows) await audit(tx, ctx, ...r);
  }
}

async function event(tx: Executor, ctx: CaseCtx | null, caseId: string, type: string, note: string, extra: { from?: string; to?: string; isPublic?: boolean; data?: Record<string, unknown> } = {}) {
  await repo.insertEvent(tx, {
    caseId,
    type,
    note,
    fromStatus: extra.from ?? null,
    toStatus: extra.to ?? null,
    actorId: ctx?.actor.userId ?? null,
    actorName: ctx?.actor.displayName ?? null,
    public: extra.isPublic ?? true,
    data: extra.data ?? null,
  });
}

async function tell(tx: Executor, c: repo.CaseRow, title: string, body: string): Promise<void> {
  const applicant = await getApplicant(tx, c.applicantId);
  await repo.notify(tx, { caseId: c.id, applicantId: c.applicantId, userId: applicant?.userId ?? null, channel: 'in_app', title, body: `${body}（办件编号 ${c.caseNo}）`, status: 'pending' });
}

// ---------------------------------------------------------------------------------------------------
// Mapping

function deadlineOf(c: repo.CaseRow, clock: Clock | null) {
  let remaining: number | null = null;
  if (clock && c.dueDate && ['accepted', 'in_review', 'suspended'].includes(c.status)) remaining = clock.remaining(c.dueDate);
  return {
    promisedDays: c.promisedDays,
    acceptedOn: c.acceptedOn,
    dueDate: c.dueDate,
    pausedWorkdays: c.pausedWorkdays,
    remaining,
    state: deadlineState(c.status, remaining, clock?.warnWithin ?? DEFAULT_WARN_WITHIN),
  };
}

function toSummary(v: repo.CaseView, clock: Clock | null, task: CaseSummary['task'] = null): CaseSummary {
  const st = CASE_STATUSES[v.c.status as CaseStatus];
  return {
    id: v.c.id,
    caseNo: v.c.caseNo,
    itemId: v.c.itemId,
    itemName: v.c.itemName,
    status: v.c.status as CaseStatus,
    statusCode: st.code,
    statusLabel: st.label,
    channel: v.c.channel as CaseSummary['channel'],
    applicantName: v.applicantName,
    centerId: v.c.centerId,
    centerName: v.centerName,
    departmentName: v.departmentName,
    receivedAt: isoNN(v.c.receivedAt),
    deadline: deadlineOf(v.c, clock),
    decision: (v.c.decision as 'approve' | 'deny' | null) ?? null,
    task,
    version: v.c.version,
  };
}

/** A clock for deadline display; a missing calendar year shows no remaining days rather than failing a list. */
async function displayClock(tx: Executor, deps: Deps): Promise<Clock | null> {
  try {
    return await loadClock(tx, deps.now(), deps.config.caseWarnWorkdays);
  } catch {
    return null;
  }
}

async function detailOf(tx: Executor, actor: Actor, id: string, deps: Deps): Promise<CaseDetail> {
  const v = (await repo.getCase(tx, id))!;
  const applicant = (await getApplicant(tx, v.c.applicantId))!;
  const clock = await displayClock(tx, deps);
  // One transaction is one connection: its queries run one after another.
  const materials = await repo.materialsOf(tx, id);
  const tasks = await repo.tasksOf(tx, id);
  const events = await repo.eventsOf(tx, id);
  const pauses = await repo.pausesOf(tx, id);
  const materialFiles = await repo.materialFilesOf(tx, id);
  const agentName = v.c.agentId ? await repo.userName(tx, v.c.agentId) : null;
  const today = clock?.today() ?? null;
  const myDept = await repo.userDepartment(tx, actor.userId);
  const director = targets(v).some((t) => can(actor, 'decide', 'case', t)) && actor.grants.some((g) => g.role === 'center_director');
  const mayReview = targets(v).some((t) => can(actor, 'review', 'case', t));
  const abilities = CASE_ACTIONS.filter((a) => canCase(actor, a, v, applicant.userId));
  // The applicant (not staff of the case's centers) sees what tracking shows: no internal opinions,
  // inspection records or staff names.
  const staff = targets(v).some((t) => can(actor, 'read', 'case', t));
  const shownEvents = staff ? events : events.filter((e) => e.public);
  const shownTasks = staff ? tasks : [];
  const notices: string[] = [];
  if (v.c.acceptedAt) notices.push('acceptance');
  if (v.c.corrections?.length) notices.push('correction');
  if (v.c.status === 'rejected') notices.push('rejection');
  if (v.c.status === 'concluded') notices.push('decision', 'delivery');
  return {
    ...toSummary(v, clock),
    itemVersion: v.c.itemVersion,
    implementationCode: v.implementationCode,
    handlingType: v.c.handlingType,
    handlingCenterId: v.c.handlingCenterId,
    handlingCenterName: v.handlingCenterName,
    applicant: {
      id: applicant.id,
      kind: applicant.kind as 'person' | 'enterprise',
      name: applicant.name,
      idMasked: applicant.idNumberMasked,
      creditCode: applicant.creditCode,
      contactName: applicant.contactName,
      phoneMasked: applicant.phoneMasked,
    },
    acceptedAt: iso(v.c.acceptedAt),
    concludedAt: iso(v.c.concludedAt),
    deliveredAt: iso(v.c.deliveredAt),
    deliveryMethod: (v.c.deliveryMethod as DeliveryMethod | null) ?? null,
    decisionNo: v.c.decisionNo,
    decisionText: v.c.decisionText,
    resultNo: v.c.resultNo,
    corrections: v.c.corrections ?? null,
    rejection: v.c.rejection ?? null,
    materials: materials.map((m) => ({
      key: m.key,
      name: m.name,
      necessity: m.necessity,
      status: m.status as 'received',
      form: m.form,
      copies: m.copies,
      pages: m.pages,
      deferredDue: m.deferredDue,
      late: m.status === 'deferred' && !!m.deferredDue && !!today && m.deferredDue < today,
      note: m.note,
      files: materialFiles
        .filter((f) => f.key === m.key)
        .map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, source: f.source as 'online', createdAt: isoNN(f.createdAt) })),
    })),
    tasks: shownTasks.map(({ t, departmentName, assigneeName, doneByName }) => ({
      id: t.id,
      name: t.name,
      stage: t.stage,
      kind: t.kind as 'review',
      status: t.status as 'open',
      level: t.level,
      days: t.days,
      departmentId: t.departmentId,
      departmentName,
      assigneeName,
      doneByName,
      doneAt: iso(t.doneAt),
      outcome: (t.outcome as 'pass' | 'return' | null) ?? null,
      opinion: t.opinion,
      attachments: t.attachments,
      inspection: t.inspection ?? null,
      abilities:
        t.kind === 'review' && mayReview && ['accepted', 'in_review'].includes(v.c.status)
          ? [
              ...(t.status === 'open' && (director || !t.departmentId || t.departmentId === myDept) ? ['claim'] : []),
              ...(t.status === 'claimed' && (t.assigneeId === actor.userId || director) ? ['complete'] : []),
            ]
          : [],
    })),
    timeline: shownEvents.map((e) => ({
      at: isoNN(e.at),
      type: e.type,
      label: EVENT_LABELS[e.type] ?? e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: staff ? e.actorName : null,
      note: e.note,
    })),
    pauses: pauses.map((p) => ({ kind: p.kind as 'hearing', reason: p.reason, startedOn: p.startedOn, endedOn: p.endedOn, workdays: p.workdays })),
    notices,
    deliveryPreference: v.c.deliveryPreference ?? null,
    agentName,
    resultFileId: v.c.resultFileId,
    abilities,
  };
}

export const EVENT_LABELS: Record<string, string> = {
  received: '收件',
  accepted: '受理',
  correction_requested: '一次性告知补正',
  rejected: '不予受理',
  material_supplied: '容缺材料已补交',
  task_claimed: '开始审查',
  task_passed: '审查通过',
  task_returned: '审查退回',
  suspended: '挂起（特别程序）',
  resumed: '恢复办理',
  decided: '办结',
  delivered: '送达',
  returned: '退件',
  withdrawn: '申请人撤回',
  corrected: '已补正材料',
  delivery_preference: '选择送达方式',
  handed_over: '代办员移交结果',
};

// ---------------------------------------------------------------------------------------------------
// Loading with authorization

async function loadCase(tx: Executor, ctx: CaseCtx, id: string, action: Action, version?: number): Promise<repo.CaseView> {
  const v = await repo.getCase(tx, id, action !== 'read');
  if (!v) throw new NotFound('办件不存在');
  const applicant = await getApplicant(tx, v.c.applicantId);
  if (!canCase(ctx.actor, 'read', v, applicant?.userId ?? null)) {
    authorize(ctx.actor, 'read', 'case', targets(v)[0]); // 403 when the role never reads cases, else 404 + denial audit
  }
  if (action !== 'read' && !canCase(ctx.actor, action, v, applicant?.userId ?? null)) throw new Forbidden('您不能对该办件执行此操作', 'CASE_FORBIDDEN');
  if (version !== undefined && v.c.version !== version) throw new Conflict('办件已被他人处理，请刷新后查看最新状态', 'CASE_STALE');
  return v;
}

function move(v: repo.CaseView, action: CaseAction): CaseStatus {
  const next = transition(v.c.status as CaseStatus, action);
  if (typeof next !== 'string') throw new BusinessRule(next.code, next.message);
  return next;
}

async function save(tx: Executor, v: repo.CaseView, set: Parameters<typeof repo.updateCase>[3]): Promise<repo.CaseRow> {
  const row = await repo.updateCase(tx, v.c.id, v.c.version, set);
  if (!row) throw new Conflict('办件已被他人处理，请刷新后查看最新状态', 'CASE_STALE');
  v.c = row;
  return row;
}

// ---------------------------------------------------------------------------------------------------
// Receive and accept

/** The center a staff member works at: the given one (in scope), or the one of their grant. */
async function receivingCenter(tx: Executor, ctx: CaseCtx, centerId?: string) {
  if (centerId) {
    const c = await getCenter(tx, centerId);
    if (!c) throw new NotFound('服务中心不存在');
    authorize(ctx.actor, 'create', 'case', { regionPath: c.regionPath, centerId });
    return c;
  }
  for (const g of ctx.actor.grants) {
    if (!mayAttempt({ ...ctx.actor, grants: [g] }, 'create', 'case')) continue;
    if (g.centerId) return (await getCenter(tx, g.centerId))!;
    if (g.regionId) {
      const chain = await placeChain(tx, g.regionId);
      const own = chain && (chain.centerIds.village[0] ?? chain.centerIds.township[0] ?? chain.centerIds.county[0]);
      const level = chain?.regionLevel as ItemLevel | undefined;
      const id = chain && level && chain.centerIds[level]?.[0] ? chain.centerIds[level][0] : own;
      if (id) return (await getCenter(tx, id))!;
    }
  }
  throw new Invalid('请选择受理的服务中心', [{ path: 'centerId', message: '必填' }], 'CENTER_REQUIRED');
}

/**
 * The item must be offered at this center: its own item, or an upper center's item accepted at this
 * level. Through a village agent (`viaAgent`, center = the village room) any 代办 item of the village's
 * township or county may be carried up.
 */
export async function offeredItem(tx: Executor, center: NonNullable<Awaited<ReturnType<typeof getCenter>>>, itemId: string, viaAgent = false) {
  if (!center.center.active) throw new BusinessRule('CENTER_INACTIVE', '服务中心已停用');
  const pub = await getPublishedVersion(tx, itemId);
  if (!pub || pub.item.publishedVersion === null) throw new BusinessRule('CASE_ITEM_NOT_PUBLISHED', '该事项不存在或未发布，不能受理');
  const content = pub.v.content;
  const chain = await placeChain(tx, center.center.regionId);
  const ownItem = pub.item.centerId === center.center.id;
  const inChain = !!chain?.levelOf.has(pub.item.centerId);
  if (viaAgent) {
    if (!(ownItem || inChain) || !content.agentEligible) throw new BusinessRule('CASE_ITEM_NOT_AGENT_ELIGIBLE', `「${content.name}」不在${center.center.name}的代办事项清单中`);
    return pub;
  }
  const accepted = inChain && content.acceptLevels.includes(center.center.level as ItemLevel);
  if (!ownItem && !accepted) throw new BusinessRule('CASE_ITEM_NOT_AVAILABLE', `「${content.name}」不在${center.center.name}的受理范围内`);
  return pub;
}

type Published = Awaited<ReturnType<typeof offeredItem>>;
export type MaterialFileSource = 'online' | 'agent' | 'correction' | 'window';

/** Insert a case in status received (收件) with its checklist from the item version; returns its view. */
async function insertReceived(
  tx: Executor,
  ctx: CaseCtx,
  clock: Clock,
  center: NonNullable<Awaited<ReturnType<typeof getCenter>>>,
  pub: Published,
  applicantId: string,
  channel: Channel,
  extra: { agentId?: string | null; deliveryPreference?: repo.CaseRow['deliveryPreference']; note?: string } = {},
): Promise<repo.CaseView> {
  const content = pub.v.content;
  const today = clock.today();
  const prefix = caseNumberPrefix(pub.item.implementationCode, today);
  const caseNo = caseNumber(pub.item.implementationCode, today, await repo.nextSerial(tx, prefix));
  const id = newId();
  await repo.insertCase(tx, {
    id,
    countyId: pub.item.countyId,
    caseNo,
    itemId: pub.item.id,
    itemVersion: pub.v.version,
    itemName: content.name,
    centerId: center.center.id,
    handlingCenterId: pub.item.centerId,
    departmentId: pub.item.departmentId,
    applicantId,
    channel,
    status: 'received',
    handlingType: content.handlingType,
    promisedDays: content.promisedDays,
    agentId: extra.agentId ?? null,
    deliveryPreference: extra.deliveryPreference ?? null,
    createdBy: ctx.actor.userId,
  });
  await repo.insertMaterials(
    tx,
    content.materials.map((m, i) => ({ caseId: id, key: m.key, name: m.name, necessity: m.necessity, status: 'missing', form: MATERIAL_FORMS[m.form], copies: m.copies, sort: i })),
  );
  const how = channel === 'online' ? '网上申报' : channel === 'agent' ? '村代办员代办' : '收件';
  await event(tx, ctx, id, 'received', `${center.center.name}${channel === 'window' ? '收件' : `收到${how}`}${extra.note ? `：${extra.note}` : ''}`, { to: 'received' });
  return (await repo.getCase(tx, id))!;
}

export async function createCase(deps: Deps, ctx: CaseCtx, body: z.infer<typeof CreateCaseBody>, idempotencyKey?: string): Promise<CaseDetail> {
  requireAbility(ctx.actor, 'create', 'case');
  if (idempotencyKey !== undefined && !/^[\w-]{8,100}$/.test(idempotencyKey)) throw new Invalid('Idempotency-Key 应为 8-100 位字母、数字、-或_', undefined, 'IDEMPOTENCY_KEY_INVALID');
  return deps.db.transaction(async (tx) => {
    if (idempotencyKey) {
      const prior = await repo.claimIdempotencyKey(tx, ctx.actor.userId, 'case.create', idempotencyKey, sm3(canonicalContent(body)));
      if (prior) {
        if (prior.requestHash !== sm3(canonicalContent(body))) throw new BusinessRule('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一份不同的申请');
        if (prior.resultId) return detailOf(tx, ctx.actor, prior.resultId, deps);
      }
    }
    const center = await receivingCenter(tx, ctx, body.centerId);
    const pub = await offeredItem(tx, center, body.itemId);
    const content = pub.v.content;
    const clock = await loadClock(tx, deps.now(), deps.config.caseWarnWorkdays);
    const applicant = await findOrCreateApplicant(tx, deps.crypto, body.applicant);
    const v = await insertReceived(tx, ctx, clock, center, pub, applicant.id, body.channel, { agentId: body.channel === 'agent' ? ctx.actor.userId : null });
    const id = v.c.id;
    const later = new AuditLater();
    later.add('case.received', v.c, { caseNo: v.c.caseNo, itemId: pub.item.id, itemVersion: pub.v.version, channel: body.channel });
    if (body.action === 'accept') await acceptTx(tx, ctx, v, content, body.materials, clock, later);
    else if (body.action === 'correct') await correctTx(tx, ctx, v, body.corrections ?? [], body.materials, later);
    else if (body.action === 'reject') {
      if (!body.rejection) throw new Invalid('不予受理须填写理由和依据', [{ path: 'rejection', message: '必填' }], 'REJECTION_REQUIRED');
      await rejectTx(tx, ctx, v, body.rejection, later);
    } else await tell(tx, v.c, '已收到您的申请', `您申请的「${content.name}」已收件，工作人员将尽快审查`);
    if (idempotencyKey) await repo.completeIdempotencyKey(tx, ctx.actor.userId, 'case.create', idempotencyKey, id);
    await later.write(tx, ctx);
    return detailOf(tx, ctx.actor, id, deps);
  });
}

export interface SubmittedCase {
  /** Online: the center the citizen hands it to. Agent: the village room (the case is carried up to the item's center). */
  centerId: string;
  itemId: string;
  /** The version the submitter's form was built from: a newer published version is a 409 to re-check. */
  itemVersion: number;
  channel: 'online' | 'agent';
  applicantId: string;
  agentId?: string | null;
  files: { key: string; fileId: string }[];
  note?: string;
  deliveryPreference?: repo.CaseRow['deliveryPreference'];
}

/**
 * Receive a case handed in online or by a village agent, inside the caller's transaction: status
 * received (收件), the checklist from the item version, the uploaded files linked to their materials.
 * The window checks it like any other. The caller has authorized the submitter (the citizen for
 * themselves, the agent for a villager who consented) and writes its own audit row after this one.
 */
export async function receiveSubmittedTx(tx: Executor, deps: Deps, ctx: CaseCtx, input: SubmittedCase): Promise<repo.CaseRow> {
  const center = await getCenter(tx, input.centerId);
  if (!center) throw new NotFound('服务中心不存在');
  const pub = await offeredItem(tx, center, input.itemId, input.channel === 'agent');
  if (pub.v.version !== input.itemVersion) {
    throw new Conflict(`「${pub.v.content.name}」的办事指南已更新（第 ${pub.v.version} 版），请按最新要求核对材料后再提交`, 'CASE_ITEM_VERSION_CHANGED');
  }
  const keys = new Set(pub.v.content.materials.map((m) => m.key));
  const unknown = input.files.find((f) => !keys.has(f.key));
  if (unknown) throw new BusinessRule('CASE_UNKNOWN_MATERIAL', `材料「${unknown.key}」不在该事项的材料清单中`);
  const clock = await loadClock(tx, deps.now(), deps.config.caseWarnWorkdays);
  const v = await insertReceived(tx, ctx, clock, center, pub, input.applicantId, input.channel, {
    agentId: input.agentId ?? null,
    deliveryPreference: input.deliveryPreference ?? null,
    note: input.note,
  });
  await repo.linkMaterialFiles(tx, v.c.id, input.files.map((f) => ({ materialKey: f.key, fileId: f.fileId, source: input.channel, uploadedBy: ctx.actor.userId })));
  await tell(tx, v.c, '已收到您的申请', `您申请的「${v.c.itemName}」已提交到${center.center.name}，工作人员将在收件后尽快审查`);
  await audit(tx, ctx, 'case.received', v.c, { caseNo: v.c.caseNo, itemId: input.itemId, itemVersion: input.itemVersion, channel: input.channel, files: input.files.length });
  return v.c;
}

/** Read a case's detail inside another module's transaction (the caller has loaded it with authorization). */
export const caseDetailTx = (tx: Executor, deps: Deps, actor: Actor, id: string) => detailOf(tx, actor, id, deps);

async function contentOf(tx: Executor, v: repo.CaseView): Promise<ItemContent> {
  const pub = await getPublishedVersion(tx, v.c.itemId, v.c.itemVersion);
  if (!pub) throw new NotFound('办件所依据的事项版本不存在');
  return pub.v.content;
}

async function markMaterials(tx: Executor, v: repo.CaseView, content: ItemContent, checks: readonly z.infer<typeof MaterialCheck>[], clock: Clock): Promise<void> {
  const byKey = new Map(checks.map((c) => [c.key, c]));
  for (const m of content.materials) {
    const c = byKey.get(m.key);
    const status = c?.status ?? 'missing';
    await repo.updateMaterial(tx, v.c.id, m.key, {
      status,
      pages: c?.pages ?? null,
      note: c?.note ?? '',
      deferredDue: status === 'deferred' ? clock.addWorkdays(clock.today(), m.deferDays ?? 5) : null,
    });
  }
}

async function acceptTx(tx: Executor, ctx: CaseCtx, v: repo.CaseView, content: ItemContent, checks: readonly z.infer<typeof MaterialCheck>[], clock: Clock, later: AuditLater): Promise<void> {
  if (!v.c.centerId || !targets(v).some((t) => can(ctx.actor, 'accept', 'case', t))) throw new Forbidden('您不能受理该办件', 'CASE_FORBIDDEN');
  const problems = acceptanceProblems(content.materials, checks);
  if (problems.length) {
    throw new BusinessRule(problems[0].code, problems.length === 1 ? problems[0].message : `${problems[0].message}（共 ${problems.length} 处问题）`, problems);
  }
  const to = move(v, 'accept');
  const from = v.c.status;
  await markMaterials(tx, v, content, checks, clock);
  const today = clock.today();
  const due = clock.dueDate(today, content.promisedDays, 0);
  await save(tx, v, { status: to, acceptedAt: new Date(), acceptedOn: today, dueDate: due, promisedDays: content.promisedDays });
  const plan = planTasks(content.steps, v.c.departmentId, (await getCenter(tx, v.c.handlingCenterId))!.center.level as ItemLevel);
  const firstOpen = plan.find((p) => p.kind !== 'acceptance')?.stage;
  await repo.insertTasks(
    tx,
    plan.map((p) => ({
      caseId: v.c.id,
      countyId: v.c.countyId,
      stepKey: p.stepKey,
      name: p.name,
      stage: p.stage,
      departmentId: p.departmentId,
      level: p.level,
      days: p.days,
      kind: p.kind,
      status: p.kind === 'acceptance' ? 'done' : p.stage === firstOpen && p.kind === 'review' ? 'open' : 'waiting',
      doneAt: p.kind === 'acceptance' ? new Date() : null,
      doneBy: p.kind === 'acceptance' ? ctx.actor.userId : null,
      openedAt: p.stage === firstOpen ? new Date() : null,
      outcome: p.kind === 'acceptance' ? 'pass' : null,
    })),
  );
  const deferred = checks.filter((c) => c.status === 'deferred').length;
  await event(tx, ctx, v.c.id, 'accepted', `已受理，承诺 ${content.promisedDays === 0 ? '即办' : `${content.promisedDays} 个工作日内办结（${due} 前）`}${deferred ? `；容缺受理 ${deferred} 项材料` : ''}`, { from, to });
  await tell(tx, v.c, '您的申请已受理', `「${content.name}」已受理，${content.promisedDays === 0 ? '当场办理' : `预计 ${due} 前办结`}`);
  later.add('case.accepted', v.c, { dueDate: due, deferred }, { status: { before: from, after: to } });
}

async function correctTx(tx: Executor, ctx: CaseCtx, v: repo.CaseView, corrections: z.infer<typeof CorrectBody>['corrections'], checks: readonly z.infer<typeof MaterialCheck>[], later: AuditLater): Promise<void> {
  if (corrections.length === 0) throw new Invalid('一次性告知书须列出需要补正的全部内容', [{ path: 'corrections', message: '必填' }], 'CORRECTIONS_REQUIRED');
  const from = v.c.status;
  const to = move(v, 'request_correction');
  for (const c of checks) await repo.updateMaterial(tx, v.c.id, c.key, { status: c.status === 'deferred' ? 'missing' : c.status, pages: c.pages ?? null, note: c.note ?? '' });
  const list = corrections.map(({ name, problem, requirement }) => ({ name, problem, requirement }));
  await save(tx, v, { status: to, corrections: list });
  await event(tx, ctx, v.c.id, 'correction_requested', `一次性告知需补正 ${list.length} 项：${list.map((c) => c.name).join('、')}`, { from, to });
  await tell(tx, v.c, '请补正材料', `「${v.c.itemName}」需补正：${list.map((c) => `${c.name}（${c.requirement}）`).join('；')}`);
  later.add('case.correction_requested', v.c, { items: list.length }, { status: { before: from, after: to } });
}

async function rejectTx(tx: Executor, ctx: CaseCtx, v: repo.CaseView, rejection: { reasons: string[]; legalBasis: string[] }, later: AuditLater): Promise<void> {
  const from = v.c.status;
  const to = move(v, 'reject');
  await save(tx, v, { status: to, rejection: { reasons: rejection.reasons, legalBasis: rejection.legalBasis }, concludedAt: new Date() });
  await event(tx, ctx, v.c.id, 'rejected', `不予受理：${rejection.reasons.join('；')}`, { from, to });
  await tell(tx, v.c, '您的申请不予受理', `「${v.c.itemName}」不予受理，理由：${rejection.reasons.join('；')}`);
  later.add('case.rejected', v.c, { reasons: rejection.reasons }, { status: { before: from, after: to } });
}

export async function accept(deps: Deps, ctx: CaseCtx, id: string, body: z.infer<typeof AcceptBody>) {
  requireAbility(ctx.actor, 'accept', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'accept', body.version);
    const later = new AuditLater();
    await acceptTx(tx, ctx, v, await contentOf(tx, v), body.materials, await loadClock(tx, deps.now(), deps.config.caseWarnWorkdays), later);
    await later.write(tx, ctx);
    return detailOf(tx, ctx.actor, id, deps);
  });
}

export async function requestCorrection(deps: Deps, ctx: CaseCtx, id: string, body: z.infer<typeof CorrectBody>) {
  requireAbility(ctx.actor, 'update', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'update', body.version);
    const later = new AuditLater();
    await correctTx(tx, ctx, v, body.corrections, [], later);
    await later.write(tx, ctx);
    return detailOf(tx, ctx.actor, id, deps);
  });
}

export async function reject(deps: Deps, ctx: CaseCtx, id: string, body: z.infer<typeof RejectBody>) {
  requireAbility(ctx.actor, 'update', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'update', body.version);
    const later = new AuditLater();
    await rejectTx(tx, ctx, v, body, later);
    await later.write(tx, ctx);
    return detailOf(tx, ctx.actor, id, deps);
  });
}

export async function supplyMaterial(deps: Deps, ctx: CaseCtx, id: string, key: string, version: number) {
  requireAbility(ctx.actor, 'update', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'update', version);
    const m = (await repo.materialsOf(tx, id)).find((x) => x.key === key);
    if (!m) throw new NotFound('该材料不在办件的材料清单中');
    if (m.status !== 'deferred') throw new BusinessRule('CASE_MATERIAL_NOT_DEFERRED', `「${m.name}」不是容缺待补材料`);
    await repo.updateMaterial(tx, id, key, { status: 'supplied', suppliedAt: new Date() });
    await save(tx, v, {});
    await event(tx, ctx, id, 'material_supplied', `容缺材料「${m.name}」已补交`);
    await audit(tx, ctx, 'case.material_supplied', v.c, { key, name: m.name });
    return detailOf(tx, ctx.actor, id, deps);
  });
}

// ---------------------------------------------------------------------------------------------------
// The applicant's side: answer a one-time notice, choose the delivery

/**
 * Answer a one-time notice (一次性告知): the applicant (or the village agent carrying the case) sends
 * the missing materials against the same case, which goes back to the window as received. Files are
 * checked by content; the whole answer is one transaction.
 */
export async function answerCorrection(
  deps: Deps,
  ctx: CaseCtx,
  id: string,
  body: { version: number; note: string; files: { key: string; name: string; content: Buffer }[] },
) {
  requireAbility(ctx.actor, 'supply', 'case');
  const typed = body.files.map((f) => ({ ...f, type: checkUpload(f.content, f.name) }));
  if (typed.length === 0 && !body.note.trim()) throw new Invalid('请上传补正材料或填写补正说明', [{ path: 'files', message: '必填' }], 'CORRECTION_EMPTY');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'supply', body.version);
    if (v.c.status !== 'correcting') throw new BusinessRule('CASE_NOT_CORRECTING', '该办件没有待补正的一次性告知');
    const keys = new Set((await repo.materialsOf(tx, id)).map((m) => m.key));
    const unknown = typed.find((f) => !keys.has(f.key));
    if (unknown) throw new BusinessRule('CASE_UNKNOWN_MATERIAL', `材料「${unknown.key}」不在该办件的材料清单中`);
    const from = v.c.status;
    const to = move(v, 'resubmit');
    const linked: { materialKey: string; fileId: string; source: MaterialFileSource; uploadedBy: string }[] = [];
    for (const f of typed) {
      const meta = await insertFile(tx, { countyId: v.c.countyId, purpose: 'case_material', name: safeFileName(f.name, f.type.ext), mime: f.type.mime, content: f.content, createdBy: ctx.actor.userId });
      linked.push({ materialKey: f.key, fileId: meta.id, source: 'correction', uploadedBy: ctx.actor.userId });
    }
    await repo.linkMaterialFiles(tx, id, linked);
    await save(tx, v, { status: to });
    const note = body.note.trim();
    await event(tx, ctx, id, 'corrected', `已提交补正材料 ${linked.length} 份${note ? `：${note}` : ''}`, { from, to });
    await audit(tx, ctx, 'case.corrected', v.c, { files: linked.length }, { status: { before: from, after: to } });
    return detailOf(tx, ctx.actor, id, deps);
  });
}

export async function setDeliveryPreference(deps: Deps, ctx: CaseCtx, id: string, body: z.infer<typeof DeliveryPreferenceBody>) {
  requireAbility(ctx.actor, 'supply', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'supply', body.version);
    if (v.c.deliveredAt || ['rejected', 'returned', 'withdrawn'].includes(v.c.status)) throw new BusinessRule('CASE_DELIVERY_CLOSED', '该办件已送达或已终止，不能再修改送达方式');
    if (body.method === 'agent' && !v.c.agentId) throw new BusinessRule('CASE_NO_AGENT', '该办件不是代办件，不能选择代办员转交');
    const before = v.c.deliveryPreference ?? null;
    const after = { method: body.method, ...(body.method === 'post' ? { address: body.address } : {}) };
    await save(tx, v, { deliveryPreference: after });
    await event(tx, ctx, id, 'delivery_preference', `选择送达方式：${DELIVERY_METHODS[body.method]}`);
    await audit(tx, ctx, 'case.delivery_preference', v.c, { method: body.method }, { deliveryPreference: { before, after } });
    return detailOf(tx, ctx.actor, id, deps);
  });
}

// ---------------------------------------------------------------------------------------------------
// Review tasks

async function loadTask(tx: Executor, caseId: string, taskId: string) {
  const t = (await repo.tasksOf(tx, caseId)).find((x) => x.t.id === taskId);
  if (!t) throw new NotFound('审查任务不存在');
  return t.t;
}

const isDirector = (actor: Actor) => actor.grants.some((g) => g.role === 'center_director');

export async function claimTask(deps: Deps, ctx: CaseCtx, id: string, taskId: string, version: number) {
  requireAbility(ctx.actor, 'review', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'review', version);
    const t = await loadTask(tx, id, taskId);
    if (t.kind !== 'review') throw new BusinessRule('CASE_TASK_NOT_CLAIMABLE', `「${t.name}」环节随${t.kind === 'decision' ? '作出决定' : t.kind === 'delivery' ? '送达' : '受理'}完成，无需认领`);
    if (t.status !== 'open') throw new BusinessRule('CASE_TASK_NOT_OPEN', t.status === 'claimed' ? `「${t.name}」已被认领` : `「${t.name}」尚未轮到或已完成`);
    const myDept = await repo.userDepartment(tx, ctx.actor.userId);
    if (t.departmentId && t.departmentId !== myDept && !isDirector(ctx.actor)) throw new BusinessRule('CASE_TASK_OTHER_DEPARTMENT', `「${t.name}」由其他部门承办，您不能认领`);
    const from = v.c.status;
    const to = move(v, 'start_review');
    await repo.updateTask(tx, taskId, { status: 'claimed', assigneeId: ctx.actor.userId, claimedAt: new Date() });
    await save(tx, v, { status: to });
    await event(tx, ctx, id, 'task_claimed', `${t.name}：开始审查`, { from, to, isPublic: from !== to });
    await audit(tx, ctx, 'case.task_claimed', v.c, { taskId, name: t.name });
    return detailOf(tx, ctx.actor, id, deps);
  });
}

export async function completeTask(deps: Deps, ctx: CaseCtx, id: string, taskId: string, body: z.infer<typeof CompleteTaskBody>) {
  requireAbility(ctx.actor, 'review', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'review', body.version);
    if (!['accepted', 'in_review'].includes(v.c.status)) move(v, 'start_review'); // refuses with the state's message
    const t = await loadTask(tx, id, taskId);
    const own = await repo.fileIdsOfCase(tx, id);
    const foreign = [...body.attachments, ...(body.inspection?.photos ?? [])].filter((f) => !own.has(f));
    if (foreign.length) throw new BusinessRule('CASE_FILE_UNKNOWN', '附件或照片不属于该办件，请重新上传', foreign);
    if (t.status !== 'claimed') throw new BusinessRule('CASE_TASK_NOT_CLAIMED', `请先认领「${t.name}」再提交审查意见`);
    if (t.assigneeId !== ctx.actor.userId && !isDirector(ctx.actor)) throw new BusinessRule('CASE_TASK_NOT_MINE', `「${t.name}」由他人认领，您不能提交`);
    const now = new Date();
    await repo.updateTask(tx, taskId, { status: 'done', doneAt: now, doneBy: ctx.actor.userId, outcome: body.outcome, opinion: body.opinion, attachments: body.attachments, inspection: body.inspection ?? null });
    const all = await repo.tasksOf(tx, id);
    if (body.outcome === 'pass') {
      const stageDone = all.filter((x) => x.t.stage === t.stage).every((x) => x.t.status === 'done');
      const next = all.filter((x) => x.t.stage > t.stage && x.t.kind === 'review' && x.t.status === 'waiting');
      if (stageDone && next.length) {
        const stage = Math.min(...next.map((x) => x.t.stage));
        await repo.setTasksStatus(tx, id, { stage, kind: 'review' }, { status: 'open', openedAt: now });
      }
    } else {
      // Sent back: the previous review stage opens again; this stage waits to look once more after it
      // (so the case cannot be decided until it has). Without a previous stage, this one opens again.
      const previous = all.filter((x) => x.t.stage < t.stage && x.t.kind === 'review').map((x) => x.t.stage);
      if (previous.length) {
        await repo.setTasksStatus(tx, id, { stage: Math.max(...previous), kind: 'review' }, { status: 'open', assigneeId: null, doneAt: null, doneBy: null, outcome: null, openedAt: now });
        await repo.setTasksStatus(tx, id, { stage: t.stage, kind: 'review' }, { status: 'waiting', assigneeId: null, doneAt: null, doneBy: null, openedAt: null });
      } else {
        await repo.setTasksStatus(tx, id, { stage: t.stage, kind: 'review' }, { status: 'open', assigneeId: null, doneAt: null, doneBy: null, openedAt: now });
      }
    }
    await save(tx, v, {});
    await event(tx, ctx, id, body.outcome === 'pass' ? 'task_passed' : 'task_returned', `${t.name}：${body.outcome === 'pass' ? '通过' : '退回'}（${body.opinion.slice(0, 60)}）`, { isPublic: false });
    await audit(tx, ctx, 'case.task_completed', v.c, { taskId, name: t.name, outcome: body.outcome });
    return detailOf(tx, ctx.actor, id, deps);
  });
}

// ---------------------------------------------------------------------------------------------------
// Clock stops, decision, delivery, endings

export async function suspend(deps: Deps, ctx: CaseCtx, id: string, body: z.infer<typeof SuspendBody>) {
  requireAbility(ctx.actor, 'review', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'review', body.version);
    const content = await contentOf(tx, v);
    if (body.kind !== 'supplement' && !content.specialProcedures.some((p) => p.kind === body.kind)) {
      throw new BusinessRule('CASE_PROCEDURE_NOT_IN_ITEM', `该事项的办事指南未列「${PAUSE_KINDS[body.kind]}」程序，不能以此挂起`);
    }
    const from = v.c.status;
    const to = move(v, 'suspend');
    const clock = await loadClock(tx, deps.now(), deps.config.caseWarnWorkdays);
    await repo.insertPause(tx, { caseId: id, kind: body.kind, reason: body.reason, startedOn: clock.today() });
    await save(tx, v, { status: to });
    await event(tx, ctx, id, 'suspended', `因${PAUSE_KINDS[body.kind]}挂起：${body.reason}（期间不计入办理时限）`, { from, to });
    await tell(tx, v.c, '办件暂停计时', `「${v.c.itemName}」因${PAUSE_KINDS[body.kind]}暂停计时：${body.reason}`);
    await audit(tx, ctx, 'case.suspended', v.c, { kind: body.kind }, { status: { before: from, after: to } });
    return detailOf(tx, ctx.actor, id, deps);
  });
}

export async function resume(deps: Deps, ctx: CaseCtx, id: string, version: number) {
  requireAbility(ctx.actor, 'review', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'review', version);
    const from = v.c.status;
    const to = move(v, 'resume');
    const clock = await loadClock(tx, deps.now(), deps.config.caseWarnWorkdays);
    const open = (await repo.pausesOf(tx, id)).find((p) => p.endedOn === null);
    const today = clock.today();
    const paused = open ? clock.workdaysBetween(open.startedOn, today) : 0;
    if (open) await repo.closePause(tx, open.id, today, paused);
    const total = v.c.pausedWorkdays + paused;
    const due = clock.dueDate(v.c.acceptedOn!, v.c.promisedDays, total);
    await save(tx, v, { status: to, pausedWorkdays: total, dueDate: due });
    await event(tx, ctx, id, 'resumed', `恢复办理，暂停 ${paused} 个工作日，办结期限顺延至 ${due}`, { from, to });
    await audit(tx, ctx, 'case.resumed', v.c, { pausedWorkdays: paused, dueDate: due }, { status: { before: from, after: to } });
    return detailOf(tx, ctx.actor, id, deps);
  });
}

export async function decide(deps: Deps, ctx: CaseCtx, id: string, body: z.infer<typeof DecideBody>) {
  requireAbility(ctx.actor, 'decide', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'decide', body.version);
    const from = v.c.status;
    const to = move(v, 'decide');
    const pending = openReviewTasks((await repo.tasksOf(tx, id)).map((x) => x.t));
    if (pending.length) throw new BusinessRule('CASE_TASKS_OPEN', `还有审查环节未完成：${pending.join('、')}`);
    if (body.approve) {
      // 容缺受理 is a promise: the deferred materials come in before the result is granted.
      const outstanding = (await repo.materialsOf(tx, id)).filter((m) => m.status === 'deferred').map((m) => m.name);
      if (outstanding.length) throw new BusinessRule('CASE_DEFERRED_OUTSTANDING', `容缺材料尚未补齐：${outstanding.join('、')}；补齐后才能准予`);
    }
    if (!body.approve && (body.reasons.length === 0 || body.legalBasis.length === 0)) {
      throw new Invalid('不予许可（办理）须写明理由和依据', [{ path: 'reasons', message: '必填' }], 'DECISION_REASONS_REQUIRED');
    }
    const now = new Date();
    const decisionNo = `${v.c.caseNo.slice(-12, -8)}-${v.c.caseNo.slice(-4)}`;
    await repo.setTasksStatus(tx, id, { kind: 'decision' }, { status: 'done', doneAt: now, doneBy: ctx.actor.userId, outcome: 'pass', opinion: body.text });
    await repo.setTasksStatus(tx, id, { kind: 'delivery' }, { status: 'open', openedAt: now });
    await save(tx, v, {
      status: to,
      decision: body.approve ? 'approve' : 'deny',
      decisionText: body.text,
      decisionReasons: body.reasons,
      decisionBasis: body.legalBasis,
      decisionNo,
      resultNo: body.resultNo ?? null,
      resultFileId: body.resultFileId ?? null,
      concludedAt: now,
    });
    await event(tx, ctx, id, 'decided', body.approve ? `办结：准予${body.resultNo ? `（证照编号 ${body.resultNo}）` : ''}` : `办结：不予（${body.reasons.join('；')}）`, { from, to });
    await tell(tx, v.c, '您的申请已办结', `「${v.c.itemName}」已办结，结果：${body.approve ? '准予' : '不予'}。请按约定方式领取结果`);
    await audit(tx, ctx, 'case.decided', v.c, { approve: body.approve, decisionNo }, { status: { before: from, after: to } });
    return detailOf(tx, ctx.actor, id, deps);
  });
}

export async function deliver(deps: Deps, ctx: CaseCtx, id: string, body: z.infer<typeof DeliverBody>) {
  requireAbility(ctx.actor, 'deliver', 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'deliver', body.version);
    if (v.c.status !== 'concluded') throw new BusinessRule('CASE_NOT_CONCLUDED', '办件尚未办结，不能送达');
    if (v.c.deliveredAt) throw new BusinessRule('CASE_ALREADY_DELIVERED', '该办件已送达');
    if (body.method === 'post' && !body.trackingNo) throw new Invalid('邮寄送达须填写快递单号', [{ path: 'trackingNo', message: '必填' }], 'TRACKING_NO_REQUIRED');
    const now = new Date();
    await repo.setTasksStatus(tx, id, { kind: 'delivery' }, { status: 'done', doneAt: now, doneBy: ctx.actor.userId, outcome: 'pass' });
    await save(tx, v, { deliveredAt: now, deliveryMethod: body.method, delivery: { trackingNo: body.trackingNo, recipient: body.recipient, address: body.address } });
    const how = body.method === 'post' ? `邮寄送达（单号 ${body.trackingNo}）` : DELIVERY_METHODS[body.method];
    await event(tx, ctx, id, 'delivered', `${how}，签收人 ${body.recipient}`);
    await tell(tx, v.c, '办理结果已送达', `「${v.c.itemName}」办理结果已${how}`);
    await audit(tx, ctx, 'case.delivered', v.c, { method: body.method });
    return detailOf(tx, ctx.actor, id, deps);
  });
}

/** How a case can end early: 退件 by the deciding center, or withdrawn by (or for) the applicant. */
const ENDINGS = {
  return: { ability: 'decide', event: 'returned', note: '退件', audit: 'case.returned', tell: '您的申请已退件' },
  withdraw: { ability: 'withdraw', event: 'withdrawn', note: '申请人撤回', audit: 'case.withdrawn', tell: null },
} as const satisfies Record<string, { ability: Action; event: string; note: string; audit: AuditAction; tell: string | null }>;

async function endCase(deps: Deps, ctx: CaseCtx, id: string, version: number, reason: string, how: keyof typeof ENDINGS) {
  const e = ENDINGS[how];
  requireAbility(ctx.actor, e.ability, 'case');
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, e.ability, version);
    const from = v.c.status;
    const to = move(v, how);
    await save(tx, v, { status: to, concludedAt: new Date() });
    await event(tx, ctx, id, e.event, `${e.note}：${reason}`, { from, to });
    if (e.tell) await tell(tx, v.c, e.tell, `「${v.c.itemName}」已退件：${reason}`);
    await audit(tx, ctx, e.audit, v.c, { reason }, { status: { before: from, after: to } });
    return detailOf(tx, ctx.actor, id, deps);
  });
}

export const returnCase = (deps: Deps, ctx: CaseCtx, id: string, version: number, reason: string) => endCase(deps, ctx, id, version, reason, 'return');
export const withdraw = (deps: Deps, ctx: CaseCtx, id: string, version: number, reason: string) => endCase(deps, ctx, id, version, reason, 'withdraw');

// ---------------------------------------------------------------------------------------------------
// Reads

export async function getCaseDetail(deps: Deps, ctx: CaseCtx, id: string): Promise<CaseDetail> {
  return deps.db.transaction(async (tx) => {
    await loadCase(tx, ctx, id, 'read');
    return detailOf(tx, ctx.actor, id, deps);
  });
}

async function listFilter(deps: Deps, tx: Executor, ctx: CaseCtx, q: z.infer<typeof ListCasesQuery>, clock: Clock | null): Promise<repo.CaseFilter> {
  const dept = await repo.userDepartmentWithLevel(tx, ctx.actor.userId);
  const f: repo.CaseFilter = {
    view: q.view,
    userId: ctx.actor.userId,
    departmentIds: dept.id ? [dept.id] : [],
    departmentLevel: dept.level,
    status: q.status,
    centerId: q.centerId,
    q: q.q,
    cursor: q.cursor,
    limit: q.limit,
  };
  if (q.deadline && !clock) throw new BusinessRule('CALENDAR_YEAR_MISSING', '工作日历缺失，无法按期限筛选');
  if (q.deadline === 'overdue') f.dueBefore = clock!.today();
  if (q.deadline === 'warning') {
    f.dueFrom = clock!.today();
    f.dueOnOrBefore = clock!.addWorkdays(clock!.today(), clock!.warnWithin);
  }
  if (q.lateMaterials) f.lateMaterialsBefore = clock?.today() ?? businessDate(deps.now());
  return f;
}

export async function listCases(deps: Deps, ctx: CaseCtx, q: z.infer<typeof ListCasesQuery>) {
  const scope = requireAbility(ctx.actor, 'read', 'case');
  return deps.db.transaction(async (tx) => {
    const clock = await displayClock(tx, deps);
    const page = await repo.listCases(tx, scope, await listFilter(deps, tx, ctx, q, clock));
    const tasks = await repo.openTasksOf(tx, page.items.map((r) => r.c.id));
    const first = new Map<string, (typeof tasks)[number]>();
    for (const t of tasks) if (!first.has(t.caseId)) first.set(t.caseId, t);
    return {
      items: page.items.map((r) => {
        const t = first.get(r.c.id);
        return toSummary(r, clock, t ? { id: t.id, name: t.name, status: t.status, assigneeName: t.assigneeName } : null);
      }),
      nextCursor: page.nextCursor,
    };
  });
}

export async function inboxCounts(deps: Deps, ctx: CaseCtx) {
  const scope = requireAbility(ctx.actor, 'read', 'case');
  return deps.db.transaction(async (tx) => {
    const clock = await displayClock(tx, deps);
    const base = { view: 'center' as const, limit: 0 };
    const count = async (over: Partial<z.infer<typeof ListCasesQuery>>) => repo.countCases(tx, scope, await listFilter(deps, tx, ctx, { ...base, ...over } as z.infer<typeof ListCasesQuery>, clock));
    return {
      mine: await count({ view: 'mine' }),
      department: await count({ view: 'department' }),
      warning: clock ? await count({ deadline: 'warning' }) : 0,
      overdue: clock ? await count({ deadline: 'overdue' }) : 0,
      open: await count({}),
      lateMaterials: await count({ lateMaterials: true }),
      deliver: await count({ view: 'deliver' }),
      received: await count({ status: 'received' }),
    };
  });
}

/** Public tracking: the case number plus the applicant's name or ID tail; no personal data returned. */
export async function track(deps: Deps, caseNo: string, proof: string): Promise<z.infer<typeof TrackResponse>> {
  return deps.db.transaction(async (tx) => {
    const v = await repo.getCaseByNo(tx, caseNo.trim());
    const applicant = v ? await getApplicant(tx, v.c.applicantId) : undefined;
    const tail = applicant ? (applicant.creditCode ?? (applicant.idNumberEnc ? deps.crypto.decrypt(applicant.idNumberEnc) : null))?.slice(-4) ?? null : null;
    // One answer for "no such case" and "wrong proof": the number alone reveals nothing.
    if (!v || !applicant || !trackingMatches(proof, { name: applicant.name, idTail: tail })) throw new NotFound('未找到该办件，请核对办件编号和申请人信息');
    const clock = await displayClock(tx, deps);
    const events = await repo.eventsOf(tx, v.c.id, true);
    const st = CASE_STATUSES[v.c.status as CaseStatus];
    return {
      caseNo: v.c.caseNo,
      itemName: v.c.itemName,
      centerName: v.centerName,
      status: v.c.status as CaseStatus,
      statusLabel: st.label,
      receivedAt: isoNN(v.c.receivedAt),
      deadline: deadlineOf(v.c, clock),
      decision: (v.c.decision as 'approve' | 'deny' | null) ?? null,
      timeline: events.map((e) => ({ at: isoNN(e.at), label: EVENT_LABELS[e.type] ?? e.type, note: e.note })),
    };
  });
}

export async function myCases(deps: Deps, ctx: CaseCtx) {
  return deps.db.transaction(async (tx) => {
    const clock = await displayClock(tx, deps);
    const rows = await repo.casesOfUser(tx, ctx.actor.userId, 200);
    return { items: rows.map((r) => toSummary(r, clock)), nextCursor: null };
  });
}

export async function zeroHandling(deps: Deps, ctx: CaseCtx, q: { centerId?: string; from: string; to: string }) {
  const scope = requireAbility(ctx.actor, 'read', 'case');
  if (q.from > q.to) throw new Invalid('开始日期不能晚于结束日期', [{ path: 'from', message: '日期范围不正确' }], 'DATE_RANGE');
  const r = await repo.zeroHandling(deps.db, scope, q.from, q.to, q.centerId);
  return { from: q.from, to: q.to, published: r.published, items: r.items.map(({ itemId, name, centerName, departmentName }) => ({ itemId, name, centerName, departmentName })) };
}

// ---------------------------------------------------------------------------------------------------
// Attachments (review documents, 现场勘验 photos)

export async function attachFile(deps: Deps, ctx: CaseCtx, id: string, declaredName: string, content: Buffer) {
  requireAbility(ctx.actor, 'read', 'case');
  const type = checkUpload(content, declaredName);
  return deps.db.transaction(async (tx) => {
    const v = await loadCase(tx, ctx, id, 'read');
    // Whoever works on the case may attach: reviewers and the window (not the applicant, not readers only).
    if (!(['review', 'update', 'decide'] as Action[]).some((a) => targets(v).some((t) => can(ctx.actor, a, 'case', t)))) {
      throw new Forbidden('您不能为该办件上传附件', 'CASE_FORBIDDEN');
    }
    const meta = await insertFile(tx, { countyId: v.c.countyId, purpose: 'case_attachment', name: safeFileName(declaredName, type.ext), mime: type.mime, content, createdBy: ctx.actor.userId });
    await repo.linkFile(tx, id, meta.id);
    await audit(tx, ctx, 'case.file_attached', v.c, { fileId: meta.id, size: meta.size, mime: meta.mime });
    return { id: meta.id, name: meta.name, mime: meta.mime, size: meta.size };
  });
}

export async function caseFile(deps: Deps, ctx: CaseCtx, id: string, fileId: string) {
  return deps.db.transaction(async (tx) => {
    await loadCase(tx, ctx, id, 'read');
    if (!(await repo.fileIdsOfCase(tx, id)).has(fileId)) throw new NotFound('文件不存在');
    const f = await getFile(tx, fileId);
    if (!f) throw new NotFound('文件不存在');
    return f;
  });
}

/** Find a returning applicant at the window (by ID number or credit code, in the body — never in a URL). */
export async function lookupApplicant(deps: Deps, ctx: CaseCtx, body: { kind: 'person'; idNumber: string } | { kind: 'enterprise'; creditCode: string }) {
  requireAbility(ctx.actor, 'create', 'case');
  return deps.db.transaction(async (tx) => {
    const a = await findApplicant(tx, deps.crypto, body);
    if (!a) return { found: false, applicant: null };
    return {
      found: true,
      applicant: { kind: a.kind as 'person' | 'enterprise', name: a.name, contactName: a.contactName, phoneMasked: a.phoneMasked, address: a.address, cases: await repo.applicantCaseCount(tx, a.id) },
    };
  });
}

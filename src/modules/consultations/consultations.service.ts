import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { writeAudit, type AuditAction } from '../../platform/audit.js';
import type { Actor, RequestMeta, ScopeTarget } from '../../platform/auth-context.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Conflict, Forbidden, Invalid, NotFound, OutOfScope, TooManyRequests } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, can, requireAbility, scopeIsEmpty, type Action } from '../../platform/policy.js';
import { hit } from '../../platform/rate-limit.js';
import { getCenter } from '../org/org.repo.js';
import type { AnswerBody, AskableCenters, AskBody, CloseBody, Consultation, ConsultationCounts, ConsultationList, PublishedQaList, StaffListQuery } from './consultations.contract.js';
import * as repo from './consultations.repo.js';
import { ASK_LIMIT, check, CONSULTATION_STATUSES, maskName, type ConsultationAction, type ConsultationStatus } from './consultations.rules.js';

/**
 * Use cases of consultations (咨询). A citizen asks about an item (its center answers) or a center;
 * staff of that center answer — the asker gets an in-app message through the notification outbox —
 * and a director or 事项管理员 publishes an answered question to the item's FAQ. Staff reach only the
 * questions of centers in their scope (others are 404); the asker reaches only their own.
 */

export interface ConsultationCtx {
  actor: Actor;
  meta: RequestMeta;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const isoNN = (d: Date | string): string => new Date(d).toISOString();

const staffTarget = (v: repo.ConsultationView): ScopeTarget => ({ regionPath: v.centerPath, centerId: v.c.centerId });

/** Buttons: answer and close need `update`, publishing needs `review` on the asked center. */
const ABILITY_OF: Record<ConsultationAction, Action> = { answer: 'update', close: 'update', publish: 'review', unpublish: 'review' };

function toView(actor: Actor, v: repo.ConsultationView, staff: boolean): Consultation {
  const c = v.c;
  const state = { status: c.status as ConsultationStatus, hasItem: !!c.itemId, published: c.publishedAt !== null };
  const abilities = staff
    ? (Object.keys(ABILITY_OF) as ConsultationAction[]).filter((a) => can(actor, ABILITY_OF[a], 'consultation', staffTarget(v)) && check(state, a).ok)
    : [];
  return {
    id: c.id,
    itemId: c.itemId,
    itemName: v.itemName,
    centerId: c.centerId,
    centerName: v.centerName,
    question: c.question,
    status: c.status as ConsultationStatus,
    statusLabel: CONSULTATION_STATUSES[c.status as ConsultationStatus] ?? c.status,
    answer: c.answer,
    answeredAt: iso(c.answeredAt),
    published: c.publishedAt !== null,
    createdAt: isoNN(c.createdAt),
    version: c.version,
    askerName: staff ? c.askerName : null,
    answeredByName: staff ? c.answeredByName : null,
    abilities,
  };
}

async function audit(tx: Executor, ctx: ConsultationCtx, action: AuditAction, c: { id: string; countyId: string }, details?: Record<string, unknown>) {
  await writeAudit(tx, ctx.actor, ctx.meta, { action, objectType: 'consultation', objectId: c.id, countyId: c.countyId, details });
}

/** What the question was about, for messages: the item's name or the center's. */
const subjectOf = (v: repo.ConsultationView) => v.itemName ?? v.centerName;

// ---------------------------------------------------------------------------------------------------
// Citizen

export async function ask(deps: Deps, ctx: ConsultationCtx, body: z.infer<typeof AskBody>): Promise<Consultation> {
  requireAbility(ctx.actor, 'create', 'consultation');
  const limit = await hit(deps.db, `consult:${ctx.actor.userId}`, ASK_LIMIT.count, ASK_LIMIT.windowSeconds);
  if (!limit.allowed) throw new TooManyRequests('提问过于频繁，请稍后再试（每小时最多10条）', limit.retryAfterSeconds);
  return deps.db.transaction(async (tx) => {
    let centerId = body.centerId;
    let itemId: string | null = null;
    if (body.itemId) {
      const item = await repo.publishedItem(tx, body.itemId);
      if (!item) throw new NotFound('事项不存在或已停止办理');
      if (centerId && centerId !== item.centerId) throw new Invalid('所选事项不在该服务中心办理', [{ path: 'centerId', message: '与事项不符' }], 'CENTER_MISMATCH');
      centerId = item.centerId;
      itemId = item.id;
    }
    const center = centerId ? await getCenter(tx, centerId) : undefined;
    if (!center || !center.center.active) throw new NotFound('服务中心不存在');
    const id = newId();
    const now = deps.now();
    await repo.insertConsultation(tx, {
      id,
      countyId: center.center.countyId,
      userId: ctx.actor.userId,
      askerName: ctx.actor.displayName,
      centerId: center.center.id,
      itemId,
      question: body.question,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    });
    const v = (await repo.getConsultation(tx, id))!;
    // The question itself may hold personal details: the audit row keeps where it went, not what it says.
    await audit(tx, ctx, 'consultation.asked', { id, countyId: center.center.countyId }, { itemId, centerId: center.center.id, length: body.question.length });
    return toView(ctx.actor, v, false);
  });
}

export async function mine(deps: Deps, ctx: ConsultationCtx): Promise<z.infer<typeof ConsultationList>> {
  const rows = await repo.ofUser(deps.db, ctx.actor.userId, 200);
  return { items: rows.map((v) => toView(ctx.actor, v, false)), nextCursor: null };
}

/** One question: staff of its center see the staff view; the asker sees their own; anyone else a 404. */
export async function getOne(deps: Deps, ctx: ConsultationCtx, id: string): Promise<Consultation> {
  requireAbility(ctx.actor, 'read', 'consultation');
  const v = await repo.getConsultation(deps.db, id);
  if (!v) throw new NotFound('咨询不存在');
  if (can(ctx.actor, 'read', 'consultation', staffTarget(v))) return toView(ctx.actor, v, true);
  if (can(ctx.actor, 'read', 'consultation', { ownerId: v.c.userId })) return toView(ctx.actor, v, false);
  throw new OutOfScope('咨询不存在');
}

// ---------------------------------------------------------------------------------------------------
// Public

export async function publishedOfItem(deps: Deps, itemId: string): Promise<z.infer<typeof PublishedQaList>> {
  const rows = await repo.publishedOfItem(deps.db, itemId, 50);
  return {
    items: rows.map((v) => ({
      id: v.c.id,
      question: v.c.question,
      answer: v.c.answer ?? '',
      askerName: maskName(v.c.askerName),
      centerName: v.centerName,
      answeredAt: isoNN(v.c.answeredAt ?? v.c.updatedAt),
    })),
  };
}

export async function askableCenters(deps: Deps): Promise<z.infer<typeof AskableCenters>> {
  return { items: await repo.askableCenters(deps.db) };
}

// ---------------------------------------------------------------------------------------------------
// Staff

function staffScope(actor: Actor) {
  const scope = requireAbility(actor, 'read', 'consultation');
  // Citizens read their own questions (GET /mine), never the staff lists.
  if (scopeIsEmpty(scope)) throw new Forbidden();
  return scope;
}

export async function staffList(deps: Deps, ctx: ConsultationCtx, q: z.infer<typeof StaffListQuery>): Promise<z.infer<typeof ConsultationList>> {
  const scope = staffScope(ctx.actor);
  let after: { at: string; id: string } | undefined;
  if (q.cursor) {
    const [at, id] = q.cursor.split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Invalid('分页参数不正确', [{ path: 'cursor', message: '分页参数不正确' }], 'BAD_CURSOR');
    after = { at, id };
  }
  const rows = await repo.staffPage(deps.db, scope, { status: q.status, centerId: q.centerId, itemId: q.itemId }, q.limit, after);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((v) => toView(ctx.actor, v, true)),
    nextCursor: rows.length > q.limit && last ? `${isoNN(last.c.createdAt)}|${last.c.id}` : null,
  };
}

export async function counts(deps: Deps, ctx: ConsultationCtx, q: { centerId?: string }): Promise<z.infer<typeof ConsultationCounts>> {
  const scope = staffScope(ctx.actor);
  return repo.staffCounts(deps.db, scope, { centerId: q.centerId });
}

/** Lock, authorize on the asked center (404 outside scope), check the version and the state. */
async function loadFor(tx: Executor, ctx: ConsultationCtx, id: string, action: ConsultationAction, version: number): Promise<repo.ConsultationView> {
  const v = await repo.getConsultation(tx, id, true);
  if (!v) throw new NotFound('咨询不存在');
  authorize(ctx.actor, ABILITY_OF[action], 'consultation', staffTarget(v));
  if (v.c.version !== version) throw new Conflict();
  const r = check({ status: v.c.status as ConsultationStatus, hasItem: !!v.c.itemId, published: v.c.publishedAt !== null }, action);
  if (!r.ok) throw new BusinessRule(r.code, r.message);
  return v;
}

export async function answer(deps: Deps, ctx: ConsultationCtx, id: string, body: z.infer<typeof AnswerBody>): Promise<Consultation> {
  requireAbility(ctx.actor, 'update', 'consultation');
  return deps.db.transaction(async (tx) => {
    const v = await loadFor(tx, ctx, id, 'answer', body.version);
    const first = v.c.status === 'open';
    const row = await repo.updateConsultation(tx, id, body.version, {
      status: 'answered',
      answer: body.answer,
      answeredBy: ctx.actor.userId,
      answeredByName: ctx.actor.displayName,
      answeredAt: deps.now(),
    });
    if (!row) throw new Conflict();
    await repo.notifyUser(
      tx,
      v.c.userId,
      first ? '您的咨询已答复' : '您的咨询答复已更新',
      `${v.centerName}已${first ? '答复' : '更新了对'}您关于「${subjectOf(v)}」的咨询${first ? '' : '的答复'}，请在“我的咨询”中查看。`,
    );
    const out = toView(ctx.actor, (await repo.getConsultation(tx, id))!, true);
    await audit(tx, ctx, 'consultation.answered', { id, countyId: v.c.countyId }, { revised: !first, published: v.c.publishedAt !== null });
    return out;
  });
}

export async function publish(deps: Deps, ctx: ConsultationCtx, id: string, version: number): Promise<Consultation> {
  requireAbility(ctx.actor, 'review', 'consultation');
  return deps.db.transaction(async (tx) => {
    const v = await loadFor(tx, ctx, id, 'publish', version);
    const row = await repo.updateConsultation(tx, id, version, { publishedAt: deps.now() });
    if (!row) throw new Conflict();
    const out = toView(ctx.actor, (await repo.getConsultation(tx, id))!, true);
    await audit(tx, ctx, 'consultation.published', { id, countyId: v.c.countyId }, { itemId: v.c.itemId });
    return out;
  });
}

export async function unpublish(deps: Deps, ctx: ConsultationCtx, id: string, version: number): Promise<Consultation> {
  requireAbility(ctx.actor, 'review', 'consultation');
  return deps.db.transaction(async (tx) => {
    const v = await loadFor(tx, ctx, id, 'unpublish', version);
    const row = await repo.updateConsultation(tx, id, version, { publishedAt: null });
    if (!row) throw new Conflict();
    const out = toView(ctx.actor, (await repo.getConsultation(tx, id))!, true);
    await audit(tx, ctx, 'consultation.unpublished', { id, countyId: v.c.countyId }, { itemId: v.c.itemId });
    return out;
  });
}

/** Close an open question without an answer (a duplicate, not a question); the reason, if any, is shown to the asker. */
export async function close(deps: Deps, ctx: ConsultationCtx, id: string, body: z.infer<typeof CloseBody>): Promise<Consultation> {
  requireAbility(ctx.actor, 'update', 'consultation');
  return deps.db.transaction(async (tx) => {
    const v = await loadFor(tx, ctx, id, 'close', body.version);
    const reason = body.reason?.trim() || null;
    const row = await repo.updateConsultation(tx, id, body.version, {
      status: 'closed',
      answer: reason,
      answeredBy: ctx.actor.userId,
      answeredByName: ctx.actor.displayName,
      answeredAt: deps.now(),
    });
    if (!row) throw new Conflict();
    await repo.notifyUser(tx, v.c.userId, '您的咨询已关闭', `${v.centerName}关闭了您关于「${subjectOf(v)}」的咨询${reason ? `：${reason}` : '。'}`);
    const out = toView(ctx.actor, (await repo.getConsultation(tx, id))!, true);
    await audit(tx, ctx, 'consultation.closed', { id, countyId: v.c.countyId }, { reason });
    return out;
  });
}

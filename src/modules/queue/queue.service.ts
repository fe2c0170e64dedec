import { and, asc, count, desc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { writeAudit, type AuditAction } from '../../platform/audit.js';
import type { Actor, RequestMeta } from '../../platform/auth-context.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Conflict, NotFound } from '../../platform/errors.js';
import { authorize, can, requireAbility, scopeIsEmpty } from '../../platform/policy.js';
import { publishHallEvent } from '../../platform/realtime.js';
import { users } from '../auth/auth.tables.js';
import { businessDate } from '../calendar/calendar.rules.js';
import { cases } from '../cases/cases.tables.js';
import { getCenter } from '../org/org.repo.js';
import { centers, regions, windows } from '../org/org.tables.js';
import type { ConsoleTicket, ConsoleView, HallSettingsBody, HallSettingsView, MyTicket, MyTickets, MyWindows, PublicCategories, QueueHalls, TakenTicket, Category, CategoryBody, CategoryUpdateBody } from './queue.contract.js';
import { birthDateFromIdNumber, callableAtWindowCap, capRefusalMessage, categoryCapReached, categoryCapRefuses, hallSettingsOf, priorityOf, recallExhausts, selfCancelRefusal, skipOutcome, TICKET_SOURCES, ticketCode, windowCapReached, type PriorityInput, type PriorityReason, type TicketSource, type TicketStatus } from './queue.rules.js';
import { hallSettings, queueCategories, queueCounters, queueTickets, windowSessions } from './queue.tables.js';

/**
 * Hall queue use cases: categories and hall settings (directors), taking a ticket (kiosk, desk, portal,
 * appointment check-in via takeTicketTx), the window console (sign in/out, pause, call next, recall,
 * skip, transfer, start, finish, link to a case, cancel) and the citizen's own tickets (我的排号, cancel).
 * Every use case is one transaction: the ticket row locked, version checked, a hall event published
 * (delivered on commit) and the audit row last.
 */

export interface QueueCtx {
  actor: Actor;
  meta: RequestMeta;
}
type AuditCtx = { actor: Actor | null; meta: RequestMeta | null } | null;
type TicketRow = typeof queueTickets.$inferSelect;
const OPEN = ['waiting', 'called', 'serving'] as const;

async function audit(tx: Executor, ctx: AuditCtx, action: AuditAction, objectType: string, o: { id: string; countyId: string }, details?: Record<string, unknown>) {
  await writeAudit(tx, ctx?.actor ?? null, ctx?.meta ?? null, { action, objectType, objectId: o.id, countyId: o.countyId, details });
}

async function centerOr404(tx: Executor, centerId: string) {
  const c = await getCenter(tx, centerId);
  if (!c || !c.center.active) throw new NotFound('服务中心不存在');
  return c;
}
async function centerInScope(tx: Executor, actor: Actor, action: 'read' | 'create' | 'update', object: 'queue' | 'hall_settings' | 'window_session', centerId: string) {
  const c = await getCenter(tx, centerId);
  if (!c) throw new NotFound('服务中心不存在');
  authorize(actor, action, object, { regionPath: c.regionPath, centerId: c.center.id });
  return c;
}

export async function settingsOf(tx: Executor, centerId: string) {
  const [row] = await tx.select({ settings: hallSettings.settings }).from(hallSettings).where(eq(hallSettings.centerId, centerId));
  return hallSettingsOf(row?.settings);
}

// ---------------------------------------------------------------------------------------------------
// Categories and settings

/** Public category list of a center with today's waiting counts (kiosk, portal, screens). */
export async function publicCategories(deps: Deps, centerId: string): Promise<z.infer<typeof PublicCategories>> {
  const today = businessDate(deps.now());
  const c = await centerOr404(deps.db, centerId);
  const cats = await deps.db
    .select()
    .from(queueCategories)
    .where(and(eq(queueCategories.centerId, centerId), eq(queueCategories.active, true)))
    .orderBy(asc(queueCategories.sort), asc(queueCategories.prefix));
  const waiting = await waitingByCategory(deps.db, centerId, today);
  const issued = new Map(
    (
      await deps.db
        .select({ categoryId: queueCounters.categoryId, last: queueCounters.last })
        .from(queueCounters)
        .where(and(inArray(queueCounters.categoryId, cats.length ? cats.map((k) => k.id) : ['00000000-0000-0000-0000-000000000000']), eq(queueCounters.serviceDate, today)))
    ).map((r) => [r.categoryId, r.last]),
  );
  return {
    centerId,
    centerName: c.center.name,
    serviceDate: today,
    items: cats.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, waiting: waiting.get(k.id)?.all ?? 0, capped: categoryCapReached(k.dailyCap, issued.get(k.id) ?? 0) })),
  };
}

/** Waiting tickets of a center's day per category (all and priority). Shared with the hall screen. */
export async function waitingByCategory(tx: Executor, centerId: string, day: string): Promise<Map<string, { all: number; priority: number }>> {
  const rows = await tx
    .select({ categoryId: queueTickets.categoryId, priority: queueTickets.priority, n: count() })
    .from(queueTickets)
    .where(and(eq(queueTickets.centerId, centerId), eq(queueTickets.serviceDate, day), eq(queueTickets.status, 'waiting')))
    .groupBy(queueTickets.categoryId, queueTickets.priority);
  const out = new Map<string, { all: number; priority: number }>();
  for (const r of rows) {
    const e = out.get(r.categoryId) ?? { all: 0, priority: 0 };
    e.all += Number(r.n);
    if (r.priority) e.priority += Number(r.n);
    out.set(r.categoryId, e);
  }
  return out;
}

export async function listCategories(deps: Deps, ctx: QueueCtx, centerId: string): Promise<{ items: z.infer<typeof Category>[] }> {
  await centerInScope(deps.db, ctx.actor, 'read', 'queue', centerId);
  const cats = await deps.db.select().from(queueCategories).where(eq(queueCategories.centerId, centerId)).orderBy(asc(queueCategories.sort), asc(queueCategories.prefix));
  const ws = await deps.db
    .select({ id: windows.id, number: windows.number, name: windows.name, categories: windows.categories })
    .from(windows)
    .where(and(eq(windows.centerId, centerId), eq(windows.active, true)))
    .orderBy(asc(windows.number));
  return { items: cats.map((k) => categoryView(k, ws)) };
}

const categoryView = (k: typeof queueCategories.$inferSelect, ws: { id: string; number: number; name: string; categories: string[] }[]): z.infer<typeof Category> => ({
  id: k.id,
  centerId: k.centerId,
  name: k.name,
  prefix: k.prefix,
  dailyCap: k.dailyCap,
  sort: k.sort,
  active: k.active,
  version: k.version,
  windows: ws.filter((w) => w.categories.includes(k.name)).map((w) => ({ id: w.id, number: w.number, name: w.name })),
});

async function uniqueCategory(tx: Executor, centerId: string, name: string, prefix: string, exceptId?: string) {
  const clash = await tx
    .select({ id: queueCategories.id, name: queueCategories.name, prefix: queueCategories.prefix })
    .from(queueCategories)
    .where(and(eq(queueCategories.centerId, centerId), or(eq(queueCategories.name, name), eq(queueCategories.prefix, prefix)), exceptId ? ne(queueCategories.id, exceptId) : undefined));
  if (clash.some((c) => c.name === name)) throw new Conflict(`本中心已有业务类别“${name}”`, 'CATEGORY_NAME_TAKEN');
  if (clash.length) throw new Conflict(`号码前缀 ${prefix} 已被“${clash[0].name}”使用`, 'CATEGORY_PREFIX_TAKEN');
}

export async function createCategory(deps: Deps, ctx: QueueCtx, body: z.infer<typeof CategoryBody>) {
  return deps.db.transaction(async (tx) => {
    const c = await centerInScope(tx, ctx.actor, 'update', 'hall_settings', body.centerId);
    await uniqueCategory(tx, body.centerId, body.name, body.prefix);
    const [row] = await tx
      .insert(queueCategories)
      .values({ countyId: c.center.countyId, centerId: body.centerId, name: body.name, prefix: body.prefix, dailyCap: body.dailyCap, sort: body.sort, active: body.active })
      .returning();
    await audit(tx, ctx, 'queue.category_saved', 'queue_category', { id: row.id, countyId: row.countyId }, { name: row.name, prefix: row.prefix, dailyCap: row.dailyCap, created: true });
    return categoryView(row, []);
  });
}

export async function updateCategory(deps: Deps, ctx: QueueCtx, id: string, body: z.infer<typeof CategoryUpdateBody>) {
  return deps.db.transaction(async (tx) => {
    const [cur] = await tx.select().from(queueCategories).where(eq(queueCategories.id, id)).for('update');
    if (!cur) throw new NotFound('业务类别不存在');
    await centerInScope(tx, ctx.actor, 'update', 'hall_settings', cur.centerId);
    if (cur.version !== body.version) throw new Conflict();
    await uniqueCategory(tx, cur.centerId, body.name, body.prefix, id);
    const [row] = await tx
      .update(queueCategories)
      .set({ name: body.name, prefix: body.prefix, dailyCap: body.dailyCap, sort: body.sort, active: body.active, version: cur.version + 1, updatedAt: deps.now() })
      .where(eq(queueCategories.id, id))
      .returning();
    await audit(tx, ctx, 'queue.category_saved', 'queue_category', { id, countyId: row.countyId }, { name: row.name, prefix: row.prefix, dailyCap: row.dailyCap, active: row.active });
    return categoryView(row, []);
  });
}

export async function getHallSettings(deps: Deps, ctx: QueueCtx, centerId: string): Promise<z.infer<typeof HallSettingsView>> {
  await centerInScope(deps.db, ctx.actor, 'read', 'hall_settings', centerId);
  const [row] = await deps.db.select().from(hallSettings).where(eq(hallSettings.centerId, centerId));
  return { centerId, settings: hallSettingsOf(row?.settings), version: row?.version ?? 0 };
}

export async function putHallSettings(deps: Deps, ctx: QueueCtx, centerId: string, body: z.infer<typeof HallSettingsBody>): Promise<z.infer<typeof HallSettingsView>> {
  return deps.db.transaction(async (tx) => {
    const c = await centerInScope(tx, ctx.actor, 'update', 'hall_settings', centerId);
    const [cur] = await tx.select().from(hallSettings).where(eq(hallSettings.centerId, centerId)).for('update');
    if ((cur?.version ?? 0) !== body.version) throw new Conflict();
    const settings = hallSettingsOf(body.settings) as unknown as Record<string, unknown>;
    let version = 1;
    if (cur) {
      version = cur.version + 1;
      await tx.update(hallSettings).set({ settings, version, updatedAt: deps.now() }).where(eq(hallSettings.centerId, centerId));
    } else {
      const ins = await tx.insert(hallSettings).values({ centerId, countyId: c.center.countyId, settings }).onConflictDoNothing().returning();
      if (ins.length === 0) throw new Conflict();
    }
    await audit(tx, ctx, 'queue.settings_updated', 'hall_settings', { id: centerId, countyId: c.center.countyId }, { settings });
    return { centerId, settings: hallSettingsOf(settings), version };
  });
}

// ---------------------------------------------------------------------------------------------------
// Taking a ticket

export interface TakeTicketInput {
  centerId: string;
  categoryId: string;
  /** 'appointment' (a check-in) is never refused by the category's daily cap. */
  source: TicketSource;
  /** Priority facts; birthDate only to compute the age (never stored). appointment: true for a check-in. */
  priorityInput: PriorityInput;
  userId?: string | null;
  appointmentId?: string | null;
}

/**
 * Issues a ticket inside the caller's transaction (the appointments engineer calls this on check-in
 * with source 'appointment' and priorityInput { appointment: true }). The number comes from the
 * locked per-category-per-day counter; past the category's daily cap the counter increment is undone
 * with the transaction (422 QUEUE_CAP_REACHED) — except for an appointment check-in, which the cap
 * never refuses (queue.rules.ts categoryCapRefuses) though its number counts among the day's.
 * Publishes ticket.taken; writes queue.ticket_taken.
 */
export async function takeTicketTx(tx: Executor, deps: Pick<Deps, 'now'>, input: TakeTicketInput, ctx: AuditCtx = null): Promise<z.infer<typeof TakenTicket>> {
  const now = deps.now();
  const today = businessDate(now);
  const [cat] = await tx
    .select({ k: queueCategories, centerName: centers.name, centerActive: centers.active })
    .from(queueCategories)
    .innerJoin(centers, eq(centers.id, queueCategories.centerId))
    .where(and(eq(queueCategories.id, input.categoryId), eq(queueCategories.centerId, input.centerId)));
  if (!cat || !cat.centerActive) throw new NotFound('业务类别不存在');
  if (!cat.k.active) throw new BusinessRule('CATEGORY_INACTIVE', `“${cat.k.name}”暂停取号`);
  const [counter] = await tx
    .insert(queueCounters)
    .values({ categoryId: cat.k.id, serviceDate: today, last: 1 })
    .onConflictDoUpdate({ target: [queueCounters.categoryId, queueCounters.serviceDate], set: { last: sql`${queueCounters.last} + 1` } })
    .returning({ last: queueCounters.last });
  const number = counter.last;
  if (categoryCapRefuses(input.source, cat.k.dailyCap, number)) {
    throw new BusinessRule('QUEUE_CAP_REACHED', capRefusalMessage(cat.k.name, cat.k.dailyCap!), { categoryId: cat.k.id, categoryName: cat.k.name, dailyCap: cat.k.dailyCap });
  }
  const settings = await settingsOf(tx, input.centerId);
  const { priority, reason } = priorityOf(input.priorityInput, settings, today);
  const [t] = await tx
    .insert(queueTickets)
    .values({
      countyId: cat.k.countyId,
      centerId: input.centerId,
      categoryId: cat.k.id,
      serviceDate: today,
      number,
      code: ticketCode(cat.k.prefix, number),
      source: input.source,
      priority,
      priorityReason: reason,
      status: 'waiting',
      queuedAt: now,
      userId: input.userId ?? null,
      appointmentId: input.appointmentId ?? null,
      createdAt: now,
    })
    .returning();
  const ahead = await peopleAhead(tx, t);
  const waiting = await countWaiting(tx, cat.k.id, today);
  await publishHallEvent(tx, { centerId: input.centerId, type: 'ticket.taken', at: now.toISOString(), data: { categoryId: cat.k.id, waiting } });
  await audit(tx, ctx, 'queue.ticket_taken', 'queue_ticket', { id: t.id, countyId: t.countyId }, { code: t.code, source: t.source, priority, reason });
  return {
    id: t.id,
    code: t.code,
    categoryId: cat.k.id,
    categoryName: cat.k.name,
    centerName: cat.centerName,
    peopleAhead: ahead,
    priority,
    reason: reason as PriorityReason | null,
    serviceDate: today,
    takenAt: now.toISOString(),
  };
}

async function countWaiting(tx: Executor, categoryId: string, day: string) {
  const [r] = await tx
    .select({ n: count() })
    .from(queueTickets)
    .where(and(eq(queueTickets.categoryId, categoryId), eq(queueTickets.serviceDate, day), eq(queueTickets.status, 'waiting')));
  return Number(r.n);
}

/** Waiting tickets of the same category called before this one (priority ones first, then older). */
async function peopleAhead(tx: Executor, t: TicketRow): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.categoryId, t.categoryId),
        eq(queueTickets.serviceDate, t.serviceDate),
        eq(queueTickets.status, 'waiting'),
        isNull(queueTickets.targetWindowId),
        ne(queueTickets.id, t.id),
        t.priority ? and(eq(queueTickets.priority, true), sql`${queueTickets.queuedAt} <= ${t.queuedAt}`) : or(eq(queueTickets.priority, true), sql`${queueTickets.queuedAt} <= ${t.queuedAt}`),
      ),
    );
  return Number(r.n);
}

/**
 * The first day with a free appointment place of a category, or null. The appointments module answers
 * (it imports the queue, so the queue never imports it): app.ts passes it to queueRoutes.
 */
export type NextAppointmentDay = (deps: Deps, centerId: string, categoryId: string) => Promise<string | null>;

/**
 * Runs a take; a 限号 refusal (QUEUE_CAP_REACHED) is answered again with the next day that has a free
 * appointment place in its details (nextAppointmentDay, null when none) and message. Asked after the
 * failed transaction, never inside it.
 */
async function offeringAppointment<T>(deps: Deps, centerId: string, nextAppointmentDay: NextAppointmentDay | undefined, take: () => Promise<T>): Promise<T> {
  try {
    return await take();
  } catch (e) {
    if (!nextAppointmentDay || !(e instanceof BusinessRule) || e.code !== 'QUEUE_CAP_REACHED') throw e;
    const d = e.details as { categoryId: string; categoryName: string; dailyCap: number };
    const day = await nextAppointmentDay(deps, centerId, d.categoryId);
    throw new BusinessRule(e.code, capRefusalMessage(d.categoryName, d.dailyCap, day), { ...d, nextAppointmentDay: day });
  }
}

/** Kiosk (public): the ID number only yields a birth date for the age rule, then is dropped. */
export async function takeAtKiosk(deps: Deps, centerId: string, body: { categoryId: string; idNumber?: string; disabled?: boolean; veteran?: boolean; pregnant?: boolean }, meta: RequestMeta, nextAppointmentDay?: NextAppointmentDay) {
  const birthDate = body.idNumber ? birthDateFromIdNumber(body.idNumber) : null;
  return offeringAppointment(deps, centerId, nextAppointmentDay, () =>
    deps.db.transaction((tx) =>
      takeTicketTx(tx, deps, { centerId, categoryId: body.categoryId, source: 'kiosk', priorityInput: { birthDate, disabled: body.disabled, veteran: body.veteran, pregnant: body.pregnant } }, { actor: null, meta }),
    ),
  );
}

export async function takeAtDesk(deps: Deps, ctx: QueueCtx, centerId: string, body: { categoryId: string; idNumber?: string; disabled?: boolean; veteran?: boolean; pregnant?: boolean }, nextAppointmentDay?: NextAppointmentDay) {
  const birthDate = body.idNumber ? birthDateFromIdNumber(body.idNumber) : null;
  return offeringAppointment(deps, centerId, nextAppointmentDay, () =>
    deps.db.transaction(async (tx) => {
      await centerInScope(tx, ctx.actor, 'create', 'queue', centerId);
      return takeTicketTx(tx, deps, { centerId, categoryId: body.categoryId, source: 'desk', priorityInput: { birthDate, disabled: body.disabled, veteran: body.veteran, pregnant: body.pregnant } }, ctx);
    }),
  );
}

/** Portal: the citizen's own ID number on file gives the age; one open portal ticket per person per center per day. */
export async function takeAtPortal(deps: Deps, ctx: QueueCtx, centerId: string, body: { categoryId: string; disabled?: boolean; veteran?: boolean; pregnant?: boolean }, nextAppointmentDay?: NextAppointmentDay) {
  requireAbility(ctx.actor, 'create', 'queue');
  return offeringAppointment(deps, centerId, nextAppointmentDay, () =>
    deps.db.transaction(async (tx) => {
      await centerOr404(tx, centerId);
      // Lock the person's row: two taps at once give one ticket.
      const [u] = await tx.select({ idNumberEnc: users.idNumberEnc }).from(users).where(eq(users.id, ctx.actor.userId)).for('update');
      const today = businessDate(deps.now());
      const [open] = await tx
        .select({ code: queueTickets.code })
        .from(queueTickets)
        .where(and(eq(queueTickets.userId, ctx.actor.userId), eq(queueTickets.centerId, centerId), eq(queueTickets.serviceDate, today), inArray(queueTickets.status, [...OPEN])));
      if (open) throw new Conflict(`您今天在本中心已有排号 ${open.code}，请办结或取消后再取号`, 'TICKET_ALREADY_OPEN');
      const birthDate = u?.idNumberEnc ? birthDateFromIdNumber(deps.crypto.decrypt(u.idNumberEnc)) : null;
      return takeTicketTx(tx, deps, { centerId, categoryId: body.categoryId, source: 'portal', userId: ctx.actor.userId, priorityInput: { birthDate, disabled: body.disabled, veteran: body.veteran, pregnant: body.pregnant } }, ctx);
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Window console

async function windowOf(tx: Executor, windowId: string) {
  const [w] = await tx
    .select({ w: windows, centerName: centers.name, regionPath: regions.path })
    .from(windows)
    .innerJoin(centers, eq(centers.id, windows.centerId))
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(eq(windows.id, windowId));
  if (!w) throw new NotFound('窗口不存在');
  return w;
}
async function windowInScope(tx: Executor, actor: Actor, action: 'read' | 'create' | 'update', object: 'queue' | 'window_session', windowId: string) {
  const w = await windowOf(tx, windowId);
  authorize(actor, action, object, { regionPath: w.regionPath, centerId: w.w.centerId });
  return w;
}
async function openSessionOfWindow(tx: Executor, windowId: string, lock = false) {
  const q = tx.select().from(windowSessions).where(and(eq(windowSessions.windowId, windowId), isNull(windowSessions.signedOutAt)));
  const [s] = lock ? await q.for('update') : await q;
  return s;
}
/** The reader's own open session on this window (locked), or 422. */
async function mySession(tx: Executor, actor: Actor, windowId: string) {
  const s = await openSessionOfWindow(tx, windowId, true);
  if (!s || s.userId !== actor.userId) throw new BusinessRule('NOT_SIGNED_IN', '您未在此窗口签到，请先签到');
  return s;
}
const sessionView = (s: typeof windowSessions.$inferSelect, userName: string) => ({
  id: s.id,
  userId: s.userId,
  userName,
  signedInAt: s.signedInAt.toISOString(),
  pausedAt: s.pausedAt?.toISOString() ?? null,
  pauseReason: s.pauseReason,
});
const userName = async (tx: Executor, id: string) => (await tx.select({ n: users.displayName }).from(users).where(eq(users.id, id)))[0]?.n ?? '';

const isUnique = (e: unknown) => {
  const x = e as { code?: string; cause?: { code?: string } };
  return x?.code === '23505' || x?.cause?.code === '23505';
};

export async function signIn(deps: Deps, ctx: QueueCtx, windowId: string) {
  const now = deps.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const w = await windowInScope(tx, ctx.actor, 'create', 'window_session', windowId);
      if (!w.w.active) throw new BusinessRule('WINDOW_INACTIVE', '该窗口已停用');
      const [mine] = await tx
        .select({ windowId: windowSessions.windowId, number: windows.number })
        .from(windowSessions)
        .innerJoin(windows, eq(windows.id, windowSessions.windowId))
        .where(and(eq(windowSessions.userId, ctx.actor.userId), isNull(windowSessions.signedOutAt)));
      if (mine?.windowId === windowId) throw new Conflict('您已在此窗口签到', 'ALREADY_SIGNED_IN');
      if (mine) throw new Conflict(`您已在${mine.number}号窗口签到，请先在该窗口签退`, 'SIGNED_IN_ELSEWHERE');
      const other = await openSessionOfWindow(tx, windowId);
      if (other) throw new Conflict(`该窗口已由${await userName(tx, other.userId)}签到`, 'WINDOW_OCCUPIED');
      const [s] = await tx
        .insert(windowSessions)
        .values({ countyId: w.w.countyId, centerId: w.w.centerId, windowId, userId: ctx.actor.userId, serviceDate: businessDate(now), signedInAt: now })
        .returning();
      await publishHallEvent(tx, { centerId: w.w.centerId, type: 'window.opened', at: now.toISOString(), data: { windowId, windowNumber: w.w.number, windowName: w.w.name } });
      await audit(tx, ctx, 'attendance.signed_in', 'window_session', { id: s.id, countyId: s.countyId }, { windowNumber: w.w.number });
      return { session: sessionView(s, ctx.actor.displayName) };
    });
  } catch (e) {
    if (isUnique(e)) throw new Conflict('该窗口或您本人已有签到记录，请刷新后重试', 'WINDOW_OCCUPIED');
    throw e;
  }
}

async function currentTicket(tx: Executor, windowId: string, lock = false) {
  const q = tx
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.windowId, windowId), inArray(queueTickets.status, ['called', 'serving'])))
    .orderBy(desc(queueTickets.calledAt))
    .limit(1);
  const [t] = lock ? await q.for('update') : await q;
  return t;
}

export async function signOut(deps: Deps, ctx: QueueCtx, windowId: string) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const w = await windowInScope(tx, ctx.actor, 'update', 'window_session', windowId);
    const s = await mySession(tx, ctx.actor, windowId);
    const cur = await currentTicket(tx, windowId);
    if (cur) throw new BusinessRule('TICKET_IN_PROGRESS', `请先处理当前号 ${cur.code}（办理完毕、过号或转移）再签退`);
    const pausedSeconds = s.pausedSeconds + (s.pausedAt ? Math.max(0, Math.round((now.getTime() - s.pausedAt.getTime()) / 1000)) : 0);
    await tx.update(windowSessions).set({ signedOutAt: now, pausedAt: null, pausedSeconds }).where(eq(windowSessions.id, s.id));
    await publishHallEvent(tx, { centerId: w.w.centerId, type: 'window.closed', at: now.toISOString(), data: { windowId, windowNumber: w.w.number } });
    await audit(tx, ctx, 'attendance.signed_out', 'window_session', { id: s.id, countyId: s.countyId }, { windowNumber: w.w.number });
    return { session: null };
  });
}

export async function pause(deps: Deps, ctx: QueueCtx, windowId: string, reason: string) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const w = await windowInScope(tx, ctx.actor, 'update', 'window_session', windowId);
    const s = await mySession(tx, ctx.actor, windowId);
    if (s.pausedAt) throw new Conflict('窗口已暂停服务', 'ALREADY_PAUSED');
    const [u] = await tx.update(windowSessions).set({ pausedAt: now, pauseReason: reason }).where(eq(windowSessions.id, s.id)).returning();
    await publishHallEvent(tx, { centerId: w.w.centerId, type: 'window.paused', at: now.toISOString(), data: { windowId, windowNumber: w.w.number } });
    await audit(tx, ctx, 'attendance.paused', 'window_session', { id: s.id, countyId: s.countyId }, { windowNumber: w.w.number, reason });
    return { session: sessionView(u, ctx.actor.displayName) };
  });
}

export async function resume(deps: Deps, ctx: QueueCtx, windowId: string) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const w = await windowInScope(tx, ctx.actor, 'update', 'window_session', windowId);
    const s = await mySession(tx, ctx.actor, windowId);
    if (!s.pausedAt) throw new Conflict('窗口未暂停', 'NOT_PAUSED');
    const pausedSeconds = s.pausedSeconds + Math.max(0, Math.round((now.getTime() - s.pausedAt.getTime()) / 1000));
    const [u] = await tx.update(windowSessions).set({ pausedAt: null, pauseReason: null, pausedSeconds }).where(eq(windowSessions.id, s.id)).returning();
    await publishHallEvent(tx, { centerId: w.w.centerId, type: 'window.resumed', at: now.toISOString(), data: { windowId, windowNumber: w.w.number } });
    await audit(tx, ctx, 'attendance.resumed', 'window_session', { id: s.id, countyId: s.countyId }, { windowNumber: w.w.number });
    return { session: sessionView(u, ctx.actor.displayName) };
  });
}

/** The window's categories (ids) in the window's configured order. */
async function windowCategories(tx: Executor, centerId: string, names: string[]) {
  if (names.length === 0) return [];
  const rows = await tx
    .select({ id: queueCategories.id, name: queueCategories.name, prefix: queueCategories.prefix })
    .from(queueCategories)
    .where(and(eq(queueCategories.centerId, centerId), eq(queueCategories.active, true), inArray(queueCategories.name, names)));
  return names.map((n) => rows.find((r) => r.name === n)).filter((r): r is NonNullable<typeof r> => !!r);
}

async function calledToday(tx: Executor, windowId: string, day: string) {
  const [r] = await tx
    .select({ n: count() })
    .from(queueTickets)
    .where(and(eq(queueTickets.windowId, windowId), eq(queueTickets.serviceDate, day), inArray(queueTickets.status, ['called', 'serving', 'done', 'no_show'])));
  return Number(r.n);
}

async function ticketView(tx: Executor, t: TicketRow): Promise<z.infer<typeof ConsoleTicket>> {
  const [k] = await tx.select({ name: queueCategories.name }).from(queueCategories).where(eq(queueCategories.id, t.categoryId));
  const caseNo = t.caseId ? ((await tx.select({ caseNo: cases.caseNo }).from(cases).where(eq(cases.id, t.caseId)))[0]?.caseNo ?? null) : null;
  return {
    id: t.id,
    code: t.code,
    categoryId: t.categoryId,
    categoryName: k?.name ?? '',
    status: t.status as z.infer<typeof ConsoleTicket>['status'],
    priority: t.priority,
    reason: t.priorityReason as PriorityReason | null,
    source: t.source as z.infer<typeof ConsoleTicket>['source'],
    recalls: t.recalls,
    queuedAt: t.queuedAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    servingAt: t.servingAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
    caseId: t.caseId,
    caseNo,
    version: t.version,
  };
}

/**
 * 叫号: the next ticket per queue.rules.ts callOrder, chosen with FOR UPDATE SKIP LOCKED so windows
 * calling at the same moment each get a different ticket. Returns { ticket: null } when nothing waits
 * (200). 422 when not signed in, paused, a ticket is still open at the window, or the window cap is
 * reached and no appointment ticket waits (queue.rules.ts callableAtWindowCap).
 */
export async function callNext(deps: Deps, ctx: QueueCtx, windowId: string): Promise<{ ticket: z.infer<typeof ConsoleTicket> | null }> {
  const now = deps.now();
  const today = businessDate(now);
  return deps.db.transaction(async (tx) => {
    const w = await windowInScope(tx, ctx.actor, 'update', 'queue', windowId);
    const s = await mySession(tx, ctx.actor, windowId);
    if (s.pausedAt) throw new BusinessRule('WINDOW_PAUSED', '窗口暂停服务中，请先恢复服务');
    const cur = await currentTicket(tx, windowId);
    if (cur) throw new BusinessRule('TICKET_IN_PROGRESS', `当前号 ${cur.code} 尚未处理完（办理完毕、过号或转移后再叫下一号）`);
    // At its cap the window still calls appointment tickets (places already promised), nothing else.
    const capped = windowCapReached(w.w.dailyCap, await calledToday(tx, windowId, today));
    const cats = await windowCategories(tx, w.w.centerId, w.w.categories);
    const ids = cats.map((c) => c.id);
    const targeted = eq(queueTickets.targetWindowId, windowId);
    const rank = ids.length
      ? sql`case when ${queueTickets.targetWindowId} = ${windowId} then -1 else array_position(array[${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}], ${queueTickets.categoryId}) end`
      : sql`-1`;
    const [next] = await tx
      .select({ id: queueTickets.id })
      .from(queueTickets)
      .where(
        and(
          eq(queueTickets.centerId, w.w.centerId),
          eq(queueTickets.serviceDate, today),
          eq(queueTickets.status, 'waiting'),
          ids.length ? or(targeted, and(isNull(queueTickets.targetWindowId), inArray(queueTickets.categoryId, ids))) : targeted,
          capped ? inArray(queueTickets.source, TICKET_SOURCES.filter(callableAtWindowCap)) : undefined,
        ),
      )
      .orderBy(rank, desc(queueTickets.priority), asc(queueTickets.queuedAt), asc(queueTickets.id))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!next && capped) throw new BusinessRule('WINDOW_CAP_REACHED', `本窗口今日已达限号（${w.w.dailyCap}号）`);
    if (!next) return { ticket: null };
    const [t] = await tx
      .update(queueTickets)
      .set({ status: 'called', windowId, calledAt: now, calledBy: ctx.actor.userId, targetWindowId: null, recalls: 0, version: sql`${queueTickets.version} + 1` })
      .where(eq(queueTickets.id, next.id))
      .returning();
    const view = await ticketView(tx, t);
    await publishHallEvent(tx, { centerId: w.w.centerId, type: 'ticket.called', at: now.toISOString(), data: { code: t.code, windowNumber: w.w.number, windowName: w.w.name, categoryName: view.categoryName, categoryId: t.categoryId } });
    await audit(tx, ctx, 'queue.ticket_called', 'queue_ticket', { id: t.id, countyId: t.countyId }, { code: t.code, windowNumber: w.w.number });
    return { ticket: view };
  });
}

/** Staff actions on a ticket ('update' queue in scope), and 'withdraw': its holder gives it up ('withdraw' queue, self). */
type TicketAction = 'recall' | 'skip' | 'start' | 'finish' | 'transfer' | 'link' | 'cancel' | 'withdraw';

/**
 * Loads and locks the ticket, checks the policy (404 outside scope, or not the holder's for 'withdraw'),
 * version (409; null: no version, the caller checks the locked status) and, for window actions, that
 * the reader is signed in at its window.
 */
async function lockTicket(tx: Executor, ctx: QueueCtx, ticketId: string, version: number | null, action: TicketAction) {
  const [t] = await tx.select().from(queueTickets).where(eq(queueTickets.id, ticketId)).for('update');
  if (!t) throw new NotFound('号票不存在');
  const c = await getCenter(tx, t.centerId);
  if (!c) throw new NotFound('号票不存在');
  authorize(ctx.actor, action === 'withdraw' ? 'withdraw' : 'update', 'queue', { regionPath: c.regionPath, centerId: t.centerId, ownerId: t.userId });
  if (version !== null && t.version !== version) throw new Conflict('号票状态已变化，请刷新后重试');
  let w: Awaited<ReturnType<typeof windowOf>> | null = null;
  if (t.windowId) w = await windowOf(tx, t.windowId);
  if (['recall', 'skip', 'start', 'finish', 'transfer'].includes(action)) {
    if (!t.windowId || !['called', 'serving'].includes(t.status)) throw new BusinessRule('TICKET_NOT_AT_WINDOW', `号票 ${t.code} 当前不在窗口办理中`);
    await mySession(tx, ctx.actor, t.windowId);
  }
  return { t, w };
}

async function updateTicket(tx: Executor, t: TicketRow, set: Partial<typeof queueTickets.$inferInsert>) {
  const [u] = await tx
    .update(queueTickets)
    .set({ ...set, version: t.version + 1 })
    .where(eq(queueTickets.id, t.id))
    .returning();
  return u;
}

const ev = (w: { w: { number: number; name: string } } | null, t: TicketRow, categoryName: string) => ({
  code: t.code,
  windowNumber: w?.w.number ?? null,
  windowName: w?.w.name ?? null,
  categoryName,
  categoryId: t.categoryId,
});

/** 重呼: recalls + 1 and announce again; a recall beyond the center's recallLimit makes it a no-show instead. */
export async function recall(deps: Deps, ctx: QueueCtx, ticketId: string, version: number) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { t, w } = await lockTicket(tx, ctx, ticketId, version, 'recall');
    if (t.status !== 'called') throw new BusinessRule('TICKET_NOT_CALLED', '只能重呼已叫号、尚未开始办理的号');
    const settings = await settingsOf(tx, t.centerId);
    const noShow = recallExhausts(t.recalls, settings.recallLimit);
    const u = noShow ? await updateTicket(tx, t, { status: 'no_show', finishedAt: now }) : await updateTicket(tx, t, { recalls: t.recalls + 1 });
    const view = await ticketView(tx, u);
    await publishHallEvent(tx, { centerId: t.centerId, type: noShow ? 'ticket.no_show' : 'ticket.recalled', at: now.toISOString(), data: { ...ev(w, u, view.categoryName), recalls: u.recalls } });
    await audit(tx, ctx, noShow ? 'queue.ticket_no_show' : 'queue.ticket_recalled', 'queue_ticket', { id: t.id, countyId: t.countyId }, { code: t.code, recalls: u.recalls });
    return { ticket: view };
  });
}

/** 过号: back to the end of its category's line (queuedAt = now, leaves the window), or a no-show once recalled recallLimit times. */
export async function skip(deps: Deps, ctx: QueueCtx, ticketId: string, version: number) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { t, w } = await lockTicket(tx, ctx, ticketId, version, 'skip');
    if (t.status !== 'called') throw new BusinessRule('TICKET_NOT_CALLED', '只能对已叫号、尚未开始办理的号过号');
    const settings = await settingsOf(tx, t.centerId);
    const outcome = skipOutcome(t.recalls, settings.recallLimit);
    const u =
      outcome === 'no_show'
        ? await updateTicket(tx, t, { status: 'no_show', finishedAt: now })
        : await updateTicket(tx, t, { status: 'waiting', queuedAt: now, windowId: null, calledAt: null, calledBy: null });
    const view = await ticketView(tx, u);
    await publishHallEvent(tx, { centerId: t.centerId, type: outcome === 'no_show' ? 'ticket.no_show' : 'ticket.skipped', at: now.toISOString(), data: ev(w, u, view.categoryName) });
    await audit(tx, ctx, outcome === 'no_show' ? 'queue.ticket_no_show' : 'queue.ticket_skipped', 'queue_ticket', { id: t.id, countyId: t.countyId }, { code: t.code });
    return { ticket: view };
  });
}

export async function start(deps: Deps, ctx: QueueCtx, ticketId: string, version: number) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { t, w } = await lockTicket(tx, ctx, ticketId, version, 'start');
    if (t.status !== 'called') throw new BusinessRule('TICKET_NOT_CALLED', '该号已在办理中');
    const u = await updateTicket(tx, t, { status: 'serving', servingAt: now });
    const view = await ticketView(tx, u);
    await publishHallEvent(tx, { centerId: t.centerId, type: 'ticket.serving', at: now.toISOString(), data: ev(w, u, view.categoryName) });
    await audit(tx, ctx, 'queue.ticket_served', 'queue_ticket', { id: t.id, countyId: t.countyId }, { code: t.code });
    return { ticket: view };
  });
}

export async function finish(deps: Deps, ctx: QueueCtx, ticketId: string, version: number) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { t, w } = await lockTicket(tx, ctx, ticketId, version, 'finish');
    if (t.status !== 'serving') throw new BusinessRule('TICKET_NOT_SERVING', '请先点“开始办理”');
    const u = await updateTicket(tx, t, { status: 'done', finishedAt: now });
    const view = await ticketView(tx, u);
    await publishHallEvent(tx, { centerId: t.centerId, type: 'ticket.finished', at: now.toISOString(), data: ev(w, u, view.categoryName) });
    await audit(tx, ctx, 'queue.ticket_finished', 'queue_ticket', { id: t.id, countyId: t.countyId }, { code: t.code });
    return { ticket: view };
  });
}

/**
 * 转移: back to waiting (keeps its priority; queuedAt = now). To a window of the same center: keeps its code
 * and waits for that window only (called there first). To another category: takes that category's next
 * number (codes are unique per category and day), the event carries previousCode.
 */
export async function transfer(deps: Deps, ctx: QueueCtx, ticketId: string, body: { version: number; categoryId?: string; windowId?: string }) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { t, w } = await lockTicket(tx, ctx, ticketId, body.version, 'transfer');
    let set: Partial<typeof queueTickets.$inferInsert>;
    let target: Record<string, unknown>;
    if (body.windowId) {
      if (body.windowId === t.windowId) throw new BusinessRule('TRANSFER_SAME_WINDOW', '不能转移到本窗口');
      const [tw] = await tx.select().from(windows).where(and(eq(windows.id, body.windowId), eq(windows.centerId, t.centerId), eq(windows.active, true)));
      if (!tw) throw new NotFound('目标窗口不存在');
      set = { targetWindowId: tw.id };
      target = { windowNumber: tw.number };
    } else {
      const [k] = await tx
        .select()
        .from(queueCategories)
        .where(and(eq(queueCategories.id, body.categoryId!), eq(queueCategories.centerId, t.centerId), eq(queueCategories.active, true)));
      if (!k) throw new NotFound('目标业务类别不存在');
      // The number is unique per category and day (queue_tickets_number_uq), so a ticket moved to
      // another category takes that category's next number (its cap does not apply: not a new visitor).
      const [counter] = await tx
        .insert(queueCounters)
        .values({ categoryId: k.id, serviceDate: t.serviceDate, last: 1 })
        .onConflictDoUpdate({ target: [queueCounters.categoryId, queueCounters.serviceDate], set: { last: sql`${queueCounters.last} + 1` } })
        .returning({ last: queueCounters.last });
      set = { categoryId: k.id, targetWindowId: null, number: counter.last, code: ticketCode(k.prefix, counter.last) };
      target = { categoryName: k.name, previousCode: t.code };
    }
    const u = await updateTicket(tx, t, { ...set, status: 'waiting', queuedAt: now, windowId: null, calledAt: null, calledBy: null, servingAt: null, recalls: 0 });
    const view = await ticketView(tx, u);
    await publishHallEvent(tx, { centerId: t.centerId, type: 'ticket.transferred', at: now.toISOString(), data: { ...ev(w, u, view.categoryName), ...target } });
    await audit(tx, ctx, 'queue.ticket_transferred', 'queue_ticket', { id: t.id, countyId: t.countyId }, { code: t.code, ...target });
    return { ticket: view };
  });
}

/** 关联办件: the case must exist in the ticket's center. */
export async function link(deps: Deps, ctx: QueueCtx, ticketId: string, body: { version: number; caseId: string }) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { t } = await lockTicket(tx, ctx, ticketId, body.version, 'link');
    if (!['called', 'serving', 'done'].includes(t.status)) throw new BusinessRule('TICKET_NOT_SERVED', '只能为已叫号或办理中的号关联办件');
    const [c] = await tx.select({ id: cases.id, centerId: cases.centerId, caseNo: cases.caseNo }).from(cases).where(eq(cases.id, body.caseId));
    if (!c || c.centerId !== t.centerId) throw new NotFound('办件不存在或不属于本中心');
    const u = await updateTicket(tx, t, { caseId: c.id });
    const view = await ticketView(tx, u);
    await audit(tx, ctx, 'queue.ticket_linked', 'queue_ticket', { id: t.id, countyId: t.countyId }, { code: t.code, caseNo: c.caseNo, at: now.toISOString() });
    return { ticket: view };
  });
}

/** Cancels a locked ticket: status, the hall event (screens and consoles update), the audit row last. The clerk's cancel and the holder's share it. */
async function cancelLocked(tx: Executor, ctx: QueueCtx, locked: Awaited<ReturnType<typeof lockTicket>>, now: Date, details: Record<string, unknown> = {}) {
  const { t, w } = locked;
  const u = await updateTicket(tx, t, { status: 'cancelled', finishedAt: now });
  const view = await ticketView(tx, u);
  await publishHallEvent(tx, { centerId: t.centerId, type: 'ticket.cancelled', at: now.toISOString(), data: ev(w, u, view.categoryName) });
  await audit(tx, ctx, 'queue.ticket_cancelled', 'queue_ticket', { id: t.id, countyId: t.countyId }, { code: t.code, ...details });
  return view;
}

export async function cancel(deps: Deps, ctx: QueueCtx, ticketId: string, version: number) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const locked = await lockTicket(tx, ctx, ticketId, version, 'cancel');
    if (!['waiting', 'called'].includes(locked.t.status)) throw new BusinessRule('TICKET_NOT_OPEN', '只能取消等候中或已叫号的号');
    return { ticket: await cancelLocked(tx, ctx, locked, now) };
  });
}

export async function consoleView(deps: Deps, ctx: QueueCtx, windowId: string): Promise<z.infer<typeof ConsoleView>> {
  const tx = deps.db;
  const today = businessDate(deps.now());
  const w = await windowInScope(tx, ctx.actor, 'read', 'queue', windowId);
  const s = await openSessionOfWindow(tx, windowId);
  const cur = await currentTicket(tx, windowId);
  const cats = await windowCategories(tx, w.w.centerId, w.w.categories);
  const waiting = await waitingByCategory(tx, w.w.centerId, today);
  const [tg] = await tx
    .select({ n: count() })
    .from(queueTickets)
    .where(and(eq(queueTickets.targetWindowId, windowId), eq(queueTickets.serviceDate, today), eq(queueTickets.status, 'waiting')));
  const [served] = await tx
    .select({ n: count() })
    .from(queueTickets)
    .where(and(eq(queueTickets.windowId, windowId), eq(queueTickets.serviceDate, today), eq(queueTickets.status, 'done')));
  const others = await tx
    .select({ id: windows.id, number: windows.number, name: windows.name })
    .from(windows)
    .where(and(eq(windows.centerId, w.w.centerId), eq(windows.active, true), ne(windows.id, windowId)))
    .orderBy(asc(windows.number));
  const allCats = await tx
    .select({ id: queueCategories.id, name: queueCategories.name })
    .from(queueCategories)
    .where(and(eq(queueCategories.centerId, w.w.centerId), eq(queueCategories.active, true)))
    .orderBy(asc(queueCategories.sort), asc(queueCategories.prefix));
  return {
    window: { id: w.w.id, centerId: w.w.centerId, centerName: w.centerName, number: w.w.number, name: w.w.name, dailyCap: w.w.dailyCap },
    serviceDate: today,
    session: s ? sessionView(s, await userName(tx, s.userId)) : null,
    mine: !!s && s.userId === ctx.actor.userId,
    current: cur ? await ticketView(tx, cur) : null,
    categories: cats.map((k) => ({ ...k, waiting: waiting.get(k.id)?.all ?? 0, priorityWaiting: waiting.get(k.id)?.priority ?? 0 })),
    targetedWaiting: Number(tg.n),
    calledToday: await calledToday(tx, windowId, today),
    servedToday: Number(served.n),
    otherWindows: others,
    centerCategories: allCats,
  };
}

/** Windows the reader may work at (queue.update in scope), with who is signed in. */
export async function myWindows(deps: Deps, ctx: QueueCtx): Promise<z.infer<typeof MyWindows>> {
  const scope = requireAbility(ctx.actor, 'update', 'queue');
  if (scopeIsEmpty(scope)) return { items: [] };
  const rows = await deps.db
    .select({ w: windows, centerName: centers.name, regionPath: regions.path, occupant: users.displayName, occupantId: windowSessions.userId })
    .from(windows)
    .innerJoin(centers, eq(centers.id, windows.centerId))
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .leftJoin(windowSessions, and(eq(windowSessions.windowId, windows.id), isNull(windowSessions.signedOutAt)))
    .leftJoin(users, eq(users.id, windowSessions.userId))
    .where(and(eq(windows.active, true), eq(centers.active, true)))
    .orderBy(asc(centers.name), asc(windows.number));
  const inScope = (r: (typeof rows)[number]) => can(ctx.actor, 'update', 'queue', { regionPath: r.regionPath, centerId: r.w.centerId });
  return {
    items: rows.filter(inScope).map((r) => ({
      id: r.w.id,
      centerId: r.w.centerId,
      centerName: r.centerName,
      number: r.w.number,
      name: r.w.name,
      categories: r.w.categories,
      occupiedBy: r.occupant ?? null,
      mine: r.occupantId === ctx.actor.userId,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// The citizen's own tickets (portal 在线取号, 我的排号)

/** Halls one can take a ticket at (public): active centers with an active category, the county hall first. */
export async function queueHalls(deps: Deps): Promise<z.infer<typeof QueueHalls>> {
  const withCategories = deps.db.select({ centerId: queueCategories.centerId }).from(queueCategories).where(eq(queueCategories.active, true));
  const rows = await deps.db
    .select({ id: centers.id, name: centers.name, level: centers.level, regionId: centers.regionId, address: centers.address })
    .from(centers)
    .where(and(eq(centers.active, true), inArray(centers.id, withCategories)))
    .orderBy(sql`${centers.level} <> 'county'`, asc(centers.name), asc(centers.id));
  return { items: rows };
}

/** A ticket as its holder sees it: names of the category, center and (while called or serving) window. */
async function holderTickets(tx: Executor, where: SQL) {
  return tx
    .select({ t: queueTickets, categoryName: queueCategories.name, centerName: centers.name, windowNumber: windows.number, windowName: windows.name })
    .from(queueTickets)
    .innerJoin(queueCategories, eq(queueCategories.id, queueTickets.categoryId))
    .innerJoin(centers, eq(centers.id, queueTickets.centerId))
    .leftJoin(windows, eq(windows.id, queueTickets.windowId))
    .where(where)
    .orderBy(desc(queueTickets.createdAt), desc(queueTickets.id));
}

function holderView(actor: Actor, r: Awaited<ReturnType<typeof holderTickets>>[number], peopleAhead: number | null): z.infer<typeof MyTicket> {
  const status = r.t.status as TicketStatus;
  const atWindow = status === 'called' || status === 'serving';
  const windowNumber = atWindow ? r.windowNumber : null;
  return {
    id: r.t.id,
    code: r.t.code,
    categoryId: r.t.categoryId,
    categoryName: r.categoryName,
    centerId: r.t.centerId,
    centerName: r.centerName,
    peopleAhead,
    priority: r.t.priority,
    reason: r.t.priorityReason as PriorityReason | null,
    serviceDate: r.t.serviceDate,
    takenAt: r.t.createdAt.toISOString(),
    status,
    windowNumber,
    windowName: atWindow ? r.windowName : null,
    cancellable: selfCancelRefusal({ status, code: r.t.code, windowNumber }) === null && can(actor, 'withdraw', 'queue', { ownerId: r.t.userId }),
  };
}

/** 我的排号: the caller's tickets of today at every center, newest first; a waiting one says how many are ahead of it now. */
export async function myTickets(deps: Deps, ctx: QueueCtx): Promise<z.infer<typeof MyTickets>> {
  requireAbility(ctx.actor, 'read', 'queue');
  const today = businessDate(deps.now());
  // Scope: the holder's own tickets ('self').
  const rows = await holderTickets(deps.db, and(eq(queueTickets.userId, ctx.actor.userId), eq(queueTickets.serviceDate, today))!);
  const items: z.infer<typeof MyTicket>[] = [];
  for (const r of rows) items.push(holderView(ctx.actor, r, r.t.status === 'waiting' ? await peopleAhead(deps.db, r.t) : null));
  return { serviceDate: today, items };
}

/**
 * 取消排号 by the holder: only a waiting ticket (queue.rules.ts selfCancelRefusal, 422 TICKET_NOT_WAITING);
 * another person's ticket is a 404. The same cancel as the clerk's: hall event and audit row.
 */
export async function cancelMine(deps: Deps, ctx: QueueCtx, ticketId: string): Promise<z.infer<typeof MyTicket>> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const locked = await lockTicket(tx, ctx, ticketId, null, 'withdraw');
    const refusal = selfCancelRefusal({ status: locked.t.status as TicketStatus, code: locked.t.code, windowNumber: locked.w?.w.number ?? null });
    if (refusal) throw new BusinessRule(refusal.code, refusal.message);
    await cancelLocked(tx, ctx, locked, now, { byHolder: true });
    const [r] = await holderTickets(tx, eq(queueTickets.id, ticketId));
    return holderView(ctx.actor, r, null);
  });
}

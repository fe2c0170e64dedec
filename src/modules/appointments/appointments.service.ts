import { and, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { writeAudit, type AuditAction } from '../../platform/audit.js';
import type { Actor, RequestMeta } from '../../platform/auth-context.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Conflict, Forbidden, Invalid, NotFound, TooManyRequests } from '../../platform/errors.js';
import { hit } from '../../platform/rate-limit.js';
import { newId } from '../../platform/ids.js';
import { authorize, can, requireAbility, scopeIsEmpty } from '../../platform/policy.js';
import { addDays, businessDate, CalendarYearMissingError } from '../calendar/calendar.rules.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { maskName } from '../consultations/consultations.rules.js';
import { getCenter } from '../org/org.repo.js';
import { centers, regions } from '../org/org.tables.js';
import { isUniqueViolation } from '../org/org.service.js';
import { hallSettingsOf } from '../queue/queue.rules.js';
import { takeTicketTx } from '../queue/queue.service.js';
import type { Appointment, BookableCenters, CheckInResult, DayBookings, MyAppointments, Session, SessionBody, SessionList, SessionUpdateBody, SlotList } from './appointments.contract.js';
import * as repo from './appointments.repo.js';
import { appointments, appointmentSessions, appointmentSlots } from './appointments.tables.js';
import {
  APPOINTMENT_STATUS_LABELS,
  blockedUntil,
  bookableDays,
  checkInState,
  checkInWindow,
  isAppointmentCode,
  cutSlots,
  firstDayWithPlace,
  isNoShowDue,
  newAppointmentCode,
  normaliseCode,
  SESSION_KIND_LABELS,
  sessionErrors,
  sessionRunsOn,
  slotStarted,
  type AppointmentSettings,
  type AppointmentStatus,
  type SessionKind,
} from './appointments.rules.js';

/**
 * Use cases of appointments (预约). Directors keep a center's sessions (时段模板); slots are
 * materialised from them for the bookable days, lazily when listed and at once when a session is
 * saved. A real-name citizen books a slot — the place is taken by one conditional UPDATE inside the
 * transaction that inserts the booking, so the last place goes to exactly one of concurrent requests —
 * changes (new place first, then the old one released) or cancels before the slot starts. Booked
 * appointments not checked in by checkInLateMinutes after their slot become no-shows (markNoShows);
 * too many of them block booking for a while.
 */

export interface AppointmentCtx {
  actor: Actor;
  meta: RequestMeta;
}

/** The appointment part of a center's hall settings (queue.rules.ts HallSettings; defaults when no row). */
export const appointmentSettingsOf = (json: Record<string, unknown> | null | undefined): AppointmentSettings => hallSettingsOf(json ?? {}).appointment;
const settingsOf = async (tx: Executor, centerId: string) => appointmentSettingsOf(await repo.hallSettingsJson(tx, centerId));

async function audit(tx: Executor, ctx: { actor: Actor | null; meta: RequestMeta | null } | null, action: AuditAction, objectType: string, o: { id: string; countyId: string }, details?: Record<string, unknown>) {
  await writeAudit(tx, ctx?.actor ?? null, ctx?.meta ?? null, { action, objectType, objectId: o.id, countyId: o.countyId, details });
}

// ---------------------------------------------------------------------------------------------------
// Slots

/**
 * Create the slots of a center's active sessions for `days` (idempotent: the unique (category, day,
 * startsAt) keeps an existing slot and its bookings). Days of a year without a calendar are skipped:
 * whether they are working days is unknown.
 */
export async function materialiseSlots(tx: Executor, centerId: string, days: readonly string[]): Promise<number> {
  if (days.length === 0) return 0;
  const sessions = (await repo.sessionsOf(tx, centerId, true)).map((r) => r.s);
  if (sessions.length === 0) return 0;
  const cal = await loadCalendar(tx, days[0], days[days.length - 1]);
  const rows: (typeof appointmentSlots.$inferInsert)[] = [];
  for (const day of days) {
    let workday: boolean;
    try {
      workday = cal.isWorkday(day);
    } catch (e) {
      if (e instanceof CalendarYearMissingError) continue;
      throw e;
    }
    for (const s of sessions) {
      if (!sessionRunsOn({ kind: s.kind as SessionKind, weekdays: s.weekdays }, day, workday)) continue;
      for (const cut of cutSlots(s)) {
        rows.push({ countyId: s.countyId, centerId, categoryId: s.categoryId, sessionId: s.id, day, startsAt: cut.startsAt, endsAt: cut.endsAt, kind: s.kind, capacity: s.capacity });
      }
    }
  }
  if (rows.length === 0) return 0;
  const inserted = await tx.insert(appointmentSlots).values(rows).onConflictDoNothing().returning({ id: appointmentSlots.id });
  return inserted.length;
}

/** Materialise the bookable days of a center (today … bookAheadDays), in its own transaction. */
export async function materialiseCenter(deps: Deps, centerId: string): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const settings = await settingsOf(tx, centerId);
    return materialiseSlots(tx, centerId, bookableDays(businessDate(deps.now()), settings.bookAheadDays));
  });
}

/** Public: the bookable slots of a category (places left; slots that have started are not shown). */
export async function availableSlots(deps: Deps, q: { centerId: string; categoryId: string; from?: string; to?: string }): Promise<SlotList> {
  return deps.db.transaction(async (tx) => {
    const cat = await repo.category(tx, q.categoryId);
    if (!cat || cat.centerId !== q.centerId || !cat.active) throw new NotFound('业务类别不存在');
    const settings = await settingsOf(tx, q.centerId);
    const now = deps.now();
    const days = bookableDays(businessDate(now), settings.bookAheadDays);
    await materialiseSlots(tx, q.centerId, days);
    const from = q.from && q.from > days[0] ? q.from : days[0];
    const last = days[days.length - 1];
    const to = q.to && q.to < last ? q.to : last;
    const rows = from <= to ? await repo.slotsOf(tx, q.categoryId, from, to) : [];
    const items = rows
      .map((r) => r.slot)
      .filter((s) => !slotStarted(now, s))
      .map((s) => ({ id: s.id, day: s.day, startsAt: s.startsAt, endsAt: s.endsAt, kind: s.kind as SessionKind, capacity: s.capacity, available: Math.max(0, s.capacity - s.booked) }));
    return { items, days };
  });
}

/**
 * The first bookable day (today … bookAheadDays) with a free place for a category, or null — what
 * availableSlots would list, computed without materialising slots (a plain read, so the queue can
 * ask it after a refused ticket without writing). The queue's 限号 answer offers this day.
 */
export async function nextFreeAppointmentDay(deps: Pick<Deps, 'db' | 'now'>, centerId: string, categoryId: string): Promise<string | null> {
  const cat = await repo.category(deps.db, categoryId);
  if (!cat || cat.centerId !== centerId || !cat.active) return null;
  const sessions = (await repo.sessionsOf(deps.db, centerId, true)).map((r) => r.s).filter((s) => s.categoryId === categoryId);
  const settings = await settingsOf(deps.db, centerId);
  const now = deps.now();
  const days = bookableDays(businessDate(now), settings.bookAheadDays);
  if (days.length === 0) return null;
  const stored = await repo.storedPlaces(deps.db, categoryId, days[0], days[days.length - 1]);
  if (sessions.length === 0 && stored.length === 0) return null;
  const cal = await loadCalendar(deps.db, days[0], days[days.length - 1]);
  const isWorkday = (day: string) => {
    try {
      return cal.isWorkday(day);
    } catch (e) {
      if (e instanceof CalendarYearMissingError) return null;
      throw e;
    }
  };
  return firstDayWithPlace(
    days,
    now,
    stored.map((r) => ({ ...r, offered: !!r.offered })),
    sessions.map((s) => ({ ...s, kind: s.kind as SessionKind })),
    isWorkday,
  );
}

export async function bookableCenters(deps: Deps): Promise<BookableCenters> {
  const rows = await repo.bookableCenterCategories(deps.db);
  const out = new Map<string, BookableCenters['items'][number]>();
  for (const r of rows) {
    let c = out.get(r.centerId);
    if (!c) out.set(r.centerId, (c = { id: r.centerId, name: r.centerName, level: r.level, regionId: r.regionId, address: r.address, categories: [] }));
    c.categories.push({ id: r.categoryId, name: r.categoryName });
  }
  return { items: [...out.values()] };
}

// ---------------------------------------------------------------------------------------------------
// Sessions (directors)

const sessionView = (r: { s: repo.SessionRow; categoryName: string }): Session => ({
  id: r.s.id,
  centerId: r.s.centerId,
  categoryId: r.s.categoryId,
  categoryName: r.categoryName,
  kind: r.s.kind as SessionKind,
  kindLabel: SESSION_KIND_LABELS[r.s.kind as SessionKind] ?? r.s.kind,
  weekdays: r.s.weekdays,
  startsAt: r.s.startsAt,
  endsAt: r.s.endsAt,
  slotMinutes: r.s.slotMinutes,
  capacity: r.s.capacity,
  active: r.s.active,
  version: r.s.version,
});

async function centerInScope(tx: Executor, actor: Actor, action: 'read' | 'create' | 'update', centerId: string) {
  const center = await getCenter(tx, centerId);
  if (!center) throw new NotFound('服务中心不存在');
  authorize(actor, action, 'appointment', { regionPath: center.regionPath, centerId: center.center.id });
  return center;
}

/** Centers whose appointments the caller manages (appointment.create in scope). */
export async function managedCenters(deps: Deps, ctx: AppointmentCtx): Promise<{ items: { id: string; name: string }[] }> {
  const scope = requireAbility(ctx.actor, 'read', 'appointment');
  if (scopeIsEmpty(scope)) return { items: [] };
  const rows = await deps.db
    .select({ id: centers.id, name: centers.name, regionPath: regions.path, level: centers.level })
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(eq(centers.active, true));
  const items = rows
    .filter((r) => can(ctx.actor, 'read', 'appointment', { regionPath: r.regionPath, centerId: r.id }))
    .filter((r) => r.level !== 'village')
    .sort((a, b) => a.regionPath.localeCompare(b.regionPath) || a.name.localeCompare(b.name, 'zh'));
  return { items: items.map((r) => ({ id: r.id, name: r.name })) };
}

export async function listSessions(deps: Deps, ctx: AppointmentCtx, centerId: string): Promise<SessionList> {
  requireAbility(ctx.actor, 'read', 'appointment');
  return deps.db.transaction(async (tx) => {
    await centerInScope(tx, ctx.actor, 'read', centerId);
    const items = (await repo.sessionsOf(tx, centerId)).map(sessionView);
    const categories = (await repo.categoriesOf(tx, centerId)).filter((c) => c.active).map((c) => ({ id: c.id, name: c.name }));
    return { items, categories };
  });
}

function checkSession(body: Omit<SessionBody, 'centerId'>) {
  const errs = sessionErrors(body);
  if (errs.length) throw new Invalid(errs[0].message, errs, 'APPOINTMENT_SESSION_INVALID');
}

/**
 * After a session changed: its future slots nobody booked are removed, booked ones are closed to new
 * bookings (capacity = booked; those people keep their places), and slots are cut again.
 */
async function reslot(tx: Executor, deps: Deps, s: repo.SessionRow) {
  const today = businessDate(deps.now());
  await tx.delete(appointmentSlots).where(and(eq(appointmentSlots.sessionId, s.id), gte(appointmentSlots.day, today), eq(appointmentSlots.booked, 0)));
  await tx
    .update(appointmentSlots)
    .set({ capacity: sql`${appointmentSlots.booked}` })
    .where(and(eq(appointmentSlots.sessionId, s.id), gte(appointmentSlots.day, today)));
  const settings = await settingsOf(tx, s.centerId);
  const days = bookableDays(today, settings.bookAheadDays);
  await materialiseSlots(tx, s.centerId, days);
  // A slot kept for its bookings that the new shape still has gets the new capacity back.
  if (s.active) {
    const cuts = new Set(cutSlots(s).map((c) => `${c.startsAt}-${c.endsAt}`));
    const kept = await tx
      .select()
      .from(appointmentSlots)
      .where(and(eq(appointmentSlots.sessionId, s.id), gte(appointmentSlots.day, today)));
    for (const k of kept) {
      if (cuts.has(`${k.startsAt}-${k.endsAt}`) && k.capacity !== Math.max(s.capacity, k.booked)) {
        await tx
          .update(appointmentSlots)
          .set({ capacity: Math.max(s.capacity, k.booked) })
          .where(eq(appointmentSlots.id, k.id));
      }
    }
  }
}

export async function createSession(deps: Deps, ctx: AppointmentCtx, body: SessionBody): Promise<Session> {
  requireAbility(ctx.actor, 'create', 'appointment');
  checkSession(body);
  return deps.db.transaction(async (tx) => {
    const center = await centerInScope(tx, ctx.actor, 'create', body.centerId);
    const cat = await repo.category(tx, body.categoryId);
    if (!cat || cat.centerId !== body.centerId) throw new Invalid('业务类别不属于该服务中心', [{ path: 'categoryId', message: '请选择本中心的业务类别' }], 'CATEGORY_MISMATCH');
    const id = newId();
    await tx.insert(appointmentSessions).values({ id, countyId: center.center.countyId, ...body });
    const row = (await repo.session(tx, id))!;
    await reslot(tx, deps, row.s);
    await audit(tx, ctx, 'appointment.session_saved', 'appointment_session', { id, countyId: center.center.countyId }, { created: true, centerId: body.centerId, categoryId: body.categoryId, kind: body.kind });
    return sessionView(row);
  });
}

export async function updateSession(deps: Deps, ctx: AppointmentCtx, id: string, body: SessionUpdateBody): Promise<Session> {
  requireAbility(ctx.actor, 'update', 'appointment');
  checkSession(body);
  return deps.db.transaction(async (tx) => {
    const before = await repo.session(tx, id);
    if (!before) throw new NotFound('预约时段不存在');
    await centerInScope(tx, ctx.actor, 'update', before.s.centerId);
    if (before.s.version !== body.version) throw new Conflict();
    const cat = await repo.category(tx, body.categoryId);
    if (!cat || cat.centerId !== before.s.centerId) throw new Invalid('业务类别不属于该服务中心', [{ path: 'categoryId', message: '请选择本中心的业务类别' }], 'CATEGORY_MISMATCH');
    const { version, ...fields } = body;
    const updated = await tx
      .update(appointmentSessions)
      .set({ ...fields, version: version + 1 })
      .where(and(eq(appointmentSessions.id, id), eq(appointmentSessions.version, version)))
      .returning({ id: appointmentSessions.id });
    if (updated.length === 0) throw new Conflict();
    const row = (await repo.session(tx, id))!;
    await reslot(tx, deps, row.s);
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => JSON.stringify(before.s[k]) !== JSON.stringify(row.s[k]));
    await audit(tx, ctx, 'appointment.session_saved', 'appointment_session', { id, countyId: row.s.countyId }, { changed });
    return sessionView(row);
  });
}

// ---------------------------------------------------------------------------------------------------
// Citizens

const isoNN = (d: Date) => d.toISOString();

function toView(v: NonNullable<Awaited<ReturnType<typeof repo.appointmentView>>>, now: Date, settings: AppointmentSettings): Appointment {
  const a = v.a;
  const w = checkInWindow({ day: v.day, startsAt: v.startsAt }, settings);
  return {
    id: a.id,
    code: a.code,
    status: a.status as AppointmentStatus,
    statusLabel: APPOINTMENT_STATUS_LABELS[a.status as AppointmentStatus] ?? a.status,
    centerId: a.centerId,
    centerName: v.centerName,
    centerAddress: v.centerAddress,
    categoryId: a.categoryId,
    categoryName: v.categoryName,
    itemName: v.itemName,
    slotId: a.slotId,
    day: v.day,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    checkInOpens: isoNN(w.opens),
    checkInCloses: isoNN(w.closes),
    changeable: a.status === 'booked' && !slotStarted(now, { day: v.day, startsAt: v.startsAt }),
    ticketCode: v.ticketCode,
    version: a.version,
  };
}

/** The real-name rule: a citizen account with an ID number (实名注册). */
async function requireRealName(tx: Executor, actor: Actor) {
  const me = await repo.identityOf(tx, actor.userId);
  if (!me || me.kind !== 'citizen' || !me.idNumberEnc) {
    throw new BusinessRule('APPOINTMENT_IDENTITY_REQUIRED', '预约须使用实名注册的群众账号（姓名和身份证号）');
  }
}

/** A bookable slot for this citizen now: exists, session active, not started, within the bookable days. */
async function bookableSlot(tx: Executor, slotId: string, now: Date) {
  const row = await repo.slot(tx, slotId);
  if (!row || row.sessionActive === false) throw new NotFound('预约时段不存在或已停止预约');
  const s = row.slot;
  const settings = await settingsOf(tx, s.centerId);
  const today = businessDate(now);
  if (slotStarted(now, s)) throw new BusinessRule('APPOINTMENT_SLOT_PAST', '该时段已开始，请选择其他时段');
  if (s.day >= addDays(today, settings.bookAheadDays)) throw new BusinessRule('APPOINTMENT_TOO_EARLY', `只能预约 ${settings.bookAheadDays} 天内的时段`);
  return { slot: s, settings };
}

const full = () => new Conflict('该时段已约满，请选择其他时段', 'APPOINTMENT_SLOT_FULL');
const alreadyBooked = () => new Conflict('您已预约了这个时段', 'APPOINTMENT_ALREADY_BOOKED');

export async function book(deps: Deps, ctx: AppointmentCtx, body: { slotId: string; itemId?: string }): Promise<Appointment> {
  requireAbility(ctx.actor, 'create', 'appointment');
  if (ctx.actor.kind !== 'citizen') throw new Forbidden('预约仅限群众账号');
  const now = deps.now();
  // No-shows of this person are settled first (its own transaction), so the block below is current.
  await markNoShows(deps, now, { userId: ctx.actor.userId });
  try {
    return await deps.db.transaction(async (tx) => {
      await requireRealName(tx, ctx.actor);
      const { slot, settings } = await bookableSlot(tx, body.slotId, now);
      const until = blockedUntil(await repo.historyOf(tx, ctx.actor.userId), businessDate(now), settings);
      if (until) throw new BusinessRule('APPOINTMENT_BLOCKED', `您近期多次预约未到，${until} 起才能再次预约`, { until });
      const [dup] = await tx
        .select({ id: appointments.id })
        .from(appointments)
        .where(and(eq(appointments.userId, ctx.actor.userId), eq(appointments.slotId, slot.id), eq(appointments.status, 'booked')));
      if (dup) throw alreadyBooked();
      if (body.itemId) {
        const item = await repo.publishedItem(tx, body.itemId);
        if (!item) throw new NotFound('事项不存在或已停止办理');
      }
      if (!(await repo.takePlace(tx, slot.id))) throw full();
      const id = newId();
      await tx.insert(appointments).values({
        id,
        countyId: slot.countyId,
        centerId: slot.centerId,
        categoryId: slot.categoryId,
        slotId: slot.id,
        userId: ctx.actor.userId,
        code: newAppointmentCode(),
        itemId: body.itemId ?? null,
        status: 'booked',
        createdAt: now,
      });
      const v = (await repo.appointmentView(tx, id))!;
      await audit(tx, ctx, 'appointment.booked', 'appointment', { id, countyId: slot.countyId }, { slotId: slot.id, centerId: slot.centerId, day: slot.day, startsAt: slot.startsAt });
      return toView(v, now, settings);
    });
  } catch (e) {
    // Two requests of the same person for the same slot at once: the partial unique index decides.
    if (isUniqueViolation(e)) throw alreadyBooked();
    throw e;
  }
}

async function ownBooked(tx: Executor, ctx: AppointmentCtx, id: string, version: number, now: Date) {
  const v = await repo.appointmentView(tx, id);
  if (!v || !can(ctx.actor, 'update', 'appointment', { ownerId: v.a.userId })) throw new NotFound('预约不存在');
  if (v.a.version !== version) throw new Conflict();
  if (v.a.status !== 'booked') throw new BusinessRule('APPOINTMENT_NOT_BOOKED', `该预约${APPOINTMENT_STATUS_LABELS[v.a.status as AppointmentStatus] ?? ''}，不能再修改`);
  if (slotStarted(now, { day: v.day, startsAt: v.startsAt })) throw new BusinessRule('APPOINTMENT_STARTED', '预约时段已开始，不能再改约或取消');
  return v;
}

async function bump(tx: Executor, id: string, version: number, set: Partial<typeof appointments.$inferInsert>) {
  const rows = await tx
    .update(appointments)
    .set({ ...set, version: version + 1 })
    .where(and(eq(appointments.id, id), eq(appointments.version, version), eq(appointments.status, 'booked')))
    .returning({ id: appointments.id });
  if (rows.length === 0) throw new Conflict();
}

/** 改约: one transaction — the new place is taken first, then the old one released. */
export async function change(deps: Deps, ctx: AppointmentCtx, id: string, body: { slotId: string; version: number }): Promise<Appointment> {
  requireAbility(ctx.actor, 'update', 'appointment');
  const now = deps.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const v = await ownBooked(tx, ctx, id, body.version, now);
      if (body.slotId === v.a.slotId) throw new BusinessRule('APPOINTMENT_SAME_SLOT', '新时段与原预约相同');
      const { slot, settings } = await bookableSlot(tx, body.slotId, now);
      if (slot.centerId !== v.a.centerId) throw new BusinessRule('APPOINTMENT_OTHER_CENTER', '只能改约同一服务中心的时段；去其他中心请取消后重新预约');
      if (!(await repo.takePlace(tx, slot.id))) throw full();
      await repo.releasePlace(tx, v.a.slotId);
      await bump(tx, id, v.a.version, { slotId: slot.id, categoryId: slot.categoryId });
      const after = (await repo.appointmentView(tx, id))!;
      await audit(tx, ctx, 'appointment.changed', 'appointment', { id, countyId: v.a.countyId }, { fromSlotId: v.a.slotId, toSlotId: slot.id, day: slot.day, startsAt: slot.startsAt });
      return toView(after, now, settings);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw alreadyBooked();
    throw e;
  }
}

export async function cancel(deps: Deps, ctx: AppointmentCtx, id: string, version: number): Promise<Appointment> {
  requireAbility(ctx.actor, 'update', 'appointment');
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const v = await ownBooked(tx, ctx, id, version, now);
    await bump(tx, id, v.a.version, { status: 'cancelled', cancelledAt: now });
    await repo.releasePlace(tx, v.a.slotId);
    const after = (await repo.appointmentView(tx, id))!;
    await audit(tx, ctx, 'appointment.cancelled', 'appointment', { id, countyId: v.a.countyId }, { slotId: v.a.slotId });
    return toView(after, now, await settingsOf(tx, v.a.centerId));
  });
}

export async function mine(deps: Deps, ctx: AppointmentCtx): Promise<MyAppointments> {
  requireAbility(ctx.actor, 'read', 'appointment');
  const now = deps.now();
  await markNoShows(deps, now, { userId: ctx.actor.userId });
  return deps.db.transaction(async (tx) => {
    const rows = await repo.appointmentsOfUser(tx, ctx.actor.userId);
    const settingsByCenter = new Map<string, AppointmentSettings>();
    const items: Appointment[] = [];
    for (const r of rows) {
      let s = settingsByCenter.get(r.a.centerId);
      if (!s) settingsByCenter.set(r.a.centerId, (s = await settingsOf(tx, r.a.centerId)));
      items.push(toView(r, now, s));
    }
    // The block uses the default rule here (the booking itself checks the booked center's rule).
    const until = blockedUntil(await repo.historyOf(tx, ctx.actor.userId), businessDate(now), appointmentSettingsOf(null));
    return { items, blockedUntil: until };
  });
}

// ---------------------------------------------------------------------------------------------------
// Check-in at the kiosk (签到)

/** Kiosk check-ins per IP per minute: the code is what checks a person in, so guessing is throttled. */
export const CHECK_IN_LIMIT = { count: 20, windowSeconds: 60 } as const;

const hhmmBeijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
const wrongCode = () => new NotFound('预约码不正确，请核对后重新输入');

/**
 * 签到: the code typed or scanned at the kiosk, within the check-in window, turns the booking into a
 * priority ticket of its category (queue takeTicketTx, source 'appointment') in one transaction.
 * Public (the kiosk has no session); rate-limited per IP; the answer carries no personal data.
 */
export async function checkIn(deps: Deps, meta: RequestMeta, body: { code: string; centerId?: string }): Promise<CheckInResult> {
  const limit = await hit(deps.db, `appt-checkin:${meta.ip}`, CHECK_IN_LIMIT.count, CHECK_IN_LIMIT.windowSeconds);
  if (!limit.allowed) throw new TooManyRequests('操作过于频繁，请稍后再试', limit.retryAfterSeconds);
  const code = normaliseCode(body.code);
  if (!isAppointmentCode(code)) throw wrongCode();
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await repo.appointmentByCode(tx, code);
    if (!row) throw wrongCode();
    const a = row.a;
    if (body.centerId && body.centerId !== a.centerId) throw new BusinessRule('APPOINTMENT_OTHER_CENTER', '这个预约不是本服务中心的，请到预约的服务中心签到');
    if (a.status === 'checked_in') throw new Conflict('这个预约已经签到过了，请留意叫号', 'APPOINTMENT_ALREADY_CHECKED_IN');
    if (a.status !== 'booked') throw new BusinessRule('APPOINTMENT_NOT_BOOKED', `这个预约${APPOINTMENT_STATUS_LABELS[a.status as AppointmentStatus] ?? ''}，不能签到，请现场取号`);
    const settings = await settingsOf(tx, a.centerId);
    const w = checkInWindow(row, settings);
    const state = checkInState(now, row, settings);
    if (state === 'early') throw new BusinessRule('APPOINTMENT_CHECKIN_EARLY', `还没到签到时间，请于 ${row.day} ${hhmmBeijing(w.opens)} 以后签到`, { opens: w.opens.toISOString() });
    if (state === 'late') throw new BusinessRule('APPOINTMENT_CHECKIN_LATE', '已超过签到时间，预约作废，请现场取号办理', { closes: w.closes.toISOString() });
    const ticket = await takeTicketTx(tx, deps, { centerId: a.centerId, categoryId: a.categoryId, source: 'appointment', priorityInput: { appointment: true }, userId: a.userId, appointmentId: a.id }, { actor: null, meta });
    const done = await tx
      .update(appointments)
      .set({ status: 'checked_in', checkedInAt: now, ticketId: ticket.id, version: sql`${appointments.version} + 1` })
      .where(and(eq(appointments.id, a.id), eq(appointments.status, 'booked')))
      .returning({ id: appointments.id });
    if (done.length === 0) throw new Conflict('这个预约已经签到过了，请留意叫号', 'APPOINTMENT_ALREADY_CHECKED_IN');
    await audit(tx, { actor: null, meta }, 'appointment.checked_in', 'appointment', { id: a.id, countyId: a.countyId }, { ticketId: ticket.id, ticketCode: ticket.code });
    return {
      ticketCode: ticket.code,
      categoryName: ticket.categoryName,
      centerName: ticket.centerName,
      peopleAhead: ticket.peopleAhead,
      priority: ticket.priority,
      day: row.day,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// No-shows

/**
 * 爽约: booked appointments whose slot ended more than checkInLateMinutes (the center's rule) ago
 * become no_show. One transaction; each one is audited. Returns how many were marked.
 */
export async function markNoShows(deps: Deps, now: Date = deps.now(), opts: { userId?: string } = {}): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const due = await repo.bookedUpTo(tx, businessDate(now), opts.userId);
    if (due.length === 0) return 0;
    const settings = await repo.allHallSettings(tx);
    let n = 0;
    for (const d of due) {
      if (!isNoShowDue(now, d, appointmentSettingsOf(settings.get(d.centerId)))) continue;
      const rows = await tx
        .update(appointments)
        .set({ status: 'no_show', version: sql`${appointments.version} + 1` })
        .where(and(eq(appointments.id, d.id), eq(appointments.status, 'booked')))
        .returning({ id: appointments.id });
      if (rows.length === 0) continue;
      n++;
      await audit(tx, null, 'appointment.no_show', 'appointment', { id: d.id, countyId: d.countyId }, { day: d.day });
    }
    return n;
  });
}

/** The periodic no-show job of a server process (tests call markNoShows themselves). */
export function startNoShowMarker(deps: Deps, log: { error: (o: object, m: string) => void }, intervalMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    markNoShows(deps)
      .catch((err: unknown) => log.error({ err }, 'appointment no-show marking failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

// ---------------------------------------------------------------------------------------------------
// Staff: a day's bookings

export async function dayBookings(deps: Deps, ctx: AppointmentCtx, q: { centerId: string; day?: string }): Promise<DayBookings> {
  requireAbility(ctx.actor, 'read', 'appointment');
  const day = q.day ?? businessDate(deps.now());
  return deps.db.transaction(async (tx) => {
    await centerInScope(tx, ctx.actor, 'read', q.centerId);
    const rows = await repo.bookingsOfDay(tx, q.centerId, day);
    const slots = await repo.slotsOfDay(tx, q.centerId, day);
    return {
      day,
      items: rows.map((r) => ({
        id: r.a.id,
        categoryName: r.categoryName,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        personName: maskName(r.personName),
        itemName: r.itemName,
        status: r.a.status as AppointmentStatus,
        statusLabel: APPOINTMENT_STATUS_LABELS[r.a.status as AppointmentStatus] ?? r.a.status,
        ticketCode: r.ticketCode,
      })),
      slots,
    };
  });
}

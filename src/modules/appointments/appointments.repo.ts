import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../auth/auth.tables.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { centers, regions } from '../org/org.tables.js';
import { hallSettings, queueCategories, queueTickets } from '../queue/queue.tables.js';
import { appointments, appointmentSessions, appointmentSlots } from './appointments.tables.js';

/** Queries of appointments (预约). Scope is checked by the service on the center before these run. */

export type SessionRow = typeof appointmentSessions.$inferSelect;
export type SlotRow = typeof appointmentSlots.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;

export async function hallSettingsJson(tx: Executor, centerId: string): Promise<Record<string, unknown> | null> {
  const [row] = await tx.select({ s: hallSettings.settings }).from(hallSettings).where(eq(hallSettings.centerId, centerId));
  return row?.s ?? null;
}

export async function allHallSettings(tx: Executor): Promise<Map<string, Record<string, unknown>>> {
  const rows = await tx.select({ centerId: hallSettings.centerId, s: hallSettings.settings }).from(hallSettings);
  return new Map(rows.map((r) => [r.centerId, r.s]));
}

export async function categoriesOf(tx: Executor, centerId: string) {
  return tx
    .select({ id: queueCategories.id, name: queueCategories.name, active: queueCategories.active })
    .from(queueCategories)
    .where(eq(queueCategories.centerId, centerId))
    .orderBy(asc(queueCategories.sort), asc(queueCategories.name));
}

export async function category(tx: Executor, id: string) {
  const [row] = await tx.select().from(queueCategories).where(eq(queueCategories.id, id));
  return row;
}

export async function sessionsOf(tx: Executor, centerId: string, activeOnly = false) {
  return tx
    .select({ s: appointmentSessions, categoryName: queueCategories.name })
    .from(appointmentSessions)
    .innerJoin(queueCategories, eq(queueCategories.id, appointmentSessions.categoryId))
    .where(and(eq(appointmentSessions.centerId, centerId), activeOnly ? eq(appointmentSessions.active, true) : undefined))
    .orderBy(asc(queueCategories.sort), asc(appointmentSessions.kind), asc(appointmentSessions.startsAt));
}

export async function session(tx: Executor, id: string) {
  const [row] = await tx
    .select({ s: appointmentSessions, categoryName: queueCategories.name })
    .from(appointmentSessions)
    .innerJoin(queueCategories, eq(queueCategories.id, appointmentSessions.categoryId))
    .where(eq(appointmentSessions.id, id));
  return row;
}

/** Centers with at least one active session, and the categories those sessions are for. */
export async function bookableCenterCategories(tx: Executor) {
  return tx
    .selectDistinct({
      centerId: centers.id,
      centerName: centers.name,
      level: centers.level,
      regionId: centers.regionId,
      address: centers.address,
      regionPath: regions.path,
      categoryId: queueCategories.id,
      categoryName: queueCategories.name,
      sort: queueCategories.sort,
    })
    .from(appointmentSessions)
    .innerJoin(centers, eq(centers.id, appointmentSessions.centerId))
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .innerJoin(queueCategories, eq(queueCategories.id, appointmentSessions.categoryId))
    .where(and(eq(appointmentSessions.active, true), eq(centers.active, true), eq(queueCategories.active, true)))
    .orderBy(asc(regions.path), asc(centers.name), asc(queueCategories.sort));
}

/** Slots of a category over days, from active sessions only. */
export async function slotsOf(tx: Executor, categoryId: string, from: string, to: string) {
  return tx
    .select({ slot: appointmentSlots })
    .from(appointmentSlots)
    .innerJoin(appointmentSessions, eq(appointmentSessions.id, appointmentSlots.sessionId))
    .where(and(eq(appointmentSlots.categoryId, categoryId), gte(appointmentSlots.day, from), lte(appointmentSlots.day, to), eq(appointmentSessions.active, true)))
    .orderBy(asc(appointmentSlots.day), asc(appointmentSlots.startsAt));
}

/** Every stored slot of a category over days (any session state), with whether citizens see it. */
export async function storedPlaces(tx: Executor, categoryId: string, from: string, to: string) {
  return tx
    .select({
      day: appointmentSlots.day,
      startsAt: appointmentSlots.startsAt,
      capacity: appointmentSlots.capacity,
      booked: appointmentSlots.booked,
      offered: sql<boolean>`coalesce(${appointmentSessions.active}, false)`,
    })
    .from(appointmentSlots)
    .leftJoin(appointmentSessions, eq(appointmentSessions.id, appointmentSlots.sessionId))
    .where(and(eq(appointmentSlots.categoryId, categoryId), gte(appointmentSlots.day, from), lte(appointmentSlots.day, to)));
}

export async function slot(tx: Executor, id: string) {
  const [row] = await tx
    .select({ slot: appointmentSlots, sessionActive: appointmentSessions.active })
    .from(appointmentSlots)
    .leftJoin(appointmentSessions, eq(appointmentSessions.id, appointmentSlots.sessionId))
    .where(eq(appointmentSlots.id, id));
  return row;
}

/** Take a place: ONE conditional statement, so concurrent bookings never pass capacity. */
export async function takePlace(tx: Executor, slotId: string): Promise<boolean> {
  const rows = await tx
    .update(appointmentSlots)
    .set({ booked: sql`${appointmentSlots.booked} + 1` })
    .where(and(eq(appointmentSlots.id, slotId), sql`${appointmentSlots.booked} < ${appointmentSlots.capacity}`))
    .returning({ id: appointmentSlots.id });
  return rows.length === 1;
}

export async function releasePlace(tx: Executor, slotId: string): Promise<void> {
  await tx
    .update(appointmentSlots)
    .set({ booked: sql`${appointmentSlots.booked} - 1` })
    .where(and(eq(appointmentSlots.id, slotId), sql`${appointmentSlots.booked} > 0`));
}

export async function identityOf(tx: Executor, userId: string) {
  const [row] = await tx.select({ kind: users.kind, name: users.displayName, idNumberEnc: users.idNumberEnc }).from(users).where(eq(users.id, userId));
  return row;
}

export async function publishedItem(tx: Executor, itemId: string) {
  const [row] = await tx
    .select({ id: catalogItems.id, centerId: catalogItems.centerId })
    .from(catalogItems)
    .where(and(eq(catalogItems.id, itemId), sql`${catalogItems.publishedVersion} is not null`));
  return row;
}

/** A person's appointments with the slot day (for the no-show block), newest first. */
export async function historyOf(tx: Executor, userId: string) {
  return tx
    .select({ status: appointments.status, day: appointmentSlots.day })
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .where(eq(appointments.userId, userId));
}

const view = {
  a: appointments,
  day: appointmentSlots.day,
  startsAt: appointmentSlots.startsAt,
  endsAt: appointmentSlots.endsAt,
  centerName: centers.name,
  centerAddress: centers.address,
  categoryName: queueCategories.name,
  itemName: catalogItems.name,
  ticketCode: queueTickets.code,
};

const viewQuery = (tx: Executor) =>
  tx
    .select(view)
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .innerJoin(centers, eq(centers.id, appointments.centerId))
    .innerJoin(queueCategories, eq(queueCategories.id, appointments.categoryId))
    .leftJoin(catalogItems, eq(catalogItems.id, appointments.itemId))
    .leftJoin(queueTickets, eq(queueTickets.id, appointments.ticketId));

export type AppointmentView = Awaited<ReturnType<typeof appointmentView>> & object;

export async function appointmentView(tx: Executor, id: string) {
  const [row] = await viewQuery(tx).where(eq(appointments.id, id));
  return row;
}

export async function appointmentsOfUser(tx: Executor, userId: string, limit = 100) {
  return viewQuery(tx).where(eq(appointments.userId, userId)).orderBy(desc(appointmentSlots.day), desc(appointmentSlots.startsAt)).limit(limit);
}

export async function appointmentByCode(tx: Executor, code: string) {
  const [row] = await tx
    .select({ a: appointments, day: appointmentSlots.day, startsAt: appointmentSlots.startsAt, endsAt: appointmentSlots.endsAt })
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .where(eq(appointments.code, code));
  return row;
}

/** A center's bookings of one day (staff list), with the booker's name for masking. */
export async function bookingsOfDay(tx: Executor, centerId: string, day: string) {
  return tx
    .select({ ...view, personName: users.displayName })
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .innerJoin(centers, eq(centers.id, appointments.centerId))
    .innerJoin(queueCategories, eq(queueCategories.id, appointments.categoryId))
    .innerJoin(users, eq(users.id, appointments.userId))
    .leftJoin(catalogItems, eq(catalogItems.id, appointments.itemId))
    .leftJoin(queueTickets, eq(queueTickets.id, appointments.ticketId))
    .where(and(eq(appointments.centerId, centerId), eq(appointmentSlots.day, day), inArray(appointments.status, ['booked', 'checked_in', 'no_show'])))
    .orderBy(asc(appointmentSlots.startsAt), asc(queueCategories.sort));
}

export async function slotsOfDay(tx: Executor, centerId: string, day: string) {
  return tx
    .select({ categoryName: queueCategories.name, startsAt: appointmentSlots.startsAt, endsAt: appointmentSlots.endsAt, capacity: appointmentSlots.capacity, booked: appointmentSlots.booked })
    .from(appointmentSlots)
    .innerJoin(queueCategories, eq(queueCategories.id, appointmentSlots.categoryId))
    .where(and(eq(appointmentSlots.centerId, centerId), eq(appointmentSlots.day, day)))
    .orderBy(asc(queueCategories.sort), asc(appointmentSlots.startsAt));
}

/** Booked appointments whose slot day has come (no-show candidates), with their center. */
export async function bookedUpTo(tx: Executor, today: string, userId?: string) {
  return tx
    .select({ id: appointments.id, countyId: appointments.countyId, centerId: appointments.centerId, day: appointmentSlots.day, endsAt: appointmentSlots.endsAt })
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .where(and(eq(appointments.status, 'booked'), lte(appointmentSlots.day, today), userId ? eq(appointments.userId, userId) : undefined));
}

import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { QueryScope } from '../../platform/policy.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { notify } from '../cases/cases.repo.js';
import { centerInScope } from '../org/org.repo.js';
import { centers, regions } from '../org/org.tables.js';
import { consultations } from './consultations.tables.js';

/** Queries of consultations. Staff lists take the caller's QueryScope (the asked center in scope). */

export type ConsultationRow = typeof consultations.$inferSelect;
export type ConsultationView = { c: ConsultationRow; centerName: string; centerPath: string; itemName: string | null };

const view = { c: consultations, centerName: centers.name, centerPath: regions.path, itemName: catalogItems.name };

const from = (tx: Executor) =>
  tx
    .select(view)
    .from(consultations)
    .innerJoin(centers, eq(centers.id, consultations.centerId))
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .leftJoin(catalogItems, eq(catalogItems.id, consultations.itemId));

export async function getConsultation(tx: Executor, id: string, lock = false): Promise<ConsultationView | undefined> {
  if (lock) await tx.select({ id: consultations.id }).from(consultations).where(eq(consultations.id, id)).for('update');
  const [row] = await from(tx).where(eq(consultations.id, id));
  return row;
}

export async function insertConsultation(tx: Executor, row: typeof consultations.$inferInsert): Promise<void> {
  await tx.insert(consultations).values(row);
}

export async function updateConsultation(tx: Executor, id: string, version: number, set: Partial<typeof consultations.$inferInsert>): Promise<ConsultationRow | undefined> {
  const [row] = await tx
    .update(consultations)
    .set({ ...set, version: sql`${consultations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(consultations.id, id), eq(consultations.version, version)))
    .returning();
  return row;
}

/** The citizen's own questions, newest first. */
export async function ofUser(tx: Executor, userId: string, limit: number) {
  return from(tx).where(eq(consultations.userId, userId)).orderBy(desc(consultations.createdAt), desc(consultations.id)).limit(limit);
}

export interface StaffFilter {
  status?: string;
  centerId?: string;
  itemId?: string;
}

const staffWhere = (scope: QueryScope, f: StaffFilter): SQL[] => {
  const where: SQL[] = [centerInScope(scope, consultations.centerId, regions.path)];
  if (f.status) where.push(eq(consultations.status, f.status));
  if (f.centerId) where.push(eq(consultations.centerId, f.centerId));
  if (f.itemId) where.push(eq(consultations.itemId, f.itemId));
  return where;
};

/**
 * Questions of centers in scope. Open ones oldest first (who waited longest is answered first), the
 * others newest first; keyset on (created_at, id) in that direction.
 */
export async function staffPage(tx: Executor, scope: QueryScope, f: StaffFilter, limit: number, after?: { at: string; id: string }) {
  const oldestFirst = f.status === 'open';
  const where = staffWhere(scope, f);
  if (after) {
    where.push(
      oldestFirst
        ? sql`(${consultations.createdAt}, ${consultations.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`
        : sql`(${consultations.createdAt}, ${consultations.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return from(tx)
    .where(and(...where))
    .orderBy(...(oldestFirst ? [asc(consultations.createdAt), asc(consultations.id)] : [desc(consultations.createdAt), desc(consultations.id)]))
    .limit(limit + 1);
}

export async function staffCounts(tx: Executor, scope: QueryScope, f: Omit<StaffFilter, 'status'>) {
  const rows = await tx
    .select({ status: consultations.status, n: sql<number>`count(*)::int` })
    .from(consultations)
    .innerJoin(centers, eq(centers.id, consultations.centerId))
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(and(...staffWhere(scope, f)))
    .groupBy(consultations.status);
  const by = new Map(rows.map((r) => [r.status, r.n]));
  return { open: by.get('open') ?? 0, answered: by.get('answered') ?? 0, closed: by.get('closed') ?? 0 };
}

/** Published Q&As of an item (its FAQ), newest answer first. */
export async function publishedOfItem(tx: Executor, itemId: string, limit: number) {
  return from(tx)
    .where(and(eq(consultations.itemId, itemId), isNotNull(consultations.publishedAt), eq(consultations.status, 'answered')))
    .orderBy(desc(consultations.publishedAt), desc(consultations.id))
    .limit(limit);
}

/** A published item (the one a citizen may ask about) and its center. */
export async function publishedItem(tx: Executor, itemId: string) {
  const [row] = await tx
    .select({ id: catalogItems.id, name: catalogItems.name, centerId: catalogItems.centerId, countyId: catalogItems.countyId })
    .from(catalogItems)
    .where(and(eq(catalogItems.id, itemId), isNotNull(catalogItems.publishedVersion)));
  return row;
}

/** An in-app message to the asker through the notification outbox (no case). */
export async function notifyUser(tx: Executor, userId: string, title: string, body: string): Promise<void> {
  await notify(tx, { userId, caseId: null, applicantId: null, channel: 'in_app', title, body, status: 'pending' });
}

/** Centers a citizen may ask directly: active county and township centers (village rooms are served by agents). */
export async function askableCenters(tx: Executor) {
  return tx
    .select({ id: centers.id, name: centers.name, level: centers.level, regionId: centers.regionId, phone: centers.phone })
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(and(eq(centers.active, true), inArray(centers.level, ['county', 'township'])))
    .orderBy(asc(regions.code), asc(centers.name));
}

import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../auth/auth.tables.js';
import { cases } from '../cases/cases.tables.js';
import { files } from '../files/files.tables.js';
import { centers } from '../org/org.tables.js';
import { applicationFiles, applications } from './applications.tables.js';

/**
 * Queries of online applications. An application belongs to one citizen (`user_id`): lists filter by
 * the caller, single rows are authorized by the service against their owner.
 */

export type ApplicationRow = typeof applications.$inferSelect;

export async function insertApplication(tx: Executor, row: typeof applications.$inferInsert): Promise<ApplicationRow> {
  const [r] = await tx.insert(applications).values(row).returning();
  return r;
}

export async function getApplication(tx: Executor, id: string, lock = false): Promise<ApplicationRow | undefined> {
  const q = tx.select().from(applications).where(eq(applications.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The caller's open draft of an item at a center (opening the same item again continues it). */
export async function findDraft(tx: Executor, userId: string, itemId: string, centerId: string): Promise<ApplicationRow | undefined> {
  const [row] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.userId, userId), eq(applications.itemId, itemId), eq(applications.centerId, centerId), eq(applications.status, 'draft')))
    .orderBy(desc(applications.updatedAt))
    .limit(1);
  return row;
}

/** Optimistic write: bumps the version; undefined when the version was stale. */
export async function updateApplication(tx: Executor, id: string, version: number, set: Partial<typeof applications.$inferInsert>): Promise<ApplicationRow | undefined> {
  const [row] = await tx
    .update(applications)
    .set({ ...set, version: sql`${applications.version} + 1`, updatedAt: new Date() })
    .where(and(eq(applications.id, id), eq(applications.version, version)))
    .returning();
  return row;
}

/** Uploads change the draft's files, not its form: the time moves, the form's version does not. */
export async function touchApplication(tx: Executor, id: string): Promise<void> {
  await tx.update(applications).set({ updatedAt: new Date() }).where(eq(applications.id, id));
}

/** The caller's applications (drafts and submitted), newest first, with the case they became. */
export async function listOfUser(tx: Executor, userId: string, limit = 100) {
  return tx
    .select({
      a: applications,
      centerName: centers.name,
      caseNo: cases.caseNo,
      caseStatus: cases.status,
      files: sql<number>`(select count(*)::int from ${applicationFiles} f where f.application_id = ${applications.id})`,
    })
    .from(applications)
    .innerJoin(centers, eq(centers.id, applications.centerId))
    .leftJoin(cases, eq(cases.id, applications.caseId))
    .where(and(eq(applications.userId, userId), ne(applications.status, 'discarded')))
    .orderBy(desc(applications.updatedAt), desc(applications.id))
    .limit(limit);
}

export async function caseOf(tx: Executor, caseId: string): Promise<{ caseNo: string; status: string } | undefined> {
  const [row] = await tx.select({ caseNo: cases.caseNo, status: cases.status }).from(cases).where(eq(cases.id, caseId));
  return row;
}

// ---------------------------------------------------------------------------------------------------
// Files

export async function filesOf(tx: Executor, applicationId: string) {
  return tx
    .select({ materialKey: applicationFiles.materialKey, id: files.id, name: files.name, mime: files.mime, size: files.size, createdAt: applicationFiles.createdAt })
    .from(applicationFiles)
    .innerJoin(files, eq(files.id, applicationFiles.fileId))
    .where(eq(applicationFiles.applicationId, applicationId))
    .orderBy(asc(applicationFiles.createdAt), asc(files.id));
}

export async function countFiles(tx: Executor, applicationId: string, materialKey: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(applicationFiles)
    .where(and(eq(applicationFiles.applicationId, applicationId), eq(applicationFiles.materialKey, materialKey)));
  return row?.n ?? 0;
}

export async function linkFile(tx: Executor, applicationId: string, materialKey: string, fileId: string): Promise<Date> {
  const [row] = await tx.insert(applicationFiles).values({ applicationId, materialKey, fileId }).returning({ createdAt: applicationFiles.createdAt });
  return row.createdAt;
}

/**
 * Remove uploads of a draft: the links and the stored files themselves (a citizen's photos of their
 * documents are not kept once they take them back). Never used for submitted applications.
 */
export async function removeFiles(tx: Executor, applicationId: string, fileIds: string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await tx.delete(applicationFiles).where(and(eq(applicationFiles.applicationId, applicationId), inArray(applicationFiles.fileId, fileIds)));
  await tx.delete(files).where(and(inArray(files.id, fileIds), eq(files.purpose, 'application_material')));
}

export async function isFileOf(tx: Executor, applicationId: string, fileId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: applicationFiles.fileId })
    .from(applicationFiles)
    .where(and(eq(applicationFiles.applicationId, applicationId), eq(applicationFiles.fileId, fileId)));
  return !!row;
}

// ---------------------------------------------------------------------------------------------------
// The citizen's real-name identity

export async function identityOf(tx: Executor, userId: string) {
  const [row] = await tx
    .select({ id: users.id, kind: users.kind, name: users.displayName, idNumberEnc: users.idNumberEnc, idNumberMasked: users.idNumberMasked, phoneEnc: users.phoneEnc })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

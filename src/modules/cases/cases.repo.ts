import { aliasedTable, and, asc, eq, exists, gt, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { QueryScope } from '../../platform/policy.js';
import { applicants } from '../applicants/applicants.tables.js';
import { users } from '../auth/auth.tables.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { centerInScope } from '../org/org.repo.js';
import { centers, departments, regions } from '../org/org.tables.js';
import { files } from '../files/files.tables.js';
import { caseCounters, caseEvents, caseFiles, caseMaterialFiles, caseMaterials, casePauses, cases, caseTasks, idempotencyKeys, notifications } from './cases.tables.js';
import { OPEN_STATUSES } from './cases.rules.js';

/** Queries of the case engine. Lists take the caller's QueryScope (receiving or handling center in scope). */

export type CaseRow = typeof cases.$inferSelect;
export type TaskRow = typeof caseTasks.$inferSelect;

const recvCenter = aliasedTable(centers, 'recv_center');
const recvRegion = aliasedTable(regions, 'recv_region');
const handCenter = aliasedTable(centers, 'hand_center');
const handRegion = aliasedTable(regions, 'hand_region');

const caseView = {
  c: cases,
  centerName: recvCenter.name,
  centerPath: recvRegion.path,
  handlingCenterName: handCenter.name,
  handlingPath: handRegion.path,
  departmentName: departments.name,
  applicantName: applicants.name,
  implementationCode: catalogItems.implementationCode,
};
export type CaseView = {
  c: CaseRow;
  centerName: string;
  centerPath: string;
  handlingCenterName: string;
  handlingPath: string;
  departmentName: string;
  applicantName: string;
  implementationCode: string;
};

const caseFrom = (tx: Executor) =>
  tx
    .select(caseView)
    .from(cases)
    .innerJoin(recvCenter, eq(recvCenter.id, cases.centerId))
    .innerJoin(recvRegion, eq(recvRegion.id, recvCenter.regionId))
    .innerJoin(handCenter, eq(handCenter.id, cases.handlingCenterId))
    .innerJoin(handRegion, eq(handRegion.id, handCenter.regionId))
    .innerJoin(departments, eq(departments.id, cases.departmentId))
    .innerJoin(applicants, eq(applicants.id, cases.applicantId))
    .innerJoin(catalogItems, eq(catalogItems.id, cases.itemId));

export async function getCase(tx: Executor, id: string, lock = false): Promise<CaseView | undefined> {
  if (lock) await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, id)).for('update');
  const [row] = await caseFrom(tx).where(eq(cases.id, id));
  return row;
}

export async function getCaseByNo(tx: Executor, caseNo: string): Promise<CaseView | undefined> {
  const [row] = await caseFrom(tx).where(eq(cases.caseNo, caseNo));
  return row;
}

/** Cases whose receiving or handling center is in the scope. */
export const caseInScope = (scope: QueryScope): SQL =>
  or(centerInScope(scope, cases.centerId, recvRegion.path), centerInScope(scope, cases.handlingCenterId, handRegion.path))!;

export interface CaseFilter {
  view: 'mine' | 'department' | 'center' | 'deliver' | 'all';
  userId: string;
  departmentIds: string[];
  /** Level of the caller's department (its department-less tasks at that level count as theirs). */
  departmentLevel?: string | null;
  status?: string;
  /** Due from `dueFrom` (today) to `dueOnOrBefore` (warning), or before `dueBefore` (overdue). */
  dueOnOrBefore?: string;
  dueFrom?: string;
  dueBefore?: string;
  centerId?: string;
  /** Only cases with a deferred (容缺) material due before this date. */
  lateMaterialsBefore?: string;
  q?: string;
  cursor?: string;
  limit: number;
}

const openTaskOf = (cond: SQL) =>
  exists(
    sql`(select 1 from ${caseTasks} t where t.case_id = ${cases.id} and t.status in ('open', 'claimed') and ${cond})`,
  );

function listWhere(scope: QueryScope, f: CaseFilter): SQL[] {
  const where: SQL[] = [caseInScope(scope)];
  if (f.view === 'mine') where.push(openTaskOf(sql`t.assignee_id = ${f.userId} and t.status = 'claimed'`));
  if (f.view === 'department') {
    const mine = f.departmentIds.length ? sql`t.department_id in (${sql.join(f.departmentIds.map((d) => sql`${d}::uuid`), sql`, `)})` : sql`false`;
    const levelless = f.departmentLevel ? sql`(t.department_id is null and t.level = ${f.departmentLevel})` : sql`false`;
    where.push(openTaskOf(sql`(${mine} or ${levelless})`));
  }
  if (f.view === 'deliver') where.push(and(eq(cases.status, 'concluded'), isNull(cases.deliveredAt))!);
  else if (f.status) where.push(eq(cases.status, f.status));
  else if (f.view !== 'all') where.push(inArray(cases.status, [...OPEN_STATUSES]));
  if (f.dueOnOrBefore) {
    // 即将到期: due between today and the warning date (overdue ones are their own list).
    where.push(and(isNotNull(cases.dueDate), lte(cases.dueDate, f.dueOnOrBefore), sql`${cases.dueDate} >= ${f.dueFrom ?? f.dueOnOrBefore}`, inArray(cases.status, ['accepted', 'in_review']))!);
  }
  if (f.dueBefore) where.push(and(isNotNull(cases.dueDate), sql`${cases.dueDate} < ${f.dueBefore}`, inArray(cases.status, ['accepted', 'in_review']))!);
  if (f.centerId) where.push(or(eq(cases.centerId, f.centerId), eq(cases.handlingCenterId, f.centerId))!);
  if (f.lateMaterialsBefore) {
    where.push(exists(sql`(select 1 from ${caseMaterials} m where m.case_id = ${cases.id} and m.status = 'deferred' and m.deferred_due < ${f.lateMaterialsBefore}::date)`));
  }
  if (f.q) {
    const q = f.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(or(ilike(cases.caseNo, `%${q}%`), ilike(cases.itemName, `%${q}%`), ilike(applicants.name, `${q}%`))!);
  }
  return where;
}

/**
 * Keyset on (due date or far future, id): the nearest deadlines first. The open-case lists walk the
 * partial expression index `cases_open_due_idx` (same expression, predicate = OPEN_STATUSES), so page
 * 1,000 costs what page 1 does; keep the expression and OPEN_STATUSES in step with that index.
 */
const dueKey = sql`coalesce(${cases.dueDate}, '9999-12-31'::date)`;

export async function listCases(tx: Executor, scope: QueryScope, f: CaseFilter): Promise<{ items: CaseView[]; nextCursor: string | null }> {
  const where = listWhere(scope, f);
  if (f.cursor) {
    const [due, id] = f.cursor.split('|');
    where.push(sql`(${dueKey}, ${cases.id}) > (${due}::date, ${id}::uuid)`);
  }
  const rows = await caseFrom(tx)
    .where(and(...where))
    .orderBy(dueKey, asc(cases.id))
    .limit(f.limit + 1);
  if (rows.length <= f.limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1].c;
  return { items, nextCursor: `${last.dueDate ?? '9999-12-31'}|${last.id}` };
}

export async function countCases(tx: Executor, scope: QueryScope, f: Omit<CaseFilter, 'cursor' | 'limit'>): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .innerJoin(recvCenter, eq(recvCenter.id, cases.centerId))
    .innerJoin(recvRegion, eq(recvRegion.id, recvCenter.regionId))
    .innerJoin(handCenter, eq(handCenter.id, cases.handlingCenterId))
    .innerJoin(handRegion, eq(handRegion.id, handCenter.regionId))
    .innerJoin(applicants, eq(applicants.id, cases.applicantId))
    .where(and(...listWhere(scope, { ...f, limit: 0 })));
  return row?.n ?? 0;
}

/** The open task per case for list rows (the first open or claimed one by stage). */
export async function openTasksOf(tx: Executor, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return tx
    .select({ caseId: caseTasks.caseId, id: caseTasks.id, name: caseTasks.name, status: caseTasks.status, stage: caseTasks.stage, assigneeName: users.displayName })
    .from(caseTasks)
    .leftJoin(users, eq(users.id, caseTasks.assigneeId))
    .where(and(inArray(caseTasks.caseId, caseIds), inArray(caseTasks.status, ['open', 'claimed'])))
    .orderBy(asc(caseTasks.stage));
}

// ---------------------------------------------------------------------------------------------------
// Writes

export async function nextSerial(tx: Executor, prefix: string): Promise<number> {
  const [row] = await tx
    .insert(caseCounters)
    .values({ prefix, last: 1 })
    .onConflictDoUpdate({ target: caseCounters.prefix, set: { last: sql`${caseCounters.last} + 1` } })
    .returning({ last: caseCounters.last });
  return row.last;
}

export async function insertCase(tx: Executor, row: typeof cases.$inferInsert): Promise<void> {
  await tx.insert(cases).values(row);
}

export async function updateCase(tx: Executor, id: string, version: number, set: Partial<typeof cases.$inferInsert>): Promise<CaseRow | undefined> {
  const [row] = await tx
    .update(cases)
    .set({ ...set, version: sql`${cases.version} + 1`, updatedAt: new Date() })
    .where(and(eq(cases.id, id), eq(cases.version, version)))
    .returning();
  return row;
}

export async function insertMaterials(tx: Executor, rows: (typeof caseMaterials.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(caseMaterials).values(rows);
}

export async function materialsOf(tx: Executor, caseId: string) {
  return tx.select().from(caseMaterials).where(eq(caseMaterials.caseId, caseId)).orderBy(asc(caseMaterials.sort));
}

export async function updateMaterial(tx: Executor, caseId: string, key: string, set: Partial<typeof caseMaterials.$inferInsert>): Promise<void> {
  await tx
    .update(caseMaterials)
    .set(set)
    .where(and(eq(caseMaterials.caseId, caseId), eq(caseMaterials.key, key)));
}

export async function insertTasks(tx: Executor, rows: (typeof caseTasks.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(caseTasks).values(rows);
}

const assignee = aliasedTable(users, 'assignee');
const doneBy = aliasedTable(users, 'done_by_user');

export async function tasksOf(tx: Executor, caseId: string) {
  return tx
    .select({ t: caseTasks, departmentName: departments.name, assigneeName: assignee.displayName, doneByName: doneBy.displayName })
    .from(caseTasks)
    .leftJoin(departments, eq(departments.id, caseTasks.departmentId))
    .leftJoin(assignee, eq(assignee.id, caseTasks.assigneeId))
    .leftJoin(doneBy, eq(doneBy.id, caseTasks.doneBy))
    .where(eq(caseTasks.caseId, caseId))
    .orderBy(asc(caseTasks.stage), asc(caseTasks.name));
}

export async function updateTask(tx: Executor, id: string, set: Partial<typeof caseTasks.$inferInsert>): Promise<void> {
  await tx.update(caseTasks).set(set).where(eq(caseTasks.id, id));
}

export async function setTasksStatus(tx: Executor, caseId: string, where: { stage?: number; kind?: string; ids?: string[] }, set: Partial<typeof caseTasks.$inferInsert>): Promise<void> {
  const conds: SQL[] = [eq(caseTasks.caseId, caseId)];
  if (where.stage !== undefined) conds.push(eq(caseTasks.stage, where.stage));
  if (where.kind) conds.push(eq(caseTasks.kind, where.kind));
  if (where.ids) conds.push(inArray(caseTasks.id, where.ids));
  await tx
    .update(caseTasks)
    .set(set)
    .where(and(...conds));
}

export async function insertEvent(tx: Executor, row: typeof caseEvents.$inferInsert): Promise<void> {
  await tx.insert(caseEvents).values(row);
}

export async function eventsOf(tx: Executor, caseId: string, publicOnly = false) {
  return tx
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), publicOnly ? eq(caseEvents.public, true) : undefined))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
}

export async function pausesOf(tx: Executor, caseId: string) {
  return tx.select().from(casePauses).where(eq(casePauses.caseId, caseId)).orderBy(asc(casePauses.startedOn));
}

export async function insertPause(tx: Executor, row: typeof casePauses.$inferInsert): Promise<void> {
  await tx.insert(casePauses).values(row);
}

export async function closePause(tx: Executor, id: string, endedOn: string, workdays: number): Promise<void> {
  await tx.update(casePauses).set({ endedOn, workdays }).where(eq(casePauses.id, id));
}

export async function notify(tx: Executor, row: typeof notifications.$inferInsert): Promise<void> {
  await tx.insert(notifications).values(row);
}

// ---------------------------------------------------------------------------------------------------
// Idempotency

/** Claim a key; returns the earlier claim when the key was used before (same caller and scope). */
export async function claimIdempotencyKey(tx: Executor, actorId: string, scope: string, key: string, requestHash: string) {
  const inserted = await tx.insert(idempotencyKeys).values({ actorId, scope, key, requestHash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (inserted.length) return null;
  const [prior] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return prior;
}

export async function completeIdempotencyKey(tx: Executor, actorId: string, scope: string, key: string, resultId: string): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ resultId })
    .where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}

// ---------------------------------------------------------------------------------------------------
// Applicant's cases and zero-handling

export async function casesOfUser(tx: Executor, userId: string, limit: number, cursor?: string) {
  const where: SQL[] = [eq(applicants.userId, userId)];
  if (cursor) where.push(gt(cases.id, cursor));
  return caseFrom(tx)
    .where(and(...where))
    .orderBy(sql`${cases.receivedAt} desc`)
    .limit(limit);
}

/** Published items of centers in scope with no case received in [from, to] (Beijing dates). */
export async function zeroHandling(tx: Executor, scope: QueryScope, from: string, to: string, centerId?: string) {
  const itemCenter = aliasedTable(centers, 'item_center');
  const itemRegion = aliasedTable(regions, 'item_region');
  const where: SQL[] = [isNotNull(catalogItems.publishedVersion), centerInScope(scope, itemCenter.id, itemRegion.path)];
  if (centerId) where.push(eq(catalogItems.centerId, centerId));
  const rows = await tx
    .select({
      itemId: catalogItems.id,
      name: catalogItems.name,
      centerName: itemCenter.name,
      departmentName: departments.name,
      handled: sql<boolean>`exists (select 1 from ${cases} k where k.item_id = ${catalogItems.id} and (k.received_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date)`,
    })
    .from(catalogItems)
    .innerJoin(itemCenter, eq(itemCenter.id, catalogItems.centerId))
    .innerJoin(itemRegion, eq(itemRegion.id, itemCenter.regionId))
    .innerJoin(departments, eq(departments.id, catalogItems.departmentId))
    .where(and(...where))
    .orderBy(asc(itemCenter.name), asc(catalogItems.sortKey));
  return { published: rows.length, items: rows.filter((r) => !r.handled) };
}

/** The caller's department and the level it works at (a county department, a township station). */
export async function userDepartmentWithLevel(tx: Executor, userId: string): Promise<{ id: string | null; level: string | null }> {
  const [row] = await tx
    .select({ id: users.departmentId, level: regions.level })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(regions, eq(regions.id, departments.regionId))
    .where(eq(users.id, userId));
  return { id: row?.id ?? null, level: row?.level ?? null };
}

export async function applicantCaseCount(tx: Executor, applicantId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(cases).where(eq(cases.applicantId, applicantId));
  return row?.n ?? 0;
}

export async function userDepartment(tx: Executor, userId: string): Promise<string | null> {
  const [u] = await tx.select({ d: users.departmentId }).from(users).where(eq(users.id, userId));
  return u?.d ?? null;
}

export async function linkFile(tx: Executor, caseId: string, fileId: string): Promise<void> {
  await tx.insert(caseFiles).values({ caseId, fileId });
}

/** Every file a case's readers may download: attachments, inspection photos and material files. */
export async function fileIdsOfCase(tx: Executor, caseId: string): Promise<Set<string>> {
  const rows = await tx.select({ id: caseFiles.fileId }).from(caseFiles).where(eq(caseFiles.caseId, caseId));
  const material = await tx.select({ id: caseMaterialFiles.fileId }).from(caseMaterialFiles).where(eq(caseMaterialFiles.caseId, caseId));
  return new Set([...rows, ...material].map((r) => r.id));
}

export async function linkMaterialFiles(tx: Executor, caseId: string, rows: Omit<typeof caseMaterialFiles.$inferInsert, 'caseId'>[]): Promise<void> {
  if (rows.length) await tx.insert(caseMaterialFiles).values(rows.map((r) => ({ ...r, caseId })));
}

export async function materialFilesOf(tx: Executor, caseId: string) {
  return tx
    .select({ key: caseMaterialFiles.materialKey, id: files.id, name: files.name, mime: files.mime, size: files.size, source: caseMaterialFiles.source, createdAt: caseMaterialFiles.createdAt })
    .from(caseMaterialFiles)
    .innerJoin(files, eq(files.id, caseMaterialFiles.fileId))
    .where(eq(caseMaterialFiles.caseId, caseId))
    .orderBy(asc(caseMaterialFiles.createdAt), asc(files.id));
}

export async function userName(tx: Executor, userId: string): Promise<string | null> {
  const [u] = await tx.select({ n: users.displayName }).from(users).where(eq(users.id, userId));
  return u?.n ?? null;
}

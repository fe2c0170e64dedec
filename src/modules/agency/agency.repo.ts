import { aliasedTable, and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { QueryScope } from '../../platform/policy.js';
import { applicants } from '../applicants/applicants.tables.js';
import { roleGrants, users } from '../auth/auth.tables.js';
import { cases } from '../cases/cases.tables.js';
import { files } from '../files/files.tables.js';
import { centerInScope } from '../org/org.repo.js';
import { centers, regions } from '../org/org.tables.js';
import { agencyMandateFiles, agencyMandates, agentTrainings } from './agency.tables.js';

/**
 * Queries of the village agency. Every list takes the caller's QueryScope: a mandate is in scope
 * through its village room (the agent's own center, or a township / county region above it).
 */

export type MandateRow = typeof agencyMandates.$inferSelect;
export type TrainingRow = typeof agentTrainings.$inferSelect;

const village = aliasedTable(centers, 'village');
const villageRegion = aliasedTable(regions, 'village_region');
const handCenter = aliasedTable(centers, 'm_hand_center');

const mandateView = {
  m: agencyMandates,
  villageName: village.name,
  villagePath: villageRegion.path,
  villagerName: applicants.name,
  villagerIdMasked: applicants.idNumberMasked,
  villagerPhoneMasked: applicants.phoneMasked,
  c: cases,
  handlingCenterName: handCenter.name,
};
export type MandateView = {
  m: MandateRow;
  villageName: string;
  villagePath: string;
  villagerName: string;
  villagerIdMasked: string | null;
  villagerPhoneMasked: string | null;
  c: typeof cases.$inferSelect | null;
  handlingCenterName: string | null;
};

/**
 * (Drizzle cannot infer a left-joined table selected whole next to aliased joins — it says `never` —
 * so the rows are typed by MandateView, which spells out the same selection.)
 */
const mandateFrom = (tx: Executor) =>
  tx
    .select(mandateView)
    .from(agencyMandates)
    .innerJoin(village, eq(village.id, agencyMandates.villageCenterId))
    .innerJoin(villageRegion, eq(villageRegion.id, village.regionId))
    .innerJoin(applicants, eq(applicants.id, agencyMandates.applicantId))
    .leftJoin(cases, eq(cases.id, agencyMandates.caseId))
    .leftJoin(handCenter, eq(handCenter.id, cases.handlingCenterId));

export const mandateInScope = (scope: QueryScope): SQL => centerInScope(scope, agencyMandates.villageCenterId, villageRegion.path);

export async function getMandate(tx: Executor, id: string, lock = false): Promise<MandateView | undefined> {
  if (lock) await tx.select({ id: agencyMandates.id }).from(agencyMandates).where(eq(agencyMandates.id, id)).for('update');
  const [row] = (await mandateFrom(tx).where(eq(agencyMandates.id, id))) as MandateView[];
  return row;
}

export async function findByClient(tx: Executor, agentId: string, clientId: string, lock = false): Promise<MandateRow | undefined> {
  const q = tx
    .select()
    .from(agencyMandates)
    .where(and(eq(agencyMandates.agentId, agentId), eq(agencyMandates.clientId, clientId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Insert unless the (agent, clientId) pair exists (a concurrent retry): false when it did. */
export async function insertMandate(tx: Executor, row: typeof agencyMandates.$inferInsert): Promise<boolean> {
  const r = await tx.insert(agencyMandates).values(row).onConflictDoNothing({ target: [agencyMandates.agentId, agencyMandates.clientId] }).returning({ id: agencyMandates.id });
  return r.length > 0;
}

export async function updateMandate(tx: Executor, id: string, version: number, set: Partial<typeof agencyMandates.$inferInsert>): Promise<MandateRow | undefined> {
  const [row] = await tx
    .update(agencyMandates)
    .set({ ...set, version: sql`${agencyMandates.version} + 1`, updatedAt: new Date() })
    .where(and(eq(agencyMandates.id, id), eq(agencyMandates.version, version)))
    .returning();
  return row;
}

export async function insertMandateFiles(tx: Executor, rows: (typeof agencyMandateFiles.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(agencyMandateFiles).values(rows);
}

/** The material photos of a mandate, with their stored names. */
export async function materialFilesOf(tx: Executor, mandateId: string) {
  return tx
    .select({ key: agencyMandateFiles.materialKey, id: files.id, name: files.name, mime: files.mime, size: files.size })
    .from(agencyMandateFiles)
    .innerJoin(files, eq(files.id, agencyMandateFiles.fileId))
    .where(eq(agencyMandateFiles.mandateId, mandateId))
    .orderBy(asc(agencyMandateFiles.createdAt), asc(files.id));
}

export async function fileMeta(tx: Executor, id: string) {
  const [row] = await tx.select({ id: files.id, name: files.name, mime: files.mime, size: files.size }).from(files).where(eq(files.id, id));
  return row;
}

// ---------------------------------------------------------------------------------------------------
// Lists

export interface MandateFilter {
  villageCenterId?: string;
  agentId?: string;
  status?: string;
  /** Only late ones, judged on this business date. */
  lateOn?: string;
  from?: string;
  to?: string;
}

/** Late, in SQL, exactly as agency.rules `isLate` says. */
export const lateSql = (today: string): SQL =>
  sql`((${agencyMandates.submittedOn} is not null and ${agencyMandates.submittedOn} > ${agencyMandates.dueOn}) or (${agencyMandates.submittedOn} is null and ${agencyMandates.status} = 'registered' and ${agencyMandates.dueOn} < ${today}::date))`;

function filterWhere(scope: QueryScope, f: MandateFilter): SQL[] {
  const where: SQL[] = [mandateInScope(scope)];
  if (f.villageCenterId) where.push(eq(agencyMandates.villageCenterId, f.villageCenterId));
  if (f.agentId) where.push(eq(agencyMandates.agentId, f.agentId));
  if (f.status) where.push(eq(agencyMandates.status, f.status));
  if (f.lateOn) where.push(lateSql(f.lateOn));
  if (f.from) where.push(gte(agencyMandates.collectedOn, f.from));
  if (f.to) where.push(lte(agencyMandates.collectedOn, f.to));
  return where;
}

/** Newest collection first; keyset on (collected_on, id) descending. */
export async function listMandates(tx: Executor, scope: QueryScope, f: MandateFilter & { cursor?: string; limit: number }) {
  const where = filterWhere(scope, f);
  const [total] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(agencyMandates)
    .innerJoin(village, eq(village.id, agencyMandates.villageCenterId))
    .innerJoin(villageRegion, eq(villageRegion.id, village.regionId))
    .where(and(...where));
  if (f.cursor) {
    const [on, id] = f.cursor.split('|');
    where.push(sql`(${agencyMandates.collectedOn}, ${agencyMandates.id}) < (${on}::date, ${id}::uuid)`);
  }
  const rows = (await mandateFrom(tx)
    .where(and(...where))
    .orderBy(desc(agencyMandates.collectedOn), desc(agencyMandates.id))
    .limit(f.limit + 1)) as MandateView[];
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > f.limit && last ? `${last.m.collectedOn}|${last.m.id}` : null, total: total?.n ?? 0 };
}

/** Every mandate of a month's ledger (by collection date), oldest first. */
export async function ledgerRows(tx: Executor, scope: QueryScope, f: MandateFilter): Promise<MandateView[]> {
  return (await mandateFrom(tx)
    .where(and(...filterWhere(scope, f)))
    .orderBy(asc(agencyMandates.collectedOn), asc(village.name), asc(agencyMandates.agentName), asc(agencyMandates.createdAt))) as MandateView[];
}

// ---------------------------------------------------------------------------------------------------
// Agents and trainings

const agentView = {
  userId: users.id,
  name: users.displayName,
  phoneMasked: users.phoneMasked,
  active: users.active,
  villageCenterId: village.id,
  villageName: village.name,
  villagePath: villageRegion.path,
  countyId: village.countyId,
  townshipName: sql<string>`coalesce((select p.name from ${regions} p where p.id = ${villageRegion.parentId}), '')`,
};
export type AgentView = { userId: string; name: string; phoneMasked: string | null; active: boolean; villageCenterId: string; villageName: string; villagePath: string; countyId: string; townshipName: string };

const agentFrom = (tx: Executor) =>
  tx
    .select(agentView)
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(village, eq(village.id, roleGrants.scopeCenterId))
    .innerJoin(villageRegion, eq(villageRegion.id, village.regionId));

const activeAgentGrant = and(eq(roleGrants.role, 'village_agent'), eq(roleGrants.active, true), isNull(roleGrants.revokedAt))!;

/** Agents (active village_agent grants at a village room) of the village rooms in scope. */
export async function listAgents(tx: Executor, scope: QueryScope, villageCenterId?: string): Promise<AgentView[]> {
  const where: SQL[] = [activeAgentGrant, centerInScope(scope, village.id, villageRegion.path)];
  if (villageCenterId) where.push(eq(village.id, villageCenterId));
  return agentFrom(tx)
    .where(and(...where))
    .orderBy(asc(villageRegion.path), asc(users.displayName));
}

/** One agent's grant(s); an agent normally serves one village room. */
export async function agentGrants(tx: Executor, userId: string): Promise<AgentView[]> {
  return agentFrom(tx)
    .where(and(activeAgentGrant, eq(roleGrants.userId, userId)))
    .orderBy(asc(villageRegion.path));
}

export interface AgentStats {
  agentId: string;
  monthCount: number;
  monthLate: number;
  monthHandedOver: number;
  open: number;
}

/** Per agent: matters collected in [from, to], those late, hand-overs in [from, to], open ones. */
export async function agentStats(tx: Executor, agentIds: string[], from: string, to: string, today: string): Promise<Map<string, AgentStats>> {
  if (agentIds.length === 0) return new Map();
  const inMonth = sql`${agencyMandates.collectedOn} between ${from}::date and ${to}::date`;
  const handedOn = sql`(${agencyMandates.handedOverAt} at time zone 'Asia/Shanghai')::date`;
  const rows = await tx
    .select({
      agentId: agencyMandates.agentId,
      monthCount: sql<number>`(count(*) filter (where ${inMonth}))::int`,
      monthLate: sql<number>`(count(*) filter (where ${inMonth} and ${lateSql(today)}))::int`,
      monthHandedOver: sql<number>`(count(*) filter (where ${handedOn} between ${from}::date and ${to}::date))::int`,
      open: sql<number>`(count(*) filter (where ${agencyMandates.status} in ('registered', 'submitted')))::int`,
    })
    .from(agencyMandates)
    .where(inArray(agencyMandates.agentId, agentIds))
    .groupBy(agencyMandates.agentId);
  return new Map(rows.map((r) => [r.agentId, r]));
}

/** Per agent: training hours (tenths) in [from, to] and the last training day. */
export async function trainingStats(tx: Executor, agentIds: string[], from: string, to: string): Promise<Map<string, { tenths: number; last: string | null }>> {
  if (agentIds.length === 0) return new Map();
  const rows = await tx
    .select({
      agentId: agentTrainings.agentId,
      tenths: sql<number>`(coalesce(sum(${agentTrainings.hoursTenths}) filter (where ${agentTrainings.trainedOn} between ${from}::date and ${to}::date), 0))::int`,
      last: sql<string | null>`max(${agentTrainings.trainedOn})::text`,
    })
    .from(agentTrainings)
    .where(inArray(agentTrainings.agentId, agentIds))
    .groupBy(agentTrainings.agentId);
  return new Map(rows.map((r) => [r.agentId, { tenths: r.tenths, last: r.last }]));
}

export async function trainingsOf(tx: Executor, agentId: string): Promise<TrainingRow[]> {
  return tx.select().from(agentTrainings).where(eq(agentTrainings.agentId, agentId)).orderBy(desc(agentTrainings.trainedOn), desc(agentTrainings.createdAt));
}

export async function insertTraining(tx: Executor, row: typeof agentTrainings.$inferInsert): Promise<TrainingRow> {
  const [r] = await tx.insert(agentTrainings).values(row).returning();
  return r;
}

export async function deleteTraining(tx: Executor, agentId: string, id: string): Promise<TrainingRow | undefined> {
  const [r] = await tx
    .delete(agentTrainings)
    .where(and(eq(agentTrainings.id, id), eq(agentTrainings.agentId, agentId)))
    .returning();
  return r;
}

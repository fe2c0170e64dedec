import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { QueryScope } from '../../platform/policy.js';
import { users } from '../auth/auth.tables.js';
import { regionPathInScope } from '../org/org.repo.js';
import { regions } from '../org/org.tables.js';
import { policyDocuments } from './policies.tables.js';

/**
 * Queries of the policy library. Public reads only ever see `published`; workbench lists take the
 * caller's QueryScope on the publishing region's path. Search is substring search over the normalised
 * `search_text` (see policies.rules.ts): every term must occur (`strpos`), ranking happens in the
 * service on the normalised title / doc no / issuer / summary (the fields before the body).
 */

export type PolicyRow = typeof policyDocuments.$inferSelect;

export interface PolicyFilter {
  terms: string[];
  topic?: string;
  issuer?: string;
  kind?: string;
  status?: string;
}

export function filterWhere(f: PolicyFilter): SQL[] {
  const where: SQL[] = [];
  for (const t of f.terms) where.push(sql`strpos(${policyDocuments.searchText}, ${t}) > 0`);
  if (f.topic) where.push(eq(policyDocuments.topic, f.topic));
  if (f.issuer) where.push(eq(policyDocuments.issuer, f.issuer));
  if (f.kind) where.push(eq(policyDocuments.kind, f.kind));
  if (f.status) where.push(eq(policyDocuments.status, f.status));
  return where;
}

const published = eq(policyDocuments.status, 'published');

/** Search candidates: only what ranking needs (normalised head fields, not the body). */
export async function publicCandidates(tx: Executor, f: PolicyFilter, cap: number) {
  return tx
    .select({
      id: policyDocuments.id,
      publishedOn: policyDocuments.publishedOn,
      title: sql<string>`split_part(${policyDocuments.searchText}, '|', 1)`,
      docNo: sql<string>`split_part(${policyDocuments.searchText}, '|', 2)`,
      issuer: sql<string>`split_part(${policyDocuments.searchText}, '|', 3)`,
      summary: sql<string>`split_part(${policyDocuments.searchText}, '|', 4)`,
    })
    .from(policyDocuments)
    .where(and(published, ...filterWhere(f)))
    .limit(cap);
}

/** Newest first, keyset on (published_on, id), for browsing without a query. */
export async function publicPage(tx: Executor, f: PolicyFilter, limit: number, after?: { date: string; id: string }) {
  const where = [published, ...filterWhere(f)];
  if (after) where.push(sql`(${policyDocuments.publishedOn}, ${policyDocuments.id}) < (${after.date}::date, ${after.id}::uuid)`);
  return tx
    .select()
    .from(policyDocuments)
    .where(and(...where))
    .orderBy(desc(policyDocuments.publishedOn), desc(policyDocuments.id))
    .limit(limit + 1);
}

export async function countPublic(tx: Executor, f: PolicyFilter): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(policyDocuments)
    .where(and(published, ...filterWhere(f)));
  return r?.n ?? 0;
}

export async function byIds(tx: Executor, ids: string[]): Promise<PolicyRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(policyDocuments).where(inArray(policyDocuments.id, ids));
}

/** Published documents counted by topic, by issuer and by kind. */
export async function facets(tx: Executor) {
  const topics = await tx
    .select({ value: policyDocuments.topic, count: sql<number>`count(*)::int` })
    .from(policyDocuments)
    .where(published)
    .groupBy(policyDocuments.topic)
    .orderBy(sql`count(*) desc`, asc(policyDocuments.topic));
  const issuers = await tx
    .select({ value: policyDocuments.issuer, count: sql<number>`count(*)::int` })
    .from(policyDocuments)
    .where(published)
    .groupBy(policyDocuments.issuer)
    .orderBy(sql`count(*) desc`, asc(policyDocuments.issuer));
  const kinds = await tx
    .select({ value: policyDocuments.kind, count: sql<number>`count(*)::int` })
    .from(policyDocuments)
    .where(published)
    .groupBy(policyDocuments.kind)
    .orderBy(sql`count(*) desc`, asc(policyDocuments.kind));
  return { topics, issuers, kinds };
}

// ---------------------------------------------------------------------------------------------------
// Workbench

const view = { p: policyDocuments, regionPath: regions.path, regionName: regions.name, createdByName: users.displayName };
export type PolicyView = { p: PolicyRow; regionPath: string; regionName: string; createdByName: string | null };

const from = (tx: Executor) =>
  tx.select(view).from(policyDocuments).innerJoin(regions, eq(regions.id, policyDocuments.regionId)).leftJoin(users, eq(users.id, policyDocuments.createdBy));

export async function getPolicy(tx: Executor, id: string, lock = false): Promise<PolicyView | undefined> {
  if (lock) await tx.select({ id: policyDocuments.id }).from(policyDocuments).where(eq(policyDocuments.id, id)).for('update');
  const [row] = await from(tx).where(eq(policyDocuments.id, id));
  return row;
}

/** Documents of regions in scope, most recently changed first; keyset on (updated_at, id). */
export async function managedPage(tx: Executor, scope: QueryScope, f: PolicyFilter, limit: number, after?: { at: string; id: string }) {
  const where = [regionPathInScope(scope, regions.path), ...filterWhere(f)];
  if (after) where.push(sql`(${policyDocuments.updatedAt}, ${policyDocuments.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return from(tx)
    .where(and(...where))
    .orderBy(desc(policyDocuments.updatedAt), desc(policyDocuments.id))
    .limit(limit + 1);
}

export async function managedCounts(tx: Executor, scope: QueryScope, f: PolicyFilter) {
  const rows = await tx
    .select({ status: policyDocuments.status, n: sql<number>`count(*)::int` })
    .from(policyDocuments)
    .innerJoin(regions, eq(regions.id, policyDocuments.regionId))
    .where(and(regionPathInScope(scope, regions.path), ...filterWhere({ ...f, status: undefined })))
    .groupBy(policyDocuments.status);
  const by = new Map(rows.map((r) => [r.status, r.n]));
  return { draft: by.get('draft') ?? 0, published: by.get('published') ?? 0, withdrawn: by.get('withdrawn') ?? 0 };
}

/** County and township regions in scope (where a document may be published from). */
export async function regionsForPublishing(tx: Executor, scope: QueryScope) {
  return tx
    .select({ id: regions.id, name: regions.name, level: regions.level, code: regions.code })
    .from(regions)
    .where(and(regionPathInScope(scope, regions.path), inArray(regions.level, ['county', 'township']), eq(regions.active, true)))
    .orderBy(asc(regions.code));
}

export async function insertPolicy(tx: Executor, row: typeof policyDocuments.$inferInsert): Promise<void> {
  await tx.insert(policyDocuments).values(row);
}

export async function updatePolicy(tx: Executor, id: string, version: number, set: Partial<typeof policyDocuments.$inferInsert>): Promise<PolicyRow | undefined> {
  const [row] = await tx
    .update(policyDocuments)
    .set({ ...set, version: sql`${policyDocuments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(policyDocuments.id, id), eq(policyDocuments.version, version)))
    .returning();
  return row;
}

/** Attachments change under the row lock without bumping the version (an open editor keeps its version). */
export async function setAttachments(tx: Executor, id: string, attachments: { fileId: string; name: string }[]): Promise<void> {
  await tx.update(policyDocuments).set({ attachments, updatedAt: new Date() }).where(eq(policyDocuments.id, id));
}

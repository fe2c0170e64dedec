import { aliasedTable, and, asc, count, eq, gt, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { QueryScope } from '../../platform/policy.js';
import { users } from '../auth/auth.tables.js';
import { centerInScope, regionPathInScope } from '../org/org.repo.js';
import { centers, departments, regions } from '../org/org.tables.js';
import { catalogBasicItems, catalogGenerations, catalogItems, catalogItemVersions } from './catalog.tables.js';
import type { ItemLevel } from './catalog.rules.js';

/**
 * Queries of the catalog. Workbench lists take the caller's QueryScope (items are scoped by their
 * center's region path); public queries only ever read published versions.
 */

export type BasicItemRow = typeof catalogBasicItems.$inferSelect;
export type ItemRow = typeof catalogItems.$inferSelect;
export type VersionRow = typeof catalogItemVersions.$inferSelect;

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

function page<T>(rows: T[], limit: number, cursorOf: (r: T) => string): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: cursorOf(items[items.length - 1]) };
}

// ---------------------------------------------------------------------------------------------------
// Basic items

const basicView = {
  basic: catalogBasicItems,
  departmentName: departments.name,
  countyPath: regions.path,
  implementations: sql<number>`(select count(*)::int from ${catalogItems} where ${catalogItems.basicItemId} = ${catalogBasicItems.id})`,
};
export type BasicItemView = { basic: BasicItemRow; departmentName: string; countyPath: string; implementations: number };

const basicFrom = (tx: Executor) =>
  tx
    .select(basicView)
    .from(catalogBasicItems)
    .innerJoin(departments, eq(departments.id, catalogBasicItems.departmentId))
    .innerJoin(regions, eq(regions.id, catalogBasicItems.countyId));

export async function getBasicItem(tx: Executor, id: string, lock = false): Promise<BasicItemView | undefined> {
  if (lock) await tx.select({ id: catalogBasicItems.id }).from(catalogBasicItems).where(eq(catalogBasicItems.id, id)).for('update');
  const [row] = await basicFrom(tx).where(eq(catalogBasicItems.id, id));
  return row;
}

export async function basicItemsByCodes(tx: Executor, countyId: string, codes: string[]): Promise<BasicItemRow[]> {
  if (codes.length === 0) return [];
  return tx
    .select()
    .from(catalogBasicItems)
    .where(and(eq(catalogBasicItems.countyId, countyId), inArray(catalogBasicItems.code, codes)));
}

export async function listBasicItems(
  tx: Executor,
  scope: QueryScope,
  f: { q?: string; departmentId?: string; cursor?: string; limit: number },
): Promise<{ items: BasicItemView[]; nextCursor: string | null }> {
  const where: SQL[] = [regionPathInScope(scope, regions.path, false)];
  if (f.q) where.push(or(ilike(catalogBasicItems.name, `%${escapeLike(f.q)}%`), ilike(catalogBasicItems.code, `${escapeLike(f.q)}%`))!);
  if (f.departmentId) where.push(eq(catalogBasicItems.departmentId, f.departmentId));
  if (f.cursor) where.push(gt(catalogBasicItems.code, f.cursor));
  const rows = await basicFrom(tx)
    .where(and(...where))
    .orderBy(asc(catalogBasicItems.code))
    .limit(f.limit + 1);
  return page(rows, f.limit, (r) => r.basic.code);
}

export async function insertBasicItem(tx: Executor, row: typeof catalogBasicItems.$inferInsert): Promise<void> {
  await tx.insert(catalogBasicItems).values(row);
}

export async function updateBasicItem(tx: Executor, id: string, version: number, set: Partial<typeof catalogBasicItems.$inferInsert>): Promise<void> {
  await tx
    .update(catalogBasicItems)
    .set({ ...set, version: sql`${catalogBasicItems.version} + 1`, updatedAt: new Date() })
    .where(and(eq(catalogBasicItems.id, id), eq(catalogBasicItems.version, version)));
}

// ---------------------------------------------------------------------------------------------------
// Items (implementations)

const centerRegion = aliasedTable(regions, 'center_region');

const itemView = {
  item: catalogItems,
  basicCode: catalogBasicItems.code,
  itemType: catalogBasicItems.itemType,
  centerName: centers.name,
  centerLevel: centers.level,
  regionPath: centerRegion.path,
  departmentName: departments.name,
  openStatus: sql<string | null>`(select ${catalogItemVersions.status} from ${catalogItemVersions} where ${catalogItemVersions.itemId} = ${catalogItems.id} and ${catalogItemVersions.version} = ${catalogItems.openVersion})`,
};
export type ItemView = {
  item: ItemRow;
  basicCode: string;
  itemType: string;
  centerName: string;
  centerLevel: string;
  regionPath: string;
  departmentName: string;
  openStatus: string | null;
};

const itemFrom = (tx: Executor) =>
  tx
    .select(itemView)
    .from(catalogItems)
    .innerJoin(catalogBasicItems, eq(catalogBasicItems.id, catalogItems.basicItemId))
    .innerJoin(centers, eq(centers.id, catalogItems.centerId))
    .innerJoin(centerRegion, eq(centerRegion.id, centers.regionId))
    .innerJoin(departments, eq(departments.id, catalogItems.departmentId));

export async function getItem(tx: Executor, id: string, lock = false): Promise<ItemView | undefined> {
  if (lock) await tx.select({ id: catalogItems.id }).from(catalogItems).where(eq(catalogItems.id, id)).for('update');
  const [row] = await itemFrom(tx).where(eq(catalogItems.id, id));
  return row;
}

export interface ItemFilter {
  centerId?: string;
  departmentId?: string;
  status?: string;
  pending?: boolean;
  q?: string;
  cursor?: string;
  limit: number;
}

export async function listItems(tx: Executor, scope: QueryScope, f: ItemFilter): Promise<{ items: ItemView[]; nextCursor: string | null }> {
  const where: SQL[] = [centerInScope(scope, centers.id, centerRegion.path)];
  if (f.centerId) where.push(eq(catalogItems.centerId, f.centerId));
  if (f.departmentId) where.push(eq(catalogItems.departmentId, f.departmentId));
  if (f.status) where.push(eq(catalogItems.status, f.status));
  if (f.pending) where.push(isNotNull(catalogItems.openVersion));
  if (f.q) where.push(or(ilike(catalogItems.name, `%${escapeLike(f.q)}%`), ilike(catalogItems.implementationCode, `%${escapeLike(f.q)}%`))!);
  if (f.cursor) where.push(gt(catalogItems.implementationCode, f.cursor));
  const rows = await itemFrom(tx)
    .where(and(...where))
    .orderBy(asc(catalogItems.implementationCode))
    .limit(f.limit + 1);
  return page(rows, f.limit, (r) => r.item.implementationCode);
}

/** Every item in scope (exports), optionally of one center, in code order. */
export async function allItemsInScope(tx: Executor, scope: QueryScope, centerId?: string): Promise<ItemView[]> {
  const where: SQL[] = [centerInScope(scope, centers.id, centerRegion.path)];
  if (centerId) where.push(eq(catalogItems.centerId, centerId));
  return itemFrom(tx)
    .where(and(...where))
    .orderBy(asc(catalogItems.implementationCode));
}

export async function itemsByCenterAndBasic(tx: Executor, pairs: { centerId: string; basicItemId: string }[]): Promise<ItemRow[]> {
  if (pairs.length === 0) return [];
  const centerIds = [...new Set(pairs.map((p) => p.centerId))];
  const rows = await tx.select().from(catalogItems).where(inArray(catalogItems.centerId, centerIds));
  const wanted = new Set(pairs.map((p) => `${p.centerId}:${p.basicItemId}`));
  return rows.filter((r) => wanted.has(`${r.centerId}:${r.basicItemId}`));
}

export async function findItemByCode(tx: Executor, implementationCode: string): Promise<ItemRow | undefined> {
  const [row] = await tx.select().from(catalogItems).where(eq(catalogItems.implementationCode, implementationCode));
  return row;
}

export async function insertItem(tx: Executor, row: typeof catalogItems.$inferInsert): Promise<void> {
  await tx.insert(catalogItems).values(row);
}

/** Update the head under its optimistic lock; undefined when someone else changed it first. */
export async function updateItemHead(tx: Executor, id: string, version: number, set: Partial<typeof catalogItems.$inferInsert>): Promise<ItemRow | undefined> {
  const [row] = await tx
    .update(catalogItems)
    .set({ ...set, version: sql`${catalogItems.version} + 1`, updatedAt: new Date() })
    .where(and(eq(catalogItems.id, id), eq(catalogItems.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------------------------------------------
// Versions

const createdBy = aliasedTable(users, 'created_by_user');
const submittedBy = aliasedTable(users, 'submitted_by_user');
const reviewedBy = aliasedTable(users, 'reviewed_by_user');

export type VersionWithNames = { v: VersionRow; createdByName: string | null; submittedByName: string | null; reviewedByName: string | null };

export async function versionsOf(tx: Executor, itemId: string, withContent = false): Promise<VersionWithNames[]> {
  const rows = await tx
    .select({ v: catalogItemVersions, createdByName: createdBy.displayName, submittedByName: submittedBy.displayName, reviewedByName: reviewedBy.displayName })
    .from(catalogItemVersions)
    .leftJoin(createdBy, eq(createdBy.id, catalogItemVersions.createdBy))
    .leftJoin(submittedBy, eq(submittedBy.id, catalogItemVersions.submittedBy))
    .leftJoin(reviewedBy, eq(reviewedBy.id, catalogItemVersions.reviewedBy))
    .where(eq(catalogItemVersions.itemId, itemId))
    .orderBy(asc(catalogItemVersions.version));
  if (!withContent) for (const r of rows) (r.v as Partial<VersionRow>).content = undefined;
  return rows;
}

export async function getVersion(tx: Executor, itemId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(catalogItemVersions)
    .where(and(eq(catalogItemVersions.itemId, itemId), eq(catalogItemVersions.version, version)));
  return row;
}

export async function insertVersion(tx: Executor, row: typeof catalogItemVersions.$inferInsert): Promise<void> {
  await tx.insert(catalogItemVersions).values(row);
}

export async function updateVersion(tx: Executor, itemId: string, version: number, set: Partial<typeof catalogItemVersions.$inferInsert>): Promise<void> {
  await tx
    .update(catalogItemVersions)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(catalogItemVersions.itemId, itemId), eq(catalogItemVersions.version, version)));
}

/** Bump the county's catalog generation (same transaction as the publish or withdrawal). */
export async function bumpGeneration(tx: Executor, countyId: string): Promise<void> {
  await tx
    .insert(catalogGenerations)
    .values({ countyId, generation: 1 })
    .onConflictDoUpdate({ target: catalogGenerations.countyId, set: { generation: sql`${catalogGenerations.generation} + 1` } });
}

export async function generationOf(tx: Executor, countyId: string): Promise<number> {
  const [row] = await tx.select({ g: catalogGenerations.generation }).from(catalogGenerations).where(eq(catalogGenerations.countyId, countyId));
  return row?.g ?? 0;
}

// ---------------------------------------------------------------------------------------------------
// Workbench tree

export async function treeCounts(tx: Executor, scope: QueryScope, countyIds: string[]) {
  const pending = sql<number>`count(*) filter (where ${catalogItems.openVersion} is not null)::int`;
  const published = sql<number>`count(*) filter (where ${catalogItems.publishedVersion} is not null)::int`;
  const byDept = await tx
    .select({ departmentId: catalogItems.departmentId, total: sql<number>`count(*)::int`, published, pending })
    .from(catalogItems)
    .innerJoin(centers, eq(centers.id, catalogItems.centerId))
    .innerJoin(centerRegion, eq(centerRegion.id, centers.regionId))
    .where(centerInScope(scope, centers.id, centerRegion.path))
    .groupBy(catalogItems.departmentId);
  const byCenter = await tx
    .select({ centerId: catalogItems.centerId, total: sql<number>`count(*)::int` })
    .from(catalogItems)
    .innerJoin(centers, eq(centers.id, catalogItems.centerId))
    .innerJoin(centerRegion, eq(centerRegion.id, centers.regionId))
    .where(centerInScope(scope, centers.id, centerRegion.path))
    .groupBy(catalogItems.centerId);
  const depts = countyIds.length
    ? await tx
        .select({ id: departments.id, name: departments.name, shortName: departments.shortName, kind: departments.kind, regionName: regions.name, regionPath: regions.path })
        .from(departments)
        .innerJoin(regions, eq(regions.id, departments.regionId))
        .where(and(inArray(departments.countyId, countyIds), eq(departments.active, true)))
        .orderBy(asc(regions.path), asc(departments.kind), asc(departments.name))
    : [];
  const cs = await tx
    .select({ id: centers.id, name: centers.name, level: centers.level, regionPath: centerRegion.path })
    .from(centers)
    .innerJoin(centerRegion, eq(centerRegion.id, centers.regionId))
    .where(and(centerInScope(scope, centers.id, centerRegion.path), eq(centers.active, true)))
    .orderBy(asc(centerRegion.path));
  return { byDept, byCenter, depts, centers: cs };
}

// ---------------------------------------------------------------------------------------------------
// Public: published items visible at a place

/** The place's chain of regions (village → township → county) and the active centers of each. */
export interface PlaceChain {
  countyId: string;
  levelOf: Map<string, ItemLevel>; // centerId → level, for the centers of the chain
  centerIds: Record<ItemLevel, string[]>;
  regionLevel: string;
}

export async function placeChain(tx: Executor, regionId: string): Promise<PlaceChain | undefined> {
  const [r] = await tx.select({ path: regions.path, level: regions.level, countyId: regions.countyId, active: regions.active }).from(regions).where(eq(regions.id, regionId));
  if (!r || !r.countyId || !r.active) return undefined;
  const ids = r.path.split('/').filter(Boolean);
  const rows = await tx
    .select({ id: centers.id, level: centers.level })
    .from(centers)
    .where(and(inArray(centers.regionId, ids), eq(centers.active, true)));
  const centerIds: Record<ItemLevel, string[]> = { county: [], township: [], village: [] };
  const levelOf = new Map<string, ItemLevel>();
  for (const c of rows) {
    const l = c.level as ItemLevel;
    centerIds[l].push(c.id);
    levelOf.set(c.id, l);
  }
  return { countyId: r.countyId, centerIds, levelOf, regionLevel: r.level };
}

const pubVersion = aliasedTable(catalogItemVersions, 'pub');
const acceptsAt = (level: ItemLevel): SQL => sql`${pubVersion.content}->'acceptLevels' @> ${JSON.stringify([level])}::jsonb`;
const inCenters = (ids: string[]): SQL => (ids.length ? inArray(catalogItems.centerId, ids) : sql`false`);

/** The SQL condition for "this list at this place" (see .work/catalog-api: village, township, county lists). */
export function visibleAt(chain: PlaceChain, level?: ItemLevel): SQL {
  const c = chain.centerIds;
  const village = or(inCenters(c.village), and(inCenters([...c.township, ...c.county]), acceptsAt('village')))!;
  const township = or(inCenters(c.township), and(inCenters(c.county), acceptsAt('township')))!;
  const county = inCenters(c.county);
  if (level === 'village') return c.village.length ? village : sql`false`;
  if (level === 'township') return c.township.length ? township : sql`false`;
  if (level === 'county') return county;
  return or(inCenters([...c.village, ...c.township, ...c.county]))!;
}

export const publishedView = {
  id: catalogItems.id,
  version: catalogItems.publishedVersion,
  implementationCode: catalogItems.implementationCode,
  basicCode: catalogBasicItems.code,
  itemType: catalogBasicItems.itemType,
  level: catalogItems.level,
  centerId: catalogItems.centerId,
  centerName: centers.name,
  departmentId: catalogItems.departmentId,
  departmentName: departments.name,
  content: pubVersion.content,
  publishedAt: pubVersion.publishedAt,
  sortKey: catalogItems.sortKey,
};

const publishedFrom = (tx: Executor) =>
  tx
    .select(publishedView)
    .from(catalogItems)
    .innerJoin(pubVersion, and(eq(pubVersion.itemId, catalogItems.id), eq(pubVersion.version, catalogItems.publishedVersion)))
    .innerJoin(catalogBasicItems, eq(catalogBasicItems.id, catalogItems.basicItemId))
    .innerJoin(centers, eq(centers.id, catalogItems.centerId))
    .innerJoin(departments, eq(departments.id, catalogItems.departmentId));
export type PublishedRow = Awaited<ReturnType<ReturnType<typeof publishedFrom>['where']>>[number];

export interface BrowseFilter {
  topic?: string;
  departmentId?: string;
  audience?: 'person' | 'enterprise';
  agent?: boolean;
  cursor?: string;
  limit: number;
}

function browseWhere(chain: PlaceChain, level: ItemLevel | undefined, f: Omit<BrowseFilter, 'cursor' | 'limit'>): SQL[] {
  const where: SQL[] = [isNotNull(catalogItems.publishedVersion), visibleAt(chain, level)];
  if (f.topic) where.push(sql`${pubVersion.content}->'topics' @> ${JSON.stringify([f.topic])}::jsonb`);
  if (f.departmentId) where.push(eq(catalogItems.departmentId, f.departmentId));
  if (f.audience) where.push(sql`${pubVersion.content}->>'audience' in (${f.audience}, 'both')`);
  if (f.agent !== undefined) where.push(sql`(${pubVersion.content}->>'agentEligible')::boolean = ${f.agent}`);
  return where;
}

/** Published items of a list at a place, by name (keyset on name + id). */
export async function browsePublished(tx: Executor, chain: PlaceChain, level: ItemLevel | undefined, f: BrowseFilter) {
  const where = browseWhere(chain, level, f);
  const total = await tx
    .select({ n: count() })
    .from(catalogItems)
    .innerJoin(pubVersion, and(eq(pubVersion.itemId, catalogItems.id), eq(pubVersion.version, catalogItems.publishedVersion)))
    .where(and(...where));
  if (f.cursor) {
    const sep = f.cursor.lastIndexOf('|');
    const name = f.cursor.slice(0, sep);
    const id = f.cursor.slice(sep + 1);
    where.push(sql`(${catalogItems.sortKey}, ${catalogItems.id}) > (${name}, ${id}::uuid)`);
  }
  const rows = await publishedFrom(tx)
    .where(and(...where))
    .orderBy(asc(catalogItems.sortKey), asc(catalogItems.id))
    .limit(f.limit + 1);
  return { ...page(rows, f.limit, (r) => `${r.sortKey}|${r.id}`), total: total[0]?.n ?? 0 };
}

/** Topic and department counts of the published items visible at a place (all three lists). */
export async function publishedFacets(tx: Executor, chain: PlaceChain) {
  const base = and(isNotNull(catalogItems.publishedVersion), visibleAt(chain));
  const topics = await tx
    .select({ key: sql<string>`t.topic`, n: sql<number>`count(*)::int` })
    .from(catalogItems)
    .innerJoin(pubVersion, and(eq(pubVersion.itemId, catalogItems.id), eq(pubVersion.version, catalogItems.publishedVersion)))
    .innerJoin(sql`jsonb_array_elements_text(${pubVersion.content}->'topics') as t(topic)`, sql`true`)
    .where(base)
    .groupBy(sql`t.topic`);
  const depts = await tx
    .select({ id: departments.id, name: departments.name, shortName: departments.shortName, n: sql<number>`count(*)::int` })
    .from(catalogItems)
    .innerJoin(departments, eq(departments.id, catalogItems.departmentId))
    .where(base)
    .groupBy(departments.id, departments.name, departments.shortName)
    .orderBy(asc(departments.name));
  return { topics, depts };
}

/** One item's published (or, for pinned cases, superseded) version with its head. */
export async function getPublishedVersion(tx: Executor, id: string, version?: number) {
  const v = aliasedTable(catalogItemVersions, 'v');
  const [row] = await tx
    .select({
      item: catalogItems,
      basicCode: catalogBasicItems.code,
      center: centers,
      departmentName: departments.name,
      v,
    })
    .from(catalogItems)
    .innerJoin(v, and(eq(v.itemId, catalogItems.id), version === undefined ? eq(v.version, catalogItems.publishedVersion) : eq(v.version, version)))
    .innerJoin(catalogBasicItems, eq(catalogBasicItems.id, catalogItems.basicItemId))
    .innerJoin(centers, eq(centers.id, catalogItems.centerId))
    .innerJoin(departments, eq(departments.id, catalogItems.departmentId))
    .where(eq(catalogItems.id, id));
  return row;
}

/** Every published item of a county, for the search index. */
export async function allPublished(tx: Executor, countyId: string): Promise<PublishedRow[]> {
  return publishedFrom(tx).where(and(eq(catalogItems.countyId, countyId), isNotNull(catalogItems.publishedVersion)));
}

/** Published items listed at one center, for the wall list: its own items and upper items accepted there. */
export async function publishedListOfCenter(tx: Executor, chain: PlaceChain, level: ItemLevel): Promise<PublishedRow[]> {
  return publishedFrom(tx)
    .where(and(isNotNull(catalogItems.publishedVersion), visibleAt(chain, level)))
    .orderBy(asc(departments.name), asc(catalogItems.sortKey));
}

export async function departmentNames(tx: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function countyDepartmentIds(tx: Executor, countyId: string): Promise<Set<string>> {
  const rows = await tx.select({ id: departments.id }).from(departments).where(eq(departments.countyId, countyId));
  return new Set(rows.map((r) => r.id));
}

export async function centersByIdsWithPlace(tx: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select().from(centers).where(inArray(centers.id, ids));
}

export async function activeRegions(tx: Executor) {
  return tx
    .select({
      id: regions.id,
      parentId: regions.parentId,
      name: regions.name,
      level: regions.level,
      code: regions.code,
      // The region's own service center (a region has at most one in practice; the first active one).
      // (Drizzle leaves columns unqualified in a one-table query, so the correlation is spelled out.)
      centerId: sql<string | null>`(select c.id from ${centers} c where c.region_id = ${sql.raw('"regions"."id"')} and c.active order by c.created_at limit 1)`,
    })
    .from(regions)
    .where(and(eq(regions.active, true), inArray(regions.level, ['city', 'county', 'township', 'village'])))
    .orderBy(asc(regions.code));
}

export async function countiesWithCatalog(tx: Executor): Promise<string[]> {
  const rows = await tx.select({ id: regions.id }).from(regions).where(and(eq(regions.level, 'county'), eq(regions.active, true)));
  return rows.map((r) => r.id);
}

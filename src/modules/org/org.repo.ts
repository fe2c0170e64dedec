import { and, asc, eq, exists, gt, ilike, inArray, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import type { QueryScope } from '../../platform/policy.js';
import { users } from '../auth/auth.tables.js';
import { centers, departments, regions, stationings, stationingStaff, windows } from './org.tables.js';

/**
 * Queries of the organisation module. Every list takes the caller's QueryScope and turns it into a
 * WHERE clause; single-row loads return the row with the region path the service authorizes against.
 */

export type RegionRow = typeof regions.$inferSelect;
export type CenterRow = typeof centers.$inferSelect;
export type WindowRow = typeof windows.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type StationingRow = typeof stationings.$inferSelect;
export type UserRow = typeof users.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// Scope → SQL

const likePrefix = (col: AnyColumn | SQL, prefix: string): SQL => sql`${col} like ${prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`;

/** Regions visible in this scope: path under a granted subtree, or a center grant's own region node. */
export function regionPathInScope(scope: QueryScope, path: AnyColumn | SQL = regions.path, withExact = true): SQL {
  if (scope.all) return sql`true`;
  const parts: SQL[] = scope.regionPaths.map((p) => likePrefix(path, p));
  if (withExact && scope.exactRegionPaths.length) {
    parts.push(sql`${path} in (${sql.join(
      scope.exactRegionPaths.map((p) => sql`${p}`),
      sql`, `,
    )})`);
  }
  return parts.length ? or(...parts)! : sql`false`;
}

/** Centers visible in this scope (requires `regions` joined as the center's region). */
export function centerInScope(scope: QueryScope, centerId: AnyColumn = centers.id, regionPath: AnyColumn | SQL = regions.path): SQL {
  if (scope.all) return sql`true`;
  const parts: SQL[] = scope.regionPaths.map((p) => likePrefix(regionPath, p));
  if (scope.centerIds.length) parts.push(inArray(centerId, scope.centerIds));
  return parts.length ? or(...parts)! : sql`false`;
}

function page<T>(rows: T[], limit: number, cursorOf: (r: T) => string): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: cursorOf(items[items.length - 1]) };
}

const contains = (col: AnyColumn, q: string): SQL => ilike(col, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

// ---------------------------------------------------------------------------------------------------
// Regions

export async function getRegion(tx: Executor, id: string, lock = false): Promise<RegionRow | undefined> {
  const q = tx.select().from(regions).where(eq(regions.id, id));
  const rows = lock ? await q.for('update') : await q;
  return rows[0];
}

export async function getRegionByCode(tx: Executor, code: string): Promise<RegionRow | undefined> {
  const rows = await tx.select().from(regions).where(eq(regions.code, code));
  return rows[0];
}

export async function regionsByIds(tx: Executor, ids: string[]): Promise<RegionRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(regions).where(inArray(regions.id, ids));
}

export async function regionsByCodes(tx: Executor, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return tx.select().from(regions).where(inArray(regions.code, codes));
}

export interface RegionFilter {
  parentId?: string;
  level?: string;
  q?: string;
  includeInactive: boolean;
  cursor?: string;
  limit: number;
}

/** Regions in scope, ordered by code, keyset-paginated by code. */
export async function listRegions(tx: Executor, scope: QueryScope, f: RegionFilter) {
  const rows = await tx
    .select()
    .from(regions)
    .where(
      and(
        regionPathInScope(scope),
        f.parentId ? eq(regions.parentId, f.parentId) : undefined,
        f.level ? eq(regions.level, f.level) : undefined,
        f.q ? or(contains(regions.name, f.q), likePrefix(regions.code, f.q)) : undefined,
        f.includeInactive ? undefined : eq(regions.active, true),
        f.cursor ? gt(regions.code, f.cursor) : undefined,
      ),
    )
    .orderBy(asc(regions.code))
    .limit(f.limit + 1);
  return page(rows, f.limit, (r) => r.code);
}

/** Every region in scope (for the tree and exports). */
export async function allRegionsInScope(tx: Executor, scope: QueryScope, includeInactive: boolean): Promise<RegionRow[]> {
  return tx
    .select()
    .from(regions)
    .where(and(regionPathInScope(scope), includeInactive ? undefined : eq(regions.active, true)))
    .orderBy(asc(regions.code));
}

export async function countRegionChildren(tx: Executor, regionId: string) {
  const [r] = await tx
    .select({
      all: sql<number>`count(*)::int`,
      active: sql<number>`count(*) filter (where ${regions.active})::int`,
    })
    .from(regions)
    .where(eq(regions.parentId, regionId));
  const [c] = await tx
    .select({ active: sql<number>`count(*) filter (where ${centers.active})::int` })
    .from(centers)
    .where(eq(centers.regionId, regionId));
  const [d] = await tx
    .select({ active: sql<number>`count(*) filter (where ${departments.active})::int` })
    .from(departments)
    .where(eq(departments.regionId, regionId));
  return { regions: r.all, activeRegions: r.active, activeCenters: c.active, activeDepartments: d.active };
}

type Versioned = typeof regions | typeof centers | typeof windows | typeof departments | typeof users;

/**
 * Optimistic-locking update shared by every versioned table: applies `set` only if the row still has
 * the `version` read earlier, bumps it, and returns the new row — or undefined when someone else won.
 */
async function versionedUpdate<T extends Versioned>(
  tx: Executor,
  table: T,
  id: string,
  version: number,
  set: Partial<T['$inferInsert']>,
): Promise<T['$inferSelect'] | undefined> {
  const t = table as typeof regions; // the shared columns (id, version, updatedAt) have the same types on each
  const [out] = await tx
    .update(t)
    .set({ ...(set as Partial<typeof regions.$inferInsert>), version: sql`${t.version} + 1`, updatedAt: new Date() })
    .where(and(eq(t.id, id), eq(t.version, version)))
    .returning();
  return out as T['$inferSelect'] | undefined;
}

export async function insertRegion(tx: Executor, row: typeof regions.$inferInsert): Promise<RegionRow> {
  const [out] = await tx.insert(regions).values(row).returning();
  return out;
}

/** Update guarded by the version read earlier; returns undefined when someone else won. */
export const updateRegion = (tx: Executor, id: string, version: number, set: Partial<typeof regions.$inferInsert>) =>
  versionedUpdate(tx, regions, id, version, set);

// ---------------------------------------------------------------------------------------------------
// Centers

const centerWithRegion = {
  center: centers,
  regionPath: regions.path,
  regionName: regions.name,
  regionCode: regions.code,
  regionLevel: regions.level,
  regionActive: regions.active,
};
export type CenterWithRegion = { center: CenterRow; regionPath: string; regionName: string; regionCode: string; regionLevel: string; regionActive: boolean };

export async function getCenter(tx: Executor, id: string, lock = false): Promise<CenterWithRegion | undefined> {
  const q = tx.select(centerWithRegion).from(centers).innerJoin(regions, eq(regions.id, centers.regionId)).where(eq(centers.id, id));
  const rows = lock ? await q.for('update', { of: centers }) : await q;
  return rows[0];
}

export async function centersByIds(tx: Executor, ids: string[]): Promise<CenterWithRegion[]> {
  if (ids.length === 0) return [];
  return tx.select(centerWithRegion).from(centers).innerJoin(regions, eq(regions.id, centers.regionId)).where(inArray(centers.id, ids));
}

export interface CenterFilter {
  regionId?: string;
  level?: string;
  q?: string;
  includeInactive: boolean;
  cursor?: string;
  limit: number;
}

/** Centers in scope, in creation order (UUID v7), keyset-paginated by id. */
export async function listCenters(tx: Executor, scope: QueryScope, f: CenterFilter) {
  const rows = await tx
    .select(centerWithRegion)
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(
      and(
        centerInScope(scope),
        f.regionId ? eq(centers.regionId, f.regionId) : undefined,
        f.level ? eq(centers.level, f.level) : undefined,
        f.q ? or(contains(centers.name, f.q), contains(centers.address, f.q)) : undefined,
        f.includeInactive ? undefined : eq(centers.active, true),
        f.cursor ? gt(centers.id, f.cursor) : undefined,
      ),
    )
    .orderBy(asc(centers.id))
    .limit(f.limit + 1);
  return page(rows, f.limit, (r) => r.center.id);
}

export async function allCentersInScope(tx: Executor, scope: QueryScope, includeInactive: boolean): Promise<CenterWithRegion[]> {
  return tx
    .select(centerWithRegion)
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(and(centerInScope(scope), includeInactive ? undefined : eq(centers.active, true)))
    .orderBy(asc(regions.code), asc(centers.name));
}

export async function findCenterByName(tx: Executor, regionId: string, name: string, exceptId?: string) {
  const rows = await tx
    .select({ id: centers.id })
    .from(centers)
    .where(and(eq(centers.regionId, regionId), eq(centers.name, name), exceptId ? ne(centers.id, exceptId) : undefined));
  return rows[0];
}

export async function countCenterChildren(tx: Executor, centerId: string) {
  const [w] = await tx
    .select({ active: sql<number>`count(*) filter (where ${windows.active})::int` })
    .from(windows)
    .where(eq(windows.centerId, centerId));
  const [s] = await tx
    .select({ active: sql<number>`count(*) filter (where ${stationings.active})::int` })
    .from(stationings)
    .where(eq(stationings.centerId, centerId));
  return { activeWindows: w.active, activeStationings: s.active };
}

export async function insertCenter(tx: Executor, row: typeof centers.$inferInsert): Promise<CenterRow> {
  const [out] = await tx.insert(centers).values(row).returning();
  return out;
}

export const updateCenter = (tx: Executor, id: string, version: number, set: Partial<typeof centers.$inferInsert>) =>
  versionedUpdate(tx, centers, id, version, set);

// ---------------------------------------------------------------------------------------------------
// Windows

export type WindowWithCenter = { window: WindowRow; centerActive: boolean; centerCountyId: string; regionPath: string };

export async function getWindow(tx: Executor, id: string, lock = false): Promise<WindowWithCenter | undefined> {
  const q = tx
    .select({ window: windows, centerActive: centers.active, centerCountyId: centers.countyId, regionPath: regions.path })
    .from(windows)
    .innerJoin(centers, eq(centers.id, windows.centerId))
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(eq(windows.id, id));
  const rows = lock ? await q.for('update', { of: windows }) : await q;
  return rows[0];
}

export async function windowsOfCenter(tx: Executor, centerId: string, includeInactive = true): Promise<WindowRow[]> {
  return tx
    .select()
    .from(windows)
    .where(and(eq(windows.centerId, centerId), includeInactive ? undefined : eq(windows.active, true)))
    .orderBy(asc(windows.number));
}

export async function findWindowByNumber(tx: Executor, centerId: string, number: number, exceptId?: string) {
  const rows = await tx
    .select({ id: windows.id })
    .from(windows)
    .where(and(eq(windows.centerId, centerId), eq(windows.number, number), exceptId ? ne(windows.id, exceptId) : undefined));
  return rows[0];
}

export async function insertWindow(tx: Executor, row: typeof windows.$inferInsert): Promise<WindowRow> {
  const [out] = await tx.insert(windows).values(row).returning();
  return out;
}

export const updateWindow = (tx: Executor, id: string, version: number, set: Partial<typeof windows.$inferInsert>) =>
  versionedUpdate(tx, windows, id, version, set);

// ---------------------------------------------------------------------------------------------------
// Departments

const departmentWithRegion = {
  department: departments,
  regionPath: regions.path,
  regionName: regions.name,
  regionLevel: regions.level,
  regionActive: regions.active,
};
export type DepartmentWithRegion = { department: DepartmentRow; regionPath: string; regionName: string; regionLevel: string; regionActive: boolean };

export async function getDepartment(tx: Executor, id: string, lock = false): Promise<DepartmentWithRegion | undefined> {
  const q = tx.select(departmentWithRegion).from(departments).innerJoin(regions, eq(regions.id, departments.regionId)).where(eq(departments.id, id));
  const rows = lock ? await q.for('update', { of: departments }) : await q;
  return rows[0];
}

const stationCenter = alias(centers, 'st_center');
const stationRegion = alias(regions, 'st_region');

/** A department stationed (actively) at a center in this scope. */
function stationedInScope(tx: Executor, centerScope: QueryScope, departmentId: AnyColumn = departments.id): SQL {
  return exists(
    tx
      .select({ one: sql`1` })
      .from(stationings)
      .innerJoin(stationCenter, eq(stationCenter.id, stationings.centerId))
      .innerJoin(stationRegion, eq(stationRegion.id, stationCenter.regionId))
      .where(
        and(eq(stationings.departmentId, departmentId), eq(stationings.active, true), centerInScope(centerScope, stationCenter.id, stationRegion.path)),
      ),
  );
}

export interface DepartmentFilter {
  regionId?: string;
  centerId?: string;
  kind?: string;
  q?: string;
  includeInactive: boolean;
  cursor?: string;
  limit: number;
}

/** Departments whose region is in scope, or that are stationed at a center in scope. */
export async function listDepartments(tx: Executor, scope: QueryScope, centerScope: QueryScope, f: DepartmentFilter) {
  const rows = await tx
    .select(departmentWithRegion)
    .from(departments)
    .innerJoin(regions, eq(regions.id, departments.regionId))
    .where(
      and(
        or(regionPathInScope(scope), stationedInScope(tx, centerScope)),
        f.regionId ? eq(departments.regionId, f.regionId) : undefined,
        f.centerId
          ? exists(
              tx
                .select({ one: sql`1` })
                .from(stationings)
                .where(and(eq(stationings.departmentId, departments.id), eq(stationings.centerId, f.centerId), eq(stationings.active, true))),
            )
          : undefined,
        f.kind ? eq(departments.kind, f.kind) : undefined,
        f.q ? or(contains(departments.name, f.q), contains(departments.shortName, f.q)) : undefined,
        f.includeInactive ? undefined : eq(departments.active, true),
        f.cursor ? gt(departments.id, f.cursor) : undefined,
      ),
    )
    .orderBy(asc(departments.id))
    .limit(f.limit + 1);
  return page(rows, f.limit, (r) => r.department.id);
}

export async function isStationedInScope(tx: Executor, departmentId: string, centerScope: QueryScope): Promise<boolean> {
  const rows = await tx
    .select({ one: sql`1` })
    .from(stationings)
    .innerJoin(stationCenter, eq(stationCenter.id, stationings.centerId))
    .innerJoin(stationRegion, eq(stationRegion.id, stationCenter.regionId))
    .where(
      and(eq(stationings.departmentId, departmentId), eq(stationings.active, true), centerInScope(centerScope, stationCenter.id, stationRegion.path)),
    )
    .limit(1);
  return rows.length > 0;
}

export async function findDepartmentByName(tx: Executor, regionId: string, name: string, exceptId?: string) {
  const rows = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.regionId, regionId), eq(departments.name, name), exceptId ? ne(departments.id, exceptId) : undefined));
  return rows[0];
}

export async function findDepartmentByCreditCode(tx: Executor, creditCode: string, exceptId?: string) {
  const rows = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.creditCode, creditCode), exceptId ? ne(departments.id, exceptId) : undefined));
  return rows[0];
}

/** Departments of a county by exact name (for the Excel import's 所属部门 column). */
export async function departmentsOfCounty(tx: Executor, countyId: string): Promise<DepartmentWithRegion[]> {
  return tx.select(departmentWithRegion).from(departments).innerJoin(regions, eq(regions.id, departments.regionId)).where(eq(departments.countyId, countyId));
}

export async function departmentsByIds(tx: Executor, ids: string[]): Promise<DepartmentRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(departments).where(inArray(departments.id, ids));
}

export async function countDepartmentChildren(tx: Executor, departmentId: string) {
  const [s] = await tx
    .select({ active: sql<number>`count(*) filter (where ${stationings.active})::int` })
    .from(stationings)
    .where(eq(stationings.departmentId, departmentId));
  return { activeStationings: s.active };
}

export async function insertDepartment(tx: Executor, row: typeof departments.$inferInsert): Promise<DepartmentRow> {
  const [out] = await tx.insert(departments).values(row).returning();
  return out;
}

export const updateDepartment = (tx: Executor, id: string, version: number, set: Partial<typeof departments.$inferInsert>) =>
  versionedUpdate(tx, departments, id, version, set);

// ---------------------------------------------------------------------------------------------------
// Stationings

export interface StationingView {
  stationing: StationingRow;
  department: DepartmentRow;
  center: CenterRow;
  regionPath: string;
}

async function stationingViews(tx: Executor, where: SQL, lock = false): Promise<StationingView[]> {
  const q = tx
    .select({ stationing: stationings, department: departments, center: centers, regionPath: regions.path })
    .from(stationings)
    .innerJoin(departments, eq(departments.id, stationings.departmentId))
    .innerJoin(centers, eq(centers.id, stationings.centerId))
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(where)
    .orderBy(asc(stationings.id));
  return lock ? q.for('update', { of: stationings }) : q;
}

export async function getStationing(tx: Executor, id: string, lock = false): Promise<StationingView | undefined> {
  return (await stationingViews(tx, eq(stationings.id, id), lock))[0];
}

export const stationingsOfCenter = (tx: Executor, centerId: string) => stationingViews(tx, eq(stationings.centerId, centerId));
export const stationingsOfDepartment = (tx: Executor, departmentId: string) => stationingViews(tx, eq(stationings.departmentId, departmentId));

export async function findStationing(tx: Executor, departmentId: string, centerId: string) {
  const rows = await tx
    .select()
    .from(stationings)
    .where(and(eq(stationings.departmentId, departmentId), eq(stationings.centerId, centerId)));
  return rows[0];
}

export async function staffOfStationings(tx: Executor, stationingIds: string[]) {
  if (stationingIds.length === 0) return new Map<string, StaffSummaryRow[]>();
  const rows = await tx
    .select({ stationingId: stationingStaff.stationingId, id: users.id, username: users.username, displayName: users.displayName, active: users.active })
    .from(stationingStaff)
    .innerJoin(users, eq(users.id, stationingStaff.userId))
    .where(inArray(stationingStaff.stationingId, stationingIds))
    .orderBy(asc(users.username));
  const out = new Map<string, StaffSummaryRow[]>();
  for (const r of rows) {
    const list = out.get(r.stationingId) ?? [];
    list.push({ id: r.id, username: r.username, displayName: r.displayName, active: r.active });
    out.set(r.stationingId, list);
  }
  return out;
}

/** Replace the staff list of a stationing; returns the user ids before the change. */
export async function setStationingStaff(tx: Executor, stationingId: string, userIds: string[]): Promise<void> {
  const current = await tx.select({ userId: stationingStaff.userId }).from(stationingStaff).where(eq(stationingStaff.stationingId, stationingId));
  const have = new Set(current.map((r) => r.userId));
  const want = new Set(userIds);
  const remove = [...have].filter((id) => !want.has(id));
  const add = [...want].filter((id) => !have.has(id));
  if (remove.length) {
    await tx.delete(stationingStaff).where(and(eq(stationingStaff.stationingId, stationingId), inArray(stationingStaff.userId, remove)));
  }
  if (add.length) await tx.insert(stationingStaff).values(add.map((userId) => ({ stationingId, userId })));
}

export async function insertStationing(tx: Executor, row: typeof stationings.$inferInsert): Promise<StationingRow> {
  const [out] = await tx.insert(stationings).values(row).returning();
  return out;
}

export async function setStationingActive(tx: Executor, id: string, active: boolean): Promise<void> {
  await tx.update(stationings).set({ active, updatedAt: new Date() }).where(eq(stationings.id, id));
}

export async function touchStationing(tx: Executor, id: string): Promise<void> {
  await tx.update(stationings).set({ updatedAt: new Date() }).where(eq(stationings.id, id));
}

/** The stationings a user works in. */
export async function stationingsOfUser(tx: Executor, userId: string) {
  return tx
    .select({ stationing: stationings, department: departments, center: centers })
    .from(stationingStaff)
    .innerJoin(stationings, eq(stationings.id, stationingStaff.stationingId))
    .innerJoin(departments, eq(departments.id, stationings.departmentId))
    .innerJoin(centers, eq(centers.id, stationings.centerId))
    .where(eq(stationingStaff.userId, userId))
    .orderBy(asc(stationings.id));
}

// ---------------------------------------------------------------------------------------------------
// Staff (users of kind 'staff')

export interface StaffSummaryRow {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
}

const homeRegion = alias(regions, 'home_region');
const staffColumns = {
  user: users,
  homeRegionPath: homeRegion.path,
  homeRegionName: homeRegion.name,
  homeRegionActive: homeRegion.active,
  departmentName: departments.name,
};
export type StaffRow = { user: UserRow; homeRegionPath: string | null; homeRegionName: string | null; homeRegionActive: boolean | null; departmentName: string | null };

function staffQuery(tx: Executor) {
  return tx
    .select(staffColumns)
    .from(users)
    .leftJoin(homeRegion, eq(homeRegion.id, users.homeRegionId))
    .leftJoin(departments, eq(departments.id, users.departmentId));
}

export async function getStaff(tx: Executor, id: string, lock = false): Promise<StaffRow | undefined> {
  const q = staffQuery(tx).where(and(eq(users.id, id), eq(users.kind, 'staff')));
  const rows = lock ? await q.for('update', { of: users }) : await q;
  return rows[0];
}

export interface StaffFilter {
  regionId?: string;
  departmentId?: string;
  q?: string;
  /** Keyed indexes of q when it looks like a full ID number or mobile. */
  qIndex?: string;
  includeInactive: boolean;
  cursor?: string;
  limit: number;
}

/** Staff whose home region is in scope, ordered and keyset-paginated by username. */
export async function listStaff(tx: Executor, scope: QueryScope, f: StaffFilter) {
  const rows = await staffQuery(tx)
    .where(
      and(
        eq(users.kind, 'staff'),
        regionPathInScope(scope, homeRegion.path),
        f.regionId ? eq(users.homeRegionId, f.regionId) : undefined,
        f.departmentId ? eq(users.departmentId, f.departmentId) : undefined,
        f.q
          ? or(
              contains(users.username, f.q),
              contains(users.displayName, f.q),
              f.qIndex ? or(eq(users.idNumberIdx, f.qIndex), eq(users.phoneIdx, f.qIndex)) : undefined,
            )
          : undefined,
        f.includeInactive ? undefined : eq(users.active, true),
        f.cursor ? gt(users.username, f.cursor) : undefined,
      ),
    )
    .orderBy(asc(users.username))
    .limit(f.limit + 1);
  return page(rows, f.limit, (r) => r.user.username);
}

export async function allStaffInScope(tx: Executor, scope: QueryScope): Promise<StaffRow[]> {
  return staffQuery(tx)
    .where(and(eq(users.kind, 'staff'), regionPathInScope(scope, homeRegion.path)))
    .orderBy(asc(users.username));
}

export async function findUserByUsername(tx: Executor, username: string) {
  const rows = await tx.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return rows[0];
}

export async function usersByUsernames(tx: Executor, usernames: string[]): Promise<UserRow[]> {
  if (usernames.length === 0) return [];
  return tx
    .select()
    .from(users)
    .where(
      inArray(
        sql`lower(${users.username})`,
        usernames.map((u) => u.toLowerCase()),
      ),
    );
}

/** Users holding a phone or ID number index (for uniqueness checks). */
export async function usersByIndexes(tx: Executor, idx: { phoneIdx?: string[]; idNumberIdx?: string[] }) {
  const parts: SQL[] = [];
  if (idx.phoneIdx?.length) parts.push(inArray(users.phoneIdx, idx.phoneIdx));
  if (idx.idNumberIdx?.length) parts.push(inArray(users.idNumberIdx, idx.idNumberIdx));
  if (parts.length === 0) return [];
  return tx.select({ id: users.id, phoneIdx: users.phoneIdx, idNumberIdx: users.idNumberIdx }).from(users).where(or(...parts));
}

export async function staffSummaries(tx: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: users.id, username: users.username, displayName: users.displayName, active: users.active, kind: users.kind, countyId: users.countyId })
    .from(users)
    .where(inArray(users.id, ids));
}

export async function insertUser(tx: Executor, row: typeof users.$inferInsert): Promise<UserRow> {
  const [out] = await tx.insert(users).values(row).returning();
  return out;
}

export const updateUser = (tx: Executor, id: string, version: number, set: Partial<typeof users.$inferInsert>) =>
  versionedUpdate(tx, users, id, version, set);


// ---------------------------------------------------------------------------------------------------
// Excel import helpers

export async function centersOfRegions(tx: Executor, regionIds: string[]): Promise<CenterRow[]> {
  if (regionIds.length === 0) return [];
  return tx.select().from(centers).where(inArray(centers.regionId, regionIds));
}

/** Active child regions, centers and departments of a region (what blocks its deactivation). */
export async function activeChildrenOfRegion(tx: Executor, regionId: string) {
  const rs = await tx
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(and(eq(regions.parentId, regionId), eq(regions.active, true)));
  const cs = await tx
    .select({ name: centers.name })
    .from(centers)
    .where(and(eq(centers.regionId, regionId), eq(centers.active, true)));
  const ds = await tx
    .select({ name: departments.name })
    .from(departments)
    .where(and(eq(departments.regionId, regionId), eq(departments.active, true)));
  return { regions: rs, centers: cs, departments: ds };
}

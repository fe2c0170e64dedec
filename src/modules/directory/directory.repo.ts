import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { users } from '../auth/auth.tables.js';
import { catalogItems, catalogItemVersions } from '../catalog/catalog.tables.js';
import { centers, departments, regions, stationings, windows } from '../org/org.tables.js';

/** Queries of the public center directory. Everything is public data of active centers. */

const parent = alias(regions, 'parent');

/** The county a region belongs to (null when the region is unknown, inactive or above a county). */
export async function countyOfRegion(tx: Executor, regionId: string): Promise<string | null> {
  const [r] = await tx.select({ countyId: regions.countyId, active: regions.active }).from(regions).where(eq(regions.id, regionId));
  return r?.active ? r.countyId : null;
}

export async function userHomeRegion(tx: Executor, userId: string): Promise<string | null> {
  const [u] = await tx.select({ home: users.homeRegionId }).from(users).where(eq(users.id, userId));
  return u?.home ?? null;
}

export async function activeCounties(tx: Executor): Promise<{ id: string; name: string }[]> {
  return tx
    .select({ id: regions.id, name: regions.name })
    .from(regions)
    .where(and(eq(regions.level, 'county'), eq(regions.active, true)))
    .orderBy(asc(regions.code));
}

export async function countyName(tx: Executor, countyId: string): Promise<string | null> {
  const [r] = await tx.select({ name: regions.name }).from(regions).where(and(eq(regions.id, countyId), eq(regions.active, true)));
  return r?.name ?? null;
}

const centerColumns = {
  id: centers.id,
  name: centers.name,
  level: centers.level,
  countyId: centers.countyId,
  address: centers.address,
  hours: centers.hours,
  phone: centers.phone,
  complaintPhone: centers.complaintPhone,
  regionId: regions.id,
  regionName: regions.name,
  regionCode: regions.code,
  regionLevel: regions.level,
  regionPath: regions.path,
  parentId: parent.id,
  parentName: parent.name,
  parentLevel: parent.level,
};
export type CenterRow = Awaited<ReturnType<typeof activeCentersOfCounty>>[number];

/** Active centers of the county whose region is active too. */
export async function activeCentersOfCounty(tx: Executor, countyId: string) {
  return tx
    .select(centerColumns)
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .leftJoin(parent, eq(parent.id, regions.parentId))
    .where(and(eq(centers.countyId, countyId), eq(centers.active, true), eq(regions.active, true)))
    .orderBy(asc(regions.code), asc(centers.name));
}

export async function activeCenter(tx: Executor, id: string) {
  const [row] = await tx
    .select(centerColumns)
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .leftJoin(parent, eq(parent.id, regions.parentId))
    .where(and(eq(centers.id, id), eq(centers.active, true), eq(regions.active, true)));
  return row;
}

/** Active windows of these centers, by center and number. */
export async function activeWindows(tx: Executor, centerIds: string[]) {
  if (centerIds.length === 0) return [];
  return tx
    .select({ centerId: windows.centerId, number: windows.number, name: windows.name, kind: windows.kind, sector: windows.sector, categories: windows.categories })
    .from(windows)
    .where(and(inArray(windows.centerId, centerIds), eq(windows.active, true)))
    .orderBy(asc(windows.centerId), asc(windows.number));
}

/** Departments and stations stationed (进驻) at a center. */
export async function stationedDepartments(tx: Executor, centerId: string) {
  return tx
    .select({ name: departments.name, shortName: departments.shortName })
    .from(stationings)
    .innerJoin(departments, eq(departments.id, stationings.departmentId))
    .where(and(eq(stationings.centerId, centerId), eq(stationings.active, true), eq(departments.active, true)))
    .orderBy(asc(departments.name));
}

const pub = alias(catalogItemVersions, 'pub');
const acceptsAt = (level: 'township' | 'village') => sql<number>`count(*) filter (where ${pub.content}->'acceptLevels' @> ${JSON.stringify([level])}::jsonb)::int`;

/**
 * Per center of the county: its published items, and how many of them accept at the township and at
 * the village level (one aggregate over the published versions).
 */
export async function publishedCounts(tx: Executor, countyId: string) {
  return tx
    .select({ centerId: catalogItems.centerId, n: sql<number>`count(*)::int`, township: acceptsAt('township'), village: acceptsAt('village') })
    .from(catalogItems)
    .innerJoin(pub, and(eq(pub.itemId, catalogItems.id), eq(pub.version, catalogItems.publishedVersion)))
    .where(and(eq(catalogItems.countyId, countyId), isNotNull(catalogItems.publishedVersion)))
    .groupBy(catalogItems.centerId);
}

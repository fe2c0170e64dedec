import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { sm3 } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import { files } from '../files/files.tables.js';
import { centers, departments } from '../org/org.tables.js';
import { catalogBasicItems, catalogGenerations, catalogItems, catalogItemVersions } from './catalog.tables.js';
import { canonicalContent, implementationCode, type ItemLevel } from './catalog.rules.js';
import { searchKeys } from './catalog.search.js';
import { buildContent, DEMO_CATALOG, demoTemplates, implementationLevel, type DemoItem } from './data/demo-catalog.js';
import { formFileName, renderTemplate, type FormTemplate } from './data/demo-forms.js';

/**
 * The demo county's published catalog (data/demo-catalog.ts): basic items of the county departments,
 * implementations at the center of the deciding level — items decided by a township at every township
 * hall (implemented by the station that serves the county department), items decided by the county at
 * the county hall — each with one published version, the blank forms and samples as files, and the
 * county's catalog generation. Runs inside the demo seed's transaction: direct inserts only, no
 * services, never `deps.db`.
 */

export interface DemoCatalogIds {
  countyId: string;
  /** Township stations and the county departments (short names) each one serves (seed/demo.ts TOWN_STATIONS). */
  stations: readonly { shortName: string; serves: readonly string[] }[];
}

export interface DemoCatalogSummary {
  basicItems: number;
  items: number;
  files: number;
}

/** Station of a township for items of county departments no station serves (综合, 公共服务企业, 市场监管). */
const FALLBACK_STATION = '社会事务办';

/**
 * The PDFs are most of the seed's time (about 60 of them, ~15 ms each): render them once per process,
 * so seeding another fresh database (tests, scripts) reuses them.
 */
let forms: Promise<{ template: FormTemplate; blank: Buffer; sample: Buffer }[]> | null = null;
function renderedForms() {
  forms ??= (async () => {
    const out = [];
    for (const template of demoTemplates()) out.push({ template, blank: await renderTemplate(template, 'blank'), sample: await renderTemplate(template, 'sample') });
    return out;
  })().catch((err: unknown) => {
    forms = null;
    throw err;
  });
  return forms;
}

export async function seedDemoCatalog(tx: Executor, ids: DemoCatalogIds): Promise<DemoCatalogSummary> {
  const { countyId } = ids;
  const centerRows = await tx
    .select({ id: centers.id, regionId: centers.regionId, level: centers.level, address: centers.address, hours: centers.hours, phone: centers.phone, complaintPhone: centers.complaintPhone })
    .from(centers)
    .where(and(eq(centers.countyId, countyId), eq(centers.active, true)));
  const deptRows = await tx
    .select({ id: departments.id, regionId: departments.regionId, kind: departments.kind, shortName: departments.shortName, creditCode: departments.creditCode })
    .from(departments)
    .where(and(eq(departments.countyId, countyId), eq(departments.active, true)));

  type Dept = (typeof deptRows)[number];
  const countyDepts = new Map(deptRows.filter((d) => d.kind === 'department' && d.regionId === countyId).map((d) => [d.shortName, d]));
  const countyDept = (shortName: string): Dept => {
    const d = countyDepts.get(shortName);
    if (!d) throw new Error(`demo catalog: no county department ${shortName}`);
    return d;
  };
  const stationOf = (townRegionId: string, countyShortName: string): Dept => {
    const shortName = ids.stations.find((s) => s.serves.includes(countyShortName))?.shortName ?? FALLBACK_STATION;
    const d = deptRows.find((r) => r.kind === 'station' && r.regionId === townRegionId && r.shortName === shortName);
    if (!d) throw new Error(`demo catalog: no station ${shortName} in township ${townRegionId}`);
    return d;
  };
  const countyCenter = centerRows.find((c) => c.level === 'county');
  const townCenters = centerRows.filter((c) => c.level === 'township');
  if (!countyCenter || townCenters.length === 0) throw new Error('demo catalog: the county and township centers must exist');

  // Blank forms and samples: each distinct template rendered once, shared by every implementation.
  const fileRows: (typeof files.$inferInsert)[] = [];
  const fileIds = new Map<string, { blankFileId: string; sampleFileId: string }>();
  for (const { template, blank, sample } of await renderedForms()) {
    const pair = { blankFileId: newId(), sampleFileId: newId() };
    fileIds.set(template.title, pair);
    for (const [id, content, mode] of [
      [pair.blankFileId, blank, 'blank'],
      [pair.sampleFileId, sample, 'sample'],
    ] as const) {
      fileRows.push({ id, countyId, purpose: 'catalog_form', name: formFileName(template, mode), mime: 'application/pdf', size: content.length, sha: sm3(content), content });
    }
  }

  const now = new Date();
  const basicRows: (typeof catalogBasicItems.$inferInsert)[] = [];
  const itemRows: (typeof catalogItems.$inferInsert)[] = [];
  const versionRows: (typeof catalogItemVersions.$inferInsert)[] = [];
  const implement = (d: DemoItem, basicItemId: string, center: (typeof centerRows)[number], level: ItemLevel, dept: Dept) => {
    if (!dept.creditCode) throw new Error(`demo catalog: department ${dept.shortName} has no credit code`);
    const content = buildContent(d, {
      place: center.address,
      hours: center.hours,
      phone: center.phone,
      complaintPhone: center.complaintPhone,
      ownDepartmentId: dept.id,
      countyDepartmentId: (shortName) => countyDept(shortName).id,
      files: fileIds,
    });
    const id = newId();
    itemRows.push({
      id,
      countyId,
      centerId: center.id,
      basicItemId,
      departmentId: dept.id,
      implementationCode: implementationCode(dept.creditCode, level, d.basicCode),
      level,
      name: d.name,
      // As the catalog service sorts: by the pinyin of the published name.
      sortKey: searchKeys(d.name).pinyin || d.name,
      status: 'published',
      publishedVersion: 1,
      openVersion: null,
      latestVersion: 1,
      publishedAt: now,
    });
    versionRows.push({ itemId: id, version: 1, countyId, status: 'published', content, contentHash: sm3(canonicalContent(content)), publishedAt: now, reviewedAt: now });
  };

  for (const d of DEMO_CATALOG) {
    const basicItemId = newId();
    basicRows.push({ id: basicItemId, countyId, code: d.basicCode, name: d.name, itemType: d.itemType, legalBasis: d.legalBasis, departmentId: countyDept(d.department).id });
    const level = implementationLevel(d);
    if (level === 'county') implement(d, basicItemId, countyCenter, 'county', countyDept(d.department));
    else for (const c of townCenters) implement(d, basicItemId, c, 'township', stationOf(c.regionId, d.department));
  }

  if (fileRows.length) await tx.insert(files).values(fileRows);
  await tx.insert(catalogBasicItems).values(basicRows);
  await tx.insert(catalogItems).values(itemRows);
  await tx.insert(catalogItemVersions).values(versionRows);
  await tx
    .insert(catalogGenerations)
    .values({ countyId, generation: 1 })
    .onConflictDoUpdate({ target: catalogGenerations.countyId, set: { generation: sql`${catalogGenerations.generation} + 1` } });
  return { basicItems: basicRows.length, items: itemRows.length, files: fileRows.length };
}

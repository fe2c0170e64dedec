import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/auth-context.js';
import type { Deps } from '../../platform/deps.js';
import { Invalid, NotFound } from '../../platform/errors.js';
import { WINDOW_KIND_LABELS } from '../org/org.rules.js';
import type { DirectoryCenter, DirectoryCenterDetail, DirectoryQuery, DirectoryResponse } from './directory.contract.js';
import * as repo from './directory.repo.js';
import { groupByTownship, itemCounts, matchesQuery, type CenterLevel } from './directory.rules.js';

/**
 * 服务中心名录: every active center of a county (county hall, township halls, village rooms) with its
 * address, hours, phones, windows and the number of published items it handles. Public, read-only.
 */

const LEVEL_LABELS: Record<CenterLevel, string> = { county: '县政务服务中心', township: '乡镇（街道）便民服务中心', village: '村（社区）便民服务室' };

/** The county to list: the reader's place, else the signed-in user's home, else the only county. */
async function resolveCounty(tx: Executor, actor: Actor | null, regionId: string | undefined): Promise<{ id: string; name: string }> {
  let id: string | null = null;
  if (regionId) {
    id = await repo.countyOfRegion(tx, regionId);
    if (!id) throw new NotFound('地区不存在');
  } else if (actor) {
    const home = await repo.userHomeRegion(tx, actor.userId);
    if (home) id = await repo.countyOfRegion(tx, home);
  }
  if (!id) {
    const counties = await repo.activeCounties(tx);
    if (counties.length !== 1) throw new Invalid('请先选择您所在的地区', [{ path: 'regionId', message: '必填' }], 'REGION_REQUIRED');
    return counties[0];
  }
  const name = await repo.countyName(tx, id);
  if (!name) throw new NotFound('地区不存在');
  return { id, name };
}

type Row = repo.CenterRow;

/** Centers, windows and item counts of a county, composed into the public shape. */
async function loadCounty(tx: Executor, countyId: string) {
  const rows = await repo.activeCentersOfCounty(tx, countyId);
  const wins = await repo.activeWindows(
    tx,
    rows.map((r) => r.id),
  );
  const published = await repo.publishedCounts(tx, countyId);
  const counts = itemCounts(
    rows.map((r) => ({ id: r.id, level: r.level as CenterLevel, regionPath: r.regionPath })),
    new Map(published.map((p) => [p.centerId, p.n])),
    new Map(published.map((p) => [p.centerId, { township: p.township, village: p.village }])),
  );
  const windowsOf = new Map<string, DirectoryCenter['windows']>();
  for (const w of wins) {
    const list = windowsOf.get(w.centerId) ?? [];
    const kind = w.kind as keyof typeof WINDOW_KIND_LABELS;
    list.push({ number: w.number, name: w.name, kind, kindLabel: WINDOW_KIND_LABELS[kind], sector: w.sector, categories: w.categories });
    windowsOf.set(w.centerId, list);
  }
  const toPublic = (r: Row): DirectoryCenter => ({
    id: r.id,
    name: r.name,
    level: r.level as CenterLevel,
    levelLabel: LEVEL_LABELS[r.level as CenterLevel],
    regionId: r.regionId,
    regionName: r.regionName,
    address: r.address,
    hours: r.hours,
    phone: r.phone,
    complaintPhone: r.complaintPhone,
    windows: windowsOf.get(r.id) ?? [],
    items: counts.get(r.id) ?? { own: 0, accepted: 0, total: 0 },
  });
  return { rows, toPublic };
}

/** The township a center belongs to: its own region for a township hall, the parent for a village room. */
const townshipOf = (r: Row): { id: string; name: string } | null =>
  r.regionLevel === 'township' ? { id: r.regionId, name: r.regionName } : r.parentLevel === 'township' && r.parentId ? { id: r.parentId, name: r.parentName ?? '' } : null;

export async function listCenters(deps: Deps, actor: Actor | null, q: DirectoryQuery): Promise<DirectoryResponse> {
  return deps.db.transaction(async (tx) => {
    const county = await resolveCounty(tx, actor, q.regionId);
    const { rows, toPublic } = await loadCounty(tx, county.id);
    const shown = rows.filter((r) => !q.q || matchesQuery(q.q, [r.name, r.address, r.regionName, r.parentName ?? '']));
    const groups = groupByTownship(
      shown.map((r) => {
        const t = townshipOf(r);
        return { ...toPublic(r), townshipId: t?.id ?? null, townshipName: t?.name ?? null, regionCode: r.regionCode };
      }),
    );
    return {
      county,
      total: shown.length,
      groups: groups.map((g) => ({ ...g, centers: g.centers.map(({ townshipId: _t, townshipName: _n, regionCode: _c, ...c }) => c) })),
    };
  });
}

export async function getCenter(deps: Deps, id: string): Promise<z.infer<typeof DirectoryCenterDetail>> {
  return deps.db.transaction(async (tx) => {
    const row = await repo.activeCenter(tx, id);
    if (!row) throw new NotFound('服务中心不存在或已停用');
    const name = await repo.countyName(tx, row.countyId);
    if (!name) throw new NotFound('服务中心不存在或已停用');
    const { toPublic } = await loadCounty(tx, row.countyId);
    const departments = await repo.stationedDepartments(tx, id);
    return {
      ...toPublic(row),
      county: { id: row.countyId, name },
      township: townshipOf(row),
      departments,
      browse: { regionId: row.regionId, level: row.level as CenterLevel },
      listPdfUrl: `/api/catalog/centers/${row.id}/list.pdf`,
    };
  });
}

/**
 * Pure rules of the public center directory (服务中心名录): how many published items each center
 * handles, and how the county's centers are grouped for a reader.
 */

export type CenterLevel = 'county' | 'township' | 'village';
const RANK: Record<CenterLevel, number> = { county: 0, township: 1, village: 2 };

export interface CenterNode {
  id: string;
  level: CenterLevel;
  /** The center's region path (`/province/…/county/township/village/`). */
  regionPath: string;
}

export interface ItemCounts {
  /** Items this center implements itself (本级办理). */
  own: number;
  /** Items of the township or county above it that it takes in (受理后转). */
  accepted: number;
  total: number;
}

/**
 * Items a center handles, the way the public lists count them (catalog `visibleAt`): its own published
 * items, plus the published items of every higher-level center of its chain (its township hall, the
 * county hall) whose accept levels include this center's level.
 *
 * `own`: published items per center; `accepts`: per center, how many of its published items accept at
 * the township and at the village level.
 */
export function itemCounts(
  centers: readonly CenterNode[],
  own: ReadonlyMap<string, number>,
  accepts: ReadonlyMap<string, { township: number; village: number }>,
): Map<string, ItemCounts> {
  const out = new Map<string, ItemCounts>();
  for (const c of centers) {
    let accepted = 0;
    if (c.level !== 'county') {
      for (const above of centers) {
        if (RANK[above.level] >= RANK[c.level] || !c.regionPath.startsWith(above.regionPath)) continue;
        accepted += accepts.get(above.id)?.[c.level] ?? 0;
      }
    }
    const mine = own.get(c.id) ?? 0;
    out.set(c.id, { own: mine, accepted, total: mine + accepted });
  }
  return out;
}

export interface GroupInput {
  id: string;
  level: CenterLevel;
  name: string;
  /** The township region a township hall or village room belongs to (null for the county hall). */
  townshipId: string | null;
  townshipName: string | null;
  /** Region code, for a stable order (行政区划代码). */
  regionCode: string;
}

export interface Group<T> {
  key: string;
  name: string;
  level: 'county' | 'township';
  centers: T[];
}

/**
 * 县级 first, then one group per township in code order: its hall first, then its village rooms and
 * communities in code order.
 */
export function groupByTownship<T extends GroupInput>(centers: readonly T[]): Group<T>[] {
  const sorted = [...centers].sort((a, b) => RANK[a.level] - RANK[b.level] || a.regionCode.localeCompare(b.regionCode) || a.name.localeCompare(b.name, 'zh-CN'));
  const county = sorted.filter((c) => c.level === 'county');
  const towns = new Map<string, Group<T> & { code: string }>();
  for (const c of sorted) {
    if (c.level === 'county' || !c.townshipId) continue;
    let g = towns.get(c.townshipId);
    if (!g) {
      g = { key: c.townshipId, name: c.townshipName ?? '', level: 'township', centers: [], code: c.level === 'township' ? c.regionCode : '' };
      towns.set(c.townshipId, g);
    }
    if (c.level === 'township' && !g.code) g.code = c.regionCode;
    g.centers.push(c);
  }
  const groups: Group<T>[] = [];
  if (county.length) groups.push({ key: 'county', name: '县级', level: 'county', centers: county });
  const townGroups = [...towns.values()].sort((a, b) => (a.code || a.centers[0].regionCode).localeCompare(b.code || b.centers[0].regionCode));
  for (const g of townGroups) groups.push({ key: g.key, name: g.name, level: g.level, centers: g.centers });
  return groups;
}

/** Loose match for the directory search: name, address or place name contains every word typed. */
export function matchesQuery(q: string, fields: readonly string[]): boolean {
  const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fields.join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

import { describe, expect, test } from 'vitest';
import { groupByTownship, itemCounts, matchesQuery, type CenterLevel, type CenterNode } from './directory.rules.js';

// A county (C) with two townships (T1, T2); T1 has two villages (V1, V2), T2 one (V3).
const C: CenterNode = { id: 'c', level: 'county', regionPath: '/p/c/' };
const T1: CenterNode = { id: 't1', level: 'township', regionPath: '/p/c/t1/' };
const T2: CenterNode = { id: 't2', level: 'township', regionPath: '/p/c/t2/' };
const V1: CenterNode = { id: 'v1', level: 'village', regionPath: '/p/c/t1/v1/' };
const V2: CenterNode = { id: 'v2', level: 'village', regionPath: '/p/c/t1/v2/' };
const V3: CenterNode = { id: 'v3', level: 'village', regionPath: '/p/c/t2/v3/' };
const ALL = [C, T1, T2, V1, V2, V3];

describe('itemCounts', () => {
  const own = new Map([
    ['c', 40],
    ['t1', 12],
    ['t2', 7],
    ['v1', 2],
  ]);
  const accepts = new Map([
    ['c', { township: 10, village: 3 }],
    ['t1', { township: 0, village: 5 }],
    ['t2', { township: 0, village: 1 }],
  ]);
  const counts = itemCounts(ALL, own, accepts);

  test.each([
    ['the county hall: its own items only', 'c', { own: 40, accepted: 0, total: 40 }],
    ['a township hall: own + county items taken in at township level', 't1', { own: 12, accepted: 10, total: 22 }],
    ['another township: the same county items, its own count', 't2', { own: 7, accepted: 10, total: 17 }],
    ['a village room: own + its township’s and the county’s items taken in at village level', 'v1', { own: 2, accepted: 8, total: 10 }],
    ['a village without own items', 'v2', { own: 0, accepted: 8, total: 8 }],
    ['a village of the other township does not take in T1’s items', 'v3', { own: 0, accepted: 4, total: 4 }],
  ])('%s', (_name, id, expected) => {
    expect(counts.get(id)).toEqual(expected);
  });

  test('a center with nothing published counts zero', () => {
    expect(itemCounts([V3], new Map(), new Map()).get('v3')).toEqual({ own: 0, accepted: 0, total: 0 });
  });

  test('a path prefix that is not an ancestor does not count (t1 vs t10)', () => {
    const T10: CenterNode = { id: 't10', level: 'township', regionPath: '/p/c/t10/' };
    const V10: CenterNode = { id: 'v10', level: 'village', regionPath: '/p/c/t10/v/' };
    const r = itemCounts([T1, T10, V10], new Map(), new Map([['t1', { township: 0, village: 9 }]]));
    expect(r.get('v10')?.accepted).toBe(0);
  });
});

describe('groupByTownship', () => {
  const row = (id: string, level: CenterLevel, regionCode: string, township: [string, string] | null) => ({
    id,
    level,
    name: id,
    regionCode,
    townshipId: township?.[0] ?? null,
    townshipName: township?.[1] ?? null,
  });
  const qs: [string, string] = ['T-qs', '青山镇'];
  const hx: [string, string] = ['T-hx', '河西镇'];
  const input = [
    row('河西村', 'village', '139921101201', hx),
    row('青山村', 'village', '139921100201', qs),
    row('河西镇', 'township', '139921101000', hx),
    row('县中心', 'county', '139921000000', null),
    row('青山社区', 'village', '139921100001', qs),
    row('青山镇', 'township', '139921100000', qs),
  ];

  test('县级 first, then townships by code, each with its hall first and villages by code', () => {
    const groups = groupByTownship(input);
    expect(groups.map((g) => [g.name, g.level, g.centers.map((c) => c.id)])).toEqual([
      ['县级', 'county', ['县中心']],
      ['青山镇', 'township', ['青山镇', '青山社区', '青山村']],
      ['河西镇', 'township', ['河西镇', '河西村']],
    ]);
  });

  test('a search that leaves only villages still groups them under their township', () => {
    const groups = groupByTownship(input.filter((r) => r.level === 'village'));
    expect(groups.map((g) => [g.name, g.centers.map((c) => c.id)])).toEqual([
      ['青山镇', ['青山社区', '青山村']],
      ['河西镇', ['河西村']],
    ]);
  });

  test('nothing in, nothing out', () => {
    expect(groupByTownship([])).toEqual([]);
  });
});

describe('matchesQuery', () => {
  test.each([
    ['', true],
    ['青山', true],
    ['青山 人民', true],
    ['河西', false],
    ['  ', true],
    ['QINGSHAN', true],
  ])('%j', (q, expected) => {
    expect(matchesQuery(q, ['青山镇便民服务中心', '示范县青山镇人民政府院内', 'qingshan'])).toBe(expected);
  });
});

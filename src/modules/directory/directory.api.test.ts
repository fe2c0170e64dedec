import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, qs, type TestClient, type TestCtx } from '../../test/harness.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { centers, regions, windows } from '../org/org.tables.js';
import { DEMO_CODES, loadDemoIds, seedDemoIfEmpty, type DemoIds } from '../seed/demo.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../seed/demo-constants.js';
import type { DirectoryCenter, DirectoryCenterDetail, DirectoryResponse } from './directory.contract.js';

let ctx: TestCtx;
let ids: DemoIds;
let anon: TestClient;
let sys: TestClient;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty });
  ids = await loadDemoIds(ctx.db);
  anon = ctx.client();
  sys = await ctx.client().login('sysadmin', DEMO_PASSWORD, DEMO_TOTP_SECRET);
});
afterAll(async () => ctx?.close());

const hallOf = (code: string) => ids.centers[code];
const list = async (query: Record<string, string | undefined> = {}) => {
  const r = await anon.get(`/api/directory/centers${qs(query)}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as DirectoryResponse;
};
const allCenters = (d: DirectoryResponse): DirectoryCenter[] => d.groups.flatMap((g) => g.centers);
/** The public catalog's own count of a center's list (browse at its region and level). */
const browseTotal = async (c: DirectoryCenter) => {
  const r = await anon.get(`/api/catalog/items${qs({ regionId: c.regionId, level: c.level, limit: 1 })}`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { total: number }).total;
};

describe('the county directory', () => {
  test('every active center of the county, 县级 first, then each township with its hall first', async () => {
    const d = await list();
    expect(d.county.name).toBe('示范县');
    const [{ n }] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(centers)
      .innerJoin(regions, eq(regions.id, centers.regionId))
      .where(and(eq(centers.active, true), eq(regions.active, true)));
    expect(d.total).toBe(n);
    expect(allCenters(d)).toHaveLength(n);
    expect(d.groups[0]).toMatchObject({ key: 'county', name: '县级', level: 'county' });
    expect(d.groups[0].centers.map((c) => c.name)).toEqual(['示范县政务服务中心']);
    const qingshan = d.groups.find((g) => g.name === '青山镇')!;
    expect(qingshan.level).toBe('township');
    expect(qingshan.key).toBe(ids.regions.qingshan);
    expect(qingshan.centers[0]).toMatchObject({ id: hallOf(DEMO_CODES.qingshan), level: 'township', levelLabel: '乡镇（街道）便民服务中心' });
    expect(qingshan.centers.slice(1).map((c) => c.level)).toEqual(qingshan.centers.slice(1).map(() => 'village'));
    expect(qingshan.centers.map((c) => c.name)).toContain('青山村便民服务室');
    // The same regionId from anywhere in the county lists the same county.
    expect((await list({ regionId: ids.regions.qingshanVillage })).total).toBe(n);
  });

  test('address, hours, phones and windows (number, name, sector, categories) of each center', async () => {
    const d = await list();
    const county = allCenters(d).find((c) => c.id === hallOf(DEMO_CODES.county))!;
    expect(county).toMatchObject({ address: '示范县城关街道人民路88号', complaintPhone: '12345' });
    expect(county.phone).toMatch(/^0399-/);
    expect(county.hours).toContain('周一至周五');
    expect(county.windows.map((w) => w.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(county.windows[3]).toEqual({ number: 4, name: '不动产登记', kind: 'sector', kindLabel: '专业窗口', sector: '不动产', categories: ['不动产登记'] });
    expect(county.windows[0]).toMatchObject({ kind: 'comprehensive', kindLabel: '综合受理', sector: null });
    const village = allCenters(d).find((c) => c.id === hallOf(DEMO_CODES.qingshanVillage))!;
    expect(village.windows).toEqual([{ number: 1, name: '代办服务', kind: 'comprehensive', kindLabel: '综合受理', sector: null, categories: ['代办服务', '综合咨询'] }]);
    expect(village.phone).toMatch(/^1\d{10}$/);
    // An allowlist: no internal fields.
    expect(Object.keys(county).sort()).toEqual(['address', 'complaintPhone', 'hours', 'id', 'items', 'level', 'levelLabel', 'name', 'phone', 'regionId', 'regionName', 'windows']);
  });

  test('item counts: own published items plus those taken in from above, the same as each center’s public list', async () => {
    const d = await list();
    const cs = allCenters(d);
    const own = await ctx.db
      .select({ centerId: catalogItems.centerId, n: sql<number>`count(*)::int` })
      .from(catalogItems)
      .where(isNotNull(catalogItems.publishedVersion))
      .groupBy(catalogItems.centerId);
    const ownOf = new Map(own.map((o) => [o.centerId, o.n]));
    expect(cs.reduce((a, c) => a + c.items.own, 0)).toBe(own.reduce((a, o) => a + o.n, 0));
    for (const c of cs) {
      expect(c.items.own, c.name).toBe(ownOf.get(c.id) ?? 0);
      expect(c.items.total, c.name).toBe(c.items.own + c.items.accepted);
      expect(c.items.total, c.name).toBe(await browseTotal(c));
    }
    const county = cs.find((c) => c.level === 'county')!;
    expect(county.items.own).toBeGreaterThan(0);
    expect(county.items.accepted).toBe(0);
    const village = cs.find((c) => c.id === hallOf(DEMO_CODES.qingshanVillage))!;
    expect(village.items.accepted).toBeGreaterThan(0);
  });

  test('a withdrawn item leaves the counts of its center and of the centers that took it in', async () => {
    const townHall = hallOf(DEMO_CODES.qingshan);
    const before = allCenters(await list());
    // A published item of 青山镇 that the village rooms take in.
    const [item] = await ctx.db
      .select({ id: catalogItems.id })
      .from(catalogItems)
      .where(
        and(
          eq(catalogItems.centerId, townHall),
          isNotNull(catalogItems.publishedVersion),
          sql`exists (select 1 from catalog_item_versions v where v.item_id = ${catalogItems.id} and v.version = ${catalogItems.publishedVersion} and v.content->'acceptLevels' @> '["village"]')`,
        ),
      )
      .limit(1);
    expect(item, 'the demo has a township item taken in at the villages').toBeDefined();
    const director = await ctx.client().login('town.director', DEMO_PASSWORD);
    const cur = (await director.get(`/api/catalog/admin/items/${item.id}`)).json() as { version: number };
    const w = await director.post(`/api/catalog/admin/items/${item.id}/withdraw`, { version: cur.version, comment: '政策调整' });
    expect(w.statusCode, w.body).toBe(200);

    const after = allCenters(await list());
    const delta = (id: string) => {
      const b = before.find((c) => c.id === id)!.items;
      const a = after.find((c) => c.id === id)!.items;
      return [a.own - b.own, a.accepted - b.accepted];
    };
    expect(delta(townHall)).toEqual([-1, 0]);
    expect(delta(hallOf(DEMO_CODES.qingshanVillage))).toEqual([0, -1]);
    expect(delta(hallOf(DEMO_CODES.shiqiao))).toEqual([0, -1]);
    // 河西 villages never took it in; the county hall is not below it.
    expect(delta(hallOf(DEMO_CODES.hexiVillage))).toEqual([0, 0]);
    expect(delta(hallOf(DEMO_CODES.county))).toEqual([0, 0]);
  });

  test('search by name, address or place; 县级 and empty townships drop out', async () => {
    const d = await list({ q: '河西' });
    expect(d.groups.map((g) => g.name)).toEqual(['河西镇']);
    expect(d.total).toBe(d.groups[0].centers.length);
    expect(d.groups[0].centers.every((c) => `${c.name}${c.address}`.includes('河西'))).toBe(true);
    expect((await list({ q: '人民路88号' })).groups.flatMap((g) => g.centers.map((c) => c.name))).toEqual(['示范县政务服务中心']);
    expect((await list({ q: '没有这个地方' })).total).toBe(0);
    const long = await anon.get(`/api/directory/centers${qs({ q: '长'.repeat(31) })}`);
    expect(long.statusCode).toBe(400);
  });

  test('an unknown region is 404; a malformed one 400', async () => {
    expect((await anon.get(`/api/directory/centers${qs({ regionId: '0192a3b4-0000-7000-8000-000000000000' })}`)).statusCode).toBe(404);
    expect((await anon.get('/api/directory/centers?regionId=abc')).statusCode).toBe(400);
  });
});

describe('one center', () => {
  test('its windows, stationed departments, item counts and the links to its item list and wall list', async () => {
    const id = hallOf(DEMO_CODES.qingshan);
    const r = await anon.get(`/api/directory/centers/${id}`);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json() as DirectoryCenterDetail;
    expect(c).toMatchObject({
      id,
      name: '青山镇便民服务中心',
      level: 'township',
      county: { id: ids.regions.county, name: '示范县' },
      township: { id: ids.regions.qingshan, name: '青山镇' },
      browse: { regionId: ids.regions.qingshan, level: 'township' },
      listPdfUrl: `/api/catalog/centers/${id}/list.pdf`,
    });
    expect(c.windows.map((w) => w.name)).toEqual(['综合受理一', '综合受理二', '社会保障', '民政事务', '农业农村', '公安户政']);
    expect(c.departments.length).toBeGreaterThan(0);
    expect(c.departments.map((d) => d.name)).toContain('青山镇社会事务办公室');
    const inList = allCenters(await list()).find((x) => x.id === id)!;
    expect(c.items).toEqual(inList.items);
    expect(c.items.total).toBe(await browseTotal(c));

    const village = (await anon.get(`/api/directory/centers/${hallOf(DEMO_CODES.qingshanVillage)}`)).json() as DirectoryCenterDetail;
    expect(village.township).toEqual({ id: ids.regions.qingshan, name: '青山镇' });
    const county = (await anon.get(`/api/directory/centers/${hallOf(DEMO_CODES.county)}`)).json() as DirectoryCenterDetail;
    expect(county.township).toBeNull();
  });

  test('unknown is 404, malformed is 400', async () => {
    expect((await anon.get('/api/directory/centers/0192a3b4-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await anon.get('/api/directory/centers/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('inactive centers and windows are hidden', () => {
  test('a deactivated window leaves its center’s list; a deactivated center leaves the directory and is 404', async () => {
    const county = hallOf(DEMO_CODES.county);
    const [win] = await ctx.db.select().from(windows).where(and(eq(windows.centerId, county), eq(windows.number, 11)));
    const off = await sys.post(`/api/org/windows/${win.id}/deactivate`);
    expect(off.statusCode, off.body).toBe(200);
    const countyCenter = allCenters(await list()).find((c) => c.id === county)!;
    expect(countyCenter.windows.map((w) => w.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const lijia = hallOf(DEMO_CODES.lijia);
    const before = await list();
    expect(allCenters(before).some((c) => c.id === lijia)).toBe(true);
    // A center closes after its windows (org rule).
    for (const w of await ctx.db.select({ id: windows.id }).from(windows).where(eq(windows.centerId, lijia))) {
      expect((await sys.post(`/api/org/windows/${w.id}/deactivate`)).statusCode).toBe(200);
    }
    const res = await sys.post(`/api/org/centers/${lijia}/deactivate`);
    expect(res.statusCode, res.body).toBe(200);
    const after = await list();
    expect(after.total).toBe(before.total - 1);
    expect(allCenters(after).some((c) => c.id === lijia)).toBe(false);
    expect((await anon.get(`/api/directory/centers/${lijia}`)).statusCode).toBe(404);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { catalogBasicItems, catalogGenerations, catalogItems, catalogItemVersions } from '../src/modules/catalog/catalog.tables.js';
import { canonicalContent, implementationCode, type ItemContent, type ItemLevel } from '../src/modules/catalog/catalog.rules.js';
import { searchKeys } from '../src/modules/catalog/catalog.search.js';
import { centers, departments } from '../src/modules/org/org.tables.js';
import { loadDemoIds, seedDemoIfEmpty } from '../src/modules/seed/demo.js';
import { sm3 } from '../src/platform/crypto.js';
import { newId } from '../src/platform/ids.js';
import { loadGet, result, type BenchResult } from './lib.js';

/**
 * Catalog search on 10,000 published items: GET /api/catalog/search for pinyin, a synonym and a
 * one-character typo (the slowest path: every item is scored), against a primary-key lookup of one
 * item row through the same app, database and HTTP stack in the same run.
 */
const ITEMS = Number(process.env.BENCH_CATALOG_ITEMS ?? 10_000);

export default async function catalogSearch(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bianmin-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { dataDir, secret: randomBytes(32) });
  const database = await openDatabase({ memory: true });
  try {
    await migrateDatabase(database);
    await seedDemoIfEmpty(database.db, config);
    const ids = await loadDemoIds(database.db);
    const countyId = ids.regions.county;
    const started = Date.now();
    const someId = await addItems(database.db, countyId, ITEMS);
    console.log(`  inserted ${ITEMS} published items in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const app = await buildApp({ config, database, serveWeb: false, logger: false });
    app.get('/bench/pk/:id', async (req) => {
      const [row] = await database.db.select({ id: catalogItems.id, name: catalogItems.name }).from(catalogItems).where(eq(catalogItems.id, (req.params as { id: string }).id));
      return row;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as { port: number };
      const base = `http://127.0.0.1:${port}`;
      const region = ids.regions.qingshanVillage;
      const pk = await loadGet(`${base}/bench/pk/${someId}`);
      const out: BenchResult[] = [];
      for (const [label, q] of [
        ['pinyin "dibao"', 'dibao'],
        ['synonym "盖房"', '盖房'],
        ['typo "最低生活保樟"', '最低生活保樟'],
      ] as const) {
        const url = `${base}/api/catalog/search?q=${encodeURIComponent(q)}&regionId=${region}`;
        const check = (await (await fetch(url)).json()) as { total: number };
        if (!(check.total > 0)) throw new Error(`search ${q} found nothing`);
        const m = await loadGet(url);
        console.log(`  search ${label}: ${m.rps.toFixed(0)} req/s, p50 ${m.latencyP50} ms, p99 ${m.latencyP99} ms (pk lookup ${pk.rps.toFixed(0)} req/s, p50 ${pk.latencyP50} ms)`);
        out.push(result(`GET /api/catalog/search ${label} on ${ITEMS} items (PGlite) vs primary-key lookup`, m.rps, pk.rps));
      }
      return out;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Bulk-insert `n` published items spread over the county's centers and departments. Returns one item id. */
async function addItems(db: Awaited<ReturnType<typeof openDatabase>>['db'], countyId: string, n: number): Promise<string> {
  const tsv = readFileSync(new URL('../src/modules/catalog/data/township-items.tsv', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('name\t'))
    .map((l) => l.split('\t')[0]);
  const cs = await db.select({ id: centers.id, level: centers.level }).from(centers).where(eq(centers.countyId, countyId));
  const ds = (await db.select({ id: departments.id, code: departments.creditCode }).from(departments).where(eq(departments.countyId, countyId))).filter((d) => d.code);
  const qualifiers = ['申请', '变更', '注销', '补办', '延续', '备案', '核准', '审核', '发放', '登记', '认定', '年度审验'];
  let first = '';
  for (let start = 0; start < n; start += 500) {
    const basics: (typeof catalogBasicItems.$inferInsert)[] = [];
    const items: (typeof catalogItems.$inferInsert)[] = [];
    const versions: (typeof catalogItemVersions.$inferInsert)[] = [];
    for (let i = start; i < Math.min(n, start + 500); i++) {
      const base = tsv[i % tsv.length];
      const name = `${base}${qualifiers[Math.floor(i / tsv.length) % qualifiers.length]}（${Math.floor(i / (tsv.length * qualifiers.length)) + 1}）`;
      const code = `20${String(9000 + Math.floor(i / 1000)).padStart(4, '0')}${String(i % 1000).padStart(3, '0')}000`;
      const dept = ds[i % ds.length];
      const center = cs[i % cs.length];
      const basicId = newId();
      const id = newId();
      first ||= id;
      basics.push({ id: basicId, countyId, code, name, itemType: '20', legalBasis: [{ name: '《测试条例》', article: '', text: '' }], departmentId: dept.id });
      const level = center.level as ItemLevel;
      const content: ItemContent = {
        name,
        itemType: '20',
        legalBasis: [{ name: '《测试条例》', article: '', text: '' }],
        aliases: i % 7 === 0 ? [`俗称${i}`] : [],
        topics: ['social-security'],
        audience: 'person',
        acceptLevels: [level],
        preReviewLevel: null,
        decideLevel: level,
        delegation: null,
        handlingType: 'instant',
        processKind: 'local',
        jointDepartmentIds: [],
        legalDays: null,
        promisedDays: 0,
        specialProcedures: [],
        fees: [],
        maxVisits: 1,
        onlineLevel: 'book',
        place: '',
        hours: '',
        phone: '',
        complaintPhone: '',
        agentEligible: false,
        conditions: [],
        faq: [],
        materials: [],
        steps: [{ key: 's1', name: '受理', departmentId: null, level, days: 0, parallel: false, note: '' }],
      };
      items.push({
        id,
        countyId,
        centerId: center.id,
        basicItemId: basicId,
        departmentId: dept.id,
        implementationCode: implementationCode(dept.code!, level, code),
        level,
        name,
        sortKey: searchKeys(name).pinyin,
        status: 'published',
        publishedVersion: 1,
        latestVersion: 1,
        publishedAt: new Date(),
      });
      versions.push({ itemId: id, version: 1, countyId, status: 'published', content, contentHash: sm3(canonicalContent(content)), publishedAt: new Date() });
    }
    await db.insert(catalogBasicItems).values(basics);
    await db.insert(catalogItems).values(items);
    await db.insert(catalogItemVersions).values(versions);
  }
  await db
    .insert(catalogGenerations)
    .values({ countyId, generation: 1_000 })
    .onConflictDoUpdate({ target: catalogGenerations.countyId, set: { generation: 1_000 } });
  return first;
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { ensureCalendarSeeded } from '../src/modules/calendar/calendar.seed.js';
import { makeIdNumber } from '../src/modules/seed/codes.js';
import { seedDemoIfEmpty } from '../src/modules/seed/demo.js';
import { newId } from '../src/platform/ids.js';
import { DEFAULT_LOAD, result, type BenchResult, withTempPostgres } from './lib.js';

/**
 * Accepting cases at the window: POST /api/cases with action accept by town.clerk over loopback HTTP
 * (item check, applicant found or created with the ID number encrypted, the material checklist with
 * a 容缺 material, the case number from the daily counter, review tasks, timeline, outbox message,
 * audit row — one transaction), every request a different applicant; against a raw single-row
 * insert transaction (`begin; insert …; commit`) through the same driver on the same database, with
 * the same number of requests in flight. On the embedded PGlite and, when PostgreSQL binaries are
 * installed, on a throwaway PostgreSQL server (scripts/pg-temp.mjs).
 */
const ITEM = '最低生活保障审核确认';
const ITEM_CENTER = '示范县政务服务中心';

export default async function caseAccept(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const pglite = await measure(await openDatabase({ memory: true }), 'PGlite');
  out.push(result(`POST /api/cases accept (materials, 容缺, number, audit) on PGlite vs raw insert transaction`, pglite.accept.perSecond, pglite.raw.perSecond, 'cases/s'));

  await withTempPostgres(async (url) => {
    const pg = await measure(await openDatabase({ databaseUrl: url }), 'PostgreSQL');
    out.push(result(`POST /api/cases accept (materials, 容缺, number, audit) on PostgreSQL vs raw insert transaction`, pg.accept.perSecond, pg.raw.perSecond, 'cases/s'));
  });
  return out;
}

interface LoopResult {
  perSecond: number;
  done: number;
  p50: number;
  p99: number;
}

/** `concurrency` callers calling `fn` back to back for `seconds`; throws the first failure. */
async function closedLoop(seconds: number, concurrency: number, fn: (n: number) => Promise<void>, start = 0): Promise<LoopResult & { next: number }> {
  let n = start;
  const latencies: number[] = [];
  const began = performance.now();
  const deadline = began + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await fn(n++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10;
  return { perSecond: latencies.length / elapsed, done: latencies.length, p50: at(0.5), p99: at(0.99), next: n };
}

async function measured(label: string, concurrency: number, fn: (n: number) => Promise<void>, start = 0): Promise<LoopResult & { next: number }> {
  const { duration, warmup } = DEFAULT_LOAD;
  const warm = warmup > 0 ? await closedLoop(warmup, concurrency, fn, start) : { next: start };
  const r = await closedLoop(duration, concurrency, fn, warm.next);
  console.log(`  ${label}: ${r.perSecond.toFixed(1)}/s (${r.done} in ${duration} s, ${concurrency} in flight), p50 ${r.p50} ms, p99 ${r.p99} ms`);
  return r;
}

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'];
const GIVEN = ['秀英', '建国', '桂兰', '志强', '玉珍', '国华', '丽', '伟', '芳', '军'];

/** A distinct, valid ID number per n: births over 1940–1999, serials 900–999 (the demo seed uses 101–899). */
function applicant(n: number) {
  const birth = new Date(Date.UTC(1940, 0, 1) + (n % 21_900) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const idNumber = makeIdNumber('139921', birth, 900 + (Math.floor(n / 21_900) % 100));
  return { kind: 'person' as const, name: SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length], idNumber, phone: '13903990001' };
}

async function measure(database: Database, label: string): Promise<{ accept: LoopResult; raw: LoopResult }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bianmin-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { dataDir, secret: randomBytes(32) });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await migrateDatabase(database);
    await ensureCalendarSeeded(database.db);
    if (!(await seedDemoIfEmpty(database.db, config))) throw new Error('the demo seed did not run; the benchmark needs the demo county');
    app = await buildApp({ config, database, serveWeb: false, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    const concurrency = DEFAULT_LOAD.connections;

    // The ceiling: one row in one transaction, through the same driver and database.
    await database.exec('create table bench_raw (id uuid primary key, n integer not null, at timestamptz not null default now())');
    const raw = await measured(`${label} raw insert transaction`, concurrency, async (n) => {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into bench_raw (id, n) values (${newId()}, ${n})`);
      });
    });

    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'town.clerk', password: 'Demo@2026' }) });
    if (login.status !== 200) throw new Error(`login as town.clerk failed: ${login.status} ${await login.text()}`);
    const cookies = new Map(login.headers.getSetCookie().map((c) => c.split(';')[0].split('=') as [string, string]));
    const headers = { 'content-type': 'application/json', cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.get('csrf') ?? '' };

    const [item] = await rowsOf<{ id: string }>(database, sql`select i.id from catalog_items i join centers c on c.id = i.center_id where i.name = ${ITEM} and c.name = ${ITEM_CENTER}`);
    if (!item) throw new Error(`no demo item ${ITEM} at ${ITEM_CENTER}`);
    const itemId = item.id;
    const guide = (await (await fetch(`${base}/api/catalog/items/${itemId}`)).json()) as { materials: { key: string; necessity: string }[] };
    const materials = guide.materials.map((m) => ({ key: m.key, status: m.necessity === 'deferrable' ? 'deferred' : 'received', pages: 2 }));
    if (!materials.some((m) => m.status === 'deferred')) throw new Error(`${ITEM} has no 容缺 material`);

    const before = await count(database, sql`select count(*)::int n from cases`);
    const auditBefore = await count(database, sql`select count(*)::int n from audit_log where action = 'case.accepted'`);
    const accept = await measured(`${label} POST /api/cases accept`, concurrency, async (n) => {
      const res = await fetch(`${base}/api/cases`, { method: 'POST', headers, body: JSON.stringify({ itemId, channel: 'window', applicant: applicant(n), materials, action: 'accept' }) });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`POST /api/cases: ${res.status} ${body.slice(0, 300)}`);
    });
    // Every request made one accepted case with its audit row (warm-up requests included).
    const made = (await count(database, sql`select count(*)::int n from cases`)) - before;
    const audited = (await count(database, sql`select count(*)::int n from audit_log where action = 'case.accepted'`)) - auditBefore;
    if (made !== accept.next || audited !== accept.next) throw new Error(`${accept.next} requests made ${made} cases and ${audited} audit rows`);
    console.log(`  ${label}: case accept / raw insert = ${(accept.perSecond / raw.perSecond).toFixed(3)}`);
    return { accept, raw };
  } finally {
    await app?.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function rowsOf<T>(database: Database, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

async function count(database: Database, q: ReturnType<typeof sql>): Promise<number> {
  return (await rowsOf<{ n: number }>(database, q))[0].n;
}

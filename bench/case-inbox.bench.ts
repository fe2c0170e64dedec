import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase, type Database, type Db } from '../src/db/client.js';
import * as schema from '../src/db/schema.js';
import { ensureCalendarSeeded } from '../src/modules/calendar/calendar.seed.js';
import { listCases } from '../src/modules/cases/cases.repo.js';
import { loadDemoIds, seedDemoIfEmpty } from '../src/modules/seed/demo.js';
import { loadGet, result, type BenchResult, type LoadResult, withTempPostgres } from './lib.js';

/**
 * The back-office inbox at 1,000,000 cases: GET /api/cases?view=center&limit=50 (open cases of my
 * centers, keyset on (due date or far future, id)) for town.clerk — one township, so the scope
 * filter (receiving or handling center in 青山镇) drops most rows — page 1 against page 1,000
 * (its cursor found once by following nextCursor 999 times). Ratio page1000/page1 ≈ 1 means depth
 * costs nothing: the ordered walk of the partial index `cases_open_due_idx` (EXPLAIN checked and
 * printed). The million rows are copies of the demo seed's ~300 cases (valid items, centers and
 * applicants; statuses and due dates spread), bulk-loaded with INSERT … SELECT generate_series with
 * the secondary indexes dropped and rebuilt afterwards.
 * PostgreSQL when its binaries exist (BENCH_INBOX_PG=0 skips it); PGlite too unless
 * BENCH_INBOX_PGLITE=0 (PGlite manages 1M: about a minute to load and ~2 GB of memory).
 * BENCH_INBOX_CASES changes the million.
 */
const CASES = Number(process.env.BENCH_INBOX_CASES ?? 1_000_000);
const LIMIT = 50;
const PAGE = 1_000;

export default async function caseInbox(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  if (process.env.BENCH_INBOX_PG === '0') console.log('  (BENCH_INBOX_PG=0: PostgreSQL row skipped)');
  else {
    await withTempPostgres(async (url) => {
      const r = await measure(await openDatabase({ databaseUrl: url }), 'PostgreSQL');
      out.push(result(`GET /api/cases?view=center page ${PAGE} vs page 1 at ${count(CASES)} cases (PostgreSQL, town.clerk)${r.indexed ? '' : ' NO INDEX'}`, r.deep.rps, r.first.rps));
    });
  }
  if (process.env.BENCH_INBOX_PGLITE !== '0') {
    const r = await measure(await openDatabase({ memory: true }), 'PGlite');
    out.push(result(`GET /api/cases?view=center page ${PAGE} vs page 1 at ${count(CASES)} cases (PGlite, town.clerk)${r.indexed ? '' : ' NO INDEX'}`, r.deep.rps, r.first.rps));
  } else {
    console.log('  (BENCH_INBOX_PGLITE=0: PGlite row skipped)');
  }
  return out;
}

const count = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n.toLocaleString('en'));

async function rowsOf<T>(database: Database, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

const COLUMNS =
  'id, county_id, case_no, item_id, item_version, item_name, center_id, handling_center_id, department_id, applicant_id, channel, status, decision, ' +
  'handling_type, promised_days, received_at, accepted_at, accepted_on, paused_workdays, due_date, concluded_at, version, updated_at';

/** `CASES` rows copied from the demo cases: statuses as seeded, due dates and receipt times spread. */
async function bulkLoad(database: Database, label: string): Promise<void> {
  const started = Date.now();
  await database.exec('create table bench_tpl as select (row_number() over (order by id) - 1)::int as n, * from cases');
  const [{ n }] = await rowsOf<{ n: number }>(database, sql`select count(*)::int n from bench_tpl`);
  const indexes = await rowsOf<{ name: string; def: string }>(database, sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'cases' and indexname <> 'cases_pkey'`);
  for (const ix of indexes) await database.exec(`drop index ${ix.name}`);
  const chunk = 100_000;
  // A transaction per chunk: on PostgreSQL `set local` and the insert must share a connection.
  for (let from = 1; from <= CASES; from += chunk) {
    const to = Math.min(CASES, from + chunk - 1);
    await database.db.transaction(async (tx) => {
      // The copies reference rows that exist (items, centers, applicants): skip the FK triggers while loading.
      await tx.execute(sql.raw('set local session_replication_role = replica'));
      await tx.execute(
        sql.raw(`insert into cases (${COLUMNS})
          select gen_random_uuid(), t.county_id, 'BENCH' || lpad(g::text, 9, '0'), t.item_id, t.item_version, t.item_name, t.center_id, t.handling_center_id,
                 t.department_id, t.applicant_id, t.channel, t.status, t.decision, t.handling_type, t.promised_days,
                 t.received_at - make_interval(hours => g % 2000), t.accepted_at, t.accepted_on, t.paused_workdays,
                 t.due_date - ((g / ${n}) % 120)::int, t.concluded_at, 1, now()
          from generate_series(${from}, ${to}) g join bench_tpl t on t.n = g % ${n}`),
      );
    });
  }
  await database.exec('drop table bench_tpl');
  const inserted = Date.now();
  for (const ix of indexes) await database.exec(ix.def);
  await database.exec('analyze cases');
  console.log(
    `  ${label}: loaded ${count(CASES)} cases in ${((inserted - started) / 1000).toFixed(1)} s, indexes rebuilt in ${((Date.now() - inserted) / 1000).toFixed(1)} s`,
  );
}

/** The raw client behind the app's drizzle instance (pool or PGlite), for a logging twin and EXPLAIN. */
const clientOf = (database: Database) => (database.db as unknown as { $client: pg.Pool | PGlite }).$client;

async function measure(database: Database, label: string): Promise<{ first: LoadResult; deep: LoadResult; indexed: boolean }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bianmin-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { dataDir, secret: randomBytes(32) });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await migrateDatabase(database);
    await ensureCalendarSeeded(database.db);
    if (!(await seedDemoIfEmpty(database.db, config))) throw new Error('the demo seed did not run; the benchmark copies its cases');
    await bulkLoad(database, label);

    app = await buildApp({ config, database, serveWeb: false, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'town.clerk', password: 'Demo@2026' }) });
    if (login.status !== 200) throw new Error(`login as town.clerk failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const headers = { cookie };
    const url = (cursor?: string) => `${base}/api/cases?view=center&limit=${LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

    // Page 1,000: follow the cursor through the API, once.
    const followStarted = Date.now();
    let cursor: string | undefined;
    for (let page = 1; page < PAGE; page++) {
      const res = await fetch(url(cursor), { headers });
      if (res.status !== 200) throw new Error(`page ${page}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
      if (!body.nextCursor) throw new Error(`only ${page} pages of ${LIMIT} open cases in town.clerk's scope`);
      cursor = body.nextCursor;
    }
    console.log(`  ${label}: followed nextCursor ${PAGE - 1} times in ${((Date.now() - followStarted) / 1000).toFixed(1)} s`);
    const last = (await (await fetch(url(cursor), { headers })).json()) as { items: unknown[] };
    if (last.items.length !== LIMIT) throw new Error(`page ${PAGE} has ${last.items.length} cases`);

    const indexed = await explain(database, label, cursor!);
    // Interleaved, twice each, so a noisy moment of the machine does not land on one page only.
    const sequential = { first: 0, deep: 0 };
    const runs: { first: LoadResult[]; deep: LoadResult[] } = { first: [], deep: [] };
    for (let round = 0; round < 2; round++) {
      for (const which of ['first', 'deep'] as const) {
        const u = which === 'first' ? url() : url(cursor);
        const t = performance.now();
        for (let i = 0; i < 10; i++) await (await fetch(u, { headers })).arrayBuffer();
        sequential[which] += (performance.now() - t) / 20;
        runs[which].push(await loadGet(u, { headers }));
      }
    }
    const mean = (xs: LoadResult[]): LoadResult => ({
      rps: xs.reduce((s, x) => s + x.rps, 0) / xs.length,
      latencyP50: Math.max(...xs.map((x) => x.latencyP50)),
      latencyP99: Math.max(...xs.map((x) => x.latencyP99)),
      requests: xs.reduce((s, x) => s + x.requests, 0),
    });
    const first = mean(runs.first);
    const deep = mean(runs.deep);
    console.log(
      `  ${label}: one request at a time: page 1 ${sequential.first.toFixed(1)} ms, page ${PAGE} ${sequential.deep.toFixed(1)} ms; under load: ` +
        `page 1 ${first.rps.toFixed(0)} req/s (p50 ${first.latencyP50} ms, p99 ${first.latencyP99} ms), ` +
        `page ${PAGE} ${deep.rps.toFixed(0)} req/s (p50 ${deep.latencyP50} ms, p99 ${deep.latencyP99} ms); ratio ${(deep.rps / first.rps).toFixed(3)}`,
    );
    // For the record (not a ratio): the inbox's counts, which count rather than page.
    const countsStarted = performance.now();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}/api/cases/counts`, { headers });
      if (res.status !== 200) throw new Error(`counts: ${res.status}`);
      await res.arrayBuffer();
    }
    console.log(`  ${label}: GET /api/cases/counts at ${count(CASES)} cases: ${((performance.now() - countsStarted) / 3).toFixed(0)} ms a request`);
    return { first, deep, indexed };
  } finally {
    await app?.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** EXPLAIN ANALYZE of the repo's page-1,000 query as town.clerk's scope builds it; true when it walks cases_open_due_idx. */
async function explain(database: Database, label: string, cursor: string): Promise<boolean> {
  const ids = await loadDemoIds(database.db);
  const [{ path }] = await rowsOf<{ path: string }>(database, sql`select path from regions where id = ${ids.regions.qingshan}`);
  const client = clientOf(database);
  const captured: { query: string; params: unknown[] }[] = [];
  const logger = { logQuery: (query: string, params: unknown[]) => captured.push({ query, params }) };
  const twin = (database.driver === 'postgres' ? drizzlePg(client as pg.Pool, { schema, logger }) : drizzlePglite(client as PGlite, { schema, logger })) as unknown as Db;
  await listCases(twin, { all: false, regionPaths: [path], centerIds: [], exactRegionPaths: [] }, { view: 'center', userId: ids.users['town.clerk'], departmentIds: [], cursor, limit: LIMIT });
  const q = captured[0];
  const res = (await (client as { query: (text: string, params: unknown[]) => Promise<{ rows: Record<string, string>[] }> }).query(`explain (analyze) ${q.query}`, q.params)).rows;
  const lines = res.map((r) => Object.values(r)[0]);
  const indexed = lines.some((l) => l.includes('cases_open_due_idx'));
  const keep = lines.filter((l) => /cases_open_due_idx|Index Cond: \(ROW|Seq Scan on cases|Sort Key|Planning Time|Execution Time/.test(l)).map((l) => `      ${l.trim()}`);
  console.log(`  ${label}: EXPLAIN of page ${PAGE} — ${indexed ? 'keyset walk of cases_open_due_idx' : 'NO INDEX WALK (sorts every open case)'}\n${keep.join('\n')}`);
  return indexed;
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { seedDemoIfEmpty } from '../src/modules/seed/demo.js';
import { bareFastifyCeiling, loadGet, result, type BenchResult, type LoadResult, withTempPostgres } from './lib.js';

/**
 * Authenticated read: GET /api/auth/me with a session cookie (session + user + grants in one query,
 * idle check, response schema), on the real app over loopback HTTP, against a bare Fastify JSON route.
 * Measured on the embedded PGlite and, when PostgreSQL binaries are installed, on a throwaway
 * PostgreSQL server (scripts/pg-temp.mjs) — the production path.
 */
export default async function authRead(): Promise<BenchResult[]> {
  const ceiling = await bareFastifyCeiling();
  const out: BenchResult[] = [];
  const pglite = await measure(await openDatabase({ memory: true }));
  out.push(result('GET /api/auth/me on PGlite (session, town.clerk) vs bare Fastify route', pglite.rps, ceiling.rps));
  report('PGlite', pglite, ceiling);

  await withTempPostgres(async (url) => {
    const pg = await measure(await openDatabase({ databaseUrl: url }));
    out.push(result('GET /api/auth/me on PostgreSQL (session, town.clerk) vs bare Fastify route', pg.rps, ceiling.rps));
    report('PostgreSQL', pg, ceiling);
  });
  return out;
}

function report(label: string, m: LoadResult, ceiling: LoadResult): void {
  console.log(
    `  auth-read ${label}: /api/auth/me p50 ${m.latencyP50} ms, p99 ${m.latencyP99} ms; ` +
      `bare route p50 ${ceiling.latencyP50} ms, p99 ${ceiling.latencyP99} ms`,
  );
}

async function measure(database: Database): Promise<LoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bianmin-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { dataDir, secret: randomBytes(32) });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await migrateDatabase(database);
    const seeded = await seedDemoIfEmpty(database.db, config);
    if (!seeded) throw new Error('the demo seed did not run (seedDemoIfEmpty returned false); the benchmark needs the demo accounts');
    app = await buildApp({ config, database, serveWeb: false, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'town.clerk', password: 'Demo@2026' }),
    });
    if (login.status !== 200) throw new Error(`login as town.clerk failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    if (!cookie.includes('bm_session=')) throw new Error('login did not set the session cookie');
    return await loadGet(`${base}/api/auth/me`, { headers: { cookie } });
  } finally {
    await app?.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

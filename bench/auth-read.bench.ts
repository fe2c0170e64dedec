import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { seedDemoIfEmpty } from '../src/modules/seed/demo.js';
import { bareFastifyCeiling, loadGet, result, type BenchResult } from './lib.js';

/**
 * Authenticated read: GET /api/auth/me with a session cookie (session lookup, idle check, grants,
 * response schema), on the real app over loopback HTTP, against a bare Fastify JSON route.
 */
export default async function authRead(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bianmin-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { dataDir, secret: randomBytes(32) });
  const database = await openDatabase({ memory: true });
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

    const ceiling = await bareFastifyCeiling();
    const measured = await loadGet(`${base}/api/auth/me`, { headers: { cookie } });
    console.log(
      `  auth-read: /api/auth/me p50 ${measured.latencyP50} ms, p99 ${measured.latencyP99} ms; ` +
        `bare route p50 ${ceiling.latencyP50} ms, p99 ${ceiling.latencyP99} ms`,
    );
    return [result('GET /api/auth/me (session, town.clerk) vs bare Fastify route', measured.rps, ceiling.rps)];
  } finally {
    await app?.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

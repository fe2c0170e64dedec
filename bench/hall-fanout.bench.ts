import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { centers } from '../src/modules/org/org.tables.js';
import { seedDemoIfEmpty } from '../src/modules/seed/demo.js';
import { publishHallEvent } from '../src/platform/realtime.js';
import { result, type BenchResult, withTempPostgres } from './lib.js';

/**
 * Hall fan-out on a throwaway PostgreSQL server: 200 hall screens hold SSE streams on one app instance
 * (spread over 4 loopback addresses, below the per-IP stream cap); EVENTS events are published one at
 * a time through `publishHallEvent` in a committed transaction; per event, the time from the start of
 * the publishing transaction until the last of the 200 streams has it (p50, p95, max). The ceiling
 * is a bare NOTIFY round-trip: one client NOTIFYs, one LISTENing client receives, same database
 * (its p50). ratio = ceiling / value (1 = as fast as one bare NOTIFY to one listener).
 */
const CLIENTS = 200;
const EVENTS = Number(process.env.BENCH_HALL_EVENTS ?? 50);

export default async function hallFanoutBench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  await withTempPostgres(async (url) => {
    const r = await measure(url);
    console.log(`  ${CLIENTS} streams: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms; bare NOTIFY round-trip p50 ${r.bare.toFixed(2)} ms (${EVENTS} events)`);
    out.push(result(`hall event to ${CLIENTS} SSE screens p50 (ceiling: bare NOTIFY round-trip p50; ratio = ceiling/value)`, r.p50, r.bare, 'ms'));
    out.push(result(`hall event to ${CLIENTS} SSE screens p95 (ceiling: bare NOTIFY round-trip p50; ratio = ceiling/value)`, r.p95, r.bare, 'ms'));
    for (const row of out.slice(-2)) row.ratio = row.value > 0 ? Math.round((row.ceiling / row.value) * 1000) / 1000 : 0;
  });
  return out;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function bareNotify(url: string): Promise<number> {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await listener.connect();
  await sender.connect();
  await listener.query(`LISTEN bench_bare`);
  const times: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const got = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
    const t0 = performance.now();
    await sender.query(`select pg_notify('bench_bare', $1)`, [String(i)]);
    await got;
    times.push(performance.now() - t0);
  }
  await listener.end();
  await sender.end();
  return pct(times, 50);
}

async function measure(url: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bianmin-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { dataDir, secret: randomBytes(32) });
  const database = await openDatabase({ databaseUrl: url });
  await migrateDatabase(database);
  await seedDemoIfEmpty(database.db, config);
  const [center] = await database.db.select({ id: centers.id }).from(centers).where(eq(centers.level, 'county'));
  const app = await buildApp({ config, database, serveWeb: false, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;

  // 200 streams; each resolves the waiter of event i when its frame arrives.
  const seen: Map<number, number>[] = [];
  const waiters = new Map<number, () => void>();
  const counts = new Map<number, number>();
  const reqs: http.ClientRequest[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, (_, k) => {
      const m = new Map<number, number>();
      seen.push(m);
      return new Promise<void>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: `/api/hall/centers/${center.id}/events`, localAddress: `127.0.0.${2 + (k % 4)}`, agent: false }, (res) => {
          if (res.statusCode !== 200) return reject(new Error(`stream ${k}: HTTP ${res.statusCode}`));
          res.setEncoding('utf8');
          let buf = '';
          res.on('data', (chunk: string) => {
            buf += chunk;
            if (buf.includes('event: snapshot')) resolve();
            let i: number;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              const frame = buf.slice(0, i);
              buf = buf.slice(i + 2);
              const hit = /"code":"BENCH(\d+)"/.exec(frame);
              if (!hit) continue;
              const n = Number(hit[1]);
              const c = (counts.get(n) ?? 0) + 1;
              counts.set(n, c);
              if (c === CLIENTS) waiters.get(n)?.();
            }
          });
        });
        req.on('error', reject);
        reqs.push(req);
      });
    }),
  );

  const times: number[] = [];
  for (let n = 0; n < EVENTS; n++) {
    const all = new Promise<void>((resolve) => waiters.set(n, resolve));
    const t0 = performance.now();
    await database.db.transaction(async (tx) => publishHallEvent(tx, { centerId: center.id, type: 'ticket.called', at: new Date().toISOString(), data: { code: `BENCH${n}`, windowNumber: 1 } }));
    await all;
    times.push(performance.now() - t0);
  }
  const bare = await bareNotify(url);
  for (const r of reqs) r.destroy();
  await app.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), bare };
}

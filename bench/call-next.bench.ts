import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { ensureCalendarSeeded } from '../src/modules/calendar/calendar.seed.js';
import { businessDate } from '../src/modules/calendar/calendar.rules.js';
import { users } from '../src/modules/auth/auth.tables.js';
import { centers, regions, windows } from '../src/modules/org/org.tables.js';
import { queueCategories, queueTickets } from '../src/modules/queue/queue.tables.js';
import { callNext, signIn } from '../src/modules/queue/queue.service.js';
import { seedDemoIfEmpty } from '../src/modules/seed/demo.js';
import type { Actor } from '../src/platform/auth-context.js';
import { Crypto } from '../src/platform/crypto.js';
import type { Deps } from '../src/platform/deps.js';
import { newId } from '../src/platform/ids.js';
import { result, type BenchResult, withTempPostgres } from './lib.js';

/**
 * 叫号 under 20 windows calling at once, on a throwaway PostgreSQL server: 20 clerks signed in at 20
 * windows of one hall call the next ticket of a shared line through the queue module's use case
 * (`callNext`: scope, session, open-ticket and cap checks, call order, SELECT … FOR UPDATE SKIP
 * LOCKED, update, hall event, audit — one transaction), against a bare loop of
 * `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)` on 20 connections of the same
 * database and the same line. Both loops release the called ticket at once (a raw `status = 'done'`
 * update, the same in both), so the next call of that window is allowed. Every ticket must be called
 * exactly once (checked). PGlite has one connection: no concurrency to measure there.
 */
const WINDOWS = 20;
const TICKETS = 3000;
const CATEGORY = '叫号压测';

export default async function callNextBench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  await withTempPostgres(async (url) => {
    const r = await measure(url);
    console.log(`  call-next ${r.app.toFixed(0)}/s, bare SKIP LOCKED ${r.bare.toFixed(0)}/s (${WINDOWS} windows, ${TICKETS} tickets each run, no ticket called twice)`);
    out.push(result(`call-next by ${WINDOWS} windows at once on PostgreSQL vs bare UPDATE … FOR UPDATE SKIP LOCKED loop`, r.app, r.bare, 'calls/s'));
  });
  return out;
}

async function measure(url: string): Promise<{ app: number; bare: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bianmin-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { dataDir, secret: randomBytes(32) });
  const database = await openDatabase({ databaseUrl: url, poolSize: WINDOWS + 2 });
  const pool = new pg.Pool({ connectionString: url, max: WINDOWS });
  try {
    await migrateDatabase(database);
    await ensureCalendarSeeded(database.db);
    await seedDemoIfEmpty(database.db, config);
    const db = database.db;
    const deps: Deps = { config, database, db, crypto: new Crypto(config.secret), now: () => new Date() };
    const today = businessDate(new Date());

    // One hall, one category, 20 windows taking it, 20 clerks (center-scoped window_clerk grants).
    const [hall] = await db
      .select({ id: centers.id, countyId: centers.countyId, regionId: centers.regionId, path: regions.path })
      .from(centers)
      .innerJoin(regions, eq(regions.id, centers.regionId))
      .where(eq(centers.name, '示范县政务服务中心'));
    const [cat] = await db.insert(queueCategories).values({ countyId: hall.countyId, centerId: hall.id, name: CATEGORY, prefix: 'Z', sort: 99 }).returning();
    const ws = await db
      .insert(windows)
      .values(Array.from({ length: WINDOWS }, (_, i) => ({ centerId: hall.id, countyId: hall.countyId, number: 900 + i, name: `压测${i + 1}`, kind: 'comprehensive', categories: [CATEGORY] })))
      .returning({ id: windows.id });
    const clerks: Actor[] = [];
    for (let i = 0; i < WINDOWS; i++) {
      const id = newId();
      await db.insert(users).values({ id, kind: 'staff', username: `bench.clerk${i}`, displayName: `压测${i}`, passwordHash: 'x', countyId: hall.countyId, homeRegionId: hall.regionId });
      clerks.push({
        userId: id,
        username: `bench.clerk${i}`,
        displayName: `压测${i}`,
        kind: 'staff',
        sessionId: newId(),
        grants: [{ role: 'window_clerk', regionPath: hall.path, regionId: hall.regionId, centerId: hall.id, countyId: hall.countyId }],
      });
    }
    const meta = { ip: '127.0.0.1', requestId: 'bench' };
    for (let i = 0; i < WINDOWS; i++) await signIn(deps, { actor: clerks[i], meta }, ws[i].id);

    let serial = 0;
    const fill = async () => {
      await db.delete(queueTickets).where(eq(queueTickets.categoryId, cat.id));
      for (let i = 0; i < TICKETS; i += 1000)
        await db.insert(queueTickets).values(
          Array.from({ length: Math.min(1000, TICKETS - i) }, (_, k) => {
            serial++;
            return { countyId: hall.countyId, centerId: hall.id, categoryId: cat.id, serviceDate: today, number: serial, code: `Z${serial}`, source: 'kiosk', status: 'waiting', queuedAt: new Date(Date.now() - 3_600_000 + i + k) };
          }),
        );
    };
    const release = (c: pg.PoolClient, id: string) => c.query(`update queue_tickets set status = 'done', finished_at = now() where id = $1`, [id]);
    const checkOnce = async (called: string[]) => {
      if (new Set(called).size !== called.length) throw new Error('a ticket was called twice');
      if (called.length !== TICKETS) throw new Error(`called ${called.length} of ${TICKETS} tickets`);
    };

    // The use case.
    await fill();
    const appCalled: string[] = [];
    let t0 = performance.now();
    await Promise.all(
      clerks.map(async (actor, i) => {
        const c = await pool.connect();
        try {
          for (;;) {
            const { ticket } = await callNext(deps, { actor, meta }, ws[i].id);
            if (!ticket) break;
            appCalled.push(ticket.id);
            await release(c, ticket.id);
          }
        } finally {
          c.release();
        }
      }),
    );
    const app = TICKETS / ((performance.now() - t0) / 1000);
    await checkOnce(appCalled);

    // The bare loop on the same line.
    await fill();
    const bareCalled: string[] = [];
    t0 = performance.now();
    await Promise.all(
      ws.map(async (w, i) => {
        const c = await pool.connect();
        try {
          for (;;) {
            const r = await c.query<{ id: string }>(
              `update queue_tickets set status = 'called', window_id = $1, called_at = now(), called_by = $2, version = version + 1
                where id = (select id from queue_tickets
                             where center_id = $3 and service_date = $4 and status = 'waiting' and category_id = $5
                             order by priority desc, queued_at, id
                             for update skip locked limit 1)
               returning id`,
              [w.id, clerks[i].userId, hall.id, today, cat.id],
            );
            if (r.rowCount === 0) break;
            bareCalled.push(r.rows[0].id);
            await release(c, r.rows[0].id);
          }
        } finally {
          c.release();
        }
      }),
    );
    const bare = TICKETS / ((performance.now() - t0) / 1000);
    await checkOnce(bareCalled);
    await db.execute(sql`select 1`);
    return { app, bare };
  } finally {
    await pool.end();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

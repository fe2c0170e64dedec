import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, Schema, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = PgTransaction<PgQueryResultHKT, Schema, any>;
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DriverName = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: DriverName;
  /** The connection URL (PostgreSQL only), for tools that need their own connection. */
  url?: string;
  /** Raw SQL access for tools and tests (migrations, tamper simulation). */
  exec(sqlText: string): Promise<void>;
  /**
   * LISTEN on a channel: `onMessage` gets every NOTIFY payload committed by any instance on this
   * database (PostgreSQL: one dedicated connection per call, re-established after a drop; PGlite:
   * in process). Returns the function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… → PostgreSQL; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; `undefined` with `memory: true` keeps the database in memory. */
  pgliteDir?: string;
  memory?: boolean;
  poolSize?: number;
}

/** The project root, found from this file in both `src/` (tsx) and `dist/server/` (compiled). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export const migrationsFolder = resolve(projectRoot(), 'src/db/migrations');

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // Sessions run in UTC; business dates are converted explicitly to Asia/Shanghai.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: '-c TimeZone=UTC' });
    // An idle client dropped by the server (restart, failover, admin termination) must not crash the
    // process: the pool discards it and opens a new one on the next query.
    pool.on('error', (err) => console.error(`PostgreSQL idle connection lost: ${err.message}`));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      url: opts.databaseUrl,
      exec: async (sqlText) => {
        await pool.query(sqlText);
      },
      listen: (channel, onMessage) => listenPostgres(opts.databaseUrl!, channel, onMessage),
      close: () => pool.end(),
    };
  }
  let dataDir: string | undefined;
  if (!opts.memory) {
    dataDir = opts.pgliteDir ?? './data/pglite';
    mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  await client.exec("SET TIME ZONE 'UTC'");
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    listen: pgliteListen(client),
    close: () => client.close(),
  };
}

/** LISTEN on PGlite (in process: NOTIFYs of this client's own transactions, delivered on commit). */
export const pgliteListen =
  (client: PGlite): Database['listen'] =>
  async (channel, onMessage) => {
    const stop = await client.listen(channel, onMessage);
    return async () => {
      if (!client.closed) await stop();
    };
  };

const quoteIdent = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad channel name ${name}`);
  return `"${name}"`;
};

/**
 * A dedicated connection that LISTENs; when it drops (server restart, failover) it reconnects with
 * back-off, so screens keep receiving after an outage (events sent while it was down are not replayed:
 * subscribers refresh their state on reconnect).
 */
export async function listenPostgres(url: string, channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = 500;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
    c.on('notification', (n) => {
      if (n.channel === channel) onMessage(n.payload ?? '');
    });
    c.on('error', (err) => {
      console.error(`LISTEN ${channel}: connection lost (${err.message}); reconnecting`);
      if (client === c) client = null;
      void c.end().catch(() => undefined);
      if (!stopped) setTimeout(() => void reconnect(), delay);
    });
    await c.connect();
    await c.query(`LISTEN ${quoteIdent(channel)}`);
    client = c;
    delay = 500;
  };
  const reconnect = async () => {
    if (stopped || client) return;
    try {
      await connect();
    } catch (err) {
      delay = Math.min(delay * 2, 30_000);
      console.error(`LISTEN ${channel}: reconnect failed (${(err as Error).message}); retrying in ${delay} ms`);
      setTimeout(() => void reconnect(), delay);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    const c = client;
    client = null;
    if (c) await c.end().catch(() => undefined);
  };
}

/** A constant key: one instance migrates at a time; the others wait, then find nothing left to do. */
const MIGRATION_LOCK = 7_300_001;

/**
 * Forward-only migrations generated by drizzle-kit (plus hand-written custom ones), applied on start.
 * On PostgreSQL several instances may start together, so migration runs under a session advisory lock
 * on one dedicated connection. PGlite is single-process by nature.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.driver === 'postgres') {
    if (!database.url) throw new Error('a PostgreSQL database without its URL cannot be migrated');
    const client = new pg.Client({ connectionString: database.url, options: '-c TimeZone=UTC' });
    await client.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await client.end();
    }
  } else {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migratePglite(database.db as any, { migrationsFolder });
  }
}

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { listenPostgres, pgliteListen, type Database, type Db } from '../db/client.js';
import * as schema from '../db/schema.js';

/**
 * Test databases. The API suite runs twice: on PGlite (default) and on a real PostgreSQL server when
 * TEST_PG_URL points at one (scripts/test.sh starts a throwaway server). Either way every test file
 * gets its own fresh, migrated database: PGlite from a snapshot made once by the global setup,
 * PostgreSQL by cloning a migrated template database.
 */
export const PGLITE_SNAPSHOT = join(tmpdir(), `bianmin-pglite-snapshot-${process.env.BIANMIN_TEST_RUN ?? 'local'}.tar.gz`);
export const PG_TEMPLATE = 'bianmin_test_template';

export const testDriver = (): 'pglite' | 'postgres' => (process.env.TEST_PG_URL ? 'postgres' : 'pglite');

export function databaseUrlFor(base: string, dbName: string): string {
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  return u.toString();
}

export async function freshTestDatabase(): Promise<Database> {
  const pgUrl = process.env.TEST_PG_URL;
  if (pgUrl) {
    const name = `bianmin_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`);
    } finally {
      await admin.end();
    }
    const pool = new pg.Pool({ connectionString: databaseUrlFor(pgUrl, name), max: 10, options: '-c TimeZone=UTC' });
    // DROP DATABASE … WITH (FORCE) below may terminate a client that is still closing: expected, not an error.
    pool.on('error', () => undefined);
    const url = databaseUrlFor(pgUrl, name);
    const listeners: (() => Promise<void>)[] = [];
    return {
      db: drizzlePg(pool, { schema }) as unknown as Db,
      driver: 'postgres',
      url,
      exec: async (s) => {
        await pool.query(s);
      },
      listen: async (channel, onMessage) => {
        const stop = await listenPostgres(url, channel, onMessage);
        listeners.push(stop);
        return stop;
      },
      close: async () => {
        for (const stop of listeners) await stop();
        await pool.end();
        const a = new pg.Client({ connectionString: pgUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await a.end();
      },
    };
  }
  if (!existsSync(PGLITE_SNAPSHOT)) throw new Error('PGlite snapshot missing: run the API tests through vitest (globalSetup makes it)');
  const blob = new Blob([readFileSync(PGLITE_SNAPSHOT)]);
  const client = await PGlite.create({ loadDataDir: blob, extensions: { pg_trgm } });
  await client.exec("SET TIME ZONE 'UTC'");
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    driver: 'pglite',
    exec: async (s) => {
      await client.exec(s);
    },
    listen: pgliteListen(client),
    close: () => client.close(),
  };
}

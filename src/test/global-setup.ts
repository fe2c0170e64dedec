import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { migrateDatabase, migrationsFolder, openDatabase, type Db } from '../db/client.js';
import * as schema from '../db/schema.js';
import { ensureCalendarSeeded } from '../modules/calendar/calendar.seed.js';
import { databaseUrlFor, PG_TEMPLATE, PGLITE_SNAPSHOT } from './db.js';

/** Migrate once per run: a PGlite snapshot, or a PostgreSQL template database. */
export default async function setup(): Promise<void> {
  const pgUrl = process.env.TEST_PG_URL;
  if (pgUrl) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
    await admin.end();
    const template = await openDatabase({ databaseUrl: databaseUrlFor(pgUrl, PG_TEMPLATE), poolSize: 1 });
    await migrateDatabase(template);
    await ensureCalendarSeeded(template.db);
    await template.close();
    return;
  }
  const client = await PGlite.create({ extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  // Like the server after migrating: the working-day calendar is reference data every database has.
  await ensureCalendarSeeded(db as unknown as Db);
  const dump = await client.dumpDataDir('gzip');
  writeFileSync(PGLITE_SNAPSHOT, Buffer.from(await dump.arrayBuffer()));
  await client.close();
}

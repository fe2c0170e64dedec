/** `npm run db:migrate`: apply pending migrations to DATABASE_URL or the PGlite data in DATA_DIR. */
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
try {
  await migrateDatabase(database);
  console.log(`migrated (${database.driver})`);
} finally {
  await database.close();
}

/** `npm run seed`: migrate, then seed the demo county if the database is empty. Refused in production. */
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { seedDemoIfEmpty } from '../src/modules/seed/demo.js';

const config = loadConfig();
if (config.env === 'production') {
  console.error('refusing to seed demo data with NODE_ENV=production');
  process.exit(1);
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
try {
  await migrateDatabase(database);
  console.log((await seedDemoIfEmpty(database.db, config)) ? 'seeded the demo county' : 'database not empty: nothing seeded');
} finally {
  await database.close();
}

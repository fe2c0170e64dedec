import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrateDatabase, openDatabase } from './db/client.js';
import { ensureCalendarSeeded } from './modules/calendar/calendar.seed.js';
import { seedDemoIfEmpty } from './modules/seed/demo.js';
import { join } from 'node:path';

/** config → migrate → seed the demo county on an empty database (never in production) → listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
  await migrateDatabase(database);
  // The official working-day calendar (every environment, production too): years chinese-days covers.
  await ensureCalendarSeeded(database.db);
  const app = await buildApp({ config, database, dispatchNotifications: true });
  if (config.env !== 'production') {
    const seeded = await seedDemoIfEmpty(database.db, config);
    if (seeded) app.log.info('seeded the demo county (示范县); demo accounts are listed in README.md');
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Bianmin listening on http://localhost:${config.port} (db: ${database.driver})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run audit:verify`: walk the audit log's SM3 hash chain and report the first broken link.
 * Uses DATABASE_URL, or the PGlite data in DATA_DIR (default ./data). Exit code 0 = intact, 1 = broken.
 * Stop the server first when using PGlite (one process may open its data directory at a time).
 */
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { verifyChain } from '../src/platform/audit.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
try {
  const report = await verifyChain(database.db);
  console.log(JSON.stringify(report));
  console.log(report.ok ? `审计链完整：已校验 ${report.checked} 条` : `审计链在第 ${report.firstBrokenSeq} 条处断裂（${report.reason}）`);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await database.close();
}

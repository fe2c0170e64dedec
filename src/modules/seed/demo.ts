import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';

/** Seeds the demo county when the database has no regions. Returns true when it seeded. */
export async function seedDemoIfEmpty(_db: Db, _config: Config): Promise<boolean> {
  return false;
}

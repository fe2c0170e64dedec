import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import type { Crypto } from './crypto.js';

/** What use cases need from the outside world; built once in buildApp and passed to modules. */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  crypto: Crypto;
  /** The current instant; business dates (acceptance, deadlines) derive from it. Pinned in tests. */
  now: () => Date;
}

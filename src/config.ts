import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Environment, parsed once by one schema. Everything the app reads from the environment is here. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** 64 hex chars: master secret for PII encryption (SM4), lookup indexes and CSRF tokens. */
  BIANMIN_SECRET: z.string().regex(/^[0-9a-f]{64}$/i, 'BIANMIN_SECRET must be 64 hex characters').optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** Where the built SPA is (default dist/web); lets a second build be served side by side. */
  WEB_ROOT: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** SMS copies of case notifications: none (in-app only) or log (development: logs a masked line). */
  SMS_TRANSPORT: z.enum(['none', 'log']).default('none'),
  /** An open case shows as 即将到期 (warning) this many working days before its due date. */
  CASE_WARN_WORKDAYS: z.coerce.number().int().min(0).max(30).default(2),
  AGENCY_DELIVER_WORKDAYS: z.coerce.number().int().min(1).max(30).default(3),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  secret: Buffer;
  cookieSecure: boolean;
  logLevel: string;
  webRoot?: string;
  trustProxy: boolean;
  smsTransport: 'none' | 'log';
  caseWarnWorkdays: number;
  /** Working days within which materials an agent collected must reach the township (代办时限). */
  agencyDeliverWorkdays: number;
  version: string;
}

function projectVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      return pkg.version;
    } catch {
      return '0.0.0';
    }
  }
}

/**
 * Outside production a missing secret is generated once and kept in DATA_DIR, so a fresh
 * `npm start` works and restarts can still decrypt. Production must provide BIANMIN_SECRET.
 */
function resolveSecret(env: z.infer<typeof EnvSchema>, dataDir: string): Buffer {
  if (env.BIANMIN_SECRET) return Buffer.from(env.BIANMIN_SECRET, 'hex');
  if (env.NODE_ENV === 'production') {
    throw new Error('BIANMIN_SECRET is required in production (64 hex characters)');
  }
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex'), { mode: 0o600 });
  return secret;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${lines}`);
  }
  const env = parsed.data;
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    secret: overrides.secret ?? resolveSecret(env, dataDir),
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    webRoot: env.WEB_ROOT,
    trustProxy: env.TRUST_PROXY === 'true',
    smsTransport: env.SMS_TRANSPORT,
    caseWarnWorkdays: env.CASE_WARN_WORKDAYS,
    agencyDeliverWorkdays: env.AGENCY_DELIVER_WORKDAYS,
    version: projectVersion(),
    ...overrides,
  };
}

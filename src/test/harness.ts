import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOTP } from 'otpauth';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import { Crypto } from '../platform/crypto.js';
import type { App } from '../platform/http.js';
import { freshTestDatabase } from './db.js';

export interface TestCtx {
  app: App;
  database: Database;
  db: Db;
  crypto: Crypto;
  config: Config;
  client(): TestClient;
  close(): Promise<void>;
}

/** A fresh app on a fresh migrated database. Pass `seed` to fill it (e.g. the demo county). */
export async function createTestApp(opts: { seed?: (db: Db, config: Config) => Promise<unknown>; now?: () => Date; config?: Partial<Config> } = {}): Promise<TestCtx> {
  const database = await freshTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'bianmin-test-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { dataDir, secret: randomBytes(32), ...opts.config });
  if (opts.seed) await opts.seed(database.db, config);
  const app = await buildApp({ config, database, serveWeb: false, logger: false, now: opts.now });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    crypto: new Crypto(config.secret),
    config,
    client: () => new TestClient(app),
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A browser-like client: keeps cookies and sends the CSRF header the way the SPA does. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  ip = '10.0.0.1';
  sendCsrf = true;

  constructor(private readonly app: App) {}

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.sendCsrf && method !== 'GET' && this.cookies.has('csrf') && !('x-csrf-token' in h)) h['x-csrf-token'] = this.cookies.get('csrf')!;
    const isBuffer = Buffer.isBuffer(body);
    const res = await this.app.inject({
      method,
      url,
      headers: h,
      remoteAddress: this.ip,
      ...(body === undefined ? {} : isBuffer ? { payload: body } : { payload: body as object }),
    });
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  put = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PUT', url, body ?? {}, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);

  /** POST a multipart form with one file (field `file`) and optional text fields. */
  upload = (url: string, fileName: string, content: Buffer, fields: Record<string, string> = {}, contentType = 'application/octet-stream') => {
    const { body, headers } = multipart(content, fields, fileName, contentType);
    return this.post(url, body, headers);
  };

  /** POST a multipart form with several files (each with its own field name) and a JSON `data` field. */
  uploadBatch = (url: string, data: unknown, files: { field: string; name: string; content: Buffer }[], headers: Record<string, string> = {}) => {
    const m = multipartBatch({ data: JSON.stringify(data) }, files);
    return this.post(url, m.body, { ...m.headers, ...headers });
  };

  /** Log in; admins get their TOTP code computed from `totpSecret`. Throws unless 200. */
  async login(username: string, password = DEMO_PASSWORD, totpSecret?: string): Promise<this> {
    const totp = totpSecret ? totpCode(totpSecret) : undefined;
    const res = await this.post('/api/auth/login', { username, password, ...(totp ? { totp } : {}) });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return this;
  }
}

export const DEMO_PASSWORD = 'Demo@2026';

/** A query string for a test URL (`?a=1&b=2`; undefined values are left out). */
export function qs(params: Record<string, string | number | boolean | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A multipart/form-data body with one file in field `file` and some text fields. */
export function multipart(file: Buffer, fields: Record<string, string> = {}, fileName = 'upload.bin', contentType = 'application/octet-stream') {
  const boundary = `----bianmin${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A multipart/form-data body with text fields and several files. */
export function multipartBatch(fields: Record<string, string>, files: { field: string; name: string; content: Buffer; contentType?: string }[]) {
  const boundary = `----bianmin${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const totpCode = (secretBase32: string): string =>
  new TOTP({ secret: secretBase32, digits: 6, period: 30, algorithm: 'SHA1' }).generate();

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';

/** One measured number next to the ceiling it is judged against, measured in the same run. */
export interface BenchResult {
  name: string;
  /** The measured value (e.g. requests per second). */
  value: number;
  unit: string;
  /** The best this machine can do for the same kind of work right now (e.g. a bare Fastify route). */
  ceiling: number;
  /** value / ceiling: comparable across machines, unlike the raw value. */
  ratio: number;
}

export interface LoadOptions {
  /** Seconds of measured load. */
  duration?: number;
  /** Seconds of unmeasured load first (JIT, caches, pools). */
  warmup?: number;
  connections?: number;
  headers?: Record<string, string>;
}

export const DEFAULT_LOAD: Required<Omit<LoadOptions, 'headers'>> = {
  duration: Number(process.env.BENCH_DURATION ?? 5),
  warmup: Number(process.env.BENCH_WARMUP ?? 1),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
};

export interface LoadResult {
  /** Mean requests per second over the measured window. */
  rps: number;
  latencyP50: number;
  latencyP99: number;
  requests: number;
}

function runOnce(url: string, duration: number, connections: number, headers: Record<string, string>) {
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url)) {
    throw new Error(`benchmarks only load loopback addresses, not ${url}`);
  }
  // One worker thread generates the load, so it does not share the event loop with the server under test.
  return autocannon({ url, duration, connections, headers, workers: 1 });
}

/** GET `url` for a bounded time with autocannon; throws if any response was not 2xx or errored. */
export async function loadGet(url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const { duration, warmup, connections } = { ...DEFAULT_LOAD, ...opts };
  const headers = opts.headers ?? {};
  if (warmup > 0) await runOnce(url, warmup, connections, headers);
  const r = await runOnce(url, duration, connections, headers);
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0) {
    throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts out of ${r.requests.total} requests`);
  }
  if (r.requests.total === 0) throw new Error(`${url}: no requests completed`);
  return { rps: r.requests.average, latencyP50: r.latency.p50, latencyP99: r.latency.p99, requests: r.requests.total };
}

/**
 * Ceiling for HTTP reads: a bare Fastify app with one trivial JSON route, loaded the same way.
 * Measured in the same run so the ratio does not depend on how fast the machine is.
 */
export async function bareFastifyCeiling(opts: LoadOptions = {}): Promise<LoadResult> {
  const app = Fastify({ logger: false });
  app.get('/ping', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as { port: number };
    return await loadGet(`http://127.0.0.1:${port}/ping`, opts);
  } finally {
    await app.close();
  }
}

export function result(name: string, value: number, ceiling: number, unit = 'req/s'): BenchResult {
  const round = (n: number) => Math.round(n * 10) / 10;
  return { name, value: round(value), unit, ceiling: round(ceiling), ratio: ceiling > 0 ? Math.round((value / ceiling) * 1000) / 1000 : 0 };
}

/**
 * Run `fn` against a throwaway PostgreSQL server (scripts/pg-temp.mjs), stopped afterwards; returns
 * null (and says so) when the PostgreSQL binaries are not installed.
 */
export async function withTempPostgres<T>(fn: (url: string) => Promise<T>): Promise<T | null> {
  const root = '/usr/lib/postgresql';
  const available = existsSync(root) && readdirSync(root).some((v) => existsSync(join(root, v, 'bin', 'initdb')));
  if (!available) {
    console.log('  (no PostgreSQL binaries in /usr/lib/postgresql: PostgreSQL row skipped)');
    return null;
  }
  const started = JSON.parse(execFileSync('node', ['scripts/pg-temp.mjs', 'start'], { encoding: 'utf8' }).trim().split('\n').pop()!) as { url: string; dir: string };
  try {
    return await fn(started.url);
  } finally {
    execFileSync('node', ['scripts/pg-temp.mjs', 'stop', started.dir], { stdio: 'ignore' });
  }
}

#!/usr/bin/env node
// A throwaway PostgreSQL server in a temporary directory, on a free loopback port.
//
//   node scripts/pg-temp.mjs start        → prints {"url":"postgres://postgres@127.0.0.1:PORT/postgres","dir":"..."}
//                                            and leaves the server running
//   node scripts/pg-temp.mjs stop <dir>   → stops that server and removes its directory
//   start --record <file>                  also writes the directory to <file> as soon as it exists,
//                                            so a caller killed mid-start can still clean up
//
// Uses the Debian server binaries (/usr/lib/postgresql/<version>/bin, highest version; override with
// PG_BIN=/path/to/bin). Never touches a system PostgreSQL service. Tuned for tests, not for data
// safety: fsync, synchronous_commit and full_page_writes are off, auth is trust, loopback only.
// When run as root, initdb/pg_ctl run as the `postgres` user (PostgreSQL refuses to run as root).
// Progress goes to stderr; stdout carries only the JSON line, so `$(node scripts/pg-temp.mjs start)` works.

import { spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const MARKER = '.bianmin-pg-temp';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function log(msg) {
  process.stderr.write(`[pg-temp] ${msg}\n`);
}

class PgTempError extends Error {}

/** Highest-version directory under /usr/lib/postgresql that has initdb, pg_ctl and postgres. */
export function findPgBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    for (const v of versions) candidates.push(join(root, v, 'bin'));
  }
  for (const dir of candidates) {
    if (['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b)))) return dir;
  }
  throw new PgTempError(
    'PostgreSQL server binaries not found (looked in ' +
      (candidates.length ? candidates.join(', ') : '/usr/lib/postgresql/*/bin') +
      '). Install them with: bash scripts/ensure-system-deps.sh (Debian package "postgresql"), or set PG_BIN.',
  );
}

/** Run a PostgreSQL tool, as the postgres user when we are root. Throws with the tool's output on failure. */
function runPg(bin, args, { cwd, allowFail = false } = {}) {
  const cmd = isRoot ? 'runuser' : bin;
  const argv = isRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  const res = spawnSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  if (res.error) {
    if (allowFail) return res;
    throw new PgTempError(`could not run ${cmd}: ${res.error.message}`);
  }
  if (res.status !== 0 && !allowFail) {
    const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
    throw new PgTempError(`${[cmd, ...argv].join(' ')} exited with ${res.status}${out ? `:\n${out}` : ''}`);
  }
  return res;
}

/** A port the OS says is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

function postgresUid() {
  const res = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gres = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (res.status !== 0 || gres.status !== 0) {
    throw new PgTempError('running as root but there is no "postgres" user; install the Debian "postgresql" package (bash scripts/ensure-system-deps.sh)');
  }
  return { uid: Number(res.stdout.trim()), gid: Number(gres.stdout.trim()) };
}

function chownRecursive(path, uid, gid) {
  chownSync(path, uid, gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, entry.name);
    if (entry.isDirectory()) chownRecursive(p, uid, gid);
    else chownSync(p, uid, gid);
  }
}

/** A temp dir the server user can use. As root, $TMPDIR may be private to root: fall back to /tmp. */
function makeTempDir() {
  const bases = [...new Set([tmpdir(), '/tmp'])];
  let lastError;
  for (const base of bases) {
    let dir;
    try {
      dir = mkdtempSync(join(base, 'bianmin-pg-'));
    } catch (e) {
      lastError = e;
      continue;
    }
    writeFileSync(join(dir, MARKER), `${new Date().toISOString()}\n`);
    if (!isRoot) return dir;
    const { uid, gid } = postgresUid();
    chownRecursive(dir, uid, gid);
    const probe = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir, '-a', '-x', dir]);
    if (probe.status === 0) return dir;
    lastError = new Error(`user postgres cannot use ${dir}`);
    rmSync(dir, { recursive: true, force: true });
  }
  throw new PgTempError(`could not create a temp directory usable by the postgres user: ${lastError?.message ?? 'unknown error'}`);
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitReady(bin, port, timeoutMs, checkAborted = () => {}) {
  const pgIsReady = existsSync(join(bin, 'pg_isready')) ? join(bin, 'pg_isready') : 'pg_isready';
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = spawnSync(pgIsReady, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-t', '2'], {
      encoding: 'utf8',
    });
    if (res.status === 0) return;
    checkAborted();
    last = `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? res.error.message : ''}`.trim();
    await sleep(200);
  }
  throw new PgTempError(`server on port ${port} not ready after ${timeoutMs} ms (pg_isready: ${last || 'no answer'})`);
}

function logTail(dir) {
  const file = join(dir, 'postgres.log');
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
}

/** Start a server; returns {url, dir, port}. SIGINT/SIGTERM/SIGHUP during the start undo it. */
export async function startTempPg({ timeoutMs = 60_000, recordFile } = {}) {
  const bin = findPgBin();
  const dir = makeTempDir();
  if (recordFile) writeFileSync(recordFile, `${dir}\n`);
  const data = join(dir, 'data');
  const sock = join(dir, 'sock');
  const logFile = join(dir, 'postgres.log');
  let aborted = null;
  const onSignal = (sig) => {
    aborted = sig;
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.on(sig, onSignal);
  const checkAborted = () => {
    if (aborted) throw new PgTempError(`interrupted by ${aborted} while starting`);
  };
  try {
    log(`initdb in ${data} (binaries: ${bin})`);
    runPg(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], { cwd: dir });
    await sleep(0); // let a pending signal be seen
    checkAborted();
    // Made by the server user so that it can write into it.
    runPg('/bin/mkdir', ['-p', sock], { cwd: dir });
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '',
        '# bianmin throwaway test server (scripts/pg-temp.mjs)',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${sock}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 200',
        "max_wal_size = '1GB'",
        "timezone = 'UTC'",
        '',
      ].join('\n'),
    );
    let lastErr;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const port = await freePort();
      checkAborted();
      const res = runPg(join(bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-o', `-p ${port}`, '-w', '-t', String(Math.ceil(timeoutMs / 1000)), 'start'], {
        cwd: dir,
        allowFail: true,
      });
      await sleep(0);
      checkAborted();
      if (res.status === 0) {
        await waitReady(bin, port, timeoutMs, checkAborted);
        checkAborted();
        const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
        log(`ready on ${url}`);
        return { url, dir, port };
      }
      lastErr = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
      log(`pg_ctl start failed on port ${port} (attempt ${attempt}/3)`);
    }
    throw new PgTempError(`could not start PostgreSQL:\n${lastErr}\n--- server log ---\n${logTail(dir)}`);
  } catch (e) {
    // Leave nothing behind on failure.
    stopTempPgSync(dir, { quiet: true });
    if (recordFile) rmSync(recordFile, { force: true });
    throw e;
  } finally {
    for (const sig of signals) process.off(sig, onSignal);
  }
}

/** Stop the server in `dir` (if running) and remove the directory. */
export function stopTempPgSync(dir, { quiet = false } = {}) {
  const abs = resolve(dir);
  if (!existsSync(abs)) {
    if (!quiet) log(`${abs} does not exist; nothing to stop`);
    return;
  }
  if (!existsSync(join(abs, MARKER))) {
    throw new PgTempError(`${abs} was not made by pg-temp.mjs (no ${MARKER}); refusing to remove it`);
  }
  const data = join(abs, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    const bin = findPgBin();
    const res = runPg(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'], { cwd: abs, allowFail: true });
    if (res.status !== 0) {
      log(`fast stop failed, trying immediate: ${`${res.stdout ?? ''}${res.stderr ?? ''}`.trim()}`);
      runPg(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop'], { cwd: abs, allowFail: true });
    }
    if (!quiet) log(`stopped server in ${abs}`);
  }
  rmSync(abs, { recursive: true, force: true });
  if (!quiet) log(`removed ${abs}`);
}

async function main(argv) {
  const [cmd, arg] = argv;
  if (cmd === 'start') {
    const recordAt = argv.indexOf('--record');
    const recordFile = recordAt >= 0 ? argv[recordAt + 1] : undefined;
    if (recordAt >= 0 && !recordFile) throw new PgTempError('--record needs a file name');
    const { url, dir } = await startTempPg({ recordFile });
    process.stdout.write(`${JSON.stringify({ url, dir })}\n`);
    return;
  }
  if (cmd === 'stop') {
    if (!arg) throw new PgTempError('usage: node scripts/pg-temp.mjs stop <dir>');
    stopTempPgSync(arg);
    return;
  }
  throw new PgTempError('usage: node scripts/pg-temp.mjs start | stop <dir>');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    log(`ERROR: ${e instanceof PgTempError ? e.message : e?.stack ?? e}`);
    process.exit(1);
  });
}

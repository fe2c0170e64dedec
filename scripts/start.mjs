#!/usr/bin/env node
// `npm start`: build what is missing or stale, then run the built server.
//   server: dist/server/server.js, rebuilt (npm run build:server) when missing or when anything under
//           src/ (tests excluded) or the tsconfig files is newer.
//   web:    dist/web/index.html, rebuilt (npm run build:web) when missing or when anything under web/,
//           vite.config.ts, index.html, public/, tsconfig.json or a shared contract (src/**/*.contract.ts) is newer.
// Then runs `node dist/server/server.js` with the same environment and forwards signals to it.
// Set BIANMIN_NO_BUILD=1 (or pass --no-build) to skip the checks, e.g. in an image built beforehand.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'data', 'test-results', 'playwright-report', 'coverage']);

function log(msg) {
  console.error(`[start] ${msg}`);
}

/** Newest mtime (ms) among files under `path` accepted by `filter`; 0 when there are none. */
function newestMtime(path, filter = () => true) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return filter(path) ? st.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const p = join(path, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, filter));
    else if (entry.isFile() && filter(p)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

const isTestFile = (p) => /\.test\.tsx?$/.test(p) || relative(join(root, 'src'), p).split(/[\\/]/)[0] === 'test';

function npmRun(script) {
  log(`npm run ${script}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (res.error) throw new Error(`could not run npm run ${script}: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`npm run ${script} failed (exit ${res.status})`);
}

function buildIfStale() {
  if (!existsSync(join(root, 'node_modules'))) {
    throw new Error('node_modules is missing: run `npm install` first');
  }

  const serverOut = join(root, 'dist/server/server.js');
  const serverSrc = Math.max(
    newestMtime(join(root, 'src'), (p) => /\.(ts|tsx|mts|cts|json)$/.test(p) && !isTestFile(p)),
    mtime(join(root, 'tsconfig.json')),
    mtime(join(root, 'tsconfig.server.json')),
  );
  if (!existsSync(serverOut)) {
    log('server not built yet');
    rmSync(join(root, 'dist/server'), { recursive: true, force: true });
    npmRun('build:server');
  } else if (serverSrc > mtime(serverOut)) {
    log('server sources changed since the last build');
    // Clean build: no compiled leftovers of deleted modules.
    rmSync(join(root, 'dist/server'), { recursive: true, force: true });
    npmRun('build:server');
  } else {
    log('server build is up to date');
  }

  const webOut = join(root, 'dist/web/index.html');
  const webSrc = Math.max(
    newestMtime(join(root, 'web')),
    mtime(join(root, 'vite.config.ts')),
    mtime(join(root, 'index.html')),
    newestMtime(join(root, 'public')),
    mtime(join(root, 'tsconfig.json')),
    newestMtime(join(root, 'src'), (p) => /\.contract\.ts$/.test(p)),
  );
  if (!existsSync(webOut)) {
    log('web app not built yet');
    npmRun('build:web');
  } else if (webSrc > mtime(webOut)) {
    log('web sources changed since the last build');
    npmRun('build:web');
  } else {
    log('web build is up to date');
  }
}

function run() {
  const serverJs = join(root, 'dist/server/server.js');
  if (!existsSync(serverJs)) throw new Error(`${serverJs} is missing`);
  const child = spawn(process.execPath, [...process.execArgv, serverJs], { cwd: root, stdio: 'inherit', env: process.env });
  const forward = (sig) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, forward(sig));
  // `npm start` runs us through `sh -c`, which does not pass SIGTERM on: when npm goes away, so do we.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) forward('SIGTERM')();
  }, 1000).unref();
  child.on('error', (err) => {
    log(`could not start the server: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Exit the way the server did, so supervisors see the real cause.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

try {
  const skip = process.argv.includes('--no-build') || process.env.BIANMIN_NO_BUILD === '1';
  if (!skip) buildIfStale();
  run();
} catch (e) {
  log(`ERROR: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

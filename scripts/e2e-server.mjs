#!/usr/bin/env node
// The server the Playwright journeys run against (playwright.config.ts → webServer).
// Runs the BUILT server (dist/server/server.js) on a fresh PGlite in a temp DATA_DIR, so every e2e
// run starts from the freshly seeded demo county. Removes the temp dir when it exits.
//   E2E_PORT   port to listen on (default 3100)

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// E2E_DIST: a build elsewhere (e.g. /tmp/x/dist with server/ and web/), so parallel work can test its own build.
const dist = process.env.E2E_DIST ?? join(root, 'dist');
const serverJs = join(dist, 'server/server.js');
if (!existsSync(serverJs)) {
  console.error(`[e2e-server] ${serverJs} is missing: run \`npm run build\` first`);
  process.exit(1);
}
if (!existsSync(join(dist, 'web/index.html'))) {
  console.error('[e2e-server] warning: dist/web/index.html is missing; the SPA will not be served (run `npm run build:web`)');
}

const dataDir = mkdtempSync(join(tmpdir(), 'bianmin-e2e-'));
const port = process.env.E2E_PORT ?? '3100';

const env = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEB_ROOT: join(dist, 'web') };
// The e2e server always runs on its own fresh PGlite.
delete env.DATABASE_URL;
delete env.BIANMIN_SECRET;

let cleaned = false;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  try {
    rmSync(dataDir, { recursive: true, force: true });
  } catch (e) {
    console.error(`[e2e-server] could not remove ${dataDir}: ${e.message}`);
  }
}

console.error(`[e2e-server] starting dist/server/server.js on 127.0.0.1:${port}, DATA_DIR=${dataDir}`);
const child = spawn(process.execPath, [serverJs], { cwd: root, env, stdio: 'inherit' });

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    // If the server does not stop in time, do not leave it behind.
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 8000).unref();
  });
}

// Never outlive the test runner that started us.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}, 1000).unref();

child.on('error', (err) => {
  console.error(`[e2e-server] could not start the server: ${err.message}`);
  cleanup();
  process.exit(1);
});

child.on('exit', (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 0 : 1));
});

process.on('exit', () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  cleanup();
});

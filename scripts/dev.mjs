#!/usr/bin/env node
// `npm run dev`: the API with reload (tsx watch src/server.ts on port 3000) and the Vite dev server
// (which proxies /api to port 3000, see vite.config.ts), together. Ctrl-C stops both; if one of them
// exits, the other is stopped too.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);

for (const tool of ['tsx', 'vite']) {
  if (!existsSync(bin(tool))) {
    console.error(`[dev] ${bin(tool)} is missing: run \`npm install\` first`);
    process.exit(1);
  }
}

// vite.config.ts proxies /api to this port.
const apiPort = '3000';
const procs = [
  {
    name: 'api',
    color: '\x1b[36m',
    cmd: bin('tsx'),
    args: ['watch', '--clear-screen=false', 'src/server.ts'],
    env: { ...process.env, PORT: apiPort, NODE_ENV: process.env.NODE_ENV ?? 'development' },
  },
  { name: 'web', color: '\x1b[35m', cmd: bin('vite'), args: [], env: { ...process.env } },
];

const useColor = process.stdout.isTTY;
let stopping = false;
let exitCode = 0;

function prefixLines(name, color, stream, out) {
  let buf = '';
  const tag = useColor ? `${color}[${name}]\x1b[0m ` : `[${name}] `;
  stream.on('data', (chunk) => {
    buf += chunk.toString();
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines) out.write(`${tag}${line}\n`);
  });
  stream.on('end', () => {
    if (buf) out.write(`${tag}${buf}\n`);
  });
}

const children = procs.map((p) => {
  // Own process group, so that stopping kills tsx's and vite's own children too. No stdin: a
  // background process group reading the terminal would be stopped (SIGTTIN).
  const child = spawn(p.cmd, p.args, { cwd: root, env: p.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  prefixLines(p.name, p.color, child.stdout, process.stdout);
  prefixLines(p.name, p.color, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    console.error(`[dev] ${p.name} exited (${signal ?? code})`);
    if (!stopping) {
      exitCode = code ?? 1;
      stopAll('SIGTERM');
    }
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode);
  });
  return child;
});

function killGroup(child, sig) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      /* already gone */
    }
  }
}

function stopAll(sig) {
  stopping = true;
  for (const c of children) killGroup(c, sig);
  setTimeout(() => {
    for (const c of children) killGroup(c, 'SIGKILL');
    process.exit(exitCode);
  }, 5000).unref();
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stopAll(sig === 'SIGHUP' ? 'SIGTERM' : sig));
// `npm run dev` runs us through `sh -c`, which does not pass SIGTERM on: when npm goes away, so do we.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent && !stopping) stopAll('SIGTERM');
}, 1000).unref();
process.on('exit', () => {
  for (const c of children) killGroup(c, 'SIGKILL');
});

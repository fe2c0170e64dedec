import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { result, type BenchResult } from './lib.js';

/**
 * First-load size of each app of the SPA: the JavaScript and CSS a browser must fetch before the
 * app's home screen can render, gzip-compressed (what goes over a slow village network).
 *
 * Read from Vite's build manifest (`build.manifest: true`): the static import graph of index.html's
 * entry, plus the lazy chunks the router loads for the app's URL (its layout and its index page, found
 * in web/src/routes.tsx) and their static imports. Each file counted once.
 *
 * Run alone: `npx tsx bench/bundle.ts [dist/web]`; `npm run bench` (or `npm run bench -- bundle`) runs it too.
 * Without a directory it builds the SPA into a temporary one (`BENCH_WEB_DIST=dist/web` reuses a build).
 */

export const PORTAL_GOAL_KB = 200;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface AppRoute {
  app: string;
  /** The URL measured. */
  url: string;
  /** Source modules (relative to the repo root) the router loads lazily for that URL. */
  lazy: string[];
}

export interface FirstLoad {
  app: string;
  url: string;
  jsKb: number;
  cssKb: number;
  totalKb: number;
  /** Output files counted, with their gzip size in bytes. */
  files: { file: string; gzip: number }[];
}

/**
 * The apps to measure and the URL of each one's home screen; `extra`: modules that screen loads lazily
 * on top (the portal home in 长辈模式 renders ElderHome, its own chunk).
 */
const APPS: { app: string; path: string; url: string; extra?: string[] }[] = [
  { app: 'portal', path: '/portal', url: '/portal' },
  { app: 'portal-elder', path: '/portal', url: '/portal (elder)', extra: ['web/src/apps/portal/ElderHome.tsx'] },
  { app: 'workbench', path: '/workbench', url: '/workbench' },
  { app: 'auth', path: '/login', url: '/login' },
  { app: 'agent', path: '/agent', url: '/agent' },
];

const resolveSource = (spec: string): string => {
  // './apps/portal/HomePage' (relative to web/src) → 'web/src/apps/portal/HomePage.tsx'
  const base = join('web/src', spec).replace(/\\/g, '/');
  for (const ext of ['.tsx', '.ts', '.jsx', '.js', '/index.tsx', '/index.ts']) {
    if (existsSync(join(root, base + ext))) return base + ext;
  }
  return `${base}.tsx`;
};

/**
 * The lazy modules of each app's home from routes.tsx: the top-level route `{ path: '/x', ...page(() =>
 * import('./apps/x/Layout')), children: xChildren }` and the `index: true` entry of `xChildren`.
 * An app whose route is not there (yet) is left out.
 */
export function appRoutes(routesSource: string): AppRoute[] {
  const out: AppRoute[] = [];
  for (const a of APPS) {
    const esc = a.path.replace(/[/]/g, '\\/');
    const top = new RegExp(String.raw`\{\s*path:\s*'${esc}(?:\/\*)?',\s*\.\.\.page\(\(\)\s*=>\s*import\('([^']+)'\)\)(?:,\s*children:\s*(\w+))?`).exec(routesSource);
    if (!top) continue;
    const lazy = [resolveSource(top[1])];
    const childrenName = top[2];
    if (childrenName) {
      const start = routesSource.indexOf(`const ${childrenName}`);
      if (start >= 0) {
        const body = routesSource.slice(start, routesSource.indexOf('];', start));
        const index = /\{\s*index:\s*true,\s*\.\.\.page\(\(\)\s*=>\s*import\('([^']+)'\)\)/.exec(body);
        if (index) lazy.push(resolveSource(index[1]));
      }
    }
    for (const extra of a.extra ?? []) if (existsSync(join(root, extra))) lazy.push(extra);
    out.push({ app: a.app, url: a.url, lazy });
  }
  return out;
}

/** Every output file (JS chunk and CSS) reached from `keys` by static imports, each once. */
export function staticClosure(manifest: Manifest, keys: string[]): string[] {
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imp of chunk.imports ?? []) visit(imp);
  };
  keys.forEach(visit);
  return [...files];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export function measure(webDir: string, manifest: Manifest, routes: AppRoute[]): FirstLoad[] {
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry)?.[0];
  if (!entry) throw new Error('the build manifest has no entry');
  const gz = new Map<string, number>();
  const gzip = (file: string) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(webDir, file))).length);
    return gz.get(file)!;
  };
  return routes.map((r) => {
    const files = staticClosure(manifest, [entry, ...r.lazy]).map((file) => ({ file, gzip: gzip(file) }));
    const js = files.filter((f) => f.file.endsWith('.js')).reduce((a, f) => a + f.gzip, 0);
    const css = files.filter((f) => f.file.endsWith('.css')).reduce((a, f) => a + f.gzip, 0);
    return { app: r.app, url: r.url, jsKb: kb(js), cssKb: kb(css), totalKb: kb(js + css), files: files.sort((a, b) => b.gzip - a.gzip) };
  });
}

/** All JS and CSS of the build, gzip (the whole SPA: what a visit to every screen would fetch). */
export function wholeBuildKb(webDir: string, manifest: Manifest): number {
  const files = new Set<string>();
  for (const c of Object.values(manifest)) {
    files.add(c.file);
    for (const css of c.css ?? []) files.add(css);
  }
  let bytes = 0;
  for (const f of files) if (/\.(js|css)$/.test(f)) bytes += gzipSync(readFileSync(join(webDir, f))).length;
  return kb(bytes);
}

function build(): { dir: string; cleanup: () => void } {
  const tmp = mkdtempSync(join(tmpdir(), 'bianmin-bundle-'));
  const dir = join(tmp, 'web');
  console.log(`  building the SPA into ${dir} …`);
  execFileSync('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return { dir, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

export function readManifest(webDir: string): Manifest {
  const path = join(webDir, '.vite/manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: the build must have build.manifest enabled (vite.config.ts)`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

export function table(loads: FirstLoad[]): string {
  const head = ['app', 'url', 'JS KB gz', 'CSS KB gz', 'total KB gz'];
  const rows = loads.map((l) => [l.app, l.url, l.jsKb.toFixed(1), l.cssKb.toFixed(1), l.totalKb.toFixed(1)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Build (or reuse `dir`), measure every app, print the table and the heaviest files of the portal. */
export async function bundleBench(dir = process.env.BENCH_WEB_DIST): Promise<BenchResult[]> {
  const built = dir ? undefined : build();
  const webDir = dir ?? built!.dir;
  try {
    const manifest = readManifest(webDir);
    const routes = appRoutes(readFileSync(join(root, 'web/src/routes.tsx'), 'utf8'));
    const missing = APPS.filter((a) => !routes.some((r) => r.app === a.app)).map((a) => a.app);
    if (missing.length) console.log(`  (no route for ${missing.join(', ')} in web/src/routes.tsx: not measured)`);
    const loads = measure(webDir, manifest, routes);
    const whole = wholeBuildKb(webDir, manifest);
    console.log(`\n  first load per app (gzip, JS + CSS; whole SPA ${whole.toFixed(1)} KB):\n`);
    console.log(table(loads).replace(/^/gm, '  '));
    const portal = loads.find((l) => l.app === 'portal');
    if (portal) {
      console.log(`\n  portal files (gzip KB): ${portal.files.map((f) => `${f.file.replace(/^assets\//, '')} ${kb(f.gzip)}`).join(', ')}`);
    }
    console.log('');
    const rows = loads.map((l) => result(`first load ${l.app} (${l.url}) JS+CSS ÷ whole SPA`, l.totalKb, whole, 'KB gzip'));
    if (portal) rows.push(result(`first load portal ÷ ${PORTAL_GOAL_KB} KB goal`, portal.totalKb, PORTAL_GOAL_KB, 'KB gzip'));
    return rows;
  } finally {
    built?.cleanup();
  }
}

/** For bench/run.ts. */
export default function (): Promise<BenchResult[]> {
  return bundleBench();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  bundleBench(process.argv[2]).then(
    (rows) => {
      for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} (ratio ${r.ratio})`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

/* global self, caches */
/**
 * Service worker of the village agent app (便民代办), registered by web/src/apps/agent with scope
 * /agent. It keeps what the app needs to open without a network:
 * - the app shell: /agent (the SPA's index.html), network-first so a deploy is picked up at once,
 *   falling back to the kept copy offline for every navigation under /agent;
 * - the hashed code chunks /assets/*: cache-first (their names change with their content); the page
 *   sends the list it has loaded, so the agent chunk and its antd chunks are kept on the first visit;
 * - the manifest and icons under /pwa/.
 * It never touches /api/*: the app keeps its own data (queued matters, lists) in IndexedDB.
 */
const VERSION = 'v1';
const SHELL = `bm-agent-shell-${VERSION}`;
const ASSETS = `bm-agent-assets-${VERSION}`;
const SHELL_URL = '/agent';
const PRECACHE = [SHELL_URL, '/pwa/agent.webmanifest', '/pwa/agent-192.png', '/pwa/agent-512.png', '/pwa/agent.svg'];
/** Old hashed chunks beyond this many are dropped (oldest first) so the cache does not grow forever. */
const MAX_ASSETS = 300;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('bm-agent-') && k !== SHELL && k !== ASSETS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function trim() {
  const cache = await caches.open(ASSETS);
  const keys = await cache.keys();
  for (const req of keys.slice(0, Math.max(0, keys.length - MAX_ASSETS))) await cache.delete(req);
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === 'basic') await cache.put(request, res.clone());
  return res;
}

async function shellFirstFromNetwork(request) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(request);
    if (res.ok && (res.headers.get('content-type') || '').includes('text/html')) await cache.put(SHELL_URL, res.clone());
    return res;
  } catch (e) {
    const hit = await cache.match(SHELL_URL);
    if (hit) return hit;
    throw e;
  }
}

async function staticFile(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  const fresh = fetch(request)
    .then((res) => {
      if (res.ok) void cache.put(request, res.clone());
      return res;
    })
    .catch(() => undefined);
  return hit || (await fresh) || Response.error();
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    if (url.pathname === SHELL_URL || url.pathname.startsWith(`${SHELL_URL}/`)) event.respondWith(shellFirstFromNetwork(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  else if (url.pathname.startsWith('/pwa/')) event.respondWith(staticFile(request));
});

/** The page lists the chunks it loaded before this worker controlled it; keep them all. */
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(ASSETS);
      let count = 0;
      for (const path of data.urls) {
        if (typeof path !== 'string' || !path.startsWith('/assets/')) continue;
        try {
          if (!(await cache.match(path))) {
            const res = await fetch(path);
            if (!res.ok) continue;
            await cache.put(path, res);
          }
          count++;
        } catch {
          /* offline right now: the fetch handler keeps it the next time it is loaded */
        }
      }
      // Refresh the shell too, so the kept index.html matches these chunks.
      try {
        const shell = await fetch(SHELL_URL, { cache: 'no-cache' });
        if (shell.ok) await (await caches.open(SHELL)).put(SHELL_URL, shell);
      } catch {
        /* keep the copy from install */
      }
      await trim();
      if (event.source) event.source.postMessage({ type: 'assets-cached', count });
    })(),
  );
});

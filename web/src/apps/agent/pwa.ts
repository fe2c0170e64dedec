/**
 * The agent app as an installable PWA: its web app manifest and icons are linked only while the agent
 * app is open (the portal is not an installable agent app), and its service worker (/agent-sw.js,
 * scope /agent) keeps the app shell and the code chunks so the app reopens without a network.
 * The worker never caches /api: the app keeps its own data in IndexedDB (store.ts).
 */

const HEAD_TAGS: { tag: 'link' | 'meta'; attrs: Record<string, string> }[] = [
  { tag: 'link', attrs: { rel: 'manifest', href: '/pwa/agent.webmanifest' } },
  { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/pwa/agent-192.png' } },
  { tag: 'meta', attrs: { name: 'apple-mobile-web-app-capable', content: 'yes' } },
  { tag: 'meta', attrs: { name: 'apple-mobile-web-app-title', content: '便民代办' } },
];

/** Add the manifest and icon links to <head>; returns a function that removes them again. */
export function linkManifest(): () => void {
  const added = HEAD_TAGS.map(({ tag, attrs }) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.dataset.agentPwa = '1';
    document.head.appendChild(el);
    return el;
  });
  return () => added.forEach((el) => el.remove());
}

/** Same-origin hashed code and styles this page has loaded (entry, vendor chunks, the agent chunk). */
function loadedAssets(): string[] {
  const urls = new Set<string>();
  const add = (u: string | null | undefined) => {
    if (!u) return;
    try {
      const url = new URL(u, location.href);
      if (url.origin === location.origin && url.pathname.startsWith('/assets/')) urls.add(url.pathname);
    } catch {
      /* not a URL */
    }
  };
  for (const e of performance.getEntriesByType('resource')) add(e.name);
  document.querySelectorAll<HTMLScriptElement>('script[src]').forEach((s) => add(s.src));
  document.querySelectorAll<HTMLLinkElement>('link[href]').forEach((l) => add(l.href));
  return [...urls];
}

/** The registration's worker once it is activated (installing → installed → activating → activated). */
function activeWorker(reg: ServiceWorkerRegistration): Promise<ServiceWorker | null> {
  if (reg.active) return Promise.resolve(reg.active);
  const w = reg.installing ?? reg.waiting;
  if (!w) return Promise.resolve(null);
  return new Promise((resolve) => {
    const check = () => {
      if (w.state === 'activated') resolve(w);
      else if (w.state === 'redundant') resolve(reg.active);
      else return;
      w.removeEventListener('statechange', check);
    };
    w.addEventListener('statechange', check);
  });
}

/**
 * Register the worker and hand it the list of chunks to keep; `onCached` is told when they are stored
 * (the app then says it can be opened offline).
 */
export function registerServiceWorker(onCached: (count: number) => void): () => void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return () => undefined;
  const onMessage = (e: MessageEvent) => {
    const data = e.data as { type?: string; count?: number } | null;
    if (data?.type === 'assets-cached') onCached(data.count ?? 0);
  };
  navigator.serviceWorker.addEventListener('message', onMessage);
  let cancelled = false;
  let observer: PerformanceObserver | null = null;
  navigator.serviceWorker
    .register('/agent-sw.js', { scope: '/agent' })
    // Not `serviceWorker.ready`: a page that started at /login (outside the scope) and moved to /agent
    // in the SPA is not this worker's client, and `ready` would never resolve for it.
    .then((reg) => activeWorker(reg))
    .then((worker) => {
      if (cancelled || !worker) return;
      const sent = new Set(loadedAssets());
      worker.postMessage({ type: 'cache-assets', urls: [...sent] });
      // Chunks loaded later (antd's message/modal hooks fetched when the browser is idle, a screen's
      // lazy part) are handed over too, so they also work offline.
      if (typeof PerformanceObserver === 'undefined') return;
      let timer: number | undefined;
      observer = new PerformanceObserver(() => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => {
          const fresh = loadedAssets().filter((u) => !sent.has(u));
          if (fresh.length === 0) return;
          fresh.forEach((u) => sent.add(u));
          worker.postMessage({ type: 'cache-assets', urls: fresh });
        }, 500);
      });
      observer.observe({ type: 'resource' });
    })
    .catch(() => undefined); // no worker (private mode, old browser): the app still works online
  return () => {
    cancelled = true;
    observer?.disconnect();
    navigator.serviceWorker.removeEventListener('message', onMessage);
  };
}

import { ConfigProvider } from 'antd';
import AppContext, { type useAppProps } from 'antd/es/app/context';
import useAppStyle from 'antd/es/app/style';
import { lazy, Suspense, useContext, useEffect, useState, type ReactNode } from 'react';

/**
 * antd's `<App>` without its weight on the first load.
 *
 * `App.useApp()` only reads antd's AppContext; antd's `<App>` fills it with the message, notification
 * and modal hooks, which statically pull in Modal, Dialog, Notification and their styles (≈40 KB gzip)
 * that no page needs to draw itself. This shell provides the same context from the first render, draws
 * the same root with antd's own App style (`.ant-app`: colour, size, line height and font of the theme,
 * plus antd's shared reset: links without underline, icons), and loads the three hooks when the
 * browser is first idle after the first render (./antAppHolders). A call made before they arrive
 * (rare: it takes a click) is queued, loads them at once and is replayed, so callers see no difference.
 */
const Holders = lazy(() => import('./antAppHolders'));

type Api = useAppProps;
type Call = (api: Api) => unknown;

// Calls made before the hooks arrived (one app root per page, so one queue).
const pending: { call: Call; resolve: (v: unknown) => void }[] = [];
// A call before the hooks are wanted makes them wanted now.
let wantNow: (() => void) | undefined;
const enqueue = (call: Call) =>
  new Promise<unknown>((resolve) => {
    pending.push({ call, resolve });
    wantNow?.();
  });

/** A stand-in for `message` / `notification` / `modal` that queues calls until the real one is ready. */
function queuing(kind: keyof Api): Api[keyof Api] {
  return new Proxy(
    {},
    {
      get: (_t, method: string) =>
        (...args: unknown[]) => {
          const result = enqueue((api) => (api[kind] as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...args));
          // message.* returns a thenable; modal.* returns { destroy, update } (also thenable in antd 6).
          return Object.assign(result, {
            destroy: () => void result.then((r) => (r as { destroy?: () => void } | undefined)?.destroy?.()),
            update: (c: unknown) => void result.then((r) => (r as { update?: (c: unknown) => void } | undefined)?.update?.(c)),
          });
        },
    },
  ) as Api[keyof Api];
}

const queued = { message: queuing('message'), notification: queuing('notification'), modal: queuing('modal') } as Api;

export function AntApp({ children }: { children: ReactNode }) {
  const prefixCls = useContext(ConfigProvider.ConfigContext).getPrefixCls('app');
  const [hashId, cssVarCls] = useAppStyle(prefixCls);
  const [api, setApi] = useState<Api | null>(null);
  // Fetch the hooks once the page has had its turn (idle), so they do not compete with the first
  // screen's own chunks on a slow line; at once if something wants to show a message earlier.
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    const want = () => setWanted(true);
    wantNow = want;
    if (pending.length) want();
    const idle = window.requestIdleCallback?.(want, { timeout: 2000 });
    const timer = idle === undefined ? window.setTimeout(want, 1000) : undefined;
    return () => {
      wantNow = undefined;
      if (idle !== undefined) window.cancelIdleCallback(idle);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, []);
  useEffect(() => {
    if (!api) return;
    for (const p of pending.splice(0)) p.resolve(p.call(api));
  }, [api]);

  return (
    <AppContext.Provider value={api ?? queued}>
      <div className={`${prefixCls} ${hashId} ${cssVarCls}`}>
        {wanted && (
          <Suspense fallback={null}>
            <Holders onReady={setApi} />
          </Suspense>
        )}
        {children}
      </div>
    </AppContext.Provider>
  );
}

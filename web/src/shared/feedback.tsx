import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';

export function PageLoading({ full }: { full?: boolean }) {
  return (
    <div className={full ? 'bm-full-loading' : 'bm-page-loading'}>
      <Spin description="正在加载…" />
    </div>
  );
}

/** A message without antd's heavier components (for when even they could not be loaded). */
export function PlainMessage({ title, text, action }: { title: string; text: string; action?: ReactNode }) {
  return (
    <div className="bm-plain-message" role="alert">
      <h1>{title}</h1>
      <p>{text}</p>
      {action}
    </div>
  );
}

// The illustrated error screen loads only when a route fails; when the network is gone it cannot be
// fetched either, and a plain message with the reload button stands in.
const RouteErrorView = lazy(() =>
  import('./RouteErrorView').catch(() => ({
    default: () => (
      <PlainMessage
        title="页面加载失败"
        text="网络不稳定或系统已更新，请刷新页面后重试。"
        action={
          <button type="button" onClick={() => window.location.reload()}>
            刷新页面
          </button>
        }
      />
    ),
  })),
);

/** Shown when a route fails to render or its code cannot be loaded (e.g. after a deploy). */
export function RouteError() {
  return (
    <Suspense fallback={<PageLoading full />}>
      <RouteErrorView />
    </Suspense>
  );
}

import { lazy, Suspense } from 'react';
import { PageLoading, PlainMessage } from './feedback';

export interface NotFoundProps {
  home?: string;
  title?: string;
  subTitle?: string;
}

// The illustrated screen loads on demand, so the first load of every app stays small; if even that
// cannot be fetched (network gone), a plain message.
const NotFoundView = lazy(() =>
  import('./NotFoundView').catch(() => ({
    default: ({ title = '页面不存在', subTitle = '您访问的页面不存在，请检查地址是否正确。', home = '/' }: NotFoundProps) => (
      <PlainMessage title={title} text={subTitle} action={<a href={home}>返回首页</a>} />
    ),
  })),
);

export function NotFoundPage(props: NotFoundProps) {
  return (
    <Suspense fallback={<PageLoading />}>
      <NotFoundView {...props} />
    </Suspense>
  );
}

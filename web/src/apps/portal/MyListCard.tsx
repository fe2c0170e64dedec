import { Alert, Button, Card, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Loaded } from '../../shared/hooks';

/**
 * A 「我的…」 list of the signed-in citizen (申报, 办件): a skeleton while loading, the error, an empty
 * state that leads to 查找要办的事, or the rows.
 */
export function MyListCard<T extends { items: readonly unknown[] }>({
  title,
  extra,
  className,
  r,
  empty,
  children,
}: {
  title: string;
  extra: ReactNode;
  className?: string;
  r: Loaded<T>;
  /** What the empty list means and how to fill it. */
  empty: string;
  /** The rows of the loaded, non-empty list. */
  children: (items: T['items']) => ReactNode;
}) {
  const items = r.data?.items ?? [];
  return (
    <div className={className ? `bm-portal-page ${className}` : 'bm-portal-page'}>
      <Card title={title} styles={{ body: { padding: 0 } }} extra={extra}>
        {r.loading && !r.data ? (
          <div style={{ padding: 16 }}>
            <Skeleton active />
          </div>
        ) : r.error ? (
          <Alert type="error" showIcon title={r.error.message} style={{ margin: 16 }} />
        ) : items.length === 0 ? (
          <Empty style={{ padding: 24 }} description={empty}>
            <Link to="/portal/search">
              <Button type="primary">查找要办的事</Button>
            </Link>
          </Empty>
        ) : (
          children(items)
        )}
      </Card>
    </div>
  );
}

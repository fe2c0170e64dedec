import { Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { LoadMore } from '../../../shared/LoadMore';
import { LoadFailed } from '../LoadFailed';
import { ItemCard } from './ItemCard';
import type { ItemLevel } from './labels';
import type { useItems } from './useItems';

/** The cards of a browse list, with loading, error, empty and 「加载更多」. */
export function ItemListView({ list, empty, via }: { list: ReturnType<typeof useItems>; empty: ReactNode; via?: ItemLevel }) {
  if (list.error && list.items.length === 0) {
    return (
      <LoadFailed title="事项加载失败" error={list.error} onRetry={list.reload} />
    );
  }
  if (list.loading && list.items.length === 0) {
    return (
      <div className="bm-page-loading" style={{ minHeight: 160 }}>
        <Spin description="正在加载事项…" />
      </div>
    );
  }
  if (list.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <>
      <div className="bm-item-list">
        {list.items.map((it) => (
          <ItemCard key={it.id} item={it} via={via} />
        ))}
      </div>
      {list.error && <div className="bm-muted" style={{ textAlign: 'center', marginTop: 8 }}>{list.error.message}</div>}
      <LoadMore list={list} />
    </>
  );
}

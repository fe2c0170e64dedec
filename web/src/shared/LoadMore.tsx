import { Button } from 'antd';

/** 「加载更多」 under a keyset-paginated list (see useCursorList); renders nothing on the last page. */
export function LoadMore({ list }: { list: { hasMore: boolean; loading: boolean; loadMore: () => void } }) {
  if (!list.hasMore) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: 12 }}>
      <Button onClick={list.loadMore} loading={list.loading}>
        加载更多
      </Button>
    </div>
  );
}

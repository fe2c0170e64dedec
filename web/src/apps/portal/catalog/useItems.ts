import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../../shared/api';
import type { PublicItemList, PublicItemSummary } from '../../../shared/types';

type Query = Record<string, string | undefined>;

/**
 * A public item list (GET /api/catalog/items) with its total and 「加载更多」 over the keyset cursor.
 * Waits while `enabled` is false (the place is not known yet), so the list is fetched once.
 */
export function useItems(query: Query, enabled: boolean, limit = 20) {
  const [items, setItems] = useState<PublicItemSummary[]>([]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const gen = useRef(0);
  const key = JSON.stringify(query);

  const load = useCallback(
    async (after: string | null) => {
      const g = ++gen.current;
      setLoading(true);
      setError(null);
      try {
        const page = await api.get<PublicItemList>('/catalog/items', { ...(JSON.parse(key) as Query), limit, cursor: after ?? undefined });
        if (g !== gen.current) return;
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setTotal(page.total);
        setCursor(page.nextCursor);
      } catch (e) {
        if (g !== gen.current) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', '加载失败'));
      } finally {
        if (g === gen.current) setLoading(false);
      }
    },
    [key, limit],
  );

  useEffect(() => {
    if (enabled) void load(null);
  }, [load, enabled]);

  return {
    items,
    total,
    loading,
    error,
    hasMore: !!cursor,
    loadMore: () => void load(cursor),
    reload: () => void load(null),
  };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api';
import type { Paged } from './types';

type Query = Record<string, string | number | boolean | undefined>;

/**
 * A keyset-paginated list: first page on query change, 「加载更多」 appends the next page. Waits while
 * `enabled` is false (e.g. until the place is known); `total` is there when the API counts the list.
 */
export function useCursorList<T>(path: string, query: Query, limit = 100, enabled = true) {
  const [items, setItems] = useState<T[]>([]);
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
        const page = await api.get<Paged<T> & { total?: number }>(path, { ...(JSON.parse(key) as Query), limit, cursor: after ?? undefined });
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
    [path, key, limit],
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

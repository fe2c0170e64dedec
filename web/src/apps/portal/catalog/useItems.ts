import type { PublicItemSummary } from '../../../shared/types';
import { useCursorList } from '../../../shared/useCursorList';

/**
 * A public item list (GET /api/catalog/items) with its total and 「加载更多」 over the keyset cursor.
 * Waits while `enabled` is false (the place is not known yet), so the list is fetched once.
 */
export const useItems = (query: Record<string, string | undefined>, enabled: boolean, limit = 20) =>
  useCursorList<PublicItemSummary>('/catalog/items', query, limit, enabled);

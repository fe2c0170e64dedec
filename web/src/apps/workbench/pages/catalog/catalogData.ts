import { useMemo } from 'react';
import { api } from '../../../../shared/api';
import { useLoad } from '../../../../shared/hooks';
import type { CatalogTree, CenterRow, DepartmentRow, Paged } from '../../../../shared/types';

const EMPTY_TREE: CatalogTree = { departments: [], centers: [] };

/** Departments (with their items' counts) and centers of the caller's county, in scope. */
export function useCatalogTree(enabled = true) {
  return useLoad((signal) => (enabled ? api.get<CatalogTree>('/catalog/admin/tree', undefined, { signal }) : Promise.resolve(EMPTY_TREE)), [enabled]);
}

export interface DeptOption {
  id: string;
  name: string;
  regionName: string;
}

/**
 * Departments a step or a joint case may name: the catalog tree's (the whole county) and the org
 * list's (the caller's scope), merged.
 */
export function useDepartmentOptions(tree: CatalogTree | undefined, enabled = true) {
  const org = useLoad(
    (signal) => (enabled ? api.get<Paged<DepartmentRow>>('/org/departments', { limit: 500 }, { signal }) : Promise.resolve({ items: [], nextCursor: null })),
    [enabled],
  );
  const options = useMemo(() => {
    const map = new Map<string, DeptOption>();
    for (const d of tree?.departments ?? []) map.set(d.id, { id: d.id, name: d.name, regionName: d.regionName });
    for (const d of org.data?.items ?? []) if (d.active && !map.has(d.id)) map.set(d.id, { id: d.id, name: d.name, regionName: d.regionName });
    return [...map.values()];
  }, [tree, org.data]);
  return { options, loading: org.loading };
}

export const deptSelectOptions = (depts: DeptOption[]) => depts.map((d) => ({ value: d.id, label: d.name.includes(d.regionName) ? d.name : `${d.name}（${d.regionName}）` }));

/** Service centers in the caller's scope (with address, hours and phones for new items' defaults). */
export function useCenters(enabled = true) {
  return useLoad(
    (signal) => (enabled ? api.get<Paged<CenterRow>>('/org/centers', { limit: 500 }, { signal }) : Promise.resolve({ items: [], nextCursor: null })),
    [enabled],
  );
}

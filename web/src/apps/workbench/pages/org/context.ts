import { useOutletContext } from 'react-router';
import type { TreeNode } from '../../../../shared/types';

export interface OrgOutletContext {
  roots: TreeNode[];
  reloadTree: () => void;
  treeLoading: boolean;
}

export const useOrgContext = (): OrgOutletContext => useOutletContext<OrgOutletContext>();

export function findRegion(roots: TreeNode[], id: string): TreeNode | undefined {
  for (const r of roots) {
    if (r.id === id) return r;
    const hit = findRegion(r.children, id);
    if (hit) return hit;
  }
  return undefined;
}

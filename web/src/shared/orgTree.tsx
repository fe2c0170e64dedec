import { BankOutlined, EnvironmentOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { api } from './api';
import { useLoad } from './hooks';
import { REGION_LEVEL_LABELS } from './labels';
import type { TreeNode, TreeResponse } from './types';

export function useOrgTree(includeInactive = false, enabled = true) {
  return useLoad(
    (signal) =>
      enabled ? api.get<TreeResponse>('/org/tree', { includeInactive: includeInactive || undefined }, { signal }) : Promise.resolve({ roots: [] }),
    [includeInactive, enabled],
  );
}

export interface PickerNode {
  value: string;
  title: ReactNode;
  label: string;
  selectable: boolean;
  disabled?: boolean;
  children: PickerNode[];
  icon?: ReactNode;
}

/**
 * Tree data for a TreeSelect of regions and their centers. Values are `region:<id>` and
 * `center:<id>`, so one picker can choose either kind of scope.
 */
export function scopePickerData(roots: TreeNode[], opts: { regions?: boolean; centers?: boolean } = {}): PickerNode[] {
  const allowRegions = opts.regions ?? true;
  const allowCenters = opts.centers ?? true;
  const walk = (n: TreeNode): PickerNode => ({
    value: `region:${n.id}`,
    label: n.name,
    title: (
      <span>
        <EnvironmentOutlined style={{ color: '#8c8c8c', marginRight: 4 }} />
        {n.name}
        <span style={{ color: '#8c8c8c', fontSize: 12, marginLeft: 4 }}>{REGION_LEVEL_LABELS[n.level]}</span>
      </span>
    ),
    selectable: allowRegions && n.active,
    disabled: !n.active,
    children: [
      ...n.centers.map<PickerNode>((c) => ({
        value: `center:${c.id}`,
        label: c.name,
        title: (
          <span>
            <BankOutlined style={{ color: '#1677ff', marginRight: 4 }} />
            {c.name}
          </span>
        ),
        selectable: allowCenters && c.active,
        disabled: !c.active,
        children: [],
      })),
      ...n.children.map(walk),
    ],
  });
  return roots.map(walk);
}

export function parseScopeValue(v: string | undefined): { scopeRegionId?: string; scopeCenterId?: string } {
  if (!v) return {};
  const [kind, id] = v.split(':');
  return kind === 'center' ? { scopeCenterId: id } : { scopeRegionId: id };
}

/** Flatten the tree into region options (for region selects in forms). */
export function flattenRegions(roots: TreeNode[]): { id: string; name: string; level: TreeNode['level']; path: string[]; active: boolean }[] {
  const out: { id: string; name: string; level: TreeNode['level']; path: string[]; active: boolean }[] = [];
  const walk = (n: TreeNode, trail: string[]) => {
    const path = [...trail, n.name];
    out.push({ id: n.id, name: n.name, level: n.level, path, active: n.active });
    n.children.forEach((c) => walk(c, path));
  };
  roots.forEach((r) => walk(r, []));
  return out;
}

/** Region TreeSelect data (regions only), values are plain region ids. */
export function regionTreeData(roots: TreeNode[], selectable: (n: TreeNode) => boolean = () => true): PickerNode[] {
  const walk = (n: TreeNode): PickerNode => ({
    value: n.id,
    label: n.name,
    title: (
      <span>
        {n.name}
        <span style={{ color: '#8c8c8c', fontSize: 12, marginLeft: 4 }}>{REGION_LEVEL_LABELS[n.level]}</span>
      </span>
    ),
    selectable: n.active && selectable(n),
    disabled: !n.active,
    children: n.children.map(walk),
  });
  return roots.map(walk);
}

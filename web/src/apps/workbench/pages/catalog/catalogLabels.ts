/**
 * Catalog enums, labels and pure helpers shared with the server (catalog.rules.ts has no server
 * dependencies), plus how the workbench shows an item's state.
 */
export {
  AUDIENCES,
  DEFAULT_STEP_NAMES,
  DELEGATION_KINDS,
  ELEMENT_LABELS,
  HANDLING_TYPES,
  ITEM_LEVEL_LABELS,
  ITEM_LEVELS,
  ITEM_STATUSES,
  ITEM_TYPES,
  ITEM_TYPE_CODES,
  MATERIAL_FORMS,
  MATERIAL_SOURCES,
  NECESSITIES,
  ONLINE_LEVELS,
  PROCESS_KINDS,
  SPECIAL_PROCEDURES,
  TOPICS,
  VERSION_STATUSES,
  describeLevels,
  stepDays,
  topicName,
  visitsLabel,
} from '../../../../../../src/modules/catalog/catalog.rules';
export type { ItemLevel, ItemStatus, VersionStatus } from '../../../../../../src/modules/catalog/catalog.rules';

import { ITEM_STATUSES, VERSION_STATUSES } from '../../../../../../src/modules/catalog/catalog.rules';
import type { CatalogItemSummary } from '../../../../shared/types';

export const VERSION_STATUS_COLORS: Record<keyof typeof VERSION_STATUSES, string> = {
  draft: 'gold',
  in_review: 'blue',
  published: 'green',
  superseded: 'default',
  withdrawn: 'default',
};

export interface StatusTag {
  key: string;
  text: string;
  color: string;
}

/**
 * The tags a list row shows: the published version, a withdrawal, and an open version (草稿 / 待审核)
 * — beside a published version an open draft reads 「有新草稿」.
 */
export function statusTags(row: Pick<CatalogItemSummary, 'status' | 'publishedVersion' | 'openVersion' | 'openStatus'>): StatusTag[] {
  const tags: StatusTag[] = [];
  if (row.publishedVersion !== null) tags.push({ key: 'published', text: ITEM_STATUSES.published, color: 'green' });
  else if (row.status === 'withdrawn') tags.push({ key: 'withdrawn', text: ITEM_STATUSES.withdrawn, color: 'default' });
  if (row.openVersion !== null) {
    const open = row.openStatus ?? (row.status === 'in_review' ? 'in_review' : 'draft');
    if (row.publishedVersion !== null) {
      tags.push(open === 'in_review' ? { key: 'open', text: '新版本待审核', color: 'blue' } : { key: 'open', text: '有新草稿', color: 'orange' });
    } else {
      tags.push({ key: 'open', text: VERSION_STATUSES[open], color: VERSION_STATUS_COLORS[open] });
    }
  }
  if (tags.length === 0) tags.push({ key: 'status', text: ITEM_STATUSES[row.status], color: VERSION_STATUS_COLORS[row.status] });
  return tags;
}

/** Abilities on a row or detail: the server may send `update` or `catalog_item.update`. */
export const rowAbility =
  (abilities: readonly string[], object = 'catalog_item') =>
  (a: string): boolean =>
    abilities.includes(a) || abilities.includes(`${object}.${a}`);

/** Fen (分) to a yuan string: 1050 → "10.50". */
export const fenToYuan = (fen: number): string => (fen / 100).toFixed(2);

/** A stable key for a new material or step (letters, digits, - and _; at most 40). */
export const newKey = (prefix: string): string => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

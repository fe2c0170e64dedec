/**
 * Catalog words shared with the server (src/modules/catalog/catalog.rules.ts is pure: no server
 * dependencies). Named re-exports so the bundler keeps only what the portal reads.
 */
export { ITEM_LEVEL_LABELS, TOPICS, topicName, SPECIAL_PROCEDURES } from '../../../../../src/modules/catalog/catalog.rules';
export type { ItemLevel, TopicKey } from '../../../../../src/modules/catalog/catalog.rules';
import type { ItemLevel } from '../../../../../src/modules/catalog/catalog.rules';

/** How a villager reads the three levels in search results. */
export const LEVEL_GROUP_WORDS: Record<ItemLevel, string> = {
  village: '村里就能办',
  township: '镇上办',
  county: '县里办',
};

/** 承诺时限 in plain words: 即办 or N 个工作日. */
export function promiseText(handlingType: string, promisedDays: number): string {
  return handlingType === 'instant' || promisedDays === 0 ? '即办' : `${promisedDays} 个工作日`;
}

/** 跑几次: 0 不用跑, 1 最多跑1次, 2 最多跑2次. */
export function visitsText(n: number): string {
  return n <= 0 ? '不用跑' : `最多跑${n}次`;
}

export const SEARCH_PLACEHOLDER = '搜事项，如：低保、dibao、盖房';

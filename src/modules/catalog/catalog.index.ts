import type { Executor } from '../../db/client.js';
import * as repo from './catalog.repo.js';
import type { ItemContent, ItemLevel } from './catalog.rules.js';
import { analyzeQuery, matchScore, searchable, type Searchable } from './catalog.search.js';

/**
 * The in-memory search index of one county's published items. Scoring is pure (catalog.search.ts);
 * this keeps the prepared keys per county and rebuilds them when the county's catalog generation
 * (bumped in every publish/withdraw transaction) moves, so every app instance converges after one
 * primary-key read per search. A time limit also rebuilds it, which picks up renamed centers and
 * departments (they do not bump the generation).
 */

export interface IndexedItem {
  id: string;
  name: string;
  searchable: Searchable;
  itemType: string;
  level: ItemLevel;
  centerId: string;
  centerName: string;
  departmentName: string;
  content: ItemContent;
}

interface CountyIndex {
  generation: number;
  builtAt: number;
  items: IndexedItem[];
}

const MAX_AGE_MS = 5 * 60_000;

export class CatalogSearchIndex {
  private readonly counties = new Map<string, CountyIndex>();
  private readonly building = new Map<string, Promise<CountyIndex>>();

  /** The county's index, rebuilt when stale. `tx` is used only for reads. */
  async forCounty(tx: Executor, countyId: string): Promise<IndexedItem[]> {
    const generation = await repo.generationOf(tx, countyId);
    const cur = this.counties.get(countyId);
    if (cur && cur.generation === generation && Date.now() - cur.builtAt < MAX_AGE_MS) return cur.items;
    // One build per county at a time; concurrent searches share it.
    let pending = this.building.get(countyId);
    if (!pending) {
      pending = this.build(tx, countyId, generation).finally(() => this.building.delete(countyId));
      this.building.set(countyId, pending);
    }
    return (await pending).items;
  }

  private async build(tx: Executor, countyId: string, generation: number): Promise<CountyIndex> {
    const rows = await repo.allPublished(tx, countyId);
    const items = rows.map(
      (r): IndexedItem => ({
        id: r.id,
        name: r.content.name,
        searchable: searchable(r.content.name, r.content.aliases),
        itemType: r.itemType,
        level: r.level as ItemLevel,
        centerId: r.centerId,
        centerName: r.centerName,
        departmentName: r.departmentName,
        content: r.content,
      }),
    );
    const built = { generation, builtAt: Date.now(), items };
    this.counties.set(countyId, built);
    return built;
  }

  /** Forget everything (tests). */
  clear(): void {
    this.counties.clear();
  }
}

/** Scores at or below this come from one-edit matches (see matchScore). */
const FUZZY_SCORE_MAX = 30;

export interface ScoredItem {
  item: IndexedItem;
  score: number;
  /** The list the item sits in for the reader's place: village (take it in at my village), township, county. */
  listLevel: ItemLevel;
}

/**
 * Where a reader at `chain` meets this item: the nearest level where they can hand it in, or null when
 * the item is not offered to them at all.
 */
export function listLevelFor(item: Pick<IndexedItem, 'centerId' | 'content' | 'level'>, chain: repo.PlaceChain): ItemLevel | null {
  // A reader who has not said where they live (the county as a whole) searches every item of the county.
  if (chain.regionLevel === 'county') return item.level;
  const at = chain.levelOf.get(item.centerId);
  if (!at) return null;
  const accepts = item.content.acceptLevels;
  if (at === 'village') return 'village';
  if (chain.centerIds.village.length && accepts.includes('village')) return 'village';
  if (at === 'township') return 'township';
  if (chain.centerIds.township.length && accepts.includes('township')) return 'township';
  return 'county';
}

/** Rank the county's items for a query at a place; best first, grouped later by the caller. */
export function searchItems(items: readonly IndexedItem[], raw: string, chain: repo.PlaceChain, limit: number): { results: ScoredItem[]; total: number; expansions: string[] } {
  const q = analyzeQuery(raw);
  const out: ScoredItem[] = [];
  for (const item of items) {
    const listLevel = listLevelFor(item, chain);
    if (!listLevel) continue;
    const score = matchScore(item.searchable, q);
    if (score > 0) out.push({ item, score, listLevel });
  }
  // Forgiving a wrong character is for when nothing matches as typed: once a real match exists, the
  // near misses (医保 for "dibao") only push it down the page.
  const best = out.reduce((m, r) => Math.max(m, r.score), 0);
  if (best > FUZZY_SCORE_MAX) {
    for (let i = out.length - 1; i >= 0; i--) if (out[i].score <= FUZZY_SCORE_MAX) out.splice(i, 1);
  }
  const nearness: Record<ItemLevel, number> = { village: 0, township: 1, county: 2 };
  out.sort(
    (a, b) =>
      b.score - a.score ||
      nearness[a.listLevel] - nearness[b.listLevel] ||
      a.item.name.length - b.item.name.length ||
      (a.item.name < b.item.name ? -1 : a.item.name > b.item.name ? 1 : 0),
  );
  return { results: out.slice(0, limit), total: out.length, expansions: q.expansions };
}

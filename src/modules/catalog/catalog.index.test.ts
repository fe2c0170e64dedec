import { describe, expect, test } from 'vitest';
import type { PlaceChain } from './catalog.repo.js';
import { listLevelFor, searchItems, type IndexedItem } from './catalog.index.js';
import type { ItemContent, ItemLevel } from './catalog.rules.js';
import { searchable } from './catalog.search.js';

const chain: PlaceChain = {
  countyId: 'c',
  centerIds: { county: ['county-hall'], township: ['town-hall'], village: ['village-room'] },
  levelOf: new Map<string, ItemLevel>([
    ['county-hall', 'county'],
    ['town-hall', 'township'],
    ['village-room', 'village'],
  ]),
  regionLevel: 'village',
};

function item(id: string, name: string, centerId: string, acceptLevels: ItemLevel[], aliases: string[] = []): IndexedItem {
  return {
    id,
    name,
    searchable: searchable(name, aliases),
    itemType: '20',
    level: chain.levelOf.get(centerId) ?? 'county',
    centerId,
    centerName: centerId,
    departmentName: 'd',
    content: { name, aliases, acceptLevels } as ItemContent,
  };
}

const items = [
  item('dibao', '最低生活保障审核确认', 'county-hall', ['village', 'township'], ['低保']),
  item('yibao', '城乡居民医疗保险参保登记', 'town-hall', ['village', 'township'], ['医保']),
  item('sfz', '居民身份证申领', 'town-hall', ['township']),
  item('other', '林木采伐许可证核发', 'other-county-hall', ['township']),
];

describe('search over an index', () => {
  test('an item is listed where the reader can hand it in, nearest first', () => {
    expect(listLevelFor(items[0], chain)).toBe('village');
    expect(listLevelFor(items[2], chain)).toBe('township');
    expect(listLevelFor(items[3], chain)).toBeNull(); // a center outside the reader's chain
    // Someone who has not chosen a township or village sees every item of the county at its own level.
    const county = { ...chain, regionLevel: 'county' };
    expect(listLevelFor(items[2], county)).toBe('township');
    expect(listLevelFor(items[3], county)).toBe('county');
  });

  test('near misses are dropped once a real match exists, and kept when nothing else matches', () => {
    // "dibao" is one letter from "yibao" (医保): only the real match stays.
    expect(searchItems(items, 'dibao', chain, 10).results.map((r) => r.item.id)).toEqual(['dibao']);
    // A typo with no exact match still finds the item.
    expect(searchItems(items, '居民身份正', chain, 10).results.map((r) => r.item.id)).toEqual(['sfz']);
    expect(searchItems(items, '采伐', chain, 10).total).toBe(0);
  });
});

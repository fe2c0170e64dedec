import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeQuery, matchScore, rank, searchable, searchKeys, withinOneEdit } from './catalog.search.js';

/** Real township and village items (data/township-items.tsv, copied from the steering repo's shared/data), plus the aliases people use. */
const ALIASES: Record<string, string[]> = {
  最低生活保障审核确认: ['低保'],
  特困人员认定: ['五保'],
  城乡居民基本养老保险待遇申领: ['养老金'],
};
const names = readFileSync(new URL('./data/township-items.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#') && !l.startsWith('name\t'))
  .map((l) => l.split('\t')[0]);
const items = names.map((name) => ({ name, searchable: searchable(name, ALIASES[name] ?? []) }));
const top = (q: string) => rank(items, q)[0]?.item.name;
const found = (q: string) => rank(items, q).map((r) => r.item.name);

describe('search keys', () => {
  test.each([
    ['最低生活保障', 'zuidishenghuobaozhang', 'zdshbz'],
    ['低保', 'dibao', 'db'],
    ['重度残疾人护理补贴', 'zhongducanjirenhulibutie', 'zdcjrhlbt'],
    ['《流动人口婚育证明》申请审核', 'liudongrenkouhunyuzhengmingshenqingshenhe', 'ldrkhyzmsqsh'],
  ])('%s → %s / %s', (text, full, initials) => {
    expect(searchKeys(text)).toMatchObject({ pinyin: full, initials });
  });

  test('queries are normalised (full-width, case, spaces, punctuation)', () => {
    expect(analyzeQuery(' DiBao ')).toMatchObject({ kind: 'pinyin', text: 'dibao' });
    expect(analyzeQuery('ＤＢ')).toMatchObject({ kind: 'pinyin', text: 'db' });
    expect(analyzeQuery('低　保！')).toMatchObject({ kind: 'hanzi', text: '低保' });
    expect(analyzeQuery('   ').kind).toBe('empty');
  });
});

describe('what villagers type finds the right item', () => {
  test.each([
    ['低保', '最低生活保障审核确认'],
    ['dibao', '最低生活保障审核确认'],
    ['db', '最低生活保障审核确认'],
    ['最低生活保障', '最低生活保障审核确认'],
    ['zdshbz', '最低生活保障审核确认'],
    ['宅基地', '农村村民宅基地审批'],
    ['盖房', '农村村民宅基地审批'],
    ['五保', '特困人员认定'],
    ['养老金', '城乡居民基本养老保险待遇申领'],
    ['砍树', '林木采伐许可证核发'],
    ['社保卡', '社会保障卡申领'],
  ])('%s → %s', (q, expected) => {
    expect(top(q)).toBe(expected);
  });

  test('盖房 also finds the rural building planning permit', () => {
    expect(found('盖房')).toEqual(expect.arrayContaining(['农村村民宅基地审批', '乡村建设规划许可证核发']));
  });

  test.each([
    ['残疾证'],
    ['canjirenzheng'],
  ])('%s finds both disability-certificate items first', (q) => {
    expect(found(q).slice(0, 2).sort()).toEqual(['残疾人证换领', '残疾人证新办']);
  });

  test.each([
    ['最低生活保章', '最低生活保障审核确认'], // a wrong character (章 for 障)
    ['宅基低', '农村村民宅基地审批'], // 低 for 地
    ['最低生保障', '最低生活保障审核确认'], // a character left out
  ])('tolerates one character wrong or missing: %s', (q, expected) => {
    expect(top(q)).toBe(expected);
  });

  test.each([
    ['dibso', '最低生活保障审核确认'], // a wrong letter
    ['zuidishenhuo', '最低生活保障审核确认'], // a dropped letter (shenhuo for shenghuo)
    ['zhaijidii', '农村村民宅基地审批'], // an extra letter
  ])('tolerates one pinyin letter wrong, missing or extra: %s', (q, expected) => {
    expect(top(q)).toBe(expected);
  });

  test('two-character Chinese queries are not typo-matched (too many false hits)', () => {
    expect(found('低房')).toEqual([]);
  });

  test('exact and prefix matches rank above contains and above typos', () => {
    const a = searchable('临时救助');
    const b = searchable('孤儿救助资格认定及基本生活费发放');
    const q = analyzeQuery('临时救助');
    expect(matchScore(a, q)).toBeGreaterThan(matchScore(b, q));
    expect(matchScore(searchable('社会保障卡注销'), analyzeQuery('社会保障卡'))).toBeGreaterThan(
      matchScore(searchable('城乡居民医疗保险参保登记'), analyzeQuery('社会保障卡')),
    );
  });

  test('nonsense finds nothing', () => {
    expect(found('xyzxyz')).toEqual([]);
    expect(found('飞机驾照')).toEqual([]);
    expect(found('')).toEqual([]);
  });
});

describe('withinOneEdit', () => {
  test.each([
    ['abc', 'abc', true],
    ['abc', 'abd', true],
    ['abc', 'ab', true],
    ['abc', 'abxc', true],
    ['abc', 'xbc', true],
    ['abc', 'axd', false],
    ['abc', 'a', false],
    ['', 'a', true],
  ])('%s ~ %s → %s', (a, b, ok) => {
    expect(withinOneEdit(a, b)).toBe(ok);
    expect(withinOneEdit(b, a)).toBe(ok);
  });
});

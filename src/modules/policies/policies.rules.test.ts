import { describe, expect, test } from 'vitest';
import { compareRanked, findHits, makeSnippet, normalise, normaliseWithMap, paragraphs, policyTransition, queryTerms, rankScore, searchText, type RankedRow } from './policies.rules.js';

describe('normalise', () => {
  test.each([
    ['示政办发〔2026〕8号', '示政办发20268号'],
    ['示政办发 2026 8号', '示政办发20268号'],
    ['《示范县城乡居民基本养老保险实施办法》', '示范县城乡居民基本养老保险实施办法'],
    ['ＡＢＣ１２３', 'abc123'],
    ['低保、特困，临时救助。', '低保特困临时救助'],
    ['  \n\t ', ''],
    ['“一件事”＋代办', '一件事代办'],
  ])('%s → %s', (input, out) => {
    expect(normalise(input)).toBe(out);
  });

  test('maps every normalised unit back to its original character', () => {
    const s = '示政办发〔2026〕8号';
    const { text, map } = normaliseWithMap(s);
    expect(text).toBe('示政办发20268号');
    expect(text.length).toBe(map.length);
    expect(s[map[text.indexOf('2026')]]).toBe('2');
    expect(s[map[text.indexOf('8')]]).toBe('8');
  });
});

describe('query terms', () => {
  test.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['   ', []],
    ['宅基地', ['宅基地']],
    ['宅基地  审批', ['宅基地', '审批']],
    ['残疾人 残疾人', ['残疾人']],
    ['残疾 残疾人', ['残疾人']],
    ['〔2026〕', ['2026']],
    ['， 。', []],
    ['Ａ b c d e f g h i j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']],
  ])('%s → %j', (q, terms) => {
    expect(queryTerms(q)).toEqual(terms);
  });
});

describe('search text', () => {
  test('fields are normalised in a fixed order, separated by a character normalisation removes', () => {
    const t = searchText({ title: '关于 A 的通知', docNo: '示政办发〔2026〕8号', issuer: '示范县人民政府办公室', summary: '摘要。', body: '正文|第一段' });
    expect(t).toBe('关于a的通知|示政办发20268号|示范县人民政府办公室|摘要|正文第一段');
    expect(t.split('|')).toHaveLength(5);
  });
});

describe('ranking', () => {
  const doc = (title: string, extra: Partial<{ docNo: string; issuer: string; summary: string }> = {}) => ({
    title: normalise(title),
    docNo: normalise(extra.docNo ?? ''),
    issuer: normalise(extra.issuer ?? ''),
    summary: normalise(extra.summary ?? ''),
  });

  test.each([
    ['a title hit beats a body hit', doc('耕地地力保护补贴发放通知'), doc('农业补贴工作安排'), ['耕地地力']],
    ['a title hit beats a doc-number hit', doc('宅基地审批'), doc('其他', { docNo: '宅基地〔2026〕1号' }), ['宅基地']],
    ['a doc-number hit beats an issuer hit', doc('x', { docNo: '示民发〔2026〕3号' }), doc('y', { issuer: '示民发办公室' }), ['示民发']],
    ['an issuer hit beats a summary hit', doc('x', { issuer: '青山镇人民政府' }), doc('y', { summary: '青山镇人民政府印发' }), ['青山镇人民政府']],
    ['two terms in the title beat one', doc('残疾人两项补贴'), doc('残疾人就业'), ['残疾人', '补贴']],
    ['the whole phrase in the title beats its terms apart', doc('临时救助办法'), doc('临时工作 救助'), ['临时', '救助']],
  ])('%s', (_name, better, worse, terms) => {
    expect(rankScore(better, terms)).toBeGreaterThan(rankScore(worse, terms));
  });

  test('ties go to the newest document, then by id', () => {
    const rows: RankedRow[] = [
      { id: 'b', score: 10, publishedOn: '2026-01-05' },
      { id: 'c', score: 100, publishedOn: '2025-01-01' },
      { id: 'a', score: 10, publishedOn: '2026-01-05' },
      { id: 'd', score: 10, publishedOn: '2026-03-01' },
      { id: 'e', score: 10, publishedOn: null },
    ];
    expect(rows.sort(compareRanked).map((r) => r.id)).toEqual(['c', 'd', 'a', 'b', 'e']);
  });
});

describe('snippet', () => {
  const body = [
    '为进一步做好全县困难群众基本生活保障工作，根据有关规定，结合我县实际，现就有关事项通知如下。',
    '一、保障对象。共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的，可以申请最低生活保障。',
    '二、办理程序。申请人向户籍所在地乡镇人民政府（街道办事处）提出申请，也可以委托村（居）民委员会代为提出申请。',
  ].join('\n');

  const marked = (s: { text: string; highlights: { start: number; end: number }[] }) => s.highlights.map((h) => s.text.slice(h.start, h.end));

  test('a window around the first hit, the hit marked by offsets', () => {
    const s = makeSnippet(body, queryTerms('委托村'));
    expect(marked(s)).toEqual(['委托村']);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(102);
  });

  test('a term that spans punctuation in the original is marked across it', () => {
    const s = makeSnippet(body, queryTerms('村居民委员会'));
    expect(marked(s)).toEqual(['村（居）民委员会']);
  });

  test('every hit of every term inside the window is marked, in order', () => {
    const s = makeSnippet(body, queryTerms('最低生活保障 申请'), 200);
    expect(marked(s)).toEqual(['最低生活保障', '申请', '最低生活保障', '申请', '申请', '申请']);
    for (let i = 1; i < s.highlights.length; i++) expect(s.highlights[i].start).toBeGreaterThanOrEqual(s.highlights[i - 1].end);
  });

  test('paragraph breaks become spaces; no hit → the start of the body, nothing marked', () => {
    const s = makeSnippet(body, queryTerms('宅基地'), 60);
    expect(s.highlights).toEqual([]);
    expect(s.text).toBe(body.replace(/\n/g, ' ').slice(0, 60) + '…');
  });

  test('a short body is shown whole without ellipsis', () => {
    const s = makeSnippet('全文很短，只有一句。', queryTerms('一句'));
    expect(s).toEqual({ text: '全文很短，只有一句。', highlights: [{ start: 7, end: 9 }] });
  });

  test('characters outside the BMP keep their offsets', () => {
    const s = makeSnippet('前言𠀀后面有补贴二字', queryTerms('补贴'));
    expect(marked(s)).toEqual(['补贴']);
  });
});

describe('hits in a title', () => {
  test.each<[string, string, string[]]>([
    ['深松整地作业补助申报指南', '深松 补助', ['深松', '补助']],
    ['示政办发〔2026〕8号', '2026 8号', ['2026', '8号']],
    ['《临时救助》办法', '临时救助办法', ['临时救助》办法']],
    ['补贴补贴', '补贴', ['补贴', '补贴']],
    ['无关标题', '宅基地', []],
  ])('%s / %s', (title, q, out) => {
    expect(findHits(title, queryTerms(q)).map((h) => title.slice(h.start, h.end))).toEqual(out);
  });
});

describe('life cycle', () => {
  test.each([
    ['draft', 'edit', 'draft'],
    ['withdrawn', 'edit', 'withdrawn'],
    ['published', 'edit', null],
    ['draft', 'publish', 'published'],
    ['withdrawn', 'publish', 'published'],
    ['published', 'publish', null],
    ['published', 'withdraw', 'withdrawn'],
    ['draft', 'withdraw', null],
  ] as const)('%s + %s → %s', (from, action, to) => {
    const r = policyTransition(from, action);
    expect(r.ok ? r.to : null).toBe(to);
  });

  test('paragraphs drop blank lines', () => {
    expect(paragraphs('第一段\r\n\r\n  第二段  \n\n')).toEqual(['第一段', '第二段']);
  });
});

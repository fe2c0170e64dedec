import { pinyin } from 'pinyin-pro';

/**
 * Pure search rules for the service item catalog (issue 4): what a villager types — Chinese words,
 * full pinyin, pinyin initials, everyday words for official names, or one wrong character — is
 * matched against an item's name and its common aliases (俗称). Ranking is a score; 0 means no match.
 *
 * Note: "dibao" cannot be derived from 最低生活保障 (zuidishenghuobaozhang); it comes from the alias
 * 低保. Items therefore carry aliases, and aliases are indexed with their pinyin like names.
 */

export interface SearchKeys {
  /** Normalised Chinese text: NFKC, lower case, no spaces or punctuation. */
  text: string;
  /** Full pinyin without tones or separators: 最低生活保障 → zuidishenghuobaozhang. */
  pinyin: string;
  /** Pinyin initials: 最低生活保障 → zdshbz. */
  initials: string;
  /** Offsets in `pinyin` where a syllable starts (a pinyin typo is looked for only from these). */
  starts: number[];
}

const PUNCT = /[\s\p{P}\p{S}]+/gu;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(PUNCT, '');
}

export function searchKeys(text: string): SearchKeys {
  const t = normalize(text);
  const syllables = pinyin(t, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) => s.toLowerCase());
  const starts: number[] = [];
  let at = 0;
  for (const s of syllables) {
    starts.push(at);
    at += s.length;
  }
  return { text: t, pinyin: syllables.join(''), initials: syllables.map((s) => (/^[a-z]/.test(s) ? s[0] : s)).join(''), starts };
}

/**
 * Everyday words → words of official item names. Policies as data: extend this table (or load it from
 * the catalog admin later) rather than special-casing queries.
 */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  盖房: ['宅基地', '农村建房', '乡村建设规划'],
  建房: ['宅基地', '乡村建设规划'],
  低保: ['最低生活保障'],
  五保: ['特困人员'],
  残疾证: ['残疾人证'],
  养老金: ['养老保险待遇'],
  社保卡: ['社会保障卡'],
  医保: ['医疗保险', '医疗救助'],
  砍树: ['林木采伐'],
  伐木: ['林木采伐'],
  生孩子: ['生育登记'],
  准生证: ['生育登记'],
  高龄补贴: ['高龄津贴'],
  老年证: ['老年人优待证'],
  种粮补贴: ['耕地地力保护补贴'],
  农机补贴: ['农机购置与应用补贴'],
  找工作: ['就业登记', '失业登记'],
};

export type QueryKind = 'hanzi' | 'pinyin' | 'empty';

export interface AnalyzedQuery {
  kind: QueryKind;
  /** The normalised query. */
  text: string;
  /** Official words the query stands for (synonym expansion), never including the query itself. */
  expansions: string[];
}

export function analyzeQuery(raw: string): AnalyzedQuery {
  const text = normalize(raw);
  if (!text) return { kind: 'empty', text, expansions: [] };
  const kind: QueryKind = /^[a-z0-9]+$/.test(text) ? 'pinyin' : 'hanzi';
  const expansions = new Set<string>();
  if (kind === 'hanzi') {
    for (const [word, targets] of Object.entries(SYNONYMS)) if (text.includes(word)) targets.forEach((t) => expansions.add(normalize(t)));
  }
  return { kind, text, expansions: [...expansions] };
}

/** Levenshtein distance of at most one: one character substituted, inserted or dropped. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A cheap necessary condition for a one-edit match: a window within one edit of the needle holds at
 * least `needle.length - 1` of its characters, so most items are rejected without scanning windows.
 */
function mayContainWithOneTypo(hay: string, needle: string): boolean {
  let present = 0;
  for (let i = 0; i < needle.length; i++) if (hay.includes(needle[i])) present++;
  return present >= needle.length - 1;
}

/** Is `hay[start, start + len)` within one edit of `needle`? (withinOneEdit without allocating the window.) */
function windowWithinOneEdit(hay: string, start: number, len: number, needle: string): boolean {
  const n = needle.length;
  let i = 0;
  while (i < len && i < n && hay.charCodeAt(start + i) === needle.charCodeAt(i)) i++;
  if (i === len && i === n) return true;
  // Compare the tails after the first difference, skipping one character on the longer side (or both).
  const skipHay = len >= n ? 1 : 0;
  const skipNeedle = n >= len ? 1 : 0;
  const rest = len - i - skipHay;
  if (rest !== n - i - skipNeedle) return false;
  for (let k = 0; k < rest; k++) if (hay.charCodeAt(start + i + skipHay + k) !== needle.charCodeAt(i + skipNeedle + k)) return false;
  return true;
}

/**
 * Does some window of `hay` (the query's length ±1) lie within one edit of the query? `starts` limits
 * where windows begin (syllable starts for pinyin, so "dibao" does not match the "uibao" inside
 * shehuibaozhang); without it every offset is tried (Chinese characters).
 */
function containsWithOneTypo(hay: string, needle: string, starts?: readonly number[]): boolean {
  if (needle.length < 2) return false;
  if (!mayContainWithOneTypo(hay, needle)) return false;
  for (let len = needle.length - 1; len <= needle.length + 1; len++) {
    if (len < 1 || len > hay.length) continue;
    if (starts) {
      for (const i of starts) if (i + len <= hay.length && windowWithinOneEdit(hay, i, len, needle)) return true;
    } else {
      for (let i = 0; i + len <= hay.length; i++) if (windowWithinOneEdit(hay, i, len, needle)) return true;
    }
  }
  return false;
}

export interface Searchable {
  name: SearchKeys;
  aliases: SearchKeys[];
}

export const searchable = (name: string, aliases: readonly string[] = []): Searchable => ({
  name: searchKeys(name),
  aliases: aliases.map(searchKeys),
});

/**
 * Score one item for a query; higher is better, 0 is no match. The tiers, from best: exact name,
 * name starts with / contains the words, alias contains them, a synonym's official words, full pinyin,
 * pinyin initials, and finally one character wrong, missing or extra (Chinese, 3+ characters; pinyin, 4+ letters).
 */
export function matchScore(item: Searchable, q: AnalyzedQuery): number {
  if (q.kind === 'empty') return 0;
  const all = [item.name, ...item.aliases];
  if (q.kind === 'hanzi') {
    if (item.name.text === q.text) return 100;
    if (item.name.text.startsWith(q.text)) return 90;
    if (item.name.text.includes(q.text)) return 80;
    if (item.aliases.some((a) => a.text.includes(q.text))) return 70;
    if (q.expansions.some((e) => all.some((k) => k.text.includes(e)))) return 60;
    if (q.text.length >= 3 && all.some((k) => containsWithOneTypo(k.text, q.text))) return 30;
    return 0;
  }
  if (all.some((k) => k.pinyin === q.text || k.initials === q.text)) return 55;
  if (all.some((k) => k.pinyin.includes(q.text))) return 50;
  if (all.some((k) => k.initials.startsWith(q.text))) return 45;
  if (q.text.length >= 2 && all.some((k) => k.initials.includes(q.text))) return 40;
  if (q.text.length >= 4 && all.some((k) => containsWithOneTypo(k.pinyin, q.text, k.starts))) return 20;
  return 0;
}

/** Rank items for a query: best score first, then shorter names (more specific), then name order. */
export function rank<T extends { searchable: Searchable; name: string }>(items: readonly T[], raw: string, limit = 20): { item: T; score: number }[] {
  const q = analyzeQuery(raw);
  return items
    .map((item) => ({ item, score: matchScore(item.searchable, q) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.item.name.length - b.item.name.length || a.item.name.localeCompare(b.item.name, 'zh-CN'))
    .slice(0, limit);
}

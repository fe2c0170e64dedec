/**
 * Pure rules of the policy document library (文件查阅): kinds, topics, statuses, the search text
 * normalisation, query terms, ranking and the highlighted snippet.
 *
 * Chinese has no spaces between words, so search is substring search over a normalised text: NFKC
 * (full-width digits and letters become ASCII), lower case, and every space, punctuation mark and
 * symbol removed — 「示政办发〔2026〕8号」 and 「示政办发 2026 8号」 both become 示政办发20268号. A query is
 * split on whitespace into terms; a document matches when every term occurs somewhere in it.
 */

export const DOC_KINDS = {
  notice: '通知公告',
  regulation: '规范性文件',
  interpretation: '政策解读',
  guide: '办事指引',
} as const;
export type DocKind = keyof typeof DOC_KINDS;

/** Topics (主题) shown as chips in the portal; the library files each document under one of them. */
export const POLICY_TOPICS = [
  '社会救助',
  '养老保险',
  '医疗保障',
  '养老服务',
  '残疾人',
  '退役军人',
  '就业创业',
  '农村宅基地',
  '农业补贴',
  '户籍证照',
  '其他',
] as const;
export type PolicyTopic = (typeof POLICY_TOPICS)[number];

export const POLICY_STATUSES = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
} as const;
export type PolicyStatus = keyof typeof POLICY_STATUSES;

/** `files.purpose` of policy attachments (served by GET /api/policies/:id/files/:fileId only). */
export const POLICY_FILE_PURPOSE = 'policy_attachment';

export type PolicyAction = 'edit' | 'publish' | 'withdraw';

/** The life cycle: drafts and withdrawn documents are edited and (re)published; a published one is withdrawn first. */
export function policyTransition(status: PolicyStatus, action: PolicyAction): { ok: true; to: PolicyStatus } | { ok: false; code: string; message: string } {
  switch (action) {
    case 'edit':
      return status === 'published'
        ? { ok: false, code: 'POLICY_PUBLISHED', message: '已发布的文件不能直接修改，请先撤回后再修改' }
        : { ok: true, to: status };
    case 'publish':
      return status === 'published' ? { ok: false, code: 'POLICY_ALREADY_PUBLISHED', message: '该文件已发布' } : { ok: true, to: 'published' };
    case 'withdraw':
      return status === 'published' ? { ok: true, to: 'withdrawn' } : { ok: false, code: 'POLICY_NOT_PUBLISHED', message: '只有已发布的文件可以撤回' };
  }
}

// ---------------------------------------------------------------------------------------------------
// Normalisation and terms

/** Characters dropped by normalisation: whitespace, punctuation (incl. 〔〕《》、，。) and symbols. */
const DROP = /[\s\p{P}\p{S}]/u;

/** One character normalised (may be empty, or longer than one code unit after NFKC). */
function normChar(ch: string): string {
  let out = '';
  for (const c of ch.normalize('NFKC').toLowerCase()) if (!DROP.test(c)) out += c;
  return out;
}

export function normalise(s: string): string {
  let out = '';
  for (const ch of s) out += normChar(ch);
  return out;
}

/**
 * The normalised text with, for every code unit of it, the index of the original character it came
 * from (so a hit found in the normalised text can be marked in the original).
 */
export function normaliseWithMap(s: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of s) {
    const n = normChar(ch);
    text += n;
    for (let k = 0; k < n.length; k++) map.push(i);
    i += ch.length;
  }
  return { text, map };
}

/** Separator between the fields of search_text; normalisation removes it from every field. */
export const FIELD_SEPARATOR = '|';

export interface SearchFields {
  title: string;
  docNo: string;
  issuer: string;
  summary: string;
  body: string;
}

/** search_text: the normalised fields in a fixed order (title, doc no, issuer, summary, body). */
export function searchText(f: SearchFields): string {
  return [f.title, f.docNo, f.issuer, f.summary, f.body].map(normalise).join(FIELD_SEPARATOR);
}

export const MAX_TERMS = 8;

/** Query terms: split on whitespace, each normalised; empty and repeated ones dropped, at most MAX_TERMS. */
export function queryTerms(q: string | undefined | null): string[] {
  if (!q) return [];
  const out: string[] = [];
  for (const part of q.split(/\s+/)) {
    const t = normalise(part);
    if (t && !out.includes(t)) out.push(t);
    if (out.length >= MAX_TERMS) break;
  }
  // A term contained in another adds nothing to "every term matches".
  return out.filter((t) => !out.some((o) => o !== t && o.includes(t)));
}

// ---------------------------------------------------------------------------------------------------
// Ranking

/** Weight of a term found in each field (a term counts once, at its best field). */
export const FIELD_WEIGHTS = { title: 100, docNo: 60, issuer: 30, summary: 20, body: 10 } as const;

/**
 * Score of a document that matched every term: each term counts at the best field it occurs in, so a
 * title hit ranks above any number of body hits of the same terms. Fields are normalised already.
 */
export function rankScore(f: Omit<SearchFields, 'body'>, terms: readonly string[]): number {
  let score = 0;
  for (const t of terms) {
    if (f.title.includes(t)) score += FIELD_WEIGHTS.title;
    else if (f.docNo.includes(t)) score += FIELD_WEIGHTS.docNo;
    else if (f.issuer.includes(t)) score += FIELD_WEIGHTS.issuer;
    else if (f.summary.includes(t)) score += FIELD_WEIGHTS.summary;
    else score += FIELD_WEIGHTS.body;
  }
  // The whole query as one phrase in the title (e.g. two terms side by side) ranks higher still.
  if (terms.length > 1 && f.title.includes(terms.join(''))) score += FIELD_WEIGHTS.title;
  return score;
}

export interface RankedRow {
  id: string;
  score: number;
  publishedOn: string | null;
}

/** Best score first, then newest, then id (a stable order for paging). */
export function compareRanked(a: RankedRow, b: RankedRow): number {
  if (a.score !== b.score) return b.score - a.score;
  const da = a.publishedOn ?? '';
  const db = b.publishedOn ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------
// Snippet

export interface Snippet {
  /** Plain text (no HTML); `…` marks cut ends. */
  text: string;
  /** Matches inside `text`, as [start, end) offsets in UTF-16 code units, sorted, not overlapping. */
  highlights: { start: number; end: number }[];
}

const ELLIPSIS = '…';

/** Paragraph breaks and runs of spaces become one space in a snippet. */
const flatten = (s: string) => s.replace(/\s+/g, ' ');

/**
 * Every hit of every (normalised) term in `text`, as [start, end) offsets in the original text:
 * sorted, overlapping hits merged. A term matches across punctuation and spaces of the original.
 */
export function findHits(text: string, terms: readonly string[]): { start: number; end: number }[] {
  const { text: norm, map } = normaliseWithMap(text);
  const hits: { start: number; end: number }[] = [];
  for (const t of terms) {
    if (!t) continue;
    let from = 0;
    for (;;) {
      const at = norm.indexOf(t, from);
      if (at < 0) break;
      const start = map[at];
      const lastIdx = map[at + t.length - 1];
      // The end is after the whole original character (a surrogate pair counts two units).
      const cp = text.codePointAt(lastIdx) ?? 0;
      hits.push({ start, end: lastIdx + (cp > 0xffff ? 2 : 1) });
      from = at + Math.max(1, t.length);
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number }[] = [];
  for (const h of hits) {
    const last = merged[merged.length - 1];
    if (last && h.start < last.end) last.end = Math.max(last.end, h.end);
    else merged.push({ ...h });
  }
  return merged;
}

/**
 * A window of about `width` characters of the body around the first hit of any term, with every hit
 * inside the window marked. Without a body hit: the start of the body, nothing marked.
 */
export function makeSnippet(body: string, terms: readonly string[], width = 100, before = 30): Snippet {
  const flat = flatten(body).trim();
  const merged = findHits(flat, terms);

  if (merged.length === 0) {
    const cut = flat.length > width;
    return { text: cut ? flat.slice(0, width) + ELLIPSIS : flat, highlights: [] };
  }
  const first = merged[0];
  let start = Math.max(0, first.start - before);
  let end = Math.min(flat.length, Math.max(start + width, first.end));
  // Use the room left at the end to show more before the hit.
  if (end - start < width) start = Math.max(0, end - width);
  // Never cut a surrogate pair.
  if (start > 0 && /[\udc00-\udfff]/.test(flat[start])) start--;
  if (end < flat.length && /[\udc00-\udfff]/.test(flat[end])) end++;
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < flat.length ? ELLIPSIS : '';
  const text = prefix + flat.slice(start, end) + suffix;
  const highlights = merged
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => ({ start: h.start - start + prefix.length, end: h.end - start + prefix.length }));
  return { text, highlights };
}

/** Body paragraphs: split on line breaks, blank lines dropped. */
export const paragraphs = (body: string): string[] =>
  body
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

import { z } from 'zod';
import { DOC_KINDS, POLICY_STATUSES, POLICY_TOPICS } from './policies.rules.js';

/**
 * Request and response schemas of /api/policies (政策文件). Responses are allowlists: the public
 * shapes carry no editor, no draft and no workbench fields. `web/` imports this file.
 */

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过${max}个字`);
const Uuid = z.uuid({ message: '编号格式不正确' });
const Version = z.number().int().min(1);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const DocKind = z.enum(keys(DOC_KINDS), { message: '文件类别不正确' });
export const Topic = z.enum(POLICY_TOPICS, { message: '主题不正确' });
export const PolicyStatus = z.enum(keys(POLICY_STATUSES));

// ---------------------------------------------------------------------------------------------------
// Requests

export const PolicyInput = z.object({
  title: text(200, '标题'),
  /** 文号; may be empty (政策解读 usually has none). */
  docNo: z.string().trim().max(60, '文号不能超过60个字').default(''),
  issuer: text(100, '发文机关'),
  topic: Topic,
  kind: DocKind,
  summary: z.string().trim().max(500, '摘要不能超过500个字').default(''),
  body: text(50_000, '正文'),
});

export const CreatePolicyBody = PolicyInput.extend({
  /** The publishing region (county or township); defaults to the editor's own region. */
  regionId: Uuid.optional(),
});
export const UpdatePolicyBody = PolicyInput.extend({ version: Version });
export const PublishPolicyBody = z.object({ version: Version, publishedOn: IsoDate.optional() });
export const WithdrawPolicyBody = z.object({ version: Version, reason: text(300, '撤回原因') });
export const PolicyFileParams = z.object({ id: Uuid, fileId: Uuid });

export const PublicPolicyQuery = z.object({
  q: z.string().trim().max(100, '搜索词不能超过100个字').optional(),
  topic: Topic.optional(),
  issuer: z.string().trim().max(100).optional(),
  kind: DocKind.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ManagePolicyQuery = PublicPolicyQuery.extend({
  status: PolicyStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

// ---------------------------------------------------------------------------------------------------
// Responses

export const Attachment = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int() });

export const Highlight = z.object({ start: z.number().int(), end: z.number().int() });
export const Snippet = z.object({ text: z.string(), highlights: z.array(Highlight) });

/** What the public views of a published document (a search result, the document page) start with. */
const PolicyHead = z.object({
  id: z.string(),
  title: z.string(),
  docNo: z.string(),
  issuer: z.string(),
  topic: z.string(),
  kind: DocKind,
  kindLabel: z.string(),
  publishedOn: z.string().nullable(),
  summary: z.string(),
});

export const PolicySummary = PolicyHead.extend({
  /** Around the first body hit of the query (plain text, matches as offsets); the summary's start without a query. */
  snippet: Snippet,
  /** The query's matches inside the title, as offsets. */
  titleHighlights: z.array(Highlight),
  attachmentCount: z.number().int(),
});

export const PolicyList = z.object({
  items: z.array(PolicySummary),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  /** The normalised terms the query was split into (empty without a query). */
  terms: z.array(z.string()),
});

export const PolicyDetail = PolicyHead.extend({
  /** The body as paragraphs. */
  paragraphs: z.array(z.string()),
  attachments: z.array(Attachment),
  regionName: z.string(),
});

export const Facet = z.object({ value: z.string(), count: z.number().int() });
export const PolicyFacets = z.object({
  topics: z.array(Facet),
  issuers: z.array(Facet),
  kinds: z.array(Facet.extend({ label: z.string() })),
  total: z.number().int(),
});

/** The workbench view: drafts too, the raw body, status, version and what the caller may do. */
export const ManagedPolicy = z.object({
  id: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  title: z.string(),
  docNo: z.string(),
  issuer: z.string(),
  topic: z.string(),
  kind: DocKind,
  kindLabel: z.string(),
  summary: z.string(),
  body: z.string(),
  status: PolicyStatus,
  statusLabel: z.string(),
  publishedOn: z.string().nullable(),
  attachments: z.array(Attachment),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** What the caller may do now: update + publish (draft, withdrawn) · withdraw (published). */
  abilities: z.array(z.string()),
});

export const ManagedPolicyRow = ManagedPolicy.omit({ body: true, summary: true });
export const ManagedPolicyList = z.object({
  items: z.array(ManagedPolicyRow),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  counts: z.object({ draft: z.number().int(), published: z.number().int(), withdrawn: z.number().int() }),
});

/** Regions the caller may publish for (their county and townships in scope). */
export const PolicyRegions = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })) });

export type PolicySummary = z.infer<typeof PolicySummary>;
export type PolicyDetail = z.infer<typeof PolicyDetail>;
export type ManagedPolicy = z.infer<typeof ManagedPolicy>;

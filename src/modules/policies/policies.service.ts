import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { diffFields, writeAudit, type AuditAction, type FieldChanges } from '../../platform/audit.js';
import type { Actor, RequestMeta, ScopeTarget } from '../../platform/auth-context.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Conflict, Invalid, NotFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, can, requireAbility, type Action } from '../../platform/policy.js';
import { businessDate } from '../calendar/calendar.rules.js';
import { checkUpload } from '../files/files.http.js';
import { fileMetas, getFile, insertFile } from '../files/files.repo.js';
import { safeFileName } from '../files/files.rules.js';
import { getRegion } from '../org/org.repo.js';
import type {
  CreatePolicyBody,
  ManagedPolicy,
  ManagedPolicyList,
  ManagePolicyQuery,
  PolicyDetail,
  PolicyFacets,
  PolicyList,
  PolicySummary,
  PublicPolicyQuery,
  PublishPolicyBody,
  UpdatePolicyBody,
  WithdrawPolicyBody,
} from './policies.contract.js';
import * as repo from './policies.repo.js';
import {
  compareRanked,
  DOC_KINDS,
  findHits,
  makeSnippet,
  paragraphs,
  POLICY_FILE_PURPOSE,
  POLICY_STATUSES,
  policyTransition,
  queryTerms,
  rankScore,
  searchText,
  type DocKind,
  type PolicyAction,
  type PolicyStatus,
} from './policies.rules.js';

/**
 * Use cases of the policy library (政策文件). Editors (事项管理员, center directors) work on the
 * documents of the regions in their scope — a township editor never sees a county document (404);
 * every write is one transaction with the row locked, the version checked and the audit row last.
 * Published documents and their attachments are public; drafts and withdrawn ones never are.
 */

export interface PolicyCtx {
  actor: Actor;
  meta: RequestMeta;
}

/** Most candidates a search ranks (a county library holds hundreds of documents, not tens of thousands). */
export const SEARCH_CAP = 2000;
export const MAX_ATTACHMENTS = 10;

const isoNN = (d: Date | string): string => new Date(d).toISOString();
const target = (v: repo.PolicyView): ScopeTarget => ({ regionPath: v.regionPath });
/** What the caller may do now: edit and publish a draft or withdrawn document, withdraw a published one. */
function abilitiesOf(actor: Actor, v: repo.PolicyView): string[] {
  const out: string[] = [];
  const status = v.p.status as PolicyStatus;
  if (can(actor, 'update', 'policy_document', target(v)) && policyTransition(status, 'edit').ok) out.push('update', 'publish');
  if (can(actor, 'withdraw', 'policy_document', target(v)) && policyTransition(status, 'withdraw').ok) out.push('withdraw');
  return out;
}

async function audit(tx: Executor, ctx: PolicyCtx, action: AuditAction, v: { id: string; countyId: string }, details?: Record<string, unknown>, changes?: FieldChanges) {
  await writeAudit(tx, ctx.actor, ctx.meta, { action, objectType: 'policy_document', objectId: v.id, countyId: v.countyId, details, changes });
}

function mustTransition(status: string, action: PolicyAction): PolicyStatus {
  const r = policyTransition(status as PolicyStatus, action);
  if (!r.ok) throw new BusinessRule(r.code, r.message);
  return r.to;
}

async function attachmentsOf(tx: Executor, list: { fileId: string; name: string }[]) {
  const metas = new Map((await fileMetas(tx, list.map((a) => a.fileId))).map((m) => [m.id, m]));
  return list.filter((a) => metas.has(a.fileId)).map((a) => ({ id: a.fileId, name: a.name, mime: metas.get(a.fileId)!.mime, size: metas.get(a.fileId)!.size }));
}

async function toManaged(tx: Executor, actor: Actor, v: repo.PolicyView): Promise<ManagedPolicy> {
  const p = v.p;
  return {
    id: p.id,
    regionId: p.regionId,
    regionName: v.regionName,
    title: p.title,
    docNo: p.docNo,
    issuer: p.issuer,
    topic: p.topic,
    kind: p.kind as DocKind,
    kindLabel: DOC_KINDS[p.kind as DocKind] ?? p.kind,
    summary: p.summary,
    body: p.body,
    status: p.status as PolicyStatus,
    statusLabel: POLICY_STATUSES[p.status as PolicyStatus] ?? p.status,
    publishedOn: p.publishedOn,
    attachments: await attachmentsOf(tx, p.attachments),
    createdByName: v.createdByName,
    updatedAt: isoNN(p.updatedAt),
    version: p.version,
    abilities: abilitiesOf(actor, v),
  };
}

/** Load a document for a workbench action: missing or out of scope → 404; a stale version → 409. */
async function loadForWrite(tx: Executor, ctx: PolicyCtx, id: string, action: Action, version?: number): Promise<repo.PolicyView> {
  const v = await repo.getPolicy(tx, id, true);
  if (!v) throw new NotFound('政策文件不存在');
  authorize(ctx.actor, action, 'policy_document', target(v));
  if (version !== undefined && v.p.version !== version) throw new Conflict();
  return v;
}

/** The workbench view of a document as it now stands in this transaction. */
async function managedOf(tx: Executor, ctx: PolicyCtx, id: string): Promise<ManagedPolicy> {
  return toManaged(tx, ctx.actor, (await repo.getPolicy(tx, id))!);
}

/** Write a change guarded by the version the caller saw (409 when someone else changed it first); the new view. */
async function saveVersion(tx: Executor, ctx: PolicyCtx, id: string, version: number, patch: Parameters<typeof repo.updatePolicy>[3]): Promise<ManagedPolicy> {
  const row = await repo.updatePolicy(tx, id, version, patch);
  if (!row) throw new Conflict();
  return managedOf(tx, ctx, id);
}

// ---------------------------------------------------------------------------------------------------
// Public

/** The fields every public view of a document starts with. */
function headOf(p: repo.PolicyRow) {
  return {
    id: p.id,
    title: p.title,
    docNo: p.docNo,
    issuer: p.issuer,
    topic: p.topic,
    kind: p.kind as DocKind,
    kindLabel: DOC_KINDS[p.kind as DocKind] ?? p.kind,
    publishedOn: p.publishedOn,
    summary: p.summary,
  };
}

function summaryOf(p: repo.PolicyRow, terms: string[]): PolicySummary {
  let snippet = makeSnippet(p.body, terms);
  // A document found by its title, doc no or issuer alone: show its summary (or body start) instead.
  if (snippet.highlights.length === 0) snippet = makeSnippet(p.summary || p.body, terms);
  return {
    ...headOf(p),
    snippet,
    titleHighlights: findHits(p.title, terms),
    attachmentCount: p.attachments.length,
  };
}

const DATE_CURSOR = /^(\d{4}-\d{2}-\d{2})\|([0-9a-f-]{36})$/;
const badCursor = () => new Invalid('分页参数不正确', [{ path: 'cursor', message: '分页参数不正确' }], 'BAD_CURSOR');

/**
 * 政策文件 search: every query term (split on whitespace, normalised) must occur in the title, 文号,
 * 发文机关, summary or body; results rank title hits above 文号, issuer, summary and body hits, newest
 * first among equals (offset cursor over the ranking). Without a query: newest first (keyset).
 */
export async function publicList(deps: Deps, q: z.infer<typeof PublicPolicyQuery>): Promise<z.infer<typeof PolicyList>> {
  const terms = queryTerms(q.q);
  const f: repo.PolicyFilter = { terms, topic: q.topic, issuer: q.issuer, kind: q.kind };
  return deps.db.transaction(async (tx) => {
    if (terms.length > 0) {
      if (q.cursor !== undefined && !/^\d{1,6}$/.test(q.cursor)) throw badCursor();
      const offset = q.cursor ? Number(q.cursor) : 0;
      const ranked = (await repo.publicCandidates(tx, f, SEARCH_CAP)).map((c) => ({ id: c.id, publishedOn: c.publishedOn, score: rankScore(c, terms) })).sort(compareRanked);
      const pageIds = ranked.slice(offset, offset + q.limit).map((r) => r.id);
      const rows = new Map((await repo.byIds(tx, pageIds)).map((r) => [r.id, r]));
      return {
        items: pageIds.map((id) => summaryOf(rows.get(id)!, terms)),
        nextCursor: offset + q.limit < ranked.length ? String(offset + q.limit) : null,
        total: ranked.length,
        terms,
      };
    }
    let after: { date: string; id: string } | undefined;
    if (q.cursor) {
      const m = DATE_CURSOR.exec(q.cursor);
      if (!m) throw badCursor();
      after = { date: m[1], id: m[2] };
    }
    const rows = await repo.publicPage(tx, f, q.limit, after);
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => summaryOf(r, terms)),
      nextCursor: rows.length > q.limit && last ? `${last.publishedOn}|${last.id}` : null,
      total: await repo.countPublic(tx, f),
      terms,
    };
  });
}

export async function facets(deps: Deps): Promise<z.infer<typeof PolicyFacets>> {
  const r = await repo.facets(deps.db);
  return {
    topics: r.topics,
    issuers: r.issuers,
    kinds: r.kinds.map((k) => ({ ...k, label: DOC_KINDS[k.value as DocKind] ?? k.value })),
    total: r.topics.reduce((n, t) => n + t.count, 0),
  };
}

export async function publicDetail(deps: Deps, id: string): Promise<PolicyDetail> {
  return deps.db.transaction(async (tx) => {
    const v = await repo.getPolicy(tx, id);
    if (!v || v.p.status !== 'published') throw new NotFound('政策文件不存在或已撤回');
    const p = v.p;
    return {
      ...headOf(p),
      paragraphs: paragraphs(p.body),
      attachments: await attachmentsOf(tx, p.attachments),
      regionName: v.regionName,
    };
  });
}

/** An attachment: public while its document is published; otherwise only to editors and readers in scope. */
export async function attachment(deps: Deps, actor: Actor | null, id: string, fileId: string) {
  return deps.db.transaction(async (tx) => {
    const v = await repo.getPolicy(tx, id);
    const listed = v?.p.attachments.find((a) => a.fileId === fileId);
    if (!v || !listed) throw new NotFound('附件不存在');
    if (v.p.status !== 'published' && !(actor && can(actor, 'read', 'policy_document', target(v)))) throw new NotFound('附件不存在');
    const f = await getFile(tx, fileId);
    if (!f || f.purpose !== POLICY_FILE_PURPOSE) throw new NotFound('附件不存在');
    return { mime: f.mime, name: listed.name, content: f.content, isPublic: v.p.status === 'published' };
  });
}

// ---------------------------------------------------------------------------------------------------
// Workbench

export async function manageList(deps: Deps, ctx: PolicyCtx, q: z.infer<typeof ManagePolicyQuery>): Promise<z.infer<typeof ManagedPolicyList>> {
  const scope = requireAbility(ctx.actor, 'read', 'policy_document');
  const f: repo.PolicyFilter = { terms: queryTerms(q.q), topic: q.topic, issuer: q.issuer, kind: q.kind, status: q.status };
  let after: { at: string; id: string } | undefined;
  if (q.cursor) {
    const [at, id] = q.cursor.split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw badCursor();
    after = { at, id };
  }
  return deps.db.transaction(async (tx) => {
    const rows = await repo.managedPage(tx, scope, f, q.limit, after);
    const page = rows.slice(0, q.limit);
    const items = [];
    for (const v of page) {
      const { body: _body, summary: _summary, ...row } = await toManaged(tx, ctx.actor, v);
      items.push(row);
    }
    const counts = await repo.managedCounts(tx, scope, f);
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.length > q.limit && last ? `${isoNN(last.p.updatedAt)}|${last.p.id}` : null,
      total: q.status ? counts[q.status] : counts.draft + counts.published + counts.withdrawn,
      counts,
    };
  });
}

export async function manageDetail(deps: Deps, ctx: PolicyCtx, id: string): Promise<ManagedPolicy> {
  requireAbility(ctx.actor, 'read', 'policy_document');
  return deps.db.transaction(async (tx) => {
    const v = await repo.getPolicy(tx, id);
    if (!v) throw new NotFound('政策文件不存在');
    authorize(ctx.actor, 'read', 'policy_document', target(v));
    return toManaged(tx, ctx.actor, v);
  });
}

export async function publishingRegions(deps: Deps, ctx: PolicyCtx) {
  const scope = requireAbility(ctx.actor, 'create', 'policy_document');
  const rows = await repo.regionsForPublishing(deps.db, scope);
  return { items: rows.map(({ id, name, level }) => ({ id, name, level })) };
}

const EDIT_FIELDS = ['title', 'docNo', 'issuer', 'topic', 'kind', 'summary', 'body'] as const;

export async function create(deps: Deps, ctx: PolicyCtx, body: z.infer<typeof CreatePolicyBody>): Promise<ManagedPolicy> {
  requireAbility(ctx.actor, 'create', 'policy_document');
  const regionId = body.regionId ?? ctx.actor.grants.find((g) => g.regionId && can(ctx.actor, 'create', 'policy_document', { regionPath: g.regionPath }))?.regionId;
  if (!regionId) throw new Invalid('请选择发布单位所在的地区', [{ path: 'regionId', message: '必填' }], 'REGION_REQUIRED');
  return deps.db.transaction(async (tx) => {
    const region = await getRegion(tx, regionId);
    if (!region) throw new NotFound('地区不存在');
    authorize(ctx.actor, 'create', 'policy_document', { regionPath: region.path });
    if (region.level !== 'county' && region.level !== 'township') {
      throw new BusinessRule('POLICY_REGION_LEVEL', '政策文件只能由县（区）或乡镇（街道）发布', [{ path: 'regionId', message: '请选择县或乡镇' }]);
    }
    const id = newId();
    const countyId = region.countyId ?? region.id;
    const { regionId: _r, ...fields } = body;
    await repo.insertPolicy(tx, { id, countyId, regionId: region.id, ...fields, attachments: [], searchText: searchText(fields), status: 'draft', createdBy: ctx.actor.userId });
    const out = await managedOf(tx, ctx, id);
    await audit(tx, ctx, 'policy.created', { id, countyId }, { title: body.title, docNo: body.docNo, region: region.name });
    return out;
  });
}

export async function update(deps: Deps, ctx: PolicyCtx, id: string, body: z.infer<typeof UpdatePolicyBody>): Promise<ManagedPolicy> {
  requireAbility(ctx.actor, 'update', 'policy_document');
  return deps.db.transaction(async (tx) => {
    const v = await loadForWrite(tx, ctx, id, 'update', body.version);
    mustTransition(v.p.status, 'edit');
    const { version, ...fields } = body;
    const out = await saveVersion(tx, ctx, id, version, { ...fields, searchText: searchText(fields) });
    const changes = diffFields(v.p as Record<string, unknown>, fields, EDIT_FIELDS.filter((f) => f !== 'body'));
    const bodyChanged = v.p.body !== fields.body;
    await audit(tx, ctx, 'policy.updated', { id, countyId: v.p.countyId }, bodyChanged ? { bodyChanged: true } : undefined, changes);
    return out;
  });
}

export async function publish(deps: Deps, ctx: PolicyCtx, id: string, body: z.infer<typeof PublishPolicyBody>): Promise<ManagedPolicy> {
  requireAbility(ctx.actor, 'update', 'policy_document');
  return deps.db.transaction(async (tx) => {
    const v = await loadForWrite(tx, ctx, id, 'update', body.version);
    const to = mustTransition(v.p.status, 'publish');
    const publishedOn = body.publishedOn ?? businessDate(deps.now());
    if (publishedOn > businessDate(deps.now())) throw new BusinessRule('POLICY_DATE_FUTURE', '发布日期不能晚于今天', [{ path: 'publishedOn', message: '不能晚于今天' }]);
    const out = await saveVersion(tx, ctx, id, body.version, { status: to, publishedOn });
    await audit(tx, ctx, 'policy.published', { id, countyId: v.p.countyId }, { title: v.p.title, publishedOn }, { status: { before: v.p.status, after: to } });
    return out;
  });
}

export async function withdraw(deps: Deps, ctx: PolicyCtx, id: string, body: z.infer<typeof WithdrawPolicyBody>): Promise<ManagedPolicy> {
  requireAbility(ctx.actor, 'withdraw', 'policy_document');
  return deps.db.transaction(async (tx) => {
    const v = await loadForWrite(tx, ctx, id, 'withdraw', body.version);
    const to = mustTransition(v.p.status, 'withdraw');
    const out = await saveVersion(tx, ctx, id, body.version, { status: to });
    await audit(tx, ctx, 'policy.withdrawn', { id, countyId: v.p.countyId }, { title: v.p.title, reason: body.reason }, { status: { before: v.p.status, after: to } });
    return out;
  });
}

export async function addAttachment(deps: Deps, ctx: PolicyCtx, id: string, declaredName: string, content: Buffer): Promise<ManagedPolicy> {
  requireAbility(ctx.actor, 'update', 'policy_document');
  const type = checkUpload(content, declaredName);
  return deps.db.transaction(async (tx) => {
    const v = await loadForWrite(tx, ctx, id, 'update');
    mustTransition(v.p.status, 'edit');
    if (v.p.attachments.length >= MAX_ATTACHMENTS) throw new BusinessRule('POLICY_TOO_MANY_FILES', `每份文件最多 ${MAX_ATTACHMENTS} 个附件`);
    const name = safeFileName(declaredName, type.ext);
    const meta = await insertFile(tx, { countyId: v.p.countyId, purpose: POLICY_FILE_PURPOSE, name, mime: type.mime, content, createdBy: ctx.actor.userId });
    await repo.setAttachments(tx, id, [...v.p.attachments, { fileId: meta.id, name }]);
    const out = await managedOf(tx, ctx, id);
    await audit(tx, ctx, 'policy.updated', { id, countyId: v.p.countyId }, { attachmentAdded: { fileId: meta.id, name, mime: meta.mime, size: meta.size } });
    return out;
  });
}

export async function removeAttachment(deps: Deps, ctx: PolicyCtx, id: string, fileId: string): Promise<ManagedPolicy> {
  requireAbility(ctx.actor, 'update', 'policy_document');
  return deps.db.transaction(async (tx) => {
    const v = await loadForWrite(tx, ctx, id, 'update');
    mustTransition(v.p.status, 'edit');
    const gone = v.p.attachments.find((a) => a.fileId === fileId);
    if (!gone) throw new NotFound('附件不存在');
    await repo.setAttachments(
      tx,
      id,
      v.p.attachments.filter((a) => a.fileId !== fileId),
    );
    const out = await managedOf(tx, ctx, id);
    await audit(tx, ctx, 'policy.updated', { id, countyId: v.p.countyId }, { attachmentRemoved: { fileId, name: gone.name } });
    return out;
  });
}

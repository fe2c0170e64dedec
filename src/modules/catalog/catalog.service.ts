import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { writeAudit, type AuditAction, type FieldChanges } from '../../platform/audit.js';
import type { Actor, RequestMeta, ScopeTarget } from '../../platform/auth-context.js';
import { sm3 } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, can, requireAbility, type Action, type ObjectType } from '../../platform/policy.js';
import { formatCst } from '../../platform/time.js';
import { users } from '../auth/auth.tables.js';
import * as files from '../files/files.repo.js';
import { checkUpload } from '../files/files.http.js';
import { safeFileName } from '../files/files.rules.js';
import { getCenter, getDepartment, getRegion } from '../org/org.repo.js';
import { isUniqueViolation } from '../org/org.service.js';
import type {
  BasicItem,
  CatalogTree,
  CreateBasicItemBody,
  CreateItemBody,
  DiffResponse,
  Guide,
  ItemContentInput,
  ItemDetail,
  ItemSummary,
  PublicItemSummary,
  SearchResponse,
  UpdateBasicItemBody,
  VersionDetail,
  VersionInfo,
} from './catalog.contract.js';
import { renderGuidePdf, type GuideDoc } from './catalog.guide-pdf.js';
import { searchItems, type CatalogSearchIndex, type IndexedItem } from './catalog.index.js';
import { renderListPdf } from './catalog.list-pdf.js';
import * as repo from './catalog.repo.js';
import {
  AUDIENCES,
  canonicalContent,
  checkBasicCode,
  DELEGATION_KINDS,
  describeLevels,
  diffContent,
  feesLabel,
  HANDLING_TYPES,
  implementationCode,
  ITEM_LEVEL_LABELS,
  ITEM_TYPES,
  MATERIAL_FORMS,
  MATERIAL_SOURCES,
  NECESSITIES,
  ONLINE_LEVELS,
  PROCESS_KINDS,
  SPECIAL_PROCEDURES,
  TOPICS,
  transition,
  validateContent,
  visitsLabel,
  type ElementError,
  type ItemContent,
  type ItemLevel,
  type ItemType,
  type LifecycleAction,
  type VersionStatus,
} from './catalog.rules.js';
import { searchKeys } from './catalog.search.js';

/**
 * Use cases of the service item catalog. Each workbench write is one transaction with its audit row;
 * the head row of an item is locked (`FOR UPDATE`) and version-checked so two editors produce one
 * result and one clear 409. Public reads only ever see published versions.
 */

export interface CatalogCtx {
  actor: Actor;
  meta: RequestMeta;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const isoNN = (d: Date | string): string => new Date(d).toISOString();

async function audit(tx: Executor, ctx: CatalogCtx, action: AuditAction, objectType: string, objectId: string, countyId: string | null, changes?: FieldChanges, details?: Record<string, unknown>) {
  await writeAudit(tx, ctx.actor, ctx.meta, { action, objectType, objectId, countyId, changes, details });
}

function abilitiesOf(actor: Actor, object: ObjectType, actions: Action[], target: ScopeTarget): string[] {
  return actions.filter((a) => can(actor, a, object, target));
}

/** Counties the actor works in (basic items and departments are per county). */
const actorCounties = (actor: Actor): string[] => [...new Set(actor.grants.map((g) => g.countyId).filter((c): c is string => !!c))];

const contentHash = (c: ItemContent): string => sm3(canonicalContent(c));
const sortKeyOf = (name: string): string => searchKeys(name).pinyin || name;

// ---------------------------------------------------------------------------------------------------
// Mappers

const toBasicItem = (actor: Actor, v: repo.BasicItemView): BasicItem => ({
  id: v.basic.id,
  code: v.basic.code,
  name: v.basic.name,
  itemType: v.basic.itemType,
  legalBasis: v.basic.legalBasis,
  departmentId: v.basic.departmentId,
  departmentName: v.departmentName,
  active: v.basic.active,
  implementations: v.implementations,
  version: v.basic.version,
  updatedAt: isoNN(v.basic.updatedAt),
  abilities: abilitiesOf(actor, 'catalog_basic_item', ['update'], { regionPath: v.countyPath }),
});

const ITEM_ACTIONS: Action[] = ['update', 'submit', 'review', 'withdraw'];

const toItemSummary = (actor: Actor, v: repo.ItemView): ItemSummary => ({
  id: v.item.id,
  implementationCode: v.item.implementationCode,
  basicCode: v.basicCode,
  name: v.item.name,
  itemType: v.itemType,
  level: v.item.level as ItemLevel,
  status: v.item.status as ItemSummary['status'],
  centerId: v.item.centerId,
  centerName: v.centerName,
  departmentId: v.item.departmentId,
  departmentName: v.departmentName,
  publishedVersion: v.item.publishedVersion,
  openVersion: v.item.openVersion,
  latestVersion: v.item.latestVersion,
  openStatus: (v.openStatus as VersionStatus | null) ?? null,
  updatedAt: isoNN(v.item.updatedAt),
  version: v.item.version,
  abilities: abilitiesOf(actor, 'catalog_item', ITEM_ACTIONS, { regionPath: v.regionPath, centerId: v.item.centerId }),
});

const toVersionInfo = (r: repo.VersionWithNames): z.infer<typeof VersionInfo> => ({
  version: r.v.version,
  status: r.v.status as VersionStatus,
  createdAt: isoNN(r.v.createdAt),
  updatedAt: isoNN(r.v.updatedAt),
  createdByName: r.createdByName,
  submittedAt: iso(r.v.submittedAt),
  submittedById: r.v.submittedBy,
  submittedByName: r.submittedByName,
  reviewedAt: iso(r.v.reviewedAt),
  reviewedByName: r.reviewedByName,
  reviewComment: r.v.reviewComment,
  publishedAt: iso(r.v.publishedAt),
  withdrawnAt: iso(r.v.withdrawnAt),
  withdrawReason: r.v.withdrawReason,
});

// ---------------------------------------------------------------------------------------------------
// Workbench: tree and basic items

export async function getTree(deps: Deps, ctx: CatalogCtx): Promise<z.infer<typeof CatalogTree>> {
  const scope = requireAbility(ctx.actor, 'read', 'catalog_item');
  return deps.db.transaction(async (tx) => {
    const t = await repo.treeCounts(tx, scope, actorCounties(ctx.actor));
    const byDept = new Map(t.byDept.map((d) => [d.departmentId, d]));
    const byCenter = new Map(t.byCenter.map((c) => [c.centerId, c.total]));
    return {
      departments: t.depts.map((d) => ({
        id: d.id,
        name: d.name,
        shortName: d.shortName,
        kind: d.kind,
        regionName: d.regionName,
        total: byDept.get(d.id)?.total ?? 0,
        published: byDept.get(d.id)?.published ?? 0,
        pending: byDept.get(d.id)?.pending ?? 0,
      })),
      centers: t.centers.map((c) => ({ id: c.id, name: c.name, level: c.level as ItemLevel, total: byCenter.get(c.id) ?? 0 })),
    };
  });
}

export async function listBasicItems(deps: Deps, ctx: CatalogCtx, q: { q?: string; departmentId?: string; cursor?: string; limit: number }) {
  const scope = requireAbility(ctx.actor, 'read', 'catalog_basic_item');
  // Township catalog admins read their county's basic catalog (they implement from it) but cannot edit it.
  const readScope = { ...scope, regionPaths: [...scope.regionPaths, ...countyPathsOf(ctx.actor)] };
  const page = await repo.listBasicItems(deps.db, readScope, q);
  return { items: page.items.map((v) => toBasicItem(ctx.actor, v)), nextCursor: page.nextCursor };
}

/** `/countyId/` segments cannot be prefixes on their own; the county path is `…/countyId/`, found from grants. */
function countyPathsOf(actor: Actor): string[] {
  const out: string[] = [];
  for (const g of actor.grants) {
    if (!g.regionPath || !g.countyId) continue;
    const i = g.regionPath.indexOf(`/${g.countyId}/`);
    if (i >= 0) out.push(g.regionPath.slice(0, i + g.countyId.length + 2));
  }
  return [...new Set(out)];
}

async function checkBasicInput(tx: Executor, countyId: string, input: { code: string; itemType: string; departmentId: string }): Promise<void> {
  const v = checkBasicCode(input.code, input.itemType as ItemType);
  if (v) throw new BusinessRule(v.code, v.message);
  const dept = await getDepartment(tx, input.departmentId);
  if (!dept || dept.department.countyId !== countyId || !dept.department.active) {
    throw new BusinessRule('CATALOG_UNKNOWN_DEPARTMENT', '主管部门不存在或已停用（须为本县部门）');
  }
}

export async function createBasicItem(deps: Deps, ctx: CatalogCtx, body: z.infer<typeof CreateBasicItemBody>): Promise<BasicItem> {
  requireAbility(ctx.actor, 'create', 'catalog_basic_item');
  return deps.db.transaction(async (tx) => {
    const dept = await getDepartment(tx, body.departmentId);
    if (!dept) throw new BusinessRule('CATALOG_UNKNOWN_DEPARTMENT', '主管部门不存在');
    const countyId = dept.department.countyId;
    const countyPath = (await getCenterlessCountyPath(tx, countyId)) ?? '';
    authorize(ctx.actor, 'create', 'catalog_basic_item', { regionPath: countyPath });
    await checkBasicInput(tx, countyId, body);
    const id = newId();
    try {
      await repo.insertBasicItem(tx, { id, countyId, ...body });
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict(`基本编码 ${body.code} 已存在`, 'CATALOG_BASIC_CODE_TAKEN');
      throw e;
    }
    await audit(tx, ctx, 'catalog.basic_created', 'catalog_basic_item', id, countyId, undefined, { code: body.code, name: body.name });
    return toBasicItem(ctx.actor, (await repo.getBasicItem(tx, id))!);
  });
}

async function getCenterlessCountyPath(tx: Executor, countyId: string): Promise<string | undefined> {
  return (await getRegion(tx, countyId))?.path;
}

export async function updateBasicItem(deps: Deps, ctx: CatalogCtx, id: string, body: z.infer<typeof UpdateBasicItemBody>): Promise<BasicItem> {
  requireAbility(ctx.actor, 'update', 'catalog_basic_item');
  return deps.db.transaction(async (tx) => {
    const cur = await repo.getBasicItem(tx, id, true);
    if (!cur) throw new NotFound('基本目录事项不存在');
    authorize(ctx.actor, 'update', 'catalog_basic_item', { regionPath: cur.countyPath });
    if (cur.basic.version !== body.version) throw new Conflict();
    const next = { code: body.code ?? cur.basic.code, name: body.name ?? cur.basic.name, itemType: body.itemType ?? cur.basic.itemType, legalBasis: body.legalBasis ?? cur.basic.legalBasis, departmentId: body.departmentId ?? cur.basic.departmentId };
    await checkBasicInput(tx, cur.basic.countyId, next);
    if (next.code !== cur.basic.code && cur.implementations > 0) {
      throw new BusinessRule('CATALOG_BASIC_CODE_IN_USE', '该事项已有实施清单，基本编码不能修改（实施编码由其生成）');
    }
    const changes: FieldChanges = {};
    for (const k of Object.keys(next) as (keyof typeof next)[]) {
      if (JSON.stringify(next[k]) !== JSON.stringify(cur.basic[k])) changes[k] = { before: cur.basic[k], after: next[k] };
    }
    if (Object.keys(changes).length === 0) return toBasicItem(ctx.actor, cur);
    try {
      await repo.updateBasicItem(tx, id, body.version, next);
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict(`基本编码 ${next.code} 已存在`, 'CATALOG_BASIC_CODE_TAKEN');
      throw e;
    }
    await audit(tx, ctx, 'catalog.basic_updated', 'catalog_basic_item', id, cur.basic.countyId, changes);
    return toBasicItem(ctx.actor, (await repo.getBasicItem(tx, id))!);
  });
}

// ---------------------------------------------------------------------------------------------------
// Workbench: items

export async function listItems(deps: Deps, ctx: CatalogCtx, f: repo.ItemFilter) {
  const scope = requireAbility(ctx.actor, 'read', 'catalog_item');
  const page = await repo.listItems(deps.db, scope, f);
  return { items: page.items.map((v) => toItemSummary(ctx.actor, v)), nextCursor: page.nextCursor };
}

const targetOf = (v: repo.ItemView): ScopeTarget => ({ regionPath: v.regionPath, centerId: v.item.centerId });

async function loadItem(tx: Executor, ctx: CatalogCtx, id: string, action: Action, lock = false): Promise<repo.ItemView> {
  const v = await repo.getItem(tx, id, lock);
  if (!v) throw new NotFound('事项不存在');
  // Reading decides existence (404); a readable item the caller may not change is a 403.
  authorize(ctx.actor, 'read', 'catalog_item', targetOf(v));
  if (action !== 'read' && !can(ctx.actor, action, 'catalog_item', targetOf(v))) {
    throw new Forbidden('该事项不在您的管理范围内，不能修改（如需调整请联系上级事项管理员）', 'CATALOG_OUT_OF_SCOPE');
  }
  return v;
}

async function detailOf(tx: Executor, actor: Actor, id: string): Promise<z.infer<typeof ItemDetail>> {
  const v = (await repo.getItem(tx, id))!;
  const versions = await repo.versionsOf(tx, id);
  const currentNo = v.item.openVersion ?? v.item.publishedVersion ?? v.item.latestVersion;
  const current = (await repo.getVersion(tx, id, currentNo))!;
  return {
    ...toItemSummary(actor, v),
    basicItemId: v.item.basicItemId,
    centerLevel: v.centerLevel as ItemLevel,
    versions: versions.map(toVersionInfo),
    current: { version: current.version, status: current.status as VersionStatus, content: current.content },
    files: (await files.fileMetas(tx, fileIdsOf(current.content))).map((f) => ({ id: f.id, name: f.name, size: f.size })),
  };
}

const fileIdsOf = (c: ItemContent): string[] => [...new Set(c.materials.flatMap((m) => [m.blankFileId, m.sampleFileId]).filter((x): x is string => !!x))];

export async function getItemDetail(deps: Deps, ctx: CatalogCtx, id: string) {
  requireAbility(ctx.actor, 'read', 'catalog_item');
  return deps.db.transaction(async (tx) => {
    await loadItem(tx, ctx, id, 'read');
    return detailOf(tx, ctx.actor, id);
  });
}

/** Full content of a version: the editor's elements plus what the basic item says. */
export function composeContent(basic: Pick<repo.BasicItemRow, 'name' | 'itemType' | 'legalBasis'>, input: ItemContentInput): ItemContent {
  return { ...input, name: basic.name, itemType: basic.itemType as ItemType, legalBasis: basic.legalBasis } as ItemContent;
}

/** Element errors of a content at a center, with department and file references checked against the county. */
export async function contentErrors(tx: Executor, countyId: string, centerLevel: ItemLevel, c: ItemContent): Promise<ElementError[]> {
  const known = await files.fileMetas(tx, fileIdsOf(c));
  const knownFileIds = new Set(known.filter((f) => f.purpose === 'catalog_form' && (f.countyId === null || f.countyId === countyId)).map((f) => f.id));
  return validateContent(c, { centerLevel, knownDepartmentIds: await repo.countyDepartmentIds(tx, countyId), knownFileIds });
}

function throwElementErrors(errs: ElementError[]): void {
  if (errs.length === 0) return;
  const first = errs[0].message;
  throw new BusinessRule(
    'CATALOG_INVALID_ELEMENTS',
    errs.length === 1 ? first : `${first}（共 ${errs.length} 处问题）`,
    errs.map((e) => ({ path: `content.${e.path}`, code: e.code, message: e.message })),
  );
}

export async function createItem(deps: Deps, ctx: CatalogCtx, body: z.infer<typeof CreateItemBody>) {
  requireAbility(ctx.actor, 'create', 'catalog_item');
  return deps.db.transaction(async (tx) => {
    const { id } = await createItemTx(tx, ctx, body.basicItemId, body.centerId, body.departmentId, body.content);
    return detailOf(tx, ctx.actor, id);
  });
}

/** Create an implementation with version 1 as a draft. Used by the API and by the Excel import. */
export async function createItemTx(tx: Executor, ctx: CatalogCtx, basicItemId: string, centerId: string, departmentId: string, input: ItemContentInput): Promise<{ id: string }> {
  const center = await getCenter(tx, centerId);
  if (!center) throw new NotFound('服务中心不存在');
  authorize(ctx.actor, 'create', 'catalog_item', { regionPath: center.regionPath, centerId });
  if (!center.center.active) throw new BusinessRule('CATALOG_CENTER_INACTIVE', '服务中心已停用，不能新增事项');
  const basic = await repo.getBasicItem(tx, basicItemId);
  if (!basic || basic.basic.countyId !== center.center.countyId) throw new BusinessRule('CATALOG_UNKNOWN_BASIC', '基本目录事项不存在（须为本县基本目录）');
  if (!basic.basic.active) throw new BusinessRule('CATALOG_BASIC_INACTIVE', '基本目录事项已停用');
  const dept = await getDepartment(tx, departmentId);
  if (!dept || dept.department.countyId !== center.center.countyId || !dept.department.active) throw new BusinessRule('CATALOG_UNKNOWN_DEPARTMENT', '实施部门不存在或已停用');
  if (!dept.department.creditCode) throw new BusinessRule('CATALOG_DEPT_NO_CREDIT_CODE', `「${dept.department.name}」没有统一社会信用代码，无法生成实施编码；请先在组织机构中补充`);
  const level = center.center.level as ItemLevel;
  const content = composeContent(basic.basic, input);
  throwElementErrors(await contentErrors(tx, center.center.countyId, level, content));
  const id = newId();
  const code = implementationCode(dept.department.creditCode, level, basic.basic.code);
  try {
    await repo.insertItem(tx, {
      id,
      countyId: center.center.countyId,
      centerId,
      basicItemId,
      departmentId,
      implementationCode: code,
      level,
      name: content.name,
      sortKey: sortKeyOf(content.name),
      status: 'draft',
      openVersion: 1,
      latestVersion: 1,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict(`「${center.center.name}」已有事项「${basic.basic.name}」（实施编码 ${code}）`, 'CATALOG_ITEM_EXISTS');
    throw e;
  }
  await repo.insertVersion(tx, { itemId: id, version: 1, countyId: center.center.countyId, status: 'draft', content, contentHash: contentHash(content), createdBy: ctx.actor.userId });
  await audit(tx, ctx, 'catalog.item_created', 'catalog_item', id, center.center.countyId, undefined, { implementationCode: code, name: content.name, version: 1 });
  return { id };
}

export async function saveDraft(deps: Deps, ctx: CatalogCtx, id: string, input: ItemContentInput, version: number) {
  requireAbility(ctx.actor, 'update', 'catalog_item');
  return deps.db.transaction(async (tx) => {
    const v = await loadItem(tx, ctx, id, 'update', true);
    if (v.item.version !== version) throw new Conflict('事项已被他人修改，请刷新后再编辑', 'CONFLICT');
    await saveDraftTx(tx, ctx, v, input);
    return detailOf(tx, ctx.actor, id);
  });
}

/**
 * Save elements on the item: in place on an open draft, or as a new draft version when the newest is
 * published or withdrawn. Nothing is written when the content equals the version it would replace.
 */
export async function saveDraftTx(tx: Executor, ctx: CatalogCtx, v: repo.ItemView, input: ItemContentInput): Promise<'created' | 'updated' | 'unchanged'> {
  const open = v.item.openVersion !== null ? await repo.getVersion(tx, v.item.id, v.item.openVersion) : undefined;
  if (open) {
    const next = transition(open.status as VersionStatus, 'edit');
    if (typeof next !== 'string') throw new BusinessRule(next.code, next.message);
  }
  const basic = (await repo.getBasicItem(tx, v.item.basicItemId))!;
  const content = composeContent(basic.basic, input);
  throwElementErrors(await contentErrors(tx, v.item.countyId, v.centerLevel as ItemLevel, content));
  const hash = contentHash(content);
  const latest = (await repo.getVersion(tx, v.item.id, v.item.latestVersion))!;
  if (open) {
    if (open.contentHash === hash) return 'unchanged';
    await repo.updateVersion(tx, v.item.id, open.version, { content, contentHash: hash });
    await bumpHead(tx, v, { name: content.name, ...(v.item.publishedVersion === null ? { sortKey: sortKeyOf(content.name) } : {}) });
    await audit(tx, ctx, 'catalog.draft_saved', 'catalog_item', v.item.id, v.item.countyId, diffAsChanges(open.content, content), { version: open.version });
    return 'updated';
  }
  if (latest.contentHash === hash && latest.status === 'published') return 'unchanged';
  const nextNo = v.item.latestVersion + 1;
  await repo.insertVersion(tx, { itemId: v.item.id, version: nextNo, countyId: v.item.countyId, status: 'draft', content, contentHash: hash, createdBy: ctx.actor.userId });
  await bumpHead(tx, v, {
    name: content.name,
    openVersion: nextNo,
    latestVersion: nextNo,
    status: v.item.publishedVersion === null ? 'draft' : v.item.status,
  });
  await audit(tx, ctx, 'catalog.draft_saved', 'catalog_item', v.item.id, v.item.countyId, diffAsChanges(latest.content, content), { version: nextNo, basedOn: latest.version });
  return 'created';
}

/** The audit row's changes: element labels with before/after (no personal data lives in the catalog). */
function diffAsChanges(a: ItemContent, b: ItemContent): FieldChanges {
  const out: FieldChanges = {};
  for (const d of diffContent(a, b).slice(0, 50)) out[d.path] = { before: d.before, after: d.after };
  return out;
}

async function bumpHead(tx: Executor, v: repo.ItemView, set: Parameters<typeof repo.updateItemHead>[3]): Promise<void> {
  const row = await repo.updateItemHead(tx, v.item.id, v.item.version, set);
  if (!row) throw new Conflict();
  v.item = row;
}

const LIFECYCLE: Record<'submit' | 'approve' | 'reject' | 'withdraw', { ability: Action; action: LifecycleAction; audit: AuditAction }> = {
  submit: { ability: 'submit', action: 'submit', audit: 'catalog.submitted' },
  approve: { ability: 'review', action: 'approve', audit: 'catalog.approved' },
  reject: { ability: 'review', action: 'reject', audit: 'catalog.rejected' },
  withdraw: { ability: 'withdraw', action: 'withdraw', audit: 'catalog.withdrawn' },
};

export async function lifecycle(deps: Deps, ctx: CatalogCtx, id: string, op: keyof typeof LIFECYCLE, version: number, comment?: string) {
  const spec = LIFECYCLE[op];
  requireAbility(ctx.actor, spec.ability, 'catalog_item');
  return deps.db.transaction(async (tx) => {
    const v = await loadItem(tx, ctx, id, spec.ability, true);
    if (v.item.version !== version) throw new Conflict('事项已被他人修改，请刷新后重试', 'CONFLICT');
    const target = op === 'withdraw' ? v.item.publishedVersion : v.item.openVersion;
    if (target === null) {
      const bad = transition(op === 'withdraw' ? 'withdrawn' : 'published', spec.action);
      throw new BusinessRule(typeof bad === 'string' ? 'CATALOG_BAD_STATE' : bad.code, typeof bad === 'string' ? '当前状态不能执行此操作' : bad.message);
    }
    const ver = (await repo.getVersion(tx, id, target))!;
    const next = transition(ver.status as VersionStatus, spec.action);
    if (typeof next !== 'string') throw new BusinessRule(next.code, next.message);
    const now = new Date();
    if ((op === 'reject' || op === 'withdraw') && !comment) {
      throw new Invalid(op === 'reject' ? '退回时请填写退回意见' : '撤回时请填写撤回原因', [{ path: 'comment', message: '必填' }], 'COMMENT_REQUIRED');
    }
    switch (op) {
      case 'submit':
        await repo.updateVersion(tx, id, target, { status: next, submittedBy: ctx.actor.userId, submittedAt: now, reviewComment: null });
        await bumpHead(tx, v, { status: v.item.publishedVersion === null ? 'in_review' : v.item.status });
        break;
      case 'reject':
        await repo.updateVersion(tx, id, target, { status: next, reviewedBy: ctx.actor.userId, reviewedAt: now, reviewComment: comment });
        await bumpHead(tx, v, { status: v.item.publishedVersion === null ? 'draft' : v.item.status });
        break;
      case 'approve': {
        // Four eyes: whoever submitted a version does not publish it.
        if (ver.submittedBy === ctx.actor.userId) throw new BusinessRule('CATALOG_SELF_REVIEW', '不能审核自己提交的事项，请由其他事项管理员或中心主任审核');
        // Re-check the elements at publication: departments or files may have gone since the draft.
        throwElementErrors(await contentErrors(tx, v.item.countyId, v.centerLevel as ItemLevel, ver.content));
        if (v.item.publishedVersion !== null) await repo.updateVersion(tx, id, v.item.publishedVersion, { status: 'superseded' });
        await repo.updateVersion(tx, id, target, { status: next, reviewedBy: ctx.actor.userId, reviewedAt: now, reviewComment: comment ?? null, publishedAt: now });
        await bumpHead(tx, v, { status: 'published', publishedVersion: target, openVersion: null, publishedAt: now, name: ver.content.name, sortKey: sortKeyOf(ver.content.name) });
        await repo.bumpGeneration(tx, v.item.countyId);
        break;
      }
      case 'withdraw':
        await repo.updateVersion(tx, id, target, { status: next, withdrawnAt: now, withdrawReason: comment });
        await bumpHead(tx, v, { status: v.item.openVersion === null ? 'withdrawn' : v.item.status === 'published' ? 'withdrawn' : v.item.status, publishedVersion: null });
        await repo.bumpGeneration(tx, v.item.countyId);
        break;
    }
    await audit(tx, ctx, spec.audit, 'catalog_item', id, v.item.countyId, { status: { before: ver.status, after: next } }, { version: target, comment: comment ?? null });
    return detailOf(tx, ctx.actor, id);
  });
}

export async function getVersionDetail(deps: Deps, ctx: CatalogCtx, id: string, version: number): Promise<z.infer<typeof VersionDetail>> {
  requireAbility(ctx.actor, 'read', 'catalog_item');
  return deps.db.transaction(async (tx) => {
    await loadItem(tx, ctx, id, 'read');
    const all = await repo.versionsOf(tx, id, true);
    const r = all.find((x) => x.v.version === version);
    if (!r) throw new NotFound('该版本不存在');
    return { ...toVersionInfo(r), content: r.v.content };
  });
}

export async function diffVersions(deps: Deps, ctx: CatalogCtx, id: string, from: number, to: number): Promise<z.infer<typeof DiffResponse>> {
  requireAbility(ctx.actor, 'read', 'catalog_item');
  return deps.db.transaction(async (tx) => {
    await loadItem(tx, ctx, id, 'read');
    const a = await repo.getVersion(tx, id, from);
    const b = await repo.getVersion(tx, id, to);
    if (!a || !b) throw new NotFound('该版本不存在');
    return { from, to, changes: diffContent(a.content, b.content) };
  });
}

export async function uploadFile(deps: Deps, ctx: CatalogCtx, declaredName: string, content: Buffer) {
  requireAbility(ctx.actor, 'update', 'catalog_item');
  const type = checkUpload(content, declaredName);
  const countyId = actorCounties(ctx.actor)[0] ?? null;
  return deps.db.transaction(async (tx) => {
    const meta = await files.insertFile(tx, { countyId, purpose: 'catalog_form', name: safeFileName(declaredName, type.ext), mime: type.mime, content, createdBy: ctx.actor.userId });
    await audit(tx, ctx, 'catalog.file_uploaded', 'file', meta.id, countyId, undefined, { name: meta.name, size: meta.size, mime: meta.mime });
    return { id: meta.id, name: meta.name, mime: meta.mime, size: meta.size };
  });
}

// ---------------------------------------------------------------------------------------------------
// Public: place, lists, search, guide

/** The reader's place: the given region, the signed-in citizen's home, or the only county. */
async function resolvePlace(tx: Executor, actor: Actor | null, regionId?: string): Promise<repo.PlaceChain> {
  let id = regionId;
  if (!id && actor) {
    const [u] = await tx.select({ home: users.homeRegionId }).from(users).where(eq(users.id, actor.userId));
    id = u?.home ?? undefined;
  }
  if (!id) {
    const counties = await repo.countiesWithCatalog(tx);
    if (counties.length !== 1) throw new Invalid('请先选择您所在的地区', [{ path: 'regionId', message: '必填' }], 'REGION_REQUIRED');
    id = counties[0];
  }
  const chain = await repo.placeChain(tx, id);
  if (!chain) throw new NotFound('地区不存在');
  return chain;
}

export async function publicRegions(deps: Deps) {
  return { regions: await repo.activeRegions(deps.db) };
}

export async function publicTopics(deps: Deps, actor: Actor | null, regionId?: string) {
  return deps.db.transaction(async (tx) => {
    const chain = await resolvePlace(tx, actor, regionId);
    const { topics } = await repo.publishedFacets(tx, chain);
    const n = new Map(topics.map((t) => [t.key, t.n]));
    return { topics: TOPICS.map((t) => ({ key: t.key, name: t.name, audience: t.audience, count: n.get(t.key) ?? 0 })) };
  });
}

export async function publicDepartments(deps: Deps, actor: Actor | null, regionId?: string) {
  return deps.db.transaction(async (tx) => {
    const chain = await resolvePlace(tx, actor, regionId);
    const { depts } = await repo.publishedFacets(tx, chain);
    return { departments: depts.map((d) => ({ id: d.id, name: d.name, shortName: d.shortName, count: d.n })) };
  });
}

const toPublicSummary = (r: { id: string; itemType: string; level: string; centerId: string; centerName: string; departmentName: string; content: ItemContent }): PublicItemSummary => ({
  id: r.id,
  name: r.content.name,
  itemType: r.itemType,
  level: r.level as ItemLevel,
  centerId: r.centerId,
  centerName: r.centerName,
  departmentName: r.departmentName,
  handlingType: r.content.handlingType,
  promisedDays: r.content.promisedDays,
  maxVisits: r.content.maxVisits,
  onlineLevel: r.content.onlineLevel,
  agentEligible: r.content.agentEligible,
  topics: r.content.topics,
  acceptLevels: r.content.acceptLevels,
});

export async function browse(deps: Deps, actor: Actor | null, q: { regionId?: string; level?: ItemLevel } & repo.BrowseFilter) {
  return deps.db.transaction(async (tx) => {
    const chain = await resolvePlace(tx, actor, q.regionId);
    const page = await repo.browsePublished(tx, chain, q.level, q);
    return { items: page.items.map(toPublicSummary), nextCursor: page.nextCursor, total: page.total };
  });
}

const GROUP_LABELS: Record<ItemLevel, string> = { village: '在村里就能办', township: '到镇（街道）便民服务中心办', county: '到县政务服务中心办' };

export async function search(deps: Deps, index: CatalogSearchIndex, actor: Actor | null, q: { q: string; regionId?: string; limit: number }): Promise<z.infer<typeof SearchResponse>> {
  const chain = await resolvePlace(deps.db, actor, q.regionId);
  const items = await index.forCounty(deps.db, chain.countyId);
  const { results, total, expansions } = searchItems(items, q.q, chain, q.limit);
  const groups = (['village', 'township', 'county'] as const)
    .map((level) => ({
      level,
      label: GROUP_LABELS[level],
      items: results.filter((r) => r.listLevel === level).map((r) => ({ ...toPublicSummary(r.item), score: r.score, matched: matchedText(r.item, q.q) })),
    }))
    .filter((g) => g.items.length > 0);
  return { q: q.q, total, groups, expansions };
}

/** Which of the item's names the query matched (the alias 低保, or the name itself), for the result card. */
function matchedText(item: IndexedItem, q: string): string {
  const t = q.trim().toLowerCase();
  const alias = item.content.aliases.find((a) => a.includes(t));
  return alias ?? item.name;
}

async function guideOf(tx: Executor, actor: Actor | null, id: string, regionId: string | undefined, version: number | undefined, publicOnly: boolean): Promise<z.infer<typeof Guide>> {
  const row = await repo.getPublishedVersion(tx, id, version);
  if (!row) throw new NotFound('事项不存在或尚未发布');
  if (publicOnly && !['published', 'superseded'].includes(row.v.status)) throw new NotFound('事项不存在或尚未发布');
  if (publicOnly && version === undefined && row.item.publishedVersion === null) throw new NotFound('事项不存在或尚未发布');
  const c = row.v.content;
  const deptIds = [...c.jointDepartmentIds, ...c.steps.map((s) => s.departmentId).filter((x): x is string => !!x)];
  const names = await repo.departmentNames(tx, deptIds);
  const metas = new Map((await files.fileMetas(tx, fileIdsOf(c))).map((f) => [f.id, f]));
  const fileRef = (fid: string | null) => {
    const f = fid ? metas.get(fid) : undefined;
    return f ? { id: f.id, name: f.name, size: f.size } : null;
  };
  // Where the reader can hand it in: the item's own center and, for lower accept levels, their nearby centers.
  let acceptPlaces: z.infer<typeof Guide>['acceptPlaces'] = [];
  const own = row.center;
  const place = (ce: typeof own) => ({ centerId: ce.id, name: ce.name, level: ce.level as ItemLevel, address: ce.address, hours: ce.hours, phone: ce.phone });
  try {
    const chain = await resolvePlace(tx, actor, regionId);
    const lower = c.acceptLevels.flatMap((l) => (l === own.level ? [] : chain.centerIds[l]));
    const cs = await repo.centersByIdsWithPlace(tx, lower);
    acceptPlaces = [...cs.map(place), place(own)].sort((a, b) => ['village', 'township', 'county'].indexOf(a.level) - ['village', 'township', 'county'].indexOf(b.level));
  } catch {
    acceptPlaces = [place(own)];
  }
  return {
    id: row.item.id,
    version: row.v.version,
    publishedAt: iso(row.v.publishedAt),
    implementationCode: row.item.implementationCode,
    basicCode: row.basicCode,
    level: row.item.level as ItemLevel,
    center: { id: own.id, name: own.name, address: own.address, hours: own.hours, phone: own.phone },
    department: { id: row.item.departmentId, name: row.departmentName },
    content: c,
    labels: {
      itemType: ITEM_TYPES[c.itemType],
      handlingType: HANDLING_TYPES[c.handlingType],
      processKind: PROCESS_KINDS[c.processKind],
      onlineLevel: ONLINE_LEVELS[c.onlineLevel],
      levels: describeLevels(c),
      fees: feesLabel(c.fees),
      visits: visitsLabel(c.maxVisits),
      audience: AUDIENCES[c.audience],
      delegation: c.delegation ? `${DELEGATION_KINDS[c.delegation.kind]}（${c.delegation.document}）` : null,
    },
    jointDepartments: c.jointDepartmentIds.map((d) => ({ id: d, name: names.get(d) ?? '' })),
    materials: c.materials.map((m) => ({
      ...m,
      sourceLabel: MATERIAL_SOURCES[m.source],
      formLabel: MATERIAL_FORMS[m.form],
      necessityLabel: NECESSITIES[m.necessity],
      blankFile: fileRef(m.blankFileId),
      sampleFile: fileRef(m.sampleFileId),
    })),
    steps: c.steps.map((s) => ({ ...s, departmentName: stepDepartment(s, names, row.departmentName, row.item.level as ItemLevel), levelLabel: ITEM_LEVEL_LABELS[s.level] })),
    acceptPlaces,
  };
}

/** Who does a step: its department, else the implementing department at the item's level, else the place where it was handed in. */
function stepDepartment(s: { departmentId: string | null; level: ItemLevel }, names: Map<string, string>, own: string, itemLevel: ItemLevel): string {
  if (s.departmentId) return names.get(s.departmentId) ?? '';
  if (s.level === itemLevel) return own;
  return s.level === 'village' ? '受理地村（社区）便民服务室' : '受理地乡镇（街道）便民服务中心';
}

export async function publicGuide(deps: Deps, actor: Actor | null, id: string, regionId?: string, version?: number) {
  return deps.db.transaction((tx) => guideOf(tx, actor, id, regionId, version, true));
}

function toGuideDoc(g: z.infer<typeof Guide>, url: string, status: VersionStatus | null): GuideDoc {
  const c = g.content;
  const special = c.specialProcedures.map((p) => `${SPECIAL_PROCEDURES[p.kind]} ${p.days} 个工作日（不计入办理时限）${p.note ? `：${p.note}` : ''}`);
  return {
    name: status && status !== 'published' && status !== 'superseded' ? `${c.name}（${status === 'draft' ? '草稿预览' : '审核中预览'}）` : c.name,
    implementationCode: g.implementationCode,
    itemType: g.labels.itemType,
    handlingType: g.labels.handlingType,
    department: g.department.name,
    center: g.center.name,
    levels: g.labels.levels,
    legalBasis: c.legalBasis.map((b) => [b.name, b.article].filter(Boolean).join(' ')),
    legalDays: c.legalDays,
    promisedDays: c.promisedDays,
    fees: g.labels.fees,
    maxVisits: c.maxVisits,
    onlineLevel: g.labels.onlineLevel,
    agentEligible: c.agentEligible,
    place: g.acceptPlaces.map((p) => `${p.name}（${p.address}）`).join('\n') || c.place,
    hours: c.hours,
    phone: c.phone,
    complaintPhone: c.complaintPhone,
    conditions: [...c.conditions, ...special],
    materials: g.materials.map((m) => ({
      name: m.name,
      form: m.formLabel,
      copies: m.copies,
      necessity: m.necessityLabel,
      note: [m.necessity === 'deferrable' && m.deferDays ? `${m.deferDays} 个工作日内补交` : '', m.certificateType ? `可用电子证照「${m.certificateType}」替代` : '', m.source !== 'applicant' ? `${m.issuer}出具` : '', m.note]
        .filter(Boolean)
        .join('；'),
    })),
    steps: g.steps.map((s) => ({ name: s.parallel ? `${s.name}（并联）` : s.name, department: s.departmentName, days: s.days === 0 ? '当场' : `${s.days} 个工作日` })),
    url,
    printedOn: formatCst(new Date()).slice(0, 10),
    version: g.version,
  };
}

export async function publicGuidePdf(deps: Deps, actor: Actor | null, id: string, baseUrl: string, regionId?: string): Promise<{ pdf: Buffer; name: string }> {
  const g = await publicGuide(deps, actor, id, regionId);
  return { pdf: await renderGuidePdf(toGuideDoc(g, `${baseUrl}/portal/items/${g.id}`, null)), name: `${g.content.name}-办事指南.pdf` };
}

export async function previewGuidePdf(deps: Deps, ctx: CatalogCtx, id: string, baseUrl: string, version?: number): Promise<{ pdf: Buffer; name: string }> {
  requireAbility(ctx.actor, 'read', 'catalog_item');
  const { g, status } = await deps.db.transaction(async (tx) => {
    const v = await loadItem(tx, ctx, id, 'read');
    const no = version ?? v.item.openVersion ?? v.item.publishedVersion ?? v.item.latestVersion;
    const ver = await repo.getVersion(tx, id, no);
    if (!ver) throw new NotFound('该版本不存在');
    return { g: await guideOf(tx, null, id, undefined, no, false), status: ver.status as VersionStatus };
  });
  return { pdf: await renderGuidePdf(toGuideDoc(g, `${baseUrl}/portal/items/${g.id}`, status)), name: `${g.content.name}-第${g.version}版.pdf` };
}

/** The printable list of one center: what it handles itself and what it takes in for upper levels. */
export async function centerListPdf(deps: Deps, id: string, baseUrl: string): Promise<{ pdf: Buffer; name: string }> {
  const data = await deps.db.transaction(async (tx) => {
    const center = await getCenter(tx, id);
    if (!center || !center.center.active) throw new NotFound('服务中心不存在');
    const chain = await repo.placeChain(tx, center.center.regionId);
    if (!chain) throw new NotFound('服务中心不存在');
    const level = center.center.level as ItemLevel;
    const rows = await repo.publishedListOfCenter(tx, chain, level);
    return { center, level, rows };
  });
  const pdf = await renderListPdf({
    title: `${data.center.center.name}政务服务事项清单`,
    levelLabel: ITEM_LEVEL_LABELS[data.level],
    center: data.center.center.name,
    address: data.center.center.address,
    hours: data.center.center.hours,
    phone: data.center.center.phone,
    complaintPhone: data.center.center.complaintPhone,
    url: `${baseUrl}/portal/catalog?level=${data.level}`,
    printedOn: formatCst(new Date()).slice(0, 10),
    rows: data.rows.map((r) => ({
      name: r.content.name,
      department: r.departmentName,
      itemType: ITEM_TYPES[r.content.itemType],
      handledBy: r.centerId === id ? '本级办理' : `受理后转${r.centerName}`,
      days: r.content.promisedDays === 0 ? '即办' : `${r.content.promisedDays}个工作日`,
      visits: visitsLabel(r.content.maxVisits),
      agent: r.content.agentEligible,
    })),
  });
  return { pdf, name: `${data.center.center.name}-事项清单.pdf` };
}

export async function publicFile(deps: Deps, id: string) {
  const f = await files.getFile(deps.db, id);
  if (!f || f.purpose !== 'catalog_form') throw new NotFound('文件不存在');
  return f;
}

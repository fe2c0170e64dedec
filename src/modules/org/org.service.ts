import type { Executor } from '../../db/client.js';
import { diffFields, writeAudit, type AuditAction, type FieldChanges } from '../../platform/audit.js';
import type { Actor, RequestMeta, ScopeTarget } from '../../platform/auth-context.js';
import { maskIdNumber, maskPhone } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Conflict, Forbidden, NotFound, OutOfScope } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, can, requireAbility, scopeFor, type Action, type ObjectType } from '../../platform/policy.js';
import { isAdminRole, ROLE_LABELS, type RegionLevel } from '../../platform/roles.js';
import { checkPasswordPolicy, hashPassword } from '../auth/auth.password.js';
import { activeGrants, revokeSessions, type GrantView } from '../auth/auth.repo.js';
import { loadSettings } from '../auth/auth.settings.js';
import { passwordHistory } from '../auth/auth.tables.js';
import type {
  Center,
  CenterDetail,
  CenterSummary,
  CreateCenterBody,
  CreateDepartmentBody,
  CreateRegionBody,
  CreateStaffBody,
  CreateStationingBody,
  CreateWindowBody,
  Department,
  Region,
  RegionDetail,
  RegionSummary,
  Staff,
  StaffDetail,
  Stationing,
  TreeNode,
  UpdateCenterBody,
  UpdateDepartmentBody,
  UpdateRegionBody,
  UpdateStaffBody,
  UpdateStationingBody,
  UpdateWindowBody,
  Window,
} from './org.contract.js';
import * as repo from './org.repo.js';
import {
  centerLevelFor,
  checkCenterRegion,
  checkDeactivation,
  checkDepartmentRegion,
  checkRegion,
  checkStationing,
  checkWindow,
  childPath,
  PARENT_INACTIVE,
  type DepartmentKind,
  type RuleViolation,
  type WindowKind,
} from './org.rules.js';

/**
 * Use cases of the organisation module. Each runs in one transaction; every write is audited in that
 * same transaction. Authorization: `requireAbility` first (403 when the role may never do this), then
 * load, then `authorize` against the object's place in the tree (404 + denial audit when out of scope).
 */

export interface OrgCtx {
  actor: Actor;
  meta: RequestMeta;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const isoNN = (d: Date | string): string => new Date(d).toISOString();

const rule = (v: RuleViolation | null): void => {
  if (v) throw new BusinessRule(v.code, v.message);
};

function checkVersion(current: number, given: number | undefined): void {
  if (given !== undefined && given !== current) throw new Conflict();
}

/** A unique index fired (a race with another writer): answer 409 with the friendly message. */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur = e as { code?: string; cause?: unknown } | undefined, i = 0; cur && i < 5; cur = cur.cause as typeof cur, i++) {
    if (cur.code === '23505') return true;
  }
  return false;
}

async function guardUnique<T>(work: () => Promise<T>, message: string, code: string): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict(message, code);
    throw e;
  }
}

async function audit(
  tx: Executor,
  ctx: OrgCtx,
  action: AuditAction,
  objectType: string,
  objectId: string,
  countyId: string | null,
  changes?: FieldChanges,
  details?: Record<string, unknown>,
): Promise<void> {
  await writeAudit(tx, ctx.actor, ctx.meta, { action, objectType, objectId, countyId, changes, details });
}

function abilitiesOf(actor: Actor, checks: [ObjectType, Action][], target: ScopeTarget): string[] {
  return checks.filter(([o, a]) => can(actor, a, o, target)).map(([o, a]) => `${o}.${a}`);
}

// ---------------------------------------------------------------------------------------------------
// Mappers: rows → contract shapes (allowlists)

export const toRegionSummary = (r: repo.RegionRow): RegionSummary => ({
  id: r.id,
  code: r.code,
  name: r.name,
  level: r.level as RegionLevel,
  active: r.active,
});

export const toRegion = (r: repo.RegionRow): Region => ({
  ...toRegionSummary(r),
  parentId: r.parentId,
  countyId: r.countyId,
  version: r.version,
  updatedAt: isoNN(r.updatedAt),
});

const toCenterSummary = (c: repo.CenterRow): CenterSummary => ({
  id: c.id,
  name: c.name,
  level: c.level as CenterSummary['level'],
  active: c.active,
});

export const toCenter = (cw: repo.CenterWithRegion): Center => ({
  ...toCenterSummary(cw.center),
  regionId: cw.center.regionId,
  regionName: cw.regionName,
  regionCode: cw.regionCode,
  countyId: cw.center.countyId,
  address: cw.center.address,
  hours: cw.center.hours,
  phone: cw.center.phone,
  complaintPhone: cw.center.complaintPhone,
  version: cw.center.version,
  updatedAt: isoNN(cw.center.updatedAt),
});

export const toWindow = (w: repo.WindowRow): Window => ({
  id: w.id,
  centerId: w.centerId,
  number: w.number,
  name: w.name,
  kind: w.kind as WindowKind,
  sector: w.sector,
  categories: w.categories,
  dailyCap: w.dailyCap,
  active: w.active,
  version: w.version,
  updatedAt: isoNN(w.updatedAt),
});

const toDepartmentSummary = (d: repo.DepartmentRow) => ({
  id: d.id,
  name: d.name,
  shortName: d.shortName,
  kind: d.kind as DepartmentKind,
  active: d.active,
});

export const toDepartment = (dw: repo.DepartmentWithRegion): Department => ({
  ...toDepartmentSummary(dw.department),
  regionId: dw.department.regionId,
  regionName: dw.regionName,
  countyId: dw.department.countyId,
  creditCode: dw.department.creditCode,
  version: dw.department.version,
  updatedAt: isoNN(dw.department.updatedAt),
});

const toStationing = (v: repo.StationingView, staff: Map<string, repo.StaffSummaryRow[]>): Stationing => ({
  id: v.stationing.id,
  active: v.stationing.active,
  department: toDepartmentSummary(v.department),
  center: toCenterSummary(v.center),
  staff: staff.get(v.stationing.id) ?? [],
  updatedAt: isoNN(v.stationing.updatedAt),
});

const toRoleGrant = (g: GrantView) => ({
  id: g.id,
  role: g.role,
  roleLabel: ROLE_LABELS[g.role] ?? g.role,
  scopeType: g.scopeType,
  scopeId: g.centerId ?? g.regionId,
  scopeName: g.scopeName,
});

export const toStaff = (s: repo.StaffRow, grants: GrantView[]): Staff => ({
  id: s.user.id,
  username: s.user.username,
  displayName: s.user.displayName,
  active: s.user.active,
  phoneMasked: s.user.phoneMasked,
  idNumberMasked: s.user.idNumberMasked,
  departmentId: s.user.departmentId,
  departmentName: s.departmentName,
  homeRegionId: s.user.homeRegionId,
  homeRegionName: s.homeRegionName,
  countyId: s.user.countyId,
  mustChangePassword: s.user.mustChangePassword,
  locked: !!s.user.lockedUntil && s.user.lockedUntil.getTime() > Date.now(),
  lastLoginAt: iso(s.user.lastLoginAt),
  version: s.user.version,
  createdAt: isoNN(s.user.createdAt),
  updatedAt: isoNN(s.user.updatedAt),
  roles: grants.map(toRoleGrant),
});

// ---------------------------------------------------------------------------------------------------
// Regions

export async function getTree(deps: Deps, ctx: OrgCtx, includeInactive: boolean): Promise<{ roots: TreeNode[] }> {
  const regionScope = requireAbility(ctx.actor, 'read', 'region');
  const centerScope = scopeFor(ctx.actor, 'read', 'center');
  return deps.db.transaction(async (tx) => {
    const rs = await repo.allRegionsInScope(tx, regionScope, includeInactive);
    const cs = await repo.allCentersInScope(tx, centerScope, includeInactive);
    return { roots: buildTree(rs, cs.map((c) => c.center)) };
  });
}

/** Nest regions by parent; a region whose parent is not visible becomes a root. Children sorted by code. */
export function buildTree(rs: repo.RegionRow[], cs: repo.CenterRow[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const r of rs) nodes.set(r.id, { ...toRegionSummary(r), parentId: r.parentId, centers: [], children: [] });
  for (const c of cs) nodes.get(c.regionId)?.centers.push(toCenterSummary(c));
  const roots: TreeNode[] = [];
  for (const r of rs) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode[]) => {
    list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export async function listRegions(deps: Deps, ctx: OrgCtx, f: repo.RegionFilter) {
  const scope = requireAbility(ctx.actor, 'read', 'region');
  return deps.db.transaction(async (tx) => {
    const { items, nextCursor } = await repo.listRegions(tx, scope, f);
    return { items: items.map(toRegion), nextCursor };
  });
}

async function loadRegion(tx: Executor, id: string, lock = false): Promise<repo.RegionRow> {
  const r = await repo.getRegion(tx, id, lock);
  if (!r) throw new NotFound('区划不存在');
  return r;
}

async function regionDetail(tx: Executor, actor: Actor, r: repo.RegionRow): Promise<RegionDetail> {
  const ancestorIds = r.path.split('/').filter((x) => x && x !== r.id);
  const ancestors = (await repo.regionsByIds(tx, ancestorIds))
    .filter((a) => can(actor, 'read', 'region', { regionPath: a.path }))
    .sort((a, b) => a.path.length - b.path.length);
  const counts = await repo.countRegionChildren(tx, r.id);
  const centerScope = scopeFor(actor, 'read', 'center');
  const cs = await repo.listCenters(tx, centerScope, { regionId: r.id, includeInactive: true, limit: 500 });
  return {
    ...toRegion(r),
    ancestors: ancestors.map(toRegionSummary),
    childCount: counts.regions,
    centers: cs.items.map((c) => toCenterSummary(c.center)),
    abilities: abilitiesOf(
      actor,
      [
        ['region', 'update'],
        ['region', 'deactivate'],
        ['region', 'create'],
        ['center', 'create'],
        ['department', 'create'],
        ['staff', 'create'],
      ],
      { regionPath: r.path },
    ),
  };
}

export async function getRegion(deps: Deps, ctx: OrgCtx, id: string): Promise<RegionDetail> {
  requireAbility(ctx.actor, 'read', 'region');
  return deps.db.transaction(async (tx) => {
    const r = await loadRegion(tx, id);
    authorize(ctx.actor, 'read', 'region', { regionPath: r.path });
    return regionDetail(tx, ctx.actor, r);
  });
}

const REGION_FIELDS = ['parentId', 'level', 'code', 'name', 'active'] as const;

export async function createRegion(deps: Deps, ctx: OrgCtx, body: CreateRegionBody): Promise<RegionDetail> {
  requireAbility(ctx.actor, 'create', 'region');
  return deps.db.transaction(async (tx) => {
    const parent = body.parentId ? await loadRegion(tx, body.parentId, true) : null;
    if (parent) authorize(ctx.actor, 'read', 'region', { regionPath: parent.path });
    const id = newId();
    const path = childPath(parent?.path ?? null, id);
    if (!can(ctx.actor, 'create', 'region', { regionPath: path })) {
      if (parent) throw new OutOfScope();
      throw new Forbidden('只能在本人管辖范围内新建区划');
    }
    rule(checkRegion({ code: body.code, level: body.level }, parent ? { ...parent, level: parent.level as RegionLevel } : null));
    if (parent && !parent.active) rule(PARENT_INACTIVE);
    if (await repo.getRegionByCode(tx, body.code)) throw new Conflict(`区划代码 ${body.code} 已存在`, 'DUPLICATE_CODE');
    const countyId = body.level === 'county' ? id : (parent?.countyId ?? null);
    const row = await guardUnique(
      () => repo.insertRegion(tx, { id, parentId: parent?.id ?? null, countyId, level: body.level, code: body.code, name: body.name, path }),
      `区划代码 ${body.code} 已存在`,
      'DUPLICATE_CODE',
    );
    await audit(tx, ctx, 'org.created', 'region', id, countyId, diffFields(null, row, REGION_FIELDS));
    return regionDetail(tx, ctx.actor, row);
  });
}

export async function updateRegion(deps: Deps, ctx: OrgCtx, id: string, body: UpdateRegionBody): Promise<RegionDetail> {
  requireAbility(ctx.actor, 'update', 'region');
  return deps.db.transaction(async (tx) => {
    const r = await loadRegion(tx, id, true);
    authorize(ctx.actor, 'update', 'region', { regionPath: r.path });
    checkVersion(r.version, body.version);
    const set: { code?: string; name?: string } = {};
    if (body.name !== undefined && body.name !== r.name) set.name = body.name;
    if (body.code !== undefined && body.code !== r.code) {
      const parent = r.parentId ? await loadRegion(tx, r.parentId) : null;
      rule(checkRegion({ code: body.code, level: r.level as RegionLevel }, parent ? { ...parent, level: parent.level as RegionLevel } : null));
      if ((await repo.countRegionChildren(tx, r.id)).regions > 0) {
        throw new BusinessRule('REGION_CODE_LOCKED', '已有下级区划的区划代码不能修改（下级代码以它开头）');
      }
      if (await repo.getRegionByCode(tx, body.code)) throw new Conflict(`区划代码 ${body.code} 已存在`, 'DUPLICATE_CODE');
      set.code = body.code;
    }
    if (Object.keys(set).length === 0) return regionDetail(tx, ctx.actor, r);
    const updated = await guardUnique(() => repo.updateRegion(tx, id, body.version, set), `区划代码 ${body.code} 已存在`, 'DUPLICATE_CODE');
    if (!updated) throw new Conflict();
    await audit(tx, ctx, 'org.updated', 'region', id, r.countyId, diffFields(r, updated, REGION_FIELDS));
    return regionDetail(tx, ctx.actor, updated);
  });
}

export async function setRegionActive(deps: Deps, ctx: OrgCtx, id: string, active: boolean, version?: number): Promise<RegionDetail> {
  requireAbility(ctx.actor, 'deactivate', 'region');
  return deps.db.transaction(async (tx) => {
    const r = await loadRegion(tx, id, true);
    authorize(ctx.actor, 'deactivate', 'region', { regionPath: r.path });
    checkVersion(r.version, version);
    if (r.active === active) return regionDetail(tx, ctx.actor, r);
    if (active) {
      const parent = r.parentId ? await loadRegion(tx, r.parentId) : null;
      if (parent && !parent.active) rule(PARENT_INACTIVE);
    } else {
      const c = await repo.countRegionChildren(tx, r.id);
      rule(checkDeactivation({ regions: c.activeRegions, centers: c.activeCenters, departments: c.activeDepartments }));
    }
    const updated = await repo.updateRegion(tx, id, r.version, { active });
    if (!updated) throw new Conflict();
    await audit(tx, ctx, active ? 'org.reactivated' : 'org.deactivated', 'region', id, r.countyId, diffFields(r, updated, ['active']));
    return regionDetail(tx, ctx.actor, updated);
  });
}

// ---------------------------------------------------------------------------------------------------
// Centers

export async function listCenters(deps: Deps, ctx: OrgCtx, f: repo.CenterFilter) {
  const scope = requireAbility(ctx.actor, 'read', 'center');
  return deps.db.transaction(async (tx) => {
    const { items, nextCursor } = await repo.listCenters(tx, scope, f);
    return { items: items.map((c) => ({ ...toCenter(c), abilities: abilitiesOf(ctx.actor, CENTER_CHECKS, centerTarget(c)) })), nextCursor };
  });
}

async function loadCenter(tx: Executor, id: string, lock = false): Promise<repo.CenterWithRegion> {
  const c = await repo.getCenter(tx, id, lock);
  if (!c) throw new NotFound('服务中心不存在');
  return c;
}

const centerTarget = (c: repo.CenterWithRegion): ScopeTarget => ({ centerId: c.center.id, regionPath: c.regionPath });

/** What the caller may do with a center, returned with each center (list rows and detail alike). */
const CENTER_CHECKS: [ObjectType, Action][] = [
  ['center', 'update'],
  ['center', 'deactivate'],
  ['window', 'create'],
  ['window', 'update'],
  ['window', 'deactivate'],
  ['stationing', 'create'],
  ['stationing', 'update'],
  ['stationing', 'deactivate'],
];

async function centerDetail(tx: Executor, actor: Actor, c: repo.CenterWithRegion): Promise<CenterDetail> {
  const ws = await repo.windowsOfCenter(tx, c.center.id);
  const sts = await repo.stationingsOfCenter(tx, c.center.id);
  const staff = await repo.staffOfStationings(
    tx,
    sts.map((s) => s.stationing.id),
  );
  return {
    ...toCenter(c),
    windows: ws.map(toWindow),
    stationings: sts.map((s) => toStationing(s, staff)),
    abilities: abilitiesOf(actor, CENTER_CHECKS, centerTarget(c)),
  };
}

export async function getCenter(deps: Deps, ctx: OrgCtx, id: string): Promise<CenterDetail> {
  requireAbility(ctx.actor, 'read', 'center');
  return deps.db.transaction(async (tx) => {
    const c = await loadCenter(tx, id);
    authorize(ctx.actor, 'read', 'center', centerTarget(c));
    return centerDetail(tx, ctx.actor, c);
  });
}

const CENTER_FIELDS = ['regionId', 'level', 'name', 'address', 'hours', 'phone', 'complaintPhone', 'active'] as const;

export async function createCenter(deps: Deps, ctx: OrgCtx, body: CreateCenterBody): Promise<CenterDetail> {
  requireAbility(ctx.actor, 'create', 'center');
  return deps.db.transaction(async (tx) => {
    const region = await loadRegion(tx, body.regionId, true);
    authorize(ctx.actor, 'create', 'center', { regionPath: region.path });
    rule(checkCenterRegion(region.level as RegionLevel));
    if (!region.active) throw new BusinessRule('PARENT_INACTIVE', '所在区划已停用，不能新建服务中心');
    if (await repo.findCenterByName(tx, region.id, body.name)) {
      throw new Conflict(`本区划已有名为“${body.name}”的服务中心`, 'DUPLICATE_NAME');
    }
    const id = newId();
    const row = await guardUnique(
      () =>
        repo.insertCenter(tx, {
          id,
          regionId: region.id,
          countyId: region.countyId!,
          level: centerLevelFor(region.level as RegionLevel)!,
          name: body.name,
          address: body.address,
          hours: body.hours,
          phone: body.phone,
          complaintPhone: body.complaintPhone,
        }),
      `本区划已有名为“${body.name}”的服务中心`,
      'DUPLICATE_NAME',
    );
    await audit(tx, ctx, 'org.created', 'center', id, row.countyId, diffFields(null, row, CENTER_FIELDS));
    return centerDetail(tx, ctx.actor, await loadCenter(tx, id));
  });
}

export async function updateCenter(deps: Deps, ctx: OrgCtx, id: string, body: UpdateCenterBody): Promise<CenterDetail> {
  requireAbility(ctx.actor, 'update', 'center');
  return deps.db.transaction(async (tx) => {
    const c = await loadCenter(tx, id, true);
    authorize(ctx.actor, 'update', 'center', centerTarget(c));
    checkVersion(c.center.version, body.version);
    const { version, ...fields } = body;
    const set = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== undefined && v !== c.center[k as keyof repo.CenterRow]));
    if (Object.keys(set).length === 0) return centerDetail(tx, ctx.actor, c);
    if (set.name && (await repo.findCenterByName(tx, c.center.regionId, set.name as string, id))) {
      throw new Conflict(`本区划已有名为“${set.name}”的服务中心`, 'DUPLICATE_NAME');
    }
    const updated = await guardUnique(() => repo.updateCenter(tx, id, version, set), '本区划已有同名服务中心', 'DUPLICATE_NAME');
    if (!updated) throw new Conflict();
    await audit(tx, ctx, 'org.updated', 'center', id, c.center.countyId, diffFields(c.center, updated, CENTER_FIELDS));
    return centerDetail(tx, ctx.actor, await loadCenter(tx, id));
  });
}

export async function setCenterActive(deps: Deps, ctx: OrgCtx, id: string, active: boolean, version?: number): Promise<CenterDetail> {
  requireAbility(ctx.actor, 'deactivate', 'center');
  return deps.db.transaction(async (tx) => {
    const c = await loadCenter(tx, id, true);
    authorize(ctx.actor, 'deactivate', 'center', centerTarget(c));
    checkVersion(c.center.version, version);
    if (c.center.active === active) return centerDetail(tx, ctx.actor, c);
    if (active) {
      if (!c.regionActive) throw new BusinessRule('PARENT_INACTIVE', '所在区划已停用，请先启用区划');
    } else {
      const n = await repo.countCenterChildren(tx, id);
      rule(checkDeactivation({ windows: n.activeWindows, stationings: n.activeStationings }));
    }
    const updated = await repo.updateCenter(tx, id, c.center.version, { active });
    if (!updated) throw new Conflict();
    await audit(tx, ctx, active ? 'org.reactivated' : 'org.deactivated', 'center', id, c.center.countyId, diffFields(c.center, updated, ['active']));
    return centerDetail(tx, ctx.actor, await loadCenter(tx, id));
  });
}

// ---------------------------------------------------------------------------------------------------
// Windows

const WINDOW_FIELDS = ['centerId', 'number', 'name', 'kind', 'sector', 'categories', 'dailyCap', 'active'] as const;

async function loadWindow(tx: Executor, id: string, lock = false): Promise<repo.WindowWithCenter> {
  const w = await repo.getWindow(tx, id, lock);
  if (!w) throw new NotFound('窗口不存在');
  return w;
}

const windowTarget = (w: repo.WindowWithCenter): ScopeTarget => ({ centerId: w.window.centerId, regionPath: w.regionPath });

export async function getWindow(deps: Deps, ctx: OrgCtx, id: string): Promise<Window> {
  requireAbility(ctx.actor, 'read', 'window');
  return deps.db.transaction(async (tx) => {
    const w = await loadWindow(tx, id);
    authorize(ctx.actor, 'read', 'window', windowTarget(w));
    return toWindow(w.window);
  });
}

export async function createWindow(deps: Deps, ctx: OrgCtx, centerId: string, body: CreateWindowBody): Promise<Window> {
  requireAbility(ctx.actor, 'create', 'window');
  return deps.db.transaction(async (tx) => {
    const c = await loadCenter(tx, centerId, true);
    authorize(ctx.actor, 'create', 'window', centerTarget(c));
    const shape = { kind: body.kind, sector: body.sector || null, categories: body.categories, dailyCap: body.dailyCap };
    rule(checkWindow(shape));
    if (!c.center.active) throw new BusinessRule('PARENT_INACTIVE', '服务中心已停用，不能新建窗口');
    if (await repo.findWindowByNumber(tx, centerId, body.number)) {
      throw new Conflict(`本中心已有 ${body.number} 号窗口`, 'DUPLICATE_WINDOW_NUMBER');
    }
    const row = await guardUnique(
      () => repo.insertWindow(tx, { centerId, countyId: c.center.countyId, number: body.number, name: body.name, ...shape }),
      `本中心已有 ${body.number} 号窗口`,
      'DUPLICATE_WINDOW_NUMBER',
    );
    await audit(tx, ctx, 'org.created', 'window', row.id, row.countyId, diffFields(null, row, WINDOW_FIELDS), { centerId });
    return toWindow(row);
  });
}

export async function updateWindow(deps: Deps, ctx: OrgCtx, id: string, body: UpdateWindowBody): Promise<Window> {
  requireAbility(ctx.actor, 'update', 'window');
  return deps.db.transaction(async (tx) => {
    const w = await loadWindow(tx, id, true);
    authorize(ctx.actor, 'update', 'window', windowTarget(w));
    checkVersion(w.window.version, body.version);
    const kind = body.kind ?? (w.window.kind as WindowKind);
    const shape = {
      kind,
      // Switching to a comprehensive window drops the sector unless one is given explicitly.
      sector: body.sector !== undefined ? body.sector || null : kind === 'comprehensive' ? null : w.window.sector,
      categories: body.categories ?? w.window.categories,
      dailyCap: body.dailyCap !== undefined ? body.dailyCap : w.window.dailyCap,
    };
    rule(checkWindow(shape));
    const number = body.number ?? w.window.number;
    if (number !== w.window.number && (await repo.findWindowByNumber(tx, w.window.centerId, number, id))) {
      throw new Conflict(`本中心已有 ${number} 号窗口`, 'DUPLICATE_WINDOW_NUMBER');
    }
    const next = { number, name: body.name ?? w.window.name, ...shape };
    const changes = diffFields(w.window, next, WINDOW_FIELDS);
    if (Object.keys(changes).length === 0) return toWindow(w.window);
    const updated = await guardUnique(() => repo.updateWindow(tx, id, body.version, next), `本中心已有 ${number} 号窗口`, 'DUPLICATE_WINDOW_NUMBER');
    if (!updated) throw new Conflict();
    await audit(tx, ctx, 'org.updated', 'window', id, w.window.countyId, changes, { centerId: w.window.centerId });
    return toWindow(updated);
  });
}

export async function setWindowActive(deps: Deps, ctx: OrgCtx, id: string, active: boolean, version?: number): Promise<Window> {
  requireAbility(ctx.actor, 'deactivate', 'window');
  return deps.db.transaction(async (tx) => {
    const w = await loadWindow(tx, id, true);
    authorize(ctx.actor, 'deactivate', 'window', windowTarget(w));
    checkVersion(w.window.version, version);
    if (w.window.active === active) return toWindow(w.window);
    if (active && !w.centerActive) throw new BusinessRule('PARENT_INACTIVE', '服务中心已停用，请先启用服务中心');
    const updated = await repo.updateWindow(tx, id, w.window.version, { active });
    if (!updated) throw new Conflict();
    await audit(tx, ctx, active ? 'org.reactivated' : 'org.deactivated', 'window', id, w.window.countyId, diffFields(w.window, updated, ['active']), {
      centerId: w.window.centerId,
    });
    return toWindow(updated);
  });
}

// ---------------------------------------------------------------------------------------------------
// Departments

const DEPARTMENT_FIELDS = ['regionId', 'kind', 'name', 'shortName', 'creditCode', 'active'] as const;

async function loadDepartment(tx: Executor, id: string, lock = false): Promise<repo.DepartmentWithRegion> {
  const d = await repo.getDepartment(tx, id, lock);
  if (!d) throw new NotFound('部门不存在');
  return d;
}

/** Read access to a department: its region is in scope, or it is stationed at a center in scope. */
async function authorizeDepartmentRead(tx: Executor, actor: Actor, d: repo.DepartmentWithRegion): Promise<void> {
  if (can(actor, 'read', 'department', { regionPath: d.regionPath })) return;
  if (await repo.isStationedInScope(tx, d.department.id, scopeFor(actor, 'read', 'center'))) return;
  throw new OutOfScope();
}

async function departmentDetail(tx: Executor, actor: Actor, d: repo.DepartmentWithRegion) {
  const sts = (await repo.stationingsOfDepartment(tx, d.department.id)).filter((s) =>
    can(actor, 'read', 'center', { centerId: s.center.id, regionPath: s.regionPath }),
  );
  const staff = await repo.staffOfStationings(
    tx,
    sts.map((s) => s.stationing.id),
  );
  return {
    ...toDepartment(d),
    stationings: sts.map((s) => toStationing(s, staff)),
    abilities: abilitiesOf(actor, DEPARTMENT_CHECKS, { regionPath: d.regionPath }),
  };
}

const DEPARTMENT_CHECKS: [ObjectType, Action][] = [
  ['department', 'update'],
  ['department', 'deactivate'],
];

export async function listDepartments(deps: Deps, ctx: OrgCtx, f: repo.DepartmentFilter) {
  const scope = requireAbility(ctx.actor, 'read', 'department');
  const centerScope = scopeFor(ctx.actor, 'read', 'center');
  return deps.db.transaction(async (tx) => {
    const { items, nextCursor } = await repo.listDepartments(tx, scope, centerScope, f);
    return {
      items: items.map((d) => ({ ...toDepartment(d), abilities: abilitiesOf(ctx.actor, DEPARTMENT_CHECKS, { regionPath: d.regionPath }) })),
      nextCursor,
    };
  });
}

export async function getDepartment(deps: Deps, ctx: OrgCtx, id: string) {
  requireAbility(ctx.actor, 'read', 'department');
  return deps.db.transaction(async (tx) => {
    const d = await loadDepartment(tx, id);
    await authorizeDepartmentRead(tx, ctx.actor, d);
    return departmentDetail(tx, ctx.actor, d);
  });
}

export async function createDepartment(deps: Deps, ctx: OrgCtx, body: CreateDepartmentBody) {
  requireAbility(ctx.actor, 'create', 'department');
  return deps.db.transaction(async (tx) => {
    const region = await loadRegion(tx, body.regionId, true);
    authorize(ctx.actor, 'create', 'department', { regionPath: region.path });
    rule(checkDepartmentRegion(body.kind, region.level as RegionLevel));
    if (!region.active) throw new BusinessRule('PARENT_INACTIVE', '所属区划已停用，不能新建部门');
    if (!region.countyId) throw new BusinessRule('DEPARTMENT_REGION_LEVEL_INVALID', '部门须属于某个县（区）或其下级区划');
    if (await repo.findDepartmentByName(tx, region.id, body.name)) throw new Conflict(`本区划已有“${body.name}”`, 'DUPLICATE_NAME');
    if (body.creditCode && (await repo.findDepartmentByCreditCode(tx, body.creditCode))) {
      throw new Conflict('统一社会信用代码已被其他部门使用', 'DUPLICATE_CREDIT_CODE');
    }
    const row = await guardUnique(
      () =>
        repo.insertDepartment(tx, {
          regionId: region.id,
          countyId: region.countyId!,
          kind: body.kind,
          name: body.name,
          shortName: body.shortName,
          creditCode: body.creditCode,
        }),
      `本区划已有“${body.name}”`,
      'DUPLICATE_NAME',
    );
    await audit(tx, ctx, 'org.created', 'department', row.id, row.countyId, diffFields(null, row, DEPARTMENT_FIELDS));
    return departmentDetail(tx, ctx.actor, await loadDepartment(tx, row.id));
  });
}

export async function updateDepartment(deps: Deps, ctx: OrgCtx, id: string, body: UpdateDepartmentBody) {
  requireAbility(ctx.actor, 'update', 'department');
  return deps.db.transaction(async (tx) => {
    const d = await loadDepartment(tx, id, true);
    authorize(ctx.actor, 'update', 'department', { regionPath: d.regionPath });
    checkVersion(d.department.version, body.version);
    const { version, ...fields } = body;
    const set = Object.fromEntries(
      Object.entries(fields).filter(([k, v]) => v !== undefined && v !== d.department[k as keyof repo.DepartmentRow]),
    ) as Partial<repo.DepartmentRow>;
    if (Object.keys(set).length === 0) return departmentDetail(tx, ctx.actor, d);
    if (set.name && (await repo.findDepartmentByName(tx, d.department.regionId, set.name, id))) {
      throw new Conflict(`本区划已有“${set.name}”`, 'DUPLICATE_NAME');
    }
    if (set.creditCode && (await repo.findDepartmentByCreditCode(tx, set.creditCode, id))) {
      throw new Conflict('统一社会信用代码已被其他部门使用', 'DUPLICATE_CREDIT_CODE');
    }
    const updated = await guardUnique(() => repo.updateDepartment(tx, id, version, set), '本区划已有同名部门', 'DUPLICATE_NAME');
    if (!updated) throw new Conflict();
    await audit(tx, ctx, 'org.updated', 'department', id, d.department.countyId, diffFields(d.department, updated, DEPARTMENT_FIELDS));
    return departmentDetail(tx, ctx.actor, await loadDepartment(tx, id));
  });
}

export async function setDepartmentActive(deps: Deps, ctx: OrgCtx, id: string, active: boolean, version?: number) {
  requireAbility(ctx.actor, 'deactivate', 'department');
  return deps.db.transaction(async (tx) => {
    const d = await loadDepartment(tx, id, true);
    authorize(ctx.actor, 'deactivate', 'department', { regionPath: d.regionPath });
    checkVersion(d.department.version, version);
    if (d.department.active === active) return departmentDetail(tx, ctx.actor, d);
    if (active) {
      if (!d.regionActive) throw new BusinessRule('PARENT_INACTIVE', '所属区划已停用，请先启用区划');
    } else {
      rule(checkDeactivation({ stationings: (await repo.countDepartmentChildren(tx, id)).activeStationings }));
    }
    const updated = await repo.updateDepartment(tx, id, d.department.version, { active });
    if (!updated) throw new Conflict();
    await audit(
      tx,
      ctx,
      active ? 'org.reactivated' : 'org.deactivated',
      'department',
      id,
      d.department.countyId,
      diffFields(d.department, updated, ['active']),
    );
    return departmentDetail(tx, ctx.actor, await loadDepartment(tx, id));
  });
}

// ---------------------------------------------------------------------------------------------------
// Stationings (进驻)

async function loadStationing(tx: Executor, id: string, lock = false): Promise<repo.StationingView> {
  const s = await repo.getStationing(tx, id, lock);
  if (!s) throw new NotFound('进驻记录不存在');
  return s;
}

const stationingTarget = (s: repo.StationingView): ScopeTarget => ({ centerId: s.center.id, regionPath: s.regionPath });

async function stationingView(tx: Executor, id: string): Promise<Stationing> {
  const s = await loadStationing(tx, id);
  return toStationing(s, await repo.staffOfStationings(tx, [id]));
}

/** Staff to station: existing, active staff accounts of the center's county that the actor can see. */
async function checkStationStaff(tx: Executor, actor: Actor, countyId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Map((await repo.staffSummaries(tx, unique)).map((u) => [u.id, u]));
  const bad: string[] = [];
  for (const id of unique) {
    const u = found.get(id);
    if (!u || u.kind !== 'staff' || u.countyId !== countyId || !u.active) {
      bad.push(id);
      continue;
    }
    const s = await repo.getStaff(tx, id);
    if (!s || !can(actor, 'read', 'staff', { regionPath: s.homeRegionPath })) bad.push(id);
  }
  if (bad.length) throw new BusinessRule('STAFF_INVALID', '所选人员不存在、已停用或不属于本县', { staffIds: bad });
  return unique;
}

async function usernamesOf(tx: Executor, ids: string[]): Promise<string[]> {
  return (await repo.staffSummaries(tx, ids)).map((u) => u.username).sort();
}

export async function getStationing(deps: Deps, ctx: OrgCtx, id: string): Promise<Stationing> {
  requireAbility(ctx.actor, 'read', 'stationing');
  return deps.db.transaction(async (tx) => {
    const s = await loadStationing(tx, id);
    authorize(ctx.actor, 'read', 'stationing', stationingTarget(s));
    return stationingView(tx, id);
  });
}

export async function createStationing(deps: Deps, ctx: OrgCtx, centerId: string, body: CreateStationingBody): Promise<Stationing> {
  requireAbility(ctx.actor, 'create', 'stationing');
  return deps.db.transaction(async (tx) => {
    const c = await loadCenter(tx, centerId, true);
    authorize(ctx.actor, 'create', 'stationing', centerTarget(c));
    const d = await loadDepartment(tx, body.departmentId);
    await authorizeDepartmentRead(tx, ctx.actor, d);
    rule(checkStationing(d.regionPath, c.regionPath));
    if (!c.center.active) throw new BusinessRule('PARENT_INACTIVE', '服务中心已停用');
    if (!d.department.active) throw new BusinessRule('DEPARTMENT_INACTIVE', '部门已停用');
    const existing = await repo.findStationing(tx, d.department.id, centerId);
    if (existing) {
      throw new Conflict(existing.active ? '该部门已进驻本中心' : '该部门曾进驻本中心，请启用原进驻记录', 'STATIONING_EXISTS', {
        stationingId: existing.id,
      });
    }
    const staffIds = await checkStationStaff(tx, ctx.actor, c.center.countyId, body.staffIds);
    const row = await guardUnique(
      () => repo.insertStationing(tx, { departmentId: d.department.id, centerId, countyId: c.center.countyId }),
      '该部门已进驻本中心',
      'STATIONING_EXISTS',
    );
    await repo.setStationingStaff(tx, row.id, staffIds);
    await audit(
      tx,
      ctx,
      'org.created',
      'stationing',
      row.id,
      row.countyId,
      {
        departmentId: { before: null, after: d.department.id },
        centerId: { before: null, after: centerId },
        staff: { before: null, after: await usernamesOf(tx, staffIds) },
      },
      { department: d.department.name, center: c.center.name },
    );
    return stationingView(tx, row.id);
  });
}

export async function updateStationing(deps: Deps, ctx: OrgCtx, id: string, body: UpdateStationingBody): Promise<Stationing> {
  requireAbility(ctx.actor, 'update', 'stationing');
  return deps.db.transaction(async (tx) => {
    const s = await loadStationing(tx, id, true);
    authorize(ctx.actor, 'update', 'stationing', stationingTarget(s));
    const before = (await repo.staffOfStationings(tx, [id])).get(id) ?? [];
    const staffIds = await checkStationStaff(
      tx,
      ctx.actor,
      s.center.countyId,
      // People already listed may stay even if inactive now; new ones must be valid.
      body.staffIds.filter((x) => !before.some((b) => b.id === x)),
    );
    const keep = body.staffIds.filter((x) => before.some((b) => b.id === x));
    const next = [...new Set([...keep, ...staffIds])];
    const beforeNames = before.map((b) => b.username).sort();
    const afterNames = await usernamesOf(tx, next);
    if (beforeNames.join(',') !== afterNames.join(',')) {
      await repo.setStationingStaff(tx, id, next);
      await repo.touchStationing(tx, id);
      await audit(tx, ctx, 'org.updated', 'stationing', id, s.stationing.countyId, { staff: { before: beforeNames, after: afterNames } });
    }
    return stationingView(tx, id);
  });
}

export async function setStationingActive(deps: Deps, ctx: OrgCtx, id: string, active: boolean): Promise<Stationing> {
  requireAbility(ctx.actor, 'deactivate', 'stationing');
  return deps.db.transaction(async (tx) => {
    const s = await loadStationing(tx, id, true);
    authorize(ctx.actor, 'deactivate', 'stationing', stationingTarget(s));
    if (s.stationing.active !== active) {
      if (active && !s.center.active) throw new BusinessRule('PARENT_INACTIVE', '服务中心已停用');
      if (active && !s.department.active) throw new BusinessRule('DEPARTMENT_INACTIVE', '部门已停用');
      await repo.setStationingActive(tx, id, active);
      await audit(tx, ctx, active ? 'org.reactivated' : 'org.deactivated', 'stationing', id, s.stationing.countyId, {
        active: { before: !active, after: active },
      });
    }
    return stationingView(tx, id);
  });
}

// ---------------------------------------------------------------------------------------------------
// Staff

const STAFF_FIELDS = ['username', 'displayName', 'phone', 'idNumber', 'homeRegionId', 'departmentId', 'active'] as const;
const STAFF_PII = { phone: 'phone', idNumber: 'id' } as const;

async function loadStaff(tx: Executor, id: string, lock = false): Promise<repo.StaffRow> {
  const s = await repo.getStaff(tx, id, lock);
  if (!s) throw new NotFound('工作人员不存在');
  return s;
}

const staffTarget = (s: repo.StaffRow): ScopeTarget => ({ regionPath: s.homeRegionPath });

const STAFF_CHECKS: [ObjectType, Action][] = [
  ['staff', 'update'],
  ['staff', 'deactivate'],
  ['staff', 'reset_password'],
  ['staff', 'unlock'],
  ['role_grant', 'grant'],
  ['role_grant', 'revoke'],
];

/** The policy's answer, less what guardAdminAccount refuses: nobody here deactivates or resets an admin. */
function staffAbilities(actor: Actor, s: repo.StaffRow, grants: GrantView[]): string[] {
  const all = abilitiesOf(actor, STAFF_CHECKS, staffTarget(s));
  if (!grants.some((g) => isAdminRole(g.role))) return all;
  return all.filter((a) => a !== 'staff.deactivate' && a !== 'staff.reset_password');
}

async function staffDetail(tx: Executor, actor: Actor, id: string): Promise<StaffDetail> {
  const s = await loadStaff(tx, id);
  const grants = (await activeGrants(tx, [id])).get(id) ?? [];
  const sts = await repo.stationingsOfUser(tx, id);
  return {
    ...toStaff(s, grants),
    stationings: sts.map((x) => ({
      id: x.stationing.id,
      active: x.stationing.active,
      department: toDepartmentSummary(x.department),
      center: toCenterSummary(x.center),
    })),
    abilities: staffAbilities(actor, s, grants),
  };
}

/** A full ID number or mobile typed into the search box is matched through its keyed index. */
function searchIndex(deps: Deps, q: string | undefined): string | undefined {
  if (!q) return undefined;
  if (/^\d{17}[\dXx]$/.test(q) || /^1[3-9]\d{9}$/.test(q)) return deps.crypto.index(q);
  return undefined;
}

export async function listStaff(deps: Deps, ctx: OrgCtx, f: Omit<repo.StaffFilter, 'qIndex'>) {
  const scope = requireAbility(ctx.actor, 'read', 'staff');
  return deps.db.transaction(async (tx) => {
    const { items, nextCursor } = await repo.listStaff(tx, scope, { ...f, qIndex: searchIndex(deps, f.q) });
    const grants = await activeGrants(
      tx,
      items.map((s) => s.user.id),
    );
    return {
      items: items.map((s) => {
        const gs = grants.get(s.user.id) ?? [];
        return { ...toStaff(s, gs), abilities: staffAbilities(ctx.actor, s, gs) };
      }),
      nextCursor,
    };
  });
}

export async function getStaff(deps: Deps, ctx: OrgCtx, id: string): Promise<StaffDetail> {
  requireAbility(ctx.actor, 'read', 'staff');
  return deps.db.transaction(async (tx) => {
    const s = await loadStaff(tx, id);
    authorize(ctx.actor, 'read', 'staff', staffTarget(s));
    return staffDetail(tx, ctx.actor, id);
  });
}

/** Home region and department of a staff account: in scope, active, same county. */
async function resolvePlacement(tx: Executor, actor: Actor, action: Action, homeRegionId: string, departmentId: string | null) {
  const region = await loadRegion(tx, homeRegionId);
  authorize(actor, action, 'staff', { regionPath: region.path });
  if (!region.active) throw new BusinessRule('PARENT_INACTIVE', '所属区划已停用');
  if (!region.countyId) throw new BusinessRule('STAFF_REGION_INVALID', '工作人员的所属区划应为县（区）或其下级区划');
  if (departmentId) {
    const d = await repo.getDepartment(tx, departmentId);
    if (!d || d.department.countyId !== region.countyId) {
      throw new BusinessRule('DEPARTMENT_INVALID', '所属部门不存在或不属于该县');
    }
    if (!d.department.active) throw new BusinessRule('DEPARTMENT_INACTIVE', '所属部门已停用');
  }
  return region;
}

async function checkPersonUnique(tx: Executor, deps: Deps, phone: string | undefined, idNumber: string | undefined, exceptUserId?: string) {
  const phoneIdx = phone ? deps.crypto.index(phone) : undefined;
  const idIdx = idNumber ? deps.crypto.index(idNumber) : undefined;
  const hits = (await repo.usersByIndexes(tx, { phoneIdx: phoneIdx ? [phoneIdx] : [], idNumberIdx: idIdx ? [idIdx] : [] })).filter(
    (u) => u.id !== exceptUserId,
  );
  if (idIdx && hits.some((u) => u.idNumberIdx === idIdx)) throw new Conflict('该身份证号码已被其他账号使用', 'DUPLICATE_ID_NUMBER');
  if (phoneIdx && hits.some((u) => u.phoneIdx === phoneIdx)) throw new Conflict('该手机号码已被其他账号使用', 'DUPLICATE_PHONE');
}

async function checkPassword(deps: Deps, password: string, username: string): Promise<string> {
  const settings = await loadSettings(deps.db, deps);
  const problems = checkPasswordPolicy({ password, username, policy: settings.passwordPolicy });
  if (problems.length) throw new BusinessRule('PASSWORD_POLICY', problems.join('；'), { problems });
  return hashPassword(password);
}

/** Encrypted, indexed and masked columns of a person's ID number and phone. */
export function piiColumns(deps: Deps, p: { phone?: string; idNumber?: string }) {
  return {
    ...(p.phone !== undefined
      ? { phoneEnc: deps.crypto.encrypt(p.phone), phoneIdx: deps.crypto.index(p.phone), phoneMasked: maskPhone(p.phone) }
      : {}),
    ...(p.idNumber !== undefined
      ? { idNumberEnc: deps.crypto.encrypt(p.idNumber), idNumberIdx: deps.crypto.index(p.idNumber), idNumberMasked: maskIdNumber(p.idNumber) }
      : {}),
  };
}

export async function createStaff(deps: Deps, ctx: OrgCtx, body: CreateStaffBody): Promise<StaffDetail> {
  requireAbility(ctx.actor, 'create', 'staff');
  const passwordHash = await checkPassword(deps, body.password, body.username);
  return deps.db.transaction(async (tx) => {
    const region = await resolvePlacement(tx, ctx.actor, 'create', body.homeRegionId, body.departmentId);
    if (await repo.findUserByUsername(tx, body.username)) throw new Conflict(`用户名 ${body.username} 已被使用`, 'DUPLICATE_USERNAME');
    await checkPersonUnique(tx, deps, body.phone, body.idNumber);
    const row = await guardUnique(
      () =>
        repo.insertUser(tx, {
          kind: 'staff',
          username: body.username,
          displayName: body.displayName,
          ...piiColumns(deps, body),
          passwordHash,
          mustChangePassword: true,
          countyId: region.countyId,
          departmentId: body.departmentId,
          homeRegionId: region.id,
        }),
      '用户名、手机号码或身份证号码已被使用',
      'DUPLICATE_USER',
    );
    await tx.insert(passwordHistory).values({ userId: row.id, passwordHash });
    await audit(
      tx,
      ctx,
      'staff.created',
      'staff',
      row.id,
      row.countyId,
      diffFields<Record<(typeof STAFF_FIELDS)[number], unknown>>(null, { ...body, active: true }, STAFF_FIELDS, STAFF_PII),
    );
    return staffDetail(tx, ctx.actor, row.id);
  });
}

export async function updateStaff(deps: Deps, ctx: OrgCtx, id: string, body: UpdateStaffBody): Promise<StaffDetail> {
  requireAbility(ctx.actor, 'update', 'staff');
  return deps.db.transaction(async (tx) => {
    const s = await loadStaff(tx, id, true);
    authorize(ctx.actor, 'update', 'staff', staffTarget(s));
    checkVersion(s.user.version, body.version);
    const u = s.user;
    const homeRegionId = body.homeRegionId ?? u.homeRegionId;
    const departmentId = body.departmentId !== undefined ? body.departmentId : u.departmentId;
    let countyId = u.countyId;
    if (!homeRegionId) throw new BusinessRule('STAFF_REGION_INVALID', '请选择所属区划');
    if (homeRegionId !== u.homeRegionId || departmentId !== u.departmentId) {
      countyId = (await resolvePlacement(tx, ctx.actor, 'update', homeRegionId, departmentId)).countyId;
    }
    // Personal data is compared through its keyed index: the clear value is never read back.
    const phoneChanged = body.phone !== undefined && deps.crypto.index(body.phone) !== u.phoneIdx;
    const idChanged = body.idNumber !== undefined && deps.crypto.index(body.idNumber) !== u.idNumberIdx;
    await checkPersonUnique(tx, deps, phoneChanged ? body.phone : undefined, idChanged ? body.idNumber : undefined, id);
    const set = {
      ...(body.displayName !== undefined && body.displayName !== u.displayName ? { displayName: body.displayName } : {}),
      ...(homeRegionId !== u.homeRegionId ? { homeRegionId, countyId } : {}),
      ...(departmentId !== u.departmentId ? { departmentId } : {}),
      ...piiColumns(deps, { phone: phoneChanged ? body.phone : undefined, idNumber: idChanged ? body.idNumber : undefined }),
    };
    if (Object.keys(set).length === 0) return staffDetail(tx, ctx.actor, id);
    const updated = await guardUnique(() => repo.updateUser(tx, id, body.version, set), '手机号码或身份证号码已被使用', 'DUPLICATE_USER');
    if (!updated) throw new Conflict();
    const changes = diffFields(
      { displayName: u.displayName, homeRegionId: u.homeRegionId, departmentId: u.departmentId },
      { displayName: updated.displayName, homeRegionId: updated.homeRegionId, departmentId: updated.departmentId },
      ['displayName', 'homeRegionId', 'departmentId'],
    );
    if (phoneChanged) changes.phone = { before: u.phoneMasked, after: updated.phoneMasked };
    if (idChanged) changes.idNumber = { before: u.idNumberMasked, after: updated.idNumberMasked };
    await audit(tx, ctx, 'staff.updated', 'staff', id, updated.countyId, changes);
    return staffDetail(tx, ctx.actor, id);
  });
}

export async function setStaffActive(deps: Deps, ctx: OrgCtx, id: string, active: boolean, version?: number): Promise<StaffDetail> {
  requireAbility(ctx.actor, 'deactivate', 'staff');
  return deps.db.transaction(async (tx) => {
    const s = await loadStaff(tx, id, true);
    authorize(ctx.actor, 'deactivate', 'staff', staffTarget(s));
    checkVersion(s.user.version, version);
    if (s.user.active === active) return staffDetail(tx, ctx.actor, id);
    if (!active && id === ctx.actor.userId) throw new BusinessRule('CANNOT_DEACTIVATE_SELF', '不能停用自己的账号');
    if (!active) await guardAdminAccount(tx, id);
    if (active && s.homeRegionActive === false) throw new BusinessRule('PARENT_INACTIVE', '所属区划已停用，请先启用区划');
    const updated = await repo.updateUser(tx, id, s.user.version, { active });
    if (!updated) throw new Conflict();
    if (!active) await revokeSessions(tx, id);
    await audit(tx, ctx, active ? 'staff.reactivated' : 'staff.deactivated', 'staff', id, s.user.countyId, { active: { before: !active, after: active } });
    return staffDetail(tx, ctx.actor, id);
  });
}

/**
 * 三权分立: the system administrator must not be able to switch off (or lock out by a password reset)
 * the security or audit administrator, nor another system administrator. The security administrator
 * first revokes the administrator role; then the account is ordinary staff.
 */
export async function guardAdminAccount(tx: Executor, userId: string): Promise<void> {
  const grants = (await activeGrants(tx, [userId])).get(userId) ?? [];
  if (grants.some((g) => isAdminRole(g.role))) {
    throw new BusinessRule('ADMIN_ACCOUNT_PROTECTED', '三权分立：该账号持有管理员角色，须先由安全管理员撤销其管理员角色');
  }
}

/** An administrator sets a new password; the account must change it at next login and its sessions end. */
export async function resetStaffPassword(deps: Deps, ctx: OrgCtx, id: string, password: string): Promise<StaffDetail> {
  requireAbility(ctx.actor, 'reset_password', 'staff');
  // Read the target first (outside the write transaction): the policy check needs the username and
  // argon2 hashing is too slow to run while holding row locks.
  const target = await loadStaff(deps.db, id);
  authorize(ctx.actor, 'reset_password', 'staff', staffTarget(target));
  if (id === ctx.actor.userId) throw new BusinessRule('USE_CHANGE_PASSWORD', '请通过“修改密码”修改自己的密码');
  await guardAdminAccount(deps.db, id);
  const passwordHash = await checkPassword(deps, password, target.user.username);
  return deps.db.transaction(async (tx) => {
    const s = await loadStaff(tx, id, true);
    authorize(ctx.actor, 'reset_password', 'staff', staffTarget(s));
    await guardAdminAccount(tx, id);
    const updated = await repo.updateUser(tx, id, s.user.version, {
      passwordHash,
      passwordChangedAt: new Date(),
      mustChangePassword: true,
    });
    if (!updated) throw new Conflict();
    await tx.insert(passwordHistory).values({ userId: id, passwordHash });
    await revokeSessions(tx, id);
    await audit(tx, ctx, 'staff.password_reset', 'staff', id, s.user.countyId, { mustChangePassword: { before: s.user.mustChangePassword, after: true } });
    return staffDetail(tx, ctx.actor, id);
  });
}


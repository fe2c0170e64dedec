import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth-context.js';
import { sm3 } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Forbidden } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { can, mayAttempt, scopeFor, type ObjectType } from '../../platform/policy.js';
import { isAdminRole, type RegionLevel } from '../../platform/roles.js';
import { loadWorkbook, readSheets, SheetErrors, writeWorkbook, type Column, type ParsedRow } from '../../platform/xlsx.js';
import { checkPasswordPolicy, hashPassword } from '../auth/auth.password.js';
import { activeGrants, revokeSessions } from '../auth/auth.repo.js';
import { loadSettings } from '../auth/auth.settings.js';
import { passwordHistory, users } from '../auth/auth.tables.js';
import { centers, regions } from './org.tables.js';
import { idNumberCheckChar, validateIdNumber } from '../validate/validate.rules.js';
import type { ImportReport } from './org.contract.js';
import * as repo from './org.repo.js';
import {
  activeLabel,
  centerLevelFor,
  checkCenterRegion,
  checkRegion,
  checkUsername,
  childPath,
  isMasked,
  MOBILE_RE,
  normalizeUsername,
  parseActive,
  parseRegionLevel,
  REGION_CODE_RE,
  SERVICE_PHONE_RE,
} from './org.rules.js';
import { piiColumns, type OrgCtx } from './org.service.js';

/**
 * Excel import and export of regions, centers and staff (one workbook, sheets 区划 / 服务中心 / 工作人员).
 * Import validates every row and column first and saves nothing unless the whole file is valid; then
 * everything is saved in one transaction with one `org.imported` audit row. Rows are matched to existing
 * records (region by code, center by region + name, staff by username), so re-importing is idempotent.
 */

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;

// ---------------------------------------------------------------------------------------------------
// Workbook layout (shared by template, export and import)

export const SHEETS = {
  regions: {
    name: '区划',
    object: 'region' as ObjectType,
    columns: [
      { key: 'code', header: '区划代码', required: true, text: true, width: 16, note: '12位统计用区划代码，全表唯一；已存在的代码表示更新该区划' },
      { key: 'name', header: '区划名称', required: true, width: 18, note: '如 青山镇、青山村、城关街道、东关社区' },
      { key: 'level', header: '级别', required: true, width: 10, note: '省、市、县（区）、乡镇（街道）、村（社区）之一' },
      { key: 'parentCode', header: '上级区划代码', text: true, width: 16, note: '县可不填或填市/省；乡镇填县；村填乡镇。上级须已存在或在本表中更早的行列出' },
      { key: 'status', header: '状态', width: 8, note: '启用 或 停用；不填为启用' },
    ],
  },
  centers: {
    name: '服务中心',
    object: 'center' as ObjectType,
    columns: [
      { key: 'regionCode', header: '所在区划代码', required: true, text: true, width: 16, note: '县、乡镇或村的区划代码（可为本文件“区划”表中新建的区划）' },
      { key: 'name', header: '中心名称', required: true, width: 24, note: '同一区划内名称唯一；已存在的名称表示更新该中心' },
      { key: 'address', header: '地址', width: 30, note: '可不填' },
      { key: 'hours', header: '办公时间', width: 30, note: '如 周一至周五 8:30-12:00，14:00-17:30' },
      { key: 'phone', header: '咨询电话', text: true, width: 16, note: '固定电话（0311-86012345）、手机或短号' },
      { key: 'complaintPhone', header: '投诉电话', text: true, width: 16, note: '同上，如 12345' },
      { key: 'status', header: '状态', width: 8, note: '启用 或 停用；不填为启用' },
    ],
  },
  staff: {
    name: '工作人员',
    object: 'staff' as ObjectType,
    columns: [
      { key: 'username', header: '用户名', required: true, width: 16, note: '登录名，3-32位小写字母、数字、点、下划线或连字符；已存在表示更新该账号' },
      { key: 'displayName', header: '姓名', required: true, width: 10, note: '真实姓名' },
      { key: 'phone', header: '手机号', required: true, text: true, width: 14, note: '11位手机号，不能与其他账号重复；导出文件中的脱敏值（138****5678）表示不修改' },
      { key: 'idNumber', header: '身份证号', required: true, text: true, width: 22, note: '18位身份证号码（校验位正确）；须设置为文本格式；脱敏值表示不修改' },
      { key: 'regionCode', header: '所属区划代码', required: true, text: true, width: 16, note: '工作人员所在的县、乡镇或村' },
      { key: 'department', header: '所属部门', width: 22, note: '本县已有部门（站所）的全称，可不填' },
      { key: 'status', header: '状态', width: 8, note: '启用 或 停用；不填为启用' },
    ],
  },
} satisfies Record<string, { name: string; object: ObjectType; columns: readonly Column[] }> as Record<
  'regions' | 'centers' | 'staff',
  { name: string; object: ObjectType; columns: readonly Column[] }
>;

type SheetKey = keyof typeof SHEETS;
const SHEET_KEYS: SheetKey[] = ['regions', 'centers', 'staff'];

const EXAMPLE_ID = `13992119900101123${idNumberCheckChar('13992119900101123')}`;
const EXAMPLES: Record<SheetKey, string[]> = {
  regions: ['139921100204', '示例村', '村', '139921100000', '启用'],
  centers: ['139921100204', '示例村便民服务室', '示例村村委会一楼', '周一至周五 8:30-12:00，14:30-17:30', '0399-86011234', '12345', '启用'],
  staff: ['shili.agent', '张示例', '13900001234', EXAMPLE_ID, '139921100204', '', '启用'],
};

const GUIDE = [
  '1. 本模板有“区划”“服务中心”“工作人员”三张表，可只填其中一张或几张；第一行为表头，请勿修改表头文字。',
  '2. 每张表第2行是示例，请删除或改为实际数据后再导入。带 * 的列为必填。',
  '3. 区划代码、电话、身份证号等列请保持“文本”格式，避免 Excel 把长数字变成科学计数法。',
  '4. 导入先整体校验：任何一行有错误，都不会保存任何数据，并列出每个错误所在的表、行、列。',
  '5. 已存在的区划（按区划代码）、服务中心（按所在区划+名称）、工作人员（按用户名）会被更新；同一文件重复导入不会产生重复数据。',
  '6. 只能导入本人管辖范围内的数据；不支持通过导入修改区划的级别或上级。',
  '7. 新建的工作人员账号使用导入时填写的初始密码，首次登录须修改密码；已存在账号的密码不变。角色由安全管理员另行授予。',
];

const writeOrgWorkbook = (data: Record<SheetKey, string[][]>): Promise<Buffer> =>
  writeWorkbook(
    SHEET_KEYS.map((k) => ({ def: SHEETS[k], rows: data[k] })),
    { general: GUIDE },
  );

export function buildTemplate(): Promise<Buffer> {
  return writeOrgWorkbook({ regions: [EXAMPLES.regions], centers: [EXAMPLES.centers], staff: [EXAMPLES.staff] });
}

// ---------------------------------------------------------------------------------------------------
// Export

const levelWord = (r: { level: string; name: string }): string => {
  switch (r.level) {
    case 'province':
      return '省';
    case 'city':
      return '市';
    case 'county':
      return '县';
    case 'township':
      return r.name.endsWith('街道') ? '街道' : '乡镇';
    default:
      return r.name.endsWith('社区') ? '社区' : '村';
  }
};

/** The caller's scope in the import format; personal data masked (re-importing masked values keeps them). */
export async function buildExport(deps: Deps, ctx: OrgCtx): Promise<Buffer> {
  const kinds = SHEET_KEYS.filter((k) => mayAttempt(ctx.actor, 'export', SHEETS[k].object));
  if (kinds.length === 0) throw new Forbidden();
  const data: Record<SheetKey, string[][]> = { regions: [], centers: [], staff: [] };
  await deps.db.transaction(async (tx) => {
    if (kinds.includes('regions')) {
      const rs = await repo.allRegionsInScope(tx, scopeFor(ctx.actor, 'export', 'region'), true);
      const byId = new Map(rs.map((r) => [r.id, r]));
      const missingParents = [...new Set(rs.map((r) => r.parentId).filter((p): p is string => !!p && !byId.has(p)))];
      for (const p of await repo.regionsByIds(tx, missingParents)) byId.set(p.id, p);
      // Parents before children: sort by depth, then code.
      const sorted = [...rs].sort((a, b) => a.path.length - b.path.length || (a.code < b.code ? -1 : 1));
      data.regions = sorted.map((r) => [r.code, r.name, levelWord(r), r.parentId ? (byId.get(r.parentId)?.code ?? '') : '', activeLabel(r.active)]);
    }
    if (kinds.includes('centers')) {
      const cs = await repo.allCentersInScope(tx, scopeFor(ctx.actor, 'export', 'center'), true);
      data.centers = cs.map((c) => [c.regionCode, c.center.name, c.center.address, c.center.hours, c.center.phone, c.center.complaintPhone, activeLabel(c.center.active)]);
    }
    if (kinds.includes('staff')) {
      const ss = await repo.allStaffInScope(tx, scopeFor(ctx.actor, 'export', 'staff'));
      const regionIds = [...new Set(ss.map((s) => s.user.homeRegionId).filter((x): x is string => !!x))];
      const codes = new Map((await repo.regionsByIds(tx, regionIds)).map((r) => [r.id, r.code]));
      data.staff = ss.map((s) => [
        s.user.username,
        s.user.displayName,
        s.user.phoneMasked ?? '',
        s.user.idNumberMasked ?? '',
        s.user.homeRegionId ? (codes.get(s.user.homeRegionId) ?? '') : '',
        s.departmentName ?? '',
        activeLabel(s.user.active),
      ]);
    }
    await writeAudit(tx, ctx.actor, ctx.meta, {
      action: 'org.exported',
      objectType: 'org',
      details: { regions: data.regions.length, centers: data.centers.length, staff: data.staff.length },
    });
  });
  return writeOrgWorkbook(data);
}

// ---------------------------------------------------------------------------------------------------
// Reading an uploaded workbook

async function readWorkbook(buffer: Buffer, err: Collector): Promise<Partial<Record<SheetKey, ParsedRow[]>>> {
  const out = readSheets(await loadWorkbook(buffer), SHEETS, err.list, IMPORT_MAX_ROWS);
  if (SHEET_KEYS.every((k) => out[k] === undefined) && err.list.length === 0) {
    err.list.push({ sheet: '', row: 0, column: '', message: '文件中没有“区划”“服务中心”或“工作人员”工作表' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Validation: build a plan or a list of errors

interface PlannedRegion {
  row: number;
  code: string;
  name: string;
  level: RegionLevel;
  active: boolean;
  id: string;
  path: string;
  countyId: string | null;
  parentId: string | null;
  existing?: repo.RegionRow;
  change: 'create' | 'update' | 'unchanged';
}

interface PlannedCenter {
  row: number;
  region: { id: string; path: string; countyId: string | null; level: RegionLevel };
  values: { name: string; address: string; hours: string; phone: string; complaintPhone: string; active: boolean };
  existing?: repo.CenterRow;
  change: 'create' | 'update' | 'unchanged';
}

interface PlannedStaff {
  row: number;
  username: string;
  displayName: string;
  /** Clear values to store; undefined = keep the stored one (masked value in the file). */
  phone?: string;
  idNumber?: string;
  homeRegionId: string;
  countyId: string | null;
  departmentId: string | null;
  active: boolean;
  existing?: repo.UserRow;
  change: 'create' | 'update' | 'unchanged';
}

interface Plan {
  regions: PlannedRegion[];
  centers: PlannedCenter[];
  staff: PlannedStaff[];
}

/** A region as the rest of the file sees it: in the database or planned by an earlier row. */
interface KnownRegion {
  id: string;
  code: string;
  level: RegionLevel;
  path: string;
  countyId: string | null;
  active: boolean;
  /** Created by this file (not yet in the database). */
  isNew?: boolean;
}

class Collector extends SheetErrors<SheetKey> {
  constructor() {
    super(SHEETS);
  }
}

const counts = (list: { change: string }[]) => ({
  create: list.filter((x) => x.change === 'create').length,
  update: list.filter((x) => x.change === 'update').length,
  unchanged: list.filter((x) => x.change === 'unchanged').length,
});

async function validate(
  tx: Executor,
  deps: Deps,
  actor: Actor,
  sheets: Partial<Record<SheetKey, ParsedRow[]>>,
  err: Collector,
  password: { given: boolean; policyProblems: (username: string) => string[] },
): Promise<Plan> {
  const plan: Plan = { regions: [], centers: [], staff: [] };
  for (const key of SHEET_KEYS) {
    if (sheets[key]?.length && !mayAttempt(actor, 'import', SHEETS[key].object)) {
      err.add(key, 0, '', `您没有导入“${SHEETS[key].name}”的权限`);
      delete sheets[key];
    }
  }
  const regionRows = sheets.regions ?? [];
  const centerRows = sheets.centers ?? [];
  const staffRows = sheets.staff ?? [];

  // Every region code the file mentions, looked up once.
  const codes = new Set<string>();
  for (const r of regionRows) [r.values.code, r.values.parentCode].forEach((c) => c && codes.add(c));
  for (const r of [...centerRows, ...staffRows]) if (r.values.regionCode) codes.add(r.values.regionCode);
  const dbRegions = new Map((await repo.regionsByCodes(tx, [...codes].filter((c) => REGION_CODE_RE.test(c)))).map((r) => [r.code, r]));
  const fromDb = (r: repo.RegionRow): KnownRegion => ({ ...r, level: r.level as RegionLevel });
  const known = new Map<string, KnownRegion>();
  for (const [code, r] of dbRegions) known.set(code, fromDb(r));
  // Codes of the current parents of existing regions (to refuse moving a region by import).
  const codeById = new Map([...dbRegions.values()].map((r) => [r.id, r.code]));
  const missingParents = [...new Set([...dbRegions.values()].map((r) => r.parentId).filter((p): p is string => !!p && !codeById.has(p)))];
  for (const p of await repo.regionsByIds(tx, missingParents)) codeById.set(p.id, p.code);

  // --- 区划 -----------------------------------------------------------------------------------------
  const seenCodes = new Map<string, number>();
  const fileRegionRow = new Map<string, number>();
  for (const r of regionRows) if (r.values.code && !fileRegionRow.has(r.values.code)) fileRegionRow.set(r.values.code, r.row);
  for (const r of regionRows) {
    const v = r.values;
    const e = (col: string, msg: string) => err.add('regions', r.row, col, msg);
    const before = err.list.length;
    if (!v.code) e('code', '区划代码不能为空');
    else if (!REGION_CODE_RE.test(v.code)) e('code', '区划代码应为12位数字');
    else if (seenCodes.has(v.code)) e('code', `区划代码与第 ${seenCodes.get(v.code)} 行重复`);
    if (!v.name) e('name', '区划名称不能为空');
    else if (v.name.length > 50) e('name', '区划名称不能超过50个字');
    const level = v.level ? parseRegionLevel(v.level) : null;
    if (!v.level) e('level', '级别不能为空');
    else if (!level) e('level', '级别应为 省、市、县、乡镇（街道）或 村（社区）');
    const active = parseActive(v.status);
    if (active === null) e('status', '状态应为“启用”或“停用”');
    if (v.parentCode && !REGION_CODE_RE.test(v.parentCode)) e('parentCode', '上级区划代码应为12位数字');
    if (!v.code || !REGION_CODE_RE.test(v.code) || seenCodes.has(v.code) || !level) {
      if (v.code && !seenCodes.has(v.code)) seenCodes.set(v.code, r.row);
      continue;
    }
    seenCodes.set(v.code, r.row);

    let parent: KnownRegion | null = null;
    if (v.parentCode && REGION_CODE_RE.test(v.parentCode)) {
      const p = known.get(v.parentCode);
      if (p) parent = p;
      else if (fileRegionRow.has(v.parentCode) && fileRegionRow.get(v.parentCode)! > r.row) {
        e('parentCode', `上级区划（第 ${fileRegionRow.get(v.parentCode)} 行）须在本行之前列出`);
      } else e('parentCode', `上级区划代码 ${v.parentCode} 不存在`);
    }
    const existing = dbRegions.get(v.code);
    const finalActive = active ?? true;
    if (existing) {
      if (existing.level !== level) e('level', `不能通过导入修改级别（现为${levelWord(existing)}）`);
      const parentCodeNow = existing.parentId ? (codeById.get(existing.parentId) ?? '') : '';
      if ((v.parentCode || '') !== parentCodeNow) e('parentCode', `不能通过导入变更上级区划（现为 ${parentCodeNow || '无'}）`);
      if (!can(actor, 'import', 'region', { regionPath: existing.path })) e('code', '该区划不在您的管辖范围内');
    } else if (!v.parentCode || parent) {
      const violation = checkRegion({ code: v.code, level }, parent ? { code: parent.code, level: parent.level, active: parent.active } : null);
      if (violation) e(violation.code === 'REGION_LEVEL_INVALID' ? 'level' : 'code', violation.message);
    }
    const id = existing?.id ?? newId();
    const path = existing?.path ?? childPath(parent?.path ?? null, id);
    if (!existing && (!v.parentCode || parent) && !can(actor, 'import', 'region', { regionPath: path })) {
      e(v.parentCode ? 'parentCode' : 'code', '不能在您的管辖范围之外新建区划');
    }
    if (finalActive && parent && !parent.active) e('status', '上级区划已停用（或在本文件中停用），本区划不能为启用');
    const countyId = existing ? existing.countyId : level === 'county' ? id : (parent?.countyId ?? null);
    const kr: KnownRegion = { id, code: v.code, level, path, countyId, active: finalActive, isNew: !existing };
    known.set(v.code, kr);
    if (err.list.length > before) continue;
    const change = !existing ? 'create' : existing.name !== v.name || existing.active !== finalActive ? 'update' : 'unchanged';
    plan.regions.push({ row: r.row, code: v.code, name: v.name, level, active: finalActive, id, path, countyId, parentId: parent?.id ?? null, existing, change });
  }

  // A region deactivated by the file may not keep active children (in the database and not deactivated here).
  const deactivated = plan.regions.filter((p) => p.existing?.active && !p.active);
  if (deactivated.length) {
    for (const p of deactivated) {
      const children = await repo.activeChildrenOfRegion(tx, p.id);
      const stillActive = [
        ...children.regions.filter((c) => known.get(c.code)?.active !== false).map((c) => `下级区划“${c.name}”`),
        ...children.centers
          .filter((c) => !centerRows.some((cr) => cr.values.regionCode === p.code && cr.values.name === c.name && parseActive(cr.values.status) === false))
          .map((c) => `服务中心“${c.name}”`),
        ...children.departments.map((d) => `部门“${d.name}”`),
      ];
      if (stillActive.length) err.add('regions', p.row, 'status', `仍有启用中的${stillActive.slice(0, 3).join('、')}${stillActive.length > 3 ? ' 等' : ''}，不能停用`);
    }
  }

  // --- 服务中心 -------------------------------------------------------------------------------------
  const dbRegionIds = [...new Set(centerRows.map((r) => known.get(r.values.regionCode)).filter((k) => k && !k.isNew).map((k) => k!.id))];
  const existingCenters = new Map((await repo.centersOfRegions(tx, dbRegionIds)).map((c) => [`${c.regionId}|${c.name}`, c]));
  const seenCenters = new Map<string, number>();
  for (const r of centerRows) {
    const v = r.values;
    const e = (col: string, msg: string) => err.add('centers', r.row, col, msg);
    const before = err.list.length;
    const region = v.regionCode ? known.get(v.regionCode) : undefined;
    if (!v.regionCode) e('regionCode', '所在区划代码不能为空');
    else if (!REGION_CODE_RE.test(v.regionCode)) e('regionCode', '区划代码应为12位数字');
    else if (!region) e('regionCode', `区划代码 ${v.regionCode} 不存在`);
    if (!v.name) e('name', '中心名称不能为空');
    else if (v.name.length > 60) e('name', '中心名称不能超过60个字');
    if (v.address.length > 200) e('address', '地址不能超过200个字');
    if (v.hours.length > 200) e('hours', '办公时间不能超过200个字');
    if (v.phone && !SERVICE_PHONE_RE.test(v.phone)) e('phone', '电话号码格式不正确');
    if (v.complaintPhone && !SERVICE_PHONE_RE.test(v.complaintPhone)) e('complaintPhone', '电话号码格式不正确');
    const active = parseActive(v.status);
    if (active === null) e('status', '状态应为“启用”或“停用”');
    const dupKey = `${v.regionCode}|${v.name}`;
    if (v.name && seenCenters.has(dupKey)) e('name', `与第 ${seenCenters.get(dupKey)} 行重复（同一区划内中心名称唯一）`);
    else if (v.name) seenCenters.set(dupKey, r.row);
    if (!region || !v.name) continue;
    const levelProblem = checkCenterRegion(region.level);
    if (levelProblem) e('regionCode', levelProblem.message);
    const existing = region.isNew ? undefined : existingCenters.get(`${region.id}|${v.name}`);
    const target = existing ? { centerId: existing.id, regionPath: region.path } : { regionPath: region.path };
    if (!can(actor, 'import', 'center', target)) e('regionCode', '该服务中心不在您的管辖范围内');
    const finalActive = active ?? true;
    if (finalActive && !region.active) e('status', '所在区划已停用，服务中心不能为启用');
    if (existing?.active && !finalActive) {
      const n = await repo.countCenterChildren(tx, existing.id);
      if (n.activeWindows || n.activeStationings) e('status', `仍有启用中的 ${n.activeWindows} 个窗口、${n.activeStationings} 个进驻部门，不能停用`);
    }
    if (err.list.length > before) continue;
    const values = { name: v.name, address: v.address, hours: v.hours, phone: v.phone, complaintPhone: v.complaintPhone, active: finalActive };
    const same =
      existing &&
      existing.address === values.address &&
      existing.hours === values.hours &&
      existing.phone === values.phone &&
      existing.complaintPhone === values.complaintPhone &&
      existing.active === values.active;
    plan.centers.push({
      row: r.row,
      region: { id: region.id, path: region.path, countyId: region.countyId, level: region.level },
      values,
      existing,
      change: !existing ? 'create' : same ? 'unchanged' : 'update',
    });
  }

  // --- 工作人员 -------------------------------------------------------------------------------------
  const usernames = staffRows.map((r) => normalizeUsername(r.values.username)).filter(Boolean);
  const existingUsers = new Map((await repo.usersByUsernames(tx, usernames)).map((u) => [u.username.toLowerCase(), u]));
  const existingGrants = await activeGrants(
    tx,
    [...existingUsers.values()].map((u) => u.id),
  );
  const adminIds = new Set([...existingGrants].filter(([, gs]) => gs.some((g) => isAdminRole(g.role))).map(([id]) => id));
  const homeIds = [...new Set([...existingUsers.values()].map((u) => u.homeRegionId).filter((x): x is string => !!x))];
  const homePaths = new Map((await repo.regionsByIds(tx, homeIds)).map((r) => [r.id, r.path]));
  const clearPhones = staffRows.map((r) => r.values.phone).filter((p) => p && !isMasked(p) && MOBILE_RE.test(p));
  const clearIds = staffRows.map((r) => r.values.idNumber.toUpperCase()).filter((x) => x && !isMasked(x));
  const holders = await repo.usersByIndexes(tx, {
    phoneIdx: clearPhones.map((p) => deps.crypto.index(p)),
    idNumberIdx: clearIds.map((x) => deps.crypto.index(x)),
  });
  const departmentsByCounty = new Map<string, repo.DepartmentWithRegion[]>();
  const seenUser = new Map<string, number>();
  const seenPhone = new Map<string, number>();
  const seenId = new Map<string, number>();
  for (const r of staffRows) {
    const v = r.values;
    const e = (col: string, msg: string) => err.add('staff', r.row, col, msg);
    const before = err.list.length;
    const username = normalizeUsername(v.username);
    if (!username) e('username', '用户名不能为空');
    else if (checkUsername(username)) e('username', checkUsername(username)!.message);
    else if (seenUser.has(username)) e('username', `用户名与第 ${seenUser.get(username)} 行重复`);
    if (username && !seenUser.has(username)) seenUser.set(username, r.row);
    if (!v.displayName) e('displayName', '姓名不能为空');
    else if (v.displayName.length > 30) e('displayName', '姓名不能超过30个字');
    const existing = username ? existingUsers.get(username) : undefined;
    if (existing && existing.kind !== 'staff') e('username', '用户名已被群众账号使用');
    else if (existing && !can(actor, 'import', 'staff', { regionPath: existing.homeRegionId ? homePaths.get(existing.homeRegionId) : null })) {
      e('username', '用户名已被其他单位的账号使用');
    }
    if (existing && existing.id === actor.userId && parseActive(v.status) === false) e('status', '不能停用自己的账号');
    else if (existing?.active && parseActive(v.status) === false && adminIds.has(existing.id)) {
      e('status', '三权分立：该账号持有管理员角色，须先由安全管理员撤销其管理员角色');
    }

    // Phone and ID number: clear values are validated; a masked value keeps the stored one.
    let phone: string | undefined;
    if (!v.phone) e('phone', '手机号不能为空');
    else if (isMasked(v.phone)) {
      if (!existing || existing.phoneMasked !== v.phone) e('phone', '脱敏的手机号只能用于已存在的账号且须与原值一致，请填写完整号码');
    } else if (!MOBILE_RE.test(v.phone)) e('phone', '手机号码应为11位，以13-19开头');
    else if (seenPhone.has(v.phone)) e('phone', `手机号与第 ${seenPhone.get(v.phone)} 行重复`);
    else {
      seenPhone.set(v.phone, r.row);
      const idx = deps.crypto.index(v.phone);
      if (holders.some((h) => h.phoneIdx === idx && h.id !== existing?.id)) e('phone', '该手机号已被其他账号使用');
      phone = v.phone;
    }
    let idNumber: string | undefined;
    const idText = v.idNumber.toUpperCase();
    if (r.imprecise.has('idNumber')) e('idNumber', '身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为文本格式后重新填写');
    else if (!idText) e('idNumber', '身份证号不能为空');
    else if (isMasked(idText)) {
      if (!existing || existing.idNumberMasked !== idText) e('idNumber', '脱敏的身份证号只能用于已存在的账号且须与原值一致，请填写完整号码');
    } else {
      const check = validateIdNumber(idText);
      if (!check.valid) e('idNumber', check.reason ?? '身份证号码不正确');
      else if (seenId.has(idText)) e('idNumber', `身份证号与第 ${seenId.get(idText)} 行重复`);
      else {
        seenId.set(idText, r.row);
        const idx = deps.crypto.index(idText);
        if (holders.some((h) => h.idNumberIdx === idx && h.id !== existing?.id)) e('idNumber', '该身份证号已被其他账号使用');
        idNumber = idText;
      }
    }

    const region = v.regionCode ? known.get(v.regionCode) : undefined;
    if (!v.regionCode) e('regionCode', '所属区划代码不能为空');
    else if (!REGION_CODE_RE.test(v.regionCode)) e('regionCode', '区划代码应为12位数字');
    else if (!region) e('regionCode', `区划代码 ${v.regionCode} 不存在`);
    else if (!region.countyId) e('regionCode', '工作人员的所属区划应为县（区）或其下级区划');
    else if (!can(actor, 'import', 'staff', { regionPath: region.path })) e('regionCode', '该区划不在您的管辖范围内');
    const active = parseActive(v.status);
    if (active === null) e('status', '状态应为“启用”或“停用”');
    if (region && (active ?? true) && !region.active) e('status', '所属区划已停用，账号不能为启用');

    let departmentId: string | null = null;
    if (v.department && region?.countyId) {
      let list = departmentsByCounty.get(region.countyId);
      if (!list) {
        list = region.isNew && region.level === 'county' ? [] : await repo.departmentsOfCounty(tx, region.countyId);
        departmentsByCounty.set(region.countyId, list);
      }
      const matches = list.filter((d) => d.department.name === v.department);
      const byShort = matches.length ? matches : list.filter((d) => d.department.shortName === v.department);
      if (byShort.length === 0) e('department', `本县没有名为“${v.department}”的部门（站所）`);
      else if (byShort.length > 1) e('department', `“${v.department}”对应多个部门，请填写全称`);
      else if (!byShort[0].department.active) e('department', `部门“${v.department}”已停用`);
      else departmentId = byShort[0].department.id;
    }
    if (!existing && !password.given) e('username', '新建账号须在导入时提供初始密码（initialPassword）');
    else if (!existing && username) {
      const problems = password.policyProblems(username);
      if (problems.length) e('username', `初始密码不符合要求：${problems.join('；')}`);
    }
    if (err.list.length > before || !region) continue;
    const finalActive = active ?? true;
    const change = !existing
      ? 'create'
      : existing.displayName !== v.displayName ||
          (phone !== undefined && deps.crypto.index(phone) !== existing.phoneIdx) ||
          (idNumber !== undefined && deps.crypto.index(idNumber) !== existing.idNumberIdx) ||
          existing.homeRegionId !== region.id ||
          existing.departmentId !== departmentId ||
          existing.active !== finalActive
        ? 'update'
        : 'unchanged';
    plan.staff.push({
      row: r.row,
      username,
      displayName: v.displayName,
      phone: existing && phone !== undefined && deps.crypto.index(phone) === existing.phoneIdx ? undefined : phone,
      idNumber: existing && idNumber !== undefined && deps.crypto.index(idNumber) === existing.idNumberIdx ? undefined : idNumber,
      homeRegionId: region.id,
      countyId: region.countyId,
      departmentId,
      active: finalActive,
      existing,
      change,
    });
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------------
// Saving a valid plan

/** Insert in chunks: one statement per 500 rows keeps a large import fast on both drivers. */
async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}

async function apply(tx: Executor, deps: Deps, plan: Plan, passwordHash: string | null): Promise<void> {
  await insertChunks(
    plan.regions.filter((p) => p.change === 'create'),
    (chunk) =>
      tx.insert(regions).values(
        chunk.map((p) => ({ id: p.id, parentId: p.parentId, countyId: p.countyId, level: p.level, code: p.code, name: p.name, path: p.path, active: p.active })),
      ),
  );
  for (const p of plan.regions) {
    if (p.change === 'update') await repo.updateRegion(tx, p.id, p.existing!.version, { name: p.name, active: p.active });
  }
  await insertChunks(
    plan.centers.filter((c) => c.change === 'create'),
    (chunk) =>
      tx.insert(centers).values(
        chunk.map((c) => ({ regionId: c.region.id, countyId: c.region.countyId!, level: centerLevelFor(c.region.level)!, ...c.values })),
      ),
  );
  for (const c of plan.centers) {
    if (c.change === 'update') await repo.updateCenter(tx, c.existing!.id, c.existing!.version, c.values);
  }
  const created = plan.staff.filter((s) => s.change === 'create').map((s) => ({ ...s, id: newId() }));
  await insertChunks(created, (chunk) =>
    tx.insert(users).values(
      chunk.map((s) => ({
        id: s.id,
        kind: 'staff',
        username: s.username,
        displayName: s.displayName,
        ...piiColumns(deps, { phone: s.phone, idNumber: s.idNumber }),
        passwordHash: passwordHash!,
        mustChangePassword: true,
        countyId: s.countyId,
        departmentId: s.departmentId,
        homeRegionId: s.homeRegionId,
        active: s.active,
      })),
    ),
  );
  await insertChunks(created, (chunk) => tx.insert(passwordHistory).values(chunk.map((s) => ({ userId: s.id, passwordHash: passwordHash! }))));
  for (const s of plan.staff) {
    if (s.change !== 'update') continue;
    const u = s.existing!;
    await repo.updateUser(tx, u.id, u.version, {
      displayName: s.displayName,
      ...piiColumns(deps, { phone: s.phone, idNumber: s.idNumber }),
      homeRegionId: s.homeRegionId,
      countyId: s.countyId,
      departmentId: s.departmentId,
      active: s.active,
    });
    if (u.active && !s.active) await revokeSessions(tx, u.id);
  }
}

export interface ImportOptions {
  dryRun: boolean;
  fileName: string;
  /** Initial password of the accounts the file creates (never stored in the file). */
  initialPassword?: string;
}

/** Validate (and unless dry run, save) an uploaded workbook. Invalid and not a dry run → 422 with the report. */
export async function importWorkbook(deps: Deps, ctx: OrgCtx, buffer: Buffer, opts: ImportOptions): Promise<ImportReport> {
  const err = new Collector();
  const sheets = await readWorkbook(buffer, err);
  const settings = await loadSettings(deps.db, deps);
  const password = {
    given: !!opts.initialPassword,
    policyProblems: (username: string) =>
      opts.initialPassword ? checkPasswordPolicy({ password: opts.initialPassword, username, policy: settings.passwordPolicy }) : [],
  };
  // argon2 is slow: hash once, before the transaction, and only when accounts may be created.
  const mayCreateStaff = !opts.dryRun && !!opts.initialPassword && (sheets.staff?.length ?? 0) > 0;
  const passwordHash = mayCreateStaff ? await hashPassword(opts.initialPassword!) : null;

  let report: ImportReport | null = null;
  await deps.db.transaction(async (tx) => {
    const plan = await validate(tx, deps, ctx.actor, sheets, err, password);
    const errors = err.capped();
    const summary = { regions: counts(plan.regions), centers: counts(plan.centers), staff: counts(plan.staff) };
    const valid = err.list.length === 0;
    report = { valid, dryRun: opts.dryRun, saved: false, errors, summary };
    if (!valid || opts.dryRun) return;
    await apply(tx, deps, plan, passwordHash);
    report.saved = true;
    await writeAudit(tx, ctx.actor, ctx.meta, {
      action: 'org.imported',
      objectType: 'org_import',
      objectId: sm3(buffer).slice(0, 32),
      countyId: ctx.actor.grants.find((g) => g.countyId)?.countyId ?? null,
      details: {
        fileName: opts.fileName.slice(0, 200),
        fileSm3: sm3(buffer),
        summary,
        created: {
          regions: plan.regions.filter((p) => p.change === 'create').map((p) => p.code),
          centers: plan.centers.filter((p) => p.change === 'create').map((p) => p.values.name),
          staff: plan.staff.filter((p) => p.change === 'create').map((p) => p.username),
        },
        updated: {
          regions: plan.regions.filter((p) => p.change === 'update').map((p) => p.code),
          centers: plan.centers.filter((p) => p.change === 'update').map((p) => p.values.name),
          staff: plan.staff.filter((p) => p.change === 'update').map((p) => p.username),
        },
      },
    });
  });
  const out = report as unknown as ImportReport;
  if (!out.valid && !opts.dryRun) {
    throw new BusinessRule('IMPORT_INVALID', `导入文件有 ${err.list.length} 处错误，未保存任何数据`, out);
  }
  return out;
}

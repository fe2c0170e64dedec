import { REGION_LEVEL_LABELS, REGION_LEVELS, type CenterLevel, type RegionLevel } from '../../platform/roles.js';

/**
 * Pure rules of the organisation module: the region tree's level structure, 12-digit division codes,
 * windows, departments and the parsing of Excel cells. Services load facts and ask these functions;
 * `org.rules.test.ts` pins them with tables.
 */

export interface RuleViolation {
  code: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------------
// Region levels

/**
 * Which parent level each level may have (`null` = may be a root). A county may sit directly under a
 * province (省直辖县级单位, e.g. 济源); townships and villages always hang under the level above.
 */
export const REGION_PARENT_LEVELS: Record<RegionLevel, readonly (RegionLevel | null)[]> = {
  province: [null],
  city: [null, 'province'],
  county: [null, 'city', 'province'],
  township: ['county'],
  village: ['township'],
};

export const levelLabel = (level: string): string => REGION_LEVEL_LABELS[level as RegionLevel] ?? level;

export function checkRegionParent(level: RegionLevel, parentLevel: RegionLevel | null): RuleViolation | null {
  const allowed = REGION_PARENT_LEVELS[level];
  if (allowed.includes(parentLevel)) return null;
  const names = allowed.map((l) => (l === null ? '无上级' : levelLabel(l))).join('或');
  return {
    code: 'REGION_LEVEL_INVALID',
    message: parentLevel
      ? `${levelLabel(level)}的上级应为${names}，不能是${levelLabel(parentLevel)}`
      : `${levelLabel(level)}必须有上级区划（${names}）`,
  };
}

/** The level a new child of this level would normally have (for forms). */
export function childLevelOf(level: RegionLevel): RegionLevel | null {
  const i = REGION_LEVELS.indexOf(level);
  return i >= 0 && i < REGION_LEVELS.length - 1 ? REGION_LEVELS[i + 1] : null;
}

// ---------------------------------------------------------------------------------------------------
// 12-digit division codes (统计用区划代码: PP CC DD TTT VVV)

/** How many leading digits identify a region of each level; the rest of the code is zeros. */
const SIGNIFICANT_DIGITS: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };
/** The digits that must not all be zero at each level (the level's own segment). */
const OWN_SEGMENT: Record<RegionLevel, [number, number]> = {
  province: [0, 2],
  city: [2, 4],
  county: [4, 6],
  township: [6, 9],
  village: [9, 12],
};

export const REGION_CODE_RE = /^\d{12}$/;

export function checkRegionCode(code: string, level: RegionLevel): RuleViolation | null {
  if (!REGION_CODE_RE.test(code)) return { code: 'REGION_CODE_INVALID', message: '区划代码应为12位数字' };
  const n = SIGNIFICANT_DIGITS[level];
  const [from, to] = OWN_SEGMENT[level];
  if (/^0+$/.test(code.slice(from, to)) || !/^0*$/.test(code.slice(n))) {
    const shape = `${'X'.repeat(n)}${'0'.repeat(12 - n)}`;
    return {
      code: 'REGION_CODE_LEVEL_MISMATCH',
      message: `${levelLabel(level)}的区划代码应形如 ${shape}（第${from + 1}-${to}位不全为0${n < 12 ? `，其后为0` : ''}）`,
    };
  }
  return null;
}

/** A child's code starts with its parent's significant digits (a township 130199101000 under 130199000000). */
export function checkCodeUnderParent(code: string, parentCode: string, parentLevel: RegionLevel): RuleViolation | null {
  const n = SIGNIFICANT_DIGITS[parentLevel];
  if (code.slice(0, n) === parentCode.slice(0, n)) return null;
  return {
    code: 'REGION_CODE_PARENT_MISMATCH',
    message: `区划代码应以上级区划代码的前${n}位“${parentCode.slice(0, n)}”开头`,
  };
}

/** All structural checks of a region against its (possible) parent, first violation wins. */
export function checkRegion(
  r: { code: string; level: RegionLevel },
  parent: { code: string; level: RegionLevel; active: boolean } | null,
): RuleViolation | null {
  return (
    checkRegionCode(r.code, r.level) ??
    checkRegionParent(r.level, parent?.level ?? null) ??
    (parent ? checkCodeUnderParent(r.code, parent.code, parent.level) : null)
  );
}

export const PARENT_INACTIVE: RuleViolation = { code: 'PARENT_INACTIVE', message: '上级已停用，请先启用上级' };

/** Path helpers: paths are `/rootId/…/id/`. */
export const childPath = (parentPath: string | null, id: string): string => `${parentPath ?? '/'}${id}/`;
export const isWithin = (path: string, ancestorPath: string): boolean => path.startsWith(ancestorPath);

// ---------------------------------------------------------------------------------------------------
// Centers

/** The kind of center a region of this level has; provinces and cities have none here. */
export function centerLevelFor(regionLevel: RegionLevel): CenterLevel | null {
  return regionLevel === 'county' || regionLevel === 'township' || regionLevel === 'village' ? regionLevel : null;
}

export function checkCenterRegion(regionLevel: RegionLevel): RuleViolation | null {
  return centerLevelFor(regionLevel)
    ? null
    : { code: 'CENTER_REGION_LEVEL_INVALID', message: '服务中心只能设在县（区）、乡镇（街道）或村（社区）' };
}

/** Landlines (0311-86012345, 031186012345-801), mobiles and short service numbers (12345). */
export const SERVICE_PHONE_RE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|\d{5,6}|400-?\d{3}-?\d{4})$/;
export const MOBILE_RE = /^1[3-9]\d{9}$/;

// ---------------------------------------------------------------------------------------------------
// Windows

export const WINDOW_KINDS = ['comprehensive', 'sector'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];
export const WINDOW_KIND_LABELS: Record<WindowKind, string> = { comprehensive: '综合受理', sector: '专业窗口' };
/** Sector names offered by forms (惠民 "1+11"); free text is allowed for local sectors. */
export const SECTORS = ['不动产', '社会保障', '医保', '民政', '商事', '投资建设', '税务', '公安户政', '农业农村', '公积金', '水电气', '公证'] as const;

export interface WindowShape {
  kind: WindowKind;
  sector: string | null;
  categories: string[];
  dailyCap: number | null;
}

export function checkWindow(w: WindowShape): RuleViolation | null {
  if (w.kind === 'sector' && !w.sector?.trim()) {
    return { code: 'WINDOW_SECTOR_REQUIRED', message: '专业窗口须填写所属领域（如 不动产、社会保障）' };
  }
  if (w.kind === 'comprehensive' && w.sector) {
    return { code: 'WINDOW_SECTOR_NOT_ALLOWED', message: '综合受理窗口不填写所属领域' };
  }
  const seen = new Set<string>();
  for (const c of w.categories) {
    if (!c.trim()) return { code: 'WINDOW_CATEGORY_INVALID', message: '业务类别不能为空' };
    if (seen.has(c)) return { code: 'WINDOW_CATEGORY_DUPLICATE', message: `业务类别“${c}”重复` };
    seen.add(c);
  }
  if (w.dailyCap !== null && (!Number.isInteger(w.dailyCap) || w.dailyCap < 1 || w.dailyCap > 2000)) {
    return { code: 'WINDOW_CAP_INVALID', message: '每日限号应为 1 到 2000 之间的整数' };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Departments and stationings

export const DEPARTMENT_KINDS = ['department', 'station'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = { department: '部门', station: '站所' };

/** Departments belong to a county or above; stations (站所) to a township or county; villages have neither. */
export function checkDepartmentRegion(kind: DepartmentKind, regionLevel: RegionLevel): RuleViolation | null {
  const ok = kind === 'department' ? ['province', 'city', 'county'].includes(regionLevel) : ['county', 'township'].includes(regionLevel);
  if (ok) return null;
  return {
    code: 'DEPARTMENT_REGION_LEVEL_INVALID',
    message: kind === 'department' ? '部门应属于县（区）或以上区划' : '站所应属于乡镇（街道）或县（区）',
  };
}

/** A department can be stationed at centers in its own region's subtree (a county bureau at a township hall). */
export function checkStationing(departmentRegionPath: string, centerRegionPath: string): RuleViolation | null {
  return isWithin(centerRegionPath, departmentRegionPath)
    ? null
    : { code: 'STATIONING_OUTSIDE_REGION', message: '部门只能进驻本区划及下级区划的服务中心' };
}

// ---------------------------------------------------------------------------------------------------
// Staff

/** Usernames are stored in lower case: letters, digits, dot, underscore, hyphen; 3–32 long, start with a letter. */
export const USERNAME_RE = /^[a-z][a-z0-9._-]{2,31}$/;
export const normalizeUsername = (u: string): string => u.trim().toLowerCase();
export function checkUsername(username: string): RuleViolation | null {
  return USERNAME_RE.test(username)
    ? null
    : { code: 'USERNAME_INVALID', message: '用户名应为 3-32 位小写字母、数字、点、下划线或连字符，以字母开头' };
}

export const isMasked = (v: string): boolean => v.includes('*');

// ---------------------------------------------------------------------------------------------------
// Deactivation

export interface ActiveChildren {
  regions?: number;
  centers?: number;
  departments?: number;
  windows?: number;
  stationings?: number;
}

/** Something with active children cannot be deactivated: deactivate (or move) the children first. */
export function checkDeactivation(children: ActiveChildren): RuleViolation | null {
  const parts: string[] = [];
  if (children.regions) parts.push(`${children.regions} 个下级区划`);
  if (children.centers) parts.push(`${children.centers} 个服务中心`);
  if (children.departments) parts.push(`${children.departments} 个部门（站所）`);
  if (children.windows) parts.push(`${children.windows} 个窗口`);
  if (children.stationings) parts.push(`${children.stationings} 个进驻部门`);
  if (parts.length === 0) return null;
  return { code: 'HAS_ACTIVE_CHILDREN', message: `仍有启用中的${parts.join('、')}，请先停用它们` };
}

// ---------------------------------------------------------------------------------------------------
// Excel cells

const LEVEL_WORDS: Record<string, RegionLevel> = {
  province: 'province',
  省: 'province',
  省级: 'province',
  city: 'city',
  市: 'city',
  地市: 'city',
  市级: 'city',
  county: 'county',
  县: 'county',
  区: 'county',
  县区: 'county',
  '县（区）': 'county',
  '县(区)': 'county',
  县级: 'county',
  township: 'township',
  乡: 'township',
  镇: 'township',
  乡镇: 'township',
  街道: 'township',
  '乡镇（街道）': 'township',
  '乡镇(街道)': 'township',
  乡镇街道: 'township',
  village: 'village',
  村: 'village',
  社区: 'village',
  '村（社区）': 'village',
  '村(社区)': 'village',
  村社区: 'village',
};

export function parseRegionLevel(text: string): RegionLevel | null {
  return LEVEL_WORDS[text.trim().toLowerCase()] ?? LEVEL_WORDS[text.trim()] ?? null;
}

/** 启用/停用 (or 是/否, 正常); empty means 启用. `null` = not understood. */
export function parseActive(text: string): boolean | null {
  const t = text.trim();
  if (t === '' || ['启用', '正常', '是', '有效', 'active', 'true', '1'].includes(t.toLowerCase())) return true;
  if (['停用', '禁用', '否', '无效', 'inactive', 'false', '0'].includes(t.toLowerCase())) return false;
  return null;
}

export const activeLabel = (active: boolean): string => (active ? '启用' : '停用');

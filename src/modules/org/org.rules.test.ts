import { describe, expect, test } from 'vitest';
import type { RegionLevel } from '../../platform/roles.js';
import { validateCreditCode, validateIdNumber } from '../validate/validate.rules.js';
import { makeCreditCode, makeIdNumber, makeMobile, orgCodeCheckChar } from '../seed/codes.js';
import {
  checkCenterRegion,
  checkCodeUnderParent,
  checkDeactivation,
  checkDepartmentRegion,
  checkRegion,
  checkRegionCode,
  checkRegionParent,
  checkStationing,
  checkUsername,
  checkWindow,
  childLevelOf,
  childPath,
  normalizeUsername,
  parseActive,
  parseRegionLevel,
  SERVICE_PHONE_RE,
} from './org.rules.js';
import { buildTree } from './org.service.js';

describe('region levels', () => {
  test.each<[RegionLevel, RegionLevel | null, string | null]>([
    ['province', null, null],
    ['city', null, null],
    ['city', 'province', null],
    ['county', null, null],
    ['county', 'city', null],
    ['county', 'province', null], // 省直辖县级单位 (济源)
    ['township', 'county', null],
    ['village', 'township', null],
    ['township', null, 'REGION_LEVEL_INVALID'],
    ['township', 'city', 'REGION_LEVEL_INVALID'],
    ['village', 'county', 'REGION_LEVEL_INVALID'],
    ['village', null, 'REGION_LEVEL_INVALID'],
    ['county', 'township', 'REGION_LEVEL_INVALID'],
    ['county', 'county', 'REGION_LEVEL_INVALID'],
    ['province', 'city', 'REGION_LEVEL_INVALID'],
    ['city', 'county', 'REGION_LEVEL_INVALID'],
  ])('%s under %s → %s', (level, parent, code) => {
    expect(checkRegionParent(level, parent)?.code ?? null).toBe(code);
  });

  test('violation messages are Chinese and name the allowed parent', () => {
    expect(checkRegionParent('village', 'county')?.message).toBe('村（社区）的上级应为乡镇（街道），不能是县（区）');
    expect(checkRegionParent('township', null)?.message).toContain('必须有上级区划');
  });

  test.each<[RegionLevel, RegionLevel | null]>([
    ['city', 'county'],
    ['county', 'township'],
    ['township', 'village'],
    ['village', null],
  ])('child level of %s is %s', (level, child) => {
    expect(childLevelOf(level)).toBe(child);
  });
});

describe('12-digit division codes', () => {
  test.each<[string, RegionLevel, string | null]>([
    ['130000000000', 'province', null],
    ['139900000000', 'city', null],
    ['139921000000', 'county', null],
    ['419001000000', 'county', null],
    ['139921100000', 'township', null],
    ['139921001000', 'township', null], // 街道
    ['139921100201', 'village', null],
    ['139921001001', 'village', null], // 社区
    ['13992110020', 'village', 'REGION_CODE_INVALID'],
    ['1399211002011', 'village', 'REGION_CODE_INVALID'],
    ['13992110020A', 'village', 'REGION_CODE_INVALID'],
    ['', 'county', 'REGION_CODE_INVALID'],
    ['139921100000', 'village', 'REGION_CODE_LEVEL_MISMATCH'], // village segment all zero
    ['139921100201', 'township', 'REGION_CODE_LEVEL_MISMATCH'], // trailing digits not zero
    ['139900000000', 'county', 'REGION_CODE_LEVEL_MISMATCH'],
    ['139921000000', 'township', 'REGION_CODE_LEVEL_MISMATCH'],
    ['139921000000', 'city', 'REGION_CODE_LEVEL_MISMATCH'],
    ['000000000000', 'province', 'REGION_CODE_LEVEL_MISMATCH'],
  ])('%s as %s → %s', (code, level, expected) => {
    expect(checkRegionCode(code, level)?.code ?? null).toBe(expected);
  });

  test.each<[string, string, RegionLevel, boolean]>([
    ['139921100000', '139921000000', 'county', true],
    ['139922100000', '139921000000', 'county', false],
    ['139921100201', '139921100000', 'township', true],
    ['139921101201', '139921100000', 'township', false],
    ['139921000000', '139900000000', 'city', true],
    ['139821000000', '139900000000', 'city', false],
    ['419001000000', '410000000000', 'province', true],
  ])('%s under %s (%s) → %s', (code, parentCode, parentLevel, ok) => {
    expect(checkCodeUnderParent(code, parentCode, parentLevel) === null).toBe(ok);
  });

  test('checkRegion reports the first violation: code format, then level, then prefix', () => {
    const county = { code: '139921000000', level: 'county' as const, active: true };
    expect(checkRegion({ code: '139921102000', level: 'township' }, county)).toBeNull();
    expect(checkRegion({ code: '1399', level: 'township' }, county)?.code).toBe('REGION_CODE_INVALID');
    expect(checkRegion({ code: '139921102201', level: 'village' }, county)?.code).toBe('REGION_LEVEL_INVALID');
    expect(checkRegion({ code: '139922102000', level: 'township' }, county)?.code).toBe('REGION_CODE_PARENT_MISMATCH');
    expect(checkRegion({ code: '139921000000', level: 'county' }, null)).toBeNull();
  });

  test('paths', () => {
    expect(childPath(null, 'a')).toBe('/a/');
    expect(childPath('/a/', 'b')).toBe('/a/b/');
  });
});

describe('centers, windows, departments', () => {
  test.each<[RegionLevel, boolean]>([
    ['province', false],
    ['city', false],
    ['county', true],
    ['township', true],
    ['village', true],
  ])('a center in a %s region: %s', (level, ok) => {
    expect(checkCenterRegion(level) === null).toBe(ok);
  });

  test.each<[Parameters<typeof checkWindow>[0], string | null]>([
    [{ kind: 'comprehensive', sector: null, categories: ['社会事务', '社会保障'], dailyCap: 80 }, null],
    [{ kind: 'sector', sector: '不动产', categories: ['不动产登记'], dailyCap: null }, null],
    [{ kind: 'sector', sector: null, categories: [], dailyCap: 10 }, 'WINDOW_SECTOR_REQUIRED'],
    [{ kind: 'sector', sector: '  ', categories: [], dailyCap: 10 }, 'WINDOW_SECTOR_REQUIRED'],
    [{ kind: 'comprehensive', sector: '税务', categories: [], dailyCap: 10 }, 'WINDOW_SECTOR_NOT_ALLOWED'],
    [{ kind: 'comprehensive', sector: null, categories: ['社会事务', '社会事务'], dailyCap: 10 }, 'WINDOW_CATEGORY_DUPLICATE'],
    [{ kind: 'comprehensive', sector: null, categories: [''], dailyCap: 10 }, 'WINDOW_CATEGORY_INVALID'],
    [{ kind: 'comprehensive', sector: null, categories: [], dailyCap: 0 }, 'WINDOW_CAP_INVALID'],
    [{ kind: 'comprehensive', sector: null, categories: [], dailyCap: 2.5 }, 'WINDOW_CAP_INVALID'],
  ])('window %o → %s', (w, code) => {
    expect(checkWindow(w)?.code ?? null).toBe(code);
  });

  test.each<['department' | 'station', RegionLevel, boolean]>([
    ['department', 'county', true],
    ['department', 'city', true],
    ['department', 'township', false],
    ['department', 'village', false],
    ['station', 'township', true],
    ['station', 'county', true],
    ['station', 'village', false],
  ])('%s in a %s region: %s', (kind, level, ok) => {
    expect(checkDepartmentRegion(kind, level) === null).toBe(ok);
  });

  test.each<[string, string, boolean]>([
    ['/c/', '/c/t/', true], // a county bureau at a township hall
    ['/c/', '/c/', true],
    ['/c/t/', '/c/t/v/', true],
    ['/c/t/', '/c/u/', false], // a township station at another township's hall
    ['/c/t/', '/c/', false], // a township station at the county hall
  ])('department at %s stationed at a center in %s: %s', (dept, center, ok) => {
    expect(checkStationing(dept, center) === null).toBe(ok);
  });

  test('deactivation is refused while children are active', () => {
    expect(checkDeactivation({})).toBeNull();
    expect(checkDeactivation({ regions: 0, centers: 0 })).toBeNull();
    const v = checkDeactivation({ regions: 2, centers: 1, windows: 3 });
    expect(v?.code).toBe('HAS_ACTIVE_CHILDREN');
    expect(v?.message).toBe('仍有启用中的2 个下级区划、1 个服务中心、3 个窗口，请先停用它们');
  });
});

describe('staff and Excel cells', () => {
  test.each<[string, boolean]>([
    ['town.clerk', true],
    ['zhang_san-01', true],
    ['ab', false],
    ['1abc', false],
    ['张三', false],
    ['a'.repeat(33), false],
    ['has space', false],
  ])('username %s valid: %s', (u, ok) => {
    expect(checkUsername(u) === null).toBe(ok);
  });

  test('usernames are normalised to lower case', () => {
    expect(normalizeUsername('  Town.Clerk ')).toBe('town.clerk');
  });

  test.each<[string, RegionLevel | null]>([
    ['省', 'province'],
    ['市', 'city'],
    ['县', 'county'],
    ['区', 'county'],
    ['县（区）', 'county'],
    ['乡镇', 'township'],
    ['镇', 'township'],
    ['街道', 'township'],
    ['乡镇（街道）', 'township'],
    ['村', 'village'],
    ['社区', 'village'],
    ['village', 'village'],
    ['Township', 'township'],
    ['组', null],
    ['', null],
  ])('level word %s → %s', (word, level) => {
    expect(parseRegionLevel(word)).toBe(level);
  });

  test.each<[string, boolean | null]>([
    ['', true],
    ['启用', true],
    ['是', true],
    ['停用', false],
    ['否', false],
    ['作废', null],
  ])('status %s → %s', (word, active) => {
    expect(parseActive(word)).toBe(active);
  });

  test.each<[string, boolean]>([
    ['0311-86012345', true],
    ['031186012345', true],
    ['0399-8601234-801', true],
    ['13812345678', true],
    ['12345', true],
    ['400-810-1234', true],
    ['1234', false],
    ['abc', false],
    ['86012345', false],
  ])('service phone %s valid: %s', (p, ok) => {
    expect(SERVICE_PHONE_RE.test(p)).toBe(ok);
  });
});

describe('demo identifier makers', () => {
  test.each([1, 7, 123, 999])('ID numbers pass GB 11643 (serial %i)', (n) => {
    const id = makeIdNumber('139921', '19850312', n);
    expect(id).toHaveLength(18);
    expect(validateIdNumber(id)).toEqual({ valid: true });
  });

  test.each([1, 2, 17, 500])('credit codes pass GB 32100 (serial %i)', (n) => {
    for (const cat of ['11', '12', '13', '91'] as const) {
      const cc = makeCreditCode(cat, '139921', n);
      expect(validateCreditCode(cc)).toEqual({ valid: true });
      expect(cc.slice(0, 8)).toBe(`${cat}139921`);
    }
  });

  test('GB 11714 organisation code check character', () => {
    // The standard's worked example: D2143569-X (Σ = 199, 11 − 199 mod 11 = 10 → X).
    expect(orgCodeCheckChar('D2143569')).toBe('X');
    expect(orgCodeCheckChar('00000000')).toBe('0'); // 11 → 0
  });

  test('mobiles', () => {
    expect(makeMobile(12)).toBe('13903990012');
  });
});

describe('buildTree', () => {
  const r = (id: string, parentId: string | null, code: string, level: string) =>
    ({ id, parentId, code, level, name: id, active: true, path: '', countyId: null, version: 1, createdAt: new Date(), updatedAt: new Date() }) as const;
  test('nests by parent, roots are regions without a visible parent, children sorted by code', () => {
    const tree = buildTree(
      [r('v2', 't', '139921100202', 'village'), r('t', 'c', '139921100000', 'township'), r('v1', 't', '139921100201', 'village'), r('x', 'hidden', '139921101000', 'township')],
      [{ id: 'h', regionId: 't', name: '青山镇便民服务中心', level: 'township', active: true } as never],
    );
    expect(tree.map((n) => n.id)).toEqual(['t', 'x']);
    expect(tree[0].children.map((n) => n.id)).toEqual(['v1', 'v2']);
    expect(tree[0].centers.map((c) => c.name)).toEqual(['青山镇便民服务中心']);
  });
});

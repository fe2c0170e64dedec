import { eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db, Executor } from '../../db/client.js';
import { Crypto, maskIdNumber, maskPhone } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import type { RegionLevel, Role } from '../../platform/roles.js';
import { hashPassword } from '../auth/auth.password.js';
import { passwordHistory, roleGrants, users } from '../auth/auth.tables.js';
import { seedDemoAgency } from '../agency/agency.seed.js';
import { seedDemoCases, seedProvisionalCalendar } from '../cases/cases.seed.js';
import { seedDemoCatalog } from '../catalog/catalog.seed.js';
import { seedDemoConsultations } from '../consultations/consultations.seed.js';
import { seedDemoAppointments } from '../appointments/appointments.seed.js';
import { seedDemoHallHistory } from '../hallstats/hallstats.seed.js';
import { seedDemoPolicies } from '../policies/policies.seed.js';
import { seedDemoQueue } from '../queue/queue.seed.js';
import { centers, departments, regions, stationings, stationingStaff, windows } from '../org/org.tables.js';
import { makeCreditCode, makeIdNumber, makeMobile } from './codes.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from './demo-constants.js';

/**
 * The demo county 示范县 under 示范市: three townships (青山镇, 河西镇, 城关街道) with their villages and
 * communities, a service center in every region, realistic windows, the county departments behind the
 * township item list (data/township-items.tsv: 人社, 民政, 卫生健康, 农业农村, 公安, 残联, 医保, 退役军人事务,
 * 市场监管, 司法, 自然资源, 综合, 林业, 公共服务企业) plus 税务/住建/发改 for the sector windows, township
 * stations (站所) stationed at the township halls, and one account per role with fixed usernames.
 * Every demo account's password is DEMO_PASSWORD; the three administrators also use DEMO_TOTP_SECRET.
 */

/** 12-digit division codes of the demo regions (统计用区划代码 layout: PP CC DD TTT VVV). */
export const DEMO_CODES = {
  city: '139900000000',
  county: '139921000000',
  qingshan: '139921100000',
  hexi: '139921101000',
  chengguan: '139921001000',
  qingshanVillage: '139921100201',
  qingshanCommunity: '139921100001',
  shiqiao: '139921100202',
  liuwan: '139921100203',
  hexiVillage: '139921101201',
  yangzhuang: '139921101202',
  lijia: '139921101203',
  dongguan: '139921001001',
  xiguan: '139921001002',
  nanjie: '139921001003',
  chengjiao: '139921001201',
} as const;

const REGION6 = DEMO_CODES.county.slice(0, 6);

interface TownDef {
  key: 'qingshan' | 'hexi' | 'chengguan';
  name: string;
  code: string;
  villages: { code: string; name: string }[];
}

const TOWNS: TownDef[] = [
  {
    key: 'qingshan',
    name: '青山镇',
    code: DEMO_CODES.qingshan,
    villages: [
      { code: DEMO_CODES.qingshanCommunity, name: '青山社区' },
      { code: DEMO_CODES.qingshanVillage, name: '青山村' },
      { code: DEMO_CODES.shiqiao, name: '石桥村' },
      { code: DEMO_CODES.liuwan, name: '柳湾村' },
    ],
  },
  {
    key: 'hexi',
    name: '河西镇',
    code: DEMO_CODES.hexi,
    villages: [
      { code: DEMO_CODES.hexiVillage, name: '河西村' },
      { code: DEMO_CODES.yangzhuang, name: '杨庄村' },
      { code: DEMO_CODES.lijia, name: '李家村' },
    ],
  },
  {
    key: 'chengguan',
    name: '城关街道',
    code: DEMO_CODES.chengguan,
    villages: [
      { code: DEMO_CODES.dongguan, name: '东关社区' },
      { code: DEMO_CODES.xiguan, name: '西关社区' },
      { code: DEMO_CODES.nanjie, name: '南街社区' },
      { code: DEMO_CODES.chengjiao, name: '城郊村' },
    ],
  },
];

/** County departments: short name (as used by the item list) → full name, credit-code category. */
export const DEMO_DEPARTMENTS: { shortName: string; name: string; category: '11' | '12' | '13' | '91' }[] = [
  { shortName: '综合', name: '示范县政务服务和数据管理局', category: '11' },
  { shortName: '人社', name: '示范县人力资源和社会保障局', category: '11' },
  { shortName: '民政', name: '示范县民政局', category: '11' },
  { shortName: '卫生健康', name: '示范县卫生健康局', category: '11' },
  { shortName: '农业农村', name: '示范县农业农村局', category: '11' },
  { shortName: '公安', name: '示范县公安局', category: '11' },
  { shortName: '残联', name: '示范县残疾人联合会', category: '13' },
  { shortName: '医保', name: '示范县医疗保障局', category: '11' },
  { shortName: '退役军人事务', name: '示范县退役军人事务局', category: '11' },
  { shortName: '市场监管', name: '示范县市场监督管理局', category: '11' },
  { shortName: '司法', name: '示范县司法局', category: '11' },
  { shortName: '自然资源', name: '示范县自然资源和规划局', category: '11' },
  { shortName: '林业', name: '示范县林业局', category: '11' },
  { shortName: '公共服务企业', name: '示范县供水供电供气公共服务企业联合服务部', category: '91' },
  { shortName: '税务', name: '国家税务总局示范县税务局', category: '11' },
  { shortName: '住建', name: '示范县住房和城乡建设局', category: '11' },
  { shortName: '发改', name: '示范县发展和改革局', category: '11' },
];

/** Stations (站所) of every township: suffix of the full name, short name, credit-code category (null = none). */
const TOWN_STATIONS: { suffix: string; shortName: string; category: '11' | '12' | null; serves: string[] }[] = [
  { suffix: '社会事务办公室', shortName: '社会事务办', category: '11', serves: ['民政', '残联', '退役军人事务', '卫生健康'] },
  { suffix: '人力资源和社会保障所', shortName: '人社所', category: '12', serves: ['人社', '医保'] },
  { suffix: '农业农村综合服务中心', shortName: '农业服务中心', category: '12', serves: ['农业农村', '林业', '自然资源'] },
  { suffix: '司法所', shortName: '司法所', category: '11', serves: ['司法'] },
  { suffix: '派出所', shortName: '派出所', category: '11', serves: ['公安'] },
  { suffix: '市场监督管理所', shortName: '市场监管所', category: '11', serves: ['市场监管'] },
];

type WindowDef = { number: number; name: string; kind: 'comprehensive' | 'sector'; sector: string | null; categories: string[]; dailyCap: number };

const COUNTY_WINDOWS: WindowDef[] = [
  { number: 1, name: '综合受理一', kind: 'comprehensive', sector: null, categories: ['社会事务', '社会保障', '医疗保障'], dailyCap: 80 },
  { number: 2, name: '综合受理二', kind: 'comprehensive', sector: null, categories: ['社会事务', '农业农村', '残疾人服务'], dailyCap: 80 },
  { number: 3, name: '综合受理三', kind: 'comprehensive', sector: null, categories: ['综合咨询', '退役军人服务', '户籍'], dailyCap: 80 },
  { number: 4, name: '不动产登记', kind: 'sector', sector: '不动产', categories: ['不动产登记'], dailyCap: 60 },
  { number: 5, name: '社会保障', kind: 'sector', sector: '社会保障', categories: ['社会保障', '就业创业'], dailyCap: 80 },
  { number: 6, name: '医疗保障', kind: 'sector', sector: '医保', categories: ['医疗保障'], dailyCap: 80 },
  { number: 7, name: '民政事务', kind: 'sector', sector: '民政', categories: ['社会事务', '残疾人服务'], dailyCap: 60 },
  { number: 8, name: '税务', kind: 'sector', sector: '税务', categories: ['税务'], dailyCap: 100 },
  { number: 9, name: '商事登记', kind: 'sector', sector: '商事', categories: ['商事登记'], dailyCap: 60 },
  { number: 10, name: '投资建设', kind: 'sector', sector: '投资建设', categories: ['投资建设'], dailyCap: 40 },
  { number: 11, name: '公安户政', kind: 'sector', sector: '公安户政', categories: ['户籍'], dailyCap: 60 },
];

const TOWN_WINDOWS: WindowDef[] = [
  { number: 1, name: '综合受理一', kind: 'comprehensive', sector: null, categories: ['社会事务', '社会保障', '医疗保障', '农业农村'], dailyCap: 60 },
  { number: 2, name: '综合受理二', kind: 'comprehensive', sector: null, categories: ['社会事务', '残疾人服务', '退役军人服务', '综合咨询'], dailyCap: 60 },
  { number: 3, name: '社会保障', kind: 'sector', sector: '社会保障', categories: ['社会保障', '医疗保障', '就业创业'], dailyCap: 50 },
  { number: 4, name: '民政事务', kind: 'sector', sector: '民政', categories: ['社会事务', '残疾人服务'], dailyCap: 40 },
  { number: 5, name: '农业农村', kind: 'sector', sector: '农业农村', categories: ['农业农村', '自然资源'], dailyCap: 30 },
  { number: 6, name: '公安户政', kind: 'sector', sector: '公安户政', categories: ['户籍'], dailyCap: 40 },
];

const VILLAGE_WINDOWS: WindowDef[] = [
  { number: 1, name: '代办服务', kind: 'comprehensive', sector: null, categories: ['代办服务', '综合咨询'], dailyCap: 30 },
];

/** Demo accounts: fixed usernames, documented in README.md. */
type Scope = { region: string } | { center: string } | null;
interface UserDef {
  username: string;
  displayName: string;
  kind: 'staff' | 'citizen';
  role: Role;
  scope: Scope;
  /** Region code of the home region. */
  home: string;
  /** Department short name (county) or `town:<shortName>` (a station of the home township). */
  department?: string;
  admin?: boolean;
  birth: string;
}

/** Center keys: `hall:<region code>` for the center of that region. */
const hall = (code: string) => `hall:${code}`;

export const DEMO_USERS: UserDef[] = [
  { username: 'county.supervisor', displayName: '赵建国', kind: 'staff', role: 'supervisor', scope: { region: DEMO_CODES.county }, home: DEMO_CODES.county, birth: '19750312' },
  { username: 'county.director', displayName: '钱文华', kind: 'staff', role: 'center_director', scope: { region: DEMO_CODES.county }, home: DEMO_CODES.county, department: '综合', birth: '19780520' },
  { username: 'county.clerk', displayName: '孙丽', kind: 'staff', role: 'window_clerk', scope: { center: hall(DEMO_CODES.county) }, home: DEMO_CODES.county, department: '综合', birth: '19920815' },
  { username: 'county.approver', displayName: '李明', kind: 'staff', role: 'approver', scope: { region: DEMO_CODES.county }, home: DEMO_CODES.county, department: '民政', birth: '19830107' },
  { username: 'town.director', displayName: '周国强', kind: 'staff', role: 'center_director', scope: { region: DEMO_CODES.qingshan }, home: DEMO_CODES.qingshan, birth: '19800923' },
  { username: 'town.clerk', displayName: '吴静', kind: 'staff', role: 'window_clerk', scope: { region: DEMO_CODES.qingshan }, home: DEMO_CODES.qingshan, birth: '19950402' },
  { username: 'town.approver', displayName: '郑涛', kind: 'staff', role: 'approver', scope: { region: DEMO_CODES.qingshan }, home: DEMO_CODES.qingshan, department: 'town:社会事务办', birth: '19870611' },
  { username: 'village.agent', displayName: '王秀英', kind: 'staff', role: 'village_agent', scope: { center: hall(DEMO_CODES.qingshanVillage) }, home: DEMO_CODES.qingshanVillage, birth: '19900228' },
  { username: 'citizen', displayName: '刘大山', kind: 'citizen', role: 'citizen', scope: null, home: DEMO_CODES.qingshanVillage, birth: '19650716' },
  { username: 'sysadmin', displayName: '陈志远', kind: 'staff', role: 'system_admin', scope: { region: DEMO_CODES.county }, home: DEMO_CODES.county, department: '综合', admin: true, birth: '19850101' },
  { username: 'secadmin', displayName: '林安平', kind: 'staff', role: 'security_admin', scope: { region: DEMO_CODES.county }, home: DEMO_CODES.county, department: '综合', admin: true, birth: '19860202' },
  { username: 'auditor', displayName: '黄审言', kind: 'staff', role: 'audit_admin', scope: { region: DEMO_CODES.county }, home: DEMO_CODES.county, department: '综合', admin: true, birth: '19870303' },
  { username: 'hexi.director', displayName: '冯海', kind: 'staff', role: 'center_director', scope: { region: DEMO_CODES.hexi }, home: DEMO_CODES.hexi, birth: '19790817' },
  { username: 'hexi.clerk', displayName: '何芳', kind: 'staff', role: 'window_clerk', scope: { region: DEMO_CODES.hexi }, home: DEMO_CODES.hexi, birth: '19960509' },
  { username: 'hexi.approver', displayName: '许强', kind: 'staff', role: 'approver', scope: { region: DEMO_CODES.hexi }, home: DEMO_CODES.hexi, department: 'town:社会事务办', birth: '19881030' },
  { username: 'hexi.agent', displayName: '马兰', kind: 'staff', role: 'village_agent', scope: { center: hall(DEMO_CODES.hexiVillage) }, home: DEMO_CODES.hexiVillage, birth: '19930618' },
  { username: 'chengguan.director', displayName: '韩磊', kind: 'staff', role: 'center_director', scope: { region: DEMO_CODES.chengguan }, home: DEMO_CODES.chengguan, birth: '19820412' },
  { username: 'chengguan.clerk', displayName: '唐敏', kind: 'staff', role: 'window_clerk', scope: { region: DEMO_CODES.chengguan }, home: DEMO_CODES.chengguan, birth: '19970125' },
  { username: 'chengguan.agent', displayName: '曹雪', kind: 'staff', role: 'village_agent', scope: { center: hall(DEMO_CODES.dongguan) }, home: DEMO_CODES.dongguan, birth: '19941209' },
  { username: 'county.catalog', displayName: '宋立新', kind: 'staff', role: 'catalog_admin', scope: { region: DEMO_CODES.county }, home: DEMO_CODES.county, department: '综合', birth: '19840619' },
  { username: 'town.catalog', displayName: '罗晓燕', kind: 'staff', role: 'catalog_admin', scope: { region: DEMO_CODES.qingshan }, home: DEMO_CODES.qingshan, birth: '19910914' },
];

/** The demo ID number and phone of a demo account (useful to tests that look people up). */
export function demoPerson(username: string): { idNumber: string; phone: string } {
  const i = DEMO_USERS.findIndex((u) => u.username === username);
  if (i < 0) throw new Error(`unknown demo user ${username}`);
  const u = DEMO_USERS[i];
  return { idNumber: makeIdNumber(REGION6, u.birth, 100 + i * 2 + 1), phone: makeMobile(1000 + i) };
}

const centerName = (level: RegionLevel, regionName: string): string =>
  level === 'county' ? `${regionName}政务服务中心` : level === 'township' ? `${regionName}便民服务中心` : `${regionName}便民服务室`;

/** Seeds the demo county when the database has no regions. Returns true when it seeded. */
export async function seedDemoIfEmpty(db: Db, config: Config): Promise<boolean> {
  // Demo accounts with a published password must never reach a production database.
  if (config.env === 'production') return false;
  const any = await db.select({ id: regions.id }).from(regions).limit(1);
  if (any.length > 0) return false;
  const crypto = new Crypto(config.secret);
  // argon2 is deliberately slow: hash the shared demo password once for every account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    // Re-check inside the transaction: two instances starting at once seed once (the code is unique).
    const again = await tx.select({ id: regions.id }).from(regions).limit(1);
    if (again.length > 0) return false;
    await seed(tx, crypto, passwordHash);
    return true;
  });
}

async function seed(tx: Executor, crypto: Crypto, passwordHash: string): Promise<void> {
  // --- Regions --------------------------------------------------------------------------------------
  const regionIds = new Map<string, string>();
  const regionRows: (typeof regions.$inferInsert)[] = [];
  const addRegion = (code: string, name: string, level: RegionLevel, parentCode: string | null) => {
    const id = newId();
    const parent = parentCode ? regionRows.find((r) => r.code === parentCode)! : null;
    const countyId = level === 'county' ? id : (parent?.countyId ?? null);
    regionRows.push({ id, parentId: parent?.id ?? null, countyId, level, code, name, path: `${parent?.path ?? '/'}${id}/` });
    regionIds.set(code, id);
  };
  addRegion(DEMO_CODES.city, '示范市', 'city', null);
  addRegion(DEMO_CODES.county, '示范县', 'county', DEMO_CODES.city);
  for (const t of TOWNS) {
    addRegion(t.code, t.name, 'township', DEMO_CODES.county);
    for (const v of t.villages) addRegion(v.code, v.name, 'village', t.code);
  }
  await tx.insert(regions).values(regionRows);
  const countyId = regionIds.get(DEMO_CODES.county)!;

  // --- Centers and windows --------------------------------------------------------------------------
  const centerIds = new Map<string, string>();
  const centerRows: (typeof centers.$inferInsert)[] = [];
  const windowRows: (typeof windows.$inferInsert)[] = [];
  let phoneSerial = 10;
  for (const r of regionRows) {
    if (r.level === 'city') continue;
    const level = r.level as 'county' | 'township' | 'village';
    const id = newId();
    centerIds.set(hall(r.code), id);
    const town = TOWNS.find((t) => t.villages.some((v) => v.code === r.code));
    centerRows.push({
      id,
      regionId: r.id!,
      countyId,
      level,
      name: centerName(level, r.name),
      address:
        level === 'county' ? '示范县城关街道人民路88号' : level === 'township' ? `示范县${r.name}人民政府院内` : `示范县${town?.name ?? ''}${r.name}村（居）委会一楼`,
      hours:
        level === 'county'
          ? '周一至周五 8:30-12:00，14:00-17:30；周六 9:00-12:00（预约办理）'
          : level === 'township'
            ? '周一至周五 8:30-12:00，14:30-17:30'
            : '周一至周五 9:00-11:30，15:00-17:00；代办员可预约上门',
      phone: level === 'village' ? makeMobile(3000 + phoneSerial++) : `0399-860${String(10_000 + phoneSerial++).slice(-5)}`,
      complaintPhone: level === 'county' ? '12345' : '0399-86010000',
    });
    const defs = level === 'county' ? COUNTY_WINDOWS : level === 'township' ? TOWN_WINDOWS : VILLAGE_WINDOWS;
    for (const w of defs) windowRows.push({ centerId: id, countyId, ...w });
  }
  await tx.insert(centers).values(centerRows);
  await tx.insert(windows).values(windowRows);

  // --- Departments and stations ---------------------------------------------------------------------
  const deptIds = new Map<string, string>();
  const deptRows: (typeof departments.$inferInsert)[] = [];
  let ccSerial = 1;
  for (const d of DEMO_DEPARTMENTS) {
    const id = newId();
    deptIds.set(d.shortName, id);
    deptRows.push({ id, regionId: countyId, countyId, kind: 'department', name: d.name, shortName: d.shortName, creditCode: makeCreditCode(d.category, REGION6, ccSerial++) });
  }
  for (const t of TOWNS) {
    for (const s of TOWN_STATIONS) {
      const id = newId();
      deptIds.set(`${t.code}:${s.shortName}`, id);
      const name = s.shortName === '派出所' ? `示范县公安局${t.name.replace(/镇$|街道$/, '')}派出所` : `${t.name}${s.suffix}`;
      deptRows.push({
        id,
        regionId: regionIds.get(t.code)!,
        countyId,
        kind: 'station',
        name,
        shortName: s.shortName,
        creditCode: s.category ? makeCreditCode(s.category, REGION6, ccSerial++) : null,
      });
    }
  }
  await tx.insert(departments).values(deptRows);

  // Every county department is stationed at the county hall; every station at its township hall.
  const stationingIds = new Map<string, string>();
  const stationingRows: (typeof stationings.$inferInsert)[] = [];
  const countyHall = centerIds.get(hall(DEMO_CODES.county))!;
  for (const d of DEMO_DEPARTMENTS) {
    const id = newId();
    stationingIds.set(`${DEMO_CODES.county}:${d.shortName}`, id);
    stationingRows.push({ id, departmentId: deptIds.get(d.shortName)!, centerId: countyHall, countyId });
  }
  for (const t of TOWNS) {
    for (const s of TOWN_STATIONS) {
      const id = newId();
      stationingIds.set(`${t.code}:${s.shortName}`, id);
      stationingRows.push({ id, departmentId: deptIds.get(`${t.code}:${s.shortName}`)!, centerId: centerIds.get(hall(t.code))!, countyId });
    }
  }
  await tx.insert(stationings).values(stationingRows);

  // --- Accounts -------------------------------------------------------------------------------------
  const userRows: (typeof users.$inferInsert)[] = [];
  const grantRows: (typeof roleGrants.$inferInsert)[] = [];
  const staffLinks: (typeof stationingStaff.$inferInsert)[] = [];
  for (const u of DEMO_USERS) {
    const id = newId();
    const { idNumber, phone } = demoPerson(u.username);
    const homeTown = TOWNS.find((t) => t.code === u.home);
    let departmentId: string | null = null;
    let stationingKey: string | null = null;
    if (u.department?.startsWith('town:') && homeTown) {
      stationingKey = `${homeTown.code}:${u.department.slice(5)}`;
      departmentId = deptIds.get(stationingKey)!;
    } else if (u.department) {
      departmentId = deptIds.get(u.department)!;
      if (u.role === 'approver') stationingKey = `${DEMO_CODES.county}:${u.department}`;
    }
    userRows.push({
      id,
      kind: u.kind,
      username: u.username,
      displayName: u.displayName,
      phoneEnc: crypto.encrypt(phone),
      phoneIdx: crypto.index(phone),
      phoneMasked: maskPhone(phone),
      idNumberEnc: crypto.encrypt(idNumber),
      idNumberIdx: crypto.index(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      passwordHash,
      totpSecretEnc: u.admin ? crypto.encrypt(DEMO_TOTP_SECRET) : null,
      countyId,
      departmentId,
      homeRegionId: regionIds.get(u.home)!,
    });
    grantRows.push({
      userId: id,
      role: u.role,
      scopeRegionId: u.scope && 'region' in u.scope ? regionIds.get(u.scope.region)! : null,
      scopeCenterId: u.scope && 'center' in u.scope ? centerIds.get(u.scope.center)! : null,
    });
    if (stationingKey) staffLinks.push({ stationingId: stationingIds.get(stationingKey)!, userId: id });
  }
  await tx.insert(users).values(userRows);
  await tx.insert(passwordHistory).values(userRows.map((u) => ({ userId: u.id!, passwordHash })));
  await tx.insert(roleGrants).values(grantRows);
  if (staffLinks.length) await tx.insert(stationingStaff).values(staffLinks);

  await seedDemoCatalog(tx, { countyId, stations: TOWN_STATIONS });

  // A provisional calendar for next year (until the official schedule is imported), then demo cases.
  const userId = (username: string) => userRows.find((u) => u.username === username)!.id!;
  await seedProvisionalCalendar(tx, { updatedBy: userId('sysadmin') });
  const citizen = DEMO_USERS.find((u) => u.username === 'citizen')!;
  await seedDemoCases(tx, { countyId, crypto, citizen: { userId: userId('citizen'), name: citizen.displayName, homeCode: citizen.home, ...demoPerson('citizen') } });
  await seedDemoAgency(tx, { countyId, crypto });
  await seedDemoPolicies(tx, { countyId });
  await seedDemoConsultations(tx, { countyId });
  await seedDemoQueue(tx, { countyId });
  // Appointment sessions use the queue seed's service categories: keep this after the queue seed.
  await seedDemoAppointments(tx, { countyId });
  // Four weeks of hall history (tickets, window sessions, rosters) for the attendance, load and planning pages; needs the queue seed's categories.
  await seedDemoHallHistory(tx, { countyId });
}

export interface DemoIds {
  regions: Record<keyof typeof DEMO_CODES, string>;
  /** Center ids by the code of their region (`centers[DEMO_CODES.qingshan]` = 青山镇便民服务中心). */
  centers: Record<string, string>;
  /** User ids by username. */
  users: Record<string, string>;
  /** Department ids by full name. */
  departments: Record<string, string>;
}

/** Ids of the demo entities, looked up by their fixed codes and usernames (for tests and scripts). */
export async function loadDemoIds(db: Executor): Promise<DemoIds> {
  const codes = Object.values(DEMO_CODES);
  const rs = await db.select({ id: regions.id, code: regions.code }).from(regions).where(inArray(regions.code, codes));
  const byCode = new Map(rs.map((r) => [r.code, r.id]));
  const regionIds = Object.fromEntries(Object.entries(DEMO_CODES).map(([k, code]) => [k, byCode.get(code)!])) as DemoIds['regions'];
  const cs = await db
    .select({ id: centers.id, code: regions.code })
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(inArray(regions.code, codes));
  const us = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(
      inArray(
        users.username,
        DEMO_USERS.map((u) => u.username),
      ),
    );
  const ds = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(sql`${departments.countyId} = ${regionIds.county}`);
  return {
    regions: regionIds,
    centers: Object.fromEntries(cs.map((c) => [c.code, c.id])),
    users: Object.fromEntries(us.map((u) => [u.username, u.id])),
    departments: Object.fromEntries(ds.map((d) => [d.name, d.id])),
  };
}

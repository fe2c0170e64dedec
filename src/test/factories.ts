import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { hashPassword } from '../modules/auth/auth.password.js';
import { passwordHistory, roleGrants, users } from '../modules/auth/auth.tables.js';
import { centers, departments, regions, stationings, stationingStaff, windows } from '../modules/org/org.tables.js';
import { centerLevelFor, childLevelOf } from '../modules/org/org.rules.js';
import { makeCreditCode, makeIdNumber, makeMobile } from '../modules/seed/codes.js';
import { DEMO_PASSWORD } from '../modules/seed/demo-constants.js';
import { type Crypto, maskIdNumber, maskPhone } from '../platform/crypto.js';
import { newId } from '../platform/ids.js';
import type { RegionLevel, Role } from '../platform/roles.js';

/**
 * Test data factories: build organisation data and accounts directly in the database with sensible,
 * valid defaults (12-digit codes consistent with the parent, GB 11643 ID numbers, GB 32100 credit codes).
 * Pass only what the test is about: `makeRegion(db, { parent: town })`, `makeStaff(db, crypto, { role: 'window_clerk', scopeRegion: town })`.
 */

export type RegionRow = typeof regions.$inferSelect;
export type CenterRow = typeof centers.$inferSelect;
export type WindowRow = typeof windows.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/** Password of every factory-made account (same as the demo's). */
export const FACTORY_PASSWORD = DEMO_PASSWORD;

let serial = 0;
const next = () => ++serial;

let passwordHashOnce: Promise<string> | null = null;
/** argon2 is slow: every factory account shares one hash of FACTORY_PASSWORD unless told otherwise. */
export const factoryPasswordHash = (): Promise<string> => (passwordHashOnce ??= hashPassword(FACTORY_PASSWORD));

const SIGNIFICANT: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

/** The next free code for a child of `parent` at `level` (or a root of that level). */
async function nextRegionCode(db: Executor, parent: RegionRow | null, level: RegionLevel): Promise<string> {
  const n = SIGNIFICANT[level];
  const prefixLen = parent ? SIGNIFICANT[parent.level as RegionLevel] : level === 'county' ? 4 : level === 'city' ? 2 : 0;
  const prefix = parent ? parent.code.slice(0, prefixLen) : level === 'county' ? '1398' : level === 'city' ? '13' : '';
  const rows = await db
    .select({ code: regions.code })
    .from(regions)
    .where(and(eq(regions.level, level), sql`${regions.code} like ${`${prefix}%`}`));
  const used = new Set(rows.map((r) => Number(r.code.slice(prefixLen, n))));
  // Villages use 村委会 codes (201…), townships 镇 codes (101…), others start at 1.
  let seg = level === 'village' ? 201 : level === 'township' ? 101 : level === 'province' ? 51 : 1;
  while (used.has(seg)) seg++;
  const segment = String(seg).padStart(n - prefixLen, '0');
  return `${prefix}${segment}`.padEnd(12, '0');
}

export async function makeRegion(
  db: Executor,
  opts: { parent?: RegionRow | null; level?: RegionLevel; code?: string; name?: string; active?: boolean } = {},
): Promise<RegionRow> {
  const parent = opts.parent ?? null;
  const level = opts.level ?? (parent ? childLevelOf(parent.level as RegionLevel)! : 'county');
  const id = newId();
  const code = opts.code ?? (await nextRegionCode(db, parent, level));
  const countyId = level === 'county' ? id : (parent?.countyId ?? null);
  const labels: Record<RegionLevel, string> = { province: '省', city: '市', county: '县', township: '镇', village: '村' };
  const [row] = await db
    .insert(regions)
    .values({
      id,
      parentId: parent?.id ?? null,
      countyId,
      level,
      code,
      name: opts.name ?? `测试${next()}${labels[level]}`,
      path: `${parent?.path ?? '/'}${id}/`,
      active: opts.active ?? true,
    })
    .returning();
  return row;
}

export async function makeCenter(db: Executor, opts: { region: RegionRow; name?: string; active?: boolean; phone?: string }): Promise<CenterRow> {
  const level = centerLevelFor(opts.region.level as RegionLevel);
  if (!level || !opts.region.countyId) throw new Error('makeCenter: the region must be a county, township or village');
  const suffix = level === 'county' ? '政务服务中心' : level === 'township' ? '便民服务中心' : '便民服务室';
  const [row] = await db
    .insert(centers)
    .values({
      regionId: opts.region.id,
      countyId: opts.region.countyId,
      level,
      name: opts.name ?? `${opts.region.name}${suffix}`,
      address: `${opts.region.name}政府院内`,
      hours: '周一至周五 8:30-12:00，14:30-17:30',
      phone: opts.phone ?? '0399-86019999',
      complaintPhone: '12345',
      active: opts.active ?? true,
    })
    .returning();
  return row;
}

export async function makeWindow(
  db: Executor,
  opts: { center: CenterRow; number?: number; name?: string; kind?: 'comprehensive' | 'sector'; sector?: string | null; categories?: string[]; dailyCap?: number | null; active?: boolean },
): Promise<WindowRow> {
  let number = opts.number;
  if (number === undefined) {
    const [r] = await db.select({ max: sql<number | null>`max(${windows.number})` }).from(windows).where(eq(windows.centerId, opts.center.id));
    number = (r?.max ?? 0) + 1;
  }
  const kind = opts.kind ?? 'comprehensive';
  const [row] = await db
    .insert(windows)
    .values({
      centerId: opts.center.id,
      countyId: opts.center.countyId,
      number,
      name: opts.name ?? (kind === 'comprehensive' ? `综合受理${number}` : `${opts.sector ?? '不动产'}窗口`),
      kind,
      sector: kind === 'sector' ? (opts.sector ?? '不动产') : null,
      categories: opts.categories ?? (kind === 'comprehensive' ? ['社会事务', '社会保障'] : [opts.sector ?? '不动产登记']),
      dailyCap: opts.dailyCap === undefined ? 50 : opts.dailyCap,
      active: opts.active ?? true,
    })
    .returning();
  return row;
}

export async function makeDepartment(
  db: Executor,
  opts: { region: RegionRow; kind?: 'department' | 'station'; name?: string; shortName?: string; creditCode?: string | null; active?: boolean },
): Promise<DepartmentRow> {
  if (!opts.region.countyId) throw new Error('makeDepartment: the region must be a county or below');
  const n = next();
  const kind = opts.kind ?? (opts.region.level === 'township' ? 'station' : 'department');
  const [row] = await db
    .insert(departments)
    .values({
      regionId: opts.region.id,
      countyId: opts.region.countyId,
      kind,
      name: opts.name ?? `${opts.region.name}测试${kind === 'station' ? '站' : '局'}${n}`,
      shortName: opts.shortName ?? `测试${n}`,
      creditCode: opts.creditCode === undefined ? makeCreditCode('11', opts.region.code.slice(0, 6), 5000 + n) : opts.creditCode,
      active: opts.active ?? true,
    })
    .returning();
  return row;
}

export async function makeStationing(db: Executor, opts: { department: DepartmentRow; center: CenterRow; staffIds?: string[]; active?: boolean }) {
  const [row] = await db
    .insert(stationings)
    .values({ departmentId: opts.department.id, centerId: opts.center.id, countyId: opts.center.countyId, active: opts.active ?? true })
    .returning();
  if (opts.staffIds?.length) await db.insert(stationingStaff).values(opts.staffIds.map((userId) => ({ stationingId: row.id, userId })));
  return row;
}

export interface MadeUser {
  user: UserRow;
  /** The clear values, for tests that check they never leak. */
  idNumber: string;
  phone: string;
  password: string;
}

/**
 * A staff account (or a citizen with `kind: 'citizen'`) with encrypted, indexed and masked PII and an
 * optional role grant scoped to a region or a center. Admin roles need `totpSecret` to log in.
 */
export async function makeStaff(
  db: Executor,
  crypto: Crypto,
  opts: {
    username?: string;
    displayName?: string;
    kind?: 'staff' | 'citizen';
    homeRegion?: RegionRow | null;
    department?: DepartmentRow | null;
    role?: Role;
    scopeRegion?: RegionRow;
    scopeCenter?: CenterRow;
    totpSecret?: string;
    active?: boolean;
    mustChangePassword?: boolean;
    password?: string;
  } = {},
): Promise<MadeUser> {
  const n = next();
  const idNumber = makeIdNumber(opts.homeRegion?.code.slice(0, 6) ?? '139921', '19900101', 500 + (n % 400));
  const phone = makeMobile(7000 + n);
  const password = opts.password ?? FACTORY_PASSWORD;
  const passwordHash = opts.password ? await hashPassword(opts.password) : await factoryPasswordHash();
  const [user] = await db
    .insert(users)
    .values({
      kind: opts.kind ?? 'staff',
      username: opts.username ?? `staff${n}.${Date.now().toString(36)}`,
      displayName: opts.displayName ?? `测试人员${n}`,
      phoneEnc: crypto.encrypt(phone),
      phoneIdx: crypto.index(phone),
      phoneMasked: maskPhone(phone),
      idNumberEnc: crypto.encrypt(idNumber),
      idNumberIdx: crypto.index(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      passwordHash,
      mustChangePassword: opts.mustChangePassword ?? false,
      totpSecretEnc: opts.totpSecret ? crypto.encrypt(opts.totpSecret) : null,
      countyId: opts.homeRegion?.countyId ?? opts.scopeRegion?.countyId ?? opts.scopeCenter?.countyId ?? null,
      departmentId: opts.department?.id ?? null,
      homeRegionId: opts.homeRegion?.id ?? null,
      active: opts.active ?? true,
    })
    .returning();
  await db.insert(passwordHistory).values({ userId: user.id, passwordHash });
  if (opts.role) {
    await db.insert(roleGrants).values({
      userId: user.id,
      role: opts.role,
      scopeRegionId: opts.scopeRegion?.id ?? null,
      scopeCenterId: opts.scopeCenter?.id ?? null,
    });
  }
  return { user, idNumber, phone, password };
}

/** A small county of its own: county + two townships with one village each, a center in every region. */
export async function makeCounty(db: Executor, opts: { name?: string } = {}) {
  const county = await makeRegion(db, { level: 'county', name: opts.name });
  const townA = await makeRegion(db, { parent: county });
  const townB = await makeRegion(db, { parent: county });
  const villageA = await makeRegion(db, { parent: townA });
  const villageB = await makeRegion(db, { parent: townB });
  const hall = await makeCenter(db, { region: county });
  const hallA = await makeCenter(db, { region: townA });
  const hallB = await makeCenter(db, { region: townB });
  const roomA = await makeCenter(db, { region: villageA });
  const roomB = await makeCenter(db, { region: villageB });
  return { county, townA, townB, villageA, villageB, hall, hallA, hallB, roomA, roomB };
}

/** Active role grants of a user (for assertions). */
export async function grantsOf(db: Executor, userId: string) {
  return db
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.active, true), isNull(roleGrants.revokedAt)));
}

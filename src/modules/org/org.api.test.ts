import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog } from '../audit/audit.tables.js';
import { users } from '../auth/auth.tables.js';
import { createTestApp, type TestClient, type TestCtx } from '../../test/harness.js';
import { makeCounty, makeStaff } from '../../test/factories.js';
import { makeCreditCode, makeIdNumber } from '../seed/codes.js';
import { DEMO_CODES, demoPerson, loadDemoIds, seedDemoIfEmpty, type DemoIds } from '../seed/demo.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../seed/demo-constants.js';
import { centers, regions } from './org.tables.js';

let ctx: TestCtx;
let ids: DemoIds;
let sys: TestClient;
let townClerk: TestClient;

const auditRows = (action: string, objectId?: string) =>
  ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), objectId ? eq(auditLog.objectId, objectId) : undefined))
    .orderBy(desc(auditLog.seq));

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty });
  ids = await loadDemoIds(ctx.db);
  sys = await ctx.client().login('sysadmin', DEMO_PASSWORD, DEMO_TOTP_SECRET);
  townClerk = await ctx.client().login('town.clerk', DEMO_PASSWORD);
});
afterAll(async () => ctx?.close());

describe('demo seed', () => {
  test('seeds once, with the county, three townships, their villages and a center in every region', async () => {
    expect(await seedDemoIfEmpty(ctx.db, ctx.config)).toBe(false);
    const rs = await ctx.db.select().from(regions);
    expect(rs.filter((r) => r.level === 'township').map((r) => r.name).sort()).toEqual(['城关街道', '河西镇', '青山镇'].sort());
    expect(rs.filter((r) => r.level === 'village').length).toBeGreaterThanOrEqual(9);
    const cs = await ctx.db.select().from(centers);
    expect(cs.length).toBe(rs.length - 1); // every region but the city
    expect(Object.keys(ids.users)).toContain('hexi.clerk');
  });
});

describe('regions', () => {
  test('sysadmin creates, renames, deactivates and reactivates a village, each audited', async () => {
    const create = await sys.post('/api/org/regions', { parentId: ids.regions.qingshan, level: 'village', code: '139921100204', name: '新庄村' });
    expect(create.statusCode, create.body).toBe(200);
    const village = create.json();
    expect(village).toMatchObject({ code: '139921100204', name: '新庄村', level: 'village', active: true, version: 1, countyId: ids.regions.county });
    expect(village.ancestors.map((a: { name: string }) => a.name)).toEqual(['示范县', '青山镇']);
    expect(village.abilities).toContain('region.update');
    expect(village).not.toHaveProperty('path');
    const [created] = await auditRows('org.created', village.id);
    expect(created).toMatchObject({ objectType: 'region', outcome: 'success', actorRole: 'system_admin', countyId: ids.regions.county });
    expect(created.changes).toMatchObject({ code: { before: null, after: '139921100204' }, name: { before: null, after: '新庄村' } });

    const renamed = await sys.patch(`/api/org/regions/${village.id}`, { version: 1, name: '新庄村（新）' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '新庄村（新）', version: 2 });
    const [updated] = await auditRows('org.updated', village.id);
    expect(updated.changes).toEqual({ name: { before: '新庄村', after: '新庄村（新）' } });

    const stale = await sys.patch(`/api/org/regions/${village.id}`, { version: 1, name: '又改了' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');

    const off = await sys.post(`/api/org/regions/${village.id}/deactivate`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await auditRows('org.deactivated', village.id)).length).toBe(1);
    // Deactivated, not deleted: still readable, hidden from the default tree, shown with includeInactive.
    expect((await sys.get(`/api/org/regions/${village.id}`)).json().active).toBe(false);
    expect((await sys.get('/api/org/tree')).body).not.toContain(village.id);
    expect((await sys.get('/api/org/tree?includeInactive=true')).body).toContain(village.id);

    const child = await sys.post('/api/org/centers', { regionId: village.id, name: '新庄村便民服务室' });
    expect(child.statusCode).toBe(422);
    expect(child.json().error.code).toBe('PARENT_INACTIVE');

    const on = await sys.post(`/api/org/regions/${village.id}/reactivate`, { version: off.json().version });
    expect(on.statusCode).toBe(200);
    expect(on.json().active).toBe(true);
    expect((await auditRows('org.reactivated', village.id)).length).toBe(1);
  });

  test.each([
    [{ parentId: 'qingshan', level: 'village', code: '139921100201', name: '重复村' }, 409, 'DUPLICATE_CODE'],
    [{ parentId: 'county', level: 'village', code: '139921000205', name: '错层村' }, 422, 'REGION_LEVEL_INVALID'],
    [{ parentId: 'qingshan', level: 'village', code: '139921101299', name: '错码村' }, 422, 'REGION_CODE_PARENT_MISMATCH'],
    [{ parentId: 'qingshan', level: 'village', code: '139921100000', name: '零码村' }, 422, 'REGION_CODE_LEVEL_MISMATCH'],
    [{ parentId: 'qingshan', level: 'village', code: '13992110', name: '短码村' }, 400, 'VALIDATION_FAILED'],
    [{ parentId: 'qingshan', level: 'hamlet', code: '139921100299', name: '错级村' }, 400, 'VALIDATION_FAILED'],
  ])('create region %o → %i %s', async (body, status, code) => {
    const res = await sys.post('/api/org/regions', { ...body, parentId: ids.regions[body.parentId as keyof DemoIds['regions']] });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    if (status === 409) expect(res.json().error.message).toMatch(/已存在/);
  });

  test('a region with active children cannot be deactivated', async () => {
    const res = await sys.post(`/api/org/regions/${ids.regions.hexi}/deactivate`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'HAS_ACTIVE_CHILDREN' });
    expect(res.json().error.message).toContain('下级区划');
  });

  test('sysadmin cannot create a root region or a region outside the county', async () => {
    const root = await sys.post('/api/org/regions', { parentId: null, level: 'county', code: '139922000000', name: '邻县' });
    expect(root.statusCode).toBe(403);
    const underCity = await sys.post('/api/org/regions', { parentId: ids.regions.city, level: 'county', code: '139922000000', name: '邻县' });
    expect(underCity.statusCode).toBe(404);
  });
});

describe('centers and windows', () => {
  test('create, update with version, stale version 409, windows, deactivate rules', async () => {
    const create = await sys.post('/api/org/centers', {
      regionId: ids.regions.liuwan,
      name: '柳湾村党群服务中心',
      address: '柳湾村委会',
      hours: '周一至周五 9:00-17:00',
      phone: '0399-86012345',
      complaintPhone: '12345',
    });
    expect(create.statusCode, create.body).toBe(200);
    const center = create.json();
    expect(center).toMatchObject({ level: 'village', regionName: '柳湾村', regionCode: DEMO_CODES.liuwan, version: 1, windows: [], stationings: [] });
    expect((await auditRows('org.created', center.id))[0].objectType).toBe('center');

    const dup = await sys.post('/api/org/centers', { regionId: ids.regions.liuwan, name: '柳湾村党群服务中心' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_NAME');
    const badPhone = await sys.post('/api/org/centers', { regionId: ids.regions.liuwan, name: 'X', phone: '12' });
    expect(badPhone.statusCode).toBe(400);
    const atCity = await sys.post('/api/org/centers', { regionId: ids.regions.city, name: '市中心' });
    expect(atCity.statusCode).toBe(404); // the city is outside the county-scoped admin's scope

    const upd = await sys.patch(`/api/org/centers/${center.id}`, { version: 1, hours: '周一至周六 9:00-17:00' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ hours: '周一至周六 9:00-17:00', version: 2 });
    const [u] = await auditRows('org.updated', center.id);
    expect(u.changes).toEqual({ hours: { before: '周一至周五 9:00-17:00', after: '周一至周六 9:00-17:00' } });
    const stale = await sys.patch(`/api/org/centers/${center.id}`, { version: 1, hours: '全天' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');

    const w = await sys.post(`/api/org/centers/${center.id}/windows`, { number: 1, name: '代办窗口', kind: 'comprehensive', categories: ['代办服务', '综合咨询'], dailyCap: 20 });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ number: 1, kind: 'comprehensive', sector: null, categories: ['代办服务', '综合咨询'], dailyCap: 20 });
    expect((await sys.post(`/api/org/centers/${center.id}/windows`, { number: 1, name: '重复', kind: 'comprehensive' })).json().error.code).toBe(
      'DUPLICATE_WINDOW_NUMBER',
    );
    const noSector = await sys.post(`/api/org/centers/${center.id}/windows`, { number: 2, name: '专业', kind: 'sector' });
    expect(noSector.statusCode).toBe(422);
    expect(noSector.json().error.code).toBe('WINDOW_SECTOR_REQUIRED');
    const sector = await sys.post(`/api/org/centers/${center.id}/windows`, { number: 2, name: '社保', kind: 'sector', sector: '社会保障', categories: ['社会保障'] });
    expect(sector.statusCode).toBe(200);
    const wp = await sys.patch(`/api/org/windows/${w.json().id}`, { version: 1, categories: ['综合咨询', '代办服务'], dailyCap: null });
    expect(wp.statusCode, wp.body).toBe(200);
    expect(wp.json()).toMatchObject({ categories: ['综合咨询', '代办服务'], dailyCap: null, version: 2 });

    const detail = (await sys.get(`/api/org/centers/${center.id}`)).json();
    expect(detail.windows.map((x: { number: number }) => x.number)).toEqual([1, 2]);
    expect(detail.abilities).toEqual(expect.arrayContaining(['center.update', 'window.create']));

    const busy = await sys.post(`/api/org/centers/${center.id}/deactivate`);
    expect(busy.statusCode).toBe(422);
    expect(busy.json().error.code).toBe('HAS_ACTIVE_CHILDREN');
    for (const x of detail.windows) expect((await sys.post(`/api/org/windows/${x.id}/deactivate`)).statusCode).toBe(200);
    const off = await sys.post(`/api/org/centers/${center.id}/deactivate`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expect(off.json().windows).toHaveLength(2); // kept, inactive
    expect((await sys.post(`/api/org/windows/${w.json().id}/reactivate`)).json().error.code).toBe('PARENT_INACTIVE');
    expect((await auditRows('org.deactivated', center.id)).length).toBe(1);
  });

  test('two concurrent edits of the same version: one wins, the other is a clear 409', async () => {
    const id = ids.centers[DEMO_CODES.yangzhuang];
    const { version } = (await sys.get(`/api/org/centers/${id}`)).json();
    const results = await Promise.all([
      sys.patch(`/api/org/centers/${id}`, { version, hours: '上午' }),
      sys.patch(`/api/org/centers/${id}`, { version, hours: '下午' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await sys.get(`/api/org/centers/${id}`)).json().version).toBe(version + 1);
  });

  test('center director updates windows in scope but cannot create them', async () => {
    const director = await ctx.client().login('town.director');
    const hall = (await director.get(`/api/org/centers/${ids.centers[DEMO_CODES.qingshan]}`)).json();
    const w1 = hall.windows[0];
    const upd = await director.patch(`/api/org/windows/${w1.id}`, { version: w1.version, dailyCap: 70 });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().dailyCap).toBe(70);
    expect((await director.post(`/api/org/centers/${hall.id}/windows`, { number: 50, name: 'x', kind: 'comprehensive' })).statusCode).toBe(403);
    const hexiHall = (await sys.get(`/api/org/centers/${ids.centers[DEMO_CODES.hexi]}`)).json();
    expect((await director.patch(`/api/org/windows/${hexiHall.windows[0].id}`, { version: 1, dailyCap: 1 })).statusCode).toBe(404);
  });
});

describe('departments and stationings', () => {
  test('create with a valid credit code, station it with staff, edit staff, deactivate rules', async () => {
    const valid = makeCreditCode('11', '139921', 9001);
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const bad = await sys.post('/api/org/departments', { regionId: ids.regions.county, kind: 'department', name: '示范县水利局', shortName: '水利', creditCode: wrongCheck });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toMatch(/统一社会信用代码/);
    const creditCode = valid;
    const create = await sys.post('/api/org/departments', { regionId: ids.regions.county, kind: 'department', name: '示范县水利局', shortName: '水利', creditCode });
    expect(create.statusCode, create.body).toBe(200);
    const dept = create.json();
    expect(dept).toMatchObject({ name: '示范县水利局', kind: 'department', creditCode, regionName: '示范县', stationings: [] });
    expect((await auditRows('org.created', dept.id))[0].objectType).toBe('department');
    const dupCode = await sys.post('/api/org/departments', { regionId: ids.regions.county, kind: 'department', name: '示范县水务局', shortName: '水务', creditCode });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().error.code).toBe('DUPLICATE_CREDIT_CODE');
    const stationInVillage = await sys.post('/api/org/departments', { regionId: ids.regions.liuwan, kind: 'station', name: '柳湾站', shortName: '柳湾站' });
    expect(stationInVillage.json().error.code).toBe('DEPARTMENT_REGION_LEVEL_INVALID');

    const st = await sys.post(`/api/org/centers/${ids.centers[DEMO_CODES.qingshan]}/stationings`, {
      departmentId: dept.id,
      staffIds: [ids.users['town.clerk']],
    });
    expect(st.statusCode, st.body).toBe(200);
    expect(st.json()).toMatchObject({ active: true, department: { name: '示范县水利局' }, center: { name: '青山镇便民服务中心' } });
    expect(st.json().staff.map((s: { username: string }) => s.username)).toEqual(['town.clerk']);
    expect((await auditRows('org.created', st.json().id))[0].changes).toMatchObject({ staff: { before: null, after: ['town.clerk'] } });
    const again = await sys.post(`/api/org/centers/${ids.centers[DEMO_CODES.qingshan]}/stationings`, { departmentId: dept.id });
    expect(again.json().error.code).toBe('STATIONING_EXISTS');
    const citizenAsStaff = await sys.patch(`/api/org/stationings/${st.json().id}`, { staffIds: [ids.users.citizen] });
    expect(citizenAsStaff.json().error.code).toBe('STAFF_INVALID');

    const upd = await sys.patch(`/api/org/stationings/${st.json().id}`, { staffIds: [ids.users['town.director'], ids.users['town.clerk']] });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().staff.map((s: { username: string }) => s.username)).toEqual(['town.clerk', 'town.director']);
    const [u] = await auditRows('org.updated', st.json().id);
    expect(u.changes).toEqual({ staff: { before: ['town.clerk'], after: ['town.clerk', 'town.director'] } });

    // A township station cannot be stationed at another township's hall.
    const qsStation = (await sys.get(`/api/org/departments?regionId=${ids.regions.qingshan}&limit=50`)).json().items[0];
    const wrong = await sys.post(`/api/org/centers/${ids.centers[DEMO_CODES.hexi]}/stationings`, { departmentId: qsStation.id });
    expect(wrong.json().error.code).toBe('STATIONING_OUTSIDE_REGION');

    const busy = await sys.post(`/api/org/departments/${dept.id}/deactivate`);
    expect(busy.json().error.code).toBe('HAS_ACTIVE_CHILDREN');
    expect((await sys.post(`/api/org/stationings/${st.json().id}/deactivate`)).json().active).toBe(false);
    const off = await sys.post(`/api/org/departments/${dept.id}/deactivate`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false });
    expect(off.json().stationings).toHaveLength(1);

    // The township clerk sees the county department that is stationed at their hall, and its detail.
    const listed = (await townClerk.get('/api/org/departments?limit=200')).json().items.map((d: { name: string }) => d.name);
    expect(listed).toContain('青山镇社会事务办公室');
    expect(listed).not.toContain('河西镇社会事务办公室');
  });
});

describe('staff', () => {
  const idNumber = makeIdNumber('139921', '19910214', 77);
  const phone = '13703990077';

  test('sysadmin creates a staff account: masked only, audited without PII, must change password', async () => {
    const weak = await sys.post('/api/org/staff', { username: 'qs.new', displayName: '新同事', phone, idNumber, homeRegionId: ids.regions.qingshan, password: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    const badId = await sys.post('/api/org/staff', {
      username: 'qs.new',
      displayName: '新同事',
      phone,
      idNumber: idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1'),
      homeRegionId: ids.regions.qingshan,
      password: 'Welcome@2026',
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details[0]).toMatchObject({ path: 'idNumber', message: '身份证号码校验位不正确' });

    const res = await sys.post('/api/org/staff', {
      username: 'QS.New',
      displayName: '新同事',
      phone,
      idNumber,
      homeRegionId: ids.regions.qingshan,
      departmentId: ids.departments['青山镇社会事务办公室'],
      password: 'Welcome@2026',
    });
    expect(res.statusCode, res.body).toBe(200);
    const staff = res.json();
    expect(staff).toMatchObject({
      username: 'qs.new',
      displayName: '新同事',
      phoneMasked: '137****0077',
      idNumberMasked: `139921********${idNumber.slice(-4)}`,
      homeRegionName: '青山镇',
      departmentName: '青山镇社会事务办公室',
      mustChangePassword: true,
      roles: [],
    });
    expect(res.body).not.toContain(idNumber);
    expect(res.body).not.toContain(phone);
    expect(res.body).not.toMatch(/passwordHash|idNumberEnc|phoneEnc|totp/i);
    const [a] = await auditRows('staff.created', staff.id);
    expect(JSON.stringify(a)).not.toContain(idNumber);
    expect(JSON.stringify(a)).not.toContain(phone);
    expect(a.changes).toMatchObject({ idNumber: { before: null, after: staff.idNumberMasked }, phone: { before: null, after: '137****0077' } });
    const [row] = await ctx.db.select().from(users).where(eq(users.id, staff.id));
    expect(row.idNumberEnc).not.toContain(idNumber);
    expect(ctx.crypto.decrypt(row.idNumberEnc!)).toBe(idNumber);

    const dup = await sys.post('/api/org/staff', { username: 'qs.other', displayName: '重号', phone: '13703990078', idNumber, homeRegionId: ids.regions.qingshan, password: 'Welcome@2026' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_ID_NUMBER');
    const dupName = await sys.post('/api/org/staff', {
      username: 'qs.new',
      displayName: '重名',
      phone: '13703990079',
      idNumber: makeIdNumber('139921', '19910214', 79),
      homeRegionId: ids.regions.qingshan,
      password: 'Welcome@2026',
    });
    expect(dupName.json().error.code).toBe('DUPLICATE_USERNAME');

    // The new account logs in with the initial password.
    const me = await ctx.client().login('qs.new', 'Welcome@2026');
    expect((await me.get('/api/auth/me')).statusCode).toBe(200);

    // Search by the full ID number goes through the keyed index; results stay masked.
    const found = await sys.get(`/api/org/staff?q=${idNumber}`);
    expect(found.json().items.map((s: { username: string }) => s.username)).toEqual(['qs.new']);
    expect(found.body).not.toContain(idNumber);

    const upd = await sys.patch(`/api/org/staff/${staff.id}`, { version: staff.version, displayName: '新同事甲', phone: '13703990080' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ displayName: '新同事甲', phoneMasked: '137****0080' });
    const [u] = await auditRows('staff.updated', staff.id);
    expect(u.changes).toEqual({ displayName: { before: '新同事', after: '新同事甲' }, phone: { before: '137****0077', after: '137****0080' } });
    expect((await sys.patch(`/api/org/staff/${staff.id}`, { version: staff.version, displayName: 'x' })).statusCode).toBe(409);

    const reset = await sys.post(`/api/org/staff/${staff.id}/reset-password`, { password: 'Another@2026' });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().mustChangePassword).toBe(true);
    expect((await auditRows('staff.password_reset', staff.id)).length).toBe(1);
    expect((await me.get('/api/auth/me')).statusCode).toBe(401); // sessions ended by the reset
    const me2 = await ctx.client().login('qs.new', 'Another@2026');

    const off = await sys.post(`/api/org/staff/${staff.id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await auditRows('staff.deactivated', staff.id)).length).toBe(1);
    expect((await me2.get('/api/auth/me')).statusCode).toBe(401);
    await expect(ctx.client().login('qs.new', 'Another@2026')).rejects.toThrow();
    expect((await sys.get(`/api/org/staff/${staff.id}`)).json().active).toBe(false); // kept
    const on = await sys.post(`/api/org/staff/${staff.id}/reactivate`);
    expect(on.statusCode, on.body).toBe(200);
    expect((await auditRows('staff.reactivated', staff.id)).length).toBe(1);
  });

  test('staff responses list masked PII and read-only role grants, never clear values', async () => {
    const res = await sys.get('/api/org/staff?limit=500&includeInactive=true');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { username: string; roles: { role: string; scopeName: string }[] }[];
    expect(items.find((s) => s.username === 'town.clerk')?.roles).toEqual([expect.objectContaining({ role: 'window_clerk', scopeName: '青山镇', roleLabel: '窗口受理员' })]);
    expect(items.find((s) => s.username === 'county.clerk')?.roles[0]).toMatchObject({ scopeType: 'center', scopeName: '示范县政务服务中心' });
    for (const u of ['town.clerk', 'sysadmin', 'hexi.clerk', 'village.agent']) {
      const { idNumber, phone } = demoPerson(u);
      expect(res.body).not.toContain(idNumber);
      expect(res.body).not.toContain(phone);
    }
    expect(items.some((s) => s.username === 'citizen')).toBe(false); // citizens are not staff
    const detail = await sys.get(`/api/org/staff/${ids.users['town.approver']}`);
    expect(detail.json().stationings[0]).toMatchObject({ department: { name: '青山镇社会事务办公室' } });
    expect(detail.json().abilities).toEqual(expect.arrayContaining(['staff.update', 'staff.reset_password']));
    expect(detail.json().abilities).not.toContain('role_grant.grant');
    expect((await sys.get(`/api/org/staff/${ids.users.citizen}`)).statusCode).toBe(404);
  });

  test('list rows carry the caller’s abilities on that row, matching what the server allows', async () => {
    const staff = (await sys.get('/api/org/staff?limit=500')).json().items as { id: string; username: string; abilities: string[] }[];
    const clerk = staff.find((s) => s.username === 'town.clerk')!;
    const secadmin = staff.find((s) => s.username === 'secadmin')!;
    expect(clerk.abilities).toEqual(expect.arrayContaining(['staff.update', 'staff.deactivate', 'staff.reset_password']));
    // An administrator's account: the policy would allow it, the 三权分立 guard does not, and the row says so.
    expect(secadmin.abilities).toContain('staff.update');
    expect(secadmin.abilities).not.toContain('staff.deactivate');
    expect(secadmin.abilities).not.toContain('staff.reset_password');
    expect((await sys.post(`/api/org/staff/${secadmin.id}/deactivate`)).json().error.code).toBe('ADMIN_ACCOUNT_PROTECTED');

    const director = await ctx.client().login('town.director', DEMO_PASSWORD);
    const centers = (await director.get('/api/org/centers')).json().items as { name: string; abilities: string[] }[];
    expect(centers.length).toBeGreaterThan(0);
    for (const c of centers) expect(c.abilities).not.toContain('center.update');
    expect(centers.some((c) => c.abilities.includes('window.update'))).toBe(true); // directors manage windows
    const depts = (await sys.get('/api/org/departments')).json().items as { abilities: string[] }[];
    expect(depts.every((d) => d.abilities.includes('department.update'))).toBe(true);
  });

  test('三权分立: the system admin cannot deactivate or reset the security or audit administrator', async () => {
    for (const u of ['secadmin', 'auditor']) {
      const off = await sys.post(`/api/org/staff/${ids.users[u]}/deactivate`);
      expect(off.statusCode).toBe(422);
      expect(off.json().error.code).toBe('ADMIN_ACCOUNT_PROTECTED');
      const reset = await sys.post(`/api/org/staff/${ids.users[u]}/reset-password`, { password: 'Another@2026' });
      expect(reset.json().error.code).toBe('ADMIN_ACCOUNT_PROTECTED');
    }
    // Harmless edits stay possible.
    const sec = (await sys.get(`/api/org/staff/${ids.users.secadmin}`)).json();
    expect((await sys.patch(`/api/org/staff/${sec.id}`, { version: sec.version, displayName: '林安平（安全）' })).statusCode).toBe(200);
  });

  test('an administrator cannot deactivate or reset themself here', async () => {
    expect((await sys.post(`/api/org/staff/${ids.users.sysadmin}/deactivate`)).json().error.code).toBe('CANNOT_DEACTIVATE_SELF');
    expect((await sys.post(`/api/org/staff/${ids.users.sysadmin}/reset-password`, { password: 'Another@2026' })).json().error.code).toBe(
      'USE_CHANGE_PASSWORD',
    );
  });
});

describe('scope', () => {
  test('a township clerk sees only their township subtree in the tree and lists', async () => {
    const tree = await townClerk.get('/api/org/tree');
    expect(tree.statusCode).toBe(200);
    const roots = tree.json().roots;
    expect(roots.map((r: { code: string }) => r.code)).toEqual([DEMO_CODES.qingshan]);
    const codes = JSON.stringify(tree.json()).match(/"code":"(\d{12})"/g)!.map((m) => m.slice(8, 20));
    expect(codes.every((c) => c.startsWith('139921100'))).toBe(true);
    expect(tree.body).not.toContain('河西镇');
    expect(tree.body).not.toContain('示范县政务服务中心');
    const list = (await townClerk.get('/api/org/centers?limit=500')).json().items as { name: string; regionCode: string }[];
    expect(list.length).toBeGreaterThanOrEqual(5);
    expect(list.every((c) => c.regionCode.startsWith('139921100'))).toBe(true);
    const regionsList = (await townClerk.get('/api/org/regions?limit=500')).json().items as { code: string }[];
    expect(regionsList.every((r) => r.code.startsWith('139921100'))).toBe(true);
  });

  test('another township’s center is 404 for the clerk, and the denial is audited', async () => {
    const before = (await auditRows('permission.denied')).length;
    const res = await townClerk.get(`/api/org/centers/${ids.centers[DEMO_CODES.hexi]}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const denied = await auditRows('permission.denied');
    expect(denied.length).toBe(before + 1);
    expect(denied[0]).toMatchObject({ outcome: 'denied', actorId: ids.users['town.clerk'] });
    expect(denied[0].details).toMatchObject({ reason: 'out_of_scope' });
    // A center that does not exist at all is the same 404 for everyone.
    expect((await townClerk.get('/api/org/centers/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await townClerk.get(`/api/org/centers/${ids.centers[DEMO_CODES.qingshan]}`)).statusCode).toBe(200);
  });

  test('a township clerk cannot create or change organisation data (403) nor read staff', async () => {
    const res = await townClerk.post('/api/org/centers', { regionId: ids.regions.qingshanVillage, name: '又一个服务室' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await townClerk.post('/api/org/regions', { parentId: ids.regions.qingshan, level: 'village', code: '139921100209', name: 'x村' })).statusCode).toBe(403);
    expect((await townClerk.get('/api/org/staff')).statusCode).toBe(403);
    expect((await townClerk.get('/api/org/export')).statusCode).toBe(403);
    const denied = await auditRows('permission.denied');
    expect(denied[0].details).toMatchObject({ reason: 'no_permission' });
  });

  test('a village agent sees their own village and room only', async () => {
    const agent = await ctx.client().login('village.agent');
    const tree = (await agent.get('/api/org/tree')).json();
    expect(tree.roots).toHaveLength(1);
    expect(tree.roots[0]).toMatchObject({ code: DEMO_CODES.qingshanVillage, children: [] });
    expect(tree.roots[0].centers.map((c: { name: string }) => c.name)).toEqual(['青山村便民服务室']);
    expect((await agent.get(`/api/org/centers/${ids.centers[DEMO_CODES.shiqiao]}`)).statusCode).toBe(404);
  });

  test('a township director lists only their township’s staff', async () => {
    const director = await ctx.client().login('hexi.director');
    const items = (await director.get('/api/org/staff?limit=500')).json().items as { username: string }[];
    expect(items.map((s) => s.username).sort()).toEqual(['hexi.agent', 'hexi.approver', 'hexi.clerk', 'hexi.director']);
    expect((await director.get(`/api/org/staff/${ids.users['town.clerk']}`)).statusCode).toBe(404);
    const create = await director.post('/api/org/staff', {
      username: 'hexi.new',
      displayName: '新人',
      phone: '13703990099',
      idNumber: makeIdNumber('139921', '19920101', 99),
      homeRegionId: ids.regions.hexi,
      password: 'Welcome@2026',
    });
    expect(create.statusCode).toBe(403);
  });

  test('an administrator of another county sees nothing of this one', async () => {
    const other = await makeCounty(ctx.db, { name: '邻县' });
    await makeStaff(ctx.db, ctx.crypto, { username: 'other.admin', role: 'system_admin', scopeRegion: other.county, homeRegion: other.county, totpSecret: DEMO_TOTP_SECRET });
    const admin = await ctx.client().login('other.admin', DEMO_PASSWORD, DEMO_TOTP_SECRET);
    const tree = (await admin.get('/api/org/tree')).json();
    expect(tree.roots.map((r: { name: string }) => r.name)).toEqual(['邻县']);
    expect((await admin.get(`/api/org/regions/${ids.regions.county}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/org/centers/${ids.centers[DEMO_CODES.county]}`, { version: 1, hours: 'x' })).statusCode).toBe(404);
    expect((await admin.get(`/api/org/staff/${ids.users['town.clerk']}`)).statusCode).toBe(404);
    expect(((await admin.get('/api/org/staff?limit=500')).json().items as unknown[]).length).toBe(1);
  });
});

describe('API surface', () => {
  test('unauthenticated requests are 401 and the OpenAPI document lists the org routes', async () => {
    expect((await ctx.client().get('/api/org/tree')).statusCode).toBe(401);
    const doc = (await ctx.client().get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/org/tree', '/api/org/centers/{id}', '/api/org/import', '/api/org/staff/{id}/reset-password']));
  });
});

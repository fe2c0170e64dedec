import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog } from '../audit/audit.tables.js';
import { users } from '../auth/auth.tables.js';
import { createTestApp, multipart, type TestClient, type TestCtx } from '../../test/harness.js';
import { makeCounty } from '../../test/factories.js';
import { makeIdNumber } from '../seed/codes.js';
import { DEMO_CODES, demoPerson, seedDemoIfEmpty } from '../seed/demo.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../seed/demo-constants.js';
import { centers, regions } from './org.tables.js';

let ctx: TestCtx;
let sys: TestClient;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty });
  sys = await ctx.client().login('sysadmin', DEMO_PASSWORD, DEMO_TOTP_SECRET);
});
afterAll(async () => ctx?.close());

type Sheets = { 区划?: string[][]; 服务中心?: string[][]; 工作人员?: string[][] };
const HEADERS = {
  区划: ['区划代码*', '区划名称*', '级别*', '上级区划代码', '状态'],
  服务中心: ['所在区划代码*', '中心名称*', '地址', '办公时间', '咨询电话', '投诉电话', '状态'],
  工作人员: ['用户名*', '姓名*', '手机号*', '身份证号*', '所属区划代码*', '所属部门', '状态'],
};

/** Build an .xlsx the way a clerk would fill the template (text cells). */
async function xlsx(sheets: Sheets, headers: Partial<Record<keyof Sheets, string[]>> = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets) as [keyof Sheets, string[][]][]) {
    const ws = wb.addWorksheet(name);
    ws.addRow(headers[name] ?? HEADERS[name]);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function upload(client: TestClient, file: Buffer, dryRun: boolean, fields: Record<string, string> = { initialPassword: 'Welcome@2026' }) {
  const { body, headers } = multipart(file, fields, 'org.xlsx', XLSX);
  return client.post(`/api/org/import?dryRun=${dryRun}`, body, headers);
}

async function snapshot() {
  const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(regions);
  const [c] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(centers);
  const [u] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users);
  const [v] = await ctx.db.select({ n: sql<number>`sum(version)::int` }).from(regions);
  return { regions: r.n, centers: c.n, users: u.n, regionVersions: v.n };
}

const newIdNumber = makeIdNumber('139921', '19930405', 311);
const newIdNumber2 = makeIdNumber('139921', '19940506', 312);

const VALID: Sheets = {
  区划: [
    ['139921102000', '新河镇', '乡镇', DEMO_CODES.county, ''],
    ['139921102201', '新河村', '村', '139921102000', '启用'],
    ['139921100204', '新庄村', '村', DEMO_CODES.qingshan, ''],
    [DEMO_CODES.qingshan, '青山镇', '镇', DEMO_CODES.county, '启用'], // existing, unchanged
  ],
  服务中心: [
    ['139921102000', '新河镇便民服务中心', '新河镇政府院内', '周一至周五 8:30-17:30', '0399-86012000', '12345', ''],
    ['139921102201', '新河村便民服务室', '新河村委会', '', '13903991234', '', ''],
  ],
  工作人员: [
    ['xinhe.clerk', '宋新', '13703991001', newIdNumber, '139921102000', '', ''],
    ['xinhe.agent', '贾村', '13703991002', newIdNumber2, '139921102201', '', '启用'],
  ],
};

describe('template and export', () => {
  test('the template has the three sheets, Chinese headers, one example each and a guide', async () => {
    const res = await sys.get('/api/org/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['区划', '服务中心', '工作人员', '说明']);
    expect(wb.getWorksheet('区划')!.getRow(1).values).toEqual([undefined, ...HEADERS.区划]);
    for (const name of ['区划', '服务中心', '工作人员']) expect(wb.getWorksheet(name)!.rowCount).toBe(2);
    // The template's own example rows import cleanly (dry run).
    const dry = await upload(sys, res.rawPayload, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ valid: true, summary: { regions: { create: 1 }, centers: { create: 1 }, staff: { create: 1 } } });
  });

  test('export → import (dry run) of the caller’s own scope changes nothing, masked PII included', async () => {
    const res = await sys.get('/api/org/export');
    expect(res.statusCode).toBe(200);
    const exported = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'org.exported'));
    expect(exported).toHaveLength(1);
    expect(exported[0].details).toMatchObject({ staff: expect.any(Number) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const staffSheet = wb.getWorksheet('工作人员')!;
    const { idNumber } = demoPerson('town.clerk');
    expect(res.rawPayload.toString('latin1')).not.toContain(idNumber);
    const rows: string[][] = [];
    staffSheet.eachRow((r, i) => i > 1 && rows.push((r.values as string[]).slice(1)));
    expect(rows.find((r) => r[0] === 'town.clerk')?.[3]).toMatch(/^139921\*{8}/);
    const regionSheet = wb.getWorksheet('区划')!;
    expect(regionSheet.getRow(2).getCell(1).value).toBe(DEMO_CODES.county); // the city above is out of scope
    const dry = await upload(sys, res.rawPayload, true, {});
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json();
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
    for (const k of ['regions', 'centers', 'staff']) expect(report.summary[k]).toMatchObject({ create: 0, update: 0 });
    expect(report.summary.staff.unchanged).toBeGreaterThan(10);
  });

  test('a township clerk may neither import nor download the template', async () => {
    const clerk = await ctx.client().login('town.clerk');
    expect((await clerk.get('/api/org/import/template')).statusCode).toBe(403);
    expect((await upload(clerk, await xlsx(VALID), true)).statusCode).toBe(403);
  });
});

describe('import', () => {
  test('dry run saves nothing; the real import saves everything with one audit row; re-import is idempotent', async () => {
    // An existing center, exactly as stored: counted as unchanged.
    const [hall] = await ctx.db.select().from(centers).where(eq(centers.name, '青山镇便民服务中心'));
    const file = await xlsx({
      ...VALID,
      服务中心: [...VALID.服务中心!, [DEMO_CODES.qingshan, hall.name, hall.address, hall.hours, hall.phone, hall.complaintPhone, '启用']],
    });
    const before = await snapshot();
    const dry = await upload(sys, file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({
      valid: true,
      dryRun: true,
      saved: false,
      errors: [],
      summary: {
        regions: { create: 3, update: 0, unchanged: 1 },
        centers: { create: 2, update: 0, unchanged: 1 },
        staff: { create: 2, update: 0, unchanged: 0 },
      },
    });
    expect(await snapshot()).toEqual(before);

    const auditBefore = (await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'org.imported'))).length;
    const real = await upload(sys, file, false);
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json()).toMatchObject({ valid: true, dryRun: false, saved: true });
    const after = await snapshot();
    expect(after.regions).toBe(before.regions + 3);
    expect(after.centers).toBe(before.centers + 2);
    expect(after.users).toBe(before.users + 2);
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'org.imported'));
    expect(audits.length).toBe(auditBefore + 1);
    expect(audits.at(-1)!.details).toMatchObject({
      fileName: 'org.xlsx',
      summary: { regions: { create: 3 } },
      created: { staff: ['xinhe.clerk', 'xinhe.agent'] },
    });
    expect(JSON.stringify(audits.at(-1))).not.toContain(newIdNumber);

    // The imported tree is consistent: paths, county, levels; the new account is masked and must change its password.
    const [town] = await ctx.db.select().from(regions).where(eq(regions.code, '139921102000'));
    const [village] = await ctx.db.select().from(regions).where(eq(regions.code, '139921102201'));
    expect(village.path).toBe(`${town.path}${village.id}/`);
    expect(village.countyId).toBe(town.countyId);
    const [clerk] = await ctx.db.select().from(users).where(eq(users.username, 'xinhe.clerk'));
    expect(clerk).toMatchObject({ kind: 'staff', mustChangePassword: true, homeRegionId: town.id, countyId: town.countyId, idNumberMasked: `139921********${newIdNumber.slice(-4)}` });
    expect(ctx.crypto.decrypt(clerk.idNumberEnc!)).toBe(newIdNumber);
    await ctx.client().login('xinhe.clerk', 'Welcome@2026');

    const again = await upload(sys, file, false);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().summary).toEqual({
      regions: { create: 0, update: 0, unchanged: 4 },
      centers: { create: 0, update: 0, unchanged: 3 },
      staff: { create: 0, update: 0, unchanged: 2 },
    });
    expect(await snapshot()).toEqual(after);

    // Changing a value updates in place.
    const changed = await xlsx({ ...VALID, 区划: [['139921102201', '新河新村', '村', '139921102000', '']] });
    const upd = await upload(sys, changed, false);
    expect(upd.json().summary.regions).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect((await ctx.db.select().from(regions).where(eq(regions.code, '139921102201')))[0].name).toBe('新河新村');
  });

  test('a file with bad rows is rejected as a whole, listing every sheet/row/column, and the database is unchanged', async () => {
    const other = await makeCounty(ctx.db, { name: '外县' });
    const before = await snapshot();
    const file = await xlsx({
      区划: [
        ['139921103000', '好镇', '乡镇', DEMO_CODES.county, ''], // row 2: fine on its own
        ['13992110', '短码村', '村', DEMO_CODES.qingshan, ''], // row 3: code format
        ['139921103201', '错层村', '村', DEMO_CODES.county, ''], // row 4: level under county
        ['139921104201', '先子后父村', '村', '139921104000', ''], // row 5: parent defined later
        ['139921104000', '后父镇', '乡镇', DEMO_CODES.county, ''], // row 6: fine
        ['139921103000', '重复镇', '乡镇', DEMO_CODES.county, ''], // row 7: duplicate of row 2
        ['139921105000', '怪级镇', '组', DEMO_CODES.county, ''], // row 8: unknown level
        [other.townA.code.slice(0, 9) + '299', '外县村', '村', other.townA.code, ''], // row 9: outside scope
      ],
      服务中心: [
        ['139921199000', '无区划中心', '', '', '', '', ''], // row 2: unknown region
        [DEMO_CODES.hexi, '河西镇第二中心', '', '', '12', '', ''], // row 3: bad phone
        [DEMO_CODES.city, '示范市中心', '', '', '', '', ''], // row 4: a city has no center (and is out of scope)
      ],
      工作人员: [
        ['ok.person', '好人', '13703992001', makeIdNumber('139921', '19900101', 401), DEMO_CODES.hexi, '', ''], // row 2: fine
        ['bad.id', '坏号', '13703992002', '139921199001011230', DEMO_CODES.hexi, '', ''], // row 3: check digit (unless lucky)
        ['bad.phone', '坏机', '2370399', makeIdNumber('139921', '19900101', 403), DEMO_CODES.hexi, '', ''], // row 4: phone
        ['ok.person', '重名', '13703992004', makeIdNumber('139921', '19900101', 405), DEMO_CODES.hexi, '', ''], // row 5: duplicate username
        ['outsider', '外人', '13703992005', makeIdNumber('139921', '19900101', 407), other.townA.code, '', ''], // row 6: out of scope
        ['dup.id', '撞号', '13703992006', demoPerson('town.clerk').idNumber, DEMO_CODES.hexi, '', ''], // row 7: ID used by another account
        ['citizen', '群众', '13703992007', makeIdNumber('139921', '19900101', 409), DEMO_CODES.hexi, '', ''], // row 8: a citizen's username
        ['no.dept', '无部门', '13703992008', makeIdNumber('139921', '19900101', 411), DEMO_CODES.hexi, '不存在局', '作废'], // row 9: dept + status
      ],
    });
    const res = await upload(sys, file, false);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    expect(res.json().error.message).toMatch(/未保存任何数据/);
    const report = res.json().error.details;
    expect(report).toMatchObject({ valid: false, dryRun: false, saved: false });
    const where = (report.errors as { sheet: string; row: number; column: string }[]).map((e) => `${e.sheet}!${e.row}!${e.column}`);
    const expected = [
      '区划!3!区划代码',
      '区划!4!级别',
      '区划!5!上级区划代码',
      '区划!7!区划代码',
      '区划!8!级别',
      '区划!9!上级区划代码',
      '服务中心!2!所在区划代码',
      '服务中心!3!咨询电话',
      '服务中心!4!所在区划代码',
      '工作人员!4!手机号',
      '工作人员!5!用户名',
      '工作人员!6!所属区划代码',
      '工作人员!7!身份证号',
      '工作人员!8!用户名',
      '工作人员!9!所属部门',
      '工作人员!9!状态',
    ];
    expect(where).toEqual(expect.arrayContaining(expected));
    for (const ok of ['区划!2!', '区划!6!', '工作人员!2!']) expect(where.some((w) => w.startsWith(ok))).toBe(false);
    const msg = (s: string) => report.errors.find((e: { sheet: string; row: number; column: string }) => `${e.sheet}!${e.row}!${e.column}` === s)?.message;
    expect(msg('区划!5!上级区划代码')).toMatch(/须在本行之前/);
    expect(msg('区划!7!区划代码')).toMatch(/与第 2 行重复/);
    expect(msg('工作人员!7!身份证号')).toMatch(/已被其他账号使用/);
    expect(JSON.stringify(report)).not.toContain(demoPerson('town.clerk').idNumber.slice(6, 14));
    expect(await snapshot()).toEqual(before);

    // The same file as a dry run: 200 with the same report.
    const dry = await upload(sys, file, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ valid: false, dryRun: true, saved: false });
    expect(dry.json().errors.length).toBe(report.errors.length);
  });

  test('new accounts need an initial password that meets the policy', async () => {
    const file = await xlsx({ 工作人员: [['pw.test', '测密', '13703993001', makeIdNumber('139921', '19900101', 501), DEMO_CODES.hexi, '', '']] });
    const none = await upload(sys, file, false, {});
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details.errors[0]).toMatchObject({ sheet: '工作人员', row: 2, column: '用户名' });
    expect(none.json().error.details.errors[0].message).toMatch(/初始密码/);
    const weak = await upload(sys, file, true, { initialPassword: 'weak' });
    expect(weak.json().errors[0].message).toMatch(/初始密码不符合要求/);
  });

  test('headers are checked and non-Excel uploads are refused by content', async () => {
    const noHeader = await upload(sys, await xlsx({ 区划: [['139921100299', 'x村', '村', DEMO_CODES.qingshan, '']] }, { 区划: ['代码', '名称'] }), true);
    expect(noHeader.statusCode).toBe(200);
    expect(noHeader.json().errors.map((e: { column: string }) => e.column)).toEqual(['区划代码', '区划名称', '级别']);
    const text = await upload(sys, Buffer.from('区划代码,区划名称\n139921100299,x村\n'), true);
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('FILE_TYPE_INVALID');
    const fakeZip = await upload(sys, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)]), true);
    expect(fakeZip.statusCode).toBe(400);
    const json = await sys.post('/api/org/import?dryRun=true', { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('FILE_REQUIRED');
    // Size: a 2 MB upload reaches the content check; one over the 5 MB import limit is 413.
    const big = await upload(sys, Buffer.concat([Buffer.from('PK'), randomBytes(2 * 1024 * 1024)]), true);
    expect(big.statusCode).toBe(400);
    expect(big.json().error.code).toBe('FILE_TYPE_INVALID');
    const huge = await upload(sys, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(6 * 1024 * 1024)]), true);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const empty = await upload(sys, await xlsx({}), true);
    expect(empty.json().valid).toBe(false);
  });

  test('an ID number stored by Excel as a number is reported, not silently truncated', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工作人员');
    ws.addRow(HEADERS.工作人员);
    ws.addRow(['num.id', '数字', '13703994001', 139921199001011230, DEMO_CODES.hexi, '', '']);
    const res = await upload(sys, Buffer.from(await wb.xlsx.writeBuffer()), true);
    expect(res.json().errors[0]).toMatchObject({ sheet: '工作人员', row: 2, column: '身份证号' });
    expect(res.json().errors[0].message).toMatch(/文本格式/);
  });
});

describe('zip bombs', () => {
  test('a workbook whose declared uncompressed size is huge is refused before it is inflated', async () => {
    const { deflateRawSync } = await import('node:zlib');
    // One entry of 100 MB of zeros compresses to ~100 KB: a classic bomb.
    const data = deflateRawSync(Buffer.alloc(100 * 1024 * 1024));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(100 * 1024 * 1024, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(100 * 1024 * 1024, 24);
    central.writeUInt16LE(name.length, 28);
    const cdOffset = local.length + name.length + data.length;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + name.length, 12);
    eocd.writeUInt32LE(cdOffset, 16);
    const bomb = Buffer.concat([local, name, data, central, name, eocd]);
    const res = await upload(sys, bomb, true);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
  });
});

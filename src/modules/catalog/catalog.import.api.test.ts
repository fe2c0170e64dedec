import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cellText, writeWorkbook, XLSX_MIME } from '../../platform/xlsx.js';
import { createTestApp, qs, type TestClient, type TestCtx } from '../../test/harness.js';
import { auditLog } from '../audit/audit.tables.js';
import { loadDemoIds, seedDemoIfEmpty, DEMO_CODES, type DemoIds } from '../seed/demo.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import { SHEETS } from './catalog.import.js';
import { catalogBasicItems, catalogItems, catalogItemVersions } from './catalog.tables.js';

let ctx: TestCtx;
let ids: DemoIds;
let countyCat: TestClient;
let townCat: TestClient;
let townDirector: TestClient;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty });
  ids = await loadDemoIds(ctx.db);
  countyCat = await ctx.client().login('county.catalog', DEMO_PASSWORD);
  townCat = await ctx.client().login('town.catalog', DEMO_PASSWORD);
  townDirector = await ctx.client().login('town.director', DEMO_PASSWORD);
});
afterAll(async () => ctx?.close());

type SheetName = '基本目录' | '实施清单' | '申请材料' | '办理流程';
type Book = Partial<Record<SheetName, string[][]>>;
const DEF_BY_NAME = Object.fromEntries(Object.values(SHEETS).map((d) => [d.name, d]));

/** A workbook in the template's layout (same headers), with the given data rows. */
const xlsx = (book: Book): Promise<Buffer> => writeWorkbook(Object.entries(book).map(([name, rows]) => ({ def: DEF_BY_NAME[name], rows })));

/** Every sheet of a workbook as rows of cell texts (header row included). */
async function readBook(buffer: Buffer): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  const out: Record<string, string[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_, i) => cellText(row.getCell(i + 1).value).text)));
    out[ws.name] = rows;
  }
  return out;
}

const upload = (client: TestClient, file: Buffer, dryRun: boolean, name = 'catalog.xlsx') => client.upload(`/api/catalog/admin/import?dryRun=${dryRun}`, name, file, {}, XLSX_MIME);

/** Rows and versions of the catalog: equal snapshots mean the import saved nothing. */
async function snapshot() {
  const one = async (q: Promise<{ n: number }[]>) => (await q)[0].n;
  return {
    basics: await one(ctx.db.select({ n: sql<number>`count(*)::int` }).from(catalogBasicItems)),
    basicVersions: await one(ctx.db.select({ n: sql<number>`coalesce(sum(version), 0)::int` }).from(catalogBasicItems)),
    items: await one(ctx.db.select({ n: sql<number>`count(*)::int` }).from(catalogItems)),
    heads: await one(ctx.db.select({ n: sql<number>`coalesce(sum(version), 0)::int` }).from(catalogItems)),
    versions: await one(ctx.db.select({ n: sql<number>`count(*)::int` }).from(catalogItemVersions)),
    edits: await one(ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(sql`${auditLog.action} like 'catalog.%' and ${auditLog.action} not in ('catalog.exported')`)),
  };
}

const QINGSHAN_HALL = '青山镇便民服务中心';
const QINGSHAN_ROOM = '青山村便民服务室';
const COUNTY_HALL = '示范县政务服务中心';
const STATION = '青山镇社会事务办公室';

/** A 实施清单 row with sensible values; `over` replaces columns by header. */
function itemRow(center: string, basicCode: string, over: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    实施机构: center,
    基本编码: basicCode,
    实施部门: STATION,
    俗称: '',
    主题: '养老',
    服务对象: '个人',
    受理层级: '村级、乡镇级',
    初审层级: '',
    决定层级: '乡镇级',
    下放方式: '',
    下放文件: '',
    办件类型: '承诺件',
    办理类型: '本级办结',
    联办部门: '',
    法定时限: '20',
    承诺时限: '10',
    特别程序: '',
    收费: '不收费',
    到现场次数: '1',
    网办深度: '网上申报',
    办理地点: '青山镇便民服务中心社会事务窗口',
    办理时间: '周一至周五 8:30-17:30',
    咨询电话: '0399-86010001',
    投诉电话: '12345',
    可代办: '是',
    受理条件: '本镇户籍',
    常见问题: '',
    实施编码: '',
    ...over,
  };
  return SHEETS.items.columns.map((c) => base[c.header] ?? '');
}

const material = (center: string, code: string, seq: number, name: string, over: Partial<Record<'key' | 'source' | 'issuer' | 'form' | 'copies' | 'necessity' | 'deferDays', string>> = {}) => [
  center,
  code,
  String(seq),
  over.key ?? '',
  name,
  over.source ?? '申请人自备',
  over.issuer ?? '',
  over.form ?? '原件',
  over.copies ?? '1',
  over.necessity ?? '必要',
  over.deferDays ?? '',
  '',
  '',
];
const step = (center: string, code: string, seq: number, name: string, level: string, days: number) => [center, code, String(seq), '', name, '', level, String(days), '否', ''];
const steps = (center: string, code: string, level = '乡镇级') => [step(center, code, 1, '受理', '村级', 1), step(center, code, 2, '审查', level, 3), step(center, code, 3, '决定', level, 2)];
const basic = (code: string, name: string, type = '公共服务') => [code, name, type, '民政', '《示范县社会救助办法》第五条：本办法适用于本县行政区域。\n　　第二款：续行。'];

describe('template', () => {
  test('four sheets with Chinese headers, a guide, and example rows that import cleanly', async () => {
    const res = await countyCat.get('/api/catalog/admin/template.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('事项清单导入模板.xlsx')}`);
    const book = await readBook(res.rawPayload);
    expect(Object.keys(book)).toEqual(['基本目录', '实施清单', '申请材料', '办理流程', '说明']);
    expect(book.基本目录[0]).toEqual(['基本编码*', '事项名称*', '事项类型*', '主管部门*', '设定依据*']);
    expect(book.申请材料[0]).toEqual(['实施机构*', '基本编码*', '序号*', '材料标识', '材料名称*', '来源*', '出具部门', '形式*', '份数*', '必要性*', '补交期限', '可替代电子证照', '备注']);
    expect(book.办理流程[0]).toEqual(['实施机构*', '基本编码*', '序号*', '环节标识', '环节名称*', '承办部门', '层级*', '时限*', '并联', '说明']);
    expect(book.实施清单[0].slice(0, 4)).toEqual(['实施机构*', '基本编码*', '实施部门*', '俗称']);
    expect(book.实施清单[0].at(-1)).toBe('实施编码');
    const guide = book.说明.map((r) => r.join(' ')).join('\n');
    for (const word of ['容缺后补', '承诺件', '行政许可', '村级、乡镇级', '电子材料']) expect(guide).toContain(word);

    const before = await snapshot();
    const dry = await upload(countyCat, res.rawPayload, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      ok: true,
      saved: false,
      errors: [],
      summary: { basicItems: { created: 1, updated: 0, unchanged: 0 }, items: { created: 1, updated: 0, unchanged: 0 } },
    });
    expect(await snapshot()).toEqual(before);
  });

  test('only catalog admins may download the template or import; a director may export', async () => {
    const clerk = await ctx.client().login('town.clerk', DEMO_PASSWORD);
    expect((await clerk.get('/api/catalog/admin/template.xlsx')).statusCode).toBe(403);
    expect((await upload(clerk, await xlsx({ 基本目录: [] }), true)).statusCode).toBe(403);
    expect((await clerk.get('/api/catalog/admin/export.xlsx')).statusCode).toBe(403);
    expect((await upload(townDirector, await xlsx({ 基本目录: [] }), true)).statusCode).toBe(403);
    expect((await townDirector.get('/api/catalog/admin/export.xlsx')).statusCode).toBe(200);
  });
});

describe('export → import round trip', () => {
  test('the whole catalog exports in the import format and re-imports with no change and no new version', async () => {
    const res = await countyCat.get('/api/catalog/admin/export.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const book = await readBook(res.rawPayload);
    const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(catalogItems);
    expect(book.实施清单.length - 1).toBe(count.n);
    expect(book.基本目录.length).toBeGreaterThan(1);
    // The implementation code is shown (read-only) on every item row.
    for (const r of book.实施清单.slice(1)) expect(r.at(-1)).toMatch(/^[0-9A-Z]{18}[456]\d{12}$/);
    const exported = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'catalog.exported'));
    expect(exported.at(-1)?.details).toMatchObject({ centerId: null, items: count.n });

    const before = await snapshot();
    const dry = await upload(countyCat, res.rawPayload, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json();
    expect(report.errors).toEqual([]);
    expect(report.summary.items).toEqual({ created: 0, updated: 0, unchanged: count.n });
    expect(report.summary.basicItems).toMatchObject({ created: 0, updated: 0 });
    const real = await upload(countyCat, res.rawPayload, false);
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json()).toMatchObject({ ok: true, saved: true, summary: { items: { created: 0, updated: 0 } } });
    const after = await snapshot();
    expect({ ...after, edits: after.edits - 1 }).toEqual(before); // only the catalog.imported row
  });

  test('one center’s list, exported by the township admin, re-imports unchanged; other centers are out of scope', async () => {
    const hall = ids.centers[DEMO_CODES.qingshan];
    const res = await townCat.get('/api/catalog/admin/export.xlsx' + qs({ centerId: hall }));
    expect(res.statusCode, res.body).toBe(200);
    const book = await readBook(res.rawPayload);
    const rows = book.实施清单.slice(1);
    const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(catalogItems).where(eq(catalogItems.centerId, hall));
    expect(rows.length).toBe(count.n);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(count.n ? [QINGSHAN_HALL] : []));
    const dry = await upload(townCat, res.rawPayload, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, errors: [], summary: { basicItems: { created: 0, updated: 0 }, items: { created: 0, updated: 0, unchanged: count.n } } });
    const other = await townCat.get('/api/catalog/admin/export.xlsx' + qs({ centerId: ids.centers[DEMO_CODES.county] }));
    expect(other.statusCode).toBe(404);
  });
});

describe('import', () => {
  const A = '209902001000';
  const B = '059902002000';
  const validBook = (): Book => ({
    基本目录: [basic(A, '导入测试：农村留守老人关爱登记'), basic(B, '导入测试：困难群众临时帮扶', '行政给付')],
    实施清单: [
      itemRow(QINGSHAN_HALL, A, { 俗称: '留守老人、关爱登记', 特别程序: '公示:3:在村务公开栏公示', 常见问题: '问：子女在县城工作算吗？\n答：不算。\n问：要本人去吗？答：可以由村代办员代办。' }),
      // Decided by the township above the village room: a 报批件.
      itemRow(QINGSHAN_ROOM, B, { 受理层级: '村级', 办理类型: '报批件', 收费: '工本费:5元:《示范县收费目录》第3项', 办理地点: '青山村便民服务室' }),
    ],
    申请材料: [
      material(QINGSHAN_HALL, A, 1, '关爱登记表'),
      material(QINGSHAN_HALL, A, 2, '居民身份证', { source: '政府部门核发', issuer: '公安机关', necessity: '容缺后补', deferDays: '5' }),
      material(QINGSHAN_ROOM, B, 1, '帮扶申请书', { key: 'apply' }),
    ],
    办理流程: [...steps(QINGSHAN_HALL, A), ...steps(QINGSHAN_ROOM, B)],
  });

  const itemOf = async (center: string, code: string) => {
    const [row] = await ctx.db
      .select({ item: catalogItems })
      .from(catalogItems)
      .innerJoin(catalogBasicItems, eq(catalogBasicItems.id, catalogItems.basicItemId))
      .where(sql`${catalogItems.centerId} = ${center} and ${catalogBasicItems.code} = ${code}`);
    return row?.item;
  };

  test('a dry run saves nothing; the import creates drafts in one go; re-importing changes nothing; published items get a new draft version', async () => {
    const file = await xlsx(validBook());
    const before = await snapshot();
    const dry = await upload(countyCat, file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      ok: true,
      saved: false,
      errors: [],
      summary: { basicItems: { created: 2, updated: 0, unchanged: 0 }, items: { created: 2, updated: 0, unchanged: 0 } },
    });
    expect(await snapshot()).toEqual(before);

    const real = await upload(countyCat, file, false, '导入测试.xlsx');
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json()).toMatchObject({ ok: true, saved: true, summary: { basicItems: { created: 2 }, items: { created: 2 } } });
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'catalog.imported')).orderBy(sql`${auditLog.seq} desc`).limit(1);
    expect(audit.details).toMatchObject({ fileName: '导入测试.xlsx', fileSm3: expect.stringMatching(/^[0-9a-f]{64}$/), created: { basicItems: [A, B] } });

    const a = await itemOf(ids.centers[DEMO_CODES.qingshan], A);
    const b = await itemOf(ids.centers[DEMO_CODES.qingshanVillage], B);
    expect(a).toMatchObject({ status: 'draft', latestVersion: 1, openVersion: 1, publishedVersion: null, level: 'township' });
    expect(b).toMatchObject({ status: 'draft', level: 'village' });
    const detail = (await countyCat.get(`/api/catalog/admin/items/${a!.id}`)).json();
    const c = detail.current.content;
    expect(c.materials.map((m: { key: string }) => m.key)).toEqual(['m1', 'm2']);
    expect(c.materials[1]).toMatchObject({ necessity: 'deferrable', deferDays: 5, source: 'government', issuer: '公安机关' });
    expect(c.aliases).toEqual(['留守老人', '关爱登记']);
    expect(c.specialProcedures).toEqual([{ kind: 'publicity', days: 3, note: '在村务公开栏公示' }]);
    expect(c.faq).toEqual([
      { q: '子女在县城工作算吗？', a: '不算。' },
      { q: '要本人去吗？', a: '可以由村代办员代办。' },
    ]);
    expect(c.legalBasis).toEqual([{ name: '《示范县社会救助办法》', article: '第五条', text: '本办法适用于本县行政区域。\n第二款：续行。' }]);
    expect(c.steps.map((s: { key: string }) => s.key)).toEqual(['s1', 's2', 's3']);
    const bDetail = (await countyCat.get(`/api/catalog/admin/items/${b!.id}`)).json();
    expect(bDetail.current.content).toMatchObject({ processKind: 'report', fees: [{ name: '工本费', amountFen: 500, basis: '《示范县收费目录》第3项' }] });
    expect(bDetail.current.content.materials[0].key).toBe('apply');

    // A blank form uploaded in the workbench stays on its material when the file is imported again.
    const pdf = await countyCat.upload('/api/catalog/admin/files', '关爱登记表.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(pdf.statusCode, pdf.body).toBe(200);
    const withForm = { ...c, materials: [{ ...c.materials[0], blankFileId: pdf.json().id }, c.materials[1]] };
    delete withForm.name;
    delete withForm.itemType;
    delete withForm.legalBasis;
    const saved = await countyCat.put(`/api/catalog/admin/items/${a!.id}/draft`, { content: withForm, version: detail.version });
    expect(saved.statusCode, saved.body).toBe(200);

    const again = await snapshot();
    const re = await upload(countyCat, file, false);
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json().summary).toEqual({ basicItems: { created: 0, updated: 0, unchanged: 2 }, items: { created: 0, updated: 0, unchanged: 2 } });
    const afterRe = await snapshot();
    expect({ ...afterRe, edits: afterRe.edits - 1 }).toEqual(again);

    // Publish A (four eyes), then change it by file: a new draft version beside the published one.
    let d = (await townCat.get(`/api/catalog/admin/items/${a!.id}`)).json();
    d = (await townCat.post(`/api/catalog/admin/items/${a!.id}/submit`, { version: d.version })).json();
    const approved = await townDirector.post(`/api/catalog/admin/items/${a!.id}/approve`, { version: d.version });
    expect(approved.statusCode, approved.body).toBe(200);
    const changed = validBook();
    changed.实施清单![0] = itemRow(QINGSHAN_HALL, A, { 俗称: '留守老人、关爱登记', 特别程序: '公示:3:在村务公开栏公示', 常见问题: '问：子女在县城工作算吗？\n答：不算。\n问：要本人去吗？答：可以由村代办员代办。', 承诺时限: '8' });
    const upd = await upload(countyCat, await xlsx(changed), false);
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().summary.items).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const a2 = (await countyCat.get(`/api/catalog/admin/items/${a!.id}`)).json();
    expect(a2).toMatchObject({ publishedVersion: 1, openVersion: 2, openStatus: 'draft', status: 'published' });
    expect(a2.current.content.promisedDays).toBe(8);
    expect(a2.current.content.materials[0].blankFileId).toBe(pdf.json().id);

    // What was imported exports back to the same thing (FAQ, procedures, fees, multi-line legal text).
    const exp = await countyCat.get('/api/catalog/admin/export.xlsx');
    const round = await upload(countyCat, exp.rawPayload, true);
    expect(round.json()).toMatchObject({ ok: true, errors: [], summary: { basicItems: { created: 0, updated: 0 }, items: { created: 0, updated: 0 } } });

    // A version waiting for review is not changed by an import.
    let bd = (await townCat.get(`/api/catalog/admin/items/${b!.id}`)).json();
    bd = (await townCat.post(`/api/catalog/admin/items/${b!.id}/submit`, { version: bd.version })).json();
    expect(bd.openStatus).toBe('in_review');
    const inReview = validBook();
    inReview.实施清单![1] = itemRow(QINGSHAN_ROOM, B, { 受理层级: '村级', 办理类型: '报批件', 收费: '工本费:6元:《示范县收费目录》第3项', 办理地点: '青山村便民服务室' });
    const refused = await upload(countyCat, await xlsx(inReview), true);
    expect(refused.json().errors).toEqual([{ sheet: '实施清单', row: 3, column: '基本编码', message: expect.stringContaining('待审核') }]);
  });

  test('every bad row is reported by sheet, row and column, and nothing is saved', async () => {
    const C = '209903001000';
    const D = '209903002000';
    const file = await xlsx({
      基本目录: [
        ['20990300100', '编码少一位', '公共服务', '民政', '《示范县社会救助办法》第五条'], // row 2: bad code
        [C, '类型写错', '行政审批', '民政', '《示范县社会救助办法》第五条'], // row 3: bad enum
        [D, '正常事项', '公共服务', '民政', '《示范县社会救助办法》第五条'], // row 4: fine
        ['209903003000', '没有实施的事项', '公共服务', '民政', '《示范县社会救助办法》第五条'], // row 5: fine
      ],
      实施清单: [
        itemRow(QINGSHAN_HALL, D, { 实施部门: '示范县不存在局', 承诺时限: '-3' }), // row 2: unknown department, negative days
        itemRow(QINGSHAN_ROOM, D, { 受理层级: '村级', 办理类型: '报批件' }), // row 3: fine
      ],
      申请材料: [
        material(QINGSHAN_HALL, '209903003000', 1, '没有事项的材料'), // row 2: its item is nowhere
        material(QINGSHAN_ROOM, D, 1, '身份证', { necessity: '容缺后补' }), // row 3: 容缺后补 without days
        material(QINGSHAN_ROOM, D, 2, '扫描的户口簿', { form: '扫描件' }), // row 4: bad enum
      ],
      办理流程: steps(QINGSHAN_ROOM, D),
    });
    const before = await snapshot();
    const dry = await upload(countyCat, file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ ok: false, saved: false });
    const at = (sheet: string, row: number, column: string, text: string) => expect.objectContaining({ sheet, row, column, message: expect.stringContaining(text) });
    expect(report.errors).toEqual(
      expect.arrayContaining([
        at('基本目录', 2, '基本编码', '12位数字'),
        at('基本目录', 3, '事项类型', '行政审批'),
        at('实施清单', 2, '实施部门', '示范县不存在局'),
        at('实施清单', 2, '承诺时限', '不能为负数'),
        at('申请材料', 2, '基本编码', '没有对应的实施清单事项'),
        at('申请材料', 3, '补交期限', '容缺后补'),
        at('申请材料', 4, '形式', '扫描件'),
      ]),
    );
    expect(report.errors).toHaveLength(7);
    expect(await snapshot()).toEqual(before);

    const real = await upload(countyCat, file, false);
    expect(real.statusCode).toBe(422);
    expect(real.json().error).toMatchObject({ code: 'IMPORT_INVALID', details: { ok: false, saved: false, errors: report.errors } });
    expect(await snapshot()).toEqual(before);
  });

  test('a township admin may not import county items nor create basic items; unchanged basic rows are fine', async () => {
    const mine = await townCat.get('/api/catalog/admin/export.xlsx' + qs({ centerId: ids.centers[DEMO_CODES.qingshan] }));
    const existingBasic = (await readBook(mine.rawPayload)).基本目录[1];
    const E = '209904001000';
    const file = await xlsx({
      基本目录: [...(existingBasic ? [existingBasic] : []), basic(E, '乡镇管理员新建的事项')],
      实施清单: [itemRow(COUNTY_HALL, E, { 实施部门: '示范县民政局', 受理层级: '县级', 决定层级: '县级' })],
      办理流程: [step(COUNTY_HALL, E, 1, '受理', '县级', 1)],
    });
    const before = await snapshot();
    const dry = await upload(townCat, file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const errs = dry.json().errors;
    const newRow = existingBasic ? 3 : 2;
    expect(errs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: '基本目录', row: newRow, column: '基本编码', message: expect.stringContaining('不能新建基本目录') }),
        expect.objectContaining({ sheet: '实施清单', row: 2, column: '实施机构', message: expect.stringContaining('不在您的管辖范围内') }),
      ]),
    );
    expect(errs.some((e: { sheet: string; row: number }) => e.sheet === '基本目录' && e.row === 2 && existingBasic)).toBe(false);
    expect((await upload(townCat, file, false)).statusCode).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  test('uploads are checked by content; a workbook without catalog sheets is reported', async () => {
    const pdf = await upload(countyCat, Buffer.from('%PDF-1.4\n%%EOF\n'), true, 'catalog.xlsx');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error).toMatchObject({ code: 'FILE_TYPE_INVALID', message: expect.stringContaining('Excel') });
    const notMultipart = await countyCat.post('/api/catalog/admin/import?dryRun=true', { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
    expect(notMultipart.json().error.code).toBe('FILE_REQUIRED');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['a']);
    const other = await upload(countyCat, Buffer.from(await wb.xlsx.writeBuffer()), true);
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json().errors).toEqual([{ sheet: '', row: 0, column: '', message: expect.stringContaining('基本目录') }]);
    const missingColumn = await upload(countyCat, await writeWorkbook([{ def: { name: '基本目录', columns: SHEETS.basics.columns.slice(0, 2) }, rows: [] }]), true);
    expect(missingColumn.json().errors).toContainEqual({ sheet: '基本目录', row: 1, column: '事项类型', message: '缺少“事项类型”列' });
  });
});

import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURE_PASSWORD, FIXTURE_TOTP, seedAuthFixture } from '../../test/auth-fixture.js';
import { createTestApp, type TestClient, type TestCtx } from '../../test/harness.js';
import { XLSX_MIME } from '../../platform/xlsx.js';
import { auditLog } from '../audit/audit.tables.js';
import { CALENDAR_SHEET } from './calendar.import.js';
import { dueDate, loadCalendar, remainingWorkdaysTo, workdaysBetweenDates } from './calendar.service.js';
import { calendarYears } from './calendar.tables.js';

let ctx: TestCtx;
let sys: TestClient;
let clerk: TestClient;
let anon: TestClient;

const auditRows = (action: string, objectId?: string) =>
  ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), objectId ? eq(auditLog.objectId, objectId) : undefined))
    .orderBy(desc(auditLog.seq));

// A SAMPLE 2027 schedule (not the official one, which is not published yet).
const SAMPLE_2027 = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-02-06', kind: 'holiday', name: '春节' },
  { date: '2027-02-07', kind: 'holiday', name: '春节' },
  { date: '2027-02-08', kind: '放假', name: '春节' },
  { date: '2027/2/20', kind: '上班', name: '春节' },
];

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedAuthFixture });
  sys = await ctx.client().login('sys', FIXTURE_PASSWORD, FIXTURE_TOTP);
  clerk = await ctx.client().login('clerkA', FIXTURE_PASSWORD);
  anon = ctx.client();
});
afterAll(async () => ctx?.close());

describe('public arithmetic', () => {
  test.each([
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2025-12-31', 1, '2026-01-04'],
    ['2026-03-08', 0, '2026-03-08'],
  ])('due from %s + %i working days = %s, without signing in', async (from, days, due) => {
    const res = await anon.get(`/api/calendar/due?from=${from}&days=${days}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ due });
  });

  test('workdays in (from, to]', async () => {
    expect((await anon.get('/api/calendar/workdays?from=2026-02-13&to=2026-02-28')).json()).toEqual({ workdays: 6 });
    expect((await anon.get('/api/calendar/workdays?from=2026-10-12&to=2026-09-30')).json()).toEqual({ workdays: -4 });
  });

  test('a deadline into 2027 is a clear 422, never a guess', async () => {
    const res = await anon.get('/api/calendar/due?from=2026-12-30&days=5');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: { code: 'CALENDAR_YEAR_MISSING', message: '2027 年的工作日历尚未导入，无法计算期限，请联系管理员导入', details: { year: 2027 } },
    });
    const w = await anon.get('/api/calendar/workdays?from=2026-12-30&to=2027-01-05');
    expect(w.statusCode).toBe(422);
    expect(w.json().error.code).toBe('CALENDAR_YEAR_MISSING');
  });

  test.each([
    ['from=2026-02-30&days=1'],
    ['from=2026/03/01&days=1'],
    ['from=2026-03-01&days=-1'],
    ['from=2026-03-01&days=1.5'],
    ['from=2026-03-01&days=abc'],
    ['from=2026-03-01'],
    ['days=3'],
  ])('bad query %s → 400', async (q) => {
    const res = await anon.get(`/api/calendar/due?${q}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('the service functions the case engine calls with its transaction', () => {
  test('dueDate, workdays and remaining days inside a transaction', async () => {
    await ctx.db.transaction(async (tx) => {
      expect(await dueDate(tx, '2026-09-30', 3)).toBe('2026-10-10');
      expect(await dueDate(tx, '2026-09-30', 3, 1)).toBe('2026-10-12');
      expect(await dueDate(tx, '2026-02-13', 0, 1)).toBe('2026-02-14');
      expect(await workdaysBetweenDates(tx, '2026-02-13', '2026-02-28')).toBe(6);
      expect(await remainingWorkdaysTo(tx, '2026-10-09', '2026-09-30')).toBe(2);
      const cal = await loadCalendar(tx, '2025-06-01', '2026-06-01');
      expect(cal.hasYear(2025) && cal.hasYear(2026)).toBe(true);
      expect(cal.hasYear(2024)).toBe(false);
      expect(cal.hasYear(2027)).toBe(false);
      await expect(dueDate(tx, '2026-12-31', 1)).rejects.toMatchObject({ code: 'CALENDAR_YEAR_MISSING', year: 2027 });
    });
  });
});

describe('administration', () => {
  test('only the system administrator reads the calendar; strangers are asked to sign in', async () => {
    expect((await anon.get('/api/calendar/years')).statusCode).toBe(401);
    expect((await clerk.get('/api/calendar/years')).statusCode).toBe(403);
    const res = await sys.get('/api/calendar/years');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.years.map((y: { year: number }) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(body.years.every((y: { complete: boolean; source: string }) => y.complete && y.source === 'seed')).toBe(true);
    expect(body.abilities).toEqual({ update: true, import: true });
    expect(body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('a year with its days: holidays named, 调休 flagged', async () => {
    const res = await sys.get('/api/calendar/years/2026');
    expect(res.statusCode, res.body).toBe(200);
    const { status, days } = res.json();
    expect(status).toMatchObject({ year: 2026, complete: true, source: 'seed', note: expect.stringContaining('chinese-days') });
    expect(days).toHaveLength(365);
    const byDate = new Map(days.map((d: { date: string }) => [d.date, d]));
    expect(byDate.get('2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节', swapped: false, source: 'seed' });
    expect(byDate.get('2026-10-10')).toMatchObject({ kind: 'workday', name: '国庆节', swapped: true });
    expect(byDate.get('2026-10-11')).toMatchObject({ kind: 'restday', name: null, swapped: false });
    const missing = await sys.get('/api/calendar/years/2027');
    expect(missing.json()).toMatchObject({ year: 2027, status: null, days: [] });
    expect((await sys.get('/api/calendar/years/1999')).statusCode).toBe(400);
  });

  test('editing a day: audited with before/after, and deadlines follow at once', async () => {
    expect((await anon.get('/api/calendar/due?from=2026-12-29&days=2')).json()).toEqual({ due: '2026-12-31' });
    const res = await sys.put('/api/calendar/days/2026-12-31', { kind: 'holiday', name: '临时休假' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ date: '2026-12-31', kind: 'holiday', name: '临时休假', source: 'admin', swapped: false });
    const [row] = await auditRows('calendar.day_updated', '2026-12-31');
    expect(row).toMatchObject({ objectType: 'calendar_day', outcome: 'success', actorRole: 'system_admin' });
    expect(row.changes).toEqual({ kind: { before: 'workday', after: 'holiday' }, name: { before: null, after: '临时休假' } });
    // The cached year was replaced: 12-31 is no longer a working day, so the second day is in 2027.
    expect((await anon.get('/api/calendar/due?from=2026-12-29&days=2')).statusCode).toBe(422);
    // Unchanged edit: nothing written.
    const again = await sys.put('/api/calendar/days/2026-12-31', { kind: 'holiday', name: ' 临时休假 ' });
    expect(again.statusCode).toBe(200);
    expect(await auditRows('calendar.day_updated', '2026-12-31')).toHaveLength(1);
    // Back to a working day.
    const back = await sys.put('/api/calendar/days/2026-12-31', { kind: 'workday', name: null });
    expect(back.json()).toMatchObject({ kind: 'workday', name: null });
    expect((await anon.get('/api/calendar/due?from=2026-12-29&days=2')).json()).toEqual({ due: '2026-12-31' });
  });

  test('edits are refused: holiday without a name, a year not imported, a clerk, a bad date', async () => {
    const noName = await sys.put('/api/calendar/days/2026-11-02', { kind: 'holiday', name: '' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.message).toContain('节假日须填写名称');
    const y2027 = await sys.put('/api/calendar/days/2027-01-01', { kind: 'holiday', name: '元旦' });
    expect(y2027.statusCode).toBe(422);
    expect(y2027.json().error.code).toBe('CALENDAR_YEAR_NOT_IMPORTED');
    expect((await clerk.put('/api/calendar/days/2026-11-02', { kind: 'restday' })).statusCode).toBe(403);
    expect((await sys.put('/api/calendar/days/2026-11-31', { kind: 'restday' })).statusCode).toBe(400);
    expect((await sys.put('/api/calendar/days/2026-11-02', { kind: 'vacation' })).statusCode).toBe(400);
  });
});

describe('importing a year (JSON)', () => {
  test('a dry run checks and counts, saves nothing', async () => {
    const res = await sys.post('/api/calendar/years/2027/import', { days: SAMPLE_2027 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      year: 2027,
      valid: true,
      dryRun: true,
      saved: false,
      errors: [],
      summary: { listed: 5, holidays: 4, swappedWorkdays: 1, workdays: 260, restdays: 101, changed: 365, replaces: false },
    });
    expect((await sys.get('/api/calendar/years/2027')).json().status).toBeNull();
    expect((await anon.get('/api/calendar/due?from=2026-12-30&days=5')).statusCode).toBe(422);
  });

  test('problems are listed by position and field; nothing is saved', async () => {
    const res = await sys.post('/api/calendar/years/2027/import?dryRun=false', {
      days: [...SAMPLE_2027, { date: '2026-12-31', kind: 'holiday', name: '元旦' }, { date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-05-01', kind: '度假' }],
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ valid: false, saved: false });
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { sheet: '日历', row: 6, column: 'date', message: '日期 2026-12-31 不属于 2027 年' },
        { sheet: '日历', row: 7, column: 'date', message: '日期 2027-01-01 重复（与第 1 条相同）' },
        expect.objectContaining({ row: 8, column: 'kind' }),
      ]),
    );
    const noHoliday = (await sys.post('/api/calendar/years/2027/import?dryRun=false', { days: [{ date: '2027-02-20', kind: 'workday' }] })).json();
    expect(noHoliday.errors[0]).toMatchObject({ row: 0, message: expect.stringContaining('没有任何节假日') });
    expect((await sys.get('/api/calendar/years/2027')).json().status).toBeNull();
    expect((await clerk.post('/api/calendar/years/2027/import', { days: SAMPLE_2027 })).statusCode).toBe(403);
  });

  test('saving makes the year complete, audited; deadlines into 2027 work', async () => {
    const res = await sys.post('/api/calendar/years/2027/import?dryRun=false', { days: SAMPLE_2027, note: '示例（测试）' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ valid: true, saved: true, summary: { changed: 365, replaces: false } });
    const [row] = await auditRows('calendar.year_imported', '2027');
    expect(row).toMatchObject({ objectType: 'calendar_year', outcome: 'success', changes: null });
    expect(row.details).toMatchObject({ year: 2027, holidays: 4, swappedWorkdays: 1, replaces: false, note: '示例（测试）' });
    expect((row.details as { listed: string[] }).listed).toContain('2027-02-20 workday 春节');

    expect((await anon.get('/api/calendar/due?from=2026-12-30&days=5')).json()).toEqual({ due: '2027-01-07' });
    const year = (await sys.get('/api/calendar/years/2027')).json();
    expect(year.status).toMatchObject({ complete: true, source: 'import', note: '示例（测试）' });
    expect(year.days).toHaveLength(365);
    expect(year.days.find((d: { date: string }) => d.date === '2027-02-20')).toMatchObject({ kind: 'workday', swapped: true, name: '春节', source: 'import' });
    // 2028 is still unknown.
    expect((await anon.get('/api/calendar/due?from=2027-12-30&days=5')).json().error.details).toEqual({ year: 2028 });
  });

  test('re-importing the same list changes nothing; a corrected list replaces the year, audited by date', async () => {
    const same = (await sys.post('/api/calendar/years/2027/import?dryRun=false', { days: SAMPLE_2027 })).json();
    expect(same.summary).toMatchObject({ changed: 0, replaces: true });
    const fixed = SAMPLE_2027.filter((d) => d.date !== '2027-02-08');
    const res = (await sys.post('/api/calendar/years/2027/import?dryRun=false', { days: fixed })).json();
    expect(res).toMatchObject({ saved: true, summary: { changed: 1, replaces: true, holidays: 3 } });
    const [row] = await auditRows('calendar.year_imported', '2027');
    expect(row.changes).toEqual({ '2027-02-08': { before: { kind: 'holiday', name: '春节' }, after: { kind: 'workday', name: null } } });
    const count = await ctx.db.select().from(calendarYears).where(eq(calendarYears.year, 2027));
    expect(count).toHaveLength(1);
  });
});

describe('importing a year (Excel)', () => {
  async function workbook(rows: string[][], sheet = CALENDAR_SHEET.name, headers = ['日期', '类型', '名称']): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheet);
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  test('the template downloads for the administrator only', async () => {
    const res = await sys.get('/api/calendar/import/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect((await clerk.get('/api/calendar/import/template.xlsx')).statusCode).toBe(403);
  });

  test('a sheet of 日期 / 类型 / 名称 is checked by row and column, then saved', async () => {
    const bad = await workbook([
      ['2028-01-01', '节假日', '元旦'],
      ['2028-01-02', '游玩', ''],
      ['2028-02-30', '节假日', '春节'],
    ]);
    const r1 = (await sys.upload('/api/calendar/years/2028/import.xlsx', 'cal.xlsx', bad)).json();
    expect(r1.valid).toBe(false);
    expect(r1.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: '工作日历', row: 3, column: '类型' }),
        expect.objectContaining({ sheet: '工作日历', row: 4, column: '日期' }),
      ]),
    );
    const good = await workbook([
      ['2028-01-01', '节假日', '元旦'],
      ['2028/1/29', '上班', '春节'],
      ['2028年1月26日', '放假', '春节'],
    ]);
    const dry = (await sys.upload('/api/calendar/years/2028/import.xlsx?dryRun=true', '2028.xlsx', good)).json();
    expect(dry).toMatchObject({ valid: true, saved: false, summary: { listed: 3, holidays: 2, swappedWorkdays: 1 } });
    const saved = (await sys.upload('/api/calendar/years/2028/import.xlsx?dryRun=false', '2028.xlsx', good)).json();
    expect(saved).toMatchObject({ valid: true, saved: true });
    const year = (await sys.get('/api/calendar/years/2028')).json();
    expect(year.days).toHaveLength(366);
    expect(year.status).toMatchObject({ complete: true, note: 'Excel：2028.xlsx' });
  });

  test('a workbook without the 日期 column, and a file that is not Excel', async () => {
    const r = (await sys.upload('/api/calendar/years/2029/import.xlsx', 'x.xlsx', await workbook([['2029-01-01', '节假日']], 'Sheet1', ['日子', '类型']))).json();
    expect(r.valid).toBe(false);
    expect(r.errors[0]).toMatchObject({ sheet: 'Sheet1', row: 1, column: '日期' });
    const notExcel = await sys.upload('/api/calendar/years/2029/import.xlsx', 'x.xlsx', Buffer.from('date,kind\n'));
    expect(notExcel.statusCode).toBe(400);
    expect(notExcel.json().error.code).toBe('FILE_TYPE_INVALID');
  });
});

import { loadWorkbook, readSheets, writeWorkbook, type Column, type SheetDef, type SheetError } from '../../platform/xlsx.js';
import type { ImportSource, RawImportDay } from './calendar.service.js';

/**
 * A year's schedule as an Excel workbook: one sheet 工作日历 with the columns 日期 / 类型 / 名称,
 * listing only the holidays and the 调休 working weekends (every other date follows the weekday).
 */

export const CALENDAR_IMPORT_MAX_BYTES = 2 * 1024 * 1024;

const COLUMNS: readonly Column[] = [
  { key: 'date', header: '日期', required: true, text: true, width: 14, note: 'YYYY-MM-DD（也可写 2027/1/1 或 Excel 日期），须属于导入的年份' },
  { key: 'kind', header: '类型', required: true, width: 12, note: '节假日（放假）、上班（调休上班的周六日）或 休息日' },
  { key: 'name', header: '名称', width: 16, note: '节日名称（元旦、春节、清明、劳动节、端午、中秋、国庆节）；调休上班日写所补的节日' },
];

export const CALENDAR_SHEET: SheetDef = { name: '工作日历', columns: COLUMNS };

const GUIDE = [
  '每年一个文件：只列出国务院办公厅放假通知中的节假日和调休上班日，其余日期按周一至周五上班、周六周日休息自动补齐。',
  '导入会替换该年已有的全部日期；先“校验”，无误后再“确认导入”。',
  '至少须有一个节假日；同一日期只能出现一次。',
];

/** The template: the sheet with two example rows and the 说明 sheet. */
export function buildCalendarTemplate(): Promise<Buffer> {
  return writeWorkbook(
    [
      {
        def: CALENDAR_SHEET,
        rows: [
          ['2027-01-01', '节假日', '元旦'],
          ['2027-02-20', '上班', '春节'],
        ],
      },
    ],
    { general: GUIDE },
  );
}

/** The rows of an uploaded workbook (sheet 工作日历, or the first sheet), with where each came from. */
export async function readCalendarWorkbook(buffer: Buffer): Promise<{ days: RawImportDay[]; rows: number[]; errors: SheetError[]; source: ImportSource }> {
  const wb = await loadWorkbook(buffer);
  const errors: SheetError[] = [];
  const sheetName = wb.getWorksheet(CALENDAR_SHEET.name) ? CALENDAR_SHEET.name : (wb.worksheets.find((w) => w.name !== '说明')?.name ?? CALENDAR_SHEET.name);
  const defs = { days: { ...CALENDAR_SHEET, name: sheetName } };
  const parsed = readSheets(wb, defs, errors, 400);
  const rows = parsed.days ?? [];
  if (!parsed.days && errors.length === 0) errors.push({ sheet: sheetName, row: 0, column: '', message: `文件中没有“${CALENDAR_SHEET.name}”工作表` });
  const source: ImportSource = {
    sheet: sheetName,
    rowOf: (i) => rows[i]?.row ?? 0,
    columns: { date: '日期', kind: '类型', name: '名称' },
  };
  return { days: rows.map((r) => ({ date: r.values.date, kind: r.values.kind, name: r.values.name })), rows: rows.map((r) => r.row), errors, source };
}

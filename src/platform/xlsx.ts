import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Invalid } from './errors.js';

/**
 * Excel (.xlsx) import/export plumbing shared by the modules that load data from workbooks
 * (organisation, service item catalog): sheet layout and styling, the 说明 guide sheet, reading an
 * upload safely (content checked as a ZIP, zip-bomb guard, row limit, headers matched by text), and
 * an error collector that reports by sheet / row / column. The modules keep their own columns and rules.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One column of a sheet: the key used in code, the Chinese header people read, and its note. */
export interface Column {
  key: string;
  header: string;
  required?: boolean;
  /** Text-formatted column (codes, ID numbers, phones): Excel must not turn them into numbers. */
  text?: boolean;
  /** Cells hold several lines (wrap them). */
  multiline?: boolean;
  width: number;
  note: string;
}

export interface SheetDef {
  name: string;
  columns: readonly Column[];
}

/** One problem of an upload: Excel row number (1 = header row; 0 = the whole sheet or file). */
export interface SheetError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export type RowValues = Record<string, string>;

export interface ParsedRow {
  row: number;
  values: RowValues;
  /** Columns whose cell was a number too long to be exact (an ID number typed as a number). */
  imprecise: Set<string>;
}

// ---------------------------------------------------------------------------------------------------
// Writing

function styleSheet(ws: ExcelJS.Worksheet, columns: readonly Column[]): void {
  ws.columns = columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    key: c.key,
    width: c.width,
    style: { ...(c.text ? { numFmt: '@' } : {}), ...(c.multiline ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}) },
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  columns.forEach((c, i) => {
    header.getCell(i + 1).note = c.note;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function addRows(ws: ExcelJS.Worksheet, rows: readonly (readonly string[])[], columns: readonly Column[]): void {
  for (const values of rows) {
    const row = ws.addRow([...values]);
    columns.forEach((c, i) => {
      if (c.text) {
        const cell = row.getCell(i + 1);
        cell.numFmt = '@';
        cell.value = values[i] ?? '';
      }
    });
  }
}

export interface GuideRow {
  sheet: string;
  column: string;
  required?: boolean;
  note: string;
}

/** The 说明 sheet: general rules first, then one line per column of every sheet, then `extra` lines. */
function addGuide(wb: ExcelJS.Workbook, general: readonly string[], sheets: readonly SheetDef[], extra: readonly GuideRow[]): void {
  const ws = wb.addWorksheet('说明');
  ws.columns = [
    { header: '工作表', key: 'sheet', width: 12 },
    { header: '列', key: 'column', width: 16 },
    { header: '必填', key: 'required', width: 6 },
    { header: '说明', key: 'note', width: 90, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  ws.getRow(1).font = { bold: true };
  for (const line of general) ws.addRow({ sheet: '总体', column: '', required: '', note: line });
  const rows: GuideRow[] = [...sheets.flatMap((s) => s.columns.map((c) => ({ sheet: s.name, column: c.header, required: c.required, note: c.note }))), ...extra];
  for (const r of rows) ws.addRow({ sheet: r.sheet, column: r.column, required: r.required ? '是' : '', note: r.note });
}

/** A workbook of the given sheets (in order) and, when `guide` is given, a 说明 sheet at the end. */
export async function writeWorkbook(
  sheets: readonly { def: SheetDef; rows: readonly (readonly string[])[] }[],
  guide?: { general: readonly string[]; extra?: readonly GuideRow[] },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bianmin 便民服务一体化平台';
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.def.name);
    styleSheet(ws, s.def.columns);
    addRows(ws, s.rows, s.def.columns);
  }
  if (guide)
    addGuide(
      wb,
      guide.general,
      sheets.map((s) => s.def),
      guide.extra ?? [],
    );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Send a workbook as a download (an ASCII fallback name for old clients, the real name in UTF-8). */
export const sendXlsx = (reply: FastifyReply, buffer: Buffer, fileName: string, asciiName = 'export.xlsx') =>
  reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(buffer);

// ---------------------------------------------------------------------------------------------------
// Reading an upload

/**
 * The uploaded file of a multipart request (field `file`) and its other text fields. Over `maxBytes`
 * the multipart plugin answers 413; no `file` part is a 400 FILE_REQUIRED.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ file: Buffer; fileName: string; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new Invalid('请以 multipart/form-data 方式上传 Excel 文件（字段名 file）', undefined, 'FILE_REQUIRED');
  let file: Buffer | null = null;
  let fileName = '';
  const fields: Record<string, string> = {};
  for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024 } })) {
    if (part.type === 'file') {
      const buf = await part.toBuffer();
      if (part.fieldname === 'file') {
        file = buf;
        fileName = part.filename;
      }
    } else {
      fields[part.fieldname] = String(part.value ?? '');
    }
  }
  if (!file) throw new Invalid('请选择要导入的 Excel 文件（字段名 file）', undefined, 'FILE_REQUIRED');
  return { file, fileName, fields };
}

const isZip = (b: Buffer): boolean => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** Uncompressed bytes an import may expand to (a 5 MB .xlsx of plain rows is far below this). */
const MAX_UNZIPPED_BYTES = 80 * 1024 * 1024;

/**
 * Sum of the uncompressed sizes declared in the ZIP central directory, or null when the directory is
 * missing, malformed or ZIP64. Checked before exceljs inflates anything, so a zip bomb is refused.
 */
export function declaredUnzippedSize(b: Buffer): number | null {
  const min = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= min; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return null;
    const size = b.readUInt32LE(p + 24);
    if (size === 0xffffffff) return null;
    total += size;
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return total;
}

const normHeader = (h: string): string => h.replace(/[\s*＊]/g, '').replace(/[（(]必填[)）]/g, '');

/** The text of a cell as people see it (numbers without exponent, rich text flattened, formulas' results). */
export function cellText(v: ExcelJS.CellValue): { text: string; imprecise: boolean } {
  if (v === null || v === undefined) return { text: '', imprecise: false };
  if (typeof v === 'string') return { text: v.trim(), imprecise: false };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return { text: BigInt(Math.round(v)).toString(), imprecise: true };
    return { text: Number.isInteger(v) ? v.toFixed(0) : String(v), imprecise: false };
  }
  if (typeof v === 'boolean') return { text: v ? 'true' : 'false', imprecise: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), imprecise: false };
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return { text: v.richText.map((t) => t.text).join('').trim(), imprecise: false };
    if ('text' in v && typeof v.text === 'string') return { text: v.text.trim(), imprecise: false };
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
  }
  return { text: '', imprecise: false };
}

/**
 * Open an uploaded .xlsx: the content must be a ZIP whose declared uncompressed size is bounded, and
 * exceljs must be able to read it. Anything else is a 400 (FILE_TYPE_INVALID / FILE_TOO_LARGE).
 */
export async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  if (!isZip(buffer)) throw new Invalid('文件不是有效的 Excel（.xlsx）文件', undefined, 'FILE_TYPE_INVALID');
  const unzipped = declaredUnzippedSize(buffer);
  if (unzipped === null) throw new Invalid('文件不是有效的 Excel（.xlsx）文件或已损坏', undefined, 'FILE_TYPE_INVALID');
  if (unzipped > MAX_UNZIPPED_BYTES) throw new Invalid('文件内容过大，请分批导入', undefined, 'FILE_TOO_LARGE');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw new Invalid('文件不是有效的 Excel（.xlsx）文件或已损坏', undefined, 'FILE_TYPE_INVALID');
  }
  return wb;
}

/**
 * The non-empty data rows of each sheet found by name (absent sheets are left out). Headers are
 * matched by text (so columns may be reordered; `*` and `（必填）` are ignored); a missing required
 * column or too many rows is an error of the whole sheet, whose rows are then not read.
 */
export function readSheets<K extends string>(wb: ExcelJS.Workbook, defs: Record<K, SheetDef>, errors: SheetError[], maxRows: number): Partial<Record<K, ParsedRow[]>> {
  const out: Partial<Record<K, ParsedRow[]>> = {};
  for (const key of Object.keys(defs) as K[]) {
    const def = defs[key];
    const ws = wb.getWorksheet(def.name);
    if (!ws) continue;
    if (ws.rowCount > maxRows + 1) {
      errors.push({ sheet: def.name, row: 0, column: '', message: `每张表最多 ${maxRows} 行数据` });
      continue;
    }
    const colIndex = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => {
      const h = normHeader(cellText(cell.value).text);
      const c = def.columns.find((x) => x.header === h);
      if (c && !colIndex.has(c.key)) colIndex.set(c.key, col);
    });
    const missing = def.columns.filter((c) => c.required && !colIndex.has(c.key));
    for (const c of missing) errors.push({ sheet: def.name, row: 1, column: c.header, message: `缺少“${c.header}”列` });
    if (missing.length) continue;
    const rows: ParsedRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const values: RowValues = {};
      const imprecise = new Set<string>();
      let any = false;
      for (const c of def.columns) {
        const col = colIndex.get(c.key);
        const t = col ? cellText(row.getCell(col).value) : { text: '', imprecise: false };
        values[c.key] = t.text;
        if (t.imprecise) imprecise.add(c.key);
        if (t.text) any = true;
      }
      if (any) rows.push({ row: rowNumber, values, imprecise });
    });
    out[key] = rows;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Reporting

/** Collects errors by sheet key and column key; reports them with the sheet's name and the column's header. */
export class SheetErrors<K extends string> {
  readonly list: SheetError[];
  constructor(
    private readonly defs: Record<K, SheetDef>,
    list: SheetError[] = [],
  ) {
    this.list = list;
  }
  add(sheet: K, row: number, column: string, message: string): void {
    const def = this.defs[sheet];
    const header = def.columns.find((c) => c.key === column)?.header ?? column;
    this.list.push({ sheet: def.name, row, column: header, message });
  }
  /** At most `max` errors, with a last line saying how many were left out. */
  capped(max = 1_000): SheetError[] {
    if (this.list.length <= max) return this.list;
    return [...this.list.slice(0, max), { sheet: '', row: 0, column: '', message: `另有 ${this.list.length - max} 处错误未列出` }];
  }
}

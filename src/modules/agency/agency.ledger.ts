import { createPdf, ensureSpace, finishPdf, table } from '../../platform/pdf.js';
import { writeWorkbook, type SheetDef } from '../../platform/xlsx.js';
import type { LedgerRow } from './agency.contract.js';
import { monthLabel } from './agency.rules.js';

/**
 * The agent ledger (代办台账) as documents: the Excel export and the printable monthly ledger (A4
 * landscape, signed by the agent and the village head). Plain data in, bytes out; ID numbers arrive
 * masked and stay masked.
 */
export interface LedgerDoc {
  /** The village room (or the township / county) the ledger is of. */
  unit: string;
  month: string;
  rows: LedgerRow[];
  totals: { count: number; submitted: number; late: number; concluded: number; handedOver: number };
  printedOn: string;
}

export const ledgerTitle = (d: Pick<LedgerDoc, 'unit' | 'month'>): string => `${d.unit} 代办台账（${monthLabel(d.month)}）`;

const dash = (s: string | null): string => s ?? '';

export const LEDGER_SHEET: SheetDef = {
  name: '代办台账',
  columns: [
    { key: 'no', header: '序号', width: 6, note: '本月第几件' },
    { key: 'collectedOn', header: '收件日期', width: 12, note: '代办员收取材料的日期' },
    { key: 'village', header: '村（社区）', width: 16, note: '代办点' },
    { key: 'agent', header: '代办员', width: 10, note: '' },
    { key: 'villager', header: '申请人', width: 10, note: '委托代办的村民' },
    { key: 'idNumber', header: '身份证号', width: 22, text: true, note: '已脱敏' },
    { key: 'item', header: '代办事项', width: 30, note: '' },
    { key: 'caseNo', header: '办件编号', width: 28, text: true, note: '提交到镇（街道）或县后生成' },
    { key: 'dueOn', header: '应送达日期', width: 12, note: '收件后规定工作日内送达镇（街道）' },
    { key: 'submittedOn', header: '送达日期', width: 12, note: '材料送达（提交）镇（街道）或县的日期' },
    { key: 'late', header: '是否逾期', width: 10, note: '逾期的工作日数' },
    { key: 'concludedOn', header: '办结日期', width: 12, note: '' },
    { key: 'outcome', header: '办理结果', width: 10, note: '准予 / 不予 / 不予受理 / 退件 / 撤回 / 办理中 / 待提交 / 已取消' },
    { key: 'handedOverOn', header: '结果移交日期', width: 14, note: '代办员将结果交给申请人的日期' },
  ],
};

const lateText = (r: LedgerRow): string => (r.late ? `逾期${r.daysLate}天` : '否');

export function ledgerCells(r: LedgerRow, i: number): string[] {
  return [
    String(i + 1),
    r.collectedOn,
    r.villageName,
    r.agentName,
    r.villagerName,
    dash(r.villagerIdMasked),
    r.itemName,
    dash(r.caseNo),
    r.dueOn,
    dash(r.submittedOn),
    lateText(r),
    dash(r.concludedOn),
    r.outcome,
    dash(r.handedOverOn),
  ];
}

const totalsText = (t: LedgerDoc['totals']): string =>
  `合计：代办 ${t.count} 件，已送达镇（县） ${t.submitted} 件，其中逾期 ${t.late} 件；已办结 ${t.concluded} 件，结果已移交 ${t.handedOver} 件`;

export async function renderLedgerXlsx(d: LedgerDoc): Promise<Buffer> {
  const rows = d.rows.map(ledgerCells);
  rows.push(['', '', '', '', '', '', totalsText(d.totals), '', '', '', '', '', '', '']);
  return writeWorkbook([{ def: LEDGER_SHEET, rows }]);
}

export async function renderLedgerPdf(d: LedgerDoc): Promise<Buffer> {
  const title = ledgerTitle(d);
  // A wide table: narrower side margins than the portrait documents (the footer still sits below the bottom one).
  const doc = createPdf({ title, subject: '代办台账', layout: 'landscape', margins: { top: 48, bottom: 48, left: 36, right: 36 } });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('bold').fontSize(16).fillColor('#111111').text(title, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.3).font('regular').fontSize(9).fillColor('#555555').text(`统计口径：${monthLabel(d.month)}收取材料的代办事项 · 打印日期 ${d.printedOn}`, { width, align: 'center' });
  doc.moveDown(0.6);
  // Column widths in points: a 9 pt date (46 pt) and a masked ID number (84 pt) stay on one line, a case
  // number takes two; 代办事项 takes what is left of the 770 pt.
  const fixed: [string, number][] = [
    ['序号', 26],
    ['收件日期', 56],
    ['代办点 / 代办员', 56],
    ['申请人', 40],
    ['身份证号', 94],
    ['代办事项', 0],
    ['办件编号', 118],
    ['应送达', 56],
    ['送达日期', 56],
    ['逾期', 44],
    ['办理结果', 56],
    ['移交日期', 56],
  ];
  const rest = width - fixed.reduce((s, [, w]) => s + w, 0);
  const columns = fixed.map(([title, w]) => ({ title, width: (w || rest) / width }));
  if (d.rows.length) {
    table(
      doc,
      columns,
      d.rows.map((r, i) => [
        String(i + 1),
        r.collectedOn,
        `${r.villageName.replace(/便民服务室$/, '')}\n${r.agentName}`,
        r.villagerName,
        dash(r.villagerIdMasked),
        r.itemName,
        dash(r.caseNo),
        r.dueOn,
        dash(r.submittedOn),
        r.late ? `${r.daysLate}工作日` : '否',
        r.concludedOn ? `${r.outcome}\n${r.concludedOn}` : r.outcome,
        dash(r.handedOverOn),
      ]),
    );
  } else {
    doc.moveDown().font('regular').fontSize(11).fillColor('#555555').text('本月没有代办事项。', { width, align: 'center' });
    doc.moveDown();
  }
  ensureSpace(doc, 90);
  doc.font('bold').fontSize(10).fillColor('#222222').text(totalsText(d.totals), left, doc.y, { width });
  doc.moveDown(2.2);
  const y = doc.y;
  const sign = (label: string, x: number) => {
    doc.font('regular').fontSize(11).fillColor('#222222').text(label, x, y, { lineBreak: false });
    const lx = x + doc.widthOfString(label) + 4;
    doc
      .moveTo(lx, y + 14)
      .lineTo(lx + 130, y + 14)
      .lineWidth(0.6)
      .strokeColor('#444444')
      .stroke();
  };
  sign('代办员（签字）：', left);
  sign('村负责人（签字）：', left + width * 0.36);
  sign('日期：', left + width * 0.74);
  doc.x = left;
  doc.y = y + 30;
  return finishPdf(doc, `${title} · 打印于 ${d.printedOn}`);
}

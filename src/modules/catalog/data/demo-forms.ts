import { createPdf, finishPdf, type Pdf } from '../../../platform/pdf.js';

/**
 * Blank application forms (申请表/申请书) and filled samples (填写示例) of the demo catalog. Every form
 * shares one layout: a title, a table of fields, the applicant's declaration and a box for the
 * window clerk. Samples carry clearly fake values (张三, a masked and invalid ID number) and a red
 * "样表" stamp, so nobody mistakes one for a real application. One font weight, one page.
 */

export interface FormField {
  label: string;
  /** The value shown on the filled sample (fake, obviously so). */
  sample: string;
  /** Lines to leave for handwriting on the blank form (default 1). */
  lines?: number;
}

export interface FormTemplate {
  /** Title printed on the form and used in file names, e.g. 最低生活保障申请书. */
  title: string;
  fields: FormField[];
}

export type FormMode = 'blank' | 'sample';

/** Fake personal values shared by the samples: never a real person, never a valid ID number. */
export const SAMPLE = {
  name: '张三',
  spouse: '李四',
  gender: '男',
  idNumber: '110101********0000',
  phone: '139****0000',
  address: '示范县青山镇青山村3组18号',
  date: '2026 年 1 月 5 日',
  bank: '示范县农村商业银行 6230 **** **** 0000',
} as const;

const DECLARATION = '本人承诺：以上填写内容及所提交的材料真实、完整、有效，如有隐瞒或虚假，愿意承担相应的法律责任。';

export const formFileName = (t: FormTemplate, mode: FormMode): string => `${t.title}（${mode === 'blank' ? '空白表' : '填写示例'}）.pdf`;

/** Renders a form of `title` with `fields`, blank or filled with the sample values. */
export async function renderForm(title: string, fields: readonly FormField[], mode: FormMode): Promise<Buffer> {
  const sample = mode === 'sample';
  const doc = createPdf({ title: sample ? `${title}（填写示例）` : title, subject: sample ? '填写示例（样表）' : '空白表' });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc.fontSize(18).fillColor('#111111').text(title, left, doc.y, { width, align: 'center', characterSpacing: 1 });
  doc
    .moveDown(0.3)
    .fontSize(9)
    .fillColor('#666666')
    .text(sample ? '填写示例：以下内容均为虚构，仅供参考，请勿照抄' : '请用黑色签字笔填写，字迹清楚；无此项的填“无”', { width, align: 'center' });
  if (sample) stamp(doc, left + width - 92, 40);
  doc.moveDown(0.8);

  section(doc, '申请人填写');
  rows(
    doc,
    [0.3, 0.7],
    fields.map((f) => [f.label, sample ? f.sample : Array<string>(Math.max(1, f.lines ?? 1)).fill(' ').join('\n')]),
    sample ? 0 : 26,
  );
  doc.moveDown(0.6).fontSize(10).fillColor('#222222').text(DECLARATION, left, doc.y, { width });
  doc.moveDown(0.8);
  doc.text(sample ? `申请人（签字或按手印）：${SAMPLE.name}        日期：${SAMPLE.date}` : '申请人（签字或按手印）：________________        日期：______ 年 ____ 月 ____ 日', { width });

  doc.moveDown(1);
  section(doc, '受理意见（由工作人员填写）');
  rows(doc, [0.3, 0.7], [['受理人', ' '], ['受理日期', ' '], ['意见', ' \n \n ']], 26);

  return finishPdf(doc, sample ? `${title} · 填写示例（样表） · 示范数据` : `${title} · 空白表`);
}

/**
 * Forms use one weight of the font: pdf.ts's heading() and table() switch to bold, and every extra
 * font costs each PDF another parse of the 10 MB font file, so forms draw their own ruled rows.
 */
function section(doc: Pdf, text: string): void {
  doc.fontSize(11).fillColor('#1f3a93').text(`■ ${text}`);
  doc.moveDown(0.3).fillColor('#222222');
}

/** Ruled rows: a shaded label column, then the values; blank forms leave `minHeight` for handwriting. */
function rows(doc: Pdf, fractions: number[], cells: string[][], minHeight = 0): void {
  const left = doc.page.margins.left;
  const full = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const widths = fractions.map((f) => f * full);
  const pad = 5;
  doc.fontSize(10);
  for (const r of cells) {
    const h = Math.max(minHeight, Math.max(...r.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad }))) + 2 * pad);
    const y = doc.y;
    let x = left;
    r.forEach((c, i) => {
      if (i === 0) doc.rect(x, y, widths[i], h).fillAndStroke('#f3f6fc', '#9aa6c0');
      else doc.rect(x, y, widths[i], h).lineWidth(0.6).strokeColor('#9aa6c0').stroke();
      doc.fillColor('#222222').text(c, x + pad, y + pad, { width: widths[i] - 2 * pad });
      x += widths[i];
    });
    doc.x = left;
    doc.y = y + h;
  }
}

/** The red "样表" stamp, slightly rotated, in the top-right corner of the first page. */
function stamp(doc: Pdf, x: number, y: number): void {
  const y0 = doc.y;
  doc.save();
  doc.rotate(-12, { origin: [x + 40, y + 20] });
  doc.roundedRect(x, y, 80, 40, 6).lineWidth(2).strokeColor('#d12f2f').stroke();
  doc
    .fontSize(22)
    .fillColor('#d12f2f')
    .text('样表', x, y + 8, { width: 80, align: 'center', lineBreak: false });
  doc.restore();
  doc.x = doc.page.margins.left;
  doc.y = y0;
}

/** Blank form or filled sample of a template. */
export const renderTemplate = (t: FormTemplate, mode: FormMode): Promise<Buffer> => renderForm(t.title, t.fields, mode);

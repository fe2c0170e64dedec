import QRCode from 'qrcode';
import { maskIdNumber } from '../../platform/crypto.js';
import { createPdf, ensureSpace, finishPdf, table, type Pdf } from '../../platform/pdf.js';
import { validateIdNumber } from '../validate/validate.rules.js';

/**
 * The printable notices (文书) of a case: 受理通知书, 补正材料一次性告知书, 不予受理通知书, 准予 / 不予
 * (行政许可 | 办理) 决定书 and 送达回证. Pure renderers — plain data in, A4 PDF bytes out; the case service
 * maps a case to these shapes. Personal data on paper is the applicant's name and a masked ID number
 * only (a clear 18-digit ID number passed by mistake is masked here too); the QR code points at the
 * public tracking page, whose URL carries the case number and nothing personal.
 *
 * Dates are local calendar dates `YYYY-MM-DD` (a trailing time such as `2026-11-23 09:12` is ignored)
 * and print as `2026年11月23日`.
 */
export interface NoticeHeader {
  /** The service center, in the contact line beside the QR code. */
  centerName: string;
  centerAddress: string;
  centerPhone: string;
  caseNumber: string;
  itemName: string;
  implementationCode: string;
  /** The person's or the enterprise's name, addressed as 「张三：」. */
  applicantName: string;
  /** Masked, e.g. `110105********002X`, or a credit code for enterprises. */
  applicantIdMasked: string;
  /** QR target, e.g. `https://host/portal/track?no=…` — no personal data. */
  trackUrl: string;
  /** When the application was submitted (the 「你（单位）于 … 提出的申请」 date). */
  appliedOn: string;
  /** YYYY-MM-DD, printed above the seal. */
  issuedOn: string;
  /** The issuing department / center: printed at the top (红头) and on the seal line (落款). */
  issuer: string;
  /** The 文号 line; defaults to {@link noticeNumber} of the notice's kind, e.g. 〔2026〕受字第 … 号. */
  documentNo?: string | null;
}

export interface AcceptanceNotice extends NoticeHeader {
  acceptedAt: string;
  /** 0 = 即办件. */
  promisedDays: number;
  dueDate: string;
  materials: { name: string; form: string; copies: number; pages?: number | null; note?: string | null }[];
  /** 容缺 materials the applicant promised to hand in later. */
  deferred: { name: string; dueDate: string }[];
  /** How the result will be delivered, e.g. 窗口领取 / 邮寄送达 / 电子送达. */
  pickup: string;
}

/** 补正材料一次性告知书: everything missing or wrong, in one go. */
export interface CorrectionNotice extends NoticeHeader {
  items: { name: string; problem: string; requirement: string }[];
  /** Working days to correct in; absent = no deadline sentence. */
  deadlineDays?: number | null;
  note?: string | null;
}

/** 不予受理通知书. */
export interface RejectionNotice extends NoticeHeader {
  reasons: string[];
  legalBasis: string[];
  /** 复议 / 诉讼 rights, e.g. 如不服本决定，可在收到本通知书之日起六十日内向…申请行政复议，或者在六个月内向…人民法院提起行政诉讼。 */
  remedy: string;
}

/** 准予 / 不予 决定书. */
export interface DecisionNotice extends NoticeHeader {
  approved: boolean;
  /** The item type label (行政许可, 行政确认, …): 行政许可 gives 准予/不予行政许可决定书, others 准予/不予办理决定书. */
  itemTypeLabel: string;
  /** Overrides the title chosen from `approved` and `itemTypeLabel`. */
  decisionTitle?: string | null;
  /** The decision's 文号, printed as the number line (documentNo, when given, wins). */
  decisionNo: string;
  acceptedAt?: string | null;
  /** The operative part, e.g. 准予你单位从事…，有效期至… */
  content: string;
  reasons: string[];
  legalBasis: string[];
  remedy: string;
  /** Certificate / result document number. */
  resultNo?: string | null;
}

/** 送达回证. */
export interface DeliveryReceipt extends NoticeHeader {
  documents: { name: string; number: string }[];
  /** 窗口领取 / 邮寄（运单号 …）/ 电子送达. */
  method: string;
  /** Who receives the documents: the applicant's name, or an agent's (printed as 代收人). */
  recipient: string;
  /** Filled in when known; null leaves the date blank to be written by hand. */
  deliveredAt?: string | null;
  /** Where it was delivered; defaults to the center's address. */
  place?: string | null;
}

/** The 字 of each notice's number line. */
export const NOTICE_KINDS = { acceptance: '受', correction: '补', rejection: '不受', delivery: '送' } as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

/** `〔2026〕受字第 <case number> 号`: the year of issue and the case number (unique, traceable). */
export function noticeNumber(kind: NoticeKind, caseNumber: string, issuedOn: string): string {
  return `〔${issuedOn.slice(0, 4)}〕${NOTICE_KINDS[kind]}字第 ${caseNumber} 号`;
}

/** 准予行政许可决定书 / 不予行政许可决定书 for 行政许可, 准予办理决定书 / 不予办理决定书 for every other type. */
export function decisionTitle(approved: boolean, itemTypeLabel: string): string {
  return `${approved ? '准予' : '不予'}${itemTypeLabel === '行政许可' ? '行政许可' : '办理'}决定书`;
}

/** `2026-11-23` (or `2026-11-23 09:12`, `2026-11-23T…`) → `2026年11月23日`; anything else unchanged. */
export function cnDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The ID shown on paper: a clear citizen ID number (18 or 15 digits) is masked whatever the caller passed. */
export function printableId(id: string): string {
  const v = id.trim().toUpperCase();
  if (/^\d{15}$/.test(v) || validateIdNumber(v).valid) return maskIdNumber(v);
  return v;
}

export async function renderAcceptanceNotice(d: AcceptanceNotice): Promise<Buffer> {
  const title = '受理通知书';
  const doc = begin(d, title, noticeNumber('acceptance', d.caseNumber, d.issuedOn));
  salute(doc, d);
  para(doc, `你（单位）于${cnDate(d.appliedOn)}提出的${d.itemName}申请，经审查，申请材料齐全、符合法定形式，决定予以受理。`);
  if (d.promisedDays > 0) {
    para(
      doc,
      `本事项承诺办结时限为 ${d.promisedDays} 个工作日（自受理次日起算；补正材料及公示、听证、专家评审、现场勘验等特别程序所需时间不计入），预计于${cnDate(d.dueDate)}前办结。`,
    );
  } else {
    para(doc, `本事项为即办件，于${cnDate(d.acceptedAt)}受理，当场办结。`);
  }
  if (d.deferred.length) {
    para(doc, '下列容缺受理材料，请按你（单位）的书面承诺于期限前补交；逾期未补交的，将影响办理结果：');
    table(
      doc,
      [
        { title: '序号', width: 0.08 },
        { title: '容缺材料名称', width: 0.62 },
        { title: '承诺补交期限', width: 0.3 },
      ],
      d.deferred.map((m, i) => [String(i + 1), m.name, cnDate(m.dueDate)]),
    );
  }
  para(doc, `办理结果送达方式：${d.pickup}。`);
  section(doc, `已收取的申请材料（共 ${d.materials.length} 项）`);
  table(
    doc,
    [
      { title: '序号', width: 0.07 },
      { title: '材料名称', width: 0.45 },
      { title: '形式', width: 0.12 },
      { title: '份数', width: 0.08 },
      { title: '页数', width: 0.08 },
      { title: '备注', width: 0.2 },
    ],
    d.materials.map((m, i) => [String(i + 1), m.name, m.form, String(m.copies), m.pages == null ? '' : String(m.pages), m.note ?? '']),
  );
  return end(doc, d, title, '特此通知。');
}

export async function renderCorrectionNotice(d: CorrectionNotice): Promise<Buffer> {
  const title = '补正材料一次性告知书';
  const doc = begin(d, title, noticeNumber('correction', d.caseNumber, d.issuedOn));
  salute(doc, d);
  para(doc, `你（单位）于${cnDate(d.appliedOn)}提交的${d.itemName}申请材料，经审查，存在下列需要补正的情形，现一次性告知如下：`);
  table(
    doc,
    [
      { title: '序号', width: 0.07 },
      { title: '材料或事项', width: 0.27 },
      { title: '存在问题', width: 0.31 },
      { title: '补正要求', width: 0.35 },
    ],
    d.items.map((it, i) => [String(i + 1), it.name, it.problem, it.requirement]),
  );
  para(
    doc,
    d.deadlineDays
      ? `请于收到本告知书之日起 ${d.deadlineDays} 个工作日内按上述要求一次性补正；逾期未补正的，视为放弃本次申请。补正所需时间不计入办理时限。`
      : '请按上述要求一次性补正后重新提交。补正所需时间不计入办理时限。',
  );
  para(doc, '以上为需要补正的全部内容，不再另行要求补正其他材料。');
  if (d.note) para(doc, d.note);
  return end(doc, d, title, '特此告知。');
}

export async function renderRejectionNotice(d: RejectionNotice): Promise<Buffer> {
  const title = '不予受理通知书';
  const doc = begin(d, title, noticeNumber('rejection', d.caseNumber, d.issuedOn));
  salute(doc, d);
  if (d.reasons.length) {
    para(doc, `你（单位）于${cnDate(d.appliedOn)}提出的${d.itemName}申请，经审查，存在下列情形：`);
    numbered(doc, d.reasons);
  } else {
    para(doc, `你（单位）于${cnDate(d.appliedOn)}提出的${d.itemName}申请，经审查，不符合受理条件。`);
  }
  para(doc, `${basisClause(d.legalBasis)}，决定不予受理。`);
  if (d.remedy) para(doc, d.remedy);
  return end(doc, d, title, '特此通知。');
}

export async function renderDecisionNotice(d: DecisionNotice): Promise<Buffer> {
  const title = d.decisionTitle || decisionTitle(d.approved, d.itemTypeLabel);
  const what = d.itemTypeLabel === '行政许可' ? '行政许可' : '办理';
  const doc = begin(d, title, d.decisionNo);
  salute(doc, d);
  const accepted = d.acceptedAt ? `，本机关于${cnDate(d.acceptedAt)}依法受理` : '';
  if (d.approved) {
    para(doc, `你（单位）于${cnDate(d.appliedOn)}提出的${d.itemName}申请${accepted}。经审查，该申请符合法定条件、标准。`);
    if (d.reasons.length) numbered(doc, d.reasons);
    para(doc, `${basisClause(d.legalBasis)}，本机关决定准予${what}。`);
  } else {
    para(doc, `你（单位）于${cnDate(d.appliedOn)}提出的${d.itemName}申请${accepted}。经审查，该申请不符合法定条件、标准${d.reasons.length ? '，理由如下：' : '。'}`);
    numbered(doc, d.reasons);
    para(doc, `${basisClause(d.legalBasis)}，本机关决定不予${what}。`);
  }
  if (d.content) para(doc, d.content);
  if (d.resultNo) para(doc, `证照（结果文书）编号：${d.resultNo}。`);
  if (d.remedy) para(doc, d.remedy);
  return end(doc, d, title);
}

export async function renderDeliveryReceipt(d: DeliveryReceipt): Promise<Buffer> {
  const title = '送达回证';
  const doc = begin(d, title, noticeNumber('delivery', d.caseNumber, d.issuedOn), { grid: false });
  const blankDate = '        年      月      日';
  const date = d.deliveredAt ? cnDate(d.deliveredAt) : blankDate;
  /** Someone other than the applicant takes the documents: a 代收人. */
  const agent = d.recipient.trim() !== '' && d.recipient.trim() !== d.applicantName.trim();
  const docs = d.documents.length ? d.documents.map((x, i) => `${i + 1}. ${x.name}${x.number ? `（${x.number}）` : ''}`).join('\n') : '';
  form(doc, [
    { label: '案件编号', value: d.caseNumber },
    { label: '事项名称', value: d.itemName },
    { label: '受送达人', value: d.applicantName, label2: '证件号码', value2: printableId(d.applicantIdMasked) },
    { label: '送达文书\n名称及文号', value: docs },
    { label: '送达方式', value: d.method, label2: '送达日期', value2: date },
    { label: '送达地点', value: d.place || d.centerAddress },
    { label: '受送达人\n签名（盖章）', value: '', sign: agent ? blankDate : date, height: 84 },
    { label: '代收人签名\n及代收理由', value: agent ? `代收人：${d.recipient}` : '', sign: agent ? date : blankDate, height: 68 },
    { label: '送达人签名', value: '', sign: d.deliveredAt ? date : blankDate, height: 60 },
    { label: '备注', value: '', height: 48 },
  ]);
  doc.moveDown(0.3).font('regular').fontSize(9).fillColor('#555555');
  doc.text('说明：受送达人拒绝签收的，送达人应在备注栏注明拒收事由和日期，并由见证人签名。邮寄送达以回执上注明的收件日期为送达日期；电子送达以送达信息到达受送达人特定系统的日期为送达日期。', { width: textWidth(doc) });
  return end(doc, d, title);
}

// ---------------------------------------------------------------------------------------------------
// Layout shared by every notice.

const INK = '#111111';
const RED = '#c8161d';
const BODY = 12;

const textWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** 红头 (the center), the title, the number line and the case's key facts. */
function begin(d: NoticeHeader, title: string, number: string, opts: { grid?: boolean } = {}): Pdf {
  const doc = createPdf({ title: `${title} ${d.caseNumber}`, subject: d.itemName });
  const left = doc.page.margins.left;
  const width = textWidth(doc);
  doc.font('bold').fontSize(15).fillColor(RED).text(d.issuer, left, doc.y, { width, align: 'center', characterSpacing: 2 });
  const y = doc.y + 4;
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(1.6).strokeColor(RED).stroke();
  doc.moveTo(left, y + 3).lineTo(left + width, y + 3).lineWidth(0.5).strokeColor(RED).stroke();
  doc.x = left;
  doc.y = y + 14;
  doc.font('bold').fontSize(21).fillColor(INK).text(title, { width, align: 'center', characterSpacing: 3 });
  doc.moveDown(0.25).font('regular').fontSize(10.5).fillColor('#333333').text(d.documentNo || number, { width, align: 'center' });
  doc.moveDown(0.7);
  if (opts.grid !== false) {
    form(doc, [
      { label: '案件编号', value: d.caseNumber },
      { label: '事项名称', value: d.itemName },
      { label: '实施编码', value: d.implementationCode },
      { label: '申 请 人', value: d.applicantName, label2: '证件号码', value2: printableId(d.applicantIdMasked) },
    ]);
    doc.moveDown(0.5);
  }
  return doc;
}

function salute(doc: Pdf, d: NoticeHeader): void {
  doc.font('bold').fontSize(BODY).fillColor(INK).text(`${d.applicantName}：`, doc.page.margins.left, doc.y, { width: textWidth(doc) });
  doc.moveDown(0.3);
}

/** A body paragraph: 2-character first-line indent, comfortable leading. */
function para(doc: Pdf, text: string): void {
  doc.font('regular').fontSize(BODY).fillColor(INK);
  ensureSpace(doc, BODY * 2);
  doc.text(text, doc.page.margins.left, doc.y, { width: textWidth(doc), indent: BODY * 2, lineGap: 4, paragraphGap: 5, align: 'left' });
}

/** 一、…；二、…。 — each item ends with ；, the last with 。 (unless the caller ended it already). */
function numbered(doc: Pdf, items: string[]): void {
  items.forEach((s, i) => {
    const t = s.trim();
    para(doc, `${toCn(i + 1)}、${/[。；;.!！?？]$/.test(t) ? t : `${t}${i === items.length - 1 ? '。' : '；'}`}`);
  });
}

function section(doc: Pdf, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.3).font('bold').fontSize(11).fillColor(INK).text(text, doc.page.margins.left, doc.y, { width: textWidth(doc) });
  doc.moveDown(0.3);
}

function basisClause(basis: string[]): string {
  return basis.length ? `根据${basis.join('、')}的规定` : '根据有关法律法规的规定';
}

const CN_DIGITS = '〇一二三四五六七八九';
/** 1 → 一, 12 → 十二, 25 → 二十五 (list numbering up to 99). */
function toCn(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}

interface FormRow {
  label: string;
  value: string;
  label2?: string;
  value2?: string;
  /** Printed at the bottom right of the value cell (a date line under a signature blank). */
  sign?: string;
  height?: number;
}

/** A ruled label/value form: a row holds one pair across the width or two pairs side by side. */
function form(doc: Pdf, rows: FormRow[]): void {
  const left = doc.page.margins.left;
  const width = textWidth(doc);
  const lw = 0.16 * width;
  const pad = 4;
  const size = 10;
  for (const r of rows) {
    const cells: { x: number; w: number; text: string; label: boolean }[] = r.label2
      ? [
          { x: left, w: lw, text: r.label, label: true },
          { x: left + lw, w: 0.5 * width - lw, text: r.value, label: false },
          { x: left + 0.5 * width, w: lw, text: r.label2, label: true },
          { x: left + 0.5 * width + lw, w: 0.5 * width - lw, text: r.value2 ?? '', label: false },
        ]
      : [
          { x: left, w: lw, text: r.label, label: true },
          { x: left + lw, w: width - lw, text: r.value, label: false },
        ];
    const heights = cells.map((c) => doc.font(c.label ? 'bold' : 'regular').fontSize(size).heightOfString(c.text || ' ', { width: c.w - 2 * pad, lineGap: 2 }));
    const h = Math.max(r.height ?? 0, Math.max(...heights) + 2 * pad + (r.sign ? size + 6 : 0));
    ensureSpace(doc, h);
    const y = doc.y;
    cells.forEach((c, i) => {
      if (c.label) doc.rect(c.x, y, c.w, h).fillAndStroke('#f4f5f7', '#8a8f99');
      else doc.rect(c.x, y, c.w, h).lineWidth(0.6).strokeColor('#8a8f99').stroke();
      doc.font(c.label ? 'bold' : 'regular').fontSize(size).fillColor(INK);
      if (!c.label) {
        doc.text(c.text, c.x + pad, y + pad, { width: c.w - 2 * pad, lineGap: 2 });
        return;
      }
      // Labels: vertically centred, each line centred on its own.
      let ly = y + (h - heights[i]) / 2;
      for (const line of c.text.split('\n')) {
        doc.text(line, c.x + pad, ly, { width: c.w - 2 * pad, lineGap: 2, align: 'center' });
        ly = doc.y;
      }
    });
    if (r.sign) {
      const c = cells[cells.length - 1];
      doc.font('regular').fontSize(size).text(r.sign, c.x + pad, y + h - pad - size - 2, { width: c.w - 2 * pad - 8, align: 'right', lineBreak: false });
    }
    doc.x = left;
    doc.y = y + h;
  }
}

/** The QR code to the tracking page with the case number and contacts (left), the 落款 with the seal (right). */
async function end(doc: Pdf, d: NoticeHeader, title: string, closing?: string): Promise<Buffer> {
  const left = doc.page.margins.left;
  const width = textWidth(doc);
  const qrSize = 68;
  // The closing phrase (特此通知。) never stands alone above a 落款 turned over to the next page.
  ensureSpace(doc, qrSize + 24 + (closing ? BODY * 2 + 10 : 0));
  if (closing) para(doc, closing);
  doc.moveDown(0.6);
  const top = doc.y;

  doc.image(await QRCode.toBuffer(d.trackUrl, { margin: 1, width: qrSize * 3 }), left, top, { width: qrSize });
  const tx = left + qrSize + 6;
  const tw = 215;
  doc.font('bold').fontSize(9).fillColor('#333333').text('扫码查询办理进度', tx, top + 4, { width: tw });
  doc.moveDown(0.2).font('regular').fontSize(7.5).fillColor('#555555').text('案件编号', tx, doc.y, { width: tw });
  doc.text(d.caseNumber, { width: tw });
  doc.moveDown(0.2).text(d.centerName, { width: tw });
  doc.text(`地址：${d.centerAddress}`, { width: tw });
  doc.text(`咨询电话：${d.centerPhone}`, { width: tw });
  const textBottom = doc.y;

  // 落款: issuer over date, right-aligned; the seal placeholder over both, as the stamp will be.
  const boxW = 190;
  const boxX = left + width - boxW;
  const sy = top + 14;
  doc.font('regular').fontSize(BODY).fillColor(INK).text(d.issuer, boxX, sy, { width: boxW, align: 'right' });
  doc.moveDown(0.5).text(cnDate(d.issuedOn), boxX, doc.y, { width: boxW, align: 'right' });
  const signBottom = doc.y;
  const r = 38;
  const cx = left + width - Math.min(boxW, Math.max(doc.widthOfString(d.issuer), 2 * r + 20)) / 2;
  const cy = (sy + signBottom) / 2;
  doc.save().circle(cx, cy, r).lineWidth(1.3).strokeColor(RED).strokeOpacity(0.7).dash(3, { space: 2 }).stroke().restore();
  doc.save().font('regular').fontSize(8).fillColor(RED).fillOpacity(0.8).text('（印章）', cx - r, cy - r + 5, { width: 2 * r, align: 'center', lineBreak: false }).restore();
  doc.x = left;
  doc.y = Math.max(textBottom, signBottom, top + qrSize, cy + r) + 4;
  return finishPdf(doc, `${title} · 案件编号 ${d.caseNumber}`);
}

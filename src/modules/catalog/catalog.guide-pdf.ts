import QRCode from 'qrcode';
import { createPdf, finishPdf, heading, table } from '../../platform/pdf.js';

/**
 * The printable 办事指南 of one item at one center: everything a villager needs on one A4 sheet (or a
 * few), with a QR code to the online guide. Plain data in, PDF bytes out; the catalog service maps an
 * item version to this shape.
 */
export interface GuideDoc {
  name: string;
  implementationCode: string;
  itemType: string; // 行政许可, 行政给付, …
  handlingType: string; // 即办件 / 承诺件
  department: string;
  center: string;
  levels: string; // e.g. 村受理 → 镇初审 → 县决定
  legalBasis: string[];
  legalDays: number | null;
  promisedDays: number;
  fees: string; // 不收费, or amount and basis
  maxVisits: number;
  onlineLevel: string;
  agentEligible: boolean;
  place: string;
  hours: string;
  phone: string;
  complaintPhone: string;
  conditions: string[];
  materials: { name: string; form: string; copies: number; necessity: string; note?: string }[];
  steps: { name: string; department: string; days: string }[];
  url: string;
  /** When the guide was printed (shown in the footer), e.g. 2026-11-23. */
  printedOn: string;
  version: number;
}

export async function renderGuidePdf(g: GuideDoc): Promise<Buffer> {
  const doc = createPdf({ title: `${g.name} 办事指南`, subject: g.implementationCode });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const qrSize = 84;

  // Title block with the QR code on the right.
  const qr = await QRCode.toBuffer(g.url, { margin: 1, width: qrSize * 3 });
  const top = doc.y;
  doc.image(qr, left + width - qrSize, top, { width: qrSize });
  doc
    .font('regular')
    .fontSize(7)
    .fillColor('#888888')
    .text('扫码查看在线指南、在线申办', left + width - qrSize - 16, top + qrSize + 3, { width: qrSize + 16, align: 'center' });
  doc
    .font('bold')
    .fontSize(18)
    .fillColor('#111111')
    .text(g.name, left, top, { width: width - qrSize - 12 });
  doc.font('regular').fontSize(10).fillColor('#555555').text('办事指南', { width: width - qrSize - 12 });
  doc.moveDown(0.3).fontSize(9).text(`实施编码：${g.implementationCode}`, { width: width - qrSize - 12 });
  doc.text(`${g.center} · ${g.department}`, { width: width - qrSize - 12 });
  doc.x = left;
  doc.y = Math.max(doc.y, top + qrSize + 22);

  // The answers to "how long, how much, how many trips" first, in big type.
  const badges = [
    ['承诺时限', g.promisedDays === 0 ? '即办' : `${g.promisedDays} 个工作日`],
    ['到现场次数', g.maxVisits === 0 ? '不用跑' : `最多跑 ${g.maxVisits} 次`],
    ['收费', g.fees],
    ['代办', g.agentEligible ? '村代办员可代办' : '本人办理'],
  ];
  const bw = width / badges.length;
  const by = doc.y;
  badges.forEach(([label, value], i) => {
    doc.rect(left + i * bw + 2, by, bw - 4, 44).fillAndStroke('#f3f6fc', '#c9d3ea');
    doc.font('regular').fontSize(8).fillColor('#666666').text(label, left + i * bw + 8, by + 6, { width: bw - 16 });
    doc.font('bold').fontSize(11).fillColor('#1f3a93').text(value, left + i * bw + 8, by + 20, { width: bw - 16, height: 20, ellipsis: true });
  });
  doc.x = left;
  doc.y = by + 54;

  heading(doc, '基本信息');
  table(
    doc,
    [
      { title: '项目', width: 0.22 },
      { title: '内容', width: 0.78 },
    ],
    [
      ['事项类型', `${g.itemType}（${g.handlingType}）`],
      ['办理层级', g.levels],
      ['法定时限', g.legalDays === null ? '无' : `${g.legalDays} 个工作日`],
      ['承诺时限', g.promisedDays === 0 ? '即办' : `${g.promisedDays} 个工作日（自受理次日起算）`],
      ['设定依据', g.legalBasis.join('\n')],
      ['网上办理', g.onlineLevel],
    ],
  );

  if (g.conditions.length) {
    heading(doc, '受理条件');
    g.conditions.forEach((c, i) => doc.text(`${i + 1}. ${c}`, { width }));
  }

  heading(doc, '申请材料');
  table(
    doc,
    [
      { title: '序号', width: 0.07 },
      { title: '材料名称', width: 0.41 },
      { title: '形式', width: 0.14 },
      { title: '份数', width: 0.08 },
      { title: '要求', width: 0.3 },
    ],
    g.materials.map((m, i) => [String(i + 1), m.name, m.form, String(m.copies), [m.necessity, m.note].filter(Boolean).join('；')]),
  );

  heading(doc, '办理流程');
  table(
    doc,
    [
      { title: '环节', width: 0.3 },
      { title: '承办部门', width: 0.45 },
      { title: '时限', width: 0.25 },
    ],
    g.steps.map((s) => [s.name, s.department, s.days]),
  );

  heading(doc, '办理地点与咨询');
  table(
    doc,
    [
      { title: '项目', width: 0.22 },
      { title: '内容', width: 0.78 },
    ],
    [
      ['办理地点', g.place],
      ['办公时间', g.hours],
      ['咨询电话', g.phone],
      ['投诉电话', g.complaintPhone],
    ],
  );

  return finishPdf(doc, `${g.name} · 第 ${g.version} 版 · 打印于 ${g.printedOn}`);
}

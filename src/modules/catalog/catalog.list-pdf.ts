import QRCode from 'qrcode';
import { createPdf, finishPdf, heading, table } from '../../platform/pdf.js';

/**
 * The printable item list of one center for the wall (县级 / 乡镇级 / 村级政务服务事项清单): every
 * published item the center handles or takes in, grouped by department, with time limit, trips and
 * whether the village agent can do it. Plain data in, PDF bytes out.
 */
export interface ListDoc {
  title: string;
  levelLabel: string;
  center: string;
  address: string;
  hours: string;
  phone: string;
  complaintPhone: string;
  url: string;
  printedOn: string;
  rows: { name: string; department: string; itemType: string; handledBy: string; days: string; visits: string; agent: boolean }[];
}

export async function renderListPdf(d: ListDoc): Promise<Buffer> {
  const doc = createPdf({ title: d.title, subject: d.levelLabel });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const qrSize = 72;
  const top = doc.y;
  doc.image(await QRCode.toBuffer(d.url, { margin: 1, width: qrSize * 3 }), left + width - qrSize, top, { width: qrSize });
  doc.font('regular').fontSize(7).fillColor('#888888').text('扫码查看办事指南', left + width - qrSize - 8, top + qrSize + 2, { width: qrSize + 16, align: 'center' });
  doc.font('bold').fontSize(17).fillColor('#111111').text(d.title, left, top, { width: width - qrSize - 12 });
  doc.font('regular').fontSize(9).fillColor('#555555');
  doc.text(`${d.levelLabel}清单 · 共 ${d.rows.length} 项`, { width: width - qrSize - 12 });
  doc.text(`地址：${d.address}`, { width: width - qrSize - 12 });
  doc.text(`办公时间：${d.hours}`, { width: width - qrSize - 12 });
  doc.text(`咨询电话：${d.phone}    投诉电话：${d.complaintPhone}`, { width: width - qrSize - 12 });
  doc.x = left;
  doc.y = Math.max(doc.y, top + qrSize + 18);

  const byDept = new Map<string, ListDoc['rows']>();
  for (const r of d.rows) byDept.set(r.department, [...(byDept.get(r.department) ?? []), r]);
  let n = 0;
  for (const [dept, rows] of byDept) {
    heading(doc, `${dept}（${rows.length} 项）`);
    table(
      doc,
      [
        { title: '序号', width: 0.06 },
        { title: '事项名称', width: 0.33 },
        { title: '事项类型', width: 0.11 },
        { title: '办理方式', width: 0.2 },
        { title: '承诺时限', width: 0.12 },
        { title: '跑动次数', width: 0.1 },
        { title: '代办', width: 0.08 },
      ],
      rows.map((r) => [String(++n), r.name, r.itemType, r.handledBy, r.days, r.visits, r.agent ? '可代办' : '—']),
    );
  }
  if (d.rows.length === 0) doc.moveDown().font('regular').fontSize(11).fillColor('#555555').text('本中心暂无已发布的事项。');
  return finishPdf(doc, `${d.title} · 打印于 ${d.printedOn}`);
}

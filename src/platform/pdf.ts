import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * Printable documents (办事指南, notices) share one setup: A4, Noto Sans SC from an npm font package
 * (so Chinese renders after `npm install` alone; pdfkit embeds only the glyphs used), and helpers for
 * the layouts every document needs.
 */
const require = createRequire(import.meta.url);
export const FONTS = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
} as const;

export type Pdf = PDFKit.PDFDocument;

/** The font files, read once per process (about 10 MB each; every document embeds its own subset). */
let fontBytes: { regular: Buffer; bold: Buffer } | undefined;
const fonts = () => (fontBytes ??= { regular: readFileSync(FONTS.regular), bold: readFileSync(FONTS.bold) });

export function createPdf(info: { title: string; subject?: string; layout?: 'portrait' | 'landscape'; margins?: { top: number; bottom: number; left: number; right: number } }): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    layout: info.layout ?? 'portrait',
    margins: info.margins ?? { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: info.title, Subject: info.subject ?? '', Creator: '便民服务一体化平台', Producer: '便民服务一体化平台' },
    bufferPages: true,
  });
  doc.registerFont('regular', fonts().regular);
  doc.registerFont('bold', fonts().bold);
  doc.font('regular');
  return doc;
}

/** Finish the document (page numbers in the footer) and collect it into one buffer. */
export function finishPdf(doc: Pdf, footer: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const y = doc.page.height - 40;
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing inside the bottom margin must not add a page
      doc
        .font('regular')
        .fontSize(8)
        .fillColor('#888888')
        .text(`${footer}    第 ${i + 1} 页 / 共 ${range.count} 页`, doc.page.margins.left, y, {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}

/** A section heading with a rule under it. */
export function heading(doc: Pdf, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.6).font('bold').fontSize(12).fillColor('#1f3a93').text(text);
  const y = doc.y + 2;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .lineWidth(0.6)
    .strokeColor('#1f3a93')
    .stroke();
  doc.moveDown(0.4).font('regular').fontSize(10).fillColor('#222222');
}

export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/**
 * A simple ruled table: column widths are fractions of the text width; rows grow with wrapped text
 * and break across pages with the header repeated.
 */
export function table(doc: Pdf, columns: { title: string; width: number }[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const full = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const widths = columns.map((c) => c.width * full);
  const pad = 4;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(9);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || '—', { width: widths[i] - 2 * pad }))) + 2 * pad;
    ensureSpace(doc, h);
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      if (bold) doc.rect(x, y, widths[i], h).fillAndStroke('#eef2fb', '#b8c2d8');
      else doc.rect(x, y, widths[i], h).lineWidth(0.5).strokeColor('#b8c2d8').stroke();
      doc.fillColor('#222222').text(c || '—', x + pad, y + pad, { width: widths[i] - 2 * pad });
      x += widths[i];
    });
    doc.x = left;
    doc.y = y + h;
    return h;
  };
  drawRow(
    columns.map((c) => c.title),
    true,
  );
  for (const r of rows) {
    const before = doc.page;
    doc.font('regular').fontSize(9);
    const h = Math.max(...r.map((c, i) => doc.heightOfString(c || '—', { width: widths[i] - 2 * pad }))) + 2 * pad;
    ensureSpace(doc, h);
    if (doc.page !== before)
      drawRow(
        columns.map((c) => c.title),
        true,
      );
    drawRow(r, false);
  }
  doc.moveDown(0.5);
}

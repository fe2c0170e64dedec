/**
 * What a file is, decided by its bytes (magic numbers), never by the client's name or Content-Type.
 * Only the kinds listed here are accepted anywhere in the product.
 */

export interface SniffedType {
  mime: string;
  ext: string;
  label: string;
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (b: Buffer, sig: readonly number[]): boolean => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** OOXML files are ZIPs whose local file headers name `word/…` or `xl/…` parts early on. */
function ooxmlKind(b: Buffer): 'docx' | 'xlsx' | null {
  const head = b.subarray(0, Math.min(b.length, 64 * 1024)).toString('latin1');
  if (/word\/[\w./-]+\.xml/.test(head)) return 'docx';
  if (/xl\/[\w./-]+\.xml/.test(head)) return 'xlsx';
  return null;
}

export function sniff(b: Buffer, declaredName = ''): SniffedType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', ext: 'pdf', label: 'PDF' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: 'png', label: 'PNG 图片' };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg', label: 'JPEG 图片' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const kind = ooxmlKind(b);
    if (kind === 'docx') return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', label: 'Word 文档' };
    if (kind === 'xlsx') return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', label: 'Excel 表格' };
    return null;
  }
  if (startsWith(b, OLE)) {
    // Legacy Office: the container does not say Word or Excel cheaply; trust the extension between the two.
    if (/\.xls$/i.test(declaredName)) return { mime: 'application/vnd.ms-excel', ext: 'xls', label: 'Excel 表格' };
    return { mime: 'application/msword', ext: 'doc', label: 'Word 文档' };
  }
  return null;
}

export const ACCEPTED_LABEL = 'PDF、Word、Excel、JPG 或 PNG';

/** A display name safe for Content-Disposition: no path, no control characters, at most 100 characters, the sniffed extension. */
export function safeFileName(declared: string, ext: string): string {
  const base = declared
    .replace(/^.*[\\/]/, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?\\/]+/g, '')
    .trim()
    .slice(0, 100);
  return `${base || '附件'}.${ext}`;
}

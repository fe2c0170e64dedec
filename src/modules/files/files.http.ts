import type { FastifyReply, FastifyRequest } from 'fastify';
import { Invalid } from '../../platform/errors.js';
import { ACCEPTED_LABEL, sniff, type SniffedType } from './files.rules.js';

/** Uploads everywhere: one file in multipart field `file`, at most 10 MB, its type decided by its bytes. */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

export async function readSingleUpload(req: FastifyRequest): Promise<{ name: string; content: Buffer }> {
  if (!req.isMultipart()) throw new Invalid('请以 multipart/form-data 方式上传文件（字段名 file）', undefined, 'FILE_REQUIRED');
  const part = await req.file({ limits: { fileSize: FILE_MAX_BYTES + 1, files: 1 } });
  if (!part || part.fieldname !== 'file') throw new Invalid('请选择要上传的文件（字段名 file）', undefined, 'FILE_REQUIRED');
  const content = await part.toBuffer();
  if (part.file.truncated || content.length > FILE_MAX_BYTES) throw new Invalid('文件不能超过 10 MB', undefined, 'FILE_TOO_LARGE');
  return { name: part.filename, content };
}

export function checkUpload(content: Buffer, declaredName: string): SniffedType {
  if (content.length === 0) throw new Invalid('文件为空', undefined, 'FILE_EMPTY');
  if (content.length > FILE_MAX_BYTES) throw new Invalid('文件不能超过 10 MB', undefined, 'FILE_TOO_LARGE');
  const type = sniff(content, declaredName);
  if (!type) throw new Invalid(`不支持的文件类型，请上传 ${ACCEPTED_LABEL} 文件`, undefined, 'FILE_TYPE_NOT_ALLOWED');
  return type;
}

/**
 * Send a stored file or a generated document: its sniffed type, a Content-Disposition with the name
 * (RFC 5987 for Chinese names), and no caching of anything that might be personal.
 */
export function sendDownload(reply: FastifyReply, f: { mime: string; name: string; content: Buffer }, opts: { inline?: boolean; cache?: 'public' | 'no-store' } = {}) {
  return reply
    .header('content-type', f.mime)
    .header('content-disposition', `${opts.inline ? 'inline' : 'attachment'}; filename="download"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .header('cache-control', opts.cache === 'public' ? 'private, max-age=3600' : 'no-store')
    .send(f.content);
}

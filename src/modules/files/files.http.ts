import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
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

/** Total of one multi-file request (an agent's matter with its photos, a correction with its scans). */
export const UPLOAD_BATCH_MAX_BYTES = 40 * 1024 * 1024;
export const UPLOAD_BATCH_MAX_FILES = 30;

export interface UploadBatch {
  /** Text fields (e.g. `data` holding the JSON of the request). */
  fields: Record<string, string>;
  /** Files in the order sent, with the multipart field name (e.g. `material:<key>`, `consent`). */
  files: { field: string; name: string; content: Buffer }[];
}

/**
 * Several files and text fields in one multipart request, so a matter and its photos are saved in one
 * transaction or not at all. Each file at most 10 MB; the whole request at most 40 MB / 30 files.
 */
export async function readUploadBatch(req: FastifyRequest): Promise<UploadBatch> {
  if (!req.isMultipart()) throw new Invalid('请以 multipart/form-data 方式提交', undefined, 'FILE_REQUIRED');
  const out: UploadBatch = { fields: {}, files: [] };
  let total = 0;
  for await (const part of req.parts({ limits: { fileSize: FILE_MAX_BYTES + 1, files: UPLOAD_BATCH_MAX_FILES + 1, fields: 20, fieldSize: 1024 * 1024 } })) {
    if (part.type === 'field') {
      out.fields[part.fieldname] = String(part.value);
      continue;
    }
    const content = await part.toBuffer();
    if (part.file.truncated || content.length > FILE_MAX_BYTES) throw new Invalid(`文件「${part.filename}」超过 10 MB`, undefined, 'FILE_TOO_LARGE');
    total += content.length;
    if (total > UPLOAD_BATCH_MAX_BYTES) throw new Invalid('一次提交的文件合计不能超过 40 MB', undefined, 'FILE_TOO_LARGE');
    out.files.push({ field: part.fieldname, name: part.filename, content });
    if (out.files.length > UPLOAD_BATCH_MAX_FILES) throw new Invalid(`一次最多提交 ${UPLOAD_BATCH_MAX_FILES} 个文件`, undefined, 'FILE_TOO_MANY');
  }
  return out;
}

/** The JSON of a batch's `data` field, validated like a JSON body (400 with the fields' messages). */
export function batchData<T extends z.ZodType>(batch: UploadBatch, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(batch.fields.data ?? '{}');
  } catch {
    throw new Invalid('提交的数据不是有效的 JSON（字段 data）', [{ path: 'data', message: '格式不正确' }], 'VALIDATION_FAILED');
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const details = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new Invalid(details[0]?.message ?? '提交的数据不正确', details, 'VALIDATION_FAILED');
  }
  return r.data;
}

/** Files sent as `<prefix><key>` fields, e.g. `material:id_card`, with the key split off. */
export const filesByPrefix = (batch: UploadBatch, prefix: string) =>
  batch.files.filter((f) => f.field.startsWith(prefix)).map((f) => ({ key: f.field.slice(prefix.length), name: f.name, content: f.content }));

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

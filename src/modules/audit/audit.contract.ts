import { z } from 'zod';

export const AuditQuery = z.object({
  from: z.iso.datetime({ offset: true, message: '开始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, message: '结束时间格式不正确' }).optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(64).optional(),
  objectId: z.string().trim().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  /** Keyset cursor: the seq of the last row of the previous page. */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditFilters = z.infer<typeof AuditQuery>;

export const AuditItem = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export const AuditPage = z.object({ items: z.array(AuditItem), nextCursor: z.number().nullable() });

export const ChainReportResponse = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBrokenSeq: z.number().nullable(),
  reason: z.enum(['hash_mismatch', 'link_mismatch']).nullable(),
});

export const ActionList = z.array(z.object({ action: z.string(), label: z.string() }));

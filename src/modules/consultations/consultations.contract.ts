import { z } from 'zod';
import { CONSULTATION_STATUSES } from './consultations.rules.js';

/**
 * Request and response schemas of /api/consultations (咨询). Responses are allowlists: the asker sees
 * the answering center, never the staff member's name; the public FAQ shows a masked asker name only.
 * `web/` imports this file.
 */

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const Uuid = z.uuid({ message: '编号格式不正确' });
const Version = z.number().int().min(1);

export const ConsultationStatus = z.enum(keys(CONSULTATION_STATUSES));

export const AskBody = z
  .object({
    /** The item asked about (its center answers); or… */
    itemId: Uuid.optional(),
    /** …a center asked directly. */
    centerId: Uuid.optional(),
    question: z.string().trim().min(10, '请把问题写清楚，至少10个字').max(1000, '问题不能超过1000个字'),
  })
  .refine((b) => !!b.itemId || !!b.centerId, { message: '请选择要咨询的事项或服务中心', path: ['itemId'] });

export const AnswerBody = z.object({
  version: Version,
  answer: z.string().trim().min(2, '请填写答复内容').max(2000, '答复不能超过2000个字'),
});
export const VersionBody = z.object({ version: Version });
export const CloseBody = z.object({ version: Version, reason: z.string().trim().max(300, '原因不能超过300个字').optional() });

export const StaffListQuery = z.object({
  status: ConsultationStatus.optional(),
  centerId: Uuid.optional(),
  /** Only questions about this item. */
  itemId: Uuid.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const PublishedQuery = z.object({ itemId: Uuid });

// ---------------------------------------------------------------------------------------------------
// Responses

export const Consultation = z.object({
  id: z.string(),
  itemId: z.string().nullable(),
  itemName: z.string().nullable(),
  centerId: z.string(),
  centerName: z.string(),
  question: z.string(),
  status: ConsultationStatus,
  statusLabel: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  published: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
  /** Staff of the center only (null for the asker). */
  askerName: z.string().nullable(),
  answeredByName: z.string().nullable(),
  /** What the caller may do: answer, close (update) · publish, unpublish (review). */
  abilities: z.array(z.string()),
});

export const ConsultationList = z.object({ items: z.array(Consultation), nextCursor: z.string().nullable() });
export const ConsultationCounts = z.object({ open: z.number().int(), answered: z.number().int(), closed: z.number().int() });

export const PublishedQa = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  /** Masked (刘**). */
  askerName: z.string(),
  centerName: z.string(),
  answeredAt: z.string(),
});
export const PublishedQaList = z.object({ items: z.array(PublishedQa) });

export const AskableCenters = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), level: z.string(), regionId: z.string(), phone: z.string() })),
});

export type Consultation = z.infer<typeof Consultation>;

import { z } from 'zod';
import { APPLICATION_STATUSES, APPLY_DELIVERY_METHODS, validPhone } from './applications.rules.js';

/**
 * Request and response schemas of /api/applications (网上申报). Responses are allowlists; the only
 * personal data returned is the caller's own contact phone (in their own form) and their masked ID
 * number. `web/` imports this file.
 */

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const Uuid = z.uuid({ message: '编号格式不正确' });
const Version = z.number().int().min(1);

export const ApplicationStatus = z.enum(keys(APPLICATION_STATUSES));
export const ApplyDeliveryMethod = z.enum(keys(APPLY_DELIVERY_METHODS), { message: '送达方式不正确' });

/** The citizen's part of the application; a draft may leave fields empty (checked at submit). */
export const ApplicationForm = z.object({
  phone: z
    .string()
    .trim()
    .max(20, '联系电话格式不正确')
    .refine((v) => v === '' || validPhone(v), '联系电话格式不正确')
    .default(''),
  address: z.string().trim().max(200, '地址不能超过200个字').default(''),
  note: z.string().trim().max(1000, '补充说明不能超过1000个字').default(''),
  deliveryMethod: ApplyDeliveryMethod.default('window'),
  deliveryAddress: z.string().trim().max(200, '收件地址不能超过200个字').default(''),
});

export const CreateApplicationBody = z.object({
  itemId: Uuid,
  /** The center to hand it to; defaults to the item's own center. */
  centerId: Uuid.optional(),
});
export const SaveApplicationBody = z.object({ version: Version, form: ApplicationForm });
export const ApplicationVersionBody = z.object({ version: Version });
export const ApplicationMaterialParams = z.object({ id: Uuid, key: z.string().min(1).max(40) });
export const ApplicationFileParams = z.object({ id: Uuid, fileId: Uuid });

// ---------------------------------------------------------------------------------------------------
// Responses

const FileRef = z.object({ id: z.string(), name: z.string(), size: z.number().int() }).nullable();

export const ApplicationFile = z.object({
  id: z.string(),
  materialKey: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});

export const ApplicationMaterial = z.object({
  key: z.string(),
  name: z.string(),
  necessity: z.enum(['required', 'optional', 'deferrable']),
  necessityLabel: z.string(),
  form: z.string(),
  formLabel: z.string(),
  copies: z.number().int(),
  note: z.string(),
  /** Blank form and filled sample (public catalog files). */
  blankFile: FileRef,
  sampleFile: FileRef,
  files: z.array(ApplicationFile),
});

export const ApplicationDetail = z.object({
  id: z.string(),
  status: ApplicationStatus,
  itemId: z.string(),
  itemName: z.string(),
  /** The guide version the form was built from, and the one published now (null: withdrawn). */
  itemVersion: z.number().int(),
  latestVersion: z.number().int().nullable(),
  /** A newer guide was published since: re-check with POST /refresh before submitting. */
  outdated: z.boolean(),
  onlineLevel: z.string(),
  onlineLevelLabel: z.string(),
  promisedDays: z.number().int(),
  center: z.object({ id: z.string(), name: z.string(), address: z.string(), hours: z.string(), phone: z.string() }),
  /** The citizen applies for themselves: their real name and masked ID number. */
  applicant: z.object({ name: z.string(), idMasked: z.string().nullable() }),
  form: z.object({ phone: z.string(), address: z.string(), note: z.string(), deliveryMethod: ApplyDeliveryMethod, deliveryAddress: z.string() }),
  materials: z.array(ApplicationMaterial),
  /** 必要 materials still without a file. */
  missing: z.array(z.object({ key: z.string(), name: z.string() })),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  caseStatusLabel: z.string().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** update, upload, submit, discard, refresh */
  abilities: z.array(z.string()),
});

export const ApplicationSummary = z.object({
  id: z.string(),
  status: ApplicationStatus,
  itemId: z.string(),
  itemName: z.string(),
  centerName: z.string(),
  files: z.number().int(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  caseStatus: z.string().nullable(),
  caseStatusLabel: z.string().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const ApplicationList = z.object({ items: z.array(ApplicationSummary) });

export type ApplicationDetail = z.infer<typeof ApplicationDetail>;
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;
export type ApplicationFile = z.infer<typeof ApplicationFile>;

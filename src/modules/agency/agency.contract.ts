import { z } from 'zod';
import { IdNumber } from '../org/org.contract.js';
import { CaseStatus, Deadline, DeliveryMethod } from '../cases/cases.contract.js';

/**
 * /api/agency: village agency (全程代办). The agent app (web/src/apps/agent) works offline and syncs
 * through these shapes; `web/` imports this file, so the device and the server cannot drift.
 *
 * Multi-file requests are multipart/form-data with a JSON field `data` and files named
 * `consent` (the signed 委托书: drawn signature PNG or a photo), `material:<material key>` (photos of
 * the materials) or `confirmation` (the villager's receipt of the result).
 */

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过${max}个字`);
const Uuid = z.uuid({ message: '编号格式不正确' });
const Version = z.number().int().min(1);
const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写11位手机号码');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const MANDATE_STATUSES = { registered: '已登记待提交', submitted: '已提交', handed_over: '已移交结果', cancelled: '已取消' } as const;
export const MandateStatus = z.enum(['registered', 'submitted', 'handed_over', 'cancelled']);
export const ConfirmMethod = z.enum(['signature', 'photo'], { message: '确认方式应为手写签名或拍照' });

/** The villager the agent acts for (registered on the device; the ID number is validated here and there). */
export const Villager = z.object({
  name: text(50, '姓名'),
  idNumber: IdNumber,
  phone: Phone,
  address: z.string().trim().max(200).default(''),
});

/** `data` of POST /api/agency/mandates (multipart with `consent` and `material:<key>` files). */
export const MandateData = z.object({
  /** Made on the device when the matter is registered: a retried sync returns the same mandate. */
  clientId: Uuid,
  itemId: Uuid,
  /** The item version whose material list the agent photographed against. */
  itemVersion: Version,
  villager: Villager,
  consent: z.object({
    method: ConfirmMethod,
    /** The 委托书 text the villager agreed to, as shown on the device. */
    statement: text(1000, '委托声明'),
    signedAt: z.iso.datetime({ offset: true, message: '签署时间格式不正确' }),
  }),
  /** When the materials were collected (device clock; never later than the server's receipt). */
  collectedAt: z.iso.datetime({ offset: true, message: '收件时间格式不正确' }),
  notes: z.string().trim().max(1000).default(''),
  /** Submit to the township / county at once (default), or only register it here. */
  submit: z.boolean().default(true),
});

export const VersionBody = z.object({ version: Version });
/**
 * POST /api/agency/mandates/:id/submit. `itemVersion`: the guide version the agent re-checked the
 * materials against (after a CASE_ITEM_VERSION_CHANGED refusal); default: the one registered with.
 */
export const SubmitBody = z.object({ version: Version, itemVersion: Version.optional() });
export const CancelBody = z.object({ version: Version, reason: text(300, '取消原因') });
/** `data` of POST /api/agency/mandates/:id/handover (multipart with a `confirmation` file). */
export const HandoverData = z.object({ version: Version, method: ConfirmMethod, receiver: text(50, '领取人'), note: z.string().trim().max(500).default('') });

export const ListMandatesQuery = z.object({
  villageCenterId: Uuid.optional(),
  agentId: Uuid.optional(),
  status: MandateStatus.optional(),
  /** Only matters whose materials reached (or have not yet reached) the township after the due day. */
  late: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /api/agency/items: the agent's own village room by default. */
export const AgencyItemsQuery = z.object({ villageCenterId: Uuid.optional() });
/** GET /api/agency/agents: counts of this month by default. */
export const AgentsQuery = z.object({ month: Month.optional(), villageCenterId: Uuid.optional() });
export const AgentParams = z.object({ userId: Uuid });
export const AgentTrainingParams = z.object({ userId: Uuid, trainingId: Uuid });

export const LedgerQuery = z.object({
  month: Month,
  villageCenterId: Uuid.optional(),
  agentId: Uuid.optional(),
});

export const TrainingBody = z.object({
  title: text(100, '培训内容'),
  trainedOn: z.iso.date({ message: '培训日期格式应为 YYYY-MM-DD' }),
  /** Hours, in steps of 0.5. */
  hours: z
    .number()
    .min(0.5, '培训时长至少 0.5 小时')
    .max(200)
    .refine((h) => Number.isInteger(h * 2), '培训时长以 0.5 小时为单位'),
  organizer: text(100, '组织单位'),
  note: z.string().trim().max(500).default(''),
});
export const TrainingParams = z.object({ id: Uuid, trainingId: Uuid });
export const MandateFileParams = z.object({ id: Uuid, fileId: Uuid });

// ---------------------------------------------------------------------------------------------------
// Responses

/** Timeliness of a matter: collected, due at the township, reached (submitted), late. */
export const Timeliness = z.object({
  collectedOn: z.string(),
  dueOn: z.string(),
  submittedOn: z.string().nullable(),
  /** Working days left before the due day (0 on it, negative when late); null once submitted. */
  remaining: z.number().int().nullable(),
  late: z.boolean(),
  /** Working days after the due day on which the materials arrived (or today, while they have not): 0 when on time. */
  daysLate: z.number().int(),
});

export const MandateSummary = z.object({
  id: z.string(),
  clientId: z.string(),
  status: MandateStatus,
  statusLabel: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  /** The guide version the materials were collected against. */
  itemVersion: z.number().int(),
  villageCenterId: z.string(),
  villageName: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  villagerName: z.string(),
  villagerIdMasked: z.string().nullable(),
  villagerPhoneMasked: z.string().nullable(),
  timeliness: Timeliness,
  /** The case at the township / county, once submitted. */
  case: z
    .object({
      id: z.string(),
      caseNo: z.string(),
      status: CaseStatus,
      statusLabel: z.string(),
      decision: z.enum(['approve', 'deny']).nullable(),
      deadline: Deadline,
      delivered: z.boolean(),
      /** The township or county center that handles it. */
      handlingCenterName: z.string(),
      /** The case's version, for answering a notice or choosing the delivery through /api/cases. */
      version: z.number().int(),
    })
    .nullable(),
  handedOverAt: z.string().nullable(),
  version: z.number().int(),
});
export const MandateList = z.object({ items: z.array(MandateSummary), nextCursor: z.string().nullable(), total: z.number().int() });

export const MandateFile = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), kind: z.enum(['consent', 'material', 'confirmation']), materialKey: z.string().nullable() });

export const MandateDetail = MandateSummary.extend({
  notes: z.string(),
  consent: z.object({ method: ConfirmMethod, statement: z.string(), signedAt: z.string() }),
  handover: z.object({ method: ConfirmMethod, receiver: z.string(), note: z.string() }).nullable(),
  files: z.array(MandateFile),
  /** From the case: the one-time notice to answer, the preferred delivery. */
  corrections: z.array(z.object({ name: z.string(), problem: z.string(), requirement: z.string() })).nullable(),
  deliveryPreference: z.object({ method: DeliveryMethod, address: z.string().optional() }).nullable(),
  abilities: z.array(z.string()),
});

/** The answer to a sync: the mandate, and whether the submission went through. */
export const MandateSyncResult = z.object({
  mandate: MandateDetail,
  /** true when this request found the mandate already saved by an earlier attempt (same clientId). */
  replayed: z.boolean(),
  /** Set when the matter was registered but could not be submitted (e.g. the guide changed): shown to the agent. */
  submitError: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** 代办事项清单 of a village, with what the agent needs offline (materials by key). */
export const AgencyItem = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  centerName: z.string(),
  level: z.string(),
  departmentName: z.string(),
  promisedDays: z.number().int(),
  fee: z.string(),
  conditions: z.array(z.string()),
  materials: z.array(
    z.object({ key: z.string(), name: z.string(), necessity: z.string(), necessityLabel: z.string(), form: z.string(), copies: z.number().int(), note: z.string() }),
  ),
});
export const AgencyItemList = z.object({ villageCenterId: z.string(), villageName: z.string(), items: z.array(AgencyItem) });

export const Training = z.object({ id: z.string(), title: z.string(), trainedOn: z.string(), hours: z.number(), organizer: z.string(), note: z.string() });

export const AgentRow = z.object({
  userId: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  active: z.boolean(),
  villageCenterId: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  /** This month: matters taken, submitted late, handed over; open (not yet handed over). */
  monthCount: z.number().int(),
  monthLate: z.number().int(),
  monthHandedOver: z.number().int(),
  open: z.number().int(),
  /** Training hours this calendar year, and the day of the last training. */
  trainingHours: z.number(),
  lastTrainedOn: z.string().nullable(),
});
export const AgentList = z.object({ month: z.string(), items: z.array(AgentRow) });
export const AgentDetail = AgentRow.extend({ trainings: z.array(Training), abilities: z.array(z.string()) });

export const LedgerRow = z.object({
  mandateId: z.string(),
  collectedOn: z.string(),
  villageName: z.string(),
  agentName: z.string(),
  villagerName: z.string(),
  villagerIdMasked: z.string().nullable(),
  itemName: z.string(),
  caseNo: z.string().nullable(),
  submittedOn: z.string().nullable(),
  dueOn: z.string(),
  late: z.boolean(),
  daysLate: z.number().int(),
  concludedOn: z.string().nullable(),
  /** 准予 / 不予 / 不予受理 / 退件 / 撤回 / 办理中 / 待提交 / 已取消 */
  outcome: z.string(),
  handedOverOn: z.string().nullable(),
});
export const Ledger = z.object({
  month: z.string(),
  rows: z.array(LedgerRow),
  totals: z.object({ count: z.number().int(), submitted: z.number().int(), late: z.number().int(), concluded: z.number().int(), handedOver: z.number().int() }),
});

export type MandateSummary = z.infer<typeof MandateSummary>;
export type MandateDetail = z.infer<typeof MandateDetail>;
export type AgentRow = z.infer<typeof AgentRow>;
export type LedgerRow = z.infer<typeof LedgerRow>;

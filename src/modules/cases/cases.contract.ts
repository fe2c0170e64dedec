import { z } from 'zod';
import { CreditCode, IdNumber } from '../org/org.contract.js';
import { CASE_STATUS_KEYS, CHANNELS, DELIVERY_METHODS, PAUSE_KINDS } from './cases.rules.js';

/**
 * Request and response schemas of /api/cases. Responses are allowlists; ID numbers and phones are
 * only ever returned masked. `web/` imports this file.
 */

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过${max}个字`);
const Uuid = z.uuid({ message: '编号格式不正确' });
const Version = z.number().int().min(1);
const Abilities = z.array(z.string());

export const CaseStatus = z.enum(CASE_STATUS_KEYS);
export const Channel = z.enum(keys(CHANNELS), { message: '办理渠道不正确' });
export const DeliveryMethod = z.enum(keys(DELIVERY_METHODS), { message: '送达方式不正确' });
export const PauseKind = z.enum(keys(PAUSE_KINDS), { message: '挂起原因不正确' });

const Phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '联系电话格式不正确');

export const ApplicantInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), name: text(50, '申请人姓名'), idNumber: IdNumber, phone: Phone.optional(), address: z.string().trim().max(200).default('') }),
  z.object({
    kind: z.literal('enterprise'),
    name: text(100, '单位名称'),
    creditCode: CreditCode,
    contactName: text(50, '经办人'),
    phone: Phone.optional(),
    address: z.string().trim().max(200).default(''),
  }),
]);

export const MaterialCheck = z.object({
  key: z.string().trim().min(1).max(40),
  status: z.enum(['received', 'missing', 'deferred', 'not_needed'], { message: '材料状态不正确' }),
  pages: z.number().int().min(0).max(9999).nullable().optional(),
  note: z.string().trim().max(200).optional(),
});

export const CorrectionItem = z.object({
  materialKey: z.string().max(40).optional(),
  name: text(200, '需补正的材料或事项'),
  problem: text(300, '存在的问题'),
  requirement: text(300, '补正要求'),
});

export const Rejection = z.object({
  reasons: z.array(text(300, '不予受理理由')).min(1, '请填写不予受理的理由').max(10),
  legalBasis: z.array(text(300, '法律依据')).min(1, '请填写法律依据').max(10),
});

/** Receive a case: at the window the clerk decides at once (accept / one-time notice / reject). */
export const CreateCaseBody = z.object({
  itemId: Uuid,
  /** The center receiving it; defaults to the clerk's center. */
  centerId: Uuid.optional(),
  channel: Channel.default('window'),
  applicant: ApplicantInput,
  materials: z.array(MaterialCheck).max(60).default([]),
  action: z.enum(['accept', 'correct', 'reject', 'receive']).default('accept'),
  corrections: z.array(CorrectionItem).max(60).optional(),
  rejection: Rejection.optional(),
});

export const VersionBody = z.object({ version: Version });
export const AcceptBody = z.object({ version: Version, materials: z.array(MaterialCheck).max(60) });
export const CorrectBody = z.object({ version: Version, corrections: z.array(CorrectionItem).min(1, '请列出需要补正的全部内容').max(60) });
export const RejectBody = Rejection.extend({ version: Version });
export const CompleteTaskBody = z.object({
  version: Version,
  outcome: z.enum(['pass', 'return'], { message: '审查结果应为通过或退回' }),
  opinion: text(2000, '审查意见'),
  attachments: z.array(Uuid).max(20).default([]),
  inspection: z
    .object({ place: text(200, '勘验地点'), findings: text(2000, '勘验情况'), photos: z.array(Uuid).max(20).default([]), inspectedOn: z.iso.date({ message: '勘验日期格式应为 YYYY-MM-DD' }) })
    .optional(),
});
export const SuspendBody = z.object({ version: Version, kind: PauseKind, reason: text(300, '挂起原因') });
export const DecideBody = z.object({
  version: Version,
  approve: z.boolean(),
  text: text(2000, '决定内容'),
  reasons: z.array(text(300, '理由')).max(10).default([]),
  legalBasis: z.array(text(300, '依据')).max(10).default([]),
  resultNo: z.string().trim().max(100).optional(),
  resultFileId: Uuid.optional(),
});
export const DeliverBody = z.object({
  version: Version,
  method: DeliveryMethod,
  recipient: text(50, '签收人'),
  trackingNo: z.string().trim().max(50).optional(),
  address: z.string().trim().max(200).optional(),
});
/** The `data` field of a correction answer (multipart; files as material:<key>). */
export const CorrectionAnswerData = z.object({ version: Version, note: z.string().trim().max(1000).default('') });

/** The applicant's choice of delivery; post needs an address. */
export const DeliveryPreferenceBody = z
  .object({ version: Version, method: DeliveryMethod, address: z.string().trim().max(200).optional() })
  .refine((b) => b.method !== 'post' || !!b.address, { message: '邮寄送达请填写收件地址', path: ['address'] });
export const ReasonBody = z.object({ version: Version, reason: text(300, '原因') });
export const TaskParams = z.object({ id: Uuid, taskId: Uuid });
export const MaterialParams = z.object({ id: Uuid, key: z.string().max(40) });
export const FileParams = z.object({ id: Uuid, fileId: Uuid });
export const NoticeParams = z.object({ id: Uuid, kind: z.enum(['acceptance', 'correction', 'rejection', 'decision', 'delivery']) });

// ---------------------------------------------------------------------------------------------------
// Responses

export const Deadline = z.object({
  promisedDays: z.number().int(),
  acceptedOn: z.string().nullable(),
  dueDate: z.string().nullable(),
  pausedWorkdays: z.number().int(),
  /** Working days left: 0 on the due day, negative when overdue; null when no clock runs. */
  remaining: z.number().int().nullable(),
  state: z.enum(['normal', 'warning', 'overdue', 'paused', 'none']),
});

export const ApplicantView = z.object({
  id: z.string(),
  kind: z.enum(['person', 'enterprise']),
  name: z.string(),
  idMasked: z.string().nullable(),
  creditCode: z.string().nullable(),
  contactName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
});

export const CaseSummary = z.object({
  id: z.string(),
  caseNo: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  status: CaseStatus,
  statusCode: z.string(),
  statusLabel: z.string(),
  channel: Channel,
  applicantName: z.string(),
  centerId: z.string(),
  centerName: z.string(),
  departmentName: z.string(),
  receivedAt: z.string(),
  deadline: Deadline,
  decision: z.enum(['approve', 'deny']).nullable(),
  /** The open task the list is about (inbox views), if any. */
  task: z.object({ id: z.string(), name: z.string(), status: z.string(), assigneeName: z.string().nullable() }).nullable(),
  version: z.number().int(),
});
export const CaseList = z.object({ items: z.array(CaseSummary), nextCursor: z.string().nullable() });
export const ListCasesQuery = z.object({
  /**
   * mine: tasks claimed by me · department: open tasks of my department (and department-less tasks of
   * my level) · center: open cases of my centers · deliver: concluded, not yet delivered · all.
   */
  view: z.enum(['mine', 'department', 'center', 'deliver', 'all']).default('center'),
  status: CaseStatus.optional(),
  deadline: z.enum(['warning', 'overdue']).optional(),
  /** Only cases with a 容缺 material past its promised date. */
  lateMaterials: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  centerId: Uuid.optional(),
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const InboxCounts = z.object({
  mine: z.number().int(),
  department: z.number().int(),
  warning: z.number().int(),
  overdue: z.number().int(),
  open: z.number().int(),
  /** Open cases with a 容缺 material past its promised date. */
  lateMaterials: z.number().int(),
  /** Concluded cases whose result has not been delivered yet. */
  deliver: z.number().int(),
  /** Received, not yet accepted: online and village-agent submissions and answered one-time notices. */
  received: z.number().int(),
});

export const ApplicantLookupBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), idNumber: IdNumber }),
  z.object({ kind: z.literal('enterprise'), creditCode: CreditCode }),
]);
export const ApplicantLookup = z.object({
  found: z.boolean(),
  applicant: z
    .object({ kind: z.enum(['person', 'enterprise']), name: z.string(), contactName: z.string().nullable(), phoneMasked: z.string().nullable(), address: z.string(), cases: z.number().int() })
    .nullable(),
});

export const CaseMaterialView = z.object({
  key: z.string(),
  name: z.string(),
  necessity: z.string(),
  status: z.enum(['received', 'missing', 'deferred', 'supplied', 'not_needed']),
  form: z.string(),
  copies: z.number().int(),
  pages: z.number().int().nullable(),
  deferredDue: z.string().nullable(),
  /** A 容缺 material past its promised date. */
  late: z.boolean(),
  note: z.string(),
  /** Files handed in for it (online upload, agent photo, correction, window scan). */
  files: z.array(z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), source: z.enum(['online', 'agent', 'correction', 'window']), createdAt: z.string() })),
});
export const CaseTaskView = z.object({
  id: z.string(),
  name: z.string(),
  stage: z.number().int(),
  kind: z.enum(['acceptance', 'review', 'decision', 'delivery']),
  status: z.enum(['waiting', 'open', 'claimed', 'done']),
  level: z.string(),
  days: z.number().int(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  doneByName: z.string().nullable(),
  doneAt: z.string().nullable(),
  outcome: z.enum(['pass', 'return']).nullable(),
  opinion: z.string().nullable(),
  attachments: z.array(z.string()),
  inspection: z.object({ place: z.string(), findings: z.string(), photos: z.array(z.string()), inspectedOn: z.string() }).nullable(),
  abilities: Abilities,
});
export const CaseEventView = z.object({
  at: z.string(),
  type: z.string(),
  label: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string(),
});
export const CaseDetail = CaseSummary.extend({
  itemVersion: z.number().int(),
  implementationCode: z.string(),
  handlingType: z.string(),
  handlingCenterId: z.string(),
  handlingCenterName: z.string(),
  applicant: ApplicantView,
  acceptedAt: z.string().nullable(),
  concludedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  deliveryMethod: DeliveryMethod.nullable(),
  decisionNo: z.string().nullable(),
  decisionText: z.string().nullable(),
  resultNo: z.string().nullable(),
  corrections: z.array(z.object({ name: z.string(), problem: z.string(), requirement: z.string() })).nullable(),
  rejection: z.object({ reasons: z.array(z.string()), legalBasis: z.array(z.string()) }).nullable(),
  materials: z.array(CaseMaterialView),
  tasks: z.array(CaseTaskView),
  timeline: z.array(CaseEventView),
  pauses: z.array(z.object({ kind: PauseKind, reason: z.string(), startedOn: z.string(), endedOn: z.string().nullable(), workdays: z.number().int().nullable() })),
  /** Notices that can be printed now: acceptance, correction, rejection, decision, delivery. */
  notices: z.array(z.string()),
  /** How the applicant would like the result delivered (chosen online or by the agent). */
  deliveryPreference: z.object({ method: DeliveryMethod, address: z.string().optional() }).nullable(),
  /** The village agent who carries the case (channel agent). */
  agentName: z.string().nullable(),
  /** The result document (决定书 / 证照) uploaded at the decision, downloadable by the case's readers. */
  resultFileId: z.string().nullable(),
  abilities: Abilities,
});

export const TrackBody = z.object({
  caseNo: z.string().trim().min(10, '请输入完整的办件编号').max(60),
  /** The applicant's name or the last 4 characters of the ID number / credit code. */
  proof: z.string().trim().min(1, '请输入申请人姓名或证件号后4位').max(50),
});
export const TrackResponse = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  centerName: z.string(),
  status: CaseStatus,
  statusLabel: z.string(),
  receivedAt: z.string(),
  deadline: Deadline,
  decision: z.enum(['approve', 'deny']).nullable(),
  timeline: z.array(z.object({ at: z.string(), label: z.string(), note: z.string() })),
});

export const ZeroHandlingQuery = z.object({ centerId: Uuid.optional(), from: z.iso.date(), to: z.iso.date() });
export const ZeroHandling = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(z.object({ itemId: z.string(), name: z.string(), centerName: z.string(), departmentName: z.string() })),
  published: z.number().int(),
});

export type CaseSummary = z.infer<typeof CaseSummary>;
export type CaseDetail = z.infer<typeof CaseDetail>;

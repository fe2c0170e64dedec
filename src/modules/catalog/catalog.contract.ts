import { z } from 'zod';
import { DryRunQuery, ImportErrorRow } from '../../platform/import-contract.js';
import {
  AUDIENCES,
  DELEGATION_KINDS,
  HANDLING_TYPES,
  ITEM_LEVELS,
  ITEM_STATUSES,
  ITEM_TYPE_CODES,
  MATERIAL_FORMS,
  MATERIAL_SOURCES,
  NECESSITIES,
  ONLINE_LEVELS,
  PROCESS_KINDS,
  SPECIAL_PROCEDURES,
  TOPIC_KEYS,
  VERSION_STATUSES,
} from './catalog.rules.js';

/**
 * Request and response schemas of /api/catalog. Public (no login) routes serve published items only;
 * /api/catalog/admin/* is the workbench. `web/` imports this file.
 */

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过${max}个字`);
const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过${max}个字`).default('');
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const days = (label: string, max = 365) =>
  z
    .number({ message: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(max, `${label}不能超过${max}个工作日`);

export const Uuid = z.uuid({ message: '编号格式不正确' });
export const ItemTypeCode = z.enum(ITEM_TYPE_CODES as [string, ...string[]], { message: '事项类型不正确' });
export const ItemLevel = z.enum(ITEM_LEVELS, { message: '层级应为县级、乡镇级或村级' });
export const TopicKey = z.enum(TOPIC_KEYS, { message: '主题不正确' });
export const VersionStatus = z.enum(keys(VERSION_STATUSES));
export const ItemStatus = z.enum(keys(ITEM_STATUSES));
export const BasicCode = z
  .string()
  .trim()
  .regex(/^\d{12}$/, '基本编码应为12位数字');
const Version = z.number().int().min(1);
const Cursor = z.string().max(200).optional();
const Limit = z.coerce.number().int().min(1).max(500).default(100);
const Abilities = z.array(z.string());

// ---------------------------------------------------------------------------------------------------
// Item elements (the versioned content)

export const LegalBasis = z.object({
  name: text(200, '依据名称'),
  article: optionalText(100, '条款'),
  text: optionalText(4000, '条文内容'),
});

/** A stable key of a material or step inside the item: letters, digits, `-` and `_`. */
const ElementKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, '标识应为1-40位字母、数字、-或_');

export const Material = z.object({
  key: ElementKey,
  name: text(200, '材料名称'),
  source: z.enum(keys(MATERIAL_SOURCES), { message: '材料来源不正确' }),
  issuer: optionalText(100, '出具部门'),
  form: z.enum(keys(MATERIAL_FORMS), { message: '材料形式不正确' }),
  copies: z.number().int('份数应为整数').min(0, '份数不能为负数').max(20, '份数不能超过20'),
  necessity: z.enum(keys(NECESSITIES), { message: '材料必要性不正确' }),
  deferDays: days('补交期限', 90).nullable().default(null),
  blankFileId: Uuid.nullable().default(null),
  sampleFileId: Uuid.nullable().default(null),
  certificateType: z.string().trim().max(100).nullable().default(null),
  note: optionalText(500, '备注'),
});

export const Step = z.object({
  key: ElementKey,
  name: text(50, '环节名称'),
  departmentId: Uuid.nullable().default(null),
  level: ItemLevel,
  days: days('环节时限'),
  parallel: z.boolean().default(false),
  note: optionalText(500, '环节说明'),
});

export const SpecialProcedure = z.object({
  kind: z.enum(keys(SPECIAL_PROCEDURES), { message: '特别程序类型不正确' }),
  days: days('特别程序时限'),
  note: optionalText(200, '说明'),
});

export const Fee = z.object({
  name: text(100, '收费项目'),
  amountFen: z.number().int('金额应以分为单位的整数').min(1, '收费金额应大于0').max(100_000_000),
  basis: text(300, '收费依据'),
});

/** What an editor submits; name, item type and legal basis come from the basic item and are not sent. */
export const ItemContentInput = z.object({
  aliases: z.array(text(30, '俗称')).max(20, '俗称最多20个').default([]),
  topics: z.array(TopicKey).max(5, '主题最多选5个').default([]),
  audience: z.enum(keys(AUDIENCES), { message: '服务对象不正确' }),
  acceptLevels: z.array(ItemLevel).min(1, '至少选择一个受理层级').max(3),
  preReviewLevel: ItemLevel.nullable().default(null),
  decideLevel: ItemLevel,
  delegation: z
    .object({ kind: z.enum(keys(DELEGATION_KINDS), { message: '下放方式不正确' }), document: text(200, '授权文件') })
    .nullable()
    .default(null),
  handlingType: z.enum(keys(HANDLING_TYPES), { message: '办件类型应为即办件或承诺件' }),
  processKind: z.enum(keys(PROCESS_KINDS), { message: '办理类型不正确' }),
  jointDepartmentIds: z.array(Uuid).max(20).default([]),
  legalDays: days('法定时限').nullable(),
  promisedDays: days('承诺时限'),
  specialProcedures: z.array(SpecialProcedure).max(4).default([]),
  fees: z.array(Fee).max(20).default([]),
  maxVisits: z.union([z.literal(0), z.literal(1), z.literal(2)], { message: '到现场次数应为0、1或2' }),
  onlineLevel: z.enum(keys(ONLINE_LEVELS), { message: '网办深度不正确' }),
  place: text(200, '办理地点'),
  hours: text(200, '办理时间'),
  phone: text(30, '咨询电话'),
  complaintPhone: text(30, '投诉电话'),
  agentEligible: z.boolean(),
  conditions: z.array(text(500, '受理条件')).max(30).default([]),
  faq: z.array(z.object({ q: text(200, '问题'), a: text(2000, '解答') })).max(30).default([]),
  materials: z.array(Material).max(60, '材料最多60项').default([]),
  steps: z.array(Step).min(1, '至少配置一个办理环节').max(20, '环节最多20个'),
});
export type ItemContentInput = z.infer<typeof ItemContentInput>;

/** The full content of a version, as stored. */
export const ItemContent = ItemContentInput.extend({
  name: z.string(),
  itemType: ItemTypeCode,
  legalBasis: z.array(LegalBasis),
});

// ---------------------------------------------------------------------------------------------------
// Basic items (基本目录)

export const BasicItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  itemType: ItemTypeCode,
  legalBasis: z.array(LegalBasis),
  departmentId: z.string(),
  departmentName: z.string(),
  active: z.boolean(),
  /** Implementations at centers (all states). */
  implementations: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export const BasicItemList = z.object({ items: z.array(BasicItem), nextCursor: z.string().nullable() });
export const ListBasicItemsQuery = z.object({
  q: z.string().trim().max(50).optional(),
  departmentId: Uuid.optional(),
  cursor: Cursor,
  limit: Limit,
});
export const CreateBasicItemBody = z.object({
  code: BasicCode,
  name: text(100, '事项名称'),
  itemType: ItemTypeCode,
  legalBasis: z.array(LegalBasis).min(1, '至少填写一条设定依据').max(20),
  departmentId: Uuid,
});
export const UpdateBasicItemBody = CreateBasicItemBody.partial().extend({ version: Version });

// ---------------------------------------------------------------------------------------------------
// Implementations (实施清单) in the workbench

export const ItemSummary = z.object({
  id: z.string(),
  implementationCode: z.string(),
  basicCode: z.string(),
  name: z.string(),
  itemType: ItemTypeCode,
  level: ItemLevel,
  status: ItemStatus,
  centerId: z.string(),
  centerName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  publishedVersion: z.number().int().nullable(),
  openVersion: z.number().int().nullable(),
  latestVersion: z.number().int(),
  /** The open version's status when there is one (草稿 / 待审核 beside a published version). */
  openStatus: VersionStatus.nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  abilities: Abilities,
});
export const ItemList = z.object({ items: z.array(ItemSummary), nextCursor: z.string().nullable() });
export const ListItemsQuery = z.object({
  centerId: Uuid.optional(),
  departmentId: Uuid.optional(),
  status: ItemStatus.optional(),
  /** Items with a draft or a version waiting for review. */
  pending: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  q: z.string().trim().max(50).optional(),
  cursor: Cursor,
  limit: Limit,
});

/** Workbench tree: departments (with their items' counts) of the caller's county. */
export const CatalogTree = z.object({
  departments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      shortName: z.string(),
      kind: z.string(),
      regionName: z.string(),
      total: z.number().int(),
      published: z.number().int(),
      pending: z.number().int(),
    }),
  ),
  centers: z.array(z.object({ id: z.string(), name: z.string(), level: ItemLevel, regionPath: z.string().optional(), total: z.number().int() })),
});

export const VersionInfo = z.object({
  version: z.number().int(),
  status: VersionStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  createdByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedById: z.string().nullable(),
  submittedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewComment: z.string().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
});

export const ItemDetail = ItemSummary.extend({
  basicItemId: z.string(),
  centerLevel: ItemLevel,
  versions: z.array(VersionInfo),
  /** The version an editor works on: the open one, else the published one, else the newest. */
  current: z.object({ version: z.number().int(), status: VersionStatus, content: ItemContent }),
  /** Names and sizes of the blank forms and samples the current version refers to. */
  files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number().int() })),
});

export const CreateItemBody = z.object({
  basicItemId: Uuid,
  centerId: Uuid,
  departmentId: Uuid,
  content: ItemContentInput,
});
export const SaveDraftBody = z.object({
  content: ItemContentInput,
  /** The head's version as last read (optimistic lock). */
  version: Version,
});
export const LifecycleBody = z.object({
  version: Version,
  /** Review comment (退回 needs one) or withdrawal reason. */
  comment: z.string().trim().max(500).optional(),
});
export const VersionParams = z.object({ id: Uuid, version: z.coerce.number().int().min(1) });
export const VersionDetail = VersionInfo.extend({ content: ItemContent });
export const DiffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
export const DiffResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({ path: z.string(), label: z.string(), kind: z.enum(['added', 'removed', 'changed']), before: z.unknown(), after: z.unknown() }),
  ),
});

export const UploadedFile = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int() });

// ---------------------------------------------------------------------------------------------------
// Public (portal) views of published items

export const PublicItemSummary = z.object({
  id: z.string(),
  name: z.string(),
  itemType: ItemTypeCode,
  level: ItemLevel,
  centerId: z.string(),
  centerName: z.string(),
  departmentName: z.string(),
  handlingType: z.enum(keys(HANDLING_TYPES)),
  promisedDays: z.number().int(),
  maxVisits: z.number().int(),
  onlineLevel: z.enum(keys(ONLINE_LEVELS)),
  agentEligible: z.boolean(),
  topics: z.array(z.string()),
  acceptLevels: z.array(ItemLevel),
});
export const PublicItemList = z.object({ items: z.array(PublicItemSummary), nextCursor: z.string().nullable(), total: z.number().int() });

/** Which list to browse for a place: 村级 (what my village room takes in), 乡镇级 or 县级. */
export const BrowseQuery = z.object({
  regionId: Uuid.optional(),
  level: ItemLevel.optional(),
  topic: TopicKey.optional(),
  departmentId: Uuid.optional(),
  audience: z.enum(['person', 'enterprise']).optional(),
  agent: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  cursor: Cursor,
  limit: Limit,
});

export const SearchQuery = z.object({
  q: z.string().trim().min(1, '请输入要查找的事项').max(50, '搜索词不能超过50个字'),
  regionId: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(30),
});
export const SearchHit = PublicItemSummary.extend({ score: z.number(), matched: z.string() });
export const SearchResponse = z.object({
  q: z.string(),
  total: z.number().int(),
  /** Results grouped by level, nearest first (village → township → county). */
  groups: z.array(z.object({ level: ItemLevel, label: z.string(), items: z.array(SearchHit) })),
  /** Official words a synonym stood for (盖房 → 宅基地…), shown as "已为您查找". */
  expansions: z.array(z.string()),
});

const FileRef = z.object({ id: z.string(), name: z.string(), size: z.number().int() }).nullable();

export const Guide = z.object({
  id: z.string(),
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  implementationCode: z.string(),
  basicCode: z.string(),
  level: ItemLevel,
  center: z.object({ id: z.string(), name: z.string(), address: z.string(), hours: z.string(), phone: z.string() }),
  department: z.object({ id: z.string(), name: z.string() }),
  content: ItemContent,
  /** Labels resolved server-side so every client reads the same words. */
  labels: z.object({
    itemType: z.string(),
    handlingType: z.string(),
    processKind: z.string(),
    onlineLevel: z.string(),
    levels: z.string(),
    fees: z.string(),
    visits: z.string(),
    audience: z.string(),
    delegation: z.string().nullable(),
  }),
  jointDepartments: z.array(z.object({ id: z.string(), name: z.string() })),
  materials: z.array(
    Material.extend({
      sourceLabel: z.string(),
      formLabel: z.string(),
      necessityLabel: z.string(),
      blankFile: FileRef,
      sampleFile: FileRef,
    }),
  ),
  steps: z.array(Step.extend({ departmentName: z.string(), levelLabel: z.string() })),
  /** Where one can hand it in, for the reader's place (e.g. 青山村便民服务室, 青山镇便民服务中心). */
  acceptPlaces: z.array(z.object({ centerId: z.string(), name: z.string(), level: ItemLevel, address: z.string(), hours: z.string(), phone: z.string() })),
});
export const GuideQuery = z.object({ regionId: Uuid.optional(), version: z.coerce.number().int().min(1).optional() });

export const PublicRegion = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  level: z.string(),
  code: z.string(),
  /** The region's service center (for its printable list), if it has one. */
  centerId: z.string().nullable(),
});
export const PublicRegions = z.object({ regions: z.array(PublicRegion) });
export const Topics = z.object({
  topics: z.array(z.object({ key: z.string(), name: z.string(), audience: z.string(), count: z.number().int() })),
});
export const PublicDepartments = z.object({ departments: z.array(z.object({ id: z.string(), name: z.string(), shortName: z.string(), count: z.number().int() })) });
export const TopicsQuery = z.object({ regionId: Uuid.optional() });

// ---------------------------------------------------------------------------------------------------
// Import / export

export const ImportQuery = DryRunQuery;
export const ImportReport = z.object({
  dryRun: z.boolean(),
  /** The whole file is valid (no errors). */
  ok: z.boolean(),
  /** True when the changes were saved (valid and not a dry run). */
  saved: z.boolean(),
  /** Every problem: sheet name, Excel row number (0 = the whole sheet or file), column header, message. */
  errors: z.array(ImportErrorRow),
  summary: z.object({
    basicItems: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
    items: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  }),
});
export const ExportQuery = z.object({ centerId: Uuid.optional() });

export type BasicItem = z.infer<typeof BasicItem>;
export type ItemSummary = z.infer<typeof ItemSummary>;
export type PublicItemSummary = z.infer<typeof PublicItemSummary>;

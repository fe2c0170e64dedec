/**
 * Pure rules of the service item catalog (事项清单): the national code tables, code formats, element
 * validation, the version life cycle and the diff between two versions. No I/O here; table-tested in
 * catalog.rules.test.ts.
 */

// ---------------------------------------------------------------------------------------------------
// National code tables (enums kept in one place; labels are what people read)

/** 事项类型 with the national type codes (two digits, used as the first two characters of the basic code). */
export const ITEM_TYPES = {
  '01': '行政许可',
  '05': '行政给付',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
} as const;
export type ItemType = keyof typeof ITEM_TYPES;
export const ITEM_TYPE_CODES = Object.keys(ITEM_TYPES) as ItemType[];
export const itemTypeByLabel = (label: string): ItemType | undefined =>
  ITEM_TYPE_CODES.find((c) => ITEM_TYPES[c] === label.trim());

/** Levels where an item is exercised, accepted, pre-reviewed or decided; same keys as center levels. */
export const ITEM_LEVELS = ['county', 'township', 'village'] as const;
export type ItemLevel = (typeof ITEM_LEVELS)[number];
export const ITEM_LEVEL_LABELS: Record<ItemLevel, string> = { county: '县级', township: '乡镇级', village: '村级' };
export const ITEM_LEVEL_SHORT: Record<ItemLevel, string> = { county: '县', township: '镇', village: '村' };
/** 行使层级 digit in the implementation code (1 国家 2 省 3 市 4 县 5 乡镇 6 村). */
export const LEVEL_DIGITS: Record<ItemLevel, string> = { county: '4', township: '5', village: '6' };
const LEVEL_RANK: Record<ItemLevel, number> = { village: 0, township: 1, county: 2 };

export const DELEGATION_KINDS = { authorize: '授权', entrust: '委托', devolve: '下放' } as const;
export type DelegationKind = keyof typeof DELEGATION_KINDS;

export const HANDLING_TYPES = { instant: '即办件', promised: '承诺件' } as const;
export type HandlingType = keyof typeof HANDLING_TYPES;

export const PROCESS_KINDS = { local: '本级办结', report: '报批件', joint: '联办件', agent: '代理件' } as const;
export type ProcessKind = keyof typeof PROCESS_KINDS;

/** Special procedures (特别程序) pause the time limit while they run. */
export const SPECIAL_PROCEDURES = { hearing: '听证', publicity: '公示', expert: '专家评审', inspection: '现场勘验' } as const;
export type SpecialProcedureKind = keyof typeof SPECIAL_PROCEDURES;

export const ONLINE_LEVELS = { none: '暂不支持网办', consult: '网上咨询', book: '网上预约', apply: '网上申报', full: '全程网办' } as const;
export type OnlineLevel = keyof typeof ONLINE_LEVELS;

export const MATERIAL_SOURCES = { applicant: '申请人自备', government: '政府部门核发', department: '其他部门提供（数据共享）' } as const;
export type MaterialSource = keyof typeof MATERIAL_SOURCES;

export const MATERIAL_FORMS = { original: '原件', copy: '复印件', electronic: '电子材料' } as const;
export type MaterialForm = keyof typeof MATERIAL_FORMS;

export const NECESSITIES = { required: '必要', optional: '非必要', deferrable: '容缺后补' } as const;
export type Necessity = keyof typeof NECESSITIES;

export const AUDIENCES = { person: '个人', enterprise: '法人', both: '个人和法人' } as const;
export type Audience = keyof typeof AUDIENCES;

/** Topics (主题): life events for people, life-cycle stages for enterprises. Keys are used in URLs. */
export const TOPICS = [
  { key: 'birth', name: '生育', audience: 'person' },
  { key: 'education', name: '教育', audience: 'person' },
  { key: 'employment', name: '就业创业', audience: 'person' },
  { key: 'social-security', name: '社会保障', audience: 'person' },
  { key: 'medical', name: '医疗', audience: 'person' },
  { key: 'elderly', name: '养老', audience: 'person' },
  { key: 'disability', name: '残疾人', audience: 'person' },
  { key: 'housing', name: '住房', audience: 'person' },
  { key: 'agriculture', name: '农业农村', audience: 'person' },
  { key: 'marriage', name: '婚姻', audience: 'person' },
  { key: 'after-death', name: '身后事', audience: 'person' },
  { key: 'ent-start', name: '开办', audience: 'enterprise' },
  { key: 'ent-operate', name: '经营', audience: 'enterprise' },
  { key: 'ent-build', name: '建设', audience: 'enterprise' },
  { key: 'ent-close', name: '注销', audience: 'enterprise' },
] as const;
export type TopicKey = (typeof TOPICS)[number]['key'];
export const TOPIC_KEYS = TOPICS.map((t) => t.key) as [TopicKey, ...TopicKey[]];
export const topicName = (key: string): string => TOPICS.find((t) => t.key === key)?.name ?? key;

/** The default process steps (受理 → 审查 → 现场勘验 → 决定 → 送达); an item configures its own. */
export const DEFAULT_STEP_NAMES = ['受理', '审查', '现场勘验', '决定', '送达'] as const;

// ---------------------------------------------------------------------------------------------------
// Version life cycle

export const VERSION_STATUSES = {
  draft: '草稿',
  in_review: '待审核',
  published: '已发布',
  superseded: '已被新版本替代',
  withdrawn: '已撤回',
} as const;
export type VersionStatus = keyof typeof VERSION_STATUSES;

/** What an item shows in lists: its newest version's state (a published item with an open draft shows both). */
export const ITEM_STATUSES = { draft: '草稿', in_review: '待审核', published: '已发布', withdrawn: '已撤回' } as const;
export type ItemStatus = keyof typeof ITEM_STATUSES;

export type LifecycleAction = 'edit' | 'submit' | 'approve' | 'reject' | 'withdraw';

export interface RuleViolation {
  code: string;
  message: string;
}

/**
 * The version state machine. `edit` on a published or withdrawn version means "start a new draft"
 * (handled by the service); on a draft it saves in place. Returns the next status or a violation.
 */
export function transition(status: VersionStatus, action: LifecycleAction): VersionStatus | RuleViolation {
  const table: Record<VersionStatus, Partial<Record<LifecycleAction, VersionStatus>>> = {
    draft: { edit: 'draft', submit: 'in_review' },
    in_review: { approve: 'published', reject: 'draft' },
    published: { withdraw: 'withdrawn' },
    superseded: {},
    withdrawn: {},
  };
  const next = table[status][action];
  if (next) return next;
  const messages: Record<LifecycleAction, string> = {
    edit: '该版本已提交审核，不能修改；请先审核退回',
    submit: '只有草稿可以提交审核',
    approve: '只有待审核的版本可以审核通过',
    reject: '只有待审核的版本可以退回',
    withdraw: '只有已发布的事项可以撤回',
  };
  return { code: 'CATALOG_BAD_STATE', message: `${messages[action]}（当前状态：${VERSION_STATUSES[status]}）` };
}

// ---------------------------------------------------------------------------------------------------
// Codes

/**
 * 基本编码: 12 digits = item type code (2) + main item (4) + sub item (3) + business item (3).
 * The first two digits must be the item type's code.
 */
export function checkBasicCode(code: string, itemType: ItemType): RuleViolation | null {
  if (!/^\d{12}$/.test(code)) return { code: 'CATALOG_BASIC_CODE_FORMAT', message: '基本编码应为12位数字（事项类型2位+主项4位+子项3位+业务项3位）' };
  if (code.slice(0, 2) !== itemType) {
    return { code: 'CATALOG_BASIC_CODE_TYPE', message: `基本编码前两位应为事项类型代码 ${itemType}（${ITEM_TYPES[itemType]}）` };
  }
  if (code.slice(2, 6) === '0000') return { code: 'CATALOG_BASIC_CODE_FORMAT', message: '基本编码的主项编码（第3-6位）不能为0000' };
  return null;
}

/** 实施编码: the department's unified social credit code (18) + level digit (1) + basic code (12) = 31 characters. */
export function implementationCode(creditCode: string, level: ItemLevel, basicCode: string): string {
  return `${creditCode}${LEVEL_DIGITS[level]}${basicCode}`;
}

export function parseImplementationCode(code: string): { creditCode: string; level: ItemLevel; basicCode: string } | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}[456]\d{12}$/.test(code)) return null;
  const digit = code[18];
  const level = (Object.keys(LEVEL_DIGITS) as ItemLevel[]).find((l) => LEVEL_DIGITS[l] === digit)!;
  return { creditCode: code.slice(0, 18), level, basicCode: code.slice(19) };
}

// ---------------------------------------------------------------------------------------------------
// The versioned content of an implementation (实施清单要素). Stored as JSON on each version.

export interface LegalBasis {
  /** Law or document, e.g. 《社会救助暂行办法》. */
  name: string;
  /** Article, e.g. 第十一条; may be empty. */
  article: string;
  /** Article text (条文内容); may be empty. */
  text: string;
}

export interface Material {
  /** Stable key inside the item (survives renames, used by diffs and cases' checklists). */
  key: string;
  name: string;
  source: MaterialSource;
  /** Who issues it (for government / other-department sources), e.g. 公安机关. */
  issuer: string;
  form: MaterialForm;
  copies: number;
  necessity: Necessity;
  /** Working days to supply a 容缺后补 material; null otherwise. */
  deferDays: number | null;
  blankFileId: string | null;
  sampleFileId: string | null;
  /** E-certificate type that can stand in for the paper (电子证照类型), e.g. 居民身份证. */
  certificateType: string | null;
  note: string;
}

export interface Step {
  key: string;
  name: string;
  /** Department doing the step (null: the implementing department). */
  departmentId: string | null;
  level: ItemLevel;
  /** Share of the time limit in working days. */
  days: number;
  /** Runs at the same time as the neighbouring step(s) marked parallel (并联审批). */
  parallel: boolean;
  note: string;
}

export interface SpecialProcedure {
  kind: SpecialProcedureKind;
  /** Working days the procedure takes (the clock pauses for them); 公示 days, for example. */
  days: number;
  note: string;
}

export interface Fee {
  name: string;
  /** Amount in fen (分). */
  amountFen: number;
  basis: string;
}

export interface Faq {
  q: string;
  a: string;
}

export interface ItemContent {
  /** Copied from the basic item when the draft is saved (the version keeps what it was published with). */
  name: string;
  itemType: ItemType;
  legalBasis: LegalBasis[];
  /** Common names villagers use (俗称), e.g. 低保 for 最低生活保障审核确认; searched like the name. */
  aliases: string[];
  topics: TopicKey[];
  audience: Audience;
  /** Where applications are taken in (受理); ordered from the lowest level. */
  acceptLevels: ItemLevel[];
  preReviewLevel: ItemLevel | null;
  decideLevel: ItemLevel;
  delegation: { kind: DelegationKind; document: string } | null;
  handlingType: HandlingType;
  processKind: ProcessKind;
  /** Other departments of a 联办件. */
  jointDepartmentIds: string[];
  legalDays: number | null;
  promisedDays: number;
  specialProcedures: SpecialProcedure[];
  fees: Fee[];
  /** 到现场次数: 0 (不用跑), 1 or 2. */
  maxVisits: 0 | 1 | 2;
  onlineLevel: OnlineLevel;
  place: string;
  hours: string;
  phone: string;
  complaintPhone: string;
  agentEligible: boolean;
  conditions: string[];
  faq: Faq[];
  materials: Material[];
  steps: Step[];
}

export interface ContentContext {
  /** Level of the center the item is implemented at (行使层级). */
  centerLevel: ItemLevel;
  /** Department ids known in the county (for steps and joint departments). */
  knownDepartmentIds: ReadonlySet<string>;
  /** File ids that exist (for blank forms and samples). */
  knownFileIds: ReadonlySet<string>;
}

export interface ElementError {
  /** Dotted path into the content, e.g. `materials.2.deferDays`. */
  path: string;
  code: string;
  message: string;
}

/**
 * Cross-field validation of an item's elements (the zod schema has already checked shapes and ranges).
 * Returns every problem, so a form or an import can show them all at once.
 */
export function validateContent(c: ItemContent, ctx: ContentContext): ElementError[] {
  const errs: ElementError[] = [];
  const add = (path: string, code: string, message: string) => errs.push({ path, code, message });
  const rank = (l: ItemLevel) => LEVEL_RANK[l];

  if (c.handlingType === 'instant' && c.promisedDays !== 0) add('promisedDays', 'CATALOG_INSTANT_DAYS', '即办件的承诺时限应为0（当场办结）');
  if (c.handlingType === 'promised' && c.promisedDays < 1) add('promisedDays', 'CATALOG_PROMISED_DAYS', '承诺件的承诺时限至少为1个工作日');
  if (c.legalDays !== null && c.promisedDays > c.legalDays) add('promisedDays', 'CATALOG_PROMISE_EXCEEDS_LAW', `承诺时限（${c.promisedDays}）不能超过法定时限（${c.legalDays}）个工作日`);

  if (c.acceptLevels.length === 0) add('acceptLevels', 'CATALOG_ACCEPT_LEVEL', '至少选择一个受理层级');
  if (new Set(c.acceptLevels).size !== c.acceptLevels.length) add('acceptLevels', 'CATALOG_ACCEPT_LEVEL', '受理层级不能重复');
  for (const l of c.acceptLevels) {
    if (rank(l) > rank(c.decideLevel)) add('acceptLevels', 'CATALOG_LEVEL_ORDER', `受理层级（${ITEM_LEVEL_LABELS[l]}）不能高于决定层级（${ITEM_LEVEL_LABELS[c.decideLevel]}）`);
  }
  if (rank(c.decideLevel) !== rank(ctx.centerLevel) && c.delegation === null && c.processKind !== 'report') {
    // An item decided above the center where it is listed must be a 报批件; decided below needs a delegation.
    if (rank(c.decideLevel) > rank(ctx.centerLevel)) add('processKind', 'CATALOG_REPORT_REQUIRED', '决定层级高于实施层级时，办件类型应为报批件');
    else add('delegation', 'CATALOG_DELEGATION_REQUIRED', '决定层级低于实施层级时，须填写授权/委托/下放及其文件');
  }
  if (c.preReviewLevel !== null) {
    if (rank(c.preReviewLevel) >= rank(c.decideLevel)) add('preReviewLevel', 'CATALOG_LEVEL_ORDER', '初审层级应低于决定层级');
    const lowestAccept = Math.min(...c.acceptLevels.map(rank));
    if (c.acceptLevels.length && rank(c.preReviewLevel) < lowestAccept) add('preReviewLevel', 'CATALOG_LEVEL_ORDER', '初审层级不能低于受理层级');
  }
  if (c.delegation && !c.delegation.document.trim()) add('delegation.document', 'CATALOG_DELEGATION_DOC', '请填写授权/委托/下放的文件名称和文号');

  if (c.processKind === 'joint' && c.jointDepartmentIds.length === 0) add('jointDepartmentIds', 'CATALOG_JOINT_DEPTS', '联办件至少选择一个联办部门');
  c.jointDepartmentIds.forEach((id, i) => {
    if (!ctx.knownDepartmentIds.has(id)) add(`jointDepartmentIds.${i}`, 'CATALOG_UNKNOWN_DEPARTMENT', '联办部门不存在');
  });
  if (c.processKind === 'agent' && !c.agentEligible) add('agentEligible', 'CATALOG_AGENT_FLAG', '代理件应允许村代办员代办');
  if (c.onlineLevel === 'full' && c.maxVisits !== 0) add('maxVisits', 'CATALOG_VISITS', '全程网办事项的到现场次数应为0');
  if (c.maxVisits === 0 && c.onlineLevel !== 'full' && !c.agentEligible) add('maxVisits', 'CATALOG_VISITS', '到现场次数为0的事项应支持全程网办或村代办');

  if (c.legalBasis.length === 0) add('legalBasis', 'CATALOG_LEGAL_BASIS', '至少填写一条设定依据');
  const procKinds = c.specialProcedures.map((p) => p.kind);
  if (new Set(procKinds).size !== procKinds.length) add('specialProcedures', 'CATALOG_DUPLICATE', '同一特别程序只能填写一次');
  c.specialProcedures.forEach((p, i) => {
    if (p.kind === 'publicity' && p.days < 1) add(`specialProcedures.${i}.days`, 'CATALOG_PUBLICITY_DAYS', '公示须填写公示天数');
  });
  c.fees.forEach((f, i) => {
    if (!f.basis.trim()) add(`fees.${i}.basis`, 'CATALOG_FEE_BASIS', '收费须填写收费依据');
  });

  const materialKeys = new Set<string>();
  c.materials.forEach((m, i) => {
    const p = `materials.${i}`;
    if (materialKeys.has(m.key)) add(`${p}.key`, 'CATALOG_DUPLICATE', '材料标识重复');
    materialKeys.add(m.key);
    if (m.necessity === 'deferrable' && (m.deferDays === null || m.deferDays < 1)) add(`${p}.deferDays`, 'CATALOG_DEFER_DAYS', `「${m.name}」为容缺后补材料，须填写补交期限（工作日）`);
    if (m.necessity !== 'deferrable' && m.deferDays !== null) add(`${p}.deferDays`, 'CATALOG_DEFER_DAYS', `「${m.name}」不是容缺后补材料，不应填写补交期限`);
    if (m.form === 'electronic' && m.copies !== 0 && m.copies !== 1) add(`${p}.copies`, 'CATALOG_COPIES', '电子材料的份数应为0或1');
    if (m.form !== 'electronic' && m.copies < 1) add(`${p}.copies`, 'CATALOG_COPIES', `「${m.name}」为纸质材料，份数至少为1`);
    if (m.source !== 'applicant' && !m.issuer.trim()) add(`${p}.issuer`, 'CATALOG_ISSUER', `「${m.name}」由部门核发或提供，须填写出具部门`);
    for (const f of ['blankFileId', 'sampleFileId'] as const) {
      const id = m[f];
      if (id && !ctx.knownFileIds.has(id)) add(`${p}.${f}`, 'CATALOG_UNKNOWN_FILE', '附件不存在或已删除，请重新上传');
    }
  });
  const names = c.materials.map((m) => m.name.trim());
  if (new Set(names).size !== names.length) add('materials', 'CATALOG_DUPLICATE', '材料名称不能重复');

  if (c.steps.length === 0) add('steps', 'CATALOG_STEPS', '至少配置一个办理环节');
  const stepKeys = new Set<string>();
  c.steps.forEach((s, i) => {
    if (stepKeys.has(s.key)) add(`steps.${i}.key`, 'CATALOG_DUPLICATE', '环节标识重复');
    stepKeys.add(s.key);
    if (s.departmentId && !ctx.knownDepartmentIds.has(s.departmentId)) add(`steps.${i}.departmentId`, 'CATALOG_UNKNOWN_DEPARTMENT', `环节「${s.name}」的承办部门不存在`);
    if (rank(s.level) > rank(c.decideLevel)) add(`steps.${i}.level`, 'CATALOG_LEVEL_ORDER', `环节「${s.name}」的层级不能高于决定层级`);
  });
  if (c.steps.length && c.handlingType === 'promised') {
    const total = stepDays(c.steps);
    if (total > c.promisedDays) add('steps', 'CATALOG_STEP_DAYS', `各环节时限合计 ${total} 个工作日，超过承诺时限 ${c.promisedDays} 个工作日`);
  }
  if (c.steps.length === 1 && c.steps[0].parallel) add('steps.0.parallel', 'CATALOG_PARALLEL', '并联环节至少需要两个');
  return errs;
}

/**
 * Working days the steps take end to end: consecutive parallel steps run at once and count as their
 * longest member; the rest add up.
 */
export function stepDays(steps: readonly Pick<Step, 'days' | 'parallel'>[]): number {
  let total = 0;
  let groupMax = 0;
  for (const s of steps) {
    if (s.parallel) groupMax = Math.max(groupMax, s.days);
    else {
      total += groupMax + s.days;
      groupMax = 0;
    }
  }
  return total + groupMax;
}

/** How the levels read in a guide: 村受理 → 镇初审 → 县决定. */
export function describeLevels(c: Pick<ItemContent, 'acceptLevels' | 'preReviewLevel' | 'decideLevel'>): string {
  const parts = [`${c.acceptLevels.map((l) => ITEM_LEVEL_SHORT[l]).join('、')}受理`];
  if (c.preReviewLevel) parts.push(`${ITEM_LEVEL_SHORT[c.preReviewLevel]}初审`);
  parts.push(`${ITEM_LEVEL_SHORT[c.decideLevel]}决定`);
  return parts.join(' → ');
}

export const visitsLabel = (n: number): string => (n === 0 ? '不用跑' : `最多跑 ${n} 次`);

export function feesLabel(fees: readonly Fee[]): string {
  if (fees.length === 0) return '不收费';
  return fees.map((f) => `${f.name} ${(f.amountFen / 100).toFixed(2)} 元`).join('；');
}

// ---------------------------------------------------------------------------------------------------
// Version diff

export interface DiffEntry {
  /** Dotted path; materials and steps are keyed by their stable key, e.g. `materials[m1].copies`. */
  path: string;
  /** Chinese label of the element. */
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

export const ELEMENT_LABELS: Record<string, string> = {
  name: '事项名称',
  itemType: '事项类型',
  legalBasis: '设定依据',
  aliases: '俗称',
  topics: '主题',
  audience: '服务对象',
  acceptLevels: '受理层级',
  preReviewLevel: '初审层级',
  decideLevel: '决定层级',
  delegation: '授权/委托/下放',
  handlingType: '办件类型',
  processKind: '办理类型',
  jointDepartmentIds: '联办部门',
  legalDays: '法定时限',
  promisedDays: '承诺时限',
  specialProcedures: '特别程序',
  fees: '收费',
  maxVisits: '到现场次数',
  onlineLevel: '网办深度',
  place: '办理地点',
  hours: '办理时间',
  phone: '咨询电话',
  complaintPhone: '投诉电话',
  agentEligible: '村代办',
  conditions: '受理条件',
  faq: '常见问题',
  materials: '申请材料',
  steps: '办理流程',
  // material and step fields
  source: '来源',
  issuer: '出具部门',
  form: '形式',
  copies: '份数',
  necessity: '必要性',
  deferDays: '补交期限',
  blankFileId: '空白表格',
  sampleFileId: '示例样表',
  certificateType: '可替代的电子证照',
  note: '备注',
  departmentId: '承办部门',
  level: '层级',
  days: '环节时限',
  parallel: '并联',
};

/** Equal as data: key order does not matter (jsonb hands objects back with its own key order). */
const same = (a: unknown, b: unknown): boolean => canonicalContent(a) === canonicalContent(b);

function diffKeyed<T extends { key: string; name: string }>(field: 'materials' | 'steps', a: readonly T[], b: readonly T[], out: DiffEntry[]): void {
  const before = new Map(a.map((x) => [x.key, x]));
  const after = new Map(b.map((x) => [x.key, x]));
  const groupLabel = ELEMENT_LABELS[field];
  for (const [key, x] of before) {
    if (!after.has(key)) out.push({ path: `${field}[${key}]`, label: `${groupLabel}「${x.name}」`, kind: 'removed', before: x, after: null });
  }
  for (const [key, y] of after) {
    const x = before.get(key);
    if (!x) {
      out.push({ path: `${field}[${key}]`, label: `${groupLabel}「${y.name}」`, kind: 'added', before: null, after: y });
      continue;
    }
    for (const f of Object.keys({ ...x, ...y }) as (keyof T & string)[]) {
      if (f === 'key' || same(x[f], y[f])) continue;
      out.push({ path: `${field}[${key}].${f}`, label: `${groupLabel}「${y.name}」${ELEMENT_LABELS[f] ?? f}`, kind: 'changed', before: x[f], after: y[f] });
    }
  }
  const orderA = a.map((x) => x.key).filter((k) => after.has(k));
  const orderB = b.map((x) => x.key).filter((k) => before.has(k));
  if (!same(orderA, orderB)) out.push({ path: `${field}.order`, label: `${groupLabel}顺序`, kind: 'changed', before: orderA, after: orderB });
}

/** Element-by-element differences from version `a` to version `b`. */
export function diffContent(a: ItemContent, b: ItemContent): DiffEntry[] {
  const out: DiffEntry[] = [];
  for (const f of Object.keys({ ...a, ...b }) as (keyof ItemContent)[]) {
    if (f === 'materials' || f === 'steps') continue;
    if (same(a[f], b[f])) continue;
    out.push({ path: f, label: ELEMENT_LABELS[f] ?? f, kind: 'changed', before: a[f] ?? null, after: b[f] ?? null });
  }
  diffKeyed('materials', a.materials, b.materials, out);
  diffKeyed('steps', a.steps, b.steps, out);
  return out;
}

/** Canonical JSON (sorted keys) of a content document, for hashing and no-op detection. */
export function canonicalContent(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalContent).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalContent(v)}`).join(',')}}`;
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth-context.js';
import { sm3 } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Forbidden, NotFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { can, mayAttempt, requireAbility } from '../../platform/policy.js';
import { loadWorkbook, readSheets, SheetErrors, writeWorkbook, type Column, type GuideRow, type ParsedRow, type SheetDef } from '../../platform/xlsx.js';
import { departmentsOfCounty, getCenter, getRegion, type DepartmentWithRegion } from '../org/org.repo.js';
import { centers, regions } from '../org/org.tables.js';
import { CreateBasicItemBody, ItemContentInput, type ImportReport } from './catalog.contract.js';
import * as repo from './catalog.repo.js';
import {
  AUDIENCES,
  canonicalContent,
  checkBasicCode,
  DELEGATION_KINDS,
  HANDLING_TYPES,
  implementationCode,
  ITEM_LEVEL_LABELS,
  ITEM_TYPES,
  MATERIAL_FORMS,
  MATERIAL_SOURCES,
  NECESSITIES,
  ONLINE_LEVELS,
  PROCESS_KINDS,
  SPECIAL_PROCEDURES,
  TOPICS,
  type Faq,
  type Fee,
  type ItemContent,
  type ItemLevel,
  type ItemType,
  type LegalBasis,
  type Material,
  type SpecialProcedure,
  type Step,
  type TopicKey,
} from './catalog.rules.js';
import { catalogBasicItems, catalogItems, catalogItemVersions } from './catalog.tables.js';
import { composeContent, contentErrors, createItemTx, saveDraftTx, type CatalogCtx } from './catalog.service.js';

/**
 * Excel import and export of the service item catalog (one workbook: 基本目录 / 实施清单 / 申请材料 /
 * 办理流程, plus a 说明 sheet in the template and exports). Enumerations are written as their Chinese
 * labels. Import validates every row and column — codes, labels, days, departments, centers, the
 * importer's scope, then each item's cross-field rules (`validateContent`) mapped back to the cells —
 * and saves nothing unless the whole file is valid. Then one transaction creates or updates basic
 * items, creates implementations (`createItemTx`, version 1 draft) or saves their elements
 * (`saveDraftTx`: in place on an open draft, as a new draft version on a published item), and writes
 * one `catalog.imported` audit row. Rows are matched to what exists (basic item by code,
 * implementation by center + basic code, material and step by key), so re-importing changes nothing.
 * Export writes the same format with each item's newest version (open draft, else published, else latest).
 */

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;

type ReportBody = z.infer<typeof ImportReport>;
type Change = 'created' | 'updated' | 'unchanged';

// ---------------------------------------------------------------------------------------------------
// Workbook layout (shared by template, export and import)

const labels = (o: Record<string, string>) => Object.values(o).join('、');
const LEVEL_CHOICES = labels(ITEM_LEVEL_LABELS);
const TOPIC_CHOICES = TOPICS.map((t) => t.name).join('、');

const CENTER: Column = { key: 'center', header: '实施机构', required: true, width: 24, note: '服务中心名称，如 青山镇便民服务中心、青山村便民服务室；须在您的管辖范围内' };
const BASIC_CODE: Column = { key: 'basicCode', header: '基本编码', required: true, text: true, width: 16, note: '12位基本编码；须在“基本目录”表中或系统基本目录中已有' };
const SEQ = (what: string): Column => ({ key: 'seq', header: '序号', required: true, width: 6, note: `同一事项内${what}的顺序，正整数，不能重复` });

export const SHEETS: Record<'basics' | 'items' | 'materials' | 'steps', SheetDef> = {
  basics: {
    name: '基本目录',
    columns: [
      { key: 'code', header: '基本编码', required: true, text: true, width: 16, note: '12位数字：事项类型代码2位+主项4位+子项3位+业务项3位，前两位须为事项类型代码。本县唯一；已存在的编码表示更新该事项' },
      { key: 'name', header: '事项名称', required: true, width: 30, note: '不超过100个字' },
      { key: 'itemType', header: '事项类型', required: true, width: 12, note: `${Object.entries(ITEM_TYPES).map(([c, l]) => `${l}（${c}）`).join('、')}之一` },
      { key: 'department', header: '主管部门', required: true, width: 26, note: '本县部门的全称或简称，如 示范县民政局 或 民政' },
      {
        key: 'legalBasis',
        header: '设定依据',
        required: true,
        multiline: true,
        width: 60,
        note: '每条依据一行：《法规名称》第X条：条文内容（条款、条文可不填）。条文有多段时，续行以空格或全角空格开头',
      },
    ],
  },
  items: {
    name: '实施清单',
    columns: [
      CENTER,
      BASIC_CODE,
      { key: 'department', header: '实施部门', required: true, width: 26, note: '实施该事项的部门或站所全称（如 青山镇社会事务办公室），也可填不重复的简称；须有统一社会信用代码。已有事项不能改实施部门' },
      { key: 'aliases', header: '俗称', width: 14, note: '群众的常用叫法，多个用“、”分隔，如 低保' },
      { key: 'topics', header: '主题', width: 14, note: `多个用“、”分隔，最多5个：${TOPIC_CHOICES}` },
      { key: 'audience', header: '服务对象', required: true, width: 10, note: labels(AUDIENCES) },
      { key: 'acceptLevels', header: '受理层级', required: true, width: 14, note: `${LEVEL_CHOICES}中的一个或多个，用“、”分隔，如 村级、乡镇级` },
      { key: 'preReviewLevel', header: '初审层级', width: 10, note: `${LEVEL_CHOICES}之一；没有初审不填` },
      { key: 'decideLevel', header: '决定层级', required: true, width: 10, note: `${LEVEL_CHOICES}之一` },
      { key: 'delegationKind', header: '下放方式', width: 10, note: `${labels(DELEGATION_KINDS)}之一；不涉及不填` },
      { key: 'delegationDocument', header: '下放文件', width: 24, note: '填写下放方式时必填：文件名称和文号' },
      { key: 'handlingType', header: '办件类型', required: true, width: 10, note: labels(HANDLING_TYPES) },
      { key: 'processKind', header: '办理类型', required: true, width: 10, note: labels(PROCESS_KINDS) },
      { key: 'jointDepartments', header: '联办部门', width: 20, note: '联办件填写：部门全称或简称，多个用“、”分隔' },
      { key: 'legalDays', header: '法定时限', width: 8, note: '工作日，0-365的整数；无法定时限不填' },
      { key: 'promisedDays', header: '承诺时限', required: true, width: 8, note: '工作日，0-365的整数；即办件填0' },
      {
        key: 'specialProcedures',
        header: '特别程序',
        multiline: true,
        width: 22,
        note: `每行一项：类型:天数:说明，如 公示:7:在村公示栏；类型为${labels(SPECIAL_PROCEDURES)}，天数不计入办理时限`,
      },
      { key: 'fees', header: '收费', multiline: true, width: 24, note: '不收费（或不填），或每行一项：收费项目:金额元:收费依据，如 工本费:10元:《…》第X条' },
      { key: 'maxVisits', header: '到现场次数', required: true, width: 8, note: '0、1 或 2' },
      { key: 'onlineLevel', header: '网办深度', required: true, width: 12, note: labels(ONLINE_LEVELS) },
      { key: 'place', header: '办理地点', required: true, width: 24, note: '不超过200个字' },
      { key: 'hours', header: '办理时间', required: true, width: 24, note: '不超过200个字' },
      { key: 'phone', header: '咨询电话', required: true, text: true, width: 14, note: '不超过30个字' },
      { key: 'complaintPhone', header: '投诉电话', required: true, text: true, width: 14, note: '不超过30个字，如 12345' },
      { key: 'agentEligible', header: '可代办', required: true, width: 8, note: '是 或 否：村代办员可否代办' },
      { key: 'conditions', header: '受理条件', multiline: true, width: 40, note: '每行一条；一条有多段时，续行以空格或全角空格开头' },
      { key: 'faq', header: '常见问题', multiline: true, width: 40, note: '每个问题以“问：”开头另起一行，其后“答：”写解答，如 问：……答：……' },
      { key: 'code', header: '实施编码', text: true, width: 34, note: '只读：导出时给出（部门统一社会信用代码+层级+基本编码），导入时不使用' },
    ],
  },
  materials: {
    name: '申请材料',
    columns: [
      CENTER,
      BASIC_CODE,
      SEQ('材料'),
      { key: 'key', header: '材料标识', width: 10, note: '可不填：新材料自动编为 m1、m2…；已有材料按名称匹配沿用原标识。标识不变，材料的空白表格和示例样表（在工作台上传）保留' },
      { key: 'name', header: '材料名称', required: true, width: 28, note: '同一事项内不能重复' },
      { key: 'source', header: '来源', required: true, width: 14, note: labels(MATERIAL_SOURCES) },
      { key: 'issuer', header: '出具部门', width: 14, note: '政府部门核发或其他部门提供的材料必填，如 公安机关' },
      { key: 'form', header: '形式', required: true, width: 10, note: labels(MATERIAL_FORMS) },
      { key: 'copies', header: '份数', required: true, width: 6, note: '0-20的整数；纸质材料至少1份，电子材料0或1' },
      { key: 'necessity', header: '必要性', required: true, width: 10, note: labels(NECESSITIES) },
      { key: 'deferDays', header: '补交期限', width: 8, note: '容缺后补材料必填：补交的工作日数（1-90）；其他材料不填' },
      { key: 'certificateType', header: '可替代电子证照', width: 14, note: '可替代纸质材料的电子证照类型，如 居民身份证；没有不填' },
      { key: 'note', header: '备注', width: 24, note: '不超过500个字' },
    ],
  },
  steps: {
    name: '办理流程',
    columns: [
      CENTER,
      BASIC_CODE,
      SEQ('环节'),
      { key: 'key', header: '环节标识', width: 10, note: '可不填：已有环节按名称匹配沿用原标识，新环节自动编为 s1、s2…' },
      { key: 'name', header: '环节名称', required: true, width: 12, note: '如 受理、审查、现场勘验、决定、送达' },
      { key: 'department', header: '承办部门', width: 24, note: '部门全称或简称；不填为实施部门' },
      { key: 'level', header: '层级', required: true, width: 10, note: `${LEVEL_CHOICES}之一，不能高于决定层级` },
      { key: 'days', header: '时限', required: true, width: 6, note: '工作日，0-365的整数；各环节合计不能超过承诺时限（并联环节按最长的计）' },
      { key: 'parallel', header: '并联', width: 6, note: '是 或 否（不填为否）：与相邻的并联环节同时进行' },
      { key: 'note', header: '说明', width: 30, note: '不超过500个字' },
    ],
  },
};

type SheetKey = keyof typeof SHEETS;
const SHEET_KEYS: SheetKey[] = ['basics', 'items', 'materials', 'steps'];

const GUIDE = [
  '1. 本模板有“基本目录”“实施清单”“申请材料”“办理流程”四张表，可只填其中几张；第一行为表头，请勿修改表头文字；带 * 的列必填。',
  '2. 各表第2行是示例，请删除或改为实际数据后再导入。基本编码、电话等列请保持“文本”格式（以0开头的编码不能存成数字）。',
  '3. 导入先整体校验：任何一行有错误，都不会保存任何数据，并列出每个错误所在的表、行、列。',
  '4. 匹配规则：基本目录按基本编码，实施清单按 实施机构+基本编码，材料和环节按标识（未填标识按名称）。已存在的更新，不存在的新建；同一文件重复导入不会产生任何变化。导入不删除事项。',
  '5. 填写了“申请材料”表时，它就是“实施清单”表中各事项（以及它自己列出的事项）的完整材料清单；没有这张表时材料不变。“办理流程”表同理。',
  '6. 导入的事项生成草稿：新事项为第1版草稿；已发布事项生成新的草稿版本，审核通过后才替换发布版本；待审核的事项不能通过导入修改。',
  '7. 乡镇（街道）的事项管理员只能导入本辖区服务中心的事项，不能新建或修改基本目录（可以引用已有的基本目录事项）。',
  '8. 导出文件与本模板格式相同，每个事项导出其最新版本（有草稿时为草稿，否则为发布版本），修改后可直接导入。',
];

const GUIDE_ENUMS: GuideRow[] = [
  { sheet: '取值', column: '事项类型', note: labels(ITEM_TYPES) },
  { sheet: '取值', column: '层级', note: LEVEL_CHOICES },
  { sheet: '取值', column: '主题', note: TOPIC_CHOICES },
  { sheet: '取值', column: '服务对象', note: labels(AUDIENCES) },
  { sheet: '取值', column: '下放方式', note: labels(DELEGATION_KINDS) },
  { sheet: '取值', column: '办件类型', note: labels(HANDLING_TYPES) },
  { sheet: '取值', column: '办理类型', note: labels(PROCESS_KINDS) },
  { sheet: '取值', column: '特别程序', note: labels(SPECIAL_PROCEDURES) },
  { sheet: '取值', column: '网办深度', note: labels(ONLINE_LEVELS) },
  { sheet: '取值', column: '材料来源', note: labels(MATERIAL_SOURCES) },
  { sheet: '取值', column: '材料形式', note: labels(MATERIAL_FORMS) },
  { sheet: '取值', column: '必要性', note: labels(NECESSITIES) },
];

const EXAMPLES: Record<SheetKey, string[][]> = {
  basics: [['209901001000', '示例：农村留守老人关爱登记', '公共服务', '民政', '《示例县农村留守老人关爱服务办法》第五条：村（居）民委员会应当对本村留守老人进行登记。']],
  items: [
    [
      '青山镇便民服务中心',
      '209901001000',
      '青山镇社会事务办公室',
      '留守老人登记',
      '养老',
      '个人',
      '村级、乡镇级',
      '',
      '乡镇级',
      '',
      '',
      '承诺件',
      '本级办结',
      '',
      '10',
      '5',
      '公示:3:在村务公开栏公示',
      '不收费',
      '1',
      '网上申报',
      '青山镇便民服务中心社会事务窗口',
      '周一至周五 8:30-12:00，14:30-17:30',
      '0399-86010001',
      '12345',
      '是',
      '本镇户籍、子女长期在外的60周岁以上老人',
      '问：子女在县城工作算留守老人吗？\n答：子女在本县以外长期务工的才算。',
      '',
    ],
  ],
  materials: [
    ['青山镇便民服务中心', '209901001000', '1', '', '留守老人登记表', '申请人自备', '', '原件', '1', '必要', '', '', ''],
    ['青山镇便民服务中心', '209901001000', '2', '', '居民身份证', '政府部门核发', '公安机关', '原件', '1', '容缺后补', '5', '居民身份证', '核验后退还'],
  ],
  steps: [
    ['青山镇便民服务中心', '209901001000', '1', '', '受理', '', '村级', '1', '否', '村代办员受理并转报'],
    ['青山镇便民服务中心', '209901001000', '2', '', '审查', '', '乡镇级', '3', '否', ''],
    ['青山镇便民服务中心', '209901001000', '3', '', '决定', '', '乡镇级', '1', '否', ''],
  ],
};

const writeCatalogWorkbook = (data: Record<SheetKey, string[][]>): Promise<Buffer> =>
  writeWorkbook(
    SHEET_KEYS.map((k) => ({ def: SHEETS[k], rows: data[k] })),
    { general: GUIDE, extra: GUIDE_ENUMS },
  );

export function buildTemplate(): Promise<Buffer> {
  return writeCatalogWorkbook(EXAMPLES);
}

// ---------------------------------------------------------------------------------------------------
// Cell formats: lists, multi-line entries, legal bases, procedures, fees, FAQ (written and read back)

const LIST_SEP = /[、,，;；\n]+/;
const splitList = (s: string): string[] =>
  s
    .split(LIST_SEP)
    .map((x) => x.trim())
    .filter(Boolean);

/** Continuation lines of a multi-line entry are indented, so that one cell can hold several entries. */
const INDENT = '\u3000\u3000';
const joinEntries = (entries: readonly string[]): string => entries.map((e) => e.split('\n').join(`\n${INDENT}`)).join('\n');
function splitEntries(cell: string): string[] {
  const out: string[] = [];
  for (const line of cell.split(/\r?\n/)) {
    if (/^[ \t\u3000]/.test(line) && out.length) out[out.length - 1] += `\n${line.startsWith(INDENT) ? line.slice(INDENT.length) : line.replace(/^[ \t\u3000]+/, '')}`;
    else if (line.trim()) out.push(line.trim());
  }
  return out;
}

/** Split at the first `n - 1` colons (full-width or ASCII). */
function splitColons(s: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const m = /[：:]/.exec(rest);
    if (!m) break;
    out.push(rest.slice(0, m.index).trim());
    rest = rest.slice(m.index + 1);
  }
  out.push(rest.trim());
  return out;
}

const ARTICLE_RE = /第[〇零一二三四五六七八九十百千两\d]+[条章节款项编部]/;
/** Explicit name｜article separator, written only when the natural form would not read back the same. */
const ARTICLE_SEP = '｜';
/** `《名称》（文号）第X条：条文` → name, article (from the first 第…条/章/节… after the title), text. */
function parseBasis(entry: string): LegalBasis {
  const [head, text = ''] = splitColons(entry, 2);
  if (head.includes(ARTICLE_SEP)) {
    const i = head.indexOf(ARTICLE_SEP);
    return { name: head.slice(0, i).trim(), article: head.slice(i + 1).trim(), text };
  }
  const titleEnd = head.lastIndexOf('》') + 1;
  const m = ARTICLE_RE.exec(head.slice(titleEnd));
  const at = m ? titleEnd + m.index : -1;
  return at > 0 ? { name: head.slice(0, at).trim(), article: head.slice(at).trim(), text } : { name: head, article: '', text };
}
function formatBasis(b: LegalBasis): string {
  const tail = b.text ? `：${b.text}` : '';
  const natural = `${b.name}${b.article}${tail}`;
  const back = parseBasis(natural);
  return back.name === b.name && back.article === b.article && back.text === b.text ? natural : `${b.name}${ARTICLE_SEP}${b.article}${tail}`;
}

const yuan = (fen: number): string => `${Number((fen / 100).toFixed(2))}元`;
const formatFee = (f: Fee): string => `${f.name}:${yuan(f.amountFen)}:${f.basis}`;
const formatProcedure = (p: SpecialProcedure): string => [SPECIAL_PROCEDURES[p.kind], String(p.days), ...(p.note ? [p.note] : [])].join(':');
const formatFaq = (faq: readonly Faq[]): string => faq.map((f) => `问：${f.q}\n答：${f.a}`).join('\n');

// ---------------------------------------------------------------------------------------------------
// Export

/** Current version of items: the open one (draft or in review), else the published one, else the newest. */
async function currentVersions(tx: Executor, itemIds: string[]) {
  const out = [];
  for (let i = 0; i < itemIds.length; i += 1000) {
    const chunk = itemIds.slice(i, i + 1000);
    out.push(
      ...(await tx
        .select({ itemId: catalogItemVersions.itemId, version: catalogItemVersions.version, status: catalogItemVersions.status, content: catalogItemVersions.content, contentHash: catalogItemVersions.contentHash })
        .from(catalogItemVersions)
        .innerJoin(
          catalogItems,
          and(
            eq(catalogItems.id, catalogItemVersions.itemId),
            eq(catalogItemVersions.version, sql`coalesce(${catalogItems.openVersion}, ${catalogItems.publishedVersion}, ${catalogItems.latestVersion})`),
          ),
        )
        .where(inArray(catalogItemVersions.itemId, chunk))),
    );
  }
  return new Map(out.map((v) => [v.itemId, v]));
}

const LEVEL_ORDER: Record<string, number> = { county: 0, township: 1, village: 2 };
const byZh = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');

function itemRow(c: ItemContent, head: { centerName: string; basicCode: string; departmentName: string; code: string }, deptName: (id: string) => string): string[] {
  return [
    head.centerName,
    head.basicCode,
    head.departmentName,
    c.aliases.join('、'),
    c.topics.map((t) => TOPICS.find((x) => x.key === t)?.name ?? t).join('、'),
    AUDIENCES[c.audience],
    c.acceptLevels.map((l) => ITEM_LEVEL_LABELS[l]).join('、'),
    c.preReviewLevel ? ITEM_LEVEL_LABELS[c.preReviewLevel] : '',
    ITEM_LEVEL_LABELS[c.decideLevel],
    c.delegation ? DELEGATION_KINDS[c.delegation.kind] : '',
    c.delegation?.document ?? '',
    HANDLING_TYPES[c.handlingType],
    PROCESS_KINDS[c.processKind],
    c.jointDepartmentIds.map(deptName).join('、'),
    c.legalDays === null ? '' : String(c.legalDays),
    String(c.promisedDays),
    joinEntries(c.specialProcedures.map(formatProcedure)),
    c.fees.length ? joinEntries(c.fees.map(formatFee)) : '不收费',
    String(c.maxVisits),
    ONLINE_LEVELS[c.onlineLevel],
    c.place,
    c.hours,
    c.phone,
    c.complaintPhone,
    c.agentEligible ? '是' : '否',
    joinEntries(c.conditions),
    formatFaq(c.faq),
    head.code,
  ];
}

/**
 * The catalog in the caller's export scope (or one center of it) in the import format. Basic items: those
 * the exported items implement, plus — for a whole-catalog export by someone who may export the basic
 * catalog — every basic item of the county.
 */
export async function buildExport(deps: Deps, ctx: CatalogCtx, centerId?: string): Promise<{ buffer: Buffer; name: string }> {
  const scope = requireAbility(ctx.actor, 'export', 'catalog_item');
  let centerName: string | null = null;
  const data: Record<SheetKey, string[][]> = { basics: [], items: [], materials: [], steps: [] };
  await deps.db.transaction(async (tx) => {
    if (centerId) {
      const c = await getCenter(tx, centerId);
      if (!c || !can(ctx.actor, 'export', 'catalog_item', { regionPath: c.regionPath, centerId })) throw new NotFound('服务中心不存在');
      centerName = c.center.name;
    }
    const items = (await repo.allItemsInScope(tx, scope, centerId)).sort(
      (a, b) => LEVEL_ORDER[a.centerLevel] - LEVEL_ORDER[b.centerLevel] || byZh(a.centerName, b.centerName) || a.basicCode.localeCompare(b.basicCode),
    );
    const versions = await currentVersions(
      tx,
      items.map((v) => v.item.id),
    );
    const countyIds = [...new Set(items.map((v) => v.item.countyId).concat(ctx.actor.grants.map((g) => g.countyId).filter((c): c is string => !!c)))];
    const deptNames = new Map<string, string>();
    const basics = new Map<string, repo.BasicItemRow>();
    for (const countyId of countyIds) {
      for (const d of await departmentsOfCounty(tx, countyId)) deptNames.set(d.department.id, d.department.name);
      const county = await getRegion(tx, countyId);
      const wholeCounty = !centerId && !!county && can(ctx.actor, 'export', 'catalog_basic_item', { regionPath: county.path });
      const used = new Set(items.filter((v) => v.item.countyId === countyId).map((v) => v.item.basicItemId));
      const rows = await tx.select().from(catalogBasicItems).where(eq(catalogBasicItems.countyId, countyId));
      for (const b of rows) if (wholeCounty || used.has(b.id)) basics.set(b.id, b);
    }
    const deptName = (id: string) => deptNames.get(id) ?? id;
    data.basics = [...basics.values()]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((b) => [b.code, b.name, ITEM_TYPES[b.itemType as ItemType] ?? b.itemType, deptName(b.departmentId), joinEntries(b.legalBasis.map(formatBasis))]);
    for (const v of items) {
      const c = versions.get(v.item.id)?.content;
      if (!c) continue;
      const key = [v.centerName, v.basicCode];
      data.items.push(itemRow(c, { centerName: v.centerName, basicCode: v.basicCode, departmentName: v.departmentName, code: v.item.implementationCode }, deptName));
      c.materials.forEach((m, i) =>
        data.materials.push([
          ...key,
          String(i + 1),
          m.key,
          m.name,
          MATERIAL_SOURCES[m.source],
          m.issuer,
          MATERIAL_FORMS[m.form],
          String(m.copies),
          NECESSITIES[m.necessity],
          m.deferDays === null ? '' : String(m.deferDays),
          m.certificateType ?? '',
          m.note,
        ]),
      );
      c.steps.forEach((s, i) =>
        data.steps.push([...key, String(i + 1), s.key, s.name, s.departmentId ? deptName(s.departmentId) : '', ITEM_LEVEL_LABELS[s.level], String(s.days), s.parallel ? '是' : '否', s.note]),
      );
    }
    await writeAudit(tx, ctx.actor, ctx.meta, {
      action: 'catalog.exported',
      objectType: centerId ? 'center' : 'catalog',
      objectId: centerId,
      details: { centerId: centerId ?? null, basicItems: data.basics.length, items: data.items.length, materials: data.materials.length, steps: data.steps.length },
    });
  });
  const date = new Date().toISOString().slice(0, 10);
  return { buffer: await writeCatalogWorkbook(data), name: `${centerName ?? '事项清单'}导出-${date}.xlsx` };
}

// ---------------------------------------------------------------------------------------------------
// Reading cells

/** Per-row cell reader: each problem is reported on its column and marks the row bad. */
class Cells {
  bad = false;
  constructor(
    readonly r: ParsedRow,
    private readonly report: (column: string, message: string) => void,
  ) {}

  get(col: string): string {
    return this.r.values[col] ?? '';
  }

  fail(col: string, message: string): undefined {
    this.bad = true;
    this.report(col, message);
    return undefined;
  }

  required(col: string, label: string): string {
    const v = this.get(col);
    if (!v) this.fail(col, `${label}不能为空`);
    return v;
  }

  /** Integer (an optional 天 / 个工作日 suffix is allowed). null = empty and allowed; undefined = an error was reported. */
  int(col: string, label: string, opts: { required?: boolean; min?: number; max: number }): number | null | undefined {
    const v = this.get(col);
    if (!v) return opts.required ? this.fail(col, `${label}不能为空`) : null;
    const m = /^(-?\d+(?:\.\d+)?)\s*(?:个?工作日|天|日|次|份)?$/.exec(v);
    if (!m) return this.fail(col, `${label}应为整数，现为“${v}”`);
    const n = Number(m[1]);
    if (n < 0) return this.fail(col, `${label}不能为负数`);
    if (!Number.isInteger(n)) return this.fail(col, `${label}应为整数`);
    if (n < (opts.min ?? 0)) return this.fail(col, `${label}不能小于${opts.min}`);
    if (n > opts.max) return this.fail(col, `${label}不能超过${opts.max}`);
    return n;
  }

  /** A label of an enumeration (the English key and, for item types, the code are accepted too). */
  choice<K extends string>(col: string, label: string, table: Record<K, string>, opts: { required?: boolean; aliases?: Record<string, K> } = {}): K | null | undefined {
    const v = this.get(col);
    if (!v) return opts.required ? this.fail(col, `${label}不能为空`) : null;
    const k = parseChoice(v, table, opts.aliases);
    return k ?? this.fail(col, `${label}“${v}”不正确，应为 ${labels(table)} 之一`);
  }

  level(col: string, label: string, required: boolean): ItemLevel | null | undefined {
    return this.choice(col, label, ITEM_LEVEL_LABELS, { required, aliases: LEVEL_ALIASES });
  }

  yesNo(col: string, label: string, required: boolean): boolean | undefined {
    const v = this.get(col);
    if (!v) return required ? this.fail(col, `${label}不能为空（填 是 或 否）`) : false;
    if (['是', 'true', 'TRUE', 'Y', 'y'].includes(v)) return true;
    if (['否', 'false', 'FALSE', 'N', 'n'].includes(v)) return false;
    return this.fail(col, `${label}应为“是”或“否”`);
  }
}

const LEVEL_ALIASES: Record<string, ItemLevel> = { 县: 'county', 县级: 'county', 乡镇: 'township', 镇: 'township', 乡: 'township', 街道: 'township', 村: 'village', 社区: 'village' };
const SOURCE_ALIASES: Record<string, keyof typeof MATERIAL_SOURCES> = { 自备: 'applicant', 申请人: 'applicant', 核发: 'government', 部门核发: 'government', 其他部门提供: 'department', 数据共享: 'department' };

function parseChoice<K extends string>(text: string, table: Record<K, string>, aliases?: Record<string, K>): K | undefined {
  const v = text.trim();
  const keys = Object.keys(table) as K[];
  return keys.find((k) => table[k] === v) ?? aliases?.[v] ?? keys.find((k) => k === v);
}

// ---------------------------------------------------------------------------------------------------
// Reference data of the county: departments and centers, looked up by name

class Departments {
  constructor(private readonly list: DepartmentWithRegion[]) {}

  /**
   * By full name, else by short name. Several matches: the one nearest above `regionPath` (a township
   * station for a village room), else ambiguous. Returns the department or an error message.
   */
  find(text: string, regionPath: string): DepartmentWithRegion | string {
    const pick = (ms: DepartmentWithRegion[]) => {
      if (ms.length <= 1) return ms;
      const above = ms.filter((d) => regionPath.startsWith(d.regionPath));
      const deepest = Math.max(...above.map((d) => d.regionPath.length));
      return above.length ? above.filter((d) => d.regionPath.length === deepest) : ms;
    };
    let ms = pick(this.list.filter((d) => d.department.name === text));
    if (ms.length === 0) ms = pick(this.list.filter((d) => d.department.shortName === text));
    if (ms.length === 0) return `本县没有名为“${text}”的部门（站所）`;
    if (ms.length > 1) return `“${text}”对应多个部门，请填写全称`;
    return ms[0];
  }
}

interface CenterInfo {
  id: string;
  name: string;
  level: ItemLevel;
  active: boolean;
  regionPath: string;
}

// ---------------------------------------------------------------------------------------------------
// Validation: a plan or a list of errors

interface BasicValues {
  id: string;
  code: string;
  name: string;
  itemType: ItemType;
  legalBasis: LegalBasis[];
  departmentId: string;
  active: boolean;
}

interface BasicPlan {
  row: number;
  values: BasicValues;
  existing?: repo.BasicItemRow;
  change: Change;
}

interface ExistingItem {
  item: repo.ItemRow;
  current: { version: number; status: string; content: ItemContent; contentHash: string };
}

type ItemFields = Omit<ItemContentInput, 'materials' | 'steps'>;

interface ElementRow<T> {
  row: number;
  seq: number;
  key: string;
  value: T;
}

interface ItemPlan {
  key: string;
  center: CenterInfo;
  basicCode: string;
  /** 实施清单 row, when the file has one for this item. */
  row?: number;
  rowBad: boolean;
  fields?: ItemFields;
  department?: DepartmentWithRegion;
  existing?: ExistingItem;
  materialRows: ElementRow<Omit<Material, 'key' | 'blankFileId' | 'sampleFileId'>>[];
  materialRowsBad: boolean;
  stepRows: ElementRow<Omit<Step, 'key'>>[];
  stepRowsBad: boolean;
  /** Whether the file decides the item's materials / steps (else the current ones are kept). */
  fileMaterials: boolean;
  fileSteps: boolean;
  input?: ItemContentInput;
  code?: string;
  change?: Change;
}

interface Plan {
  countyId: string;
  basics: BasicPlan[];
  items: ItemPlan[];
}

class Collector extends SheetErrors<SheetKey> {
  constructor() {
    super(SHEETS);
  }
}

const counts = (list: { change?: Change }[]) => ({
  created: list.filter((x) => x.change === 'created').length,
  updated: list.filter((x) => x.change === 'updated').length,
  unchanged: list.filter((x) => x.change === 'unchanged').length,
});

/** The one county an importer works in (basic items and departments are per county). */
function importCounty(actor: Actor): string {
  const counties = [...new Set(actor.grants.map((g) => g.countyId).filter((c): c is string => !!c))];
  if (counties.length === 0) throw new Forbidden();
  if (counties.length > 1) throw new BusinessRule('CATALOG_IMPORT_COUNTY', '您在多个县有权限，暂不支持一次导入多个县的事项');
  return counties[0];
}

async function loadCenters(tx: Executor, countyId: string): Promise<CenterInfo[]> {
  const rows = await tx
    .select({ id: centers.id, name: centers.name, level: centers.level, active: centers.active, regionPath: regions.path })
    .from(centers)
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(eq(centers.countyId, countyId));
  return rows.map((r) => ({ ...r, level: r.level as ItemLevel }));
}

async function existingItems(tx: Executor, centerIds: string[]): Promise<Map<string, ExistingItem>> {
  if (centerIds.length === 0) return new Map();
  const items = await tx.select().from(catalogItems).where(inArray(catalogItems.centerId, centerIds));
  const versions = await currentVersions(
    tx,
    items.map((i) => i.id),
  );
  return new Map(items.map((item) => [`${item.centerId}|${item.basicItemId}`, { item, current: versions.get(item.id)! }]));
}

/** Where an element path of an item (`materials.2.deferDays`, `promisedDays`…) lives in the workbook. */
const ITEM_COLUMN: Record<string, string> = {
  delegation: 'delegationKind',
  'delegation.kind': 'delegationKind',
  'delegation.document': 'delegationDocument',
  jointDepartmentIds: 'jointDepartments',
};
const STEP_COLUMN: Record<string, string> = { departmentId: 'department' };

async function validate(tx: Executor, actor: Actor, sheets: Partial<Record<SheetKey, ParsedRow[]>>, err: Collector): Promise<Plan> {
  const countyId = importCounty(actor);
  const county = await getRegion(tx, countyId);
  const countyPath = county?.path ?? '';
  const mayEditBasics = can(actor, 'import', 'catalog_basic_item', { regionPath: countyPath });
  const plan: Plan = { countyId, basics: [], items: [] };
  const basicRows = sheets.basics ?? [];
  const itemRows = sheets.items ?? [];
  const materialRows = sheets.materials ?? [];
  const stepRows = sheets.steps ?? [];

  const depts = new Departments(await departmentsOfCounty(tx, countyId));
  const allCenters = await loadCenters(tx, countyId);
  const codes = new Set<string>();
  for (const r of basicRows) if (r.values.code) codes.add(r.values.code);
  for (const r of [...itemRows, ...materialRows, ...stepRows]) if (r.values.basicCode) codes.add(r.values.basicCode);
  const dbBasics = new Map((await repo.basicItemsByCodes(tx, countyId, [...codes].filter((c) => /^\d{12}$/.test(c)))).map((b) => [b.code, b]));

  // --- 基本目录 -------------------------------------------------------------------------------------
  /** Basic code → the file's row for it: its values when valid, null when the row has errors. */
  const fileBasics = new Map<string, BasicValues | null>();
  const seenCodes = new Map<string, number>();
  for (const r of basicRows) {
    const c = new Cells(r, (col, msg) => err.add('basics', r.row, col, msg));
    const code = c.required('code', '基本编码');
    if (code && !/^\d{12}$/.test(code)) c.fail('code', /^\d{11}$/.test(code) && `0${code[0]}` in ITEM_TYPES ? '基本编码应为12位数字（开头的0丢失了：请把该列设为文本格式后重新填写）' : '基本编码应为12位数字');
    else if (code && seenCodes.has(code)) c.fail('code', `基本编码与第 ${seenCodes.get(code)} 行重复`);
    if (code && !seenCodes.has(code)) seenCodes.set(code, r.row);
    const name = c.required('name', '事项名称');
    const itemType = c.choice('itemType', '事项类型', ITEM_TYPES, { required: true });
    if (itemType && /^\d{12}$/.test(code)) {
      const v = checkBasicCode(code, itemType);
      if (v) c.fail('code', v.message);
    }
    const existing = dbBasics.get(code);
    let departmentId: string | undefined;
    const deptText = c.required('department', '主管部门');
    if (deptText) {
      const d = depts.find(deptText, countyPath);
      if (typeof d === 'string') c.fail('department', d);
      else if (!d.department.active && d.department.id !== existing?.departmentId) c.fail('department', `部门“${d.department.name}”已停用`);
      else departmentId = d.department.id;
    }
    let legalBasis = splitEntries(c.get('legalBasis')).map(parseBasis);
    if (legalBasis.length === 0) c.fail('legalBasis', '至少填写一条设定依据');
    legalBasis.forEach((b, i) => {
      if (!b.name) c.fail('legalBasis', `第 ${i + 1} 条设定依据缺少法规名称`);
    });
    if (!c.bad) {
      const parsed = CreateBasicItemBody.safeParse({ code, name, itemType, legalBasis, departmentId });
      if (!parsed.success) for (const issue of parsed.error.issues) c.fail(String(issue.path[0] ?? 'code'), issue.message);
      else legalBasis = parsed.data.legalBasis;
    }
    if (code && !fileBasics.has(code)) fileBasics.set(code, null);
    if (c.bad) continue;
    const values: BasicValues = { id: existing?.id ?? newId(), code, name: name.trim(), itemType: itemType!, legalBasis, departmentId: departmentId!, active: existing?.active ?? true };
    const same =
      existing &&
      existing.name === values.name &&
      existing.itemType === values.itemType &&
      existing.departmentId === values.departmentId &&
      canonicalContent(existing.legalBasis) === canonicalContent(values.legalBasis);
    const change: Change = !existing ? 'created' : same ? 'unchanged' : 'updated';
    if (change !== 'unchanged' && !mayEditBasics) {
      c.fail('code', existing ? '您不能修改基本目录事项（由县级事项管理员维护）；请删除此行或使其与现有内容一致' : '您不能新建基本目录事项（由县级事项管理员维护）');
      continue;
    }
    fileBasics.set(code, values);
    plan.basics.push({ row: r.row, values, existing, change });
  }
  /** The basic item an implementation row refers to: from the file, else the database. */
  const basicOf = (code: string): BasicValues | null | undefined => {
    if (fileBasics.has(code)) return fileBasics.get(code);
    const b = dbBasics.get(code);
    return b ? { id: b.id, code: b.code, name: b.name, itemType: b.itemType as ItemType, legalBasis: b.legalBasis, departmentId: b.departmentId, active: b.active } : undefined;
  };

  // --- Items: which center + basic code each row of the three item sheets belongs to ----------------
  const centersByName = new Map<string, CenterInfo[]>();
  for (const c of allCenters) centersByName.set(c.name, [...(centersByName.get(c.name) ?? []), c]);
  const resolveCenter = (c: Cells): CenterInfo | undefined => {
    const name = c.required('center', '实施机构');
    if (!name) return undefined;
    const ms = centersByName.get(name) ?? [];
    if (ms.length === 0) return c.fail('center', `本县没有名为“${name}”的服务中心`);
    if (ms.length > 1) return c.fail('center', `“${name}”对应多个服务中心`);
    if (!can(actor, 'import', 'catalog_item', { regionPath: ms[0].regionPath, centerId: ms[0].id })) return c.fail('center', `“${name}”不在您的管辖范围内`);
    return ms[0];
  };
  const basicCodeOf = (c: Cells): string | undefined => {
    const code = c.required('basicCode', '基本编码');
    if (!code) return undefined;
    if (!/^\d{12}$/.test(code)) return c.fail('basicCode', '基本编码应为12位数字');
    if (basicOf(code) === undefined) return c.fail('basicCode', `基本编码 ${code} 在基本目录中不存在（本文件“基本目录”表中也没有）`);
    return code;
  };
  const mentioned = new Map<string, { center: CenterInfo; basicCode: string }>();
  const rowKeys = new Map<ParsedRow, string | null>();
  const cellsOf = new Map<ParsedRow, Cells>();
  for (const [sheet, rows] of [
    ['items', itemRows],
    ['materials', materialRows],
    ['steps', stepRows],
  ] as const) {
    for (const r of rows) {
      const c = new Cells(r, (col, msg) => err.add(sheet, r.row, col, msg));
      cellsOf.set(r, c);
      const center = resolveCenter(c);
      const code = basicCodeOf(c);
      const key = center && code ? `${center.id}|${code}` : null;
      rowKeys.set(r, key);
      if (key && !mentioned.has(key)) mentioned.set(key, { center: center!, basicCode: code! });
    }
  }
  const existingByPair = await existingItems(tx, [...new Set([...mentioned.values()].map((m) => m.center.id))]);
  const items = new Map<string, ItemPlan>();
  for (const [key, m] of mentioned) {
    const basicId = basicOf(m.basicCode)?.id ?? dbBasics.get(m.basicCode)?.id;
    const existing = basicId ? existingByPair.get(`${m.center.id}|${basicId}`) : undefined;
    items.set(key, {
      key,
      center: m.center,
      basicCode: m.basicCode,
      rowBad: false,
      existing,
      materialRows: [],
      materialRowsBad: false,
      stepRows: [],
      stepRowsBad: false,
      fileMaterials: false,
      fileSteps: false,
    });
  }

  // --- 实施清单 -------------------------------------------------------------------------------------
  for (const r of itemRows) {
    const c = cellsOf.get(r)!;
    const p = rowItem(rowKeys.get(r), items);
    if (p?.row !== undefined) c.fail('basicCode', `与第 ${p.row} 行重复（同一服务中心的同一事项只能有一行）`);
    const fields = parseItemFields(c, depts, p?.center.regionPath ?? countyPath);
    let department: DepartmentWithRegion | undefined;
    const deptText = c.required('department', '实施部门');
    if (deptText) {
      const d = depts.find(deptText, p?.center.regionPath ?? countyPath);
      if (typeof d === 'string') c.fail('department', d);
      else department = d;
    }
    if (!p || p.row !== undefined) continue;
    p.row = r.row;
    p.rowBad = c.bad;
    const basic = basicOf(p.basicCode);
    if (p.existing) {
      if (department && department.department.id !== p.existing.item.departmentId) c.fail('department', '已有事项不能通过导入变更实施部门（实施编码由实施部门生成）');
    } else {
      if (!p.center.active) c.fail('center', `服务中心“${p.center.name}”已停用，不能新增事项`);
      if (basic && !basic.active) c.fail('basicCode', '该基本目录事项已停用，不能新增实施清单');
      if (department && !department.department.active) c.fail('department', `部门“${department.department.name}”已停用`);
      else if (department && !department.department.creditCode) c.fail('department', `“${department.department.name}”没有统一社会信用代码，无法生成实施编码；请先在组织机构中补充`);
    }
    p.rowBad = c.bad;
    p.fields = fields;
    p.department = department;
  }

  // --- 申请材料 and 办理流程 -------------------------------------------------------------------------
  for (const r of materialRows) {
    const c = cellsOf.get(r)!;
    const p = rowItem(rowKeys.get(r), items);
    const seq = c.int('seq', '序号', { required: true, min: 1, max: 1000 });
    const key = explicitKey(c);
    const name = c.required('name', '材料名称');
    const source = c.choice('source', '来源', MATERIAL_SOURCES, { required: true, aliases: SOURCE_ALIASES });
    const form = c.choice('form', '形式', MATERIAL_FORMS, { required: true });
    const copies = c.int('copies', '份数', { required: true, max: 20 });
    const necessity = c.choice('necessity', '必要性', NECESSITIES, { required: true });
    const deferDays = c.int('deferDays', '补交期限', { max: 90 });
    if (!p) continue;
    if (c.bad) {
      p.materialRowsBad = true;
      continue;
    }
    p.materialRows.push({
      row: r.row,
      seq: seq!,
      key,
      value: { name, source: source!, issuer: c.get('issuer'), form: form!, copies: copies!, necessity: necessity!, deferDays: deferDays ?? null, certificateType: c.get('certificateType') || null, note: c.get('note') },
    });
  }
  for (const r of stepRows) {
    const c = cellsOf.get(r)!;
    const p = rowItem(rowKeys.get(r), items);
    const seq = c.int('seq', '序号', { required: true, min: 1, max: 1000 });
    const key = explicitKey(c);
    const name = c.required('name', '环节名称');
    let departmentId: string | null = null;
    const deptText = c.get('department');
    if (deptText) {
      const d = depts.find(deptText, p?.center.regionPath ?? countyPath);
      if (typeof d === 'string') c.fail('department', d);
      else departmentId = d.department.id;
    }
    const level = c.level('level', '层级', true);
    const days = c.int('days', '时限', { required: true, max: 365 });
    const parallel = c.yesNo('parallel', '并联', false);
    if (!p) continue;
    if (c.bad) {
      p.stepRowsBad = true;
      continue;
    }
    p.stepRows.push({ row: r.row, seq: seq!, key, value: { name, departmentId, level: level!, days: days!, parallel: parallel!, note: c.get('note') } });
  }

  // --- Each item: assemble, check the elements, compare with the current version ----------------------
  const basicRowOf = new Map(plan.basics.map((b) => [b.values.code, b.row]));
  for (const p of items.values()) {
    const basic = basicOf(p.basicCode);
    const anchor = p.row !== undefined ? { sheet: 'items' as const, row: p.row } : p.materialRows[0] ? { sheet: 'materials' as const, row: p.materialRows[0].row } : { sheet: 'steps' as const, row: p.stepRows[0]?.row ?? 0 };
    if (p.row === undefined && !p.existing) {
      for (const m of p.materialRows) err.add('materials', m.row, 'basicCode', '没有对应的实施清单事项：请在“实施清单”表中填写该事项，或先在系统中创建');
      for (const s of p.stepRows) err.add('steps', s.row, 'basicCode', '没有对应的实施清单事项：请在“实施清单”表中填写该事项，或先在系统中创建');
      continue;
    }
    const current = p.existing?.current.content;
    p.fileMaterials = sheets.materials !== undefined && (p.row !== undefined || p.materialRows.length > 0 || p.materialRowsBad);
    p.fileSteps = sheets.steps !== undefined && (p.row !== undefined || p.stepRows.length > 0 || p.stepRowsBad);
    const materials = p.fileMaterials ? assembleMaterials(p, current?.materials ?? [], err) : (current?.materials ?? []);
    const steps = p.fileSteps ? assembleSteps(p, current?.steps ?? [], err) : (current?.steps ?? []);
    if (p.rowBad || !basic) continue;
    const base = p.fields ?? (current ? fieldsOf(current) : undefined);
    if (!base) continue;
    const parsed = ItemContentInput.safeParse({ ...base, materials, steps });
    const locate = (path: readonly PropertyKey[], message: string) => reportElement(err, p, anchor, basic, basicRowOf.get(p.basicCode), path, message);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) locate(issue.path, issue.message);
      continue;
    }
    const content = composeContent(basic, parsed.data);
    const level = p.center.level;
    for (const e of await contentErrors(tx, countyId, level, content)) {
      const path = e.path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
      // A rule on the whole list is unreliable when some of its rows could not be read.
      if (path.length === 1 && ((path[0] === 'materials' && p.materialRowsBad) || (path[0] === 'steps' && p.stepRowsBad))) continue;
      locate(path, e.message);
    }
    if (p.materialRowsBad || p.stepRowsBad) continue;
    p.input = parsed.data;
    if (!p.existing) {
      p.change = 'created';
      p.code = p.department?.department.creditCode ? implementationCode(p.department.department.creditCode, level, p.basicCode) : undefined;
      continue;
    }
    p.code = p.existing.item.implementationCode;
    const same = sm3(canonicalContent(content)) === p.existing.current.contentHash;
    p.change = same ? 'unchanged' : 'updated';
    if (!same && p.existing.current.status === 'in_review') {
      err.add(anchor.sheet, anchor.row, 'basicCode', '该事项有待审核的版本，审核通过或退回后才能通过导入修改');
    }
  }
  plan.items = [...items.values()].filter((p) => p.change);
  return plan;
}

function rowItem(key: string | null | undefined, items: Map<string, ItemPlan>): ItemPlan | undefined {
  return key ? items.get(key) : undefined;
}

function explicitKey(c: Cells): string {
  const k = c.get('key');
  if (k && !/^[A-Za-z0-9_-]{1,40}$/.test(k)) c.fail('key', '标识应为1-40位字母、数字、-或_');
  return k;
}

function parseItemFields(c: Cells, depts: Departments, regionPath: string): ItemFields | undefined {
  const topics: TopicKey[] = [];
  for (const t of splitList(c.get('topics'))) {
    const k = TOPICS.find((x) => x.name === t || x.key === t)?.key;
    if (k) topics.push(k);
    else c.fail('topics', `主题“${t}”不正确，可选：${TOPIC_CHOICES}`);
  }
  const audience = c.choice('audience', '服务对象', AUDIENCES, { required: true });
  const acceptLevels: ItemLevel[] = [];
  const acceptText = c.required('acceptLevels', '受理层级');
  for (const t of splitList(acceptText)) {
    const l = parseChoice(t, ITEM_LEVEL_LABELS, LEVEL_ALIASES);
    if (l) acceptLevels.push(l);
    else c.fail('acceptLevels', `受理层级“${t}”不正确，应为 ${LEVEL_CHOICES} 中的一个或多个`);
  }
  const preReviewLevel = c.level('preReviewLevel', '初审层级', false);
  const decideLevel = c.level('decideLevel', '决定层级', true);
  const delegationKind = c.choice('delegationKind', '下放方式', DELEGATION_KINDS);
  const document = c.get('delegationDocument');
  if (delegationKind && !document) c.fail('delegationDocument', '填写了下放方式，须填写下放文件（文件名称和文号）');
  if (delegationKind === null && document) c.fail('delegationKind', '填写了下放文件，须同时填写下放方式（授权、委托或下放）');
  const handlingType = c.choice('handlingType', '办件类型', HANDLING_TYPES, { required: true });
  const processKind = c.choice('processKind', '办理类型', PROCESS_KINDS, { required: true });
  const jointDepartmentIds: string[] = [];
  for (const t of splitList(c.get('jointDepartments'))) {
    const d = depts.find(t, regionPath);
    if (typeof d === 'string') c.fail('jointDepartments', d);
    else jointDepartmentIds.push(d.department.id);
  }
  const legalDays = c.int('legalDays', '法定时限', { max: 365 });
  const promisedDays = c.int('promisedDays', '承诺时限', { required: true, max: 365 });
  const specialProcedures: SpecialProcedure[] = [];
  for (const entry of splitEntries(c.get('specialProcedures'))) {
    const [kindText, daysText = '', note = ''] = splitColons(entry, 3);
    const kind = parseChoice(kindText, SPECIAL_PROCEDURES);
    const days = /^\d+$/.test(daysText) ? Number(daysText) : NaN;
    if (!kind) c.fail('specialProcedures', `特别程序“${kindText}”不正确，应为 ${labels(SPECIAL_PROCEDURES)} 之一（格式 类型:天数:说明）`);
    else if (!Number.isInteger(days)) c.fail('specialProcedures', `特别程序“${kindText}”的天数应为整数（格式 类型:天数:说明，如 公示:7:在村公示栏）`);
    else specialProcedures.push({ kind, days, note });
  }
  const fees: Fee[] = [];
  const feeText = c.get('fees');
  if (feeText !== '不收费') {
    for (const entry of splitEntries(feeText)) {
      const [name, amountText = '', basis = ''] = splitColons(entry, 3);
      const m = /^(\d+(?:\.\d{1,2})?)\s*元?$/.exec(amountText);
      if (!m) c.fail('fees', `收费“${name}”的金额应为数字（元，最多两位小数），格式 收费项目:金额元:收费依据`);
      else fees.push({ name, amountFen: Math.round(Number(m[1]) * 100), basis });
    }
  }
  const maxVisits = c.int('maxVisits', '到现场次数', { required: true, max: 2 });
  const onlineLevel = c.choice('onlineLevel', '网办深度', ONLINE_LEVELS, { required: true });
  const place = c.required('place', '办理地点');
  const hours = c.required('hours', '办理时间');
  const phone = c.required('phone', '咨询电话');
  const complaintPhone = c.required('complaintPhone', '投诉电话');
  const agentEligible = c.yesNo('agentEligible', '可代办', true);
  const faq = parseFaq(c);
  if (c.bad) return undefined;
  return {
    aliases: splitList(c.get('aliases')),
    topics,
    audience: audience!,
    acceptLevels,
    preReviewLevel: preReviewLevel ?? null,
    decideLevel: decideLevel!,
    delegation: delegationKind ? { kind: delegationKind, document } : null,
    handlingType: handlingType!,
    processKind: processKind!,
    jointDepartmentIds,
    legalDays: legalDays ?? null,
    promisedDays: promisedDays!,
    specialProcedures,
    fees,
    maxVisits: maxVisits as 0 | 1 | 2,
    onlineLevel: onlineLevel!,
    place,
    hours,
    phone,
    complaintPhone,
    agentEligible: agentEligible!,
    conditions: splitEntries(c.get('conditions')),
    faq: faq ?? [],
  };
}

/** 问：…答：… pairs; a question starts on a line beginning with 问：, its answer after the first 答：. */
function parseFaq(c: Cells): Faq[] | undefined {
  const text = c.get('faq');
  if (!text) return [];
  const blocks: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*问[：:]/.test(line)) blocks.push(line.replace(/^\s*问[：:]/, ''));
    else if (blocks.length) blocks[blocks.length - 1] += `\n${line}`;
    else if (line.trim()) return c.fail('faq', '常见问题应以“问：”开头，每个问题的解答以“答：”开头');
  }
  const out: Faq[] = [];
  for (const b of blocks) {
    const m = /答[：:]/.exec(b);
    if (!m) return c.fail('faq', `问题“${b.trim().slice(0, 20)}”缺少“答：”`);
    out.push({ q: b.slice(0, m.index).trim(), a: b.slice(m.index + 2).trim() });
  }
  return out;
}

/** The editable elements of a stored content (for items the file changes only materials or steps of). */
function fieldsOf(c: ItemContent): ItemFields {
  const { name: _n, itemType: _t, legalBasis: _l, materials: _m, steps: _s, ...fields } = c;
  return fields;
}

/**
 * Keys: the given one; else the key of the current element with the same name (the k-th of that name
 * for the k-th row); else the first free `m1`, `m2`… (`s1`… for steps) from the row's 序号. Duplicate
 * 序号 and keys are errors.
 */
function assignKeys<T extends { name: string }>(
  rows: ElementRow<T>[],
  current: readonly { key: string; name: string }[],
  prefix: string,
  report: (row: number, col: string, msg: string) => void,
): ElementRow<T>[] {
  const sorted = [...rows].sort((a, b) => a.seq - b.seq || a.row - b.row);
  const seqs = new Map<number, number>();
  const used = new Map<string, number>();
  for (const r of sorted) {
    if (seqs.has(r.seq)) report(r.row, 'seq', `序号与第 ${seqs.get(r.seq)} 行重复`);
    else seqs.set(r.seq, r.row);
    if (!r.key) continue;
    if (used.has(r.key)) report(r.row, 'key', `标识与第 ${used.get(r.key)} 行重复`);
    else used.set(r.key, r.row);
  }
  const byName = new Map<string, string[]>();
  for (const e of current) if (!used.has(e.key)) byName.set(e.name, [...(byName.get(e.name) ?? []), e.key]);
  for (const r of sorted) {
    if (r.key) continue;
    const fromName = byName.get(r.value.name)?.shift();
    if (fromName && !used.has(fromName)) r.key = fromName;
    else {
      let n = r.seq;
      while (used.has(`${prefix}${n}`)) n++;
      r.key = `${prefix}${n}`;
    }
    used.set(r.key, r.row);
  }
  return sorted;
}

function assembleMaterials(p: ItemPlan, current: readonly Material[], err: Collector): Material[] {
  const rows = assignKeys(p.materialRows, current, 'm', (row, col, msg) => {
    p.materialRowsBad = true;
    err.add('materials', row, col, msg);
  });
  p.materialRows = rows;
  const byKey = new Map(current.map((m) => [m.key, m]));
  return rows.map((r) => {
    const old = byKey.get(r.key);
    // Blank forms and samples are uploads of the workbench: a material keeps its own.
    const certificateType = r.value.certificateType === null && old?.certificateType === '' ? '' : r.value.certificateType;
    return { key: r.key, ...r.value, certificateType, blankFileId: old?.blankFileId ?? null, sampleFileId: old?.sampleFileId ?? null };
  });
}

function assembleSteps(p: ItemPlan, current: readonly Step[], err: Collector): Step[] {
  const rows = assignKeys(p.stepRows, current, 's', (row, col, msg) => {
    p.stepRowsBad = true;
    err.add('steps', row, col, msg);
  });
  p.stepRows = rows;
  return rows.map((r) => ({ key: r.key, ...r.value }));
}

/** Report an element error (zod issue or `validateContent`) on the cell it belongs to. */
function reportElement(
  err: Collector,
  p: ItemPlan,
  anchor: { sheet: SheetKey; row: number },
  basic: BasicValues,
  basicRow: number | undefined,
  path: readonly PropertyKey[],
  message: string,
): void {
  const [head, index, field] = path;
  if (head === 'materials' || head === 'steps') {
    const rows = head === 'materials' ? p.materialRows : p.stepRows;
    const fromFile = head === 'materials' ? p.fileMaterials : p.fileSteps;
    const label = head === 'materials' ? '申请材料' : '办理流程';
    if (typeof index === 'number' && fromFile && rows[index]) {
      const f = String(field ?? 'name');
      const col = head === 'steps' ? (STEP_COLUMN[f] ?? f) : f === 'blankFileId' || f === 'sampleFileId' ? 'key' : f;
      err.add(head, rows[index].row, col, message);
    } else {
      err.add(anchor.sheet, anchor.row, anchor.sheet === 'items' ? '' : 'basicCode', `${label}：${message}`);
    }
    return;
  }
  const f = String(head ?? '');
  if (f === 'name' || f === 'itemType' || f === 'legalBasis') {
    if (basicRow !== undefined) err.add('basics', basicRow, f, message);
    else err.add(anchor.sheet, anchor.row, 'basicCode', `基本目录事项“${basic.name}”：${message}`);
    return;
  }
  const col = ITEM_COLUMN[path.slice(0, 2).join('.')] ?? ITEM_COLUMN[f] ?? f;
  if (anchor.sheet === 'items') err.add('items', anchor.row, col, message);
  else err.add(anchor.sheet, anchor.row, 'basicCode', `${SHEETS.items.columns.find((c) => c.key === col)?.header ?? col}：${message}`);
}

// ---------------------------------------------------------------------------------------------------
// Saving a valid plan

async function apply(tx: Executor, ctx: CatalogCtx, plan: Plan): Promise<void> {
  for (const b of plan.basics) {
    const { id, code, name, itemType, legalBasis, departmentId } = b.values;
    if (b.change === 'created') await repo.insertBasicItem(tx, { id, countyId: plan.countyId, code, name, itemType, legalBasis, departmentId });
    else if (b.change === 'updated') await repo.updateBasicItem(tx, id, b.existing!.version, { name, itemType, legalBasis, departmentId });
  }
  const basicIds = new Map(plan.basics.map((b) => [b.values.code, b.values.id]));
  for (const p of plan.items) {
    if (p.change === 'created') {
      const basicId = basicIds.get(p.basicCode) ?? (await repo.basicItemsByCodes(tx, plan.countyId, [p.basicCode]))[0].id;
      await createItemTx(tx, ctx, basicId, p.center.id, p.department!.department.id, p.input!);
    } else if (p.change === 'updated') {
      const v = await repo.getItem(tx, p.existing!.item.id, true);
      await saveDraftTx(tx, ctx, v!, p.input!);
    }
  }
}

export interface ImportOptions {
  dryRun: boolean;
  fileName: string;
}

/** Validate (and unless dry run, save) an uploaded workbook. Invalid and not a dry run → 422 with the report. */
export async function importWorkbook(deps: Deps, ctx: CatalogCtx, buffer: Buffer, opts: ImportOptions): Promise<ReportBody> {
  if (!mayAttempt(ctx.actor, 'import', 'catalog_item')) throw new Forbidden();
  const err = new Collector();
  const sheets = readSheets(await loadWorkbook(buffer), SHEETS, err.list, IMPORT_MAX_ROWS);
  if (SHEET_KEYS.every((k) => sheets[k] === undefined) && err.list.length === 0) {
    err.list.push({ sheet: '', row: 0, column: '', message: '文件中没有“基本目录”“实施清单”“申请材料”或“办理流程”工作表' });
  }
  let report: ReportBody | null = null;
  await deps.db.transaction(async (tx) => {
    const plan = await validate(tx, ctx.actor, sheets, err);
    const ok = err.list.length === 0;
    const summary = { basicItems: counts(plan.basics), items: counts(plan.items) };
    report = { dryRun: opts.dryRun, ok, saved: false, errors: err.capped(), summary };
    if (!ok || opts.dryRun) return;
    await apply(tx, ctx, plan);
    report.saved = true;
    const basicCodes = (change: Change) => plan.basics.filter((b) => b.change === change).map((b) => b.values.code);
    const itemCodes = (change: Change) => plan.items.filter((p) => p.change === change).map((p) => p.code ?? `${p.center.name}/${p.basicCode}`);
    await writeAudit(tx, ctx.actor, ctx.meta, {
      action: 'catalog.imported',
      objectType: 'catalog_import',
      objectId: sm3(buffer).slice(0, 32),
      countyId: plan.countyId,
      details: {
        fileName: opts.fileName.slice(0, 200),
        fileSm3: sm3(buffer),
        summary,
        // Codes only (no personal data lives in the catalog); long lists are cut in the audit row.
        created: { basicItems: basicCodes('created').slice(0, 500), items: itemCodes('created').slice(0, 500) },
        updated: { basicItems: basicCodes('updated').slice(0, 500), items: itemCodes('updated').slice(0, 500) },
      },
    });
  });
  const out = report as unknown as ReportBody;
  if (!out.ok && !opts.dryRun) throw new BusinessRule('IMPORT_INVALID', `导入文件有 ${err.list.length} 处错误，未保存任何数据`, out);
  return out;
}

import type { ItemContent, ItemLevel, Material, Step } from '../catalog.rules.js';
import { SAMPLE, type FormField, type FormTemplate } from './demo-forms.js';

/**
 * The demo catalog: one rich definition for every row of data/township-items.tsv (the real township
 * and village item list), with the elements a published guide needs. Definitions name departments by
 * role, never by id; `buildContent` resolves them for one implementation at one center (the seed, and
 * the tests, which check every produced content against the contract and the element rules).
 *
 * Legal texts: quoted only where the wording is well known; paraphrases are marked （要旨）. Local
 * documents of 示范县/示范市 are fictional, like the county. Promised days follow the TSV (its ~ values
 * are plausible demo figures, not legal facts).
 */

/** Levels as the TSV writes them: where a case is taken in -> where it is decided. */
export type TsvLevels = '村->镇' | '村->镇->县' | '镇' | '镇->县';

/**
 * Who does a step: the implementing department (`own`); a county department by short name (a 联办
 * department, for instance); or `local`, the village committee or township office where the
 * application was handed in (no single department: stored as null, the step's note says who).
 */
export type StepDepartment = 'own' | 'local' | { county: string };

export interface DemoStep extends Omit<Step, 'departmentId'> {
  department: StepDepartment;
}

export interface DemoMaterial extends Omit<Material, 'blankFileId' | 'sampleFileId'> {
  /** The blank form and filled sample to attach (application forms only). */
  template: FormTemplate | null;
}

type LevelFields = 'acceptLevels' | 'preReviewLevel' | 'decideLevel';
type CenterFields = 'place' | 'hours' | 'phone' | 'complaintPhone';

export interface DemoItem extends Omit<ItemContent, LevelFields | CenterFields | 'jointDepartmentIds' | 'materials' | 'steps'> {
  /** 12-digit basic code (基本编码); the first two digits are the item type. */
  basicCode: string;
  /** Responsible county department, by short name (DEMO_DEPARTMENTS in seed/demo.ts). */
  department: string;
  levels: TsvLevels;
  /** 联办 departments, county short names. */
  jointDepartments: string[];
  materials: DemoMaterial[];
  steps: DemoStep[];
}

/** 村->镇->县: taken in at the village or township, pre-reviewed by the township, decided by the county. */
export function levelsOf(levels: TsvLevels): Pick<ItemContent, LevelFields> {
  switch (levels) {
    case '村->镇->县':
      return { acceptLevels: ['village', 'township'], preReviewLevel: 'township', decideLevel: 'county' };
    case '镇->县':
      return { acceptLevels: ['township'], preReviewLevel: null, decideLevel: 'county' };
    case '村->镇':
      return { acceptLevels: ['village', 'township'], preReviewLevel: null, decideLevel: 'township' };
    case '镇':
      return { acceptLevels: ['township'], preReviewLevel: null, decideLevel: 'township' };
  }
}

/** Items are implemented at the center of the level that decides them (本级办结). */
export const implementationLevel = (d: Pick<DemoItem, 'levels'>): ItemLevel => levelsOf(d.levels).decideLevel;

export interface ImplementationContext {
  place: string;
  hours: string;
  phone: string;
  complaintPhone: string;
  /** The implementing department (a township station, or the county department). */
  ownDepartmentId: string;
  /** County department id by short name. */
  countyDepartmentId: (shortName: string) => string;
  /** Blank form and sample file ids by template title. */
  files: ReadonlyMap<string, { blankFileId: string; sampleFileId: string }>;
}

/** The content of one implementation of `d`, as stored on its version. */
export function buildContent(d: DemoItem, ctx: ImplementationContext): ItemContent {
  const { basicCode: _code, department: _dept, levels, jointDepartments, materials, steps, ...rest } = d;
  const stepDepartment = (s: StepDepartment): string | null =>
    s === 'own' ? ctx.ownDepartmentId : s === 'local' ? null : ctx.countyDepartmentId(s.county);
  return {
    ...rest,
    ...levelsOf(levels),
    place: ctx.place,
    hours: ctx.hours,
    phone: ctx.phone,
    complaintPhone: ctx.complaintPhone,
    jointDepartmentIds: jointDepartments.map(ctx.countyDepartmentId),
    materials: materials.map(({ template, ...m }) => {
      const f = template ? ctx.files.get(template.title) : undefined;
      if (template && !f) throw new Error(`demo catalog: no files for form ${template.title}`);
      return { ...m, blankFileId: f?.blankFileId ?? null, sampleFileId: f?.sampleFileId ?? null };
    }),
    steps: steps.map(({ department, ...s }) => ({ ...s, departmentId: stepDepartment(department) })),
  };
}

/** Every distinct form template of the catalog (two items may share one, e.g. 残疾人两项补贴). */
export function demoTemplates(items: readonly DemoItem[] = DEMO_CATALOG): FormTemplate[] {
  const byTitle = new Map<string, FormTemplate>();
  for (const d of items) for (const m of d.materials) if (m.template) byTitle.set(m.template.title, m.template);
  return [...byTitle.values()];
}

// ---------------------------------------------------------------------------------------------------
// Building blocks

type DemoItemInput = Omit<DemoItem, 'delegation' | 'processKind' | 'jointDepartments' | 'specialProcedures' | 'fees' | 'faq' | 'audience'> &
  Partial<Pick<DemoItem, 'delegation' | 'processKind' | 'jointDepartments' | 'specialProcedures' | 'fees' | 'faq' | 'audience'>>;

const item = (d: DemoItemInput): DemoItem => ({
  audience: 'person',
  delegation: null,
  processKind: 'local',
  jointDepartments: [],
  specialProcedures: [],
  fees: [],
  faq: [],
  ...d,
});

/** A material with the usual defaults (自备, 原件, 1 份, 必要); `o` may also rename or re-key it. */
const mat = (key: string, name: string, o: Partial<DemoMaterial> = {}): DemoMaterial => ({
  key,
  name,
  source: 'applicant',
  issuer: '',
  form: 'original',
  copies: 1,
  necessity: 'required',
  deferDays: null,
  certificateType: null,
  note: '',
  template: null,
  ...o,
});

type MatOpts = Partial<DemoMaterial>;
const idCard = (o: MatOpts = {}) =>
  mat('id-card', '居民身份证', { source: 'government', issuer: '公安机关', certificateType: '居民身份证', note: '核验原件后当场退还；已关联电子证照的可免交纸质件', ...o });
const hukou = (o: MatOpts = {}) => mat('hukou', '居民户口簿', { source: 'government', issuer: '公安机关', certificateType: '居民户口簿', note: '核验户主页和本人页', ...o });
const photo = (copies = 2, o: MatOpts = {}) => mat('photo', '近期一寸免冠彩色照片', { copies, note: '白色背景', ...o });
const bank = (o: MatOpts = {}) => mat('bank', '本人社会保障卡或银行账户（存折）', { form: 'copy', note: '用于发放资金，须为申请人本人账户', ...o });
const disabilityCard = (o: MatOpts = {}) =>
  mat('disability-card', '残疾人证', { source: 'government', issuer: '残疾人联合会', certificateType: '中华人民共和国残疾人证', ...o });
const checkAuth = () => mat('check-auth', '家庭经济状况核对授权书', { note: '共同生活的家庭成员均须签字；用于核对收入、存款、车辆、房产等信息' });
const ssCard = (o: MatOpts = {}) => mat('ss-card', '社会保障卡', { source: 'government', issuer: '人力资源和社会保障部门', certificateType: '社会保障卡', ...o });
const form = (key: string, title: string, fields: FormField[], o: MatOpts = {}) =>
  mat(key, title, { template: { title, fields }, note: '窗口免费提供空白表，可下载后参照填写示例填写', ...o });

const step = (key: string, name: string, level: ItemLevel, days: number, department: StepDepartment = 'own', note = '', parallel = false): DemoStep => ({
  key,
  name,
  level,
  days,
  parallel,
  department,
  note,
});

/** Fields of the samples: fake values only (张三, a masked and invalid ID number). */
const F = {
  name: { label: '申请人姓名', sample: SAMPLE.name },
  gender: { label: '性别', sample: SAMPLE.gender },
  id: { label: '居民身份证号码', sample: SAMPLE.idNumber },
  phone: { label: '联系电话', sample: SAMPLE.phone },
  address: { label: '户籍地址', sample: SAMPLE.address },
  bank: { label: '收款账户', sample: SAMPLE.bank },
} satisfies Record<string, FormField>;
const PERSON: FormField[] = [F.name, F.gender, F.id, F.phone, F.address];
const field = (label: string, sample: string, lines = 1): FormField => ({ label, sample, lines });
const reason = (sample: string): FormField => field('申请理由', sample, 4);
const household = (sample = `${SAMPLE.name}（本人）、${SAMPLE.spouse}（配偶），共2人`) => field('共同生活家庭成员', sample, 3);

/** One form for both disability subsidies (残疾人两项补贴), as in practice. */
const TWO_SUBSIDIES_FORM = form('application', '困难残疾人生活补贴和重度残疾人护理补贴申请审批表', [
  ...PERSON,
  field('残疾人证号', '110101********000042'),
  field('残疾类别及等级', '肢体残疾二级'),
  field('申请补贴类型', '困难残疾人生活补贴、重度残疾人护理补贴'),
  F.bank,
]);

const LOCAL_ACCEPT = '可由村（社区）代办员代收代报，或到乡镇（街道）便民服务中心窗口提交';
const TOWN_REVIEW = '户籍所在地乡镇人民政府（街道办事处）';
const OWN_DELEGATION = (what: string) => ({ kind: 'entrust' as const, document: `示范县人民政府关于委托乡镇人民政府（街道办事处）实施${what}的决定（示范政〔2024〕12号）` });

// ---------------------------------------------------------------------------------------------------
// The items, in the order of data/township-items.tsv

export const DEMO_CATALOG: readonly DemoItem[] = [
  item({
    basicCode: '010217000000',
    name: '农村村民宅基地审批',
    itemType: '01',
    department: '农业农村',
    levels: '村->镇',
    legalBasis: [
      {
        name: '《土地管理法》',
        article: '第六十二条',
        text: '农村村民一户只能拥有一处宅基地，其宅基地的面积不得超过省、自治区、直辖市规定的标准。……农村村民住宅用地，由乡（镇）人民政府审核批准；其中，涉及占用农用地的，依照本法第四十四条的规定办理审批手续。',
      },
      { name: '《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》', article: '', text: '（要旨）乡镇政府建立宅基地统一受理、联审联办、联合执法机制，一个窗口对外受理，多部门内部联动运行。' },
    ],
    aliases: ['宅基地', '盖房', '建房', '批宅基地', '农村建房'],
    topics: ['housing', 'agriculture'],
    handlingType: 'promised',
    legalDays: 20,
    promisedDays: 20,
    specialProcedures: [
      { kind: 'publicity', days: 5, note: '村民小组会议讨论通过后，在本集体经济组织范围内公示' },
      { kind: 'inspection', days: 3, note: '乡镇组织到现场查看拟用地是否符合规划、是否占用耕地' },
    ],
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: [
      '申请人为本集体经济组织成员，以户为单位申请，一户只能拥有一处宅基地。',
      '申请宅基地面积不超过本省规定的标准，选址符合国土空间规划和村庄规划，尽量使用原有宅基地和村内空闲地。',
      '出卖、出租、赠与住宅后再申请宅基地的，不予批准。',
    ],
    faq: [
      { q: '批下来后什么时候可以开工？', a: '领取《农村宅基地批准书》和《乡村建设规划许可证》后，向乡镇申请到场丈量批放、定位放线，之后方可开工。' },
      { q: '老房子拆了原址重建也要审批吗？', a: '要。原址翻建同样需要申请，材料和流程相同，一般无需再占用新的土地。' },
    ],
    materials: [
      form('application', '农村宅基地和建房（规划许可）申请表', [
        ...PERSON,
        household('张三（户主）、李四（配偶）、张小明（儿子），共3人'),
        field('现宅基地及住房情况', '现有宅基地120平方米，房屋为1985年建土坯房，已鉴定为危房'),
        field('拟申请宅基地位置及面积', '青山村3组原宅基地原址翻建，宅基地面积120平方米', 2),
        field('拟建房屋层数、高度、建筑面积', '2层，高度7.2米，建筑面积200平方米'),
        reason('原住房年久失修，属危房，申请原址拆除重建。'),
      ]),
      idCard({ note: '户主及家庭成员的身份证，核验原件' }),
      hukou(),
      mat('promise', '农村宅基地使用承诺书', { note: '承诺一户一宅、拆旧建新、按批准面积和位置建房' }),
      mat('village-opinion', '村民小组会议记录及公示情况', { source: 'department', issuer: '村民委员会', note: '由村级组织审查后签署意见一并报送' }),
      mat('design', '住房设计图或选用的通用设计图', { necessity: 'optional', note: '可选用县里免费提供的农房通用图集' }),
    ],
    steps: [
      step('village', '村级审查', 'village', 0, 'local', '村民小组会议讨论通过并公示，村级组织审查签署意见（公示期不计入承诺时限）'),
      step('accept', '受理', 'township', 1, 'own', LOCAL_ACCEPT),
      step('review', '联审与现场勘验', 'township', 10, 'own', '乡镇农业农村、自然资源等机构联合审查，现场勘验选址'),
      step('decide', '审批', 'township', 7),
      step('deliver', '发证与放线', 'township', 2, 'own', '发放《农村宅基地批准书》，约定到场放线时间'),
    ],
  }),

  item({
    basicCode: '010318000000',
    name: '乡村建设规划许可证核发',
    itemType: '01',
    department: '自然资源',
    levels: '镇',
    legalBasis: [
      {
        name: '《城乡规划法》',
        article: '第四十一条',
        text: '在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设的，建设单位或者个人应当向乡、镇人民政府提出申请，由乡、镇人民政府报城市、县人民政府城乡规划主管部门核发乡村建设规划许可证。',
      },
    ],
    aliases: ['规划许可', '建房许可', '乡村规划证', '盖房'],
    topics: ['housing'],
    delegation: OWN_DELEGATION('乡村建设规划许可证核发等行政许可事项'),
    handlingType: 'promised',
    legalDays: 20,
    promisedDays: 20,
    specialProcedures: [{ kind: 'inspection', days: 3, note: '到建设地点现场踏勘' }],
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['建设项目位于乡、村庄规划区内，符合村庄规划及用途管制要求。', '农村村民住宅建设已取得宅基地批准文件，或使用原有宅基地建设。'],
    faq: [{ q: '宅基地和规划许可要分开跑吗？', a: '不用。农村村民建房的宅基地审批和乡村建设规划许可由乡镇一个窗口统一受理、联审联办，可一次提交。' }],
    materials: [
      form('application', '乡村建设规划许可申请表', [
        ...PERSON,
        field('建设地点', '示范县青山镇青山村3组'),
        field('建设内容及规模', '农村村民住宅，2层，建筑面积200平方米'),
        field('宅基地批准文件编号', '青山宅批〔2026〕001号'),
      ]),
      idCard(),
      mat('land-approval', '农村宅基地批准书或宅基地权属证明', { source: 'government', issuer: '乡镇人民政府', form: 'copy' }),
      mat('design', '建设工程设计方案（图纸）', { note: '标明四至、层数、高度和建筑面积' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1),
      step('review', '审查', 'township', 8),
      step('inspect', '现场踏勘', 'township', 0, 'own', '现场踏勘时间不计入承诺时限'),
      step('decide', '决定', 'township', 9),
      step('deliver', '送达', 'township', 2),
    ],
  }),

  item({
    basicCode: '050101000000',
    name: '最低生活保障审核确认',
    itemType: '05',
    department: '民政',
    levels: '村->镇->县',
    legalBasis: [
      {
        name: '《社会救助暂行办法》',
        article: '第十一条',
        text: '申请最低生活保障按照下列程序办理：（一）由共同生活的家庭成员向户籍所在地的乡镇人民政府、街道办事处提出书面申请；家庭成员申请有困难的，可以委托村民委员会、居民委员会代为提出申请。……',
      },
      { name: '《最低生活保障审核确认办法》', article: '', text: '（要旨）规范低保的申请受理、家庭经济状况调查、审核确认、公示和动态管理。' },
    ],
    aliases: ['低保', '吃低保', '城乡低保', '低保申请'],
    topics: ['social-security'],
    handlingType: 'promised',
    legalDays: 30,
    promisedDays: 25,
    specialProcedures: [{ kind: 'publicity', days: 7, note: '在申请人所在村（社区）公示7天' }],
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: [
      '申请人具有本县户籍，以共同生活的家庭为单位申请。',
      '共同生活的家庭成员人均月收入低于本县公布的最低生活保障标准。',
      '家庭财产状况符合本县规定（如无高档车辆、无多套住房、存款不超过规定限额）。',
    ],
    faq: [
      { q: '可以请村里代办吗？', a: '可以。行动不便或外出务工的，可委托村（社区）代办员代为提交申请，全程不用跑。' },
      { q: '低保标准是多少？', a: '以县人民政府当年公布的城乡低保标准为准，可在窗口或本平台“政策咨询”中查询。' },
    ],
    materials: [
      form('application', '最低生活保障申请书', [
        ...PERSON,
        household(),
        field('家庭月总收入（元）', '1200'),
        reason('本人因病丧失劳动能力，配偶务农，家庭人均收入低于当地低保标准，特申请最低生活保障。'),
        F.bank,
      ]),
      idCard({ note: '共同生活家庭成员的身份证，核验原件' }),
      hukou(),
      mat('income', '家庭收入及财产状况声明', { note: '如实申报家庭成员的收入、存款、房产、车辆等' }),
      checkAuth(),
      disabilityCard({ necessity: 'deferrable', deferDays: 5, note: '家庭成员中有残疾人的提供，可容缺受理，5个工作日内补交' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `${TOWN_REVIEW}社会事务办受理；${LOCAL_ACCEPT}`),
      step('investigate', '入户调查与初审', 'township', 12, 'local', '入户调查、邻里访问、信息核对，提出初审意见'),
      step('publicity', '公示', 'village', 0, 'local', '在申请人所在村（社区）公示7天，公示期不计入承诺时限'),
      step('decide', '审核确认', 'county', 10),
      step('deliver', '送达', 'county', 2, 'own', '准予的发放低保金，不予的书面说明理由'),
    ],
  }),

  item({
    basicCode: '070102000000',
    name: '特困人员认定',
    itemType: '07',
    department: '民政',
    levels: '镇->县',
    legalBasis: [
      {
        name: '《社会救助暂行办法》',
        article: '第十四条',
        text: '国家对无劳动能力、无生活来源且无法定赡养、抚养、扶养义务人，或者其法定赡养、抚养、扶养义务人无赡养、抚养、扶养能力的老年人、残疾人以及未满16周岁的未成年人，给予特困人员供养。',
      },
      { name: '《特困人员认定办法》', article: '', text: '（要旨）规定特困人员的认定条件、申请及受理、审核确认和终止程序。' },
    ],
    aliases: ['五保', '五保户', '特困供养', '特困'],
    topics: ['social-security', 'elderly'],
    handlingType: 'promised',
    legalDays: 30,
    promisedDays: 20,
    specialProcedures: [{ kind: 'publicity', days: 7, note: '在申请人所在村（社区）公示7天' }],
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: [
      '申请人为老年人、残疾人或未满16周岁的未成年人。',
      '无劳动能力、无生活来源，且无法定赡养、抚养、扶养义务人，或者其法定义务人无履行义务能力。',
    ],
    faq: [{ q: '认定后可以去敬老院吗？', a: '可以。特困人员可自愿选择在家分散供养或到县、乡镇供养服务机构集中供养。' }],
    materials: [
      form('application', '特困人员救助供养申请书', [
        ...PERSON,
        field('出生日期', '1950年1月1日'),
        field('供养方式（分散/集中）', '分散供养'),
        reason('本人年满75周岁，无劳动能力、无生活来源，无法定赡养义务人。'),
      ]),
      idCard(),
      hukou(),
      mat('income', '本人收入及财产状况声明'),
      checkAuth(),
      disabilityCard({ necessity: 'deferrable', deferDays: 5, note: '残疾人申请的提供，可容缺受理，5个工作日内补交' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `${TOWN_REVIEW}受理，可由村（社区）代为提出申请`),
      step('investigate', '调查核实', 'township', 9, 'local', '入户调查、信息核对，提出初审意见'),
      step('publicity', '公示', 'village', 0, 'local', '在申请人所在村（社区）公示7天，公示期不计入承诺时限'),
      step('decide', '审核确认', 'county', 8),
      step('deliver', '送达', 'county', 2, 'own', '发放《特困人员救助供养证》'),
    ],
  }),

  item({
    basicCode: '050103000000',
    name: '临时救助',
    itemType: '05',
    department: '民政',
    levels: '村->镇',
    legalBasis: [
      {
        name: '《社会救助暂行办法》',
        article: '第四十七条',
        text: '国家对因火灾、交通事故等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭，或者因生活必需支出突然增加超出家庭承受能力，导致基本生活暂时出现严重困难的最低生活保障家庭，以及遭遇其他特殊困难的家庭，给予临时救助。',
      },
    ],
    aliases: ['临时困难补助', '急难救助', '救急'],
    topics: ['social-security'],
    delegation: { kind: 'devolve', document: '示范县民政局关于将临时救助审批权限下放乡镇（街道）的通知（示范民〔2024〕8号）' },
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 10,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: [
      '因火灾、交通事故等意外事件或家庭成员突发重大疾病等原因，基本生活暂时出现严重困难。',
      '或因生活必需支出突然增加超出家庭承受能力，基本生活暂时出现严重困难的低保家庭。',
    ],
    faq: [{ q: '情况紧急等不了怎么办？', a: '对情况紧急的，乡镇可先行救助，事后补办手续。' }],
    materials: [
      form('application', '临时救助申请书', [...PERSON, household(), field('困难类型', '家庭成员突发重大疾病'), reason('配偶突发脑出血住院，自付医疗费用较高，家庭基本生活暂时出现严重困难。')]),
      idCard(),
      hukou(),
      mat('hardship', '困难情况证明材料', { form: 'copy', note: '如医疗费用票据、事故证明、火灾证明等' }),
      checkAuth(),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'own', LOCAL_ACCEPT),
      step('investigate', '调查核实', 'township', 5),
      step('decide', '审批', 'township', 3),
      step('pay', '发放', 'township', 1, 'own', '救助金打入申请人本人账户'),
    ],
  }),

  item({
    basicCode: '050104001000',
    name: '困难残疾人生活补贴',
    itemType: '05',
    department: '民政',
    levels: '村->镇->县',
    legalBasis: [
      {
        name: '《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》',
        article: '',
        text: '（要旨）困难残疾人生活补贴主要补助残疾人因残疾产生的额外生活支出，对象为低保家庭中的残疾人，有条件的地方可逐步扩大到低收入残疾人及其他困难残疾人。',
      },
    ],
    aliases: ['残疾人生活补贴', '两项补贴', '困难残疾补贴'],
    topics: ['disability', 'social-security'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 15,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['持有第二代《中华人民共和国残疾人证》，具有本县户籍。', '属于最低生活保障家庭成员或本县规定的其他困难残疾人。'],
    faq: [{ q: '生活补贴和护理补贴可以同时领吗？', a: '符合两项条件的可以同时申领，用同一张申请审批表。' }],
    materials: [
      TWO_SUBSIDIES_FORM,
      idCard(),
      hukou(),
      disabilityCard(),
      mat('dibao', '最低生活保障证明', { source: 'department', issuer: '县民政局', form: 'electronic', copies: 0, note: '通过低保信息系统共享核验，无需提交' }),
      bank(),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `${TOWN_REVIEW}受理；${LOCAL_ACCEPT}`),
      step('pre-review', '初审', 'township', 5, 'local', '核对残疾人证和家庭经济状况，提出初审意见'),
      step('decide', '审核认定', 'county', 7),
      step('pay', '发放', 'county', 2, 'own', '自审核通过次月起按月发放'),
    ],
  }),

  item({
    basicCode: '050104002000',
    name: '重度残疾人护理补贴',
    itemType: '05',
    department: '民政',
    levels: '村->镇->县',
    legalBasis: [
      {
        name: '《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》',
        article: '',
        text: '（要旨）重度残疾人护理补贴主要补助残疾人因残疾产生的额外长期照护支出，对象为残疾等级被评定为一级、二级且需要长期照护的重度残疾人。',
      },
    ],
    aliases: ['护理补贴', '重残护理补贴', '两项补贴'],
    topics: ['disability'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 15,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['持有第二代《中华人民共和国残疾人证》，残疾等级为一级或二级，且需要长期照护。', '具有本县户籍。'],
    faq: [{ q: '住在养老机构的重度残疾人还能领吗？', a: '按本县规定执行，已享受集中供养且护理费用已由财政保障的不重复发放。' }],
    materials: [
      TWO_SUBSIDIES_FORM,
      idCard(),
      hukou(),
      disabilityCard(),
      bank(),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `${TOWN_REVIEW}受理；${LOCAL_ACCEPT}`),
      step('pre-review', '初审', 'township', 5, 'local'),
      step('decide', '审核认定', 'county', 7),
      step('pay', '发放', 'county', 2, 'own', '自审核通过次月起按月发放'),
    ],
  }),

  item({
    basicCode: '200101000000',
    name: '80周岁以上老年人高龄津贴发放',
    itemType: '20',
    department: '民政',
    levels: '村->镇->县',
    legalBasis: [
      {
        name: '《老年人权益保障法》',
        article: '第三十三条',
        text: '国家建立和完善老年人福利制度，根据经济社会发展水平和老年人的实际需要，增加老年人的社会福利。国家鼓励地方建立八十周岁以上低收入老年人高龄津贴制度。……',
      },
      { name: '《示范县高龄老年人津贴发放管理办法》', article: '', text: '（要旨）本县户籍年满80周岁的老年人按年龄段按月领取高龄津贴。' },
    ],
    aliases: ['高龄补贴', '高龄津贴', '老人补贴', '长寿补贴'],
    topics: ['elderly'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 15,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['具有本县户籍，年满80周岁。'],
    faq: [{ q: '满80周岁从什么时候开始发？', a: '审核通过后，自年满80周岁的次月起计发，按月打入本人账户。' }],
    materials: [
      form('application', '高龄老年人津贴申请表', [...PERSON, field('出生日期', '1945年3月1日'), field('代办人（如有）', `${SAMPLE.spouse}（女儿），联系电话 139****0001`), F.bank]),
      idCard(),
      hukou(),
      bank(),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `${TOWN_REVIEW}受理；${LOCAL_ACCEPT}`),
      step('pre-review', '初审', 'township', 5, 'local'),
      step('decide', '审核', 'county', 7),
      step('pay', '发放', 'county', 2),
    ],
  }),

  item({
    basicCode: '200102000000',
    name: '事实无人抚养儿童认定及基本生活补贴',
    itemType: '20',
    department: '民政',
    levels: '村->镇->县',
    legalBasis: [
      {
        name: '《关于进一步加强事实无人抚养儿童保障工作的意见》（民发〔2019〕62号）',
        article: '',
        text: '（要旨）父母双方均符合重残、重病、服刑在押、强制隔离戒毒、被执行其他限制人身自由的措施、失联情形之一的儿童，或父母一方死亡或失踪、另一方符合上述情形之一的儿童，纳入保障范围。',
      },
    ],
    aliases: ['无人抚养儿童', '困境儿童补贴', '事实孤儿'],
    topics: ['social-security', 'education'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 20,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['儿童具有本县户籍，未满18周岁。', '父母双方均符合重残、重病、服刑在押、失联等情形之一，或一方死亡、失踪且另一方符合上述情形之一。'],
    faq: [{ q: '谁来提出申请？', a: '由儿童监护人向儿童户籍所在地乡镇（街道）提出申请，村（居）儿童主任可协助。' }],
    materials: [
      form('application', '事实无人抚养儿童认定申请表', [
        field('儿童姓名', '张小明'),
        field('儿童居民身份证号码', SAMPLE.idNumber),
        field('监护人姓名及关系', `${SAMPLE.name}（祖父）`),
        F.phone,
        F.address,
        field('父母情况', '父亲服刑在押，母亲失联满6个月', 2),
        F.bank,
      ]),
      hukou({ note: '儿童所在户的户口簿' }),
      idCard({ note: '监护人的身份证' }),
      mat('parents', '父母情况证明材料', { form: 'copy', note: '如残疾人证、重病诊断证明、服刑通知书、失联报案回执等' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `${TOWN_REVIEW}受理；${LOCAL_ACCEPT}`),
      step('investigate', '调查核实', 'township', 9, 'local'),
      step('decide', '审核认定', 'county', 8),
      step('pay', '发放', 'county', 2),
    ],
  }),

  item({
    basicCode: '200103000000',
    name: '孤儿救助资格认定及基本生活费发放',
    itemType: '20',
    department: '民政',
    levels: '镇->县',
    legalBasis: [{ name: '《国务院办公厅关于加强孤儿保障工作的意见》（国办发〔2010〕54号）', article: '', text: '（要旨）建立孤儿基本生活保障制度，为孤儿发放基本生活费。' }],
    aliases: ['孤儿补助', '孤儿基本生活费', '孤儿救助'],
    topics: ['social-security', 'education'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 20,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['儿童未满18周岁，父母双方死亡或被人民法院宣告死亡、失踪。', '儿童具有本县户籍。'],
    materials: [
      form('application', '孤儿基本生活保障申请表', [
        field('儿童姓名', '张小明'),
        field('儿童居民身份证号码', SAMPLE.idNumber),
        field('监护人姓名及关系', `${SAMPLE.name}（祖父）`),
        F.phone,
        F.address,
        F.bank,
      ]),
      hukou({ note: '儿童所在户的户口簿' }),
      mat('death', '父母死亡证明或人民法院宣告死亡、失踪的判决书', { source: 'government', issuer: '医疗机构、公安机关或人民法院', form: 'copy' }),
      idCard({ note: '监护人的身份证' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `${TOWN_REVIEW}受理`),
      step('investigate', '调查核实', 'township', 9, 'local'),
      step('decide', '审核认定', 'county', 8),
      step('pay', '发放', 'county', 2),
    ],
  }),

  item({
    basicCode: '200201001000',
    name: '城乡居民基本养老保险参保登记',
    itemType: '20',
    department: '人社',
    levels: '村->镇',
    legalBasis: [{ name: '《社会保险法》', article: '第二十条', text: '国家建立和完善新型农村社会养老保险制度。新型农村社会养老保险实行个人缴费、集体补助和政府补贴相结合。' }],
    aliases: ['新农保', '农村养老保险', '居民养老保险', '交养老保险'],
    topics: ['elderly', 'social-security'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'full',
    agentEligible: true,
    conditions: ['年满16周岁（不含在校学生），非国家机关和事业单位工作人员，不属于职工基本养老保险覆盖范围的本县户籍居民。'],
    faq: [{ q: '缴费档次可以改吗？', a: '可以，每年可以调整一次缴费档次，在缴费前到窗口或手机上办理。' }],
    materials: [idCard(), hukou({ necessity: 'optional', note: '身份证信息不全时提供' })],
    steps: [step('accept', '受理', 'township', 0, 'own', LOCAL_ACCEPT), step('register', '登记', 'township', 0, 'own', '当场办结')],
  }),

  item({
    basicCode: '200201002000',
    name: '城乡居民基本养老保险待遇申领',
    itemType: '20',
    department: '人社',
    levels: '村->镇->县',
    legalBasis: [
      { name: '《社会保险法》', article: '第二十条', text: '国家建立和完善新型农村社会养老保险制度。新型农村社会养老保险实行个人缴费、集体补助和政府补贴相结合。' },
      {
        name: '《社会保险法》',
        article: '第二十一条',
        text: '新型农村社会养老保险待遇由基础养老金和个人账户养老金组成。参加新型农村社会养老保险的农村居民，符合国家规定条件的，按月领取新型农村社会养老保险待遇。',
      },
    ],
    aliases: ['养老金', '领养老金', '养老金申领', '退休金'],
    topics: ['elderly', 'social-security'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 10,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['参加城乡居民基本养老保险，年满60周岁，累计缴费满15年（或按规定补缴）。', '未领取国家规定的其他基本养老保障待遇。'],
    faq: [{ q: '什么时候开始领？', a: '审核通过后，自年满60周岁的次月起按月发放。' }],
    materials: [
      form('application', '城乡居民基本养老保险待遇领取申请表', [...PERSON, field('出生日期', '1966年2月1日'), field('累计缴费年限', '15年'), F.bank]),
      idCard(),
      hukou(),
      ssCard({ form: 'copy', note: '用于发放养老金' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `乡镇（街道）人社所受理；${LOCAL_ACCEPT}`),
      step('pre-review', '初审', 'township', 3, 'local'),
      step('decide', '审核', 'county', 4),
      step('pay', '待遇核定与发放', 'county', 2),
    ],
  }),

  item({
    basicCode: '200202001000',
    name: '灵活就业人员养老保险参保登记',
    itemType: '20',
    department: '人社',
    levels: '村->镇',
    legalBasis: [
      {
        name: '《社会保险法》',
        article: '第五十八条',
        text: '……国家建立全国统一的个人社会保障号码。个人社会保障号码为公民身份号码。',
      },
      {
        name: '《社会保险法》',
        article: '第十条',
        text: '……无雇工的个体工商户、未在用人单位参加基本养老保险的非全日制从业人员以及其他灵活就业人员可以参加基本养老保险，由个人缴纳基本养老保险费。',
      },
    ],
    aliases: ['灵活就业社保', '个人交社保', '自由职业社保'],
    topics: ['employment', 'social-security'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'full',
    agentEligible: true,
    conditions: ['无雇工的个体工商户、未在用人单位参加基本养老保险的非全日制从业人员以及其他灵活就业人员。'],
    materials: [idCard(), mat('bank-deduct', '银行扣款协议', { necessity: 'optional', note: '选择银行代扣缴费的提供' })],
    steps: [step('accept', '受理', 'township', 0, 'own', LOCAL_ACCEPT), step('register', '登记', 'township', 0, 'own', '当场办结')],
  }),

  item({
    basicCode: '200201003000',
    name: '养老保险定期待遇领取资格认证',
    itemType: '20',
    department: '人社',
    levels: '村->镇',
    legalBasis: [{ name: '人力资源社会保障部关于社会保险待遇领取资格认证的有关规定', article: '', text: '（要旨）领取养老保险待遇的人员每年进行一次资格认证，以大数据比对为主，可通过手机人脸识别等方式自助认证。' }],
    aliases: ['养老认证', '刷脸认证', '生存认证', '领养老金认证'],
    topics: ['elderly'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'full',
    agentEligible: true,
    conditions: ['正在按月领取养老保险待遇的人员。'],
    faq: [{ q: '老人不会用手机怎么办？', a: '可请村（社区）代办员上门协助认证，或到乡镇便民服务中心窗口办理。' }],
    materials: [idCard(), ssCard({ necessity: 'optional', note: '可用社会保障卡代替身份证' })],
    steps: [step('verify', '认证', 'township', 0, 'own', '手机人脸识别自助认证，或由代办员上门协助，当场办结')],
  }),

  item({
    basicCode: '200205001000',
    name: '社会保障卡申领',
    itemType: '20',
    department: '人社',
    levels: '村->镇',
    legalBasis: [{ name: '《社会保险法》', article: '第五十八条', text: '……国家建立全国统一的个人社会保障号码。个人社会保障号码为公民身份号码。' }],
    aliases: ['社保卡', '办社保卡', '三代社保卡'],
    topics: ['social-security', 'medical'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 10,
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['已参加本县社会保险或在本县居住的人员，首次申领社会保障卡。'],
    faq: [{ q: '可以当场拿卡吗？', a: '乡镇便民服务中心配有即时制卡设备的可当场领取；其他情况统一制卡后通知领取。' }],
    materials: [
      form('application', '社会保障卡申领登记表', [...PERSON, field('所属银行', '示范县农村商业银行'), field('领卡方式', '乡镇便民服务中心领取')]),
      idCard(),
      photo(1, { necessity: 'optional', note: '可现场免费采集或使用身份证照片' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'own', LOCAL_ACCEPT),
      step('make', '制卡', 'township', 7, 'own', '报县社会保障卡服务中心统一制卡'),
      step('deliver', '发卡', 'township', 2),
    ],
  }),

  item({
    basicCode: '200205002000',
    name: '社会保障卡注销',
    itemType: '20',
    department: '人社',
    levels: '镇',
    legalBasis: [{ name: '人力资源社会保障部社会保障卡管理的有关规定', article: '', text: '（要旨）持卡人死亡或出国（境）定居等情形的，由本人或其亲属申请注销社会保障卡。' }],
    aliases: ['社保卡注销', '注销社保卡'],
    topics: ['social-security', 'after-death'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 1,
    maxVisits: 1,
    onlineLevel: 'book',
    agentEligible: false,
    conditions: ['持卡人死亡、出国（境）定居或有其他需要注销的情形。'],
    materials: [
      idCard({ note: '本人或经办亲属的身份证' }),
      ssCard({ necessity: 'optional', note: '卡片遗失的无需提供' }),
      mat('death', '死亡证明', { source: 'government', issuer: '医疗机构或公安机关', form: 'copy', necessity: 'optional', note: '持卡人死亡的提供' }),
    ],
    steps: [step('accept', '受理', 'township', 0), step('cancel', '注销', 'township', 1)],
  }),

  item({
    basicCode: '200205003000',
    name: '社会保障卡密码修改与重置',
    itemType: '20',
    department: '人社',
    levels: '镇',
    legalBasis: [{ name: '人力资源社会保障部社会保障卡管理的有关规定', article: '', text: '（要旨）持卡人可修改社会保障卡密码；忘记密码的，本人持有效身份证件办理密码重置。' }],
    aliases: ['社保卡密码', '社保卡改密码', '密码重置'],
    topics: ['social-security'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 1,
    onlineLevel: 'consult',
    agentEligible: false,
    conditions: ['持卡人本人办理（密码重置须本人到场）。'],
    materials: [idCard(), ssCard()],
    steps: [step('handle', '办理', 'township', 0, 'own', '当场办结；也可在自助终端修改密码')],
  }),

  item({
    basicCode: '200206001000',
    name: '就业登记',
    itemType: '20',
    department: '人社',
    levels: '村->镇',
    legalBasis: [{ name: '《就业服务与就业管理规定》', article: '', text: '（要旨）国家实行劳动者就业登记制度，劳动者就业后由用人单位或本人办理就业登记。' }],
    aliases: ['就业证', '就业创业证', '办就业登记'],
    topics: ['employment'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'full',
    agentEligible: true,
    conditions: ['在法定劳动年龄内、已实现就业的劳动者。'],
    materials: [idCard(), mat('proof', '劳动合同或其他就业证明', { form: 'copy', necessity: 'optional', note: '灵活就业的可书面承诺' })],
    steps: [step('accept', '受理', 'township', 0, 'own', LOCAL_ACCEPT), step('register', '登记', 'township', 0, 'own', '当场办结')],
  }),

  item({
    basicCode: '200206002000',
    name: '失业登记',
    itemType: '20',
    department: '人社',
    levels: '村->镇',
    legalBasis: [{ name: '《就业服务与就业管理规定》', article: '', text: '（要旨）在法定劳动年龄内、有劳动能力和就业要求、处于无业状态的城乡劳动者，可以在常住地办理失业登记。' }],
    aliases: ['失业证', '登记失业'],
    topics: ['employment'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'full',
    agentEligible: true,
    conditions: ['在法定劳动年龄内，有劳动能力和就业要求，处于无业状态。'],
    faq: [{ q: '失业登记后有什么服务？', a: '可免费享受职业指导、职业介绍、技能培训等公共就业服务，符合条件的可申领失业保险金。' }],
    materials: [idCard(), mat('termination', '解除或终止劳动关系证明', { form: 'copy', necessity: 'optional', note: '原有单位就业的提供' })],
    steps: [step('accept', '受理', 'township', 0, 'own', LOCAL_ACCEPT), step('register', '登记', 'township', 0, 'own', '当场办结')],
  }),

  item({
    basicCode: '070215000000',
    name: '就业困难人员认定',
    itemType: '07',
    department: '人社',
    levels: '镇->县',
    legalBasis: [
      {
        name: '《就业促进法》',
        article: '第五十二条',
        text: '各级人民政府建立健全就业援助制度，采取税费减免、贷款贴息、社会保险补贴、岗位补贴等办法，通过公益性岗位安置等途径，对就业困难人员实行优先扶持和重点帮助。……',
      },
    ],
    aliases: ['就业困难认定', '就业援助'],
    topics: ['employment'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 10,
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['已办理失业登记。', '属于大龄、残疾、低保家庭、零就业家庭、失地农民等本县规定的就业困难情形之一。'],
    materials: [
      form('application', '就业困难人员认定申请表', [...PERSON, field('困难类别', '残疾人'), field('失业登记日期', '2025年12月1日')]),
      idCard(),
      mat('employment-card', '就业创业证', { source: 'government', issuer: '人力资源和社会保障部门', form: 'copy', certificateType: '就业创业证' }),
      mat('hardship', '困难情形证明材料', { form: 'copy', note: '如残疾人证、低保证明等；可通过数据共享核验的免交' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', '乡镇（街道）人社所受理'),
      step('pre-review', '初审', 'township', 4, 'local'),
      step('decide', '认定', 'county', 4),
      step('deliver', '送达', 'county', 1),
    ],
  }),

  item({
    basicCode: '200301001000',
    name: '城乡居民医疗保险参保登记',
    itemType: '20',
    department: '医保',
    levels: '村->镇',
    legalBasis: [
      {
        name: '《社会保险法》',
        article: '第二十五条',
        text: '国家建立和完善城镇居民基本医疗保险制度。城镇居民基本医疗保险实行个人缴费和政府补贴相结合。享受最低生活保障的人、丧失劳动能力的残疾人、低收入家庭六十周岁以上的老年人和未成年人等所需个人缴费部分，由政府给予补贴。',
      },
    ],
    aliases: ['居民医保', '新农合', '合作医疗', '交医保'],
    topics: ['medical', 'social-security'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'full',
    agentEligible: true,
    conditions: ['未参加职工基本医疗保险的本县户籍居民或持本县居住证的居民。'],
    faq: [{ q: '新生儿怎么参保？', a: '新生儿出生后凭出生医学证明或户口簿即可办理参保，可与出生登记一并办理。' }],
    materials: [idCard({ note: '未成年人可提供户口簿' }), hukou({ necessity: 'optional', note: '未成年人或身份证信息不全时提供' })],
    steps: [step('accept', '受理', 'township', 0, 'own', LOCAL_ACCEPT), step('register', '登记', 'township', 0, 'own', '当场办结')],
  }),

  item({
    basicCode: '200302000000',
    name: '门诊慢特病病种待遇认定',
    itemType: '20',
    department: '医保',
    levels: '镇->县',
    legalBasis: [{ name: '《示范市基本医疗保险门诊慢特病管理办法》', article: '', text: '（要旨）参保人员患有规定的慢性病、特殊疾病的，经认定后门诊费用按规定比例报销。' }],
    aliases: ['慢性病', '慢病卡', '门特', '慢特病', '特殊病'],
    topics: ['medical'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 15,
    specialProcedures: [{ kind: 'expert', days: 5, note: '由医保经办机构组织医疗专家评审' }],
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['参加本县基本医疗保险，患有门诊慢特病病种目录内的疾病。', '有二级及以上医疗机构出具的诊断证明和相关检查资料。'],
    materials: [
      form('application', '门诊慢特病待遇认定申请表', [...PERSON, field('申请病种', '高血压（Ⅱ级）'), field('确诊医院', '示范县人民医院')]),
      idCard({ note: '或社会保障卡' }),
      mat('diagnosis', '诊断证明', { form: 'copy', note: '二级及以上医疗机构出具' }),
      mat('records', '近期检查报告、病历资料', { form: 'copy' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', '乡镇（街道）人社所（医保经办）受理'),
      step('review', '资料审核', 'county', 6),
      step('expert', '专家评审', 'county', 0, 'own', '专家评审时间不计入承诺时限'),
      step('decide', '认定', 'county', 6),
      step('deliver', '送达', 'county', 2, 'own', '认定结果同步到定点医疗机构，可直接结算'),
    ],
  }),

  item({
    basicCode: '200303000000',
    name: '医疗救助对象手工（零星）报销',
    itemType: '20',
    department: '医保',
    levels: '镇->县',
    legalBasis: [
      {
        name: '《社会救助暂行办法》',
        article: '第二十八条',
        text: '下列人员可以申请相关医疗救助：（一）最低生活保障家庭成员；（二）特困供养人员；（三）县级以上人民政府规定的其他特殊困难人员。',
      },
    ],
    aliases: ['医疗救助', '医疗救助报销', '看病救助'],
    topics: ['medical', 'social-security'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 20,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['属于低保对象、特困人员或本县规定的其他医疗救助对象。', '在县外或非定点医疗机构就医，未能“一站式”直接结算。'],
    materials: [
      form('application', '医疗救助申请审批表', [...PERSON, field('救助对象类别', '低保对象'), field('就诊医院及时间', '示范市第一人民医院，2025年12月1日至12月15日住院'), field('医疗总费用（元）', '18000'), F.bank]),
      idCard(),
      mat('invoice', '医疗费用发票', { note: '原件' }),
      mat('details', '费用明细清单和出院小结', { form: 'copy' }),
      mat('settlement', '基本医疗保险报销结算单', { source: 'department', issuer: '医疗保障经办机构', necessity: 'optional', note: '已在医保系统结算的可共享核验，免交' }),
      bank(),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `乡镇（街道）受理；${LOCAL_ACCEPT}`),
      step('pre-review', '初审', 'township', 5, 'local'),
      step('decide', '审核', 'county', 10),
      step('pay', '拨付', 'county', 4),
    ],
  }),

  item({
    basicCode: '200401000000',
    name: '生育登记',
    itemType: '20',
    department: '卫生健康',
    levels: '村->镇',
    legalBasis: [{ name: '《人口与计划生育法》', article: '第十八条', text: '国家提倡适龄婚育、优生优育。一对夫妻可以生育三个子女。……' }],
    aliases: ['准生证', '生孩子', '生育服务证', '怀孕登记'],
    topics: ['birth'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'full',
    agentEligible: true,
    conditions: ['夫妻一方户籍在本县，或在本县居住。'],
    faq: [{ q: '生育登记有什么用？', a: '用于享受孕产期保健、生育保险（医保）报销等服务，不再作为办理出生登记的前提。' }],
    materials: [
      idCard({ note: '夫妻双方的身份证' }),
      mat('marriage', '结婚证', { source: 'government', issuer: '民政部门（婚姻登记机关）', certificateType: '结婚证', necessity: 'optional', note: '可通过婚姻登记信息共享核验' }),
    ],
    steps: [step('accept', '受理', 'township', 0, 'own', LOCAL_ACCEPT), step('register', '登记', 'township', 0, 'own', '当场办结，可在手机上全程办理')],
  }),

  item({
    basicCode: '050301001000',
    name: '农村部分计划生育家庭奖励扶助金',
    itemType: '05',
    department: '卫生健康',
    levels: '村->镇->县',
    legalBasis: [
      {
        name: '国办发〔2004〕21号（农村部分计划生育家庭奖励扶助制度试点方案）',
        article: '',
        text: '（要旨）对农村只有一个子女或两个女孩的计划生育家庭，夫妇年满60周岁以后，由中央和地方财政安排专项资金给予奖励扶助。',
      },
    ],
    aliases: ['奖扶', '计生奖励', '奖励扶助', '独生子女奖励'],
    topics: ['elderly', 'birth'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 30,
    specialProcedures: [{ kind: 'publicity', days: 7, note: '在申请人所在村公示7天' }],
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['本人及配偶均为农业户口或界定为农村居民，1973年以来未违反计划生育法律法规生育。', '现存一个子女或两个女孩，或子女死亡现无子女，年满60周岁。'],
    materials: [
      form('application', '农村部分计划生育家庭奖励扶助对象申报表', [...PERSON, field('配偶姓名', SAMPLE.spouse), field('子女情况', '独生子张小明，1990年出生'), F.bank]),
      idCard({ note: '夫妻双方的身份证' }),
      hukou(),
      mat('marriage', '结婚证', { source: 'government', issuer: '民政部门（婚姻登记机关）', form: 'copy', certificateType: '结婚证' }),
      mat('one-child', '独生子女父母光荣证', { source: 'government', issuer: '乡镇人民政府', form: 'copy', necessity: 'optional' }),
    ],
    steps: [
      step('accept', '受理', 'township', 2, 'local', `${TOWN_REVIEW}受理；${LOCAL_ACCEPT}`),
      step('pre-review', '初审', 'township', 10, 'local'),
      step('publicity', '公示', 'village', 0, 'local', '在村公示7天，公示期不计入承诺时限'),
      step('decide', '审批', 'county', 15),
      step('pay', '发放', 'county', 3),
    ],
  }),

  item({
    basicCode: '050301002000',
    name: '计划生育家庭特别扶助金',
    itemType: '05',
    department: '卫生健康',
    levels: '村->镇->县',
    legalBasis: [
      {
        name: '国人口发〔2007〕78号（全国独生子女伤残死亡家庭扶助制度试点方案）',
        article: '',
        text: '（要旨）对独生子女死亡或伤、病残后未再生育或收养子女家庭的夫妻，女方年满49周岁后给予特别扶助。',
      },
    ],
    aliases: ['特扶', '失独补助', '独生子女伤残死亡扶助'],
    topics: ['elderly', 'birth'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 30,
    specialProcedures: [{ kind: 'publicity', days: 7, note: '在申请人所在村（社区）公示7天' }],
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['独生子女死亡或伤、病残（三级以上），夫妻现无存活子女或未再生育、收养子女。', '女方年满49周岁。'],
    materials: [
      form('application', '计划生育家庭特别扶助对象申报表', [...PERSON, field('配偶姓名', SAMPLE.spouse), field('子女情况', '独生女，2018年因病死亡'), F.bank]),
      idCard({ note: '夫妻双方的身份证' }),
      hukou(),
      mat('proof', '子女死亡证明或伤病残证明', { source: 'government', issuer: '医疗机构、公安机关或残疾人联合会', form: 'copy' }),
    ],
    steps: [
      step('accept', '受理', 'township', 2, 'local', `${TOWN_REVIEW}受理；${LOCAL_ACCEPT}`),
      step('pre-review', '初审', 'township', 10, 'local'),
      step('publicity', '公示', 'village', 0, 'local', '在村（社区）公示7天，公示期不计入承诺时限'),
      step('decide', '审批', 'county', 15),
      step('pay', '发放', 'county', 3),
    ],
  }),

  item({
    basicCode: '200402000000',
    name: '《流动人口婚育证明》申请审核',
    itemType: '20',
    department: '卫生健康',
    levels: '镇',
    legalBasis: [{ name: '《流动人口计划生育工作条例》', article: '', text: '（要旨）流动人口中的育龄人员可以向户籍所在地乡（镇）人民政府或者街道办事处申请办理婚育证明。' }],
    aliases: ['婚育证明', '流动人口证明'],
    topics: ['birth'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['户籍在本乡镇（街道）、离开户籍所在地外出务工或居住的育龄人员。'],
    materials: [
      idCard(),
      hukou(),
      mat('marriage', '结婚证', { source: 'government', issuer: '民政部门（婚姻登记机关）', form: 'copy', certificateType: '结婚证', necessity: 'optional', note: '已婚的提供' }),
    ],
    steps: [step('accept', '受理', 'township', 0, 'own', '可由村代办员代为提交'), step('issue', '出具证明', 'township', 0, 'own', '当场办结')],
  }),

  item({
    basicCode: '200403000000',
    name: '老年人优待证申领',
    itemType: '20',
    department: '卫生健康',
    levels: '村->镇',
    legalBasis: [{ name: '《老年人权益保障法》', article: '第五章 社会优待', text: '（要旨）县级以上人民政府及其有关部门根据经济社会发展情况和老年人的特殊需要，制定优待老年人的办法，逐步提高优待水平。' }],
    aliases: ['老年证', '老年优待证', '敬老卡', '老人证'],
    topics: ['elderly'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 5,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['年满60周岁的本县户籍老年人，或在本县居住的外埠老年人。'],
    faq: [{ q: '优待证有什么用？', a: '凭证在本县享受公园景区免票、乘坐公交优惠、就医优先等优待。' }],
    materials: [
      form('application', '老年人优待证申请表', [...PERSON, field('出生日期', '1960年5月1日'), field('领证方式', '村代办员代领')]),
      idCard(),
      photo(1, { necessity: 'optional', note: '可现场免费拍摄' }),
    ],
    steps: [step('accept', '受理', 'township', 1, 'own', LOCAL_ACCEPT), step('review', '审核', 'township', 2), step('issue', '制证发放', 'township', 2)],
  }),

  item({
    basicCode: '070306001000',
    name: '残疾人证新办',
    itemType: '07',
    department: '残联',
    levels: '镇->县',
    legalBasis: [
      {
        name: '《残疾人保障法》',
        article: '第二条',
        text: '残疾人是指在心理、生理、人体结构上，某种组织、功能丧失或者不正常，全部或者部分丧失以正常方式从事某种活动能力的人。……',
      },
      { name: '《中华人民共和国残疾人证管理办法》', article: '', text: '（要旨）残疾人证由县级残疾人联合会审核发放，申请人须经指定医疗机构残疾评定。' },
    ],
    aliases: ['残疾证', '办残疾证', '评残'],
    topics: ['disability'],
    processKind: 'joint',
    jointDepartments: ['卫生健康'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 30,
    specialProcedures: [{ kind: 'expert', days: 10, note: '到县残联指定医疗机构进行残疾评定' }],
    maxVisits: 2,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['具有本县户籍，符合残疾标准的视力、听力、言语、肢体、智力、精神或多重残疾人。'],
    faq: [{ q: '为什么要跑两次？', a: '一次到指定医院做残疾评定，一次领证；领证也可选择邮寄或由村代办员代领。' }],
    materials: [
      form('application', '残疾人证申请表', [...PERSON, field('申请残疾类别', '肢体残疾'), field('致残原因', '交通事故'), field('监护人或代理人（如有）', '无')]),
      idCard(),
      hukou(),
      photo(3, { name: '近期二寸免冠彩色照片', note: '白色背景，用于残疾评定表和证件' }),
      mat('medical', '相关病历和诊断资料', { form: 'copy', necessity: 'optional', note: '有助于残疾评定' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', '乡镇（街道）社会事务办（残联专职委员）受理'),
      step('assess', '残疾评定', 'county', 15, { county: '卫生健康' }, '县卫生健康局指定的医疗机构进行评残'),
      step('decide', '审核', 'county', 10),
      step('issue', '制证发放', 'county', 4),
    ],
  }),

  item({
    basicCode: '070306002000',
    name: '残疾人证换领',
    itemType: '07',
    department: '残联',
    levels: '镇->县',
    legalBasis: [
      { name: '《残疾人保障法》', article: '', text: '（要旨）国家保障残疾人享有各项权益，残疾人凭残疾人证享受相应的优惠政策。' },
      { name: '《中华人民共和国残疾人证管理办法》', article: '', text: '（要旨）残疾人证有效期满、信息变更或损毁的，应当申请换领。' },
    ],
    aliases: ['换残疾证', '残疾证到期', '残疾证换证'],
    topics: ['disability'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 15,
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['残疾人证有效期满、登记信息变更或证件损毁。'],
    materials: [
      disabilityCard({ key: 'old-card', name: '原残疾人证', note: '换领新证时交回' }),
      idCard(),
      photo(2, { name: '近期二寸免冠彩色照片' }),
    ],
    steps: [step('accept', '受理', 'township', 1, 'local', '乡镇（街道）社会事务办受理'), step('decide', '审核', 'county', 10), step('issue', '制证发放', 'county', 4)],
  }),

  item({
    basicCode: '200501000000',
    name: '困难重度残疾人家庭无障碍改造申请',
    itemType: '20',
    department: '残联',
    levels: '村->镇->县',
    legalBasis: [{ name: '《无障碍环境建设法》', article: '', text: '（要旨）国家支持城乡无障碍设施建设和改造，对符合条件的残疾人、老年人家庭无障碍设施改造给予适当补贴。' }],
    aliases: ['无障碍改造', '残疾人家庭改造', '家庭无障碍'],
    topics: ['disability', 'housing'],
    processKind: 'joint',
    jointDepartments: ['住建'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 30,
    specialProcedures: [{ kind: 'inspection', days: 5, note: '入户评估改造需求和房屋安全' }],
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['家庭中有持证重度（一、二级）残疾人，属于低保、特困或本县规定的其他困难家庭。', '居住房屋为自有产权或长期稳定居住，适合进行无障碍改造。'],
    materials: [
      form('application', '困难重度残疾人家庭无障碍改造申请表', [...PERSON, field('残疾人证号', '110101********000042'), field('改造需求', '卫生间加装扶手、门口坡道', 3)]),
      idCard(),
      disabilityCard(),
      hukou(),
      mat('house', '房屋产权证明或村（居）委会出具的住房证明', { form: 'copy' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `${TOWN_REVIEW}受理；${LOCAL_ACCEPT}`),
      step('pre-review', '初审', 'township', 5, 'local'),
      step('assess', '入户评估', 'county', 9, 'own', '县残联评估改造需求', true),
      step('house-check', '房屋安全评估', 'county', 9, { county: '住建' }, '县住建局评估房屋安全和施工方案', true),
      step('decide', '审核确定', 'county', 15, 'own', '确定改造方案并安排施工'),
    ],
  }),

  item({
    basicCode: '010542001000',
    name: '林木采伐许可证核发',
    itemType: '01',
    department: '林业',
    levels: '镇->县',
    legalBasis: [
      {
        name: '《森林法》',
        article: '第五十六条',
        text: '采伐林地上的林木应当申请采伐许可证，并按照采伐许可证的规定进行采伐；采伐自然保护区以外的竹林，不需要申请采伐许可证，但应当符合林木采伐技术规程。农村居民采伐自留地和房前屋后个人所有的零星林木，不需要申请采伐许可证。……',
      },
      { name: '《森林法》', article: '第五十七条', text: '（要旨）农村居民采伐自留山和个人承包集体林地上的林木，由县级人民政府林业主管部门或者其委托的乡镇人民政府核发采伐许可证。' },
    ],
    aliases: ['砍树', '采伐证', '伐木', '砍伐证'],
    topics: ['agriculture'],
    handlingType: 'promised',
    legalDays: 20,
    promisedDays: 10,
    specialProcedures: [{ kind: 'inspection', days: 5, note: '伐区现场查验' }],
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['采伐的林木权属清楚，持有林权证明。', '采伐符合年度森林采伐限额和林木采伐技术规程。'],
    faq: [{ q: '房前屋后砍几棵树也要办证吗？', a: '不用。农村居民采伐自留地和房前屋后个人所有的零星林木，不需要申请采伐许可证。' }],
    materials: [
      form('application', '林木采伐申请表', [...PERSON, field('采伐地点（小班）', '青山村后山3号小班'), field('树种、株数、蓄积', '杉木，120株，约15立方米'), field('采伐方式', '择伐')]),
      idCard(),
      mat('forest-right', '林权证明', { source: 'government', issuer: '不动产登记机构', form: 'copy', certificateType: '不动产权证书', note: '不动产权证书或林权证' }),
      mat('design', '伐区调查设计或采伐作业说明', { necessity: 'optional', note: '采伐量较大的按规定提供' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', '乡镇（街道）农业农村综合服务中心（林业站）受理'),
      step('inspect', '现场勘验', 'county', 0, 'own', '伐区现场查验，时间不计入承诺时限'),
      step('review', '审核', 'county', 6),
      step('decide', '核发', 'county', 3),
    ],
  }),

  item({
    basicCode: '050405000000',
    name: '耕地地力保护补贴申报',
    itemType: '05',
    department: '农业农村',
    levels: '村->镇',
    legalBasis: [
      {
        name: '财农〔2016〕26号（财政部 农业部关于全面推开农业“三项补贴”改革工作的通知）',
        article: '',
        text: '（要旨）将农作物良种补贴、种粮农民直接补贴和农资综合补贴合并为农业支持保护补贴，政策目标调整为支持耕地地力保护和粮食适度规模经营。',
      },
    ],
    aliases: ['种粮补贴', '地力补贴', '粮食补贴', '种地补贴'],
    topics: ['agriculture'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 20,
    specialProcedures: [{ kind: 'publicity', days: 7, note: '补贴面积和金额在村公示7天' }],
    maxVisits: 0,
    onlineLevel: 'book',
    agentEligible: true,
    conditions: ['拥有耕地承包权的种地农民，耕地用于农业生产且地力不降低。', '已作为畜牧养殖场所、改变用途或长年抛荒的耕地不予补贴。'],
    faq: [{ q: '补贴什么时候到账？', a: '按县里统一安排每年兑付一次，通过社会保障卡或惠农补贴“一卡通”发放。' }],
    materials: [
      idCard(),
      mat('contract', '农村土地承包经营权证', { source: 'government', issuer: '县人民政府', form: 'copy', certificateType: '农村土地承包经营权证' }),
      bank({ name: '社会保障卡或惠农补贴“一卡通”账户' }),
    ],
    steps: [
      step('declare', '村级申报', 'village', 5, 'local', '村委会核实种植面积并造册'),
      step('publicity', '公示', 'village', 0, 'local', '在村公示7天，公示期不计入承诺时限'),
      step('review', '审核', 'township', 10),
      step('pay', '兑付', 'township', 5),
    ],
  }),

  item({
    basicCode: '050407000000',
    name: '农机购置与应用补贴申领',
    itemType: '05',
    department: '农业农村',
    levels: '镇->县',
    legalBasis: [{ name: '《2024—2026年农机购置与应用补贴实施意见》', article: '', text: '（要旨）对购买和应用补贴范围内农业机械的农民、农业生产经营组织给予补贴，实行自主购机、定额补贴、先购后补、县级结算、直补到卡（户）。' }],
    aliases: ['农机补贴', '购机补贴', '买农机补贴'],
    topics: ['agriculture', 'ent-operate'],
    audience: 'both',
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 20,
    specialProcedures: [{ kind: 'inspection', days: 5, note: '对补贴机具进行实物核验' }],
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: false,
    conditions: ['从事农业生产的个人或农业生产经营组织，购买补贴范围内的农业机械。', '在规定时间内提出申请，机具已安装二维码或铭牌。'],
    materials: [
      form('application', '农机购置与应用补贴申请表', [...PERSON, field('机具品目及型号', '轮式拖拉机 XX-904'), field('购机日期及金额', '2026年1月2日，86000元'), F.bank]),
      idCard({ note: '农业生产经营组织提供营业执照' }),
      mat('invoice', '购机发票', { note: '原件' }),
      mat('nameplate', '机具铭牌和人机合影照片', { form: 'electronic' }),
      bank(),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', '乡镇（街道）农业农村综合服务中心受理'),
      step('inspect', '机具核验', 'county', 0, 'own', '实物核验时间不计入承诺时限'),
      step('review', '审核', 'county', 12),
      step('pay', '资金兑付', 'county', 7),
    ],
  }),

  item({
    basicCode: '200601000000',
    name: '受理农村土地承包经营纠纷仲裁申请',
    itemType: '20',
    department: '农业农村',
    levels: '镇->县',
    legalBasis: [
      {
        name: '《农村土地承包经营纠纷调解仲裁法》',
        article: '第二十条',
        text: '申请农村土地承包经营纠纷仲裁应当符合下列条件：（一）申请人与纠纷有直接的利害关系；（二）有明确的被申请人；（三）有具体的仲裁请求和事实、理由；（四）属于农村土地承包仲裁委员会的受理范围。',
      },
    ],
    aliases: ['土地纠纷', '承包地纠纷', '土地仲裁'],
    topics: ['agriculture'],
    handlingType: 'promised',
    legalDays: 5,
    promisedDays: 5,
    maxVisits: 1,
    onlineLevel: 'consult',
    agentEligible: false,
    conditions: ['申请人与纠纷有直接的利害关系，有明确的被申请人，有具体的仲裁请求和事实、理由。', '属于农村土地承包仲裁委员会的受理范围。'],
    faq: [{ q: '仲裁收费吗？', a: '农村土地承包经营纠纷仲裁不收取费用，仲裁工作经费纳入财政预算。' }],
    materials: [
      form('application', '农村土地承包经营纠纷仲裁申请书', [...PERSON, field('被申请人', '王五，青山村3组村民'), field('仲裁请求', '请求确认青山村3组“河滩地”2亩的承包经营权归申请人', 2), field('事实和理由', '申请人自1998年起承包该地块，有承包合同为证……', 4)], { copies: 2, note: '按被申请人人数提交副本' }),
      idCard(),
      mat('contract', '土地承包合同或承包经营权证明', { form: 'copy' }),
      mat('evidence', '证据材料', { form: 'copy', necessity: 'optional', note: '证人证言、照片等' }),
    ],
    steps: [
      step('accept', '收件', 'township', 1, 'local', '乡镇（街道）农业农村综合服务中心收件并转交'),
      step('review', '审查受理', 'county', 3, 'own', '县农村土地承包仲裁委员会审查'),
      step('deliver', '送达', 'county', 1, 'own', '送达受理通知书或不予受理通知书'),
    ],
  }),

  item({
    basicCode: '010620000000',
    name: '动物防疫条件合格证核发',
    itemType: '01',
    department: '农业农村',
    levels: '镇->县',
    legalBasis: [
      {
        name: '《动物防疫法》',
        article: '第二十五条',
        text: '国家实行动物防疫条件审查制度。开办动物饲养场和隔离场所、动物屠宰加工场所以及动物和动物产品无害化处理场所，应当向县级以上地方人民政府农业农村主管部门提出申请，并附具相关材料。……经审查合格的，发给动物防疫条件合格证；不合格的，应当通知申请人并说明理由。',
      },
    ],
    aliases: ['防疫合格证', '养殖场防疫证', '动物防疫证'],
    topics: ['ent-start', 'agriculture'],
    audience: 'both',
    handlingType: 'promised',
    legalDays: 20,
    promisedDays: 15,
    specialProcedures: [{ kind: 'inspection', days: 5, note: '现场核查场所选址、布局和设施设备' }],
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: false,
    conditions: ['场所选址、布局符合动物防疫要求，与居民区、水源地等保持规定距离。', '有与规模相适应的污水、粪便处理设施和清洗消毒设备，有执业兽医或动物防疫技术人员。'],
    materials: [
      form('application', '动物防疫条件审查申请表', [F.name, F.id, F.phone, field('场所名称及地址', '示范县青山镇石桥村张三生猪养殖场'), field('养殖种类及规模', '生猪，年出栏500头')]),
      mat('layout', '场所地理位置图和各功能区布局平面图'),
      mat('equipment', '设施设备清单'),
      mat('rules', '管理制度文本', { note: '含免疫、消毒、检测、无害化处理等制度' }),
      mat('staff', '人员情况说明', { note: '执业兽医或动物防疫技术人员信息' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', '乡镇（街道）农业农村综合服务中心受理'),
      step('review', '材料审查', 'county', 5),
      step('inspect', '现场核查', 'county', 0, 'own', '现场核查时间不计入承诺时限'),
      step('decide', '决定', 'county', 7),
      step('deliver', '送达', 'county', 2),
    ],
  }),

  item({
    basicCode: '010901001000',
    name: '个体工商户设立登记',
    itemType: '01',
    department: '市场监管',
    levels: '镇',
    legalBasis: [
      { name: '《促进个体工商户发展条例》', article: '', text: '（要旨）有经营能力的公民经依法登记为个体工商户；登记机关应当为个体工商户提供依法合规、规范统一、公开透明、便捷高效的登记服务。' },
      { name: '《市场主体登记管理条例》', article: '第十九条', text: '（要旨）对申请材料齐全、符合法定形式的，登记机关予以确认并当场登记；不能当场登记的，应当在3个工作日内予以登记。' },
    ],
    aliases: ['个体户', '营业执照', '办营业执照', '开店'],
    topics: ['ent-start'],
    audience: 'enterprise',
    delegation: { kind: 'entrust', document: '示范县市场监督管理局关于委托乡镇（街道）便民服务中心办理个体工商户登记的通知（示范市监〔2024〕3号）' },
    handlingType: 'instant',
    legalDays: 3,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'full',
    agentEligible: true,
    conditions: ['经营者为有经营能力的自然人，经营场所合法。', '经营范围不属于法律法规禁止的项目；涉及许可的，取得执照后办理相应许可。'],
    faq: [{ q: '在手机上能办吗？', a: '可以，通过“个体工商户登记”网上平台全程网办，审核通过后可领取电子营业执照。' }],
    materials: [
      form('application', '个体工商户登记（备案）申请书', [F.name, F.id, F.phone, field('个体工商户名称', '示范县青山镇张三小吃店'), field('经营场所', '示范县青山镇青山街18号'), field('经营范围', '小餐饮；预包装食品销售')]),
      idCard({ note: '经营者本人的身份证' }),
      mat('premises', '经营场所使用证明', { form: 'copy', note: '房屋租赁合同或产权证明' }),
      mat('agent', '委托代理人证明及代理人身份证', { necessity: 'optional', note: '委托他人办理的提供' }),
    ],
    steps: [step('accept', '受理', 'township', 0, 'own', LOCAL_ACCEPT), step('register', '登记发照', 'township', 0, 'own', '材料齐全的当场登记，发放营业执照')],
  }),

  item({
    basicCode: '010935000000',
    name: '食品小作坊登记',
    itemType: '01',
    department: '市场监管',
    levels: '镇->县',
    legalBasis: [
      {
        name: '《食品安全法》',
        article: '第三十六条',
        text: '食品生产加工小作坊和食品摊贩等从事食品生产经营活动，应当符合本法规定的与其生产经营规模、条件相适应的食品安全要求，保证所生产经营的食品卫生、无毒、无害，食品安全监督管理部门应当对其加强监督管理。……',
      },
      { name: '《示范省食品小作坊和食品摊贩管理条例》', article: '', text: '（要旨）食品小作坊实行登记管理，由县级市场监督管理部门核发登记证。' },
    ],
    aliases: ['小作坊', '作坊登记证', '食品作坊'],
    topics: ['ent-start', 'ent-operate'],
    audience: 'enterprise',
    handlingType: 'promised',
    legalDays: 15,
    promisedDays: 10,
    specialProcedures: [{ kind: 'inspection', days: 3, note: '对生产加工场所进行现场核查' }],
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: false,
    conditions: ['已取得营业执照，有与生产加工食品品种、数量相适应的固定场所和设施。', '从业人员持有健康证明。'],
    materials: [
      form('application', '食品小作坊登记申请表', [F.name, F.id, F.phone, field('小作坊名称', '示范县青山镇张三豆腐坊'), field('生产加工场所', '示范县青山镇青山村3组18号'), field('生产加工品种', '豆腐、豆干')]),
      idCard(),
      mat('license', '营业执照', { source: 'government', issuer: '市场监督管理部门', form: 'copy', certificateType: '营业执照' }),
      mat('layout', '生产加工场所平面图及周边环境图'),
      mat('health', '从业人员健康证明', { source: 'government', issuer: '医疗卫生机构', form: 'copy', necessity: 'deferrable', deferDays: 10, note: '可容缺受理，10个工作日内补交' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', '乡镇（街道）便民服务中心受理'),
      step('review', '审查', 'county', 3),
      step('inspect', '现场核查', 'county', 0, 'own', '现场核查时间不计入承诺时限'),
      step('decide', '决定', 'county', 4),
      step('issue', '发证', 'county', 2),
    ],
  }),

  item({
    basicCode: '200701000000',
    name: '法律援助申请',
    itemType: '20',
    department: '司法',
    levels: '村->镇->县',
    legalBasis: [
      { name: '《法律援助法》', article: '第二十二条', text: '法律援助机构可以组织法律援助人员依法提供下列形式的法律援助服务：（一）法律咨询；（二）代拟法律文书；……' },
      {
        name: '《法律援助法》',
        article: '第四十三条',
        text: '法律援助机构应当自收到法律援助申请之日起七日内进行审查，作出是否给予法律援助的决定；决定给予法律援助的，应当自作出决定之日起三日内指派法律援助人员为受援人提供法律援助；……',
      },
    ],
    aliases: ['法援', '打官司', '免费律师', '请律师'],
    topics: ['employment'],
    handlingType: 'promised',
    legalDays: 7,
    promisedDays: 7,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['因经济困难没有委托代理人，申请事项属于法律援助范围。', '追索劳动报酬、请求工伤赔偿等特定事项的，不受经济困难条件限制。'],
    faq: [{ q: '农民工讨薪可以申请吗？', a: '可以。请求支付劳动报酬的，不受经济困难条件的限制。' }],
    materials: [
      form('application', '法律援助申请表', [...PERSON, field('案件类型', '追索劳动报酬'), field('案情概要', '申请人于2025年在某工地务工，被拖欠工资12000元……', 4)]),
      idCard(),
      mat('hardship', '法律援助经济困难状况说明表', { note: '本人签字承诺；低保、特困等人员可免予说明' }),
      mat('case', '与所申请法律援助事项有关的材料', { form: 'copy', note: '如劳动合同、欠条、工资条、证人信息等' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', '乡镇（街道）司法所代为接收并转交；可由村代办员代收'),
      step('review', '审查', 'county', 4, 'own', '县法律援助中心审查'),
      step('decide', '决定', 'county', 1),
      step('assign', '指派', 'county', 1, 'own', '指派律师或法律援助人员，通知申请人'),
    ],
  }),

  item({
    basicCode: '200702000000',
    name: '人民调解',
    itemType: '20',
    department: '司法',
    levels: '村->镇',
    legalBasis: [
      { name: '《人民调解法》', article: '第十七条', text: '当事人可以向人民调解委员会申请调解；人民调解委员会也可以主动调解。当事人一方明确拒绝调解的，不得调解。' },
      { name: '《人民调解法》', article: '第三十四条', text: '乡镇、街道以及社会团体或者其他组织根据需要可以参照本法有关规定设立人民调解委员会，调解民间纠纷。' },
    ],
    aliases: ['调解', '纠纷调解', '邻里纠纷', '矛盾调解'],
    topics: [],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 30,
    maxVisits: 2,
    onlineLevel: 'book',
    agentEligible: false,
    conditions: ['公民之间、公民与组织之间发生的民间纠纷，当事人自愿调解。', '纠纷未经人民法院、行政机关处理或未在处理中。'],
    faq: [{ q: '调解收费吗？', a: '人民调解不收取任何费用。达成的调解协议具有法律约束力，可以申请人民法院司法确认。' }],
    materials: [
      form('application', '人民调解申请书', [...PERSON, field('对方当事人', '王五，青山村3组村民'), field('纠纷事项', '宅基地相邻通道通行纠纷', 3)], { necessity: 'optional', note: '也可口头申请，由调解员记录' }),
      idCard(),
      mat('evidence', '纠纷相关证据材料', { form: 'copy', necessity: 'optional' }),
    ],
    steps: [
      step('accept', '申请受理', 'township', 1, 'own', '村（社区）人民调解委员会或乡镇（街道）人民调解委员会受理'),
      step('investigate', '调查了解', 'township', 9),
      step('mediate', '调解', 'township', 18),
      step('agreement', '制作调解协议', 'township', 2),
    ],
  }),

  item({
    basicCode: '070807001000',
    name: '出生登记',
    itemType: '07',
    department: '公安',
    levels: '镇',
    legalBasis: [
      {
        name: '《户口登记条例》',
        article: '第七条',
        text: '婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。弃婴，由收养人或者育婴机关向户口登记机关申报出生登记。',
      },
    ],
    aliases: ['上户口', '报户口', '新生儿落户', '小孩上户口'],
    topics: ['birth'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['婴儿出生后一个月以内申报（逾期可补办）。', '随父或随母在本辖区落户。'],
    faq: [{ q: '可以和医保参保一起办吗？', a: '可以，出生“一件事”一次办理：出生登记、医保参保、社保卡申领可一并提交。' }],
    materials: [
      mat('birth-cert', '出生医学证明', { source: 'government', issuer: '医疗卫生机构', certificateType: '出生医学证明' }),
      idCard({ note: '父母双方的身份证' }),
      hukou({ note: '落户方的户口簿' }),
      mat('marriage', '结婚证', { source: 'government', issuer: '民政部门（婚姻登记机关）', form: 'copy', certificateType: '结婚证', necessity: 'optional' }),
    ],
    steps: [step('accept', '受理', 'township', 0, 'own', '派出所户籍窗口受理'), step('register', '登记', 'township', 0, 'own', '当场办结')],
  }),

  item({
    basicCode: '070807003000',
    name: '死亡注销',
    itemType: '07',
    department: '公安',
    levels: '镇',
    legalBasis: [
      {
        name: '《户口登记条例》',
        article: '第八条',
        text: '公民死亡，城市在葬前，农村在一个月以内，由户主、亲属、抚养人或者邻居向户口登记机关申报死亡登记，注销户口。……',
      },
    ],
    aliases: ['销户', '注销户口', '去世销户'],
    topics: ['after-death'],
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 1,
    onlineLevel: 'book',
    agentEligible: true,
    conditions: ['公民死亡，农村在一个月以内、城市在葬前申报。'],
    faq: [{ q: '销户后还要办什么？', a: '可在同一窗口一并申请社会保障卡注销、丧葬补助等身后事，不用多头跑。' }],
    materials: [
      mat('death-cert', '居民死亡医学证明（推断）书', { source: 'government', issuer: '医疗卫生机构', certificateType: '居民死亡医学证明（推断）书', note: '或火化证明' }),
      hukou({ note: '死者所在户的户口簿' }),
      idCard({ note: '申报人的身份证；死者的身份证一并交回' }),
    ],
    steps: [step('accept', '受理', 'township', 0, 'own', '派出所户籍窗口受理'), step('register', '注销', 'township', 0, 'own', '当场办结')],
  }),

  item({
    basicCode: '011107002000',
    name: '户口迁移',
    itemType: '01',
    department: '公安',
    levels: '镇->县',
    legalBasis: [
      {
        name: '《户口登记条例》',
        article: '第十条',
        text: '公民迁出本户口管辖区，由本人或者户主在迁出前向户口登记机关申报迁出登记，领取迁移证件，注销户口。……',
      },
    ],
    aliases: ['迁户口', '户口迁入', '落户', '投靠落户'],
    topics: ['housing', 'marriage'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 5,
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['符合本县户口迁移政策（婚姻投靠、父母子女投靠、购房、就业等）。'],
    faq: [{ q: '跨省迁移要回原籍吗？', a: '不用。跨省户口迁移已实行“一站式”办理，在迁入地派出所申请即可。' }],
    materials: [
      form('application', '户口迁移申请表', [...PERSON, field('迁入地址', '示范县城关街道东关社区人民路1号'), field('迁移原因', '婚姻投靠'), field('随迁人员', '无')]),
      idCard(),
      hukou(),
      mat('proof', '落户条件证明材料', { form: 'copy', note: '如结婚证、房屋产权证明、劳动合同等' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', '迁入地派出所户籍窗口受理'),
      step('review', '审核', 'county', 2, 'own', '县公安局户政部门审核'),
      step('decide', '审批', 'county', 1),
      step('finish', '办结', 'county', 1, 'own', '迁入地派出所办理落户'),
    ],
  }),

  item({
    basicCode: '200801001000',
    name: '居民身份证申领',
    itemType: '20',
    department: '公安',
    levels: '镇',
    legalBasis: [{ name: '《居民身份证法》', article: '第八条', text: '居民身份证由居民常住户口所在地的县级人民政府公安机关签发。' }],
    aliases: ['身份证', '办身份证', '补办身份证', '换身份证'],
    topics: [],
    handlingType: 'promised',
    legalDays: 60,
    promisedDays: 20,
    fees: [{ name: '居民身份证工本费', amountFen: 2000, basis: '《国家发展改革委 财政部关于第二代居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）' }],
    maxVisits: 1,
    onlineLevel: 'book',
    agentEligible: false,
    conditions: ['本县常住户口居民首次申领、有效期满换领或遗失补领居民身份证。'],
    faq: [
      { q: '可以邮寄吗？', a: '可以选择邮寄到家，邮寄免费，办证只需跑一次。' },
      { q: '未满16周岁的孩子怎么办？', a: '由监护人陪同办理，携带户口簿。' },
    ],
    materials: [
      hukou(),
      mat('old-id', '原居民身份证', { source: 'government', issuer: '公安机关', certificateType: '居民身份证', necessity: 'optional', note: '换领时交回' }),
      mat('photo', '人像照片', { form: 'electronic', copies: 0, necessity: 'optional', note: '窗口现场免费拍摄，也可提供符合标准的数码照片回执' }),
    ],
    steps: [
      step('accept', '受理', 'township', 0, 'own', '采集人像和指纹'),
      step('review', '审核签发', 'township', 3, 'own', '报县公安局签发'),
      step('make', '制证', 'township', 15, 'own', '省级公安机关统一制证'),
      step('deliver', '领证', 'township', 2, 'own', '窗口领取或免费邮寄'),
    ],
  }),

  item({
    basicCode: '200802000000',
    name: '居住证办理',
    itemType: '20',
    department: '公安',
    levels: '镇',
    legalBasis: [
      {
        name: '《居住证暂行条例》',
        article: '第二条',
        text: '公民离开常住户口所在地，到其他城市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以依照本条例的规定申领居住证。',
      },
    ],
    aliases: ['暂住证', '办居住证'],
    topics: ['housing', 'education'],
    handlingType: 'promised',
    legalDays: 15,
    promisedDays: 15,
    maxVisits: 1,
    onlineLevel: 'apply',
    agentEligible: false,
    conditions: ['离开常住户口所在地到本县居住半年以上。', '有合法稳定就业、合法稳定住所、连续就读条件之一。'],
    materials: [
      form('application', '居住证申领登记表', [...PERSON, field('居住地址', '示范县城关街道西关社区建设路2号'), field('居住事由', '务工'), field('工作单位或就读学校', '示范县某食品有限公司')]),
      idCard(),
      mat('residence', '居住地住址证明', { form: 'copy', note: '房屋租赁合同或房屋产权证明' }),
      mat('work', '就业或就读证明', { form: 'copy', note: '劳动合同、营业执照或学籍证明之一' }),
    ],
    steps: [step('accept', '受理', 'township', 1), step('review', '审核', 'township', 4), step('make', '制证', 'township', 8), step('deliver', '发证', 'township', 2)],
  }),

  item({
    basicCode: '050610000000',
    name: '退役士兵自主就业一次性经济补助金给付',
    itemType: '05',
    department: '退役军人事务',
    levels: '镇->县',
    legalBasis: [
      { name: '《退役军人保障法》', article: '', text: '（要旨）对退役的士兵，国家采取逐月领取退役金、自主就业、安排工作、供养等方式妥善安置；自主就业的，地方人民政府可以根据当地实际情况给予经济补助。' },
      { name: '《退役士兵安置条例》', article: '', text: '（要旨）自主就业的退役士兵由部队发给一次性退役金，地方人民政府可以根据当地实际情况给予经济补助。' },
    ],
    aliases: ['退伍补助', '退役补助金', '退伍费', '自主就业补助'],
    topics: ['employment'],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 20,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['选择自主就业的退役士兵，入伍时户籍在本县。', '在规定期限内到县退役军人事务局报到。'],
    materials: [
      form('application', '退役士兵自主就业一次性经济补助金申请表', [...PERSON, field('入伍时间', '2021年9月'), field('退役时间', '2025年9月'), F.bank]),
      idCard(),
      mat('discharge', '退出现役登记表或退伍证', { source: 'government', issuer: '部队或退役军人事务部门', form: 'copy' }),
      bank(),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', '乡镇（街道）退役军人服务站受理'),
      step('review', '审核', 'county', 12),
      step('pay', '发放', 'county', 7),
    ],
  }),

  item({
    basicCode: '200901000000',
    name: '退役军人优待证申领',
    itemType: '20',
    department: '退役军人事务',
    levels: '村->镇->县',
    legalBasis: [
      { name: '《退役军人保障法》', article: '', text: '（要旨）国家对退役军人给予优待，退役军人凭优待证享受规定的优待。' },
      { name: '《退役军人、其他优抚对象优待证管理办法（试行）》', article: '', text: '（要旨）优待证由退役军人本人向户籍所在地退役军人服务站申请，县级退役军人事务部门审核，省级统一制发。' },
    ],
    aliases: ['优待证', '军人优待证', '退役军人卡'],
    topics: [],
    handlingType: 'promised',
    legalDays: null,
    promisedDays: 30,
    maxVisits: 0,
    onlineLevel: 'apply',
    agentEligible: true,
    conditions: ['已退出现役、户籍在本县的退役军人，或本县的其他优抚对象。'],
    faq: [{ q: '优待证能享受哪些优待？', a: '凭证享受交通出行、文化旅游、医疗服务等方面的优先优惠服务，具体以公布的优待目录为准。' }],
    materials: [
      form('application', '退役军人优待证申领表', [...PERSON, field('退役证件编号', '退字第 0000000 号（示例）'), field('领证方式', '村代办员代领')]),
      idCard(),
      mat('discharge', '退役证件', { source: 'government', issuer: '部队或退役军人事务部门', form: 'copy' }),
      photo(1, { form: 'electronic', copies: 1, note: '白底电子照片，可现场采集' }),
    ],
    steps: [
      step('accept', '受理', 'township', 1, 'local', `乡镇（街道）退役军人服务站受理；${LOCAL_ACCEPT}`),
      step('pre-review', '初审', 'township', 5, 'local'),
      step('review', '审核', 'county', 9),
      step('make', '制证', 'county', 12, 'own', '省级统一制证'),
      step('deliver', '发放', 'county', 3),
    ],
  }),

  item({
    basicCode: '201001000000',
    name: '水电气缴费',
    itemType: '20',
    department: '公共服务企业',
    levels: '村->镇',
    legalBasis: [
      { name: '《电力法》', article: '', text: '（要旨）供电企业按照国家核准的电价和用电计量装置的记录，向用户计收电费。' },
      { name: '《城市供水条例》', article: '', text: '（要旨）用户应当按照规定的计量标准和水价标准按时缴纳水费。' },
    ],
    aliases: ['交电费', '交水费', '交燃气费', '电费', '水费'],
    topics: ['housing'],
    audience: 'both',
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'full',
    agentEligible: true,
    conditions: ['持有本县供水、供电、供气户号的用户。'],
    faq: [{ q: '不会用手机缴费怎么办？', a: '可到村（社区）便民服务室由代办员代缴，或到乡镇便民服务中心窗口缴纳。' }],
    materials: [mat('account', '户号或缴费通知单', { note: '提供户号即可' }), idCard({ necessity: 'optional', note: '办理过户、开户时提供' })],
    steps: [step('pay', '缴费', 'township', 0, 'own', '当场办结，可在村便民服务室代缴')],
  }),

  item({
    basicCode: '201101000000',
    name: '政策咨询与文件查阅',
    itemType: '20',
    department: '综合',
    levels: '村->镇',
    legalBasis: [{ name: '《政府信息公开条例》', article: '', text: '（要旨）各级人民政府应当在政务服务场所等设置政府信息查阅场所，为公民、法人和其他组织获取政府信息提供便利。' }],
    aliases: ['政策咨询', '查文件', '问政策', '咨询'],
    topics: [],
    audience: 'both',
    handlingType: 'instant',
    legalDays: null,
    promisedDays: 0,
    maxVisits: 0,
    onlineLevel: 'consult',
    agentEligible: true,
    conditions: ['公民、法人和其他组织均可咨询政策、查阅已公开的政府文件。'],
    materials: [
      idCard({ necessity: 'optional', note: '查询涉及本人信息的事项时提供' }),
      mat('register', '查阅登记', { necessity: 'optional', note: '现场登记查阅的文件名称' }),
    ],
    steps: [step('answer', '咨询与查阅', 'township', 0, 'own', '当场答复；不能当场答复的，一次性告知答复时间')],
  }),
];

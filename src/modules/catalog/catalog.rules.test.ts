import { describe, expect, test } from 'vitest';
import {
  checkBasicCode,
  describeLevels,
  diffContent,
  feesLabel,
  implementationCode,
  parseImplementationCode,
  stepDays,
  transition,
  validateContent,
  type ItemContent,
  type ItemType,
  type LifecycleAction,
  type VersionStatus,
} from './catalog.rules.js';

const DEPT = '00000000-0000-7000-8000-000000000001';
const FILE = '00000000-0000-7000-8000-000000000002';
const ctx = { centerLevel: 'township' as const, knownDepartmentIds: new Set([DEPT]), knownFileIds: new Set([FILE]) };

function item(over: Partial<ItemContent> = {}): ItemContent {
  return {
    name: '最低生活保障审核确认',
    itemType: '05',
    legalBasis: [{ name: '《社会救助暂行办法》', article: '第十一条', text: '' }],
    aliases: ['低保'],
    topics: ['social-security'],
    audience: 'person',
    acceptLevels: ['village', 'township'],
    preReviewLevel: null,
    decideLevel: 'township',
    delegation: null,
    handlingType: 'promised',
    processKind: 'local',
    jointDepartmentIds: [],
    legalDays: 30,
    promisedDays: 20,
    specialProcedures: [],
    fees: [],
    maxVisits: 1,
    onlineLevel: 'apply',
    place: '青山镇便民服务中心',
    hours: '工作日',
    phone: '0399-86010001',
    complaintPhone: '12345',
    agentEligible: true,
    conditions: [],
    faq: [],
    materials: [
      { key: 'm1', name: '申请书', source: 'applicant', issuer: '', form: 'original', copies: 1, necessity: 'required', deferDays: null, blankFileId: FILE, sampleFileId: null, certificateType: null, note: '' },
    ],
    steps: [
      { key: 's1', name: '受理', departmentId: null, level: 'township', days: 2, parallel: false, note: '' },
      { key: 's2', name: '审查', departmentId: DEPT, level: 'township', days: 10, parallel: false, note: '' },
    ],
    ...over,
  };
}

const codes = (c: ItemContent, context = ctx) => validateContent(c, context).map((e) => `${e.path}:${e.code}`);

describe('basic code (基本编码)', () => {
  test.each<[string, ItemType, string | null]>([
    ['050001001000', '05', null],
    ['200123004005', '20', null],
    ['010000001000', '01', 'CATALOG_BASIC_CODE_FORMAT'], // main item 0000
    ['05000100100', '05', 'CATALOG_BASIC_CODE_FORMAT'], // 11 digits
    ['05000100100A', '05', 'CATALOG_BASIC_CODE_FORMAT'],
    ['070001001000', '05', 'CATALOG_BASIC_CODE_TYPE'], // says 行政确认, typed 行政给付
  ])('%s as type %s → %s', (code, type, expected) => {
    expect(checkBasicCode(code, type)?.code ?? null).toBe(expected);
  });
});

describe('implementation code (实施编码)', () => {
  test('credit code + level digit + basic code, and back', () => {
    const code = implementationCode('11139921MB0000001X', 'township', '050001001000');
    expect(code).toBe('11139921MB0000001X5050001001000');
    expect(code).toHaveLength(31);
    expect(parseImplementationCode(code)).toEqual({ creditCode: '11139921MB0000001X', level: 'township', basicCode: '050001001000' });
    expect(parseImplementationCode(implementationCode('11139921MB0000001X', 'county', '200001001000'))?.level).toBe('county');
  });
  test.each(['11139921MB0000001X7050001001000', '11139921MB0000001X505000100100', 'short'])('rejects %s', (bad) => {
    expect(parseImplementationCode(bad)).toBeNull();
  });
});

describe('life cycle', () => {
  test.each<[VersionStatus, LifecycleAction, VersionStatus | 'refused']>([
    ['draft', 'edit', 'draft'],
    ['draft', 'submit', 'in_review'],
    ['draft', 'approve', 'refused'],
    ['in_review', 'approve', 'published'],
    ['in_review', 'reject', 'draft'],
    ['in_review', 'edit', 'refused'],
    ['published', 'withdraw', 'withdrawn'],
    ['published', 'submit', 'refused'],
    ['superseded', 'withdraw', 'refused'],
    ['withdrawn', 'approve', 'refused'],
  ])('%s --%s--> %s', (from, action, to) => {
    const r = transition(from, action);
    expect(typeof r === 'string' ? r : 'refused').toBe(to);
    if (typeof r !== 'string') expect(r.message).toMatch(/当前状态/);
  });
});

describe('element validation', () => {
  test('a complete item is valid', () => {
    expect(codes(item())).toEqual([]);
  });

  test.each<[string, Partial<ItemContent>, string]>([
    ['即办件 with days', { handlingType: 'instant', promisedDays: 3 }, 'promisedDays:CATALOG_INSTANT_DAYS'],
    ['承诺件 without days', { promisedDays: 0, steps: [{ key: 's', name: '受理', departmentId: null, level: 'township', days: 0, parallel: false, note: '' }] }, 'promisedDays:CATALOG_PROMISED_DAYS'],
    ['promise beyond the law', { legalDays: 10, promisedDays: 20 }, 'promisedDays:CATALOG_PROMISE_EXCEEDS_LAW'],
    ['accepted above the decision', { acceptLevels: ['county'] }, 'acceptLevels:CATALOG_LEVEL_ORDER'],
    ['decided above the center without 报批', { decideLevel: 'county' }, 'processKind:CATALOG_REPORT_REQUIRED'],
    ['decided below the center without delegation', { decideLevel: 'village', acceptLevels: ['village'], steps: [{ key: 's', name: '受理', departmentId: null, level: 'village', days: 1, parallel: false, note: '' }] }, 'delegation:CATALOG_DELEGATION_REQUIRED'],
    ['pre-review at the deciding level', { preReviewLevel: 'township' }, 'preReviewLevel:CATALOG_LEVEL_ORDER'],
    ['联办件 without departments', { processKind: 'joint' }, 'jointDepartmentIds:CATALOG_JOINT_DEPTS'],
    ['unknown joint department', { processKind: 'joint', jointDepartmentIds: ['00000000-0000-7000-8000-0000000000ff'] }, 'jointDepartmentIds.0:CATALOG_UNKNOWN_DEPARTMENT'],
    ['全程网办 with visits', { onlineLevel: 'full', maxVisits: 1 }, 'maxVisits:CATALOG_VISITS'],
    ['no trips but neither online nor agent', { maxVisits: 0, agentEligible: false }, 'maxVisits:CATALOG_VISITS'],
    ['no legal basis', { legalBasis: [] }, 'legalBasis:CATALOG_LEGAL_BASIS'],
    ['公示 without days', { specialProcedures: [{ kind: 'publicity', days: 0, note: '' }] }, 'specialProcedures.0.days:CATALOG_PUBLICITY_DAYS'],
    ['fee without basis', { fees: [{ name: '工本费', amountFen: 2000, basis: ' ' }] }, 'fees.0.basis:CATALOG_FEE_BASIS'],
    ['steps longer than the promise', { promisedDays: 10 }, 'steps:CATALOG_STEP_DAYS'],
    ['step above the decision', { steps: [{ key: 's', name: '决定', departmentId: null, level: 'county', days: 1, parallel: false, note: '' }] }, 'steps.0.level:CATALOG_LEVEL_ORDER'],
    ['no steps', { steps: [] }, 'steps:CATALOG_STEPS'],
  ])('%s', (_, over, expected) => {
    expect(codes(item(over))).toContain(expected);
  });

  test.each<[string, Partial<ItemContent['materials'][number]>, string]>([
    ['容缺后补 without a deadline', { necessity: 'deferrable', deferDays: null }, 'materials.0.deferDays:CATALOG_DEFER_DAYS'],
    ['a deadline on a required material', { deferDays: 5 }, 'materials.0.deferDays:CATALOG_DEFER_DAYS'],
    ['paper with zero copies', { copies: 0 }, 'materials.0.copies:CATALOG_COPIES'],
    ['electronic with two copies', { form: 'electronic', copies: 2 }, 'materials.0.copies:CATALOG_COPIES'],
    ['issued by government without an issuer', { source: 'government', issuer: '' }, 'materials.0.issuer:CATALOG_ISSUER'],
    ['a blank form that does not exist', { blankFileId: '00000000-0000-7000-8000-0000000000aa' }, 'materials.0.blankFileId:CATALOG_UNKNOWN_FILE'],
  ])('material: %s', (_, over, expected) => {
    const base = item();
    expect(codes({ ...base, materials: [{ ...base.materials[0], ...over }] })).toContain(expected);
  });

  test('duplicate material names and keys are both reported, all at once with other problems', () => {
    const base = item({ handlingType: 'instant' });
    const errs = codes({ ...base, materials: [base.materials[0], { ...base.materials[0] }] });
    expect(errs).toEqual(expect.arrayContaining(['materials.1.key:CATALOG_DUPLICATE', 'materials:CATALOG_DUPLICATE', 'promisedDays:CATALOG_INSTANT_DAYS']));
  });
});

describe('step days', () => {
  test.each<[string, { days: number; parallel: boolean }[], number]>([
    ['serial steps add up', [{ days: 2, parallel: false }, { days: 5, parallel: false }], 7],
    ['parallel steps count once, at their longest', [{ days: 1, parallel: false }, { days: 5, parallel: true }, { days: 8, parallel: true }, { days: 2, parallel: false }], 11],
    ['trailing parallel group', [{ days: 3, parallel: true }, { days: 4, parallel: true }], 4],
    ['none', [], 0],
  ])('%s', (_, steps, total) => {
    expect(stepDays(steps)).toBe(total);
  });
});

describe('labels', () => {
  test('levels and fees read as a villager would say them', () => {
    expect(describeLevels({ acceptLevels: ['village', 'township'], preReviewLevel: 'township', decideLevel: 'county' })).toBe('村、镇受理 → 镇初审 → 县决定');
    expect(feesLabel([])).toBe('不收费');
    expect(feesLabel([{ name: '工本费', amountFen: 2000, basis: 'x' }])).toBe('工本费 20.00 元');
  });
});

describe('version diff', () => {
  test('element changes, materials by key (added, removed, changed) and reordered steps', () => {
    const a = item();
    const b = item({
      promisedDays: 15,
      materials: [{ ...a.materials[0], copies: 2 }, { key: 'm2', name: '户口簿', source: 'government', issuer: '公安机关', form: 'copy', copies: 1, necessity: 'required', deferDays: null, blankFileId: null, sampleFileId: null, certificateType: '户口簿', note: '' }],
      steps: [a.steps[1], a.steps[0]],
    });
    const d = diffContent(a, b);
    expect(d).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'promisedDays', label: '承诺时限', kind: 'changed', before: 20, after: 15 }),
        expect.objectContaining({ path: 'materials[m1].copies', label: '申请材料「申请书」份数', before: 1, after: 2 }),
        expect.objectContaining({ path: 'materials[m2]', kind: 'added' }),
        expect.objectContaining({ path: 'steps.order', kind: 'changed', before: ['s1', 's2'], after: ['s2', 's1'] }),
      ]),
    );
    expect(diffContent(a, item())).toEqual([]);
    expect(diffContent(b, a).find((x) => x.path === 'materials[m2]')?.kind).toBe('removed');
  });
});

describe('version diff and key order', () => {
  test('objects whose keys come back from the database in another order are not changes', () => {
    const a = item({ faq: [{ q: '要带什么？', a: '身份证' }] });
    const reordered = JSON.parse(JSON.stringify(a), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).reverse()) : v,
    ) as ItemContent;
    expect(diffContent(a, reordered)).toEqual([]);
  });
});

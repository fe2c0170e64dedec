import { describe, expect, test } from 'vitest';
import type { Material, Step } from '../catalog/catalog.rules.js';
import {
  acceptanceProblems,
  CASE_STATUS_KEYS,
  CASE_STATUSES,
  caseNumber,
  deadlineState,
  openReviewTasks,
  planTasks,
  trackingMatches,
  transition,
  TRANSITIONS,
  type CaseAction,
  type CaseStatus,
} from './cases.rules.js';

describe('state machine', () => {
  test('national status codes', () => {
    expect(Object.fromEntries(CASE_STATUS_KEYS.map((s) => [s, CASE_STATUSES[s].code]))).toEqual({
      received: '02',
      accepted: '05',
      correcting: '06',
      rejected: '07',
      suspended: '11',
      concluded: '10',
      in_review: '12',
      returned: '13',
      withdrawn: '99',
    });
  });

  test.each<[CaseStatus, CaseAction, CaseStatus | 'refused']>([
    ['received', 'accept', 'accepted'],
    ['received', 'request_correction', 'correcting'],
    ['received', 'reject', 'rejected'],
    ['received', 'decide', 'refused'],
    ['correcting', 'accept', 'accepted'],
    ['correcting', 'request_correction', 'correcting'],
    ['correcting', 'reject', 'rejected'],
    ['correcting', 'resubmit', 'received'], // the applicant answered the one-time notice
    ['received', 'resubmit', 'refused'],
    ['accepted', 'resubmit', 'refused'],
    ['accepted', 'start_review', 'in_review'],
    ['accepted', 'decide', 'concluded'], // 即办件
    ['accepted', 'accept', 'refused'],
    ['in_review', 'suspend', 'suspended'],
    ['in_review', 'decide', 'concluded'],
    ['in_review', 'return', 'returned'],
    ['suspended', 'resume', 'in_review'],
    ['suspended', 'decide', 'refused'],
    ['concluded', 'decide', 'refused'],
    ['concluded', 'withdraw', 'refused'],
    ['rejected', 'accept', 'refused'],
    ['returned', 'resume', 'refused'],
    ['withdrawn', 'accept', 'refused'],
    ['in_review', 'withdraw', 'withdrawn'],
  ])('%s --%s--> %s', (from, action, to) => {
    const r = transition(from, action);
    expect(typeof r === 'string' ? r : 'refused').toBe(to);
    if (typeof r !== 'string') {
      expect(r.code).toBe('CASE_TRANSITION_NOT_ALLOWED');
      expect(r.message).toContain(CASE_STATUSES[from].label);
    }
  });

  test('terminal states have no way out', () => {
    for (const s of ['concluded', 'rejected', 'returned', 'withdrawn'] as const) expect(TRANSITIONS[s]).toEqual({});
  });
});

describe('case number', () => {
  test('implementation code + yyyymmdd + 4-digit serial', () => {
    const impl = '11139921MB0000001X5050101000000';
    expect(caseNumber(impl, '2026-11-23', 7)).toBe(`${impl}202611230007`);
    expect(caseNumber(impl, '2026-11-23', 7)).toHaveLength(43);
    expect(() => caseNumber(impl, '2026-11-23', 10_000)).toThrow();
  });
});

const mat = (key: string, necessity: Material['necessity']): Material => ({
  key,
  name: `材料${key}`,
  source: 'applicant',
  issuer: '',
  form: 'original',
  copies: 1,
  necessity,
  deferDays: necessity === 'deferrable' ? 5 : null,
  blankFileId: null,
  sampleFileId: null,
  certificateType: null,
  note: '',
});

describe('materials at acceptance', () => {
  const materials = [mat('a', 'required'), mat('b', 'deferrable'), mat('c', 'optional')];
  test.each<[string, { key: string; status: 'received' | 'missing' | 'deferred' | 'not_needed' }[], string[]]>([
    ['all received', [{ key: 'a', status: 'received' }, { key: 'b', status: 'received' }, { key: 'c', status: 'received' }], []],
    ['容缺 deferred, optional missing', [{ key: 'a', status: 'received' }, { key: 'b', status: 'deferred' }], []],
    ['required missing', [{ key: 'b', status: 'received' }], ['CASE_MATERIAL_MISSING']],
    ['容缺 material missing without a promise', [{ key: 'a', status: 'received' }], ['CASE_MATERIAL_MISSING']],
    ['容缺 material not needed for this applicant', [{ key: 'a', status: 'received' }, { key: 'b', status: 'not_needed' }], []],
    ['a required one is always needed', [{ key: 'a', status: 'not_needed' }, { key: 'b', status: 'received' }], ['CASE_MATERIAL_MISSING']],
    ['a required one cannot be deferred', [{ key: 'a', status: 'deferred' }, { key: 'b', status: 'received' }], ['CASE_MATERIAL_NOT_DEFERRABLE']],
    ['unknown key', [{ key: 'a', status: 'received' }, { key: 'b', status: 'received' }, { key: 'zz', status: 'received' }], ['CASE_UNKNOWN_MATERIAL']],
  ])('%s', (_, checks, codes) => {
    expect(acceptanceProblems(materials, checks).map((p) => p.code)).toEqual(codes);
  });
});

const step = (key: string, name: string, parallel = false, departmentId: string | null = null): Step => ({ key, name, departmentId, level: 'township', days: 2, parallel, note: '' });

describe('tasks from steps', () => {
  test('stages follow the steps; parallel neighbours share one; kinds by role', () => {
    const plan = planTasks([step('s1', '受理'), step('s2', '初审'), step('s3', '住建评估', true, 'd2'), step('s4', '残联评估', true), step('s5', '决定'), step('s6', '送达')], 'own', 'township');
    expect(plan.map((p) => [p.name, p.stage, p.kind, p.departmentId])).toEqual([
      ['受理', 1, 'acceptance', 'own'],
      ['初审', 2, 'review', 'own'],
      ['住建评估', 3, 'review', 'd2'],
      ['残联评估', 3, 'review', 'own'],
      ['决定', 4, 'decision', 'own'],
      ['送达', 5, 'delivery', 'own'],
    ]);
    expect(openReviewTasks(plan.map((p) => ({ ...p, status: p.kind === 'acceptance' ? 'done' : 'open' })))).toEqual(['初审', '住建评估', '残联评估']);
    // A 即办件's last step (登记) is its decision; an item without a decision-like name decides at its last review step.
    expect(planTasks([step('a', '受理'), step('b', '登记')], 'own', 'township').map((p) => p.kind)).toEqual(['acceptance', 'decision']);
    expect(planTasks([step('a', '受理'), step('b', '审查'), step('c', '发证')], 'own', 'township').map((p) => p.kind)).toEqual(['acceptance', 'decision', 'delivery']);
    // Steps after the decision carry the result out (发放, 指派) at delivery; 受理 after a village step is still acceptance.
    expect(planTasks([step('a', '受理'), step('b', '审查'), step('c', '审批'), step('d', '发放')], 'own', 'township').map((p) => p.kind)).toEqual(['acceptance', 'review', 'decision', 'delivery']);
    expect(planTasks([step('a', '村委会初审'), step('b', '受理'), step('c', '审查'), step('d', '决定')], 'own', 'township').map((p) => p.kind)).toEqual(['acceptance', 'acceptance', 'review', 'decision']);
    // 审查受理 is a review (here the deciding one), not the window's 受理.
    expect(planTasks([step('a', '收件'), step('b', '审查受理'), step('c', '送达')], 'own', 'county').map((p) => p.kind)).toEqual(['acceptance', 'decision', 'delivery']);
    // A county item's township step has no department: the reviewers where it was handed in take it.
    expect(planTasks([step('s1', '入户调查')], 'county-dept', 'county')[0].departmentId).toBeNull();
  });
});

describe('deadline state (derived)', () => {
  test.each<[string, number | null, string]>([
    ['in_review', 5, 'normal'],
    ['in_review', 2, 'warning'],
    ['accepted', 0, 'warning'],
    ['in_review', -1, 'overdue'],
    ['suspended', -3, 'paused'],
    ['concluded', -3, 'none'],
    ['received', null, 'none'],
  ])('%s with %s days left → %s', (status, remaining, state) => {
    expect(deadlineState(status, remaining, 2)).toBe(state);
  });
});

describe('tracking proof', () => {
  test.each<[string, boolean]>([
    ['刘大山', true],
    [' 刘大山 ', true],
    ['002x', true],
    ['002X', true],
    ['02X', false],
    ['刘', false],
    ['', false],
  ])('%s → %s', (proof, ok) => {
    expect(trackingMatches(proof, { name: '刘大山', idTail: '002X' })).toBe(ok);
  });
});

import { describe, expect, test } from 'vitest';
import { isWeekend, type WorkCalendar } from '../calendar/calendar.rules.js';
import {
  collectedAtOf,
  collectionDates,
  handoverRefusal,
  hoursToTenths,
  isLate,
  ledgerOutcome,
  mandateAbilities,
  monthLabel,
  monthRange,
  tenthsToHours,
  timelinessOf,
  type MandateState,
  type TimelinessInput,
} from './agency.rules.js';

/** 2026 with weekends and one holiday (Monday 2026-04-06, 清明) and one swapped working Sunday (2026-04-26). */
const cal: WorkCalendar = {
  hasYear: (y) => y === 2026,
  isWorkday: (d) => {
    if (!d.startsWith('2026-')) throw new Error(`no calendar for ${d}`);
    if (d === '2026-04-26') return true;
    return !isWeekend(d) && d !== '2026-04-06';
  },
};

describe('collection and due day', () => {
  test.each([
    ['device before the server', '2026-03-02T01:00:00Z', '2026-03-02T03:00:00Z', '2026-03-02T01:00:00.000Z'],
    ['device clock ahead of the server', '2026-03-09T01:00:00Z', '2026-03-02T03:00:00Z', '2026-03-02T03:00:00.000Z'],
  ])('%s', (_, device, server, expected) => {
    expect(collectedAtOf(new Date(device), new Date(server)).toISOString()).toBe(expected);
  });

  test.each([
    // collectedAt (UTC)          collectedOn     dueOn (3 working days)
    ['Monday morning', '2026-03-02T01:00:00Z', '2026-03-02', '2026-03-05'],
    ['Monday 23:30 in Beijing is still Monday', '2026-03-02T15:30:00Z', '2026-03-02', '2026-03-05'],
    ['Monday 00:30 in Beijing (Sunday in UTC)', '2026-03-01T16:30:00Z', '2026-03-02', '2026-03-05'],
    ['Thursday runs over the weekend', '2026-03-05T02:00:00Z', '2026-03-05', '2026-03-10'],
    ['Saturday counts from Monday', '2026-03-07T02:00:00Z', '2026-03-07', '2026-03-11'],
    ['over the 清明 holiday', '2026-04-02T02:00:00Z', '2026-04-02', '2026-04-08'],
    ['a swapped working Sunday counts', '2026-04-23T02:00:00Z', '2026-04-23', '2026-04-27'],
  ])('%s', (_, at, collectedOn, dueOn) => {
    expect(collectionDates(cal, new Date(at), 3)).toEqual({ collectedOn, dueOn });
  });

  test('the number of working days is configurable', () => {
    expect(collectionDates(cal, new Date('2026-03-02T01:00:00Z'), 5).dueOn).toBe('2026-03-09');
    expect(collectionDates(cal, new Date('2026-03-02T01:00:00Z'), 1).dueOn).toBe('2026-03-03');
  });
});

describe('late or not', () => {
  const m = (over: Partial<TimelinessInput>): TimelinessInput => ({ status: 'registered', collectedOn: '2026-03-02', dueOn: '2026-03-05', submittedOn: null, ...over });
  test.each([
    // name, mandate, today, late, daysLate, remaining
    ['submitted the same day', m({ status: 'submitted', submittedOn: '2026-03-02' }), '2026-03-10', false, 0, null],
    ['submitted on the due day (day 3)', m({ status: 'submitted', submittedOn: '2026-03-05' }), '2026-03-10', false, 0, null],
    ['submitted on day 4', m({ status: 'submitted', submittedOn: '2026-03-06' }), '2026-03-10', true, 1, null],
    ['submitted the Monday after (day 5)', m({ status: 'submitted', submittedOn: '2026-03-09' }), '2026-03-10', true, 2, null],
    ['submitted on the Saturday after the due Friday', m({ dueOn: '2026-03-06', status: 'submitted', submittedOn: '2026-03-07' }), '2026-03-10', true, 1, null],
    ['handed over, was late', m({ status: 'handed_over', submittedOn: '2026-03-06' }), '2026-04-01', true, 1, null],
    ['waiting, day 1', m({}), '2026-03-03', false, 0, 2],
    ['waiting, due today', m({}), '2026-03-05', false, 0, 0],
    ['waiting, one day over', m({}), '2026-03-06', true, 1, -1],
    ['waiting over a weekend', m({}), '2026-03-09', true, 2, -2],
    ['cancelled before it went up', m({ status: 'cancelled' }), '2026-03-20', false, 0, null],
  ])('%s', (_, input, today, late, daysLate, remaining) => {
    expect(isLate(input, today)).toBe(late);
    expect(timelinessOf(input, today, cal)).toEqual({ collectedOn: input.collectedOn, dueOn: input.dueOn, submittedOn: input.submittedOn, late, daysLate, remaining });
  });

  test('without a calendar: late by date, no working-day counts', () => {
    expect(timelinessOf(m({}), '2026-03-09', null)).toMatchObject({ late: true, daysLate: 1, remaining: null });
    expect(timelinessOf(m({ dueOn: '2027-01-05' }), '2026-12-31', cal)).toMatchObject({ late: false, daysLate: 0, remaining: null });
  });
});

describe('hand-over and abilities', () => {
  const st = (status: MandateState['status'], c: MandateState['case']): MandateState => ({ status, case: c });
  test.each([
    ['concluded and delivered', st('submitted', { status: 'concluded', delivered: true }), null],
    ['不予受理: the notice goes back', st('submitted', { status: 'rejected', delivered: false }), null],
    ['退件', st('submitted', { status: 'returned', delivered: false }), null],
    ['concluded, result still at the window', st('submitted', { status: 'concluded', delivered: false }), 'AGENCY_RESULT_NOT_RECEIVED'],
    ['in review', st('submitted', { status: 'in_review', delivered: false }), 'AGENCY_CASE_NOT_CONCLUDED'],
    ['withdrawn', st('submitted', { status: 'withdrawn', delivered: false }), 'AGENCY_CASE_WITHDRAWN'],
    ['never submitted', st('registered', null), 'AGENCY_NOT_SUBMITTED'],
    ['already handed over', st('handed_over', { status: 'concluded', delivered: true }), 'AGENCY_ALREADY_HANDED_OVER'],
  ])('%s', (_, m, code) => {
    expect(handoverRefusal(m)?.code ?? null).toBe(code);
  });

  test.each([
    ['registered, the agent', st('registered', null), { update: true, supply: true }, ['submit', 'cancel']],
    ['registered, township staff', st('registered', null), { update: false, supply: false }, []],
    ['notice to answer', st('submitted', { status: 'correcting', delivered: false }), { update: true, supply: true }, ['answer', 'delivery']],
    ['in review', st('submitted', { status: 'in_review', delivered: false }), { update: true, supply: true }, ['delivery']],
    ['delivered to the agent', st('submitted', { status: 'concluded', delivered: true }), { update: true, supply: true }, ['handover']],
    ['delivered, township staff', st('submitted', { status: 'concluded', delivered: true }), { update: false, supply: false }, []],
    ['handed over', st('handed_over', { status: 'concluded', delivered: true }), { update: true, supply: true }, []],
    ['cancelled', st('cancelled', null), { update: true, supply: true }, []],
  ])('%s', (_, m, may, expected) => {
    expect(mandateAbilities(m, may)).toEqual(expected);
  });
});

describe('ledger', () => {
  test.each([
    ['cancelled', 'cancelled', null, '已取消'],
    ['not submitted', 'registered', null, '待提交'],
    ['approved', 'handed_over', { status: 'concluded', decision: 'approve' }, '准予'],
    ['denied', 'submitted', { status: 'concluded', decision: 'deny' }, '不予'],
    ['不予受理', 'submitted', { status: 'rejected', decision: null }, '不予受理'],
    ['退件', 'submitted', { status: 'returned', decision: null }, '退件'],
    ['撤回', 'submitted', { status: 'withdrawn', decision: null }, '撤回'],
    ['in review', 'submitted', { status: 'in_review', decision: null }, '办理中'],
    ['correcting', 'submitted', { status: 'correcting', decision: null }, '办理中'],
  ] as const)('%s', (_, status, c, label) => {
    expect(ledgerOutcome(status, c)).toBe(label);
  });

  test.each([
    ['2026-02', '2026-02-01', '2026-02-28', '2026年2月'],
    ['2028-02', '2028-02-01', '2028-02-29', '2028年2月'],
    ['2026-11', '2026-11-01', '2026-11-30', '2026年11月'],
    ['2026-12', '2026-12-01', '2026-12-31', '2026年12月'],
  ])('%s', (month, from, to, label) => {
    expect(monthRange(month)).toEqual({ from, to });
    expect(monthLabel(month)).toBe(label);
  });

  test.each([
    [0.5, 5],
    [1.5, 15],
    [2, 20],
    [12.5, 125],
  ])('%s hours = %s tenths', (h, t) => {
    expect(hoursToTenths(h)).toBe(t);
    expect(tenthsToHours(t)).toBe(h);
  });
});

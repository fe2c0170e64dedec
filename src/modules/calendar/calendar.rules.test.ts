import { describe, expect, test } from 'vitest';
import { BusinessRule, Invalid } from '../../platform/errors.js';
import {
  addDays,
  addWorkingDays,
  buildWorkCalendar,
  CALENDAR_YEAR_MISSING,
  CalendarYearMissingError,
  checkDay,
  checkYearImport,
  countYear,
  daysOfYear,
  extendByPausedDays,
  fillYear,
  isIsoDate,
  isoWeekday,
  kindFromLabel,
  normalizeDate,
  parseScheduleLines,
  remainingWorkdays,
  workdaysBetween,
  type WorkCalendar,
} from './calendar.rules.js';
import { chineseDaysData, seedDaysOf } from './calendar.seed.js';

/** The real calendar of 2024–2026 as seeded from chinese-days (2027 absent, as in production). */
function realCalendar(years = [2024, 2025, 2026]): WorkCalendar {
  const { data } = chineseDaysData();
  return buildWorkCalendar(
    years.flatMap((y) => seedDaysOf(data, y)),
    years,
  );
}
const cal = realCalendar();

describe('dates', () => {
  test.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['20260101', false],
  ])('isIsoDate(%s) = %s', (s, ok) => expect(isIsoDate(s)).toBe(ok));

  test.each([
    ['2027/1/1', '2027-01-01'],
    ['2027.02.05', '2027-02-05'],
    ['2027年2月5日', '2027-02-05'],
    ['2027-02-30', undefined],
    ['明天', undefined],
  ])('normalizeDate(%s) = %s', (s, out) => expect(normalizeDate(s)).toBe(out));

  test('calendar arithmetic across month, leap day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(isoWeekday('2026-10-10')).toBe(6);
    expect(isoWeekday('2026-09-20')).toBe(7);
    expect(daysOfYear(2024)).toHaveLength(366);
    expect(daysOfYear(2026)).toHaveLength(365);
  });
});

describe('the official schedules as seeded (国务院办公厅放假通知 2025, 2026)', () => {
  // Working weekends (调休上班) and a few holiday days of each schedule.
  test.each([
    ['2025-01-26', true, '春节调休上班 (Sun)'],
    ['2025-02-08', true, '春节调休上班 (Sat)'],
    ['2025-01-28', false, '春节 (除夕)'],
    ['2025-02-04', false, '春节 last day'],
    ['2025-04-27', true, '劳动节调休上班 (Sun)'],
    ['2025-05-05', false, '劳动节'],
    ['2025-09-28', true, '国庆节调休上班 (Sun)'],
    ['2025-10-06', false, '中秋'],
    ['2025-10-08', false, '国庆节 last day'],
    ['2025-10-11', true, '国庆节调休上班 (Sat)'],
    ['2026-01-02', false, '元旦 (Fri)'],
    ['2026-01-04', true, '元旦调休上班 (Sun)'],
    ['2026-02-14', true, '春节调休上班 (Sat)'],
    ['2026-02-15', false, '春节 first day'],
    ['2026-02-23', false, '春节 last day (Mon)'],
    ['2026-02-28', true, '春节调休上班 (Sat)'],
    ['2026-05-09', true, '劳动节调休上班 (Sat)'],
    ['2026-06-19', false, '端午'],
    ['2026-09-20', true, '国庆节调休上班 (Sun)'],
    ['2026-09-25', false, '中秋 (Fri)'],
    ['2026-10-07', false, '国庆节 last day'],
    ['2026-10-10', true, '国庆节调休上班 (Sat)'],
    ['2026-10-11', false, 'an ordinary Sunday'],
    ['2026-10-12', true, 'an ordinary Monday'],
  ])('%s is a working day: %s (%s)', (date, work) => expect(cal.isWorkday(date)).toBe(work));
});

describe('addWorkingDays: day 1 is the first working day after acceptance', () => {
  test.each([
    // Spring Festival 2025 (1/28–2/4 off; Sun 1/26 and Sat 2/8 worked)
    ['2025-01-24', 1, '2025-01-26', 'Fri → the working Sunday'],
    ['2025-01-24', 2, '2025-01-27', ''],
    ['2025-01-24', 3, '2025-02-05', 'across the whole holiday'],
    ['2025-01-27', 1, '2025-02-05', 'accepted on the last day before the holiday'],
    ['2025-01-30', 1, '2025-02-05', 'accepted on a holiday'],
    ['2025-01-30', 5, '2025-02-10', 'counting the working Saturday 2/8'],
    // Spring Festival 2026 (2/15–2/23 off; Sat 2/14 and Sat 2/28 worked)
    ['2026-02-13', 1, '2026-02-14', 'Fri → the working Saturday'],
    ['2026-02-13', 2, '2026-02-24', ''],
    ['2026-02-14', 1, '2026-02-24', 'accepted on the working Saturday'],
    ['2026-02-20', 5, '2026-02-28', 'ends on the working Saturday'],
    ['2026-02-20', 6, '2026-03-02', ''],
    ['2026-02-10', 20, '2026-03-16', 'twenty working days over the festival'],
    // National Day + Mid-Autumn 2025 (10/1–10/8 off; Sun 9/28 and Sat 10/11 worked)
    ['2025-09-26', 1, '2025-09-28', ''],
    ['2025-09-26', 3, '2025-09-30', ''],
    ['2025-09-26', 4, '2025-10-09', ''],
    ['2025-09-26', 6, '2025-10-11', 'the working Saturday'],
    ['2025-09-26', 7, '2025-10-13', ''],
    ['2025-09-30', 1, '2025-10-09', ''],
    // Mid-Autumn 9/25–9/27 and National Day 10/1–10/7 2026 (Sun 9/20 and Sat 10/10 worked)
    ['2026-09-18', 1, '2026-09-20', 'the working Sunday'],
    ['2026-09-24', 1, '2026-09-28', 'over 中秋'],
    ['2026-09-30', 1, '2026-10-08', 'over 国庆'],
    ['2026-09-30', 3, '2026-10-10', 'the working Saturday'],
    ['2026-09-30', 4, '2026-10-12', ''],
    // Labour Day
    ['2025-04-25', 1, '2025-04-27', 'the working Sunday 2025'],
    ['2025-04-30', 1, '2025-05-06', ''],
    ['2026-04-30', 1, '2026-05-06', ''],
    ['2026-04-30', 4, '2026-05-09', 'the working Saturday 2026'],
    // Weekends and 即办
    ['2026-03-07', 1, '2026-03-09', 'accepted on a Saturday'],
    ['2026-03-08', 1, '2026-03-09', 'accepted on a Sunday'],
    ['2026-03-08', 0, '2026-03-08', '即办 on a Sunday: the same day'],
    ['2026-03-09', 0, '2026-03-09', '即办'],
    ['2026-03-09', 5, '2026-03-16', 'an ordinary week'],
    // Year ends
    ['2024-12-31', 1, '2025-01-02', '2025 元旦 is one day'],
    ['2025-12-26', 3, '2025-12-31', ''],
    ['2025-12-26', 4, '2026-01-04', '2026 元旦 (1/1–1/3) and its working Sunday'],
    ['2025-12-31', 2, '2026-01-05', ''],
    ['2026-12-28', 3, '2026-12-31', 'stays inside 2026: no 2027 needed'],
    ['2026-12-31', 0, '2026-12-31', '即办 on the last day of 2026'],
  ])('%s + %i working days → %s %s', (acceptedOn, n, due) => {
    expect(addWorkingDays(cal, acceptedOn, n)).toBe(due);
  });

  test.each([
    ['2026-12-31', 1],
    ['2026-12-30', 5],
    ['2026-12-28', 4],
    ['2026-06-01', 200],
  ])('%s + %i working days runs into 2027 → CALENDAR_YEAR_MISSING', (acceptedOn, n) => {
    let err: unknown;
    try {
      addWorkingDays(cal, acceptedOn, n);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CalendarYearMissingError);
    expect(err).toBeInstanceOf(BusinessRule);
    expect((err as CalendarYearMissingError).code).toBe(CALENDAR_YEAR_MISSING);
    expect((err as CalendarYearMissingError).status).toBe(422);
    expect((err as CalendarYearMissingError).year).toBe(2027);
    expect((err as Error).message).toBe('2027 年的工作日历尚未导入，无法计算期限，请联系管理员导入');
  });

  test('a year before the loaded ones is missing too, never guessed', () => {
    expect(() => addWorkingDays(cal, '2023-12-29', 1)).toThrow(CalendarYearMissingError);
    expect(() => realCalendar([2026]).isWorkday('2025-12-31')).toThrow('2025 年的工作日历尚未导入');
  });

  test('an incomplete year does not count, even with rows', () => {
    const partial = buildWorkCalendar([{ date: '2027-01-04', kind: 'workday' }], []);
    expect(partial.hasYear(2027)).toBe(false);
    expect(() => partial.isWorkday('2027-01-04')).toThrow(CalendarYearMissingError);
  });

  test.each([
    ['2026-02-30', 1],
    ['2026/03/01', 1],
    ['2026-03-01', -1],
    ['2026-03-01', 1.5],
  ])('bad input %s, %s → Invalid', (d, n) => {
    expect(() => addWorkingDays(cal, d, n)).toThrow(Invalid);
  });
});

describe('extendByPausedDays', () => {
  test.each([
    ['2026-02-13', 0, '2026-02-13'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2025-12-31', 1, '2026-01-04'],
  ])('due %s + %i paused working days → %s', (due, paused, out) => expect(extendByPausedDays(cal, due, paused)).toBe(out));

  test('a pause that runs into 2027 fails clearly', () => {
    expect(() => extendByPausedDays(cal, '2026-12-29', 3)).toThrow(CalendarYearMissingError);
  });
});

describe('workdaysBetween counts working days in (from, to]', () => {
  test.each([
    ['2026-02-13', '2026-02-28', 6],
    ['2026-09-30', '2026-10-12', 4],
    ['2026-10-12', '2026-09-30', -4],
    ['2026-03-09', '2026-03-09', 0],
    ['2026-03-06', '2026-03-09', 1],
    ['2026-03-07', '2026-03-08', 0],
    ['2025-12-31', '2026-01-05', 2],
    ['2026-01-01', '2026-12-31', 248],
  ])('(%s, %s] → %i', (from, to, n) => expect(workdaysBetween(cal, from, to)).toBe(n));

  test('2026 has the official number of working days', () => {
    expect(workdaysBetween(cal, '2025-12-31', '2026-12-31')).toBe(248);
    expect(workdaysBetween(cal, '2024-12-31', '2025-12-31')).toBe(248);
  });

  test('is the inverse of addWorkingDays', () => {
    for (let d = '2025-01-01'; d <= '2026-11-30'; d = addDays(d, 3)) {
      for (const n of [0, 1, 2, 5, 7, 15, 20]) expect(workdaysBetween(cal, d, addWorkingDays(cal, d, n))).toBe(n);
    }
  });

  test('a range into 2027 fails clearly', () => {
    expect(() => workdaysBetween(cal, '2026-12-30', '2027-01-04')).toThrow(CalendarYearMissingError);
  });
});

describe('remainingWorkdays: 0 on the due day, negative when overdue', () => {
  test.each([
    ['2026-09-30', '2026-10-09', 2, 'before National Day'],
    ['2026-10-08', '2026-10-09', 1, ''],
    ['2026-10-09', '2026-10-09', 0, 'the due day'],
    ['2026-10-10', '2026-10-09', -1, 'the working Saturday after'],
    ['2026-10-11', '2026-10-09', -1, 'a Sunday after'],
    ['2026-10-12', '2026-10-09', -2, ''],
    ['2026-09-26', '2026-09-24', -1, 'the day after is a holiday: still overdue'],
    ['2026-02-24', '2026-02-13', -2, 'over the Spring Festival'],
    ['2026-03-07', '2026-03-09', 1, 'on a weekend before the due Monday'],
  ])('today %s, due %s → %i %s', (today, due, n) => expect(remainingWorkdays(cal, today, due)).toBe(n));
});

describe('a year import', () => {
  // A SAMPLE schedule for tests, not the official 2027 one.
  const sample = [
    { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
    { date: '2027-02-06', kind: 'holiday' as const, name: '春节' },
    { date: '2027-02-08', kind: 'holiday' as const, name: '春节' },
    { date: '2027-02-20', kind: 'workday' as const, name: '春节' },
  ];

  test('fills every date: listed days as given, others by weekday', () => {
    const days = fillYear(2027, sample);
    expect(days).toHaveLength(365);
    expect(days.find((d) => d.date === '2027-02-08')).toEqual({ date: '2027-02-08', kind: 'holiday', name: '春节' });
    expect(days.find((d) => d.date === '2027-02-20')).toEqual({ date: '2027-02-20', kind: 'workday', name: '春节' });
    expect(days.find((d) => d.date === '2027-02-21')).toEqual({ date: '2027-02-21', kind: 'restday', name: null });
    expect(days.find((d) => d.date === '2027-02-22')).toEqual({ date: '2027-02-22', kind: 'workday', name: null });
    const c = countYear(days);
    expect(c).toEqual({ holidays: 3, swappedWorkdays: 1, workdays: 261 - 2 + 1, restdays: 104 - 1 - 1 });
    const cal2027 = buildWorkCalendar([...fillYear(2027, sample), ...seedDaysOf(chineseDaysData().data, 2026)], [2026, 2027]);
    expect(addWorkingDays(cal2027, '2026-12-30', 5)).toBe('2027-01-07');
  });

  test('accepts a good list', () => expect(checkYearImport(2027, sample)).toEqual([]));

  test.each([
    [[{ date: '2026-12-31', kind: 'holiday', name: '元旦' }, ...sample], 0, 'date', '不属于 2027 年'],
    [[...sample, { date: '2027-01-01', kind: 'holiday', name: '元旦' }], 4, 'date', '重复'],
    [[...sample, { date: '2027-02-30', kind: 'holiday', name: '春节' }], 4, 'date', '不正确'],
    [[...sample, { date: '2027-05-01', kind: 'holiday', name: ' ' }], 4, 'name', '须填写名称'],
    [[...sample, { date: '2027-05-01', kind: 'vacation', name: '劳动节' }], 4, 'kind', '类型'],
    [[...sample, { date: '2027-05-01', kind: 'holiday', name: '节'.repeat(41) }], 4, 'name', '40'],
    [[{ date: '2027-02-20', kind: 'workday', name: '春节' }], -1, '', '没有任何节假日'],
    [[], -1, '', '没有任何节假日'],
  ])('refuses %#', (days, index, field, message) => {
    const problems = checkYearImport(2027, days as never);
    expect(problems).toContainEqual({ index, field, message: expect.stringContaining(message) });
  });

  test('refuses a year out of range', () => {
    expect(checkYearImport(1999, sample)[0].message).toContain('年份');
  });

  test('checkDay for a single edit', () => {
    expect(checkDay({ date: '2026-10-01', kind: 'holiday', name: '国庆节' })).toEqual([]);
    expect(checkDay({ date: '2026-10-01', kind: 'holiday', name: null })[0].field).toBe('name');
  });
});

describe('the import dialog lines', () => {
  test('dates, ranges, kinds and names as copied from a notice', () => {
    const { days, errors } = parseScheduleLines(
      ['# 2027 示例', '2027-01-01 节假日 元旦', '2027/2/6 ~ 2027/2/8，放假，春节', '2027年2月20日\t上班\t春节', '', '2027-05-01 休 劳动节'].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
      { date: '2027-02-20', kind: 'workday', name: '春节' },
      { date: '2027-05-01', kind: 'holiday', name: '劳动节' },
    ]);
  });

  test('bad lines are reported by line number', () => {
    const { errors } = parseScheduleLines('2027-13-01 节假日 元旦\n2027-01-02 游玩\n2027-02-10~2027-02-01 节假日 春节');
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3]);
  });

  test.each([
    ['上班', 'workday'],
    ['班', 'workday'],
    ['休息日', 'restday'],
    ['节假日', 'holiday'],
    ['休', 'holiday'],
    ['Holiday', 'holiday'],
    ['?', undefined],
  ])('kindFromLabel(%s) = %s', (label, kind) => expect(kindFromLabel(label)).toBe(kind));
});

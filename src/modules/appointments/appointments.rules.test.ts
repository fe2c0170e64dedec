import { describe, expect, test } from 'vitest';
import {
  blockedUntil,
  bookableDays,
  checkInState,
  CODE_ALPHABET,
  cutSlots,
  firstDayWithPlace,
  isAppointmentCode,
  isNoShowDue,
  newAppointmentCode,
  normaliseCode,
  sessionErrors,
  sessionRunsOn,
  slotStarted,
} from './appointments.rules.js';

describe('cutSlots', () => {
  test.each([
    ['09:00', '10:00', 30, ['09:00-09:30', '09:30-10:00']],
    ['09:00', '10:10', 30, ['09:00-09:30', '09:30-10:00']],
    ['08:30', '12:00', 60, ['08:30-09:30', '09:30-10:30', '10:30-11:30']],
    ['17:30', '19:00', 45, ['17:30-18:15', '18:15-19:00']],
    ['09:00', '09:20', 30, []],
    ['10:00', '09:00', 30, []],
    ['9:00', '10:00', 30, []],
  ])('%s–%s by %i min', (startsAt, endsAt, slotMinutes, expected) => {
    expect(cutSlots({ startsAt, endsAt, slotMinutes }).map((s) => `${s.startsAt}-${s.endsAt}`)).toEqual(expected);
  });
});

describe('sessionRunsOn', () => {
  // 2026-03-02 is a Monday; 2026-03-07 a Saturday; 2026-10-01 (Thursday) 国庆; 2026-09-20 a 调休 working Sunday (hypothetical).
  const weekdaysMF = [1, 2, 3, 4, 5];
  test.each([
    ['regular Monday workday', 'regular', weekdaysMF, '2026-03-02', true, true],
    ['regular Monday not listed', 'regular', [2, 3], '2026-03-02', true, false],
    ['regular on a holiday Thursday', 'regular', weekdaysMF, '2026-10-01', false, false],
    ['regular on a Saturday rest day', 'regular', weekdaysMF, '2026-03-07', false, false],
    ['regular on a 调休 working Sunday', 'regular', weekdaysMF, '2026-09-20', true, true],
    ['weekend Saturday listed', 'weekend', [6], '2026-03-07', false, true],
    ['weekend Sunday not listed', 'weekend', [6], '2026-03-08', false, false],
    ['weekend on a holiday Thursday', 'weekend', [6, 7], '2026-10-01', false, true],
    ['weekend on a 调休 working Sunday', 'weekend', [6, 7], '2026-09-20', true, false],
    ['weekend on a Monday workday', 'weekend', [6, 7], '2026-03-02', true, false],
    ['after_hours Monday workday', 'after_hours', weekdaysMF, '2026-03-02', true, true],
    ['after_hours Saturday rest day', 'after_hours', weekdaysMF, '2026-03-07', false, false],
    ['after_hours holiday', 'after_hours', weekdaysMF, '2026-10-01', false, false],
  ] as const)('%s', (_name, kind, weekdays, date, isWorkday, expected) => {
    expect(sessionRunsOn({ kind, weekdays: [...weekdays] }, date, isWorkday)).toBe(expected);
  });
});

describe('sessionErrors', () => {
  const base = { kind: 'regular' as const, weekdays: [1, 2, 3, 4, 5], startsAt: '09:00', endsAt: '11:30', slotMinutes: 30, capacity: 4 };
  test.each([
    ['fine', base, []],
    ['end before start', { ...base, endsAt: '08:00' }, ['endsAt']],
    ['bad time', { ...base, startsAt: '9:00' }, ['startsAt']],
    ['slot longer than session', { ...base, endsAt: '09:20' }, ['slotMinutes']],
    ['no weekdays', { ...base, weekdays: [] }, ['weekdays']],
    ['weekend on Monday', { ...base, kind: 'weekend' as const, weekdays: [1, 6] }, ['weekdays']],
    ['weekend fine', { ...base, kind: 'weekend' as const, weekdays: [6, 7] }, []],
    ['after hours in the morning', { ...base, kind: 'after_hours' as const }, ['startsAt']],
    ['after hours in the evening', { ...base, kind: 'after_hours' as const, startsAt: '17:30', endsAt: '19:00' }, []],
  ])('%s', (_name, s, paths) => {
    expect(sessionErrors(s).map((e) => e.path)).toEqual(paths);
  });
});

describe('blockedUntil', () => {
  const settings = { noShowLimit: 3, noShowWindowDays: 90, blockDays: 30 };
  const ns = (...days: string[]) => days.map((day) => ({ status: 'no_show', day }));
  test.each([
    ['no history', [], '2026-03-10', null],
    ['two no-shows', ns('2026-03-01', '2026-03-05'), '2026-03-10', null],
    ['three no-shows → 30 days from the latest', ns('2026-02-01', '2026-03-01', '2026-03-05'), '2026-03-10', '2026-04-04'],
    ['still blocked the day before', ns('2026-02-01', '2026-03-01', '2026-03-05'), '2026-04-03', '2026-04-04'],
    ['free again on the until day', ns('2026-02-01', '2026-03-01', '2026-03-05'), '2026-04-04', null],
    ['one no-show outside the 90-day window', ns('2025-12-01', '2026-03-01', '2026-03-05'), '2026-03-10', null],
    ['cancelled and checked-in do not count', [...ns('2026-03-01', '2026-03-05'), { status: 'cancelled', day: '2026-03-06' }, { status: 'checked_in', day: '2026-03-07' }], '2026-03-10', null],
  ])('%s', (_name, history, today, expected) => {
    expect(blockedUntil(history, today, settings)).toBe(expected);
  });
  test('limit 0 switches blocking off', () => {
    expect(blockedUntil(ns('2026-03-01', '2026-03-02', '2026-03-03'), '2026-03-04', { ...settings, noShowLimit: 0 })).toBeNull();
  });
  test('a limit of 1 blocks after one no-show', () => {
    expect(blockedUntil(ns('2026-03-01'), '2026-03-02', { ...settings, noShowLimit: 1, blockDays: 7 })).toBe('2026-03-08');
  });
});

describe('check-in window and no-show', () => {
  const settings = { checkInEarlyMinutes: 30, checkInLateMinutes: 15 };
  const slot = { day: '2026-03-02', startsAt: '10:00', endsAt: '10:30' };
  test.each([
    ['2026-03-02T01:29:59Z', 'early'], // 09:29:59 Beijing
    ['2026-03-02T01:30:00Z', 'open'],
    ['2026-03-02T02:00:00Z', 'open'],
    ['2026-03-02T02:15:00Z', 'open'],
    ['2026-03-02T02:15:01Z', 'late'],
  ] as const)('%s → %s', (now, expected) => {
    expect(checkInState(new Date(now), slot, settings)).toBe(expected);
  });
  test.each([
    ['2026-03-02T02:45:00Z', false], // 10:45 = end + 15
    ['2026-03-02T02:45:01Z', true],
  ] as const)('no-show due at %s: %s', (now, expected) => {
    expect(isNoShowDue(new Date(now), slot, settings)).toBe(expected);
  });
  test('slot started', () => {
    expect(slotStarted(new Date('2026-03-02T01:59:59Z'), slot)).toBe(false);
    expect(slotStarted(new Date('2026-03-02T02:00:00Z'), slot)).toBe(true);
  });
});

describe('codes and days', () => {
  test('8 characters without look-alikes', () => {
    for (const c of ['0', 'O', '1', 'I', 'L']) expect(CODE_ALPHABET).not.toContain(c);
    for (let i = 0; i < 200; i++) {
      const code = newAppointmentCode();
      expect(code).toHaveLength(8);
      expect(isAppointmentCode(code)).toBe(true);
    }
  });
  test('deterministic with a given source', () => {
    expect(newAppointmentCode(() => 0)).toBe('22222222');
    expect(newAppointmentCode((n) => n - 1)).toBe('ZZZZZZZZ');
  });
  test('normalise what was typed', () => {
    expect(normaliseCode(' ab3d-ef7h ')).toBe('AB3DEF7H');
    expect(isAppointmentCode('AB3DEF7H')).toBe(true);
    expect(isAppointmentCode('AB3DEF7O')).toBe(false);
  });
  test('bookable days', () => {
    expect(bookableDays('2026-02-27', 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});

describe('firstDayWithPlace (the next day a 限号 refusal offers)', () => {
  // Friday 6 March … Tuesday 10 March 2026; the weekend is a rest day.
  const days = ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'];
  const weekday = (d: string) => !['2026-03-07', '2026-03-08'].includes(d);
  const FRI_8 = new Date('2026-03-06T00:00:00Z');
  const FRI_940 = new Date('2026-03-06T01:40:00Z');
  const regular = { kind: 'regular' as const, weekdays: [1, 2, 3, 4, 5], startsAt: '09:00', endsAt: '10:00', slotMinutes: 30, capacity: 2 };
  const saturday = { kind: 'weekend' as const, weekdays: [6], startsAt: '09:00', endsAt: '10:00', slotMinutes: 60, capacity: 1 };
  const stored = (day: string, startsAt: string, booked: number, offered = true) => ({ day, startsAt, capacity: 2, booked, offered });
  test.each([
    ['nothing stored yet: the session\'s cuts of the first working day', FRI_8, [], [regular], weekday, '2026-03-06'],
    ['today\'s slots have started: the next working day', FRI_940, [], [regular], weekday, '2026-03-09'],
    ['today\'s stored slots are full: the next working day (not stored yet)', FRI_8, [stored('2026-03-06', '09:00', 2), stored('2026-03-06', '09:30', 2)], [regular], weekday, '2026-03-09'],
    ['one stored slot full, the other cut not stored yet: today', FRI_8, [stored('2026-03-06', '09:00', 2)], [regular], weekday, '2026-03-06'],
    ['a stored slot with a place left: today', FRI_8, [stored('2026-03-06', '09:00', 2), stored('2026-03-06', '09:30', 1)], [regular], weekday, '2026-03-06'],
    ['a free slot of a stopped session is not offered', FRI_8, [stored('2026-03-06', '09:00', 0, false)], [], weekday, null],
    ['a stopped session\'s stored slot still takes its time: the cut there is not added', FRI_8, [stored('2026-03-06', '09:00', 0, false), stored('2026-03-06', '09:30', 0, false)], [regular], weekday, '2026-03-09'],
    ['a day of a year without a calendar gets no new slots', FRI_940, [], [regular], (d: string) => (d === '2026-03-09' ? null : weekday(d)), '2026-03-10'],
    ['…but its stored ones count', FRI_940, [stored('2026-03-09', '09:00', 1)], [regular], (d: string) => (d === '2026-03-09' ? null : weekday(d)), '2026-03-09'],
    ['a Saturday session', FRI_940, [], [saturday], weekday, '2026-03-07'],
    ['no session, nothing stored', FRI_8, [], [], weekday, null],
    ['every day full', FRI_8, days.flatMap((d) => [stored(d, '09:00', 2), stored(d, '09:30', 2)]), [regular], weekday, null],
  ])('%s', (_name, now, st, sessions, isWorkday, expected) => {
    expect(firstDayWithPlace(days, now, st, sessions, isWorkday)).toBe(expected);
  });
});

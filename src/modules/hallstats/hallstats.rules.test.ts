import { describe, expect, it } from 'vitest';
import { datesBetween, DEFAULT_STATS_SETTINGS, judgeAttendance, localMinutes, markDay, minutesOf, statsSettingsOf, type DaySession } from './hallstats.rules.js';

const at = (hhmm: string, date = '2026-11-24') => new Date(`${date}T${hhmm}:00+08:00`);
const s = (inAt: string, outAt: string | null, pausedSeconds = 0, pausedAt: string | null = null): DaySession => ({
  signedInAt: at(inAt),
  signedOutAt: outAt ? at(outAt) : null,
  pausedAt: pausedAt ? at(pausedAt) : null,
  pausedSeconds,
});
const line = { startsAt: '09:00', endsAt: '17:00' };
const evening = at('20:00');

describe('judgeAttendance', () => {
  it.each([
    ['on time, a minute early', [s('08:59', '17:00')], { status: 'on_time', lateMinutes: 0, earlyLeave: false, workedMinutes: 481 }],
    ['within the 5 minute grace', [s('09:05', '17:00')], { status: 'on_time', lateMinutes: 0 }],
    ['a minute past the grace is late by 6', [s('09:06', '17:00')], { status: 'late', lateMinutes: 6 }],
    ['no sign-in is absent', [], { status: 'absent', firstSignIn: null, workedMinutes: 0, earlyLeave: false }],
    ['leaving at 16:30 is 30 minutes early', [s('09:00', '16:30')], { earlyLeave: true, earlyMinutes: 30 }],
    ['two sessions: first sign-in and last sign-out count, pauses are subtracted', [s('13:00', '17:10', 300), s('08:55', '12:00', 600)], { status: 'on_time', earlyLeave: false, workedMinutes: 185 + 250 - 15 }],
    ['signed out early but back later is not an early leave', [s('09:00', '11:00'), s('14:00', null)], { earlyLeave: false, lastSignOut: null }],
  ] as const)('%s', (_, sessions, expected) => {
    expect(judgeAttendance(line, sessions, 5, evening, false)).toMatchObject(expected);
  });

  it('today before the shift has started (plus grace) is upcoming, after it absent', () => {
    expect(judgeAttendance(line, [], 5, at('09:04'), true).status).toBe('upcoming');
    expect(judgeAttendance(line, [], 5, at('09:06'), true).status).toBe('absent');
  });

  it('an open, paused session counts until now minus the running pause', () => {
    const v = judgeAttendance(line, [s('09:00', null, 600, '11:00')], 5, at('12:00'), true);
    expect(v.workedMinutes).toBe(180 - 10 - 60);
    expect(v.lastSignOut).toBeNull();
  });
});

describe('markDay', () => {
  it.each([
    [{ served: 30, busyShare: 0.85, dailyCap: null, opened: true }, { overloaded: true, idle: false }],
    [{ served: 30, busyShare: 0.84, dailyCap: null, opened: true }, { overloaded: false, idle: false }],
    [{ served: 40, busyShare: 0.5, dailyCap: 40, opened: true }, { overloaded: true, idle: false }],
    [{ served: 2, busyShare: 0.1, dailyCap: 40, opened: true }, { overloaded: false, idle: true }],
    [{ served: 3, busyShare: 0.1, dailyCap: null, opened: true }, { overloaded: false, idle: false }],
    [{ served: 0, busyShare: null, dailyCap: null, opened: false }, { overloaded: false, idle: false }],
  ])('%o → %o', (day, expected) => {
    expect(markDay(day)).toEqual(expected);
  });
});

describe('settings and helpers', () => {
  it('reads planning and attendance settings with defaults for anything missing or out of range', () => {
    expect(statsSettingsOf(null)).toEqual(DEFAULT_STATS_SETTINGS);
    expect(statsSettingsOf({ planning: { targetShare: 0.9, targetWaitMinutes: 10, weeks: 8 }, attendance: { graceMinutes: 0 } })).toEqual({
      planning: { targetShare: 0.9, targetWaitMinutes: 10, weeks: 8 },
      attendance: { graceMinutes: 0 },
    });
    expect(statsSettingsOf({ planning: { targetShare: 1.5, weeks: '4' }, attendance: { graceMinutes: -1 } })).toEqual(DEFAULT_STATS_SETTINGS);
  });

  it('times of day', () => {
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('24:00')).toBeNull();
    expect(minutesOf('9:30')).toBeNull();
    expect(localMinutes(new Date('2026-11-24T01:30:00Z'))).toBe(570);
    expect(localMinutes(new Date('2026-11-24T16:30:00Z'))).toBe(30);
  });

  it('dates between, inclusive', () => {
    expect(datesBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(datesBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });
});

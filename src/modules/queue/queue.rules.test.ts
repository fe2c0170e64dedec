import { describe, expect, it } from 'vitest';
import { DEFAULT_HALL_SETTINGS, ageOn, birthDateFromIdNumber, callableAtWindowCap, callOrder, capRefusalMessage, categoryCapReached, categoryCapRefuses, monthDayLabel, hallSettingsOf, nextPrefix, priorityOf, selfCancelRefusal, skipOutcome, recallExhausts, ticketCode, windowCapReached } from './queue.rules.js';

describe('hallSettingsOf', () => {
  it('defaults when missing or malformed', () => {
    expect(hallSettingsOf(null)).toEqual(DEFAULT_HALL_SETTINGS);
    expect(hallSettingsOf({ priority: { elderlyAge: 'x', disabled: 1 }, recallLimit: -1 })).toEqual(DEFAULT_HALL_SETTINGS);
  });
  it('keeps valid values', () => {
    const s = hallSettingsOf({ priority: { elderlyAge: 70, veteran: false }, recallLimit: 2, planning: { targetShare: 0.9 } });
    expect(s.priority).toEqual({ ...DEFAULT_HALL_SETTINGS.priority, elderlyAge: 70, veteran: false });
    expect(s.recallLimit).toBe(2);
    expect(s.planning.targetShare).toBe(0.9);
  });
});

describe('birthDateFromIdNumber / ageOn', () => {
  it.each([
    ['11010519491231002X', '1949-12-31'],
    ['110105194902300021', null],
    ['12345', null],
  ])('%s → %s', (id, d) => expect(birthDateFromIdNumber(id)).toBe(d));
  it.each([
    ['1960-05-10', '2025-05-09', 64],
    ['1960-05-10', '2025-05-10', 65],
    ['1960-05-10', '2025-12-31', 65],
    ['1960-02-29', '2025-02-28', 64],
    ['1960-02-29', '2025-03-01', 65],
    ['1960-02-29', '2024-02-29', 64],
    ['1960-02-29', '2028-02-29', 68],
  ])('born %s, on %s → %i', (b, t, a) => expect(ageOn(b, t)).toBe(a));
});

describe('priorityOf', () => {
  const S = DEFAULT_HALL_SETTINGS;
  const today = '2026-11-23';
  it.each([
    [{}, S, false, null],
    [{ birthDate: '1961-11-23' }, S, true, 'elderly'],
    [{ birthDate: '1961-11-24' }, S, false, null],
    [{ birthDate: '1961-11-24' }, { ...S, priority: { ...S.priority, elderlyAge: 60 } }, true, 'elderly'],
    [{ disabled: true }, S, true, 'disabled'],
    [{ disabled: true }, { ...S, priority: { ...S.priority, disabled: false } }, false, null],
    [{ veteran: true, pregnant: true }, S, true, 'veteran'],
    [{ pregnant: true }, { ...S, priority: { ...S.priority, pregnant: false } }, false, null],
    [{ appointment: true, birthDate: '1940-01-01' }, S, true, 'appointment'],
    [{ appointment: true }, { ...S, priority: { ...S.priority, appointment: false } }, false, null],
  ])('%j → %s %s', (input, settings, priority, reason) => expect(priorityOf(input, settings, today)).toEqual({ priority, reason }));
});

describe('codes and caps', () => {
  it.each([
    ['A', 1, 'A001'],
    ['B', 12, 'B012'],
    ['A', 999, 'A999'],
    ['A', 1000, 'A1000'],
  ])('%s%i → %s', (p, n, c) => expect(ticketCode(p, n)).toBe(c));
  it('prefixes', () => {
    expect(nextPrefix([])).toBe('A');
    expect(nextPrefix(['A', 'C'])).toBe('B');
    expect(nextPrefix('ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''))).toBeNull();
  });
  it('caps', () => {
    expect(categoryCapReached(null, 1000)).toBe(false);
    expect(categoryCapReached(3, 2)).toBe(false);
    expect(categoryCapReached(3, 3)).toBe(true);
    expect(windowCapReached(5, 5)).toBe(true);
    expect(windowCapReached(5, 4)).toBe(false);
  });
  it.each([
    // source, daily cap, the number it would take → refused
    ['kiosk', null, 500, false],
    ['kiosk', 3, 3, false],
    ['kiosk', 3, 4, true],
    ['portal', 3, 4, true],
    ['desk', 3, 9, true],
    // a booked place: never refused, whatever the count
    ['appointment', 3, 3, false],
    ['appointment', 3, 4, false],
    ['appointment', 3, 40, false],
    ['appointment', null, 1, false],
  ] as const)('the category cap and a %s ticket (cap %s, number %i) → refused %s', (source, cap, n, refused) => expect(categoryCapRefuses(source, cap, n)).toBe(refused));
  it('a window at its cap still calls appointment tickets only', () => {
    expect(callableAtWindowCap('appointment')).toBe(true);
    expect(['kiosk', 'desk', 'portal'].map((s) => callableAtWindowCap(s as 'kiosk'))).toEqual([false, false, false]);
  });
  it('the 限号 refusal offers the next appointment day when it was looked up', () => {
    expect(monthDayLabel('2026-03-05')).toBe('3月5日');
    expect(monthDayLabel('2026-12-25')).toBe('12月25日');
    expect(capRefusalMessage('社会保障', 40)).toBe('“社会保障”今日号源已取完（限40号），请改日再来或通过“预约办事”预约其他时段');
    expect(capRefusalMessage('社会保障', 40, '2026-03-05')).toBe('“社会保障”今日号源已取完（限40号），可预约 3月5日 的时段，请通过“预约办事”预约');
    expect(capRefusalMessage('社会保障', 40, null)).toBe('“社会保障”今日号源已取完（限40号），近期也没有可预约的时段，请改日再来');
  });
  it('recall and skip', () => {
    expect(recallExhausts(2, 3)).toBe(false);
    expect(recallExhausts(3, 3)).toBe(true);
    expect(skipOutcome(0, 3)).toBe('requeue');
    expect(skipOutcome(3, 3)).toBe('no_show');
  });
});

describe('callOrder', () => {
  const t = (id: string, categoryId: string, minute: number, priority = false, targetWindowId: string | null = null) => ({ id, categoryId, priority, queuedAt: new Date(2026, 0, 1, 9, minute), targetWindowId });
  it('transferred to this window first, then first category in order with a ticket, priority then oldest', () => {
    const c = [t('a1', 'A', 1), t('a2', 'A', 2, true), t('b1', 'B', 0), t('x', 'B', 5, false, 'W1'), t('y', 'A', 0, false, 'W2'), t('z', 'Z', 0)];
    expect(callOrder(c, 'W1', ['A', 'B']).map((x) => x.id)).toEqual(['x', 'a2', 'a1', 'b1']);
    expect(callOrder(c, 'W2', ['B', 'A']).map((x) => x.id)).toEqual(['y', 'b1', 'a2', 'a1']);
    expect(callOrder(c, 'W3', ['Z']).map((x) => x.id)).toEqual(['z']);
  });
});

describe('selfCancelRefusal', () => {
  it.each([
    // status, window, → refused message (null: the holder may cancel)
    ['waiting', null, null],
    ['called', 6, 'A001号已叫号，不能在线取消。请到6号窗口办理；不办了请告诉窗口工作人员'],
    ['serving', 6, 'A001号正在6号窗口办理，不能取消'],
    ['done', 6, 'A001号已办结，不用再取消'],
    ['no_show', null, 'A001号过号未到，不用再取消'],
    ['cancelled', null, 'A001号已取消，不用再取消'],
  ] as const)('a %s ticket (window %s) → %s', (status, windowNumber, message) => {
    const r = selfCancelRefusal({ status, code: 'A001', windowNumber });
    expect(r?.message ?? null).toBe(message);
    if (r) expect(r.code).toBe('TICKET_NOT_WAITING');
  });
});

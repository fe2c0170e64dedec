import pkg from 'chinese-days';
import { describe, expect, test } from 'vitest';
import { countYear } from './calendar.rules.js';
import { chineseDaysData, coveredYears, seedDaysOf } from './calendar.seed.js';

const { data } = chineseDaysData();
const years = coveredYears(data);

describe('seeding from chinese-days', () => {
  test('covers 2004 through 2026, and never 2027', () => {
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toHaveLength(2026 - 2004 + 1);
    expect(years).not.toContain(2027);
  });

  test('the trap: for 2027 the package answers as if every Mon–Fri were a working day', () => {
    // 2027-01-01 is a Friday and surely 元旦 — the package says "working day" because it has no data.
    expect(pkg.isWorkday('2027-01-01')).toBe(true);
    expect(Object.keys(data.holidays).some((d) => d.startsWith('2027'))).toBe(false);
  });

  test.each(years)('%i: every date agrees with the package, holidays are named', (year) => {
    const days = seedDaysOf(data, year);
    expect(days).toHaveLength(year % 4 === 0 ? 366 : 365);
    for (const d of days) {
      expect(d.kind === 'workday', d.date).toBe(pkg.isWorkday(d.date));
      if (d.kind === 'holiday') expect(d.name, d.date).toMatch(/^\S+$/);
    }
    const c = countYear(days);
    expect(c.holidays).toBeGreaterThanOrEqual(10);
  });

  test('2026 as the State Council published it (国办发明电〔2025〕7号)', () => {
    const days = new Map(seedDaysOf(data, 2026).map((d) => [d.date, d]));
    expect(days.get('2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(days.get('2026-09-25')).toEqual({ date: '2026-09-25', kind: 'holiday', name: '中秋' });
    expect(days.get('2026-02-15')).toEqual({ date: '2026-02-15', kind: 'holiday', name: '春节' });
    expect(days.get('2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节' });
    expect(days.get('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节' });
    expect(days.get('2026-10-11')).toEqual({ date: '2026-10-11', kind: 'restday', name: null });
    const c = countYear([...days.values()]);
    expect(c).toEqual({ workdays: 248, restdays: 84, holidays: 33, swappedWorkdays: 6 });
  });
});

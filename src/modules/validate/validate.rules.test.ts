import { describe, expect, test } from 'vitest';
import { birthDateOf, creditCodeCheckChar, idNumberCheckChar, validateCreditCode, validateIdNumber, validateMobile } from './validate.rules.js';

const today = new Date('2026-11-23T00:00:00Z');

describe('GB 11643 ID number', () => {
  test.each([
    ['11010519491231002X', 'the standard example, check X'],
    ['110105194912310029'.slice(0, 17) + idNumberCheckChar('11010519491231002'), 'computed check char'],
    ['440524199001010018', 'born 1990, check 8'],
    ['11010519491231002x', 'lower-case x accepted'],
  ])('%s is valid (%s)', (id) => {
    expect(validateIdNumber(id, today)).toEqual({ valid: true });
  });

  test.each([
    ['110105194912310021', '校验位'],
    ['11010519491231002', '18位'],
    ['1101051949123100211', '18位'],
    ['11010519491331002X', '出生日期'], // month 13
    ['11010519490230002X', '出生日期'], // 30 February
    ['11010518991231002X', '出生日期'], // before 1900
    ['110105203001010012', '晚于今天'],
    ['00010519491231002X', '地区码'],
    ['1101051949123100AX', '前17位'],
    ['', '18位'],
  ])('%s is invalid (%s)', (id, reason) => {
    const r = validateIdNumber(id, today);
    expect(r.valid).toBe(false);
    expect(r.reason).toContain(reason);
  });

  test('birth date', () => expect(birthDateOf('11010519491231002X')).toBe('1949-12-31'));
});

describe('GB 32100 unified social credit code', () => {
  test.each([
    ['91350100M000100Y43', 'published example'],
    ['91110000600037341L', 'enterprise'],
    ['11100000000013127D', 'government body'],
    ['111301990000001' + '00' + creditCodeCheckChar('11130199000000100'), 'computed check char'],
  ])('%s is valid (%s)', (code) => {
    expect(validateCreditCode(code)).toEqual({ valid: true });
  });

  test.each([
    ['91350100M000100Y44', '校验位'],
    ['91350100M000100Y4', '18位'],
    ['91350100M0001O0Y43', '不允许的字符'],
    ['Z1350100M000100Y43', '不允许的字符'],
    ['B1350100M000100Y43', '登记管理部门码'],
    ['9135A100M000100Y43', '行政区划码'],
  ])('%s is invalid (%s)', (code, reason) => {
    const r = validateCreditCode(code);
    expect(r.valid).toBe(false);
    expect(r.reason).toContain(reason);
  });
});

describe('mobile phone', () => {
  test.each([['13812345678', true], ['19900001111', true], ['12812345678', false], ['1381234567', false], ['+8613812345678', false]])(
    '%s → %s',
    (p, ok) => expect(validateMobile(p).valid).toBe(ok),
  );
});

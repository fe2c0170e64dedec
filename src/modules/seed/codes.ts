import { creditCodeCheckChar, idNumberCheckChar } from '../validate/validate.rules.js';

/**
 * Makers of valid-looking national identifiers for demo and test data. Every value passes the
 * check-character rules (GB 11643 ID numbers, GB 32100 credit codes with a GB 11714 organisation code).
 */

/** An 18-digit ID number: 6-digit region, birth date `yyyymmdd`, 3-digit serial (odd = male), check digit. */
export function makeIdNumber(region6: string, birth: string, serial: number): string {
  if (!/^\d{6}$/.test(region6) || !/^\d{8}$/.test(birth)) throw new Error('makeIdNumber: region6 is 6 digits, birth is yyyymmdd');
  const first17 = `${region6}${birth}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** GB 11714 organisation code check character for an 8-character body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CHARS.indexOf(body8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A unified social credit code: registration authority + category (`11` 机关, `12` 事业单位, `13` 群团,
 * `91` 企业), the 6-digit region code, a 9-character organisation code and the MOD-31 check character.
 */
export function makeCreditCode(authorityCategory: '11' | '12' | '13' | '91', region6: string, serial: number): string {
  const body8 = String(10_000_000 + ((serial * 7_919 + 1_234) % 89_999_999)).slice(-8);
  const first17 = `${authorityCategory}${region6}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** A mainland mobile number in a demo range (139 0399 xxxx). */
export const makeMobile = (serial: number): string => `1390399${String(serial % 10_000).padStart(4, '0')}`;

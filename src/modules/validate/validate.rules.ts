/**
 * Pure validators for national identifiers.
 * - GB 11643-1999 citizen ID number (公民身份号码): 17 digits + ISO 7064 MOD 11-2 check character.
 * - GB 32100-2015 unified social credit code (统一社会信用代码): 18 chars + MOD 31 check character.
 */
export interface ValidationResult {
  valid: boolean;
  reason?: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/** Province-level codes in use (GB/T 2260), the first two digits of an ID number. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83', '91',
]);

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Birth date (YYYY-MM-DD) from a valid 18-digit ID number. */
export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export function validateIdNumber(raw: string, today: Date = new Date()): ValidationResult {
  const value = (raw ?? '').trim().toUpperCase();
  if (value.length !== 18) return { valid: false, reason: '身份证号码应为18位' };
  if (!/^\d{17}[\dX]$/.test(value)) return { valid: false, reason: '身份证号码前17位应为数字，最后一位为数字或X' };
  if (!PROVINCES.has(value.slice(0, 2))) return { valid: false, reason: '身份证号码的地区码不正确' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { valid: false, reason: '身份证号码中的出生日期不正确' };
  }
  if (birth.getTime() > today.getTime()) return { valid: false, reason: '身份证号码中的出生日期晚于今天' };
  if (idNumberCheckChar(value) !== value[17]) return { valid: false, reason: '身份证号码校验位不正确' };
  return { valid: true };
}

const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** First character: registration authority (登记管理部门码). */
const CC_AUTHORITIES = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y']);

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CC_CHARS.indexOf(first17[i]) * CC_WEIGHTS[i];
  const c = 31 - (sum % 31);
  return CC_CHARS[c === 31 ? 0 : c];
}

export function validateCreditCode(raw: string): ValidationResult {
  const value = (raw ?? '').trim().toUpperCase();
  if (value.length !== 18) return { valid: false, reason: '统一社会信用代码应为18位' };
  for (const ch of value) {
    if (!CC_CHARS.includes(ch)) return { valid: false, reason: `统一社会信用代码含有不允许的字符“${ch}”（不使用 I、O、Z、S、V）` };
  }
  if (!CC_AUTHORITIES.has(value[0])) return { valid: false, reason: '统一社会信用代码第1位（登记管理部门码）不正确' };
  if (!/^\d{6}$/.test(value.slice(2, 8))) return { valid: false, reason: '统一社会信用代码第3-8位应为行政区划码' };
  if (creditCodeCheckChar(value) !== value[17]) return { valid: false, reason: '统一社会信用代码校验位不正确' };
  return { valid: true };
}

/** Mainland mobile number (11 digits starting 1[3-9]). */
export function validateMobile(raw: string): ValidationResult {
  const value = (raw ?? '').trim();
  return /^1[3-9]\d{9}$/.test(value) ? { valid: true } : { valid: false, reason: '手机号码应为11位，以13-19开头' };
}

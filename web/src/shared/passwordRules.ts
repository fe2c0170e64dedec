import type { FormRule } from 'antd';
import type { PasswordPolicy } from './types';

/** Client-side hints that mirror the server's password policy (the server still decides). */
export function countClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(pw)).length;
}

export function policyText(p: PasswordPolicy): string {
  const parts = [`至少 ${p.minLength} 位`, `包含大写字母、小写字母、数字、符号中的至少 ${p.minClasses} 类`];
  if (p.historyCount > 0) parts.push(`不能与最近 ${p.historyCount} 次使用过的密码相同`);
  return `${parts.join('，')}。`;
}

/** Length and character classes from the policy (once it has loaded). */
export const policyRule =
  (policy: PasswordPolicy | undefined): FormRule =>
  () => ({
    validator(_, value: string | undefined) {
      if (!value || !policy) return Promise.resolve();
      if (value.length < policy.minLength) return Promise.reject(new Error(`密码至少 ${policy.minLength} 位`));
      if (countClasses(value) < policy.minClasses) return Promise.reject(new Error(`需包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`));
      return Promise.resolve();
    },
  });

/** The confirmation field must repeat `field`. */
export const sameAsRule =
  (field: string): FormRule =>
  ({ getFieldValue }) => ({
    validator(_, value: string | undefined) {
      if (!value || getFieldValue(field) === value) return Promise.resolve();
      return Promise.reject(new Error('两次输入的密码不一致'));
    },
  });

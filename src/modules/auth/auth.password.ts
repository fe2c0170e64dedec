import { hash, verify } from '@node-rs/argon2';
import type { SecuritySettings } from './auth.settings.js';

/** argon2id with the library's defaults (m=19 MiB, t=2), the OWASP baseline. */
export const hashPassword = (plain: string): Promise<string> => hash(plain);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstDummy(plain: string): Promise<void> {
  dummyHash ??= hash('bianmin-dummy-password');
  await verifyPassword(await dummyHash, plain);
}

export interface PasswordCheckInput {
  password: string;
  username?: string;
  policy: SecuritySettings['passwordPolicy'];
}

/** Pure policy check; returns Chinese reasons (empty = acceptable). History is checked separately. */
export function checkPasswordPolicy({ password, username, policy }: PasswordCheckInput): string[] {
  const problems: string[] = [];
  if (password.length < policy.minLength) problems.push(`密码长度至少 ${policy.minLength} 位`);
  if (password.length > 128) problems.push('密码长度不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`);
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('密码不能包含用户名');
  }
  if (/^(.)\1+$/.test(password)) problems.push('密码不能由同一字符重复组成');
  return problems;
}

/** True when the new password matches one of the stored previous hashes. */
export async function isInHistory(plain: string, previousHashes: string[]): Promise<boolean> {
  for (const h of previousHashes) if (await verifyPassword(h, plain)) return true;
  return false;
}

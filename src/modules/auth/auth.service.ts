import { and, desc, eq, isNull, gt } from 'drizzle-orm';
import { TOTP } from 'otpauth';
import type { Actor, RequestMeta } from '../../platform/auth-context.js';
import { writeAudit } from '../../platform/audit.js';
import { maskIdNumber, maskPhone, randomToken, sm3 } from '../../platform/crypto.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Conflict, Invalid, Locked, NotFound, TooManyRequests, Unauthorized } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { formatCst } from '../../platform/time.js';
import { abilities } from '../../platform/policy.js';
import { hit } from '../../platform/rate-limit.js';
import { isAdminRole, ROLE_LABELS, type Role } from '../../platform/roles.js';
import { regions } from '../org/org.tables.js';
import { validateIdNumber, validateMobile } from '../validate/validate.rules.js';
import type { Me } from './auth.contract.js';
import { checkPasswordPolicy, hashPassword, isInHistory, verifyAgainstDummy, verifyPassword } from './auth.password.js';
import { activeGrants, findUserForLogin, findUserForUpdate, revokeSessions, type GrantView, type UserRow } from './auth.repo.js';
import { afterFailure } from './auth.rules.js';
import { loadSettings, type SecuritySettings } from './auth.settings.js';
import { passwordHistory, roleGrants, sessions, users } from './auth.tables.js';

const INVALID_CREDENTIALS = '用户名或密码错误';
const nameOf = (u: Pick<UserRow, 'displayName' | 'username'>) => `${u.displayName}(${u.username})`;

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

export interface NewSession {
  token: string;
  expiresAt: Date;
  me: Me;
}

/**
 * Sign in: rate limits per IP and per account, lockout after repeated failures, TOTP for the three
 * admin roles, and a new server-side session. Every outcome is audited.
 */
export async function login(deps: Deps, meta: RequestMeta, input: LoginInput): Promise<NewSession> {
  const settings = await loadSettings(deps.db, deps);
  const identifier = input.username.trim();
  const accountKey = deps.crypto.index(identifier.toLowerCase());

  const ipHit = await hit(deps.db, `login:ip:${meta.ip}`, settings.rateLimit.loginPerIpPerMinute, 60);
  const acctHit = await hit(deps.db, `login:acct:${accountKey}`, settings.rateLimit.loginPerAccountPerMinute, 60);
  if (!ipHit.allowed || !acctHit.allowed) {
    await deps.db.transaction((tx) =>
      writeAudit(tx, null, meta, {
        action: 'auth.rate_limited',
        outcome: 'denied',
        details: { by: ipHit.allowed ? 'account' : 'ip' },
      }),
    );
    throw new TooManyRequests('登录尝试过于频繁，请稍后再试', Math.max(ipHit.allowed ? 0 : ipHit.retryAfterSeconds, acctHit.allowed ? 0 : acctHit.retryAfterSeconds));
  }

  const user = await findUserForLogin(deps.db, identifier, deps.crypto.index(identifier));
  if (!user || !user.active) {
    await verifyAgainstDummy(input.password);
    await deps.db.transaction((tx) =>
      writeAudit(tx, null, meta, {
        action: 'auth.login_failed',
        outcome: 'failure',
        actorId: user?.id ?? null,
        actorName: user ? nameOf(user) : null,
        countyId: user?.countyId ?? null,
        details: { reason: user ? 'inactive' : 'unknown_account' },
      }),
    );
    throw new Unauthorized(INVALID_CREDENTIALS, 'INVALID_CREDENTIALS');
  }

  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    await deps.db.transaction((tx) =>
      writeAudit(tx, null, meta, {
        action: 'auth.login_failed',
        outcome: 'denied',
        actorId: user.id,
        actorName: nameOf(user),
        countyId: user.countyId,
        details: { reason: 'locked' },
      }),
    );
    throw lockedError(user.lockedUntil);
  }

  const grants = (await activeGrants(deps.db, [user.id])).get(user.id) ?? [];
  const needsTotp = grants.some((g) => isAdminRole(g.role));
  const passwordOk = await verifyPassword(user.passwordHash, input.password);

  if (passwordOk && needsTotp) {
    if (!user.totpSecretEnc) {
      throw new BusinessRule('MFA_NOT_ENROLLED', '管理员账号尚未绑定动态验证码，请联系安全管理员');
    }
    if (!input.totp) throw new Unauthorized('请输入动态验证码', 'MFA_REQUIRED', { mfa: 'totp' });
  }
  const totpOk = !needsTotp || (passwordOk && !!input.totp && verifyTotp(deps.crypto.decrypt(user.totpSecretEnc!), input.totp));

  if (!passwordOk || !totpOk) {
    const reason = passwordOk ? 'bad_totp' : 'bad_password';
    const lockedUntil = await recordFailure(deps, meta, user, settings, reason);
    if (lockedUntil) throw lockedError(lockedUntil);
    throw passwordOk ? new Unauthorized('动态验证码不正确', 'MFA_INVALID') : new Unauthorized(INVALID_CREDENTIALS, 'INVALID_CREDENTIALS');
  }

  const token = randomToken();
  const expiresAt = new Date(now.getTime() + settings.session.absoluteHours * 3_600_000);
  const sessionId = newId();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id));
    await tx.insert(sessions).values({
      id: sessionId,
      tokenHash: sm3(token),
      userId: user.id,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent ?? null,
    });
    await writeAudit(tx, null, meta, {
      action: 'auth.login',
      actorId: user.id,
      actorName: nameOf(user),
      actorRole: [...new Set(grants.map((g) => g.role))].join(',') || null,
      countyId: user.countyId,
      objectType: 'session',
      objectId: sessionId,
      details: needsTotp ? { mfa: 'totp' } : undefined,
    });
  });
  return { token, expiresAt, me: buildMe(user, grants, settings) };
}

function lockedError(until: Date): Locked {
  return new Locked(`账号因多次登录失败已被锁定，请于 ${formatCst(until)} 后再试，或联系安全管理员解锁`, 'ACCOUNT_LOCKED', { lockedUntil: until.toISOString() });
}


function verifyTotp(secret: string, code: string): boolean {
  const totp = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.validate({ token: code, window: 1 }) !== null;
}

async function recordFailure(deps: Deps, meta: RequestMeta, user: UserRow, settings: SecuritySettings, reason: string): Promise<Date | null> {
  return deps.db.transaction(async (tx) => {
    const fresh = await findUserForUpdate(tx, user.id);
    if (!fresh) return null;
    const next = afterFailure(fresh.failedAttempts, settings.lockout.maxFailures, settings.lockout.lockMinutes, new Date());
    await tx.update(users).set(next).where(eq(users.id, user.id));
    const who = { actorId: user.id, actorName: nameOf(user), countyId: user.countyId };
    await writeAudit(tx, null, meta, { action: 'auth.login_failed', outcome: 'failure', ...who, details: { reason } });
    if (next.lockedUntil) {
      await writeAudit(tx, null, meta, {
        action: 'auth.locked',
        outcome: 'success',
        objectType: 'user',
        objectId: user.id,
        ...who,
        details: { lockedUntil: next.lockedUntil.toISOString(), minutes: settings.lockout.lockMinutes },
      });
    }
    return next.lockedUntil;
  });
}

export async function logout(deps: Deps, actor: Actor, meta: RequestMeta): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, actor.sessionId));
    await writeAudit(tx, actor, meta, { action: 'auth.logout', objectType: 'session', objectId: actor.sessionId });
  });
}

/** The signed-in user's profile, from what the session hook already loaded (no further queries). */
export async function me(deps: Deps, user: UserRow, grants: GrantView[]): Promise<Me> {
  return buildMe(user, grants, await loadSettings(deps.db, deps));
}

function buildMe(user: UserRow, grants: GrantView[], settings: SecuritySettings): Me {
  const expired =
    settings.passwordPolicy.maxAgeDays > 0 && Date.now() - user.passwordChangedAt.getTime() > settings.passwordPolicy.maxAgeDays * 86_400_000;
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      kind: user.kind as 'staff' | 'citizen',
      idNumberMasked: user.idNumberMasked,
      phoneMasked: user.phoneMasked,
      mustChangePassword: user.mustChangePassword || expired,
      homeRegionId: user.homeRegionId,
    },
    roles: grants.map((g) => ({ role: g.role, label: ROLE_LABELS[g.role], scopeType: g.scopeType, scopeId: g.centerId ?? g.regionId, scopeName: g.scopeName })),
    abilities: abilities({ userId: user.id, username: user.username, displayName: user.displayName, kind: user.kind as 'staff', sessionId: '', grants }),
  };
}

export interface RegisterInput {
  realName: string;
  idNumber: string;
  phone: string;
  password: string;
  homeRegionId?: string;
}

/** Citizen self-registration with real name, ID number and phone; signs the citizen in. */
export async function registerCitizen(deps: Deps, meta: RequestMeta, input: RegisterInput): Promise<NewSession> {
  const settings = await loadSettings(deps.db, deps);
  // Registration answers whether an ID number is already registered, so it is rate limited like
  // login: otherwise it would let anyone enumerate who has an account.
  const ipHit = await hit(deps.db, `register:ip:${meta.ip}`, settings.rateLimit.loginPerIpPerMinute, 60);
  if (!ipHit.allowed) {
    await deps.db.transaction((tx) => writeAudit(tx, null, meta, { action: 'auth.rate_limited', outcome: 'denied', details: { by: 'ip', on: 'register' } }));
    throw new TooManyRequests('注册尝试过于频繁，请稍后再试', ipHit.retryAfterSeconds);
  }
  const idNumber = input.idNumber.trim().toUpperCase();
  const fieldErrors: { path: string; message: string }[] = [];
  const idCheck = validateIdNumber(idNumber);
  if (!idCheck.valid) fieldErrors.push({ path: 'idNumber', message: idCheck.reason! });
  const phoneCheck = validateMobile(input.phone);
  if (!phoneCheck.valid) fieldErrors.push({ path: 'phone', message: phoneCheck.reason! });
  for (const p of checkPasswordPolicy({ password: input.password, username: input.phone, policy: settings.passwordPolicy })) {
    fieldErrors.push({ path: 'password', message: p });
  }
  if (fieldErrors.length) throw new Invalid('注册信息不符合要求', fieldErrors, 'VALIDATION_FAILED');

  const passwordHash = await hashPassword(input.password);
  const token = randomToken();
  const expiresAt = new Date(Date.now() + settings.session.absoluteHours * 3_600_000);
  const userId = newId();
  await deps.db.transaction(async (tx) => {
    const idIdx = deps.crypto.index(idNumber);
    const phoneIdx = deps.crypto.index(input.phone);
    const clash = await tx
      .select({ id: users.id, idIdx: users.idNumberIdx })
      .from(users)
      .where(eq(users.idNumberIdx, idIdx))
      .union(tx.select({ id: users.id, idIdx: users.idNumberIdx }).from(users).where(eq(users.phoneIdx, phoneIdx)));
    if (clash.some((c) => c.idIdx === idIdx)) throw new Conflict('该身份证号已注册，请直接登录或找回密码', 'ID_NUMBER_TAKEN');
    if (clash.length) throw new Conflict('该手机号已注册，请直接登录', 'PHONE_TAKEN');
    let countyId: string | null = null;
    if (input.homeRegionId) {
      const r = await tx.select({ countyId: regions.countyId, active: regions.active }).from(regions).where(eq(regions.id, input.homeRegionId));
      if (!r[0] || !r[0].active) throw new Invalid('所选居住地不存在', [{ path: 'homeRegionId', message: '所选居住地不存在' }], 'VALIDATION_FAILED');
      countyId = r[0].countyId;
    }
    await tx.insert(users).values({
      id: userId,
      kind: 'citizen',
      username: `c${userId.replace(/-/g, '').slice(-10)}`,
      displayName: input.realName,
      phoneEnc: deps.crypto.encrypt(input.phone),
      phoneIdx,
      phoneMasked: maskPhone(input.phone),
      idNumberEnc: deps.crypto.encrypt(idNumber),
      idNumberIdx: idIdx,
      idNumberMasked: maskIdNumber(idNumber),
      passwordHash,
      countyId,
      homeRegionId: input.homeRegionId ?? null,
    });
    await tx.insert(passwordHistory).values({ userId, passwordHash });
    await tx.insert(roleGrants).values({ userId, role: 'citizen' });
    await tx.insert(sessions).values({ tokenHash: sm3(token), userId, expiresAt, ip: meta.ip, userAgent: meta.userAgent ?? null });
    await writeAudit(tx, null, meta, {
      action: 'auth.register',
      actorId: userId,
      actorName: input.realName,
      actorRole: 'citizen',
      objectType: 'user',
      objectId: userId,
      countyId,
      details: { idNumber: maskIdNumber(idNumber), phone: maskPhone(input.phone) },
    });
  });
  const user = (await deps.db.select().from(users).where(eq(users.id, userId)))[0];
  return { token, expiresAt, me: buildMe(user, (await activeGrants(deps.db, [userId])).get(userId) ?? [], settings) };
}

/** Change one's own password: policy, history, and every other session of the user is ended. */
export async function changePassword(deps: Deps, actor: Actor, meta: RequestMeta, current: string, next: string): Promise<void> {
  const settings = await loadSettings(deps.db, deps);
  const user = (await deps.db.select().from(users).where(eq(users.id, actor.userId)))[0];
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw new BusinessRule('CURRENT_PASSWORD_WRONG', '当前密码不正确');
  }
  const problems = checkPasswordPolicy({ password: next, username: user.username, policy: settings.passwordPolicy });
  if (problems.length) throw new BusinessRule('PASSWORD_POLICY', problems.join('；'), { problems });
  if (settings.passwordPolicy.historyCount > 0) {
    const history = await deps.db
      .select({ hash: passwordHistory.passwordHash })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, user.id))
      .orderBy(desc(passwordHistory.createdAt))
      .limit(settings.passwordPolicy.historyCount);
    if (await isInHistory(next, [user.passwordHash, ...history.map((h) => h.hash)])) {
      throw new BusinessRule('PASSWORD_REUSED', `新密码不能与最近 ${settings.passwordPolicy.historyCount} 次使用过的密码相同`);
    }
  }
  const hash = await hashPassword(next);
  await deps.db.transaction(async (tx) => {
    const locked = await findUserForUpdate(tx, user.id);
    if (!locked || locked.passwordHash !== user.passwordHash) throw new Conflict('密码已被修改，请重试');
    await tx
      .update(users)
      .set({ passwordHash: hash, passwordChangedAt: new Date(), mustChangePassword: false, updatedAt: new Date(), version: locked.version + 1 })
      .where(eq(users.id, user.id));
    await tx.insert(passwordHistory).values({ userId: user.id, passwordHash: hash });
    await revokeSessions(tx, user.id, actor.sessionId);
    await writeAudit(tx, actor, meta, { action: 'auth.password_changed', objectType: 'user', objectId: user.id });
  });
}

export async function listSessions(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === actor.sessionId,
  }));
}

/** Revoke one of one's own sessions; another user's session id is simply not found. */
export async function revokeOwnSession(deps: Deps, actor: Actor, meta: RequestMeta, sessionId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (!rows.length) throw new NotFound('会话不存在或已结束');
    await writeAudit(tx, actor, meta, { action: 'auth.session_revoked', objectType: 'session', objectId: sessionId });
  });
}

export type { Role };

import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Actor, RequestMeta } from '../../platform/auth-context.js';
import { diffFields, writeAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { BusinessRule, Conflict, NotFound, OutOfScope } from '../../platform/errors.js';
import { authorize, requireAbility, scopeIsEmpty } from '../../platform/policy.js';
import { ROLE_LABELS, isAdminRole, type Role } from '../../platform/roles.js';
import { regionPathInScope } from '../org/org.repo.js';
import { centers, regions } from '../org/org.tables.js';
import { activeGrants, findUserForUpdate, revokeSessions, type GrantView } from './auth.repo.js';
import { checkPasswordPolicy, hashPassword } from './auth.password.js';
import { checkGrant } from './auth.rules.js';
import { loadSettings, saveSettings, type SecuritySettings } from './auth.settings.js';
import { passwordHistory, roleGrants, users } from './auth.tables.js';
import type { Executor } from '../../db/client.js';

const grantItem = (userId: string, g: GrantView) => ({
  id: g.id,
  userId,
  role: g.role,
  label: ROLE_LABELS[g.role],
  scopeType: g.scopeType,
  scopeId: g.centerId ?? g.regionId,
  scopeName: g.scopeName,
});

export async function getSettings(deps: Deps, actor: Actor): Promise<SecuritySettings> {
  requireAbility(actor, 'read', 'security_settings');
  return loadSettings(deps.db);
}

export async function updateSettings(deps: Deps, actor: Actor, meta: RequestMeta, value: SecuritySettings): Promise<SecuritySettings> {
  authorize(actor, 'update', 'security_settings', {});
  await deps.db.transaction(async (tx) => {
    const before = await loadSettings(tx);
    await saveSettings(tx, value, actor.userId, deps);
    const flat = (s: SecuritySettings) =>
      Object.fromEntries(Object.entries(s).flatMap(([group, v]) => Object.entries(v).map(([k, x]) => [`${group}.${k}`, x]))) as Record<string, unknown>;
    const b = flat(before);
    const a = flat(value);
    await writeAudit(tx, actor, meta, {
      action: 'security.settings_updated',
      objectType: 'security_settings',
      objectId: 'security',
      changes: diffFields(b, a, Object.keys(a)),
    });
  });
  return value;
}

/** Join condition placing a user in the region tree: their home region, else their county. */
const userRegion = eq(regions.id, sql`coalesce(${users.homeRegionId}, ${users.countyId})`);

/** A user's place in the region tree, for scope checks: citizens by home region, staff by county grants. */
async function userScopeTarget(tx: Executor, userId: string) {
  const rows = await tx
    .select({ user: users, path: regions.path })
    .from(users)
    .leftJoin(regions, userRegion)
    .where(eq(users.id, userId));
  return rows[0];
}

export async function listUsers(deps: Deps, actor: Actor, q: string | undefined, limit: number) {
  const scope = requireAbility(actor, 'read', 'staff');
  if (scopeIsEmpty(scope)) return [];
  const conds: (SQL | undefined)[] = [regionPathInScope(scope)];
  if (q) conds.push(or(ilike(users.username, `%${q}%`), ilike(users.displayName, `%${q}%`)));
  const rows = await deps.db
    .select({ user: users })
    .from(users)
    .leftJoin(regions, userRegion)
    .where(and(eq(users.kind, 'staff'), ...conds))
    .orderBy(users.username)
    .limit(limit);
  const grants = await activeGrants(deps.db, rows.map((r) => r.user.id));
  const now = new Date();
  return rows.map(({ user: u }) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    kind: u.kind as 'staff' | 'citizen',
    active: u.active,
    locked: !!u.lockedUntil && u.lockedUntil > now,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
    hasTotp: !!u.totpSecretEnc,
    roles: (grants.get(u.id) ?? []).map((g) => grantItem(u.id, g)),
  }));
}

export async function listGrants(deps: Deps, actor: Actor, userId?: string) {
  const scope = requireAbility(actor, 'read', 'role_grant');
  if (userId) {
    const t = await userScopeTarget(deps.db, userId);
    if (!t) throw new NotFound('用户不存在');
    authorize(actor, 'read', 'role_grant', { regionPath: t.path });
    return ((await activeGrants(deps.db, [userId])).get(userId) ?? []).map((g) => grantItem(userId, g));
  }
  const rows = await deps.db
    .select({ userId: users.id })
    .from(users)
    .leftJoin(regions, userRegion)
    .where(and(eq(users.kind, 'staff'), regionPathInScope(scope)))
    .limit(500);
  const map = await activeGrants(deps.db, rows.map((r) => r.userId));
  return [...map].flatMap(([uid, gs]) => gs.map((g) => grantItem(uid, g)));
}

export interface GrantInput {
  userId: string;
  role: Role;
  scopeRegionId?: string;
  scopeCenterId?: string;
}

/**
 * Grant a role (security admin only). 三权分立 and scope rules are pure (auth.rules.checkGrant);
 * a refusal is itself audited. Granting an admin role to an account without TOTP enrols one and
 * returns the secret once, for the security admin to hand over.
 */
export async function grantRole(deps: Deps, actor: Actor, meta: RequestMeta, input: GrantInput) {
  requireAbility(actor, 'grant', 'role_grant');
  const outcome = await deps.db.transaction(async (tx) => {
    const target = await findUserForUpdate(tx, input.userId);
    if (!target) throw new NotFound('用户不存在');
    const t = await userScopeTarget(tx, target.id);
    authorize(actor, 'grant', 'role_grant', { regionPath: t?.path ?? null });

    let scope: { type: 'region' | 'center'; level: string; path: string | null; countyId: string | null } | null = null;
    if (input.scopeRegionId) {
      const r = (await tx.select().from(regions).where(eq(regions.id, input.scopeRegionId)))[0];
      if (!r || !r.active) throw new NotFound('所选区划不存在');
      scope = { type: 'region', level: r.level, path: r.path, countyId: r.countyId };
    } else if (input.scopeCenterId) {
      const c = (
        await tx
          .select({ level: centers.level, active: centers.active, path: regions.path, countyId: centers.countyId })
          .from(centers)
          .innerJoin(regions, eq(regions.id, centers.regionId))
          .where(eq(centers.id, input.scopeCenterId))
      )[0];
      if (!c || !c.active) throw new NotFound('所选服务中心不存在');
      scope = { type: 'center', level: c.level, path: c.path, countyId: c.countyId };
    }
    // The new grant's scope must itself lie within the security admin's own scope.
    if (scope && !actor.grants.some((g) => g.role === 'security_admin' && g.regionPath && scope!.path?.startsWith(g.regionPath))) {
      throw new OutOfScope();
    }

    const existing = (await activeGrants(tx, [target.id])).get(target.id) ?? [];
    const refusal = checkGrant({
      actorId: actor.userId,
      targetUserId: target.id,
      targetKind: target.kind as 'staff' | 'citizen',
      role: input.role,
      targetRoles: existing.map((g) => g.role),
      scope: scope ? { type: scope.type, level: scope.level } : null,
    });
    // Refusals leave the transaction (rolled back, nothing saved) and are audited after it.
    if (refusal) return { refusal } as const;
    if (existing.some((g) => g.role === input.role && (g.regionId ?? null) === (input.scopeRegionId ?? null) && (g.centerId ?? null) === (input.scopeCenterId ?? null))) {
      throw new Conflict('该账号在此范围内已拥有此角色', 'GRANT_EXISTS');
    }

    let totpEnrollment: Awaited<ReturnType<typeof newTotp>> | undefined;
    if (isAdminRole(input.role) && !target.totpSecretEnc) {
      totpEnrollment = await newTotp(target.username);
      await tx.update(users).set({ totpSecretEnc: deps.crypto.encrypt(totpEnrollment.secret) }).where(eq(users.id, target.id));
    }
    const [row] = await tx
      .insert(roleGrants)
      .values({
        userId: target.id,
        role: input.role,
        scopeRegionId: input.scopeRegionId ?? null,
        scopeCenterId: input.scopeCenterId ?? null,
        grantedBy: actor.userId,
      })
      .returning({ id: roleGrants.id });
    if (!target.countyId && scope?.countyId) await tx.update(users).set({ countyId: scope.countyId }).where(eq(users.id, target.id));
    await writeAudit(tx, actor, meta, {
      action: 'role.granted',
      objectType: 'role_grant',
      objectId: row.id,
      countyId: scope?.countyId ?? target.countyId,
      details: { userId: target.id, username: target.username, role: input.role, scopeType: scope?.type ?? null, scopeId: input.scopeCenterId ?? input.scopeRegionId ?? null, totpEnrolled: !!totpEnrollment },
    });
    const created = ((await activeGrants(tx, [target.id])).get(target.id) ?? []).find((g) => g.id === row.id)!;
    return { result: { grant: grantItem(target.id, created), totpEnrollment } } as const;
  });
  if (!outcome.result) {
    const { code, message } = outcome.refusal!;
    await recordRefusal(deps, actor, meta, input, code);
    throw new BusinessRule(code, message);
  }
  return outcome.result;
}

/**
 * Audited in its own transaction, after the use case's transaction has ended: the refused change is
 * rolled back, the refusal is not. (Never open a second transaction inside one: PGlite has one connection.)
 */
async function recordRefusal(deps: Deps, actor: Actor, meta: RequestMeta, input: GrantInput, code: string): Promise<void> {
  await deps.db.transaction((tx) =>
    writeAudit(tx, actor, meta, {
      action: 'role.grant_refused',
      outcome: 'denied',
      objectType: 'user',
      objectId: input.userId,
      details: { role: input.role, code },
    }),
  );
}

export async function revokeGrant(deps: Deps, actor: Actor, meta: RequestMeta, grantId: string): Promise<void> {
  requireAbility(actor, 'revoke', 'role_grant');
  const refused = await deps.db.transaction(async (tx) => {
    const g = (await tx.select().from(roleGrants).where(and(eq(roleGrants.id, grantId), eq(roleGrants.active, true))).for('update'))[0];
    if (!g) throw new NotFound('授权不存在或已撤销');
    const t = await userScopeTarget(tx, g.userId);
    authorize(actor, 'revoke', 'role_grant', { regionPath: t?.path ?? null });
    if (g.userId === actor.userId) return { userId: g.userId, role: g.role as Role };
    await tx.update(roleGrants).set({ active: false, revokedAt: new Date(), revokedBy: actor.userId }).where(eq(roleGrants.id, g.id));
    await writeAudit(tx, actor, meta, {
      action: 'role.revoked',
      objectType: 'role_grant',
      objectId: g.id,
      details: { userId: g.userId, role: g.role },
    });
    return null;
  });
  if (refused) {
    await recordRefusal(deps, actor, meta, refused, 'SEPARATION_OF_DUTIES');
    throw new BusinessRule('SEPARATION_OF_DUTIES', '三权分立：不能为自己授予或撤销角色');
  }
}

export async function unlockUser(deps: Deps, actor: Actor, meta: RequestMeta, userId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const u = await findUserForUpdate(tx, userId);
    if (!u) throw new NotFound('用户不存在');
    const t = await userScopeTarget(tx, userId);
    authorize(actor, 'unlock', u.kind === 'citizen' ? 'citizen' : 'staff', { regionPath: t?.path ?? null });
    await tx.update(users).set({ lockedUntil: null, failedAttempts: 0 }).where(eq(users.id, userId));
    await writeAudit(tx, actor, meta, {
      action: 'staff.unlocked',
      objectType: 'user',
      objectId: userId,
      changes: diffFields({ lockedUntil: u.lockedUntil?.toISOString() ?? null }, { lockedUntil: null }, ['lockedUntil']),
    });
  });
}



/** A new TOTP secret with its otpauth URI and a QR code (PNG data URL) for authenticator apps. */
async function newTotp(username: string) {
  const secret = new Secret({ size: 20 });
  const totp = new TOTP({ issuer: '便民服务平台', label: username, secret, digits: 6, period: 30, algorithm: 'SHA1' });
  const uri = totp.toString();
  return { secret: secret.base32, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) };
}

/**
 * Reset an administrator's credentials (password and TOTP). System admins may not touch admin
 * accounts (三权分立), so this is the security admin's job; never for oneself. The new TOTP secret
 * is returned once, every session of the account ends, and the first login must change the password.
 */
export async function resetAdminCredentials(deps: Deps, actor: Actor, meta: RequestMeta, userId: string, password: string) {
  requireAbility(actor, 'grant', 'role_grant');
  if (userId === actor.userId) throw new BusinessRule('SEPARATION_OF_DUTIES', '三权分立：不能重置自己的登录凭据');
  const settings = await loadSettings(deps.db, deps);
  const problems = checkPasswordPolicy({ password, policy: settings.passwordPolicy });
  if (problems.length) throw new BusinessRule('PASSWORD_POLICY', problems.join('；'), { problems });
  const hash = await hashPassword(password);
  return deps.db.transaction(async (tx) => {
    const u = await findUserForUpdate(tx, userId);
    if (!u) throw new NotFound('用户不存在');
    const t = await userScopeTarget(tx, userId);
    authorize(actor, 'grant', 'role_grant', { regionPath: t?.path ?? null });
    const roles = ((await activeGrants(tx, [userId])).get(userId) ?? []).map((g) => g.role);
    if (!roles.some(isAdminRole)) {
      throw new BusinessRule('NOT_ADMIN_ACCOUNT', '只能重置管理员账号的凭据；工作人员的密码由系统管理员重置');
    }
    const totp = await newTotp(u.username);
    await tx
      .update(users)
      .set({
        passwordHash: hash,
        passwordChangedAt: new Date(),
        mustChangePassword: true,
        totpSecretEnc: deps.crypto.encrypt(totp.secret),
        failedAttempts: 0,
        lockedUntil: null,
        updatedAt: new Date(),
        version: u.version + 1,
      })
      .where(eq(users.id, userId));
    await tx.insert(passwordHistory).values({ userId, passwordHash: hash });
    await revokeSessions(tx, userId);
    await writeAudit(tx, actor, meta, {
      action: 'staff.credentials_reset',
      objectType: 'user',
      objectId: userId,
      countyId: u.countyId,
      details: { username: u.username, totpReenrolled: true },
    });
    return { totpEnrollment: totp };
  });
}

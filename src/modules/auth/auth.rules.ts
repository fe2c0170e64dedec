import { isAdminRole, type Role } from '../../platform/roles.js';

/**
 * Pure rules of the auth module: separation of duties (三权分立), lockout and session validity.
 * Services load the facts and ask these functions; the tests pin them with tables.
 */

export interface GrantRequest {
  actorId: string;
  targetUserId: string;
  targetKind: 'staff' | 'citizen';
  role: Role;
  /** Roles the target already holds (active grants). */
  targetRoles: Role[];
  scope: { type: 'region'; level: string } | { type: 'center'; level: string } | null;
}

export type GrantRefusal = { code: string; message: string };

export function checkGrant(g: GrantRequest): GrantRefusal | null {
  if (g.actorId === g.targetUserId) {
    return { code: 'SEPARATION_OF_DUTIES', message: '三权分立：不能为自己授予或撤销角色' };
  }
  if (g.role === 'citizen') return { code: 'ROLE_NOT_GRANTABLE', message: '群众角色由本人注册取得，不能授予' };
  if (g.targetKind !== 'staff') return { code: 'TARGET_NOT_STAFF', message: '只能为工作人员账号授予工作角色' };
  if (isAdminRole(g.role)) {
    const other = g.targetRoles.find((r) => r !== g.role);
    if (other) {
      return {
        code: 'SEPARATION_OF_DUTIES',
        message: isAdminRole(other)
          ? '三权分立：系统管理员、安全管理员、审计管理员不能由同一账号兼任'
          : '三权分立：管理员账号不能同时担任业务角色',
      };
    }
  } else if (g.targetRoles.some(isAdminRole)) {
    return { code: 'SEPARATION_OF_DUTIES', message: '三权分立：管理员账号不能同时担任业务角色' };
  }
  if (g.targetRoles.includes(g.role) && isAdminRole(g.role)) {
    return { code: 'GRANT_EXISTS', message: '该账号已拥有此角色' };
  }
  if (!g.scope) return { code: 'SCOPE_REQUIRED', message: '请选择角色的管辖范围（区划或服务中心）' };
  const allowed = SCOPE_LEVELS[g.role];
  if (allowed && !allowed.includes(`${g.scope.type}:${g.scope.level}`)) {
    return { code: 'SCOPE_LEVEL_INVALID', message: `该角色的管辖范围应为：${allowed.map(describeScope).join('、')}` };
  }
  return null;
}

/** Where each role may be scoped. Admins and supervisors work county-wide (or above). */
const SCOPE_LEVELS: Partial<Record<Role, string[]>> = {
  system_admin: ['region:province', 'region:city', 'region:county'],
  security_admin: ['region:province', 'region:city', 'region:county'],
  audit_admin: ['region:province', 'region:city', 'region:county'],
  supervisor: ['region:province', 'region:city', 'region:county'],
  village_agent: ['center:village', 'region:village'],
  catalog_admin: ['region:county', 'region:township'],
};

function describeScope(s: string): string {
  const [type, level] = s.split(':');
  const names: Record<string, string> = { province: '省', city: '市', county: '县', township: '乡镇', village: '村' };
  return `${names[level] ?? level}级${type === 'center' ? '服务中心' : '区划'}`;
}

/** After a failed password: the new counter, and the lock end if the account is now locked. */
export function afterFailure(failedAttempts: number, maxFailures: number, lockMinutes: number, now: Date): { failedAttempts: number; lockedUntil: Date | null } {
  const n = failedAttempts + 1;
  if (n >= maxFailures) return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) };
  return { failedAttempts: n, lockedUntil: null };
}

export type SessionState = 'valid' | 'revoked' | 'expired' | 'idle';

export function sessionState(
  s: { revokedAt: Date | null; expiresAt: Date; lastSeenAt: Date },
  idleMinutes: number,
  now: Date,
): SessionState {
  if (s.revokedAt) return 'revoked';
  if (now.getTime() >= s.expiresAt.getTime()) return 'expired';
  if (now.getTime() - s.lastSeenAt.getTime() >= idleMinutes * 60_000) return 'idle';
  return 'valid';
}

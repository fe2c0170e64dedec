import { describe, expect, test } from 'vitest';
import type { Role } from '../../platform/roles.js';
import { checkPasswordPolicy } from './auth.password.js';
import { DEFAULT_SETTINGS } from './auth.settings.js';
import { afterFailure, checkGrant, sessionState, type GrantRequest } from './auth.rules.js';

const county = { type: 'region' as const, level: 'county' };
const base: GrantRequest = { actorId: 'sec', targetUserId: 'u1', targetKind: 'staff', role: 'window_clerk', targetRoles: [], scope: county };
const req = (over: Partial<GrantRequest>): GrantRequest => ({ ...base, ...over });

describe('三权分立 grant rules', () => {
  test.each<[string, Partial<GrantRequest>, string | null]>([
    ['clerk role to a staff member', {}, null],
    ['system admin to a fresh account', { role: 'system_admin' }, null],
    ['anything to oneself', { targetUserId: 'sec' }, 'SEPARATION_OF_DUTIES'],
    ['security admin to oneself', { targetUserId: 'sec', role: 'security_admin' }, 'SEPARATION_OF_DUTIES'],
    ['audit admin to a system admin', { role: 'audit_admin', targetRoles: ['system_admin'] }, 'SEPARATION_OF_DUTIES'],
    ['security admin to an audit admin', { role: 'security_admin', targetRoles: ['audit_admin'] }, 'SEPARATION_OF_DUTIES'],
    ['system admin to a clerk', { role: 'system_admin', targetRoles: ['window_clerk'] }, 'SEPARATION_OF_DUTIES'],
    ['clerk to a system admin', { role: 'window_clerk', targetRoles: ['system_admin'] }, 'SEPARATION_OF_DUTIES'],
    ['approver to a clerk (business roles combine)', { role: 'approver', targetRoles: ['window_clerk'] }, null],
    ['the same admin role twice', { role: 'audit_admin', targetRoles: ['audit_admin'] }, 'GRANT_EXISTS'],
    ['citizen role', { role: 'citizen' }, 'ROLE_NOT_GRANTABLE'],
    ['staff role to a citizen account', { targetKind: 'citizen' }, 'TARGET_NOT_STAFF'],
    ['no scope', { scope: null }, 'SCOPE_REQUIRED'],
    ['admin scoped to a township', { role: 'system_admin', scope: { type: 'region', level: 'township' } }, 'SCOPE_LEVEL_INVALID'],
    ['agent scoped to a village room', { role: 'village_agent', scope: { type: 'center', level: 'village' } }, null],
    ['agent scoped to a township hall', { role: 'village_agent', scope: { type: 'center', level: 'township' } }, 'SCOPE_LEVEL_INVALID'],
  ])('%s', (_name, over, code) => {
    const r = checkGrant(req(over));
    expect(r?.code ?? null).toBe(code);
  });

  test('every pair of admin roles is refused', () => {
    const admins: Role[] = ['system_admin', 'security_admin', 'audit_admin'];
    for (const a of admins) for (const b of admins) if (a !== b) expect(checkGrant(req({ role: a, targetRoles: [b] }))?.code).toBe('SEPARATION_OF_DUTIES');
  });
});

describe('password policy', () => {
  const policy = DEFAULT_SETTINGS.passwordPolicy;
  test.each([
    ['Demo@2026', 'town.clerk', 0],
    ['short1A', 'x', 1],
    ['alllowercase', 'x', 1],
    ['Town.clerk2026!', 'town.clerk', 1],
    ['AAAAAAAAAAAA', 'x', 2],
    ['abcDEF123', 'x', 0],
  ])('%s for %s → %i problems', (password, username, n) => {
    expect(checkPasswordPolicy({ password, username, policy })).toHaveLength(n);
  });
});

describe('lockout', () => {
  const now = new Date('2026-11-23T08:00:00Z');
  test('counts failures below the limit', () => expect(afterFailure(2, 5, 15, now)).toEqual({ failedAttempts: 3, lockedUntil: null }));
  test('locks at the limit for the configured minutes', () =>
    expect(afterFailure(4, 5, 15, now)).toEqual({ failedAttempts: 0, lockedUntil: new Date('2026-11-23T08:15:00Z') }));
});

describe('session state', () => {
  const now = new Date('2026-11-23T08:00:00Z');
  const ago = (min: number) => new Date(now.getTime() - min * 60_000);
  test.each<[string, { revokedAt: Date | null; expiresAt: Date; lastSeenAt: Date }, string]>([
    ['fresh', { revokedAt: null, expiresAt: ago(-60), lastSeenAt: ago(1) }, 'valid'],
    ['idle 30 min', { revokedAt: null, expiresAt: ago(-60), lastSeenAt: ago(30) }, 'idle'],
    ['past absolute lifetime', { revokedAt: null, expiresAt: ago(0), lastSeenAt: ago(0) }, 'expired'],
    ['revoked', { revokedAt: ago(5), expiresAt: ago(-60), lastSeenAt: ago(1) }, 'revoked'],
  ])('%s', (_n, s, state) => expect(sessionState(s, 30, now)).toBe(state));
});

import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, totpCode, type TestCtx, type TestClient } from '../../test/harness.js';
import { FIXTURE_PASSWORD as PW, FIXTURE_TOTP, seedAuthFixture, type AuthFixture } from '../../test/auth-fixture.js';
import { auditLog } from '../audit/audit.tables.js';
import { roleGrants } from './auth.tables.js';

let ctx: TestCtx;
let fx: AuthFixture;
let sec: TestClient;
let sys: TestClient;

beforeAll(async () => {
  ctx = await createTestApp({ seed: async (db, config) => (fx = await seedAuthFixture(db, config)) });
  sec = await ctx.client().login('sec', PW, FIXTURE_TOTP);
  sys = await ctx.client().login('sys', PW, FIXTURE_TOTP);
});
afterAll(async () => ctx?.close());

const grantsOf = async (userId: string) =>
  (await ctx.db.select({ role: roleGrants.role }).from(roleGrants).where(and(eq(roleGrants.userId, userId), eq(roleGrants.active, true)))).map((r) => r.role).sort();

describe('三权分立 (separation of duties)', () => {
  test('the security admin cannot give a system admin a second admin role; nothing is saved and the refusal is audited', async () => {
    const res = await sec.post('/api/security/grants', { userId: fx.users.sys, role: 'audit_admin', scopeRegionId: fx.countyId });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('SEPARATION_OF_DUTIES');
    expect(await grantsOf(fx.users.sys)).toEqual(['system_admin']);
    const refusals = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'role.grant_refused'));
    expect(refusals.length).toBeGreaterThan(0);
  });

  test('the security admin cannot grant any role to themself', async () => {
    for (const role of ['security_admin', 'audit_admin', 'window_clerk']) {
      const res = await sec.post('/api/security/grants', { userId: fx.users.sec, role, scopeRegionId: fx.countyId });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('SEPARATION_OF_DUTIES');
    }
    expect(await grantsOf(fx.users.sec)).toEqual(['security_admin']);
  });

  test('the system admin cannot grant roles at all (403)', async () => {
    const res = await sys.post('/api/security/grants', { userId: fx.users.plain, role: 'window_clerk', scopeRegionId: fx.townAId });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  test('the audit admin cannot change security settings (403) and the denial is audited', async () => {
    const aud = await ctx.client().login('aud', PW, FIXTURE_TOTP);
    const before = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, 'permission.denied')))[0].n;
    expect((await aud.get('/api/security/settings')).statusCode).toBe(403);
    const after = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, 'permission.denied')))[0].n;
    expect(after).toBe(before + 1);
  });

  test('a business role is granted; an admin role then is refused for that account', async () => {
    const ok = await sec.post('/api/security/grants', { userId: fx.users.plain, role: 'approver', scopeRegionId: fx.townAId });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().grant).toMatchObject({ role: 'approver', label: '审批人员', scopeName: '甲镇' });
    const admin = await sec.post('/api/security/grants', { userId: fx.users.plain, role: 'system_admin', scopeRegionId: fx.countyId });
    expect(admin.json().error.code).toBe('SEPARATION_OF_DUTIES');
    const dup = await sec.post('/api/security/grants', { userId: fx.users.plain, role: 'approver', scopeRegionId: fx.townAId });
    expect(dup.statusCode).toBe(409);
  });

  test('granting an admin role to an account without TOTP enrols one and returns it once', async () => {
    const res = await sec.post('/api/security/grants', { userId: fx.users.plain2, role: 'audit_admin', scopeRegionId: fx.countyId });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.totpEnrollment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.totpEnrollment.uri).toMatch(/^otpauth:\/\/totp\//);
    const png = Buffer.from(body.totpEnrollment.qrDataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const login = await ctx.client().post('/api/auth/login', { username: 'plain2', password: PW });
    expect(login.json().error.code).toBe('MFA_REQUIRED');
    const grantId = body.grant.id;
    expect((await sec.delete(`/api/security/grants/${grantId}`)).statusCode).toBe(204);
    expect(await grantsOf(fx.users.plain2)).toEqual([]);
  });

  test('an admin role must be scoped to a county or above', async () => {
    const res = await sec.post('/api/security/grants', { userId: fx.users.plain2, role: 'system_admin', scopeRegionId: fx.townAId });
    expect(res.json().error.code).toBe('SCOPE_LEVEL_INVALID');
  });

  test('the security admin cannot revoke their own grant', async () => {
    const mine = (await sec.get(`/api/security/grants?userId=${fx.users.sec}`)).json().items[0];
    const res = await sec.delete(`/api/security/grants/${mine.id}`);
    expect(res.json().error.code).toBe('SEPARATION_OF_DUTIES');
  });
});

describe('security settings', () => {
  test('the security admin reads and changes the policy; the change is audited with before/after', async () => {
    const current = (await sec.get('/api/security/settings')).json();
    expect(current.lockout.maxFailures).toBe(5);
    const next = { ...current, lockout: { ...current.lockout, maxFailures: 6 } };
    expect((await sec.put('/api/security/settings', next)).json().lockout.maxFailures).toBe(6);
    const rows = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'security.settings_updated'));
    expect(rows.at(-1)!.changes).toEqual({ 'lockout.maxFailures': { before: 5, after: 6 } });
    const bad = await sec.put('/api/security/settings', { ...current, lockout: { ...current.lockout, maxFailures: 1 } });
    expect(bad.statusCode).toBe(400);
  });

  test('the user list shows lock state and roles, never ID numbers', async () => {
    const res = await sec.get('/api/security/users?q=clerk');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((u: { username: string }) => u.username).sort()).toEqual(['clerkA', 'clerkB']);
    expect(res.body).not.toMatch(/\d{17}[\dX]/);
  });
});

describe('resetting an administrator’s credentials', () => {
  test('the security admin resets a system admin: new TOTP returned once, old password and sessions end', async () => {
    const sysSession = await ctx.client().login('sys', PW, FIXTURE_TOTP);
    const res = await sec.post(`/api/security/users/${fx.users.sys}/reset-credentials`, { password: 'Fresh@Admin2026' });
    expect(res.statusCode, res.body).toBe(200);
    const secret = res.json().totpEnrollment.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect((await sysSession.get('/api/auth/me')).statusCode).toBe(401);
    const oldTotp = await ctx.client().post('/api/auth/login', { username: 'sys', password: 'Fresh@Admin2026', totp: totpCode(FIXTURE_TOTP) });
    expect(oldTotp.json().error.code).toBe('MFA_INVALID');
    const fresh = await ctx.client().post('/api/auth/login', { username: 'sys', password: 'Fresh@Admin2026', totp: totpCode(secret) });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().user.mustChangePassword).toBe(true);
    const rows = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'staff.credentials_reset'));
    expect(rows).toHaveLength(1);
  });

  test('not for oneself, not for business accounts, not by another admin role', async () => {
    expect((await sec.post(`/api/security/users/${fx.users.sec}/reset-credentials`, { password: 'Fresh@Admin2026' })).json().error.code).toBe('SEPARATION_OF_DUTIES');
    expect((await sec.post(`/api/security/users/${fx.users.clerkA}/reset-credentials`, { password: 'Fresh@Admin2026' })).json().error.code).toBe('NOT_ADMIN_ACCOUNT');
    const aud = await ctx.client().login('aud', PW, FIXTURE_TOTP);
    expect((await aud.post(`/api/security/users/${fx.users.sys}/reset-credentials`, { password: 'Fresh@Admin2026' })).statusCode).toBe(403);
  });
});

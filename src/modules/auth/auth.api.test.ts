import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog } from '../audit/audit.tables.js';
import { createTestApp, totpCode, type TestCtx } from '../../test/harness.js';
import { FIXTURE_PASSWORD as PW, FIXTURE_TOTP, seedAuthFixture, type AuthFixture } from '../../test/auth-fixture.js';
import { idNumberCheckChar } from '../validate/validate.rules.js';
import { sessions, users } from './auth.tables.js';

let ctx: TestCtx;
let fx: AuthFixture;

beforeAll(async () => {
  ctx = await createTestApp({ seed: async (db, config) => (fx = await seedAuthFixture(db, config)) });
});
afterAll(async () => ctx?.close());

const auditCount = async (action: string, actorId?: string) => {
  const rows = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), actorId ? eq(auditLog.actorId, actorId) : undefined));
  return rows[0].n;
};

describe('login and session', () => {
  test('a clerk logs in, gets httpOnly session + readable csrf cookies, and /me shows roles and abilities', async () => {
    const c = ctx.client();
    const res = await c.post('/api/auth/login', { username: 'clerkA', password: PW });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((k) => k.name === 'bm_session')!;
    const csrf = res.cookies.find((k) => k.name === 'csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(csrf.httpOnly).toBeFalsy();
    const me = (await c.get('/api/auth/me')).json();
    expect(me.user.username).toBe('clerkA');
    expect(me.user.idNumberMasked).toMatch(/^130199\*{8}\d{3}[\dX]$/);
    expect(me.roles).toEqual([expect.objectContaining({ role: 'window_clerk', label: '窗口受理员', scopeName: '甲镇' })]);
    expect(me.abilities).toContain('center.read');
    expect(me.abilities).not.toContain('center.create');
    expect(await auditCount('auth.login', fx.users.clerkA)).toBeGreaterThan(0);
  });

  test('login by phone number works', async () => {
    const res = await ctx.client().post('/api/auth/login', { username: '13800000004', password: PW });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('clerkA');
  });

  test('wrong password and unknown account look the same, and both are audited', async () => {
    const c = ctx.client();
    c.ip = '10.9.0.1';
    const a = await c.post('/api/auth/login', { username: 'clerkB', password: 'Wrong@2026' });
    const b = await c.post('/api/auth/login', { username: 'nobody', password: 'Wrong@2026' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(b.json().error).toEqual(a.json().error);
    expect(await auditCount('auth.login_failed', fx.users.clerkB)).toBe(1);
    // Reset the counter for later tests.
    await ctx.db.update(users).set({ failedAttempts: 0 }).where(eq(users.id, fx.users.clerkB));
  });

  test('/me without a session is 401 with the error envelope', async () => {
    const res = await ctx.client().get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  });

  test('bad input is 400 VALIDATION_FAILED with field details', async () => {
    const res = await ctx.client().post('/api/auth/login', { username: '', password: 'x', totp: '12' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['totp', 'username']);
  });
});

describe('lockout', () => {
  test('five wrong passwords lock the account; even the right password is then refused until unlocked', async () => {
    const c = ctx.client();
    c.ip = '10.9.0.2';
    for (let i = 0; i < 4; i++) {
      const r = await c.post('/api/auth/login', { username: 'plain', password: 'Wrong@2026' });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await c.post('/api/auth/login', { username: 'plain', password: 'Wrong@2026' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await c.post('/api/auth/login', { username: 'plain', password: PW });
    expect(right.statusCode).toBe(423);
    expect(await auditCount('auth.locked', fx.users.plain)).toBe(1);

    const sec = await ctx.client().login('sec', PW, FIXTURE_TOTP);
    expect((await sec.post(`/api/security/users/${fx.users.plain}/unlock`)).statusCode).toBe(204);
    expect((await c.post('/api/auth/login', { username: 'plain', password: PW })).statusCode).toBe(200);
  });
});

describe('rate limits', () => {
  test('login attempts per IP are limited (429 with Retry-After), other IPs are not affected', async () => {
    const c = ctx.client();
    c.ip = '10.77.0.1';
    let limited = null;
    for (let i = 0; i < 40 && !limited; i++) {
      const r = await c.post('/api/auth/login', { username: `ghost${i}`, password: 'Wrong@2026' });
      if (r.statusCode === 429) limited = r;
      else expect(r.statusCode).toBe(401);
    }
    expect(limited).not.toBeNull();
    expect(limited!.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    const other = ctx.client();
    other.ip = '10.77.0.2';
    expect((await other.post('/api/auth/login', { username: 'clerkA', password: PW })).statusCode).toBe(200);
  });

  test('login attempts per account are limited across IPs', async () => {
    let limited = false;
    for (let i = 0; i < 15 && !limited; i++) {
      const c = ctx.client();
      c.ip = `10.88.0.${i + 1}`;
      const r = await c.post('/api/auth/login', { username: 'ghost-account', password: 'Wrong@2026' });
      limited = r.statusCode === 429;
    }
    expect(limited).toBe(true);
  });
});

describe('session expiry', () => {
  test('an idle session (30 min by default) ends and is audited', async () => {
    const c = await ctx.client().login('clerkA', PW);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    const me = (await c.get('/api/auth/me')).json();
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(and(eq(sessions.userId, me.user.id), sql`${sessions.revokedAt} is null`));
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(await auditCount('auth.session_expired', me.user.id)).toBeGreaterThan(0);
  });

  test('a session past its absolute lifetime ends even if active', async () => {
    const c = await ctx.client().login('clerkB', PW);
    await ctx.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, fx.users.clerkB));
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('CSRF double submit', () => {
  test('a state-changing request with a session but no or wrong x-csrf-token is 403 CSRF_INVALID', async () => {
    const c = await ctx.client().login('clerkA', PW);
    c.sendCsrf = false;
    const none = await c.post('/api/auth/logout');
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('CSRF_INVALID');
    const wrong = await c.post('/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    // A csrf cookie + header pair that is not bound to this session is refused too.
    const forged = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    c.cookies.set('csrf', forged);
    expect((await c.post('/api/auth/logout', {}, { 'x-csrf-token': forged })).statusCode).toBe(403);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect(await auditCount('auth.csrf_rejected')).toBeGreaterThanOrEqual(3);
  });

  test('with the header the request passes; login itself needs none, even over an existing session', async () => {
    const c = await ctx.client().login('clerkA', PW);
    c.sendCsrf = false;
    expect((await c.post('/api/auth/login', { username: 'clerkB', password: PW })).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).json().user.username).toBe('clerkB');
    c.sendCsrf = true;
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('TOTP for administrators', () => {
  test('password alone → MFA_REQUIRED; a wrong code → MFA_INVALID; the right code → signed in', async () => {
    const c = ctx.client();
    c.ip = '10.9.0.5';
    const first = await c.post('/api/auth/login', { username: 'aud', password: PW });
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe('MFA_REQUIRED');
    expect(first.cookies.find((k) => k.name === 'bm_session')).toBeUndefined();
    const code = totpCode(FIXTURE_TOTP);
    const wrongCode = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    const bad = await c.post('/api/auth/login', { username: 'aud', password: PW, totp: wrongCode });
    expect(bad.json().error.code).toBe('MFA_INVALID');
    const ok = await c.post('/api/auth/login', { username: 'aud', password: PW, totp: code });
    expect(ok.statusCode).toBe(200);
    await ctx.db.update(users).set({ failedAttempts: 0 }).where(eq(users.id, fx.users.aud));
  });
});

describe('citizen registration', () => {
  const id17 = '13019919900307123';
  const idNumber = id17 + idNumberCheckChar(id17);

  test('invalid ID number, phone and weak password are all reported at once', async () => {
    const res = await ctx.client().post('/api/auth/register', { realName: '王小明', idNumber: '130199199003071231', phone: '123', password: 'weak' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['idNumber', 'phone', 'password']));
  });

  test('a valid registration signs the citizen in, shows only masked data, and a second one is 409', async () => {
    const c = ctx.client();
    const res = await c.post('/api/auth/register', { realName: '王小明', idNumber, phone: '13912345678', password: 'Village@2026' });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain(idNumber);
    expect(res.body).not.toContain('13912345678');
    const me = (await c.get('/api/auth/me')).json();
    expect(me.user.kind).toBe('citizen');
    expect(me.user.idNumberMasked).toBe(`130199********${idNumber.slice(-4)}`);
    expect(me.roles.map((r: { role: string }) => r.role)).toEqual(['citizen']);
    const stored = (await ctx.db.select().from(users).where(eq(users.id, me.user.id)))[0];
    expect(stored.idNumberEnc).not.toContain(idNumber);
    expect(ctx.crypto.decrypt(stored.idNumberEnc!)).toBe(idNumber);
    const again = await ctx.client().post('/api/auth/register', { realName: '王小明', idNumber, phone: '13912345679', password: 'Village@2026' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ID_NUMBER_TAKEN');
    // The citizen can log in with the phone number.
    expect((await ctx.client().post('/api/auth/login', { username: '13912345678', password: 'Village@2026' })).statusCode).toBe(200);
  });
});

describe('registration rate limit', () => {
  test('repeated registrations from one IP are limited, so ID numbers cannot be enumerated', async () => {
    const c = ctx.client();
    c.ip = '10.66.0.1';
    let limited = null;
    for (let i = 0; i < 40 && !limited; i++) {
      const r = await c.post('/api/auth/register', { realName: '试探', idNumber: '11010519491231002X', phone: '13900000000', password: 'x' });
      if (r.statusCode === 429) limited = r;
      else expect(r.statusCode).toBe(400);
    }
    expect(limited?.json().error.code).toBe('RATE_LIMITED');
  });
});

describe('password change and sessions', () => {
  test('policy and history are enforced; a change ends the other sessions', async () => {
    const a = await ctx.client().login('plain2', PW);
    const b = await ctx.client().login('plain2', PW);
    const weak = await a.post('/api/auth/password', { currentPassword: PW, newPassword: 'abc' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    const reuse = await a.post('/api/auth/password', { currentPassword: PW, newPassword: PW });
    expect(reuse.json().error.code).toBe('PASSWORD_REUSED');
    const wrongCurrent = await a.post('/api/auth/password', { currentPassword: 'Nope@2026', newPassword: 'Brand@New2026' });
    expect(wrongCurrent.json().error.code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await a.post('/api/auth/password', { currentPassword: PW, newPassword: 'Brand@New2026' })).statusCode).toBe(204);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    expect((await ctx.client().post('/api/auth/login', { username: 'plain2', password: 'Brand@New2026' })).statusCode).toBe(200);
  });

  test('a user lists and revokes their own sessions, never another user’s', async () => {
    const a1 = await ctx.client().login('clerkB', PW);
    const a2 = await ctx.client().login('clerkB', PW);
    const list = (await a1.get('/api/auth/sessions')).json().items;
    expect(list.length).toBeGreaterThanOrEqual(2);
    const other = list.find((s: { current: boolean }) => !s.current);
    expect((await a1.delete(`/api/auth/sessions/${other.id}`)).statusCode).toBe(204);
    const stranger = await ctx.client().login('clerkA', PW);
    const mine = list.find((s: { current: boolean }) => s.current);
    expect((await stranger.delete(`/api/auth/sessions/${mine.id}`)).statusCode).toBe(404);
    expect((await a1.get('/api/auth/me')).statusCode).toBe(200);
    void a2;
  });
});

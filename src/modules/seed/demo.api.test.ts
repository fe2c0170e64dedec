import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestCtx } from '../../test/harness.js';
import { users } from '../auth/auth.tables.js';
import { regions } from '../org/org.tables.js';
import { DEMO_TOTP_SECRET } from './demo-constants.js';
import { seedDemoIfEmpty } from './demo.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const count = async (t: typeof regions | typeof users) => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(t))[0].n;

describe('demo seed', () => {
  test('never runs with NODE_ENV=production', async () => {
    expect(await seedDemoIfEmpty(ctx.db, { ...ctx.config, env: 'production' })).toBe(false);
    expect(await count(regions)).toBe(0);
    expect(await count(users)).toBe(0);
  });

  test('seeds an empty database once, and every README account signs in', async () => {
    expect(await seedDemoIfEmpty(ctx.db, ctx.config)).toBe(true);
    expect(await seedDemoIfEmpty(ctx.db, ctx.config)).toBe(false);
    const admins = ['sysadmin', 'secadmin', 'auditor'];
    const accounts = [
      'county.supervisor', 'county.director', 'county.clerk', 'county.approver', 'town.director', 'town.clerk',
      'town.approver', 'village.agent', 'citizen', ...admins,
    ];
    for (const username of accounts) {
      const c = ctx.client();
      c.ip = `10.55.0.${accounts.indexOf(username) + 1}`;
      await c.login(username, DEMO_PASSWORD, admins.includes(username) ? DEMO_TOTP_SECRET : undefined);
      const me = (await c.get('/api/auth/me')).json();
      expect(me.user.username).toBe(username);
      expect(me.roles.length).toBe(1);
    }
  });
});

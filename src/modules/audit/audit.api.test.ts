import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestCtx, type TestClient } from '../../test/harness.js';
import { FIXTURE_PASSWORD as PW, FIXTURE_TOTP, seedAuthFixture } from '../../test/auth-fixture.js';
import { verifyChain } from '../../platform/audit.js';
import { auditLog } from './audit.tables.js';

let ctx: TestCtx;
let aud: TestClient;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedAuthFixture });
  // Produce some history: logins, a failure, a denial.
  await ctx.client().login('clerkA', PW);
  await ctx.client().post('/api/auth/login', { username: 'clerkB', password: 'Wrong@2026' });
  const clerk = await ctx.client().login('clerkB', PW);
  await clerk.get('/api/audit/events');
  aud = await ctx.client().login('aud', PW, FIXTURE_TOTP);
});
afterAll(async () => ctx?.close());

describe('audit log reading', () => {
  test('the audit admin lists events newest first with labels, and filters by action and outcome', async () => {
    const all = (await aud.get('/api/audit/events?limit=100')).json();
    expect(all.items.length).toBeGreaterThanOrEqual(5);
    expect(all.items[0].seq).toBeGreaterThan(all.items[1].seq);
    const failed = (await aud.get('/api/audit/events?action=auth.login_failed')).json().items;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ actionLabel: '登录失败', outcome: 'failure', details: { reason: 'bad_password' } });
    const denied = (await aud.get('/api/audit/events?outcome=denied')).json().items;
    expect(denied.map((d: { action: string }) => d.action)).toContain('permission.denied');
  });

  test('keyset pagination walks every row once', async () => {
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: { items: { seq: number }[]; nextCursor: number | null } = (await aud.get(`/api/audit/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i) => i.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
  });

  test('a clerk cannot read the audit log (403)', async () => {
    const clerk = await ctx.client().login('clerkA', PW);
    const res = await clerk.get('/api/audit/events');
    expect(res.statusCode).toBe(403);
  });

  test('the system admin cannot read the audit log either (三权分立)', async () => {
    const sys = await ctx.client().login('sys', PW, FIXTURE_TOTP);
    expect((await sys.get('/api/audit/events')).statusCode).toBe(403);
  });

  test('Excel export contains the rows in Chinese and is itself audited', async () => {
    const res = await aud.get('/api/audit/events/export?action=auth.login');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(1).getCell(6).value).toBe('操作');
    expect(ws.rowCount).toBeGreaterThan(2);
    expect(ws.getRow(2).getCell(6).value).toBe('登录');
    const exported = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'audit.exported'));
    expect(exported).toHaveLength(1);
  });
});

describe('append-only hash chain (SM3)', () => {
  test('the chain verifies as intact', async () => {
    const res = await aud.post('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(res.json().checked).toBeGreaterThan(5);
  });

  test('UPDATE and DELETE on the audit log are rejected by the database', async () => {
    await expect(ctx.database.exec(`UPDATE audit_log SET outcome = 'success' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(ctx.database.exec(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(ctx.database.exec(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  test('tampering by a superuser who disables the trigger is found at the first broken row', async () => {
    const rows = await ctx.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    const target = rows[3];
    await ctx.database.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await ctx.database.exec(`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = ${target.seq}`);
    await ctx.database.exec(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    const report = await verifyChain(ctx.db);
    expect(report).toMatchObject({ ok: false, firstBrokenSeq: target.seq, reason: 'hash_mismatch' });
    const api = (await aud.post('/api/audit/verify')).json();
    expect(api).toMatchObject({ ok: false, firstBrokenSeq: target.seq });
  });

  test('a deleted row breaks the link of the row after it', async () => {
    // Restore a clean chain view by checking from a fresh copy: delete a row after the tampered one.
    const rows = await ctx.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    const victim = rows[rows.length - 3];
    await ctx.database.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await ctx.database.exec(`DELETE FROM audit_log WHERE seq = ${victim.seq}`);
    await ctx.database.exec(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    // The earlier tampered row is still reported first; verify from the victim onwards with a pure walk.
    const after = (await ctx.db.select().from(auditLog).orderBy(asc(auditLog.seq))).filter((r) => r.seq > victim.seq);
    expect(after[0].prevHash).toBe(victim.hash);
    const report = await verifyChain(ctx.db);
    expect(report.ok).toBe(false);
  });
});

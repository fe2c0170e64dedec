import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import * as schema from '../../db/schema.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, qs, type TestCtx } from '../../test/harness.js';
import { businessDate, yearOf } from '../calendar/calendar.rules.js';
import { dueDate, loadCalendar, workdaysBetweenDates } from '../calendar/calendar.service.js';
import { demoPerson, loadDemoIds, seedDemoIfEmpty } from '../seed/demo.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import { listCases } from './cases.repo.js';
import { provisionalCalendarNote } from './cases.seed.js';

/**
 * The demo cases (cases.seed.ts) as the demo seed leaves them, with the real "today": every state,
 * deadlines from the calendar, tasks agreeing with the status, numbers from the counters, and inbox
 * counts that show cases due soon and overdue.
 */
let ctx: TestCtx;
let seedMs = 0;
beforeAll(async () => {
  ctx = await createTestApp({
    seed: async (db, config) => {
      const started = Date.now();
      await seedDemoIfEmpty(db, config);
      seedMs = Date.now() - started;
    },
  });
});
afterAll(async () => ctx?.close());

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await ctx.db.execute(q)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

interface CaseRow {
  id: string;
  case_no: string;
  status: string;
  decision: string | null;
  channel: string;
  accepted_on: string | null;
  due_date: string | null;
  promised_days: number;
  paused_workdays: number;
  received_at: string;
  accepted_at: string | null;
  concluded_at: string | null;
  delivered_at: string | null;
  decision_no: string | null;
  implementation_code: string;
  center_level: string;
  agent_id: string | null;
}

const allCases = () =>
  rows<CaseRow>(sql`
    select k.id, k.case_no, k.status, k.decision, k.channel, k.accepted_on::text, k.due_date::text, k.promised_days, k.paused_workdays,
           k.received_at::text, k.accepted_at::text, k.concluded_at::text, k.delivered_at::text, k.decision_no, i.implementation_code,
           c.level as center_level, k.agent_id
    from cases k join catalog_items i on i.id = k.item_id join centers c on c.id = k.center_id`);

describe('demo cases', () => {
  test('a few hundred cases in every state and channel, seeded quickly', async () => {
    const cs = await allCases();
    console.log(`demo seed ${seedMs} ms, ${cs.length} cases`);
    expect(cs.length).toBeGreaterThanOrEqual(250);
    expect(cs.length).toBeLessThanOrEqual(350);
    const n = (f: (c: CaseRow) => boolean) => cs.filter(f).length;
    for (const status of ['received', 'accepted', 'correcting', 'rejected', 'in_review', 'suspended', 'concluded', 'returned', 'withdrawn']) {
      expect(n((c) => c.status === status), status).toBeGreaterThan(0);
    }
    expect(n((c) => c.status === 'concluded' && c.decision === 'approve' && !!c.delivered_at)).toBeGreaterThan(0);
    expect(n((c) => c.status === 'concluded' && c.decision === 'approve' && !c.delivered_at)).toBeGreaterThan(0);
    expect(n((c) => c.status === 'concluded' && c.decision === 'deny')).toBeGreaterThan(0);
    for (const channel of ['window', 'online', 'agent', 'appointment', 'post']) expect(n((c) => c.channel === channel), channel).toBeGreaterThan(0);
    // Village rooms take cases in only through their agents.
    expect(cs.filter((c) => c.center_level === 'village').every((c) => c.channel === 'agent' && c.agent_id)).toBe(true);
    expect(cs.filter((c) => c.channel === 'agent').every((c) => c.center_level === 'village')).toBe(true);
    // Nothing in the future.
    const now = Date.now();
    expect(cs.every((c) => new Date(c.received_at).getTime() <= now && (!c.delivered_at || new Date(c.delivered_at).getTime() <= now))).toBe(true);
  });

  test('every item is published and offered at the center that received it', async () => {
    const bad = await rows<{ case_no: string }>(sql`
      select k.case_no from cases k
      join catalog_items i on i.id = k.item_id
      join catalog_item_versions v on v.item_id = i.id and v.version = i.published_version
      join centers rc on rc.id = k.center_id join regions rr on rr.id = rc.region_id
      join centers ic on ic.id = i.center_id join regions ir on ir.id = ic.region_id
      where k.item_version <> i.published_version
         or k.handling_center_id <> i.center_id
         or not (k.center_id = i.center_id or (rr.path like ir.path || '%' and v.content->'acceptLevels' ? rc.level))
         or (k.channel = 'agent' and not (v.content->>'agentEligible')::boolean)`);
    expect(bad).toEqual([]);
  });

  test('deadlines: due = the calendar due of accepted on + promised + paused days; pauses agree', async () => {
    const cs = await allCases();
    const accepted = cs.filter((c) => c.accepted_on);
    expect(accepted.length).toBeGreaterThan(150);
    const cal = await loadCalendar(ctx.db, accepted.map((c) => c.accepted_on!).sort()[0]);
    for (const c of accepted) {
      expect(cal.isWorkday(c.accepted_on!), `${c.case_no} accepted on a working day`).toBe(true);
      expect(c.due_date, c.case_no).toBe(await dueDate(ctx.db, c.accepted_on!, c.promised_days, c.paused_workdays));
      expect(businessDate(new Date(c.accepted_at!))).toBe(c.accepted_on);
    }
    expect(cs.filter((c) => !c.accepted_on).every((c) => c.due_date === null)).toBe(true);
    const pauses = await rows<{ case_id: string; started_on: string; ended_on: string | null; workdays: number | null }>(
      sql`select case_id, started_on::text, ended_on::text, workdays from case_pauses`,
    );
    for (const c of cs) {
      const mine = pauses.filter((p) => p.case_id === c.id);
      expect(mine.filter((p) => p.ended_on === null).length, c.case_no).toBe(c.status === 'suspended' ? 1 : 0);
      const closed = mine.filter((p) => p.ended_on !== null);
      expect(closed.reduce((s, p) => s + p.workdays!, 0), c.case_no).toBe(c.paused_workdays);
      for (const p of closed) expect(p.workdays).toBe(await workdaysBetweenDates(ctx.db, p.started_on, p.ended_on!));
    }
    // Some cases were paused and resumed, some 容缺 materials are late.
    expect(cs.some((c) => c.paused_workdays > 0 && c.status !== 'suspended')).toBe(true);
    const today = businessDate();
    const late = await rows<{ n: number }>(
      sql`select count(*)::int n from case_materials m join cases k on k.id = m.case_id where m.status = 'deferred' and m.deferred_due < ${today}::date and k.status in ('accepted', 'in_review', 'suspended')`,
    );
    expect(late[0].n).toBeGreaterThan(0);
  });

  test('tasks agree with the status', async () => {
    const cs = await allCases();
    const tasks = await rows<{ case_id: string; kind: string; status: string; assignee_id: string | null; done_by: string | null; done_at: string | null }>(
      sql`select case_id, kind, status, assignee_id, done_by, done_at::text from case_tasks`,
    );
    const of = (id: string) => tasks.filter((t) => t.case_id === id);
    for (const c of cs) {
      const ts = of(c.id);
      const why = `${c.case_no} ${c.status}`;
      if (!c.accepted_on) expect(ts, why).toEqual([]);
      else expect(ts.length, why).toBeGreaterThan(0);
      if (c.status === 'accepted') expect(ts.filter((t) => t.kind !== 'acceptance').every((t) => t.status === 'open' || t.status === 'waiting'), why).toBe(true);
      if (c.status === 'in_review') expect(ts.some((t) => t.kind === 'review' && (t.status === 'claimed' || t.status === 'done')), why).toBe(true);
      if (['accepted', 'in_review', 'suspended'].includes(c.status)) expect(ts.some((t) => t.kind === 'decision' && t.status === 'done'), why).toBe(false);
      if (c.status === 'concluded') {
        expect(ts.filter((t) => t.kind === 'review' || t.kind === 'decision').every((t) => t.status === 'done'), why).toBe(true);
        expect(ts.some((t) => t.kind === 'decision'), why).toBe(true);
        for (const t of ts.filter((x) => x.kind === 'delivery')) expect(t.status, why).toBe(c.delivered_at ? 'done' : 'open');
        expect(c.decision_no, why).toBe(`${c.case_no.slice(-12, -8)}-${c.case_no.slice(-4)}`);
      }
      for (const t of ts) {
        if (t.status === 'claimed') expect(t.assignee_id, why).not.toBeNull();
        if (t.status === 'done') expect(t.done_by && t.done_at, why).toBeTruthy();
      }
    }
  });

  test('case numbers are unique, well formed and continue the daily counters', async () => {
    const cs = await allCases();
    expect(new Set(cs.map((c) => c.case_no)).size).toBe(cs.length);
    for (const c of cs) {
      const day = businessDate(new Date(c.received_at)).replaceAll('-', '');
      expect(c.case_no).toMatch(new RegExp(`^${c.implementation_code}${day}\\d{4}$`));
    }
    const counters = await rows<{ prefix: string; last: number }>(sql`select prefix, last from case_counters`);
    const byPrefix = new Map<string, number[]>();
    for (const c of cs) byPrefix.set(c.case_no.slice(0, -4), [...(byPrefix.get(c.case_no.slice(0, -4)) ?? []), Number(c.case_no.slice(-4))]);
    expect(counters.length).toBe(byPrefix.size);
    for (const { prefix, last } of counters) {
      const serials = byPrefix.get(prefix)!.sort((a, b) => a - b);
      expect(serials).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    }
  });

  test('personal data is stored encrypted and masked', async () => {
    const as = await rows<{ id_number_enc: string | null; id_number_masked: string | null; kind: string; credit_code: string | null }>(
      sql`select id_number_enc, id_number_masked, kind, credit_code from applicants`,
    );
    expect(as.length).toBeGreaterThan(150);
    for (const a of as) {
      if (a.kind === 'person') {
        expect(a.id_number_enc).toMatch(/^v1:/);
        expect(a.id_number_masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      } else expect(a.credit_code).toMatch(/^91/);
    }
  });

  test('inboxes show cases due soon and overdue; the director sees the county', async () => {
    for (const username of ['town.clerk', 'hexi.clerk', 'chengguan.clerk', 'county.clerk']) {
      const c = await ctx.client().login(username, DEMO_PASSWORD);
      const counts = (await c.get('/api/cases/counts')).json();
      expect(counts.warning, username).toBeGreaterThan(0);
      expect(counts.overdue, username).toBeGreaterThan(0);
      expect(counts.open, username).toBeGreaterThan(counts.warning);
      const overdue = (await c.get('/api/cases' + qs({ deadline: 'overdue', limit: 200 }))).json();
      expect(overdue.items.length, username).toBe(counts.overdue);
      expect(overdue.items.every((x: { deadline: { state: string } }) => x.deadline.state === 'overdue')).toBe(true);
    }
    const approver = await ctx.client().login('town.approver', DEMO_PASSWORD);
    expect((await approver.get('/api/cases/counts')).json().mine).toBeGreaterThan(0);
  });

  test('the demo citizen 刘大山 sees his cases in 我的办件 and can track one', async () => {
    const me = await ctx.client().login('citizen', DEMO_PASSWORD);
    const mine = (await me.get('/api/cases/mine')).json();
    const statuses = mine.items.map((x: { status: string }) => x.status);
    expect(statuses.length).toBeGreaterThanOrEqual(5);
    for (const s of ['in_review', 'concluded', 'suspended', 'correcting', 'withdrawn']) expect(statuses).toContain(s);
    const { idNumber } = demoPerson('citizen');
    const tracked = await ctx.client().post('/api/cases/track', { caseNo: mine.items[0].caseNo, proof: idNumber.slice(-4) });
    expect(tracked.statusCode, tracked.body).toBe(200);
  });

  test('next year has a provisional calendar: weekends, fixed-date statutory holidays only, marked for replacement', async () => {
    const year = yearOf(businessDate()) + 1;
    const [y] = await rows<{ source: string; note: string; complete: boolean }>(sql`select source, note, complete from calendar_years where year = ${year}`);
    expect(y).toBeDefined();
    if (y.source === 'seed') return; // the package covers it by now: nothing provisional
    expect(y).toEqual({ source: 'import', note: provisionalCalendarNote(year), complete: true });
    const days = await rows<{ date: string; kind: string; name: string | null; swapped: boolean }>(
      sql`select date::text, kind, name, swapped from calendar_days where date between make_date(${year}, 1, 1) and make_date(${year}, 12, 31) and (kind = 'holiday' or swapped)`,
    );
    expect(days.map((d) => `${d.date.slice(5)} ${d.kind} ${d.name}`)).toEqual([
      '01-01 holiday 元旦',
      '05-01 holiday 劳动节',
      '05-02 holiday 劳动节',
      '10-01 holiday 国庆节',
      '10-02 holiday 国庆节',
      '10-03 holiday 国庆节',
    ]);
    // A deadline into the new year is computed now (2026-12-30 + 5 → 2027-01-07 with 01-01 off).
    const due = await ctx.client().get('/api/calendar/due' + qs({ from: `${year - 1}-12-30`, days: 5 }));
    expect(due.statusCode).toBe(200);
  });

  test('the open-case inbox keyset walks cases_open_due_idx (no sort of every open case)', async () => {
    // The repo's own query for town.clerk's scope, page 2 (with a cursor), captured as it is sent.
    const captured: { query: string; params: unknown[] }[] = [];
    const logger = { logQuery: (query: string, params: unknown[]) => captured.push({ query, params }) };
    const client = (ctx.db as unknown as { $client: pg.Pool | PGlite }).$client;
    const twin = (ctx.database.driver === 'postgres' ? drizzlePg(client as pg.Pool, { schema, logger }) : drizzlePglite(client as PGlite, { schema, logger })) as unknown as Db;
    const ids = await loadDemoIds(ctx.db);
    const [{ path }] = await rows<{ path: string }>(sql`select path from regions where id = ${ids.regions.qingshan}`);
    const scope = { all: false, regionPaths: [path], centerIds: [], exactRegionPaths: [] };
    const first = await listCases(twin, scope, { view: 'center', userId: ids.users['town.clerk'], departmentIds: [], limit: 10 });
    expect(first.nextCursor).not.toBeNull();
    captured.length = 0;
    await listCases(twin, scope, { view: 'center', userId: ids.users['town.clerk'], departmentIds: [], limit: 10, cursor: first.nextCursor! });
    // Parameters inlined, as the planner sees them in a custom plan (the index predicate must be provable).
    let text = captured[0].query;
    captured[0].params.forEach((_, i, ps) => {
      const n = ps.length - i;
      text = text.replaceAll(`$${n}`, `'${String(ps[n - 1]).replaceAll("'", "''")}'`);
    });
    // A few hundred rows: the planner would scan; forbid scans and sorts, so only an ordered index walk is cheap.
    const plan = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      const r = (await tx.execute(sql.raw(`explain ${text}`))) as unknown as { rows: Record<string, string>[] };
      return r.rows.map((x) => Object.values(x)[0]).join('\n');
    });
    expect(plan).toContain('cases_open_due_idx');
    expect(plan).not.toMatch(/Sort Key/);
  });
});

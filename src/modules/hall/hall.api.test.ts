import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import { openDatabase } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { publishHallEvent } from '../../platform/realtime.js';
import { createTestApp, type TestClient, type TestCtx } from '../../test/harness.js';
import { testDriver } from '../../test/db.js';
import { centers, windows } from '../org/org.tables.js';
import { DEMO_PASSWORD } from '../seed/demo-constants.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { queueCategories, windowSessions } from '../queue/queue.tables.js';
import { parseHallEvent } from './hall.hub.js';

/** Business "now": Monday 2027-01-11 09:00 in Beijing. */
const now = new Date('2027-01-11T01:00:00Z');
let ctx: TestCtx;
let base: string;
let town: string;
let county: string;
let ipSerial = 1;
const newClient = (): TestClient => {
  const c = ctx.client();
  c.ip = `10.77.0.${ipSerial++}`;
  return c;
};

interface SseEvent {
  event: string;
  data: unknown;
}

/** A real HTTP SSE client: collects parsed events, resolves waiters as they arrive. */
class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  retry: number | null = null;
  status = 0;
  private readonly ctrl = new AbortController();
  private waiters: (() => void)[] = [];
  private done: Promise<void> = Promise.resolve();
  ended = false;

  async open(url: string, headers: Record<string, string> = {}): Promise<this> {
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: this.ctrl.signal });
    this.status = res.status;
    if (res.status !== 200 || !res.body) {
      this.events.push({ event: 'http', data: await res.text() });
      return this;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    this.done = (async () => {
      let buf = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            this.frame(buf.slice(0, i));
            buf = buf.slice(i + 2);
          }
        }
      } catch {
        // aborted
      }
      this.ended = true;
      this.wake();
    })();
    return this;
  }

  private frame(block: string) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('retry:')) this.retry = Number(line.slice(6));
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trim());
    }
    if (data.length) this.events.push({ event, data: JSON.parse(data.join('\n')) });
    this.wake();
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until an event matches, or `ms` pass (then returns undefined). */
  async waitFor(pred: (e: SseEvent) => boolean, ms = 1000): Promise<SseEvent | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(pred);
      if (hit || this.ended) return hit;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async close() {
    this.ctrl.abort();
    await this.done;
  }
}

const openStream = async (origin: string, centerId: string, headers?: Record<string, string>) => {
  const c = await new SseClient().open(`${origin}/api/hall/centers/${centerId}/events`, headers);
  expect(c.status).toBe(200);
  expect(await c.waitFor((e) => e.event === 'snapshot', 5000)).toBeTruthy();
  return c;
};

const publish = (db: TestCtx['db'], centerId: string, code: string) =>
  db.transaction(async (tx) => publishHallEvent(tx, { centerId, type: 'ticket.called', at: new Date().toISOString(), data: { code, windowNumber: 3, windowName: '3号窗口', categoryName: '社会事务', userId: 'x', idNumber: '1' } }));

const hasCode = (code: string) => (e: SseEvent) => e.event === 'ticket.called' && (e.data as { data: { code: string } }).data.code === code;

beforeAll(async () => {
  ctx = await createTestApp({ seed: seedDemoIfEmpty, now: () => now });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = ctx.app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  town = (await ctx.db.select({ id: centers.id }).from(centers).where(eq(centers.name, '青山镇便民服务中心')))[0].id;
  county = (await ctx.db.select({ id: centers.id }).from(centers).where(eq(centers.level, 'county')))[0].id;
  await ctx.db.update(windowSessions).set({ signedOutAt: now });
});
afterAll(async () => ctx?.close());

describe('event parsing', () => {
  test.each([
    ['not json', null],
    [JSON.stringify({ centerId: 'nope', type: 'ticket.called', at: 'x' }), null],
    [JSON.stringify({ centerId: '0191e0c2-0000-7000-8000-000000000001', type: 'DROP TABLE', at: 'x' }), null],
  ])('rejects %s', (payload, expected) => expect(parseHallEvent(payload)).toEqual(expected));

  test('keeps only public fields of the data', () => {
    const p = parseHallEvent(JSON.stringify({ centerId: '0191E0C2-0000-7000-8000-000000000001', type: 'ticket.called', at: 'now', data: { code: 'A001', windowNumber: 3, idNumber: '110', userId: 'u', nested: { a: 1 } } }));
    expect(p).toEqual({ centerId: '0191e0c2-0000-7000-8000-000000000001', message: { type: 'ticket.called', at: 'now', data: { code: 'A001', windowNumber: 3 } } });
  });
});

describe('event stream', () => {
  test('a stream starts with the retry hint and a snapshot of its center', async () => {
    const s = await openStream(base, town);
    expect(s.retry).toBe(3000);
    const snap = s.events.find((e) => e.event === 'snapshot')!.data as { centerName: string; windows: unknown[] };
    expect(snap.centerName).toBe('青山镇便民服务中心');
    expect(snap.windows.length).toBeGreaterThan(0);
    await s.close();
  });

  test('a committed event reaches the streams of its center within a second, without personal fields, and not other centers', async () => {
    const a = await openStream(base, town);
    const b = await openStream(base, county);
    await publish(ctx.db, town, 'A901');
    const got = await a.waitFor(hasCode('A901'), 1000);
    expect(got?.data).toMatchObject({ type: 'ticket.called', data: { code: 'A901', windowNumber: 3, windowName: '3号窗口', categoryName: '社会事务' } });
    expect(JSON.stringify(got?.data)).not.toMatch(/userId|idNumber/);
    // The other center's stream gets nothing (an event for it afterwards proves it is live).
    await publish(ctx.db, county, 'B902');
    expect(await b.waitFor(hasCode('B902'), 1000)).toBeTruthy();
    expect(b.events.some(hasCode('A901'))).toBe(false);
    await a.close();
    await b.close();
  });

  test('an event of a rolled-back transaction never arrives', async () => {
    const a = await openStream(base, town);
    await ctx.db
      .transaction(async (tx) => {
        await publishHallEvent(tx, { centerId: town, type: 'ticket.called', at: new Date().toISOString(), data: { code: 'X999' } });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await publish(ctx.db, town, 'A903');
    expect(await a.waitFor(hasCode('A903'), 1000)).toBeTruthy();
    expect(a.events.some(hasCode('X999'))).toBe(false);
    await a.close();
  });

  test('an unknown center is 404; too many streams from one address is 429', async () => {
    const r = await fetch(`${base}/api/hall/centers/0191e0c2-0000-7000-8000-000000000001/events`);
    expect(r.status).toBe(404);
    expect((await r.json()).error.code).toBe('CENTER_NOT_FOUND');
    const many: SseClient[] = [];
    for (let i = 0; i < 50; i++) many.push(await new SseClient().open(`${base}/api/hall/centers/${town}/events`));
    expect(many.every((m) => m.status === 200)).toBe(true);
    const over = await new SseClient().open(`${base}/api/hall/centers/${town}/events`);
    expect(over.status).toBe(429);
    for (const m of many) await m.close();
    // Closed streams free their places.
    await new Promise((r) => setTimeout(r, 200));
    const again = await openStream(base, town);
    await again.close();
  });

  test('a window call through the queue API reaches the stream and the screen snapshot', async () => {
    const s = await openStream(base, town);
    const w3 = (await ctx.db.select({ id: windows.id }).from(windows).where(and(eq(windows.centerId, town), eq(windows.number, 1))))[0].id;
    const [cat] = await ctx.db.select({ id: queueCategories.id }).from(queueCategories).where(and(eq(queueCategories.centerId, town), eq(queueCategories.name, '社会事务')));
    const taken = await newClient().post(`/api/queue/centers/${town}/tickets`, { categoryId: cat.id });
    expect(taken.statusCode, taken.body).toBe(200);
    const code = taken.json().code as string;
    expect(await s.waitFor((e) => e.event === 'ticket.taken', 1000)).toBeTruthy();
    const waitingOf = async () => ((await newClient().get(`/api/hall/centers/${town}/screen`)).json().waiting as { name: string; waiting: number }[]).find((c) => c.name === '社会事务')?.waiting;
    const waitingBefore = await waitingOf();
    expect(waitingBefore).toBeGreaterThanOrEqual(1);
    // One more ticket shows on the screen's count; the call below takes the first one off it.
    expect((await newClient().post(`/api/queue/centers/${town}/tickets`, { categoryId: cat.id })).statusCode).toBe(200);
    expect(await waitingOf()).toBe(waitingBefore! + 1);
    const clerk = await newClient().login('town.clerk', DEMO_PASSWORD);
    expect((await clerk.post(`/api/queue/windows/${w3}/sign-in`)).statusCode).toBe(200);
    const called = await clerk.post(`/api/queue/windows/${w3}/call-next`);
    expect(called.statusCode, called.body).toBe(200);
    expect(called.json().ticket.code).toBe(code);
    const ev = await s.waitFor(hasCode(code), 1000);
    expect(ev?.data).toMatchObject({ data: { code, windowNumber: 1 } });
    const snap = await newClient().get(`/api/hall/centers/${town}/screen`);
    expect(snap.statusCode).toBe(200);
    const body = snap.json();
    expect(body.windows.find((w: { number: number }) => w.number === 1)).toMatchObject({ state: 'open', current: { code, status: 'called' } });
    expect(body.recentCalls[0]).toMatchObject({ code, windowNumber: 1 });
    expect(body.waiting.find((c: { name: string }) => c.name === '社会事务').waiting).toBe(waitingBefore!);
    await s.close();
  });

  test('closing the app ends open streams', async () => {
    const other = await createTestApp({ seed: seedDemoIfEmpty, now: () => now });
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = other.app.server.address();
    const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const [c] = await other.db.select({ id: centers.id }).from(centers).where(eq(centers.name, '青山镇便民服务中心'));
    const s = await openStream(origin, c.id);
    await other.close();
    await s.waitFor(() => false, 2000);
    expect(s.ended).toBe(true);
  });
});

// Two app instances need a server both can reach: this block is registered only in the api-pg stage of
// `npm test` (PGlite lives inside one process), so it runs in every full run and is never "skipped".
if (testDriver() === 'postgres') describe('two instances on one PostgreSQL', () => {
  let appB: App;
  let closeB: () => Promise<void>;
  beforeAll(async () => {
    const database = await openDatabase({ databaseUrl: ctx.database.url! });
    appB = await buildApp({ config: ctx.config, database, serveWeb: false, logger: false, now: () => now });
    await appB.listen({ port: 0, host: '127.0.0.1' });
    closeB = async () => {
      await appB.close();
      await database.close();
    };
  });
  afterAll(async () => closeB?.());

  test('an event published through instance A reaches a stream on instance B', async () => {
    const addr = appB.server.address();
    const originB = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const onB = await openStream(originB, town);
    await publish(ctx.db, town, 'A950');
    expect(await onB.waitFor(hasCode('A950'), 1000)).toBeTruthy();
    await onB.close();
  });
});

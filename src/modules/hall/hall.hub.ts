import type { Database } from '../../db/client.js';
import { HALL_CHANNEL, type HallEvent } from '../../platform/realtime.js';

/** What an SSE client receives for one hall event: the type, the instant and an allowlist of small, non-personal fields. */
export interface HallMessage {
  type: string;
  at: string;
  data: Record<string, string | number | boolean | null>;
}

/** Fields of event data that may reach a public screen (codes, window numbers, category names, counts). */
const PUBLIC_FIELDS = ['code', 'windowId', 'windowNumber', 'windowName', 'categoryId', 'categoryName', 'waiting', 'recalls', 'toCategoryId', 'toCategoryName', 'toWindowId', 'toWindowNumber', 'previousCode'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses a NOTIFY payload into (centerId, message); null for anything malformed. Pure. */
export function parseHallEvent(payload: string): { centerId: string; message: HallMessage } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  const e = raw as Partial<HallEvent>;
  if (!e || typeof e !== 'object' || typeof e.centerId !== 'string' || !UUID.test(e.centerId)) return null;
  if (typeof e.type !== 'string' || !/^[a-z_]+\.[a-z_]+$/.test(e.type) || typeof e.at !== 'string') return null;
  const data: HallMessage['data'] = {};
  const src = e.data && typeof e.data === 'object' ? e.data : {};
  for (const k of PUBLIC_FIELDS) {
    const v = (src as Record<string, unknown>)[k];
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') data[k] = v;
  }
  return { centerId: e.centerId.toLowerCase(), message: { type: e.type, at: e.at, data } };
}

export type HallSubscriber = (message: HallMessage) => void;

/**
 * One LISTEN per app instance on the hall channel, fanned out in memory to the subscribers (SSE
 * streams) of each center. Started with the app (onReady), stopped with it (onClose); open streams
 * are ended through their `close` callbacks before the server closes.
 */
export class HallHub {
  private readonly byCenter = new Map<string, Set<HallSubscriber>>();
  private readonly closers = new Set<() => void>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    if (this.unlisten) return;
    this.unlisten = await this.database.listen(HALL_CHANNEL, (payload) => this.dispatch(payload));
  }

  /** Ends every open stream, then stops listening. */
  async stop(): Promise<void> {
    this.closeAll();
    const u = this.unlisten;
    this.unlisten = null;
    if (u) await u();
  }

  closeAll(): void {
    for (const close of [...this.closers]) close();
    this.closers.clear();
  }

  get running(): boolean {
    return this.unlisten !== null;
  }

  /** Subscribes to a center's events; `close` is called when the hub shuts down. Returns the unsubscribe function. */
  subscribe(centerId: string, fn: HallSubscriber, close: () => void): () => void {
    const key = centerId.toLowerCase();
    let set = this.byCenter.get(key);
    if (!set) this.byCenter.set(key, (set = new Set()));
    set.add(fn);
    this.closers.add(close);
    return () => {
      this.closers.delete(close);
      const s = this.byCenter.get(key);
      if (!s) return;
      s.delete(fn);
      if (s.size === 0) this.byCenter.delete(key);
    };
  }

  subscriberCount(centerId?: string): number {
    if (centerId) return this.byCenter.get(centerId.toLowerCase())?.size ?? 0;
    let n = 0;
    for (const s of this.byCenter.values()) n += s.size;
    return n;
  }

  dispatch(payload: string): void {
    const parsed = parseHallEvent(payload);
    if (!parsed) return;
    const set = this.byCenter.get(parsed.centerId);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(parsed.message);
      } catch {
        // one broken stream must not stop the others
      }
    }
  }
}

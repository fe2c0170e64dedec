/**
 * The sync engine: sends each queued matter as ONE multipart POST /api/agency/mandates carrying its
 * clientId (the server returns the same mandate for a repeated clientId, so a retry after a lost
 * answer never makes a second case). It runs on submit, when the network comes back, when the app
 * starts or comes to the foreground, and every 30 s while online; one run at a time (across tabs too,
 * through the Web Locks API where the browser has it).
 *
 * Answers: success → the matter leaves the outbox (a short 已同步 history keeps its name and case
 * number); 401 → everything stays, the agent is asked to sign in again; other 4xx → the matter is
 * marked 需处理 with the server's message; network errors and 5xx → retried with back-off.
 */
import { useSyncExternalStore } from 'react';
import { ApiError, request } from '../../shared/api';
import { backoffMs, classifyFailure, mandateData, materialField } from './rules';
import { completeSync, deleteOutbox, listHistory, listOutbox, putOutbox, type OutboxEntry, type SyncedEntry } from './store';
import type { MandateSyncResult } from './types';

export interface EngineState {
  ownerId: string | null;
  /** The browser says it has a network (navigator.onLine). */
  online: boolean;
  loaded: boolean;
  entries: OutboxEntry[];
  history: SyncedEntry[];
  /** The matter being uploaded right now. */
  sending: string | null;
  syncing: boolean;
  /** The server answered 401: the session ended; sign in again to continue syncing. */
  needLogin: boolean;
  /** Why the last run stopped early (network down, server trouble), in Chinese. */
  lastProblem: string | null;
  lastRunAt: string | null;
  /** Increases after every matter the server accepted (screens reload their lists on it). */
  syncedCount: number;
  /** The service worker has stored the app so it opens without a network. */
  appCached: boolean;
  /** IndexedDB could not be opened: nothing can be kept on this device. */
  storageError: string | null;
}

export const SYNC_INTERVAL_MS = 30_000;
/** Upload time allowed: a minute, plus 16 KB/s for the photos (a weak village 3G), at most 15 minutes. */
const uploadTimeout = (bytes: number) => Math.min(15 * 60_000, 60_000 + Math.round(bytes / 16));

const online = () => (typeof navigator === 'undefined' ? true : navigator.onLine);

class SyncEngine {
  private state: EngineState = {
    ownerId: null,
    online: online(),
    loaded: false,
    entries: [],
    history: [],
    sending: null,
    syncing: false,
    needLogin: false,
    lastProblem: null,
    lastRunAt: null,
    syncedCount: 0,
    appCached: false,
    storageError: null,
  };
  private listeners = new Set<() => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private detach: (() => void) | null = null;
  private retryTimer: number | null = null;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): EngineState => this.state;

  private set(patch: Partial<EngineState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }

  setAppCached(v: boolean): void {
    if (this.state.appCached !== v) this.set({ appCached: v });
  }

  /** Start for the signed-in agent: load the outbox, listen to the network, sync now and every 30 s. */
  start(ownerId: string): void {
    if (this.state.ownerId !== ownerId) this.set({ ownerId, loaded: false, entries: [], history: [], needLogin: false });
    if (!this.detach) {
      const onOnline = () => {
        this.set({ online: true });
        void this.syncNow({ force: true });
      };
      const onOffline = () => this.set({ online: false });
      const onVisible = () => {
        if (document.visibilityState === 'visible') void this.syncNow();
      };
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      document.addEventListener('visibilitychange', onVisible);
      const timer = window.setInterval(() => {
        if (online()) void this.syncNow();
      }, SYNC_INTERVAL_MS);
      this.detach = () => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        document.removeEventListener('visibilitychange', onVisible);
        window.clearInterval(timer);
      };
    }
    void this.reload().then(() => this.syncNow({ force: true }));
  }

  stop(): void {
    this.detach?.();
    this.detach = null;
    this.clearRetry();
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Wake up when the earliest back-off ends (the 30 s tick would be late for a 5 s retry). */
  private scheduleRetry(): void {
    this.clearRetry();
    if (!this.detach) return;
    const next = this.state.entries.filter((e) => e.state === 'waiting' && e.nextTryAt > 0).reduce((min, e) => Math.min(min, e.nextTryAt), Infinity);
    if (!Number.isFinite(next)) return;
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      if (online()) void this.syncNow();
    }, Math.max(500, next - Date.now() + 50));
  }

  /** The session is valid again (after signing in): resume syncing. */
  signedIn(): void {
    if (this.state.needLogin) this.set({ needLogin: false });
  }

  /** The session turned out to be over (checked after coming back online): ask to sign in again. */
  sessionEnded(): void {
    this.set({ needLogin: true, lastProblem: '登录已过期，请重新登录后继续同步' });
  }

  async reload(): Promise<void> {
    const owner = this.state.ownerId;
    if (!owner) return;
    try {
      const [entries, history] = [await listOutbox(owner), await listHistory(owner)];
      if (this.state.ownerId === owner) this.set({ entries, history, loaded: true, online: online(), storageError: null });
    } catch (e) {
      this.set({ loaded: true, storageError: (e as Error).message || '无法读取本机保存的数据' });
    }
  }

  async remove(clientId: string): Promise<void> {
    await deleteOutbox(clientId);
    await this.reload();
  }

  /**
   * Send what is due. `force` ignores the back-off (the agent pressed 立即同步, or the network just
   * came back). Returns when this run (or the one already going) has finished.
   */
  syncNow(opts: { force?: boolean } = {}): Promise<void> {
    if (this.running) {
      if (opts.force) this.again = true;
      return this.running;
    }
    const run = async () => {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      if (locks) await locks.request('bm-agent-sync', { ifAvailable: true }, async (lock) => (lock ? this.runOnce(!!opts.force) : undefined));
      else await this.runOnce(!!opts.force);
    };
    this.running = run()
      .catch((e: unknown) => this.set({ lastProblem: (e as Error).message || '同步失败' }))
      .finally(() => {
        this.running = null;
        this.scheduleRetry();
        if (this.again) {
          this.again = false;
          void this.syncNow({ force: true });
        }
      });
    return this.running;
  }

  private async runOnce(force: boolean): Promise<void> {
    const owner = this.state.ownerId;
    if (!owner) return;
    if (!online()) {
      this.set({ online: false });
      return;
    }
    const entries = await listOutbox(owner);
    const now = Date.now();
    const due = entries.filter((e) => e.state === 'waiting' && (force || e.nextTryAt <= now));
    if (due.length === 0) {
      this.set({ entries, online: true, loaded: true });
      return;
    }
    this.set({ syncing: true, online: true, lastProblem: null });
    try {
      for (const entry of due) {
        if (this.state.ownerId !== owner) break;
        this.set({ sending: entry.clientId });
        const outcome = await this.send(entry);
        await this.reload();
        if (outcome === 'stop') break;
      }
    } finally {
      this.set({ syncing: false, sending: null, lastRunAt: new Date().toISOString() });
    }
  }

  /** Upload one matter; 'stop' when the rest should wait (network down, session ended). */
  private async send(entry: OutboxEntry): Promise<'next' | 'stop'> {
    const form = new FormData();
    form.append('data', JSON.stringify(mandateData(entry)));
    form.append('consent', entry.consent.file, entry.consent.fileName);
    let bytes = entry.consent.file.size;
    for (const [key, photos] of Object.entries(entry.photos)) {
      for (const p of photos) {
        form.append(materialField(key), p.blob, p.name);
        bytes += p.blob.size;
      }
    }
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => ctrl.abort(), uploadTimeout(bytes));
    try {
      const res = await request('POST', '/agency/mandates', { body: form, signal: ctrl.signal, quiet401: true });
      const result = (await res.json()) as MandateSyncResult;
      await completeSync({
        clientId: entry.clientId,
        ownerId: entry.ownerId,
        mandateId: result.mandate.id,
        itemName: result.mandate.itemName || entry.item.name,
        villagerName: result.mandate.villagerName || entry.villager.name,
        photoCount: Object.values(entry.photos).reduce((n, l) => n + l.length, 0),
        syncedAt: new Date().toISOString(),
        replayed: result.replayed,
        caseNo: result.mandate.case?.caseNo ?? null,
        submitError: result.submitError,
      });
      this.set({ syncedCount: this.state.syncedCount + 1, needLogin: false });
      return 'next';
    } catch (e) {
      const err =
        e instanceof ApiError
          ? e
          : new ApiError(0, 'NETWORK_ERROR', ctrl.signal.aborted ? '上传超时，网络较慢，稍后将自动重试' : '网络连接失败，稍后将自动重试');
      const action = classifyFailure(err.status, err.code);
      if (action === 'login') {
        this.set({ needLogin: true, lastProblem: '登录已过期，请重新登录后继续同步' });
        return 'stop';
      }
      const attempts = entry.attempts + 1;
      const at = new Date().toISOString();
      const lastError = { status: err.status, code: err.code, message: err.message, at, fields: err.fieldErrors };
      if (action === 'retry') {
        await putOutbox({ ...entry, attempts, nextTryAt: Date.now() + backoffMs(attempts, Math.random()), lastError, updatedAt: at });
        this.set({ lastProblem: err.status === 0 ? err.message : `服务器暂时无法处理（${err.message}），稍后将自动重试` });
        return 'stop';
      }
      await putOutbox({ ...entry, state: 'conflict', attempts, nextTryAt: 0, lastError, updatedAt: at });
      return 'next';
    } finally {
      window.clearTimeout(timer);
    }
  }
}

export const engine = new SyncEngine();

export function useEngine(): EngineState {
  return useSyncExternalStore(engine.subscribe, engine.getSnapshot);
}

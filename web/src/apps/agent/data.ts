/**
 * Reading server data in the agent app: show the copy kept on the phone at once, refresh it from the
 * server when online, keep the fresh copy for the next time offline. Also the signed-in agent's
 * profile, which lets the app open offline after a reload (the session cookie cannot be checked then).
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { fetchMe } from '../../shared/auth';
import type { CaseDetail, Me } from '../../shared/types';
import { cacheKeys, readCache, writeCache } from './store';
import type { AgencyItemList, MandateDetail, MandateList } from './types';

export interface Cached<T> {
  value: T | undefined;
  /** When the shown copy was fetched (a cached copy's save time, or now). */
  savedAt: string | null;
  /** The shown copy came from the device, not (yet) from the server. */
  fromCache: boolean;
  loading: boolean;
  error: ApiError | null;
  reload: () => void;
}

export function useCached<T>(key: string | null, fetcher: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Cached<T> {
  const [state, setState] = useState<Omit<Cached<T>, 'reload'>>({ value: undefined, savedAt: null, fromCache: false, loading: true, error: null });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!key) return;
    const ctrl = new AbortController();
    let fresh = false;
    setState((s) => ({ ...s, loading: true, error: null }));
    void readCache<T>(key)
      .then((c) => {
        if (c && !fresh && !ctrl.signal.aborted) setState((s) => ({ ...s, value: c.value, savedAt: c.savedAt, fromCache: true }));
      })
      .catch(() => undefined);
    const offline = typeof navigator !== 'undefined' && !navigator.onLine;
    if (offline) {
      setState((s) => ({ ...s, loading: false, error: new ApiError(0, 'OFFLINE', '当前离线，显示的是本机保存的内容') }));
      return () => ctrl.abort();
    }
    fetcher(ctrl.signal)
      .then((value) => {
        if (ctrl.signal.aborted) return;
        fresh = true;
        setState({ value, savedAt: new Date().toISOString(), fromCache: false, loading: false, error: null });
        void writeCache(key, value).catch(() => undefined);
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK_ERROR', '网络连接失败');
        setState((s) => ({ ...s, loading: false, error: err }));
      });
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick, ...deps]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** The agent as the app needs them offline. */
export interface AgentProfile {
  userId: string;
  username: string;
  displayName: string;
  /** The village room of the agent's role (scope name), e.g. 青山村便民服务室. */
  roomName: string;
}

export type Session =
  | { status: 'loading' }
  | { status: 'ready'; profile: AgentProfile; offline: boolean }
  /** Not signed in (or the session ended); `profile` is who used the app last on this phone. */
  | { status: 'login'; profile: AgentProfile | null }
  | { status: 'not-agent'; displayName: string }
  /** Offline and nobody ever signed in here: the app cannot work yet. */
  | { status: 'offline-first' };

export const isAgent = (me: Me): boolean => me.roles.some((r) => r.role === 'village_agent');

function profileOf(me: Me): AgentProfile {
  const role = me.roles.find((r) => r.role === 'village_agent');
  return { userId: me.user.id, username: me.user.username, displayName: me.user.displayName, roomName: role?.scopeName ?? '' };
}

/** Who is using the app: the server's answer when online, the last profile kept here when not. */
export async function resolveSession(): Promise<Session> {
  const cached = await readCache<AgentProfile>(cacheKeys.profile).catch(() => undefined);
  const offline = (): Session => (cached ? { status: 'ready', profile: cached.value, offline: true } : { status: 'offline-first' });
  if (typeof navigator !== 'undefined' && !navigator.onLine) return offline();
  let me: Me | null;
  try {
    me = await fetchMe();
  } catch {
    return offline();
  }
  if (!me) return { status: 'login', profile: cached?.value ?? null };
  if (!isAgent(me)) return { status: 'not-agent', displayName: me.user.displayName };
  const profile = profileOf(me);
  await writeCache(cacheKeys.profile, profile).catch(() => undefined);
  return { status: 'ready', profile, offline: false };
}

export const agencyApi = {
  items: (signal?: AbortSignal) => api.get<AgencyItemList>('/agency/items', undefined, { signal, quiet401: true }),
  mandates: (signal?: AbortSignal) => api.get<MandateList>('/agency/mandates', { limit: 100 }, { signal, quiet401: true }),
  mandate: (id: string, signal?: AbortSignal) => api.get<MandateDetail>(`/agency/mandates/${id}`, undefined, { signal, quiet401: true }),
  caseDetail: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(`/cases/${id}`, undefined, { signal, quiet401: true }),
};

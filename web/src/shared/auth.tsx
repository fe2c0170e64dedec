import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, UNAUTHORIZED_EVENT } from './api';
import type { Me } from './types';

interface AuthState {
  /** undefined while the first /me is in flight; null when nobody is signed in. */
  me: Me | null | undefined;
  /** True after the user signed out on purpose (protected pages then go home, not to login-and-back). */
  signedOut: boolean;
  /** Replace the signed-in user (after login / register / password change). */
  setMe: (me: Me | null) => void;
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
  can: (ability: string) => boolean;
  canAny: (...abilities: string[]) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/auth/me', undefined, { quiet401: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null | undefined>(undefined);
  const [signedOut, setSignedOut] = useState(false);
  const setMe = useCallback((m: Me | null) => {
    if (m) setSignedOut(false);
    setMeState(m);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const m = await fetchMe();
      setMeState(m);
      return m;
    } catch {
      // Network or server trouble: treat as signed out; the login page will show the error on submit.
      setMeState(null);
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    const onUnauthorized = () => setMeState(null);
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { quiet401: true });
    } finally {
      setSignedOut(true);
      setMeState(null);
    }
  }, []);

  const value = useMemo<AuthState>(() => {
    const set = new Set(me?.abilities ?? []);
    return {
      me,
      signedOut,
      setMe,
      refresh,
      logout,
      can: (a) => set.has(a),
      canAny: (...as) => as.some((a) => set.has(a)),
    };
  }, [me, signedOut, setMe, refresh, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user inside a protected route (RequireAuth guarantees it). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe outside a protected route');
  return me;
}

/** `can('center.create')` as a hook, for components that only need the ability check. */
export function useCan(): (ability: string) => boolean {
  return useAuth().can;
}

export function roleText(r: Me['roles'][number]): string {
  return r.scopeName ? `${r.label}（${r.scopeName}）` : r.label;
}

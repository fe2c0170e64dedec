import type { FormInstance } from 'antd';
// The hook alone (not antd's <App>, which is loaded after the first render: see antApp.tsx).
import useApp from 'antd/es/app/useApp';
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  setData: (d: T | undefined) => void;
}

/** Load data on mount and whenever deps change; the latest request wins. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef
      .current(ctrl.signal)
      .then((d) => {
        if (!ctrl.signal.aborted) setData(d);
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', (e as Error).message || '加载失败'));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}

/**
 * Show an API error the way users expect: the server's Chinese message as a toast; for validation
 * errors with a form, the field messages under the fields too.
 */
export function useShowError(): (e: unknown, form?: FormInstance) => void {
  const { message } = useApp();
  return useCallback(
    (e: unknown, form?: FormInstance) => {
      if (e instanceof ApiError) {
        if (e.status === 401) return; // the auth layer sends the user to the login page
        if (form && e.fieldErrors.length > 0) {
          form.setFields(
            e.fieldErrors
              .filter((f) => f.path)
              .map((f) => ({ name: f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [f.message] })),
          );
        }
        // 409 (optimistic locking) already says 「数据已被他人修改，请刷新后重试」.
        void message.error(e.message);
        return;
      }
      if ((e as Error)?.name === 'AbortError') return;
      void message.error('操作失败，请稍后再试');
    },
    [message],
  );
}

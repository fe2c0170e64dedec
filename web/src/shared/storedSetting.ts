/**
 * A setting remembered in this browser (localStorage) that React reads with useSyncExternalStore: read
 * synchronously once at start, changed with `set` (null removes it), and followed across tabs (the
 * storage event). Without storage (private mode) it is remembered for this visit only.
 */
export interface StoredSetting {
  get: () => string | null;
  set: (value: string | null) => void;
  subscribe: (listener: () => void) => () => void;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function storedSetting(key: string): StoredSetting {
  const listeners = new Set<() => void>();
  let value = read(key);
  return {
    get: () => value,
    set(next) {
      value = next;
      try {
        if (next) localStorage.setItem(key, next);
        else localStorage.removeItem(key);
      } catch {
        // Private mode: remembered for this visit only.
      }
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      const onStorage = (e: StorageEvent) => {
        if (e.key !== key) return;
        value = read(key);
        listener();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('storage', onStorage);
      };
    },
  };
}

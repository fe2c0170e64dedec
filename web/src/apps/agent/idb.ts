/**
 * A small typed promise wrapper over IndexedDB (no dependency): one database, object stores keyed by
 * a string property, optional indexes. `Schema` maps each store name to the type of its records, so
 * `db.get('outbox', id)` is typed by the store.
 */

export interface StoreSpec {
  keyPath: string;
  indexes?: Record<string, string>;
}

const done = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

const committed = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });

export class Idb<Schema extends Record<string, object>> {
  private constructor(private readonly db: IDBDatabase) {}

  /**
   * Open (and create or upgrade) the database. New stores and indexes are added on a version bump;
   * nothing is ever dropped, so a device upgraded from an older app keeps its queued matters.
   */
  static open<S extends Record<string, object>>(name: string, version: number, stores: { [K in keyof S]: StoreSpec }): Promise<Idb<S>> {
    if (typeof indexedDB === 'undefined') return Promise.reject(new Error('此浏览器不支持本机存储（IndexedDB）'));
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => {
      const db = req.result;
      const tx = req.transaction!;
      for (const [storeName, spec] of Object.entries(stores) as [string, StoreSpec][]) {
        const store = db.objectStoreNames.contains(storeName) ? tx.objectStore(storeName) : db.createObjectStore(storeName, { keyPath: spec.keyPath });
        for (const [index, keyPath] of Object.entries(spec.indexes ?? {})) {
          if (!store.indexNames.contains(index)) store.createIndex(index, keyPath);
        }
      }
    };
    return done(req).then((db) => {
      // Another tab opened a newer version: let it upgrade; this tab reloads its data on next use.
      db.onversionchange = () => db.close();
      return new Idb<S>(db);
    });
  }

  async get<K extends keyof Schema & string>(store: K, key: string): Promise<Schema[K] | undefined> {
    const tx = this.db.transaction(store, 'readonly');
    return (await done(tx.objectStore(store).get(key))) as Schema[K] | undefined;
  }

  async getAll<K extends keyof Schema & string>(store: K): Promise<Schema[K][]> {
    const tx = this.db.transaction(store, 'readonly');
    return (await done(tx.objectStore(store).getAll())) as Schema[K][];
  }

  async getAllBy<K extends keyof Schema & string>(store: K, index: string, value: IDBValidKey): Promise<Schema[K][]> {
    const tx = this.db.transaction(store, 'readonly');
    return (await done(tx.objectStore(store).index(index).getAll(value))) as Schema[K][];
  }

  /** Insert or replace; resolves once the write is durable (transaction complete). */
  async put<K extends keyof Schema & string>(store: K, value: Schema[K]): Promise<void> {
    const tx = this.db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value);
    await committed(tx);
  }

  async delete<K extends keyof Schema & string>(store: K, key: string): Promise<void> {
    const tx = this.db.transaction(store, 'readwrite');
    tx.objectStore(store).delete(key);
    await committed(tx);
  }

  /** Several writes in one transaction: all or nothing (e.g. move a matter from the outbox to history). */
  async batch(stores: (keyof Schema & string)[], run: (put: <K extends keyof Schema & string>(store: K, value: Schema[K]) => void, del: (store: keyof Schema & string, key: string) => void) => void): Promise<void> {
    const tx = this.db.transaction(stores, 'readwrite');
    run(
      (store, value) => void tx.objectStore(store).put(value),
      (store, key) => void tx.objectStore(store).delete(key),
    );
    await committed(tx);
  }
}

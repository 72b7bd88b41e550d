/**
 * The worker's durable storage, as a tiny async key-value interface: IndexedDB in a
 * browser, a Map in specs. Keys are strings; values are structured-clonable.
 */
export interface KeyValueStore {
  /** Every entry whose key starts with `prefix`. */
  entries(prefix: string): Promise<[string, unknown][]>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A store kept in a Map (specs; a worker with no IndexedDB keeps records for its life only). */
export function memoryKeyValueStore(map = new Map<string, unknown>()): KeyValueStore & { map: Map<string, unknown> } {
  return {
    map,
    entries: async (prefix) => [...map].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k, structuredClone(v)]),
    put: async (key, value) => void map.set(key, structuredClone(value)),
    delete: async (key) => void map.delete(key),
  };
}

/* The slice of IndexedDB this store uses (the project compiles without the DOM library). */
interface IdbRequest<T> {
  readonly result: T;
  readonly error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbObjectStore {
  put(value: unknown, key: string): IdbRequest<unknown>;
  delete(key: string): IdbRequest<unknown>;
  getAll(range: unknown): IdbRequest<unknown[]>;
  getAllKeys(range: unknown): IdbRequest<unknown[]>;
}
interface IdbTransaction {
  objectStore(name: string): IdbObjectStore;
  readonly error: unknown;
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}
interface IdbDatabase {
  createObjectStore(name: string): unknown;
  transaction(store: string, mode: "readonly" | "readwrite"): IdbTransaction;
}
/** The worker's `indexedDB` and `IDBKeyRange` globals. */
export interface IndexedDb {
  indexedDB: { open(name: string, version: number): IdbRequest<IdbDatabase> & { onupgradeneeded: (() => void) | null } };
  IDBKeyRange: { bound(lower: string, upper: string): unknown };
}

const request = <T>(r: IdbRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/** A store in one IndexedDB object store of database `dbName` (shared by every notebook of the site's origin). */
export function indexedDbKeyValueStore({ indexedDB, IDBKeyRange }: IndexedDb, dbName = "fleetlab", storeName = "records"): KeyValueStore {
  let db: Promise<IdbDatabase> | undefined;
  const open = () => {
    if (db) return db;
    const r = indexedDB.open(dbName, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(storeName);
    return (db = request(r));
  };
  async function write(f: (s: IdbObjectStore) => IdbRequest<unknown>): Promise<void> {
    const tx = (await open()).transaction(storeName, "readwrite");
    f(tx.objectStore(storeName));
    // Resolved once the transaction commits, so a reply sent after it means the record is on disk.
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  }
  return {
    async entries(prefix) {
      const store = (await open()).transaction(storeName, "readonly").objectStore(storeName);
      const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
      const [keys, values] = await Promise.all([request(store.getAllKeys(range)), request(store.getAll(range))]);
      return keys.map((k, i) => [String(k), values[i]]);
    },
    put: (key, value) => write((s) => s.put(value, key)),
    delete: (key) => write((s) => s.delete(key)),
  };
}

/**
 * A notebook's records in the browser, as the desktop keeps them in `.fleetlab/` beside the
 * notebook (kernel/journal-store.ts, mission/node-host.ts): the lock journals (a
 * JournalStore) and the design record (a DesignRecordStore). Both interfaces are
 * synchronous, so every record of the notebook's folder is loaded into memory first
 * (loadStoredRecords, before the worker says it is ready), reads are served from memory and
 * each write goes through to the key-value store in order; `flushed()` resolves once all
 * writes so far are stored.
 *
 * Keys: `fleetlab/<folder>/journal/<name>` (the lines, an array) and `fleetlab/<folder>/design`.
 * A journal stored as anything but an array of strings (storage damaged or edited) reads as
 * lines that do not parse, so the lock record's reader sets it aside as on the desktop; what
 * is set aside is the value exactly as it was stored.
 */
import type { DesignRecordStore } from "../mission/session/design-store";
import type { JournalStore } from "../kernel/runtime";
import type { KeyValueStore } from "./key-value";

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export interface StoredRecords {
  readonly journal: JournalStore;
  readonly design: DesignRecordStore;
  /** Resolves once every write issued so far is stored; rejects with the first that failed. */
  flushed(): Promise<void>;
}

/** The folder of a notebook path in the site's drive ("" at its root). */
export function notebookFolder(notebookPath: string): string {
  const parts = notebookPath.split("/").filter((p) => p.length > 0);
  return parts.slice(0, -1).join("/");
}

export async function loadStoredRecords(kv: KeyValueStore, notebookPath: string): Promise<StoredRecords> {
  const folder = notebookFolder(notebookPath);
  const prefix = `fleetlab/${folder}/`;
  const journalKey = (name: string) => {
    if (!NAME.test(name)) throw new RangeError(`journal name must match ${NAME} (got ${JSON.stringify(name)})`);
    return `${prefix}journal/${name}`;
  };
  const designKey = `${prefix}design`;

  const journals = new Map<string, string[]>();
  /** Journals whose stored value is not an array of strings, as stored. */
  const damaged = new Map<string, unknown>();
  let designText: string | null = null;
  for (const [key, value] of await kv.entries(prefix)) {
    if (key === designKey && typeof value === "string") designText = value;
    else if (key.startsWith(`${prefix}journal/`)) {
      const lines = journalLines(value);
      journals.set(key, lines);
      if (!Array.isArray(value) || lines.some((l, i) => l !== value[i])) damaged.set(key, value);
    }
  }

  let pending: Promise<void> = Promise.resolve();
  let failure: unknown;
  const writeThrough = (f: () => Promise<void>) => {
    pending = pending.then(f).catch((err) => void (failure ??= err));
  };

  const journal: JournalStore = {
    read: (name) => [...(journals.get(journalKey(name)) ?? [])],
    append(name, line) {
      if (line.includes("\n")) throw new RangeError("journal line must not contain a newline");
      const key = journalKey(name);
      const lines = [...(journals.get(key) ?? []), line];
      journals.set(key, lines);
      writeThrough(() => kv.put(key, lines));
    },
    setAside(name) {
      const key = journalKey(name);
      const aside = `${key}.set-aside-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      const lines = journals.get(key) ?? [];
      const stored = damaged.has(key) ? damaged.get(key) : lines;
      journals.delete(key);
      damaged.delete(key);
      journals.set(aside, lines);
      // Stored aside before the original goes, so a failure between the two loses nothing.
      writeThrough(async () => {
        await kv.put(aside, stored);
        await kv.delete(key);
      });
      return aside;
    },
  };

  const design: DesignRecordStore = {
    where: `the design record of ${folder || "the site's root folder"} (browser storage)`,
    read: () => designText,
    write(text) {
      designText = text;
      writeThrough(() => kv.put(designKey, text));
    },
  };

  return {
    journal,
    design,
    async flushed() {
      await pending;
      if (failure !== undefined) {
        const err = failure;
        failure = undefined;
        throw err;
      }
    },
  };
}

/** A stored journal's lines; a value of another shape becomes one line per element (or one in all) that is not a lock event. */
function journalLines(value: unknown): string[] {
  const text = (v: unknown) => (typeof v === "string" ? v : `(stored as ${v === null ? "null" : typeof v}: ${String(safeJson(v)).slice(0, 200)})`);
  return Array.isArray(value) ? value.map(text) : [text(value)];
}

function safeJson(v: unknown): string | undefined {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

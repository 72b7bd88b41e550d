/**
 * The design record's format and its reading and writing, on whatever store the host
 * gives: a JSON file beside the notebook in Node (grading/design-record.ts), the browser's
 * storage in a web worker. Each part's decisions (locked prediction, final control values,
 * target found or not, attempts, reflection length) are kept so later missions can read
 * earlier choices (mission 07 starts from the fleet size chosen in 01).
 *
 * Format:
 *   { "format": "fleetlab-design-record", "version": 1, "entries": [DesignEntry, ...] }
 * One entry per mission/part; a later write of the same mission/part replaces it.
 */
import type { ControlValue, DesignEntry, DesignView } from "../authoring/types";

export interface DesignRecordFile {
  format: "fleetlab-design-record";
  version: 1;
  entries: DesignEntry[];
}

/** Where one design record lives: text in, text out; the record's format is this module's. */
export interface DesignRecordStore {
  /** The record's name in messages (a file path in Node). */
  readonly where: string;
  /** The record's text, or null when nothing has been recorded yet. */
  read(): string | null;
  /** Replaces the record's text (whole, so a reader never sees half a record). */
  write(text: string): void;
}

/** A record kept in memory only, for a host with no storage that outlives it. */
export function memoryDesignStore(where = "design record (in memory)"): DesignRecordStore {
  let text: string | null = null;
  return { where, read: () => text, write: (t) => void (text = t) };
}

/** A read view over entries; the last entry for a mission/part wins. */
export function designView(entries: readonly DesignEntry[]): DesignView & { entries: DesignEntry[] } {
  const byKey = new Map<string, DesignEntry>();
  for (const e of entries) byKey.set(`${e.mission}/${e.part}`, e);
  return {
    entries: [...byKey.values()],
    entry: (m, p) => byKey.get(`${m}/${p}`),
    control<T extends ControlValue>(m: string, p: string, c: string, fallback: T): T {
      const v = byKey.get(`${m}/${p}`)?.controls[c];
      return (v !== undefined && typeof v === typeof fallback ? v : fallback) as T;
    },
  };
}

/** Entries of a stored record; none stored is an empty record, a malformed one an error naming the store. */
export function storedEntries(store: DesignRecordStore): DesignEntry[] {
  const text = store.read();
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`ledger ${store.where}: not valid JSON (${(e as Error).message}); delete it to start a fresh ledger`);
  }
  const f = parsed as Partial<DesignRecordFile>;
  if (!f || f.format !== "fleetlab-design-record" || !Array.isArray(f.entries)) {
    throw new Error(`ledger ${store.where}: not a fleetlab ledger (expected {"format":"fleetlab-design-record","entries":[...]})`);
  }
  return f.entries;
}

/** Records one part's entry, replacing an earlier one for the same mission/part; returns the record's entries. */
export function storeEntry(store: DesignRecordStore, entry: DesignEntry): DesignEntry[] {
  const entries = storedEntries(store).filter((e) => !(e.mission === entry.mission && e.part === entry.part));
  entries.push(entry);
  const out: DesignRecordFile = { format: "fleetlab-design-record", version: 1, entries };
  store.write(JSON.stringify(out, null, 1) + "\n");
  return entries;
}

/**
 * The design record: each part's decisions (locked prediction, final control values,
 * target found or not, attempts, reflection length), kept in a JSON file beside the
 * notebook so later missions can read earlier choices (mission 07 starts from the
 * fleet size chosen in 01), and copied into the executed notebook's
 * `metadata.fleetlab.design` by `fleetlab run` (`metadata.fleetlab.ledger` holds the lock record).
 *
 * File format (`fleetlab-design-record.json`):
 *   { "format": "fleetlab-design-record", "version": 1, "entries": [DesignEntry, ...] }
 * One entry per mission/part; a later write of the same mission/part replaces it.
 */
import * as fs from "fs";
import * as path from "path";
import type { ControlValue, DesignEntry, DesignView } from "../authoring/types";

export const DESIGN_RECORD_FILE = "fleetlab-design-record.json";
/** Environment variable naming the ledger file (set by `fleetlab run --out`). */
export const DESIGN_RECORD_ENV = "FLEETLAB_DESIGN_RECORD";

export interface DesignRecordFile {
  format: "fleetlab-design-record";
  version: 1;
  entries: DesignEntry[];
}

/** The ledger file in use: $FLEETLAB_DESIGN_RECORD, else fleetlab-design-record.json in the working directory. */
export function designRecordPath(): string {
  return process.env[DESIGN_RECORD_ENV] || path.resolve(process.cwd(), DESIGN_RECORD_FILE);
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

/** Entries of a ledger file; a missing file is an empty ledger, a malformed one an error naming the file. */
export function readDesignEntries(file = designRecordPath()): DesignEntry[] {
  if (!fs.existsSync(file)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`ledger ${file}: not valid JSON (${(e as Error).message}); delete it to start a fresh ledger`);
  }
  const f = parsed as Partial<DesignRecordFile>;
  if (!f || f.format !== "fleetlab-design-record" || !Array.isArray(f.entries)) {
    throw new Error(`ledger ${file}: not a fleetlab ledger (expected {"format":"fleetlab-design-record","entries":[...]})`);
  }
  return f.entries;
}

/** The design record recorded so far (by this and earlier missions). */
export function readDesignRecord(file = designRecordPath()): DesignView & { entries: DesignEntry[] } {
  return designView(readDesignEntries(file));
}

/** Records one part's entry, replacing an earlier one for the same mission/part; returns the file's entries. */
export function writeDesignEntry(entry: DesignEntry, file = designRecordPath()): DesignEntry[] {
  const entries = readDesignEntries(file).filter((e) => !(e.mission === entry.mission && e.part === entry.part));
  entries.push(entry);
  const out: DesignRecordFile = { format: "fleetlab-design-record", version: 1, entries };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(out, null, 1) + "\n");
  fs.renameSync(tmp, file);
  return entries;
}


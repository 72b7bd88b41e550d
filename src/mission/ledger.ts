/**
 * The design ledger: each part's decisions (locked prediction, final control values,
 * target found or not, attempts, reflection length), kept in a JSON file beside the
 * notebook so later missions can read earlier choices (mission 07 starts from the
 * fleet size chosen in 01), and copied into the executed notebook's
 * `metadata.fleetlab.design` by `fleetlab run` (`metadata.fleetlab.ledger` holds the lock ledger).
 *
 * File format (`fleetlab-ledger.json`):
 *   { "format": "fleetlab-ledger", "version": 1, "entries": [LedgerEntry, ...] }
 * One entry per mission/part; a later write of the same mission/part replaces it.
 */
import * as fs from "fs";
import * as path from "path";
import type { ControlValue, LedgerEntry, LedgerView } from "./types";

export const LEDGER_FILE = "fleetlab-ledger.json";
/** Environment variable naming the ledger file (set by `fleetlab run --out`). */
export const LEDGER_ENV = "FLEETLAB_LEDGER";

export interface LedgerFile {
  format: "fleetlab-ledger";
  version: 1;
  entries: LedgerEntry[];
}

/** The ledger file in use: $FLEETLAB_LEDGER, else fleetlab-ledger.json in the working directory. */
export function ledgerPath(): string {
  return process.env[LEDGER_ENV] || path.resolve(process.cwd(), LEDGER_FILE);
}

/** A read view over entries; the last entry for a mission/part wins. */
export function ledgerView(entries: readonly LedgerEntry[]): LedgerView & { entries: LedgerEntry[] } {
  const byKey = new Map<string, LedgerEntry>();
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
export function readLedgerEntries(file = ledgerPath()): LedgerEntry[] {
  if (!fs.existsSync(file)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`ledger ${file}: not valid JSON (${(e as Error).message}); delete it to start a fresh ledger`);
  }
  const f = parsed as Partial<LedgerFile>;
  if (!f || f.format !== "fleetlab-ledger" || !Array.isArray(f.entries)) {
    throw new Error(`ledger ${file}: not a fleetlab ledger (expected {"format":"fleetlab-ledger","entries":[...]})`);
  }
  return f.entries;
}

/** The design ledger recorded so far (by this and earlier missions). */
export function readLedger(file = ledgerPath()): LedgerView & { entries: LedgerEntry[] } {
  return ledgerView(readLedgerEntries(file));
}

/** Records one part's entry, replacing an earlier one for the same mission/part; returns the file's entries. */
export function writeLedgerEntry(entry: LedgerEntry, file = ledgerPath()): LedgerEntry[] {
  const entries = readLedgerEntries(file).filter((e) => !(e.mission === entry.mission && e.part === entry.part));
  entries.push(entry);
  const out: LedgerFile = { format: "fleetlab-ledger", version: 1, entries };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(out, null, 1) + "\n");
  fs.renameSync(tmp, file);
  return entries;
}


/**
 * The design record in Node: a JSON file beside the notebook (the format and its reading
 * are session/design-store.ts's), copied into the executed notebook's
 * `metadata.fleetlab.design` by `fleetlab run` (`metadata.fleetlab.ledger` holds the lock record).
 * The file is `fleetlab-design-record.json` in the working directory, or the one
 * $FLEETLAB_DESIGN_RECORD names.
 */
import * as fs from "fs";
import * as path from "path";
import type { DesignEntry, DesignView } from "../authoring/types";
import { designView, storedEntries, storeEntry, type DesignRecordStore } from "../session/design-store";

export { designView, type DesignRecordFile } from "../session/design-store";

export const DESIGN_RECORD_FILE = "fleetlab-design-record.json";
/** Environment variable naming the ledger file (set by `fleetlab run --out`). */
export const DESIGN_RECORD_ENV = "FLEETLAB_DESIGN_RECORD";

/** The ledger file in use: $FLEETLAB_DESIGN_RECORD, else fleetlab-design-record.json in the working directory. */
export function designRecordPath(): string {
  return process.env[DESIGN_RECORD_ENV] || path.resolve(process.cwd(), DESIGN_RECORD_FILE);
}

/** The design record in `file`, written whole through a temporary file and a rename. */
export function fileDesignStore(file: string): DesignRecordStore {
  return {
    where: file,
    read: () => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null),
    write(text) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, file);
    },
  };
}

/** Entries of a ledger file; a missing file is an empty ledger, a malformed one an error naming the file. */
export function readDesignEntries(file = designRecordPath()): DesignEntry[] {
  return storedEntries(fileDesignStore(file));
}

/** The design record recorded so far (by this and earlier missions). */
export function readDesignRecord(file = designRecordPath()): DesignView & { entries: DesignEntry[] } {
  return designView(readDesignEntries(file));
}

/** Records one part's entry, replacing an earlier one for the same mission/part; returns the file's entries. */
export function writeDesignEntry(entry: DesignEntry, file = designRecordPath()): DesignEntry[] {
  return storeEntry(fileDesignStore(file), entry);
}

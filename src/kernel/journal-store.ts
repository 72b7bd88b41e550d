/**
 * The desktop kernel's JournalStore: one append-only JSON-lines file per name in a folder
 * beside the notebook (`.fleetlab/`), so records outlive a kernel restart and travel with
 * the notebook's folder. A line is written whole with one append, so a crash leaves at worst
 * a partial last line, which the reader of the journal reports.
 */
import fs from "fs";
import path from "path";
import type { JournalStore } from "./runtime";

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function createFolderJournal(folder: string): JournalStore {
  const file = (name: string) => {
    if (!NAME.test(name)) throw new RangeError(`journal name must match ${NAME} (got ${JSON.stringify(name)})`);
    return path.join(folder, `${name}.jsonl`);
  };
  return {
    read(name) {
      const f = file(name);
      if (!fs.existsSync(f)) return [];
      return fs.readFileSync(f, "utf8").split("\n").filter((line) => line.length > 0);
    },
    append(name, line) {
      if (line.includes("\n")) throw new RangeError("journal line must not contain a newline");
      fs.mkdirSync(folder, { recursive: true });
      fs.appendFileSync(file(name), `${line}\n`);
    },
    setAside(name) {
      const f = file(name);
      const aside = `${f}.set-aside-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      fs.renameSync(f, aside);
      return aside;
    },
  };
}

/**
 * Every figure a mission declares is read by something: the mission's own code (its
 * trackParams or an instrument) or a command such as `fleetlab headline`. A figure nothing
 * reads is a number with a source that no student ever sees, so the table is kept to what
 * the missions use. A field counts as read where a file that names the table (its mission's
 * own, a command importing it) accesses it (`.field`) outside the table's literal.
 */
import fs from "fs";
import path from "path";
import { FAULT_TOLERANCE_FIGURES } from "../../src/mission/missions/fault-tolerance";
import { FLEET_ORCH_FIGURES } from "../../src/mission/missions/fleet-orch";
import { ML_INTRO_FIGURES } from "../../src/mission/missions/ml-intro";
import { OPS_SCALE_FIGURES } from "../../src/mission/missions/ops-scale";

const SRC = path.join(__dirname, "..", "..", "src");
const TABLES = { ML_INTRO_FIGURES, FAULT_TOLERANCE_FIGURES, FLEET_ORCH_FIGURES, OPS_SCALE_FIGURES };

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith(".ts") && !e.name.endsWith(".spec.ts") ? [p] : [];
  });
}

/** The text that can read a table: the files that name it (its mission's, commands importing it), with the table's own literal cut out. */
function readersOf(name: string): string {
  return sources(SRC).map((f) => fs.readFileSync(f, "utf8")).filter((text) => text.includes(name)).map((text) => {
    const start = text.indexOf(`export const ${name}`);
    return start < 0 ? text : text.slice(0, start) + text.slice(text.indexOf("\n});", start) + 4);
  }).join("\n");
}

describe("every mission figure is read by something", () => {
  it.each(Object.entries(TABLES))("%s", (name, table) => {
    const text = readersOf(name);
    const fields = new Set(Object.values(table).flatMap((t) => Object.keys(t)));
    expect([...fields].filter((f) => !new RegExp(`\\.${f}\\b`).test(text))).toEqual([]);
  });
  it("the scan sees an unread field (it can fail)", () => {
    const text = readersOf("ML_INTRO_FIGURES");
    expect(/\.neverReadFigure\b/.test(text)).toBe(false);
    expect(/\.nodes\b/.test(text)).toBe(true);
  });
});

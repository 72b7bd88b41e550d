/**
 * FleetLab's own missions are written as a course's are: each file imports only the public
 * entry points, so nothing a course needs is private. The templates `fleetlab new` copies
 * into a course folder keep the same rule.
 */
import fs from "fs";
import os from "os";
import path from "path";

const MISSIONS_DIR = path.join(__dirname, "..", "..", "src", "mission", "missions");
const TEMPLATES_DIR = path.join(__dirname, "..", "..", "src", "mission", "authoring", "templates");
const PUBLIC = new Set(["fleetlab", "fleetlab/mission"]);

/** Every module a file imports or requires, by specifier. */
function specifiers(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  return [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)["']([^"']+)["']/gm)].map((m) => m[1]);
}

/** The lists of the built-in missions (not missions themselves). */
const LISTS = ["index.ts", "catalog.ts"];
const missionFiles = fs.readdirSync(MISSIONS_DIR).filter((f) => f.endsWith(".ts") && !LISTS.includes(f) && !f.endsWith(".spec.ts"));

describe("the missions import only the public entry points", () => {
  it("there are the four missions", () => expect(missionFiles.sort()).toEqual(["fault-tolerance.ts", "fleet-orch.ts", "ml-intro.ts", "ops-scale.ts"]));
  it.each(missionFiles)("%s", (f) => {
    const used = specifiers(path.join(MISSIONS_DIR, f));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((s) => !PUBLIC.has(s))).toEqual([]);
  });
  it.each(LISTS)("the built-in list %s reaches them only through their files", (f) => {
    expect(specifiers(path.join(MISSIONS_DIR, f)).filter((s) => !PUBLIC.has(s) && !s.startsWith("./"))).toEqual([]);
  });
  it.each(fs.readdirSync(TEMPLATES_DIR))("template %s", (f) => {
    expect(specifiers(path.join(TEMPLATES_DIR, f)).filter((s) => !PUBLIC.has(s))).toEqual([]);
  });
  it("the scanner sees a private import (it can fail)", () => {
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "imports-")), "m.ts");
    fs.writeFileSync(tmp, 'import { TRACKS } from "../../model/catalog/tracks";\nimport { x } from "fleetlab";\nconst y = require("fs");\n');
    expect(specifiers(tmp)).toEqual(["../../model/catalog/tracks", "fleetlab", "fs"]);
  });
});

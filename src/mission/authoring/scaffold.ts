/**
 * What `fleetlab new <id>` writes into a course folder: a mission file on the public API and
 * its notebook. Two starting points, both real mission files in templates/ (type-checked with
 * FleetLab's own sources, and shipped in the package):
 *   - todo-mission.ts: the shape of a mission with every text and number the author supplies
 *     marked TODO, so `fleetlab check` lists each TODO with its file and line until it is done;
 *   - example-mission.ts (--example): a small complete mission on real model functions and all
 *     four tracks, which checks clean, runs headless and opens in Jupyter.
 * The template's own id and chapter number are replaced by the new mission's.
 */
import fs from "fs";
import path from "path";
import { packageRoot } from "../../kernel/package-info";

/** Mission ids are notebook stems: two-digit chapter, underscore, snake_case name. */
export const MISSION_ID_PATTERN = /^\d{2}_[a-z][a-z0-9_]*$/;

const TEMPLATES = { todo: { file: "todo-mission.ts", id: "15_todo" }, example: { file: "example-mission.ts", id: "15_example" } } as const;
export type Template = keyof typeof TEMPLATES;

/** The folder of the template sources, in a checkout and in an installed package alike. */
export function templateDir(): string {
  return path.join(packageRoot(), "src", "mission", "authoring", "templates");
}

/** The source of a new mission file `id` from `template`. */
export function missionSource(id: string, template: Template): string {
  if (!MISSION_ID_PATTERN.test(id)) throw new RangeError(`a mission id looks like 15_edge_ai: two digits, "_", snake_case (got "${id}")`);
  const t = TEMPLATES[template];
  const source = fs.readFileSync(path.join(templateDir(), t.file), "utf8");
  return source.split(t.id).join(id).replace(/\bMission 15\b/g, `Mission ${id.slice(0, 2)}`);
}

/**
 * `fleetlab new <id> [--example] [--dir DIR]`: writes the mission file DIR/<id>.ts and its
 * notebook DIR/<id>.ipynb (DIR defaults to the current folder: a course repository, or any
 * folder). Without --example every text and number to supply is marked TODO.
 * `fleetlab new --regenerate <mission.ts>...`: rewrites each mission file's notebook beside it
 * from its definition (after its TODOs are filled in, or after any edit of its texts).
 * `fleetlab new --regenerate [--dir REPO]`: rewrites FleetLab's own missions' notebooks into
 * REPO/notebooks (they are generated, never hand-edited).
 */
import * as fs from "fs";
import * as path from "path";
import { loadMissionFile } from "../../mission/authoring/mission-file";
import { missionNotebook, serializeNotebook } from "../../mission/authoring/notebook";
import { MISSION_ID_PATTERN, missionSource } from "../../mission/authoring/scaffold";
import type { MissionSpec } from "../../mission/authoring/types";
import { builtInMissions } from "../../mission/find-mission";

const USAGE = "usage: fleetlab new <id> [--example] [--dir DIR] | fleetlab new --regenerate [<mission.ts>...] [--dir REPO]";

function writeNotebook(missionFile: string, mission: MissionSpec<unknown>): string {
  const nb = missionFile.replace(/\.ts$/, ".ipynb");
  fs.writeFileSync(nb, serializeNotebook(missionNotebook(mission, { missionFile: path.basename(missionFile) })));
  return nb;
}

export async function run(argv: string[]): Promise<number> {
  let dir = process.cwd();
  let example = false;
  let regenerate = false;
  const refs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--dir" && argv[i + 1]) dir = path.resolve(argv[++i]);
    else if (argv[i] === "--regenerate") regenerate = true;
    else if (argv[i] === "--example") example = true;
    else if (!argv[i].startsWith("-")) refs.push(argv[i]);
    else {
      process.stderr.write(`fleetlab new: unexpected "${argv[i]}"\n${USAGE}\n`);
      return 2;
    }
  }
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  if (regenerate) {
    if (refs.length === 0) {
      const notebooks = path.join(dir, "notebooks");
      fs.mkdirSync(notebooks, { recursive: true });
      for (const m of builtInMissions()) {
        const file = path.join(notebooks, `${m.id}.ipynb`);
        fs.writeFileSync(file, serializeNotebook(missionNotebook(m)));
        process.stdout.write(`wrote ${rel(file)}\n`);
      }
      return 0;
    }
    for (const ref of refs) {
      if (!ref.endsWith(".ts")) {
        process.stderr.write(`fleetlab new --regenerate: "${ref}" is not a mission file (.ts)\n`);
        return 2;
      }
      try {
        process.stdout.write(`wrote ${rel(writeNotebook(path.resolve(ref), loadMissionFile(ref)))}\n`);
      } catch (e) {
        process.stderr.write(`fleetlab new --regenerate: ${(e as Error).message}\nrun \`fleetlab check ${ref}\` for the full list\n`);
        return 1;
      }
    }
    return 0;
  }
  const id = refs[0];
  if (refs.length !== 1 || !MISSION_ID_PATTERN.test(id)) {
    process.stderr.write(`fleetlab new: the mission id must look like 15_edge_ai (got ${id ? `"${refs.join(" ")}"` : "nothing"})\n${USAGE}\n`);
    return 2;
  }
  if (builtInMissions().some((m) => m.id === id)) {
    process.stderr.write(`fleetlab new: "${id}" is one of FleetLab's own missions; pick another id\n`);
    return 2;
  }
  const file = path.join(dir, `${id}.ts`);
  for (const f of [file, file.replace(/\.ts$/, ".ipynb")]) {
    if (fs.existsSync(f)) {
      process.stderr.write(`fleetlab new: ${rel(f)} exists; pick another id or remove it\n`);
      return 2;
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, missionSource(id, example ? "example" : "todo"));
  const mission = loadMissionFile(file, { draft: !example });
  const nb = writeNotebook(file, mission);
  process.stdout.write(`wrote ${rel(file)}\nwrote ${rel(nb)}\n`);
  process.stdout.write(example
    ? `next: \`fleetlab check ${rel(file)}\`, \`fleetlab run ${rel(nb)} --track all\`, or open ${rel(nb)} in Jupyter with the FleetLab kernel\n`
    : `next: fill every TODO in ${rel(file)} (\`fleetlab check ${rel(file)}\` lists them), then \`fleetlab new --regenerate ${rel(file)}\` to rewrite its notebook\n`);
  return 0;
}

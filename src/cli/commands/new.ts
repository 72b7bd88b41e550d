/**
 * `fleetlab new <id> [--dir REPO]`: scaffolds src/mission/missions/<id>.ts and
 * notebooks/<id>.ipynb, every value the TA must supply marked TODO.
 * `fleetlab new --regenerate [--dir REPO]`: rewrites the catalog missions' notebooks
 * from their definitions (the committed notebooks are generated, never hand-edited).
 */
import * as fs from "fs";
import * as path from "path";
import { MISSIONS } from "../../mission/missions/index";
import { missionNotebook, serializeNotebook } from "../../mission/authoring/notebook";
import { MISSION_ID_PATTERN, scaffoldSource, scaffoldSpec } from "../../mission/authoring/scaffold";


export async function run(argv: string[]): Promise<number> {
  let dir = process.cwd();
  let id: string | undefined;
  let regenerate = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--dir" && argv[i + 1]) dir = path.resolve(argv[++i]);
    else if (argv[i] === "--regenerate") regenerate = true;
    else if (!argv[i].startsWith("-") && !id) id = argv[i];
    else {
      process.stderr.write(`fleetlab new: unexpected "${argv[i]}"\nusage: fleetlab new <id> [--dir REPO] | fleetlab new --regenerate [--dir REPO]\n`);
      return 2;
    }
  }
  const notebooks = path.join(dir, "notebooks");
  if (regenerate) {
    fs.mkdirSync(notebooks, { recursive: true });
    for (const m of MISSIONS) {
      const file = path.join(notebooks, `${m.id}.ipynb`);
      fs.writeFileSync(file, serializeNotebook(missionNotebook(m)));
      process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
    }
    return 0;
  }
  if (!id || !MISSION_ID_PATTERN.test(id)) {
    process.stderr.write(`fleetlab new: the mission id must look like 03_data_pipelines (got ${id ? `"${id}"` : "nothing"})\n`);
    return 2;
  }
  const def = path.join(dir, "src", "mission", "missions", `${id.replace(/_/g, "-")}.ts`);
  const nb = path.join(notebooks, `${id}.ipynb`);
  for (const f of [def, nb]) {
    if (fs.existsSync(f)) {
      process.stderr.write(`fleetlab new: ${f} exists; pick another id or remove it\n`);
      return 2;
    }
  }
  fs.mkdirSync(path.dirname(def), { recursive: true });
  fs.mkdirSync(notebooks, { recursive: true });
  fs.writeFileSync(def, scaffoldSource(id));
  fs.writeFileSync(nb, serializeNotebook(missionNotebook(scaffoldSpec(id))));
  process.stdout.write(`wrote ${def}\nwrote ${nb}\nnext: fill every TODO in the definition, add it to src/mission/missions/index.ts, then run \`fleetlab check ${path.relative(process.cwd(), def)}\`\n`);
  return 0;
}

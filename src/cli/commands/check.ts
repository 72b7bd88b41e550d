/**
 * `fleetlab check <notebook.ipynb | mission.ts | mission-id> ...`: validates mission
 * definitions (every part has lock, workbench and reflect; targets computable for every
 * track; defaults in range; every instrument finite and every update within its work budget
 * at each control's extremes, each problem naming track, part, control and value) and
 * notebooks (nbformat 4.5 schema rules, the fleetlab kernelspec, a cell for every part).
 * Exit 0 all good, 1 checks failed, 2 usage error.
 */
import * as fs from "fs";
import { missionProblems } from "../../mission/define";
import { loadMission } from "../../mission/load";
import { missionById } from "../../mission/missions/index";
import { cellSource, fleetlabNotebookProblems, nbformatProblems, type Notebook } from "../../mission/nbformat";


/** Problems of one notebook file, including its mission's definition when the notebook names a known mission. */
export function notebookFileProblems(file: string): string[] {
  let nb: unknown;
  try {
    nb = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return [`not readable JSON: ${(e as Error).message}`];
  }
  const problems = nbformatProblems(nb);
  if (problems.length > 0) return problems;
  const notebook = nb as Notebook;
  problems.push(...fleetlabNotebookProblems(notebook));
  const id = (notebook.metadata.fleetlab as { mission?: string } | undefined)?.mission;
  if (!id) return [...problems, "metadata.fleetlab.mission: required (the mission id this notebook runs)"];
  let mission;
  try {
    mission = missionById(id);
  } catch (e) {
    return [...problems, `metadata.fleetlab.mission: ${(e as Error).message}`];
  }
  problems.push(...missionProblems(mission).map((p) => `mission ${id}: ${p}`));
  const code = notebook.cells.filter((c) => c.cell_type === "code").map(cellSource).join("\n");
  if (!/from "fleetlab\/mission"/.test(code)) problems.push('cells: no cell imports "fleetlab/mission"');
  if (!/^const track(?:: *\w+)? *= *"[a-z_]+";?$/m.test(code)) problems.push('cells: no parameters cell setting `const track = "...";`');
  for (const part of mission.parts) {
    if (!code.includes(`m.part("${part.id}")`)) problems.push(`cells: part ${part.id} has no cell (expected m.part("${part.id}"))`);
  }
  return problems;
}

export async function run(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.some((a) => a.startsWith("-"))) {
    process.stderr.write("usage: fleetlab check <notebook.ipynb | mission.ts | mission-id> ...\n");
    return 2;
  }
  let failed = 0;
  for (const ref of argv) {
    let problems: string[];
    try {
      if (ref.endsWith(".ipynb")) {
        if (!fs.existsSync(ref)) {
          process.stderr.write(`fleetlab check: no such notebook: ${ref}\n`);
          return 2;
        }
        problems = notebookFileProblems(ref);
      } else {
        const loaded = loadMission(ref);
        problems = loaded.ok ? missionProblems(loaded.mission) : loaded.problems;
      }
    } catch (e) {
      process.stderr.write(`fleetlab check: ${ref}: ${(e as Error).message}\n`);
      return 2;
    }
    if (problems.length === 0) process.stdout.write(`ok  ${ref}\n`);
    else {
      failed++;
      process.stdout.write(`FAIL ${ref}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

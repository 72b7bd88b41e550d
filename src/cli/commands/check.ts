/**
 * `fleetlab check <notebook.ipynb | mission.ts | mission-id> ...`: validates missions and
 * notebooks, listing exactly what is missing.
 *
 * A mission file is compiled as the kernel compiles it and type-checked (each error with
 * file, line and column); every TODO still in it is listed with its line; then its definition
 * is checked (every part has lock, workbench and reflect; targets computable for every track;
 * defaults in range; every instrument finite and every update within its work budget at each
 * control's extremes, each problem naming track, part, control and value). A notebook is
 * checked against nbformat 4.5, the fleetlab kernelspec and its mission: the built-in one it
 * names, or the mission file its metadata names, beside it.
 * Exit 0 all good, 1 checks failed, 2 usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { missionProblems } from "../../mission/authoring/define";
import { MissionDefinitionError } from "../../mission/authoring/messages";
import { isMissionFile, loadMissionFile, MissionFileError, todoLines, typeCheckMissionFile } from "../../mission/authoring/mission-file";
import { cellSource, fleetlabNotebookProblems, nbformatProblems, type Notebook } from "../../mission/authoring/nbformat";
import type { Mission } from "../../mission/authoring/types";
import { missionById } from "../../mission/find-mission";

type Checked = { mission: Mission<unknown> | null; problems: string[] };

/** Problems of a mission file: compiler errors, TODO lines, then the definition's problems. */
export function missionFileProblems(file: string): Checked {
  if (!fs.existsSync(file)) return { mission: null, problems: [`no such mission file: ${file}`] };
  const todos = todoLines(file);
  const typeErrors = typeCheckMissionFile(file);
  try {
    const mission = loadMissionFile(file);
    return { mission, problems: [...typeErrors, ...todos, ...missionProblems(mission)] };
  } catch (e) {
    if (e instanceof MissionFileError) return { mission: null, problems: [...typeErrors, ...e.problems] };
    const err = e as Partial<MissionDefinitionError>;
    if (err && err.name === "MissionDefinitionError" && Array.isArray(err.problems)) {
      // The TODO lines say where; the definition's "still TODO" paths would repeat them.
      const rest = todos.length > 0 ? err.problems.filter((p) => !p.endsWith(": still TODO")) : err.problems;
      return { mission: null, problems: [...typeErrors, ...todos, ...rest] };
    }
    throw e;
  }
}

/** Problems of one notebook file, including its mission's. */
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
  const meta = notebook.metadata.fleetlab as { mission?: string; missionFile?: string } | undefined;
  const id = meta?.mission;
  if (!id) return [...problems, "metadata.fleetlab.mission: required (the mission id this notebook runs)"];
  let mission: Mission<unknown> | null;
  if (meta?.missionFile) {
    const missionFile = path.resolve(path.dirname(file), meta.missionFile);
    const checked = missionFileProblems(missionFile);
    problems.push(...checked.problems);
    mission = checked.mission;
    if (mission && mission.id !== id) problems.push(`metadata.fleetlab.mission is "${id}" but ${meta.missionFile} defines "${mission.id}"`);
  } else {
    try {
      mission = missionById(id);
    } catch (e) {
      return [...problems, `metadata.fleetlab.mission: ${(e as Error).message} (a course mission names its file in metadata.fleetlab.missionFile)`];
    }
    problems.push(...missionProblems(mission).map((p) => `mission ${id}: ${p}`));
  }
  if (meta?.missionFile) {
    for (const c of notebook.cells) {
      if (c.cell_type === "markdown" && /\bTODO\b/.test(cellSource(c))) {
        problems.push(`${file}: cell "${c.id}" still says TODO; once ${meta.missionFile} is filled in, rewrite the notebook with \`fleetlab new --regenerate ${meta.missionFile}\``);
      }
    }
  }
  const code = notebook.cells.filter((c) => c.cell_type === "code").map(cellSource).join("\n");
  if (!/from "fleetlab\/mission"/.test(code)) problems.push('cells: no cell imports "fleetlab/mission"');
  const opened = meta?.missionFile ?? id;
  if (!code.includes(`mission.open(${JSON.stringify(opened)}`)) problems.push(`cells: no cell opens the mission (expected mission.open(${JSON.stringify(opened)}, track))`);
  if (!/^const track(?:: *\w+)? *= *"[a-z_]+";?$/m.test(code)) problems.push('cells: no parameters cell setting `const track = "...";`');
  for (const part of mission?.parts ?? []) {
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
      } else if (isMissionFile(ref)) {
        problems = missionFileProblems(ref).problems;
      } else {
        problems = missionProblems(missionById(ref));
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

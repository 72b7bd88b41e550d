/**
 * `fleetlab grade <submission.ipynb | folder>... [--out DIR] [--workers N] [--rubric FILE]
 *    [--missions DIR] [--mission ID] [--shard I/N] [--time-limit S] [--part-time-limit S]
 *    [--max-mb MB] [--memory-mb MB] [--submissions-per-worker N] [--execute]`
 * `fleetlab grade merge <DIR>... --out DIR`
 * `fleetlab grade --gradescope [--gradescope-root DIR]`      (root default /autograder)
 * `fleetlab grade --gradescope-autograder DIR [--rubric FILE] [--missions DIR] [--mission ID] [--execute]`
 *
 * Grades students' saved mission notebooks from evidence (src/mission/grading/): the lock
 * record verified and replayed into the pristine mission in a sandboxed worker per
 * submission, scored here against the model's own keys. Writes DIR/<name>/results.json
 * (Gradescope's format), DIR/<name>/feedback.md and DIR/grades.csv. `--execute` also runs
 * each submission's own code cells in a fresh sandboxed process, reporting each cell.
 *
 * Exit: 0 when the run finished, whatever the submissions did (each has its grade and
 * reasons); 2 for a usage error, a bad rubric or missions folder (nothing graded).
 */
import fs from "fs";
import os from "os";
import path from "path";
import { csvRow, csvText, gradescopeResults, parseCsv, writeSubmissionOutputs } from "../../mission/grading/grade-outputs";
import type { GradeReport } from "../../mission/grading/grade-report";
import { courseMissionFiles } from "../../mission/grading/pristine-missions";
import { DEFAULT_RUBRIC, readRubric, RubricError, type Rubric } from "../../mission/grading/rubric";
import { findSubmissions, parseShard, shardOf } from "../../mission/hosts/grade/find-submissions";
import { gradeSubmissions } from "../../mission/hosts/grade/grade-run";
import { DEFAULT_LIMITS, type SandboxLimits } from "../../mission/hosts/grade/sandbox";
import { autograderFiles } from "../../mission/hosts/grade/gradescope";

const USAGE = [
  "usage: fleetlab grade <submission.ipynb | folder>... [--out DIR] [--workers N] [--rubric FILE] [--missions DIR]",
  "         [--mission ID] [--shard I/N] [--time-limit S] [--part-time-limit S] [--max-mb MB] [--memory-mb MB]",
  "         [--submissions-per-worker N] [--execute]",
  "       fleetlab grade merge <DIR>... --out DIR",
  "       fleetlab grade --gradescope [--gradescope-root DIR]",
  "       fleetlab grade --gradescope-autograder DIR [--rubric FILE] [--missions DIR] [--mission ID] [--execute]",
].join("\n");

class UsageError extends Error {}

interface Args {
  inputs: string[];
  out: string;
  workers: number;
  rubricFile: string | null;
  missionsDir: string | null;
  mission: string | null;
  shard: { index: number; count: number } | null;
  limits: SandboxLimits;
  execute: boolean;
  gradescope: boolean;
  gradescopeRoot: string;
  autograderDir: string | null;
}

function positive(flag: string, v: string, integer = false): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} takes a ${integer ? "whole " : ""}number > 0 (got "${v}")`);
  return n;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    inputs: [], out: "grades", workers: os.availableParallelism(), rubricFile: null, missionsDir: null, mission: null, shard: null,
    limits: { ...DEFAULT_LIMITS }, execute: false, gradescope: false, gradescopeRoot: "/autograder", autograderDir: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === "--out") a.out = next();
    else if (arg === "--workers") a.workers = positive(arg, next(), true);
    else if (arg === "--rubric") a.rubricFile = next();
    else if (arg === "--missions") a.missionsDir = next();
    else if (arg === "--mission") a.mission = next();
    else if (arg === "--shard") {
      try {
        a.shard = parseShard(next());
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    } else if (arg === "--time-limit") a.limits.totalMs = positive(arg, next()) * 1000;
    else if (arg === "--part-time-limit") a.limits.perPartMs = positive(arg, next()) * 1000;
    else if (arg === "--max-mb") a.limits.maxBytes = Math.round(positive(arg, next()) * 1024 * 1024);
    else if (arg === "--memory-mb") a.limits.heapMb = Math.round(positive(arg, next()));
    else if (arg === "--submissions-per-worker") a.limits.recycleAfter = positive(arg, next(), true);
    else if (arg === "--execute") a.execute = true;
    else if (arg === "--gradescope") a.gradescope = true;
    else if (arg === "--gradescope-root") a.gradescopeRoot = next();
    else if (arg === "--gradescope-autograder") a.autograderDir = next();
    else if (arg.startsWith("--")) throw new UsageError(`unknown option "${arg}"`);
    else a.inputs.push(arg);
  }
  if (!a.gradescope && !a.autograderDir && a.inputs.length === 0) throw new UsageError("give at least one submission notebook or folder");
  return a;
}

export async function run(argv: string[]): Promise<number> {
  try {
    return argv[0] === "merge" ? merge(argv.slice(1)) : await grade(parseArgs(argv));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`fleetlab grade: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof RubricError || e instanceof SetupError) {
      process.stderr.write(`fleetlab grade: ${e.message}\nnothing graded\n`);
      return 2;
    }
    throw e;
  }
}

/** A run that cannot start (missions folder, submissions named): nothing is graded. */
class SetupError extends Error {}

async function grade(args: Args): Promise<number> {
  const rubric: Rubric = args.rubricFile ? readRubric(args.rubricFile) : DEFAULT_RUBRIC;
  let courseMissions: Record<string, string> = {};
  try {
    if (args.missionsDir) courseMissions = courseMissionFiles(args.missionsDir);
  } catch (e) {
    throw new SetupError((e as Error).message);
  }
  if (args.autograderDir) {
    const files = autograderFiles({ rubricFile: args.rubricFile, missionsDir: args.missionsDir, mission: args.mission, execute: args.execute });
    fs.mkdirSync(args.autograderDir, { recursive: true });
    for (const [name, f] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(args.autograderDir, name)), { recursive: true });
      fs.writeFileSync(path.join(args.autograderDir, name), f.text, { mode: f.mode });
    }
    process.stdout.write(`wrote ${Object.keys(files).join(", ")} to ${args.autograderDir}: zip its contents as the Gradescope autograder\n`);
    return 0;
  }
  const inputs = args.gradescope ? [path.join(args.gradescopeRoot, "submission")] : args.inputs;
  let submissions;
  try {
    submissions = findSubmissions(inputs);
  } catch (e) {
    throw new SetupError((e as Error).message);
  }
  if (args.shard) submissions = shardOf(submissions, args.shard);
  const progress = progressPrinter();
  const reports = await gradeSubmissions(submissions, {
    workers: args.workers, rubric, limits: args.limits, courseMissions, expectMission: args.mission, execute: args.execute, onGraded: progress,
  });
  if (args.gradescope) {
    const results = path.join(args.gradescopeRoot, "results");
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(path.join(results, "results.json"), JSON.stringify(combinedResults(reports), null, 1) + "\n");
    process.stdout.write(`graded ${reports.length} notebook(s) -> ${path.join(results, "results.json")}\n`);
    return 0;
  }
  fs.mkdirSync(args.out, { recursive: true });
  for (const r of reports) writeSubmissionOutputs(args.out, r);
  fs.writeFileSync(path.join(args.out, "grades.csv"), csvText(reports.map(csvRow)));
  const flagged = reports.filter((r) => r.findings.length > 0).length;
  process.stdout.write(`graded ${reports.length} submission(s)${args.shard ? ` (shard ${args.shard.index}/${args.shard.count})` : ""}; ${flagged} with findings -> ${path.join(args.out, "grades.csv")}\n`);
  return 0;
}

/** One Gradescope submission may hold several notebooks: their tests side by side, scores summed. */
function combinedResults(reports: GradeReport[]): Record<string, unknown> {
  if (reports.length === 0) {
    return { score: 0, output: "No notebook (.ipynb) was found in the submission.", tests: [] };
  }
  const each = reports.map(gradescopeResults);
  const many = reports.length > 1;
  return {
    score: each.reduce((s, r) => s + (r.score as number), 0),
    execution_time: each.reduce((s, r) => s + (r.execution_time as number), 0),
    output: each.map((r, i) => (many ? `${reports[i].name}: ${r.output as string}` : (r.output as string))).join("\n\n"),
    tests: each.flatMap((r, i) => (r.tests as { name: string }[]).map((t) => (many ? { ...t, name: `${reports[i].name} · ${t.name}` } : t))),
  };
}

/** A progress bar on a terminal, one plain line per submission otherwise. */
function progressPrinter(): (r: GradeReport, done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  return (r, done, total) => {
    const flags = [...new Set(r.findings.map((f) => f.code))].join(" ");
    if (tty) {
      const width = 30, filled = Math.round((done / total) * width);
      process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${r.name.slice(0, 30).padEnd(30)}`);
      if (done === total) process.stderr.write("\n");
    } else {
      process.stderr.write(`graded ${r.name}: ${r.score}/${r.maxScore}${flags ? ` [${flags}]` : ""} (${done}/${total})\n`);
    }
  };
}

/** `grade merge DIR... --out DIR`: one grades.csv from shard outputs, copied records flagged across shards. */
function merge(argv: string[]): number {
  const dirs: string[] = [];
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") {
      if (i + 1 >= argv.length) throw new UsageError("--out needs a value");
      out = argv[++i];
    } else if (argv[i].startsWith("--")) throw new UsageError(`unknown option "${argv[i]}"`);
    else dirs.push(argv[i]);
  }
  if (!out || dirs.length === 0) throw new UsageError("grade merge needs shard folders and --out DIR");
  const rows: string[][] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    const file = path.join(dir, "grades.csv");
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      throw new UsageError(`${file}: cannot read (is ${dir} a grade --out folder?)`);
    }
    let body: string[][];
    try {
      body = parseCsv(text, file);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    for (const row of body) {
      if (seen.has(row[0])) throw new UsageError(`submission "${row[0]}" is in both ${seen.get(row[0])} and ${dir}: the shards overlap`);
      seen.set(row[0], dir);
      rows.push(row);
    }
  }
  // A record copied between submissions graded in different shards shows up only here.
  const heads = new Map<string, number>();
  for (const r of rows) if (r[6]) heads.set(r[6], (heads.get(r[6]) ?? 0) + 1);
  for (const r of rows) {
    if (r[6] && heads.get(r[6])! > 1 && !r[5].split(" ").includes("record-copied")) r[5] = [...r[5].split(" ").filter(Boolean), "record-copied"].sort().join(" ");
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  fs.mkdirSync(out, { recursive: true });
  for (const dir of dirs) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && path.resolve(dir) !== path.resolve(out)) fs.cpSync(path.join(dir, entry.name), path.join(out, entry.name), { recursive: true });
    }
  }
  fs.writeFileSync(path.join(out, "grades.csv"), csvText(rows));
  process.stdout.write(`merged ${rows.length} submission(s) from ${dirs.length} folder(s) -> ${path.join(out, "grades.csv")}\n`);
  return 0;
}

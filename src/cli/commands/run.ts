/**
 * `fleetlab run <notebook...> [--track NAME|all] [--set [MISSION:]PART.CONTROL=VALUE ...]
 *   [--out DIR] [--cell-timeout S] [--timeout S] [--answer-key] [--summary]`
 *
 * Executes notebooks in this process, without Jupyter (src/mission/run/), and writes each
 * executed notebook to DIR (default `out/`) under its own name, with the design record
 * `fleetlab-design-record.json` beside it; with several tracks, one folder per track. Each track
 * starts from an empty design record and runs the notebooks in the order given, so a later
 * mission reads the choices of an earlier one.
 *
 * Exit: 0 every notebook ran; 1 a cell failed or timed out, or a notebook file is broken
 * (the executed notebooks are still written); 2 usage error, including a --set or --track
 * that does not apply (nothing is written).
 */
import fs from "fs";
import os from "os";
import path from "path";
import { serializeNotebook } from "../../mission/authoring/notebook";
import { executeNotebook, NotebookFileError, parseTrack, planNotebook, readNotebook, type NotebookPlan, type NotebookRun } from "../../mission/hosts/run/execute-notebook";
import { runSummaryLines } from "../../mission/hosts/run/run-summary";
import { parseSet, SetError, type SetSpec } from "../../mission/hosts/run/set-spec";
import { DESIGN_RECORD_FILE, readDesignRecord } from "../../mission/grading/design-record";
import type { TrackId } from "../../mission/authoring/types";


const USAGE = "usage: fleetlab run <notebook.ipynb...> [--track NAME|all] [--set [MISSION:]PART.CONTROL=VALUE ...] " +
  "[--out DIR] [--cell-timeout S] [--timeout S] [--answer-key] [--summary]";

interface Args {
  files: string[];
  tracks: TrackId[];
  sets: SetSpec[];
  out: string;
  cellTimeoutMs: number;
  notebookTimeoutMs: number;
  answerKey: boolean;
  summary: boolean;
}

function seconds(flag: string, v: string | undefined): number {
  const s = Number(v);
  if (v === undefined || !Number.isFinite(s) || s <= 0) throw new SetError(`${flag} takes a number of seconds > 0 (got ${v === undefined ? "nothing" : `"${v}"`})`);
  return s * 1000;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { files: [], tracks: [], sets: [], out: "out", cellTimeoutMs: 120_000, notebookTimeoutMs: 600_000, answerKey: false, summary: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new SetError(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === "--track") a.tracks.push(...parseTrack(next()).filter((t) => !a.tracks.includes(t)));
    else if (arg === "--set") a.sets.push(parseSet(next()));
    else if (arg === "--out") a.out = next();
    else if (arg === "--cell-timeout") a.cellTimeoutMs = seconds(arg, next());
    else if (arg === "--timeout") a.notebookTimeoutMs = seconds(arg, next());
    else if (arg === "--answer-key") a.answerKey = true;
    else if (arg === "--summary") a.summary = true;
    else if (arg.startsWith("--")) throw new SetError(`unknown option "${arg}"`);
    else a.files.push(arg);
  }
  if (a.files.length === 0) throw new SetError("give at least one notebook");
  return a;
}

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
}

export async function run(argv: string[]): Promise<number> {
  const code = await runNotebooks(argv);
  // Each executor's TypeScript host keeps file watchers open (Executor has no close),
  // so the command ends the process once its output is out.
  setImmediate(() => process.exit(code));
  return code;
}

async function runNotebooks(argv: string[]): Promise<number> {
  let args: Args;
  const plans: { plan: NotebookPlan; track: TrackId | null }[] = [];
  const tracks: (TrackId | null)[] = [];
  try {
    args = parseArgs(argv);
    tracks.push(...(args.tracks.length ? args.tracks : [null]));
    const sources = args.files.map((f) => ({ file: f, nb: readNotebook(f) }));
    for (const track of tracks) for (const s of sources) plans.push({ plan: planNotebook(s.file, s.nb, track, args.sets), track });
  } catch (e) {
    if (e instanceof NotebookFileError) {
      process.stderr.write(`fleetlab run: ${e.message}\n`);
      return 1;
    }
    if (!(e instanceof SetError)) throw e;
    process.stderr.write(`fleetlab run: ${e.message}\n${USAGE}\n`);
    return 2;
  }

  const perTrackDir = (t: TrackId | null) => (tracks.length > 1 && t ? path.join(args.out, t) : args.out);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-run-"));
  const runs: { run: NotebookRun; track: TrackId | null }[] = [];
  try {
    for (const { plan, track } of plans) {
      const ledgerFile = path.join(staging, track ?? "notebook", DESIGN_RECORD_FILE);
      runs.push({ run: await executeNotebook(plan, { ...args, ledgerFile }), track });
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!(e instanceof SetError)) throw e;
    process.stderr.write(`fleetlab run: ${e.message}; nothing written\n`);
    return 2;
  }

  let failed = 0;
  for (const { run: r, track } of runs) {
    const dir = perTrackDir(track);
    fs.mkdirSync(dir, { recursive: true });
    const target = path.join(dir, path.basename(r.plan.file));
    fs.writeFileSync(target, serializeNotebook(r.notebook));
    const label = `${r.plan.file}${r.plan.track ? ` [${r.plan.track}]` : ""}`;
    if (r.failure) {
      failed++;
      const f = r.failure;
      process.stderr.write(`fleetlab run: ${label}: cell ${f.cellIndex} (id "${f.cellId}") failed: ${f.ename}: ${firstLine(f.evalue)} (executed notebook: ${target})\n`);
    } else {
      process.stdout.write(`ok ${label}: ${r.executed} cells in ${(r.durationMs / 1000).toFixed(1)} s -> ${target}\n`);
    }
  }
  const ledgerOf = (track: TrackId | null) => path.join(staging, track ?? "notebook", DESIGN_RECORD_FILE);
  for (const track of tracks) {
    if (fs.existsSync(ledgerOf(track))) fs.copyFileSync(ledgerOf(track), path.join(perTrackDir(track), DESIGN_RECORD_FILE));
  }
  // Keys read the track's whole design record, as the notebooks did (07 starts from 01's fleet).
  const lines = args.summary ? runs.flatMap(({ run: r, track }) => runSummaryLines(r.notebook, readDesignRecord(ledgerOf(track)))) : [];
  fs.rmSync(staging, { recursive: true, force: true });
  if (lines.length) process.stdout.write(lines.join("\n") + "\n");
  return failed > 0 ? 1 : 0;
}

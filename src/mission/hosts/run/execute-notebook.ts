/**
 * Runs one notebook in this process, without Jupyter, the way the FleetLab kernel would:
 * the same cell executor (src/kernel/executor.ts, over src/cells/), the same `fleetlab`
 * module resolution, the notebook's folder as working directory, and the headless
 * KernelRuntime installed with setKernelRuntime so widgets open their comms here.
 *
 *   plan:     parse JSON → nbformat checks → --track into the parameters cell → --set checked
 *   execute:  per code cell: execute → outputs (stream, display_data, execute_result, error)
 *             after a cell renders a part: its --set drives, sent over the part's comms
 *             (update / custom lock_request) exactly as a front end sends them
 *   finish:   widget state → metadata.widgets, lock record + design entries → metadata.fleetlab
 *
 * A failing cell stops the notebook (as `jupyter nbconvert --execute` does); its error
 * output is kept and later cells stay unexecuted. A --set the widget refuses is a SetError.
 */
import fs from "fs";
import path from "path";
import { createExecutor, displayBundle, errorContent, InterruptedError, INTERRUPTED_ENAME, type ExecuteOutcome } from "../../../kernel/executor";
import { packageRoot } from "../../../kernel/package-info";
import { setKernelRuntime } from "../../../kernel/runtime";
import type { JsonObject } from "../../../kernel/runtime";
import { liveWidgets, widgetState } from "../../../kernel-widgets/widget-state";
import { FLEETLAB_METADATA_KEY, WIDGET_STATE_MIME } from "../../../widget-contract/traits";
import { answerKey } from "../../grading/answer-key";
import { createHeadlessRuntime, type HeadlessRuntime } from "../headless/runtime";
import { DESIGN_RECORD_ENV, readDesignRecord, readDesignEntries } from "../../grading/design-record";
import { notebookMission } from "../../find-mission";
import { cellSource, fleetlabNotebookProblems, nbformatProblems, toMultiline, type Notebook, type NotebookCell, type NotebookOutput } from "../../authoring/nbformat";
import { TRACK_LINE, trackLine } from "../../authoring/notebook";
import { notebookLockRecord, renderedParts, resetNotebookRecords, type RenderedPart } from "../../session/session";
import { TRACK_IDS, type Mission, type TrackId } from "../../authoring/types";
import { resolveDrives, SetError, type Drive, type SetSpec } from "./set-spec";
import { createWatchdog } from "./watchdog";

/** A notebook file that cannot be run (unreadable, not JSON, not nbformat 4.5). */
export class NotebookFileError extends Error {
  override name = "NotebookFileError";
}

/** A notebook checked and ready to execute. */
export interface NotebookPlan {
  file: string;
  notebook: Notebook;
  mission: Mission<unknown> | null;
  track: TrackId | null;
  drives: Drive[];
}

export interface RunOptions {
  /** Per cell, in ms; the cell is interrupted past it. */
  cellTimeoutMs: number;
  /** Whole notebook, in ms. */
  notebookTimeoutMs: number;
  /** The design record file this run reads and writes ($FLEETLAB_DESIGN_RECORD while it runs). */
  ledgerFile: string;
  /** Commit every lock that no --set commits with the model's own answer (an instructor's run). */
  answerKey: boolean;
}

/** Where and why a notebook stopped. */
export interface CellFailure {
  cellIndex: number;
  cellId: string;
  ename: string;
  evalue: string;
  timedOut: boolean;
}

export interface NotebookRun {
  plan: NotebookPlan;
  /** The executed notebook, outputs and metadata filled in. */
  notebook: Notebook;
  failure: CellFailure | null;
  executed: number;
  durationMs: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The tracks a run may ask for, as `--track` spells them. */
export function parseTrack(name: string): TrackId[] {
  if (name === "all") return [...TRACK_IDS];
  if (!(TRACK_IDS as readonly string[]).includes(name)) throw new SetError(`--track must be one of ${TRACK_IDS.join(", ")} or all (got "${name}")`);
  return [name as TrackId];
}

/**
 * Reads and checks a notebook file.
 * @throws NotebookFileError naming the file and the first problems
 */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new NotebookFileError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new NotebookFileError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const problems = nbformatProblems(parsed);
  if (problems.length > 0) throw new NotebookFileError(`${file}: not an nbformat 4.5 notebook: ${problems.slice(0, 3).join("; ")}`);
  return parsed as Notebook;
}

/**
 * Checks a notebook against the run's options: the mission it names, --track, --set.
 * @throws SetError for a --track or --set that cannot apply to this notebook
 */
export function planNotebook(file: string, source: Notebook, track: TrackId | null, specs: SetSpec[]): NotebookPlan {
  const notebook = structuredClone(source);
  const fl = notebook.metadata[FLEETLAB_METADATA_KEY];
  const missionId = isRecord(fl) && typeof fl.mission === "string" ? fl.mission : null;
  const missionFile = isRecord(fl) && typeof fl.missionFile === "string" ? fl.missionFile : undefined;
  let mission: Mission<unknown> | null = null;
  if (missionId) {
    try {
      mission = notebookMission({ mission: missionId, missionFile }, file);
    } catch (e) {
      throw new NotebookFileError(`${file}: metadata.fleetlab.mission "${missionId}": ${(e as Error).message}`);
    }
  }
  const params = notebook.cells.find((c) => c.cell_type === "code" && Array.isArray(c.metadata.tags) && (c.metadata.tags as unknown[]).includes("parameters"));
  let runTrack: TrackId | null = null;
  if (track) {
    if (!params || !TRACK_LINE.test(cellSource(params))) {
      throw new SetError(`--track: ${file} has no cell tagged "parameters" with a line \`const track = "…";\``);
    }
    if (mission && !mission.tracks[track]) throw new SetError(`--track: mission ${mission.id} has no track ${track}`);
    params.source = toMultiline(cellSource(params).replace(TRACK_LINE, trackLine(track)));
    runTrack = track;
  } else if (params) {
    const m = /const track(?:: *\w+)? *= *"([a-z_]+)"/.exec(cellSource(params));
    if (m && (TRACK_IDS as readonly string[]).includes(m[1])) runTrack = m[1] as TrackId;
  }
  const applicable = specs.filter((s) => s.mission === null || s.mission === missionId);
  let drives: Drive[] = [];
  if (applicable.length > 0) {
    if (!mission || !runTrack) throw new SetError(`--set "${applicable[0].text}": ${file} is not a mission notebook with a track (metadata.fleetlab.mission, parameters cell)`);
    drives = resolveDrives(applicable, mission, runTrack);
  }
  return { file, notebook, mission, track: runTrack, drives };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Sends one drive over the part's comm and fails if the widget refuses it. */
function sendDrive(rt: HeadlessRuntime, part: RenderedPart, drive: Drive): void {
  const commId = drive.control === "lock" ? part.lock
    : drive.control === "reflect" ? part.reflect
    : drive.control === "target" ? part.target
    : part.controls[drive.control];
  if (!commId) throw new SetError(`--set "${drive.text}": part ${drive.partIndex + 1} rendered no ${drive.control} widget`);
  const comm = rt.comm(commId)!;
  const before = comm.sent.length;
  const data: JsonObject = drive.control === "lock"
    ? { method: "custom", content: { type: "lock_request", value: drive.value } }
    : { method: "update", state: { value: drive.value }, buffer_paths: [] };
  rt.frontendSend(commId, data);
  const refused = comm.sent.slice(before).find((m) => m.method === "custom" && isRecord(m.content) && m.content.type === "rejected");
  if (refused) throw new SetError(`--set "${drive.text}": refused by the widget: ${String((refused.content as JsonObject).message)}`);
}

/**
 * Executes a planned notebook in this process.
 * @throws SetError when a widget refuses a --set value (nothing should be written then)
 */
export async function executeNotebook(plan: NotebookPlan, options: RunOptions): Promise<NotebookRun> {
  const started = Date.now();
  const nb = structuredClone(plan.notebook);
  const dir = path.dirname(path.resolve(plan.file));
  const saved = { cwd: process.cwd(), ledger: process.env[DESIGN_RECORD_ENV], stdout: process.stdout.write, stderr: process.stderr.write };
  process.chdir(dir);
  process.env[DESIGN_RECORD_ENV] = options.ledgerFile;
  const rt = createHeadlessRuntime();
  setKernelRuntime(rt);
  resetNotebookRecords();
  const widgetsBefore = new Set(liveWidgets().map((w) => w.id));
  const executor = createExecutor(dir, packageRoot());
  const watchdog = createWatchdog(() => executor.interrupt());

  let outputs: NotebookOutput[] = rt.beginCell();
  const capture = (name: "stdout" | "stderr") => (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
    const last = outputs[outputs.length - 1];
    if (last && last.output_type === "stream" && last.name === name) last.text = (last.text as string) + text;
    else outputs.push({ output_type: "stream", name, text });
    const done = typeof encoding === "function" ? encoding : cb;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  };
  (process.stdout as { write: unknown }).write = capture("stdout");
  (process.stderr as { write: unknown }).write = capture("stderr");

  let failure: CellFailure | null = null;
  let executed = 0;
  const drivenParts = new Set<number>();
  try {
    // The notebook's budget covers its cells (executor start-up is the runner's cost).
    const deadline = Date.now() + options.notebookTimeoutMs;
    for (let i = 0; i < nb.cells.length; i++) {
      const cell: NotebookCell = nb.cells[i];
      if (cell.cell_type !== "code") continue;
      if (failure) {
        cell.outputs = [];
        cell.execution_count = null;
        continue;
      }
      outputs = rt.beginCell();
      executed++;
      const remaining = deadline - Date.now();
      const limit = Math.max(1, Math.min(options.cellTimeoutMs, remaining));
      const cellStart = Date.now();
      const outcome = await watchdog.guard(limit, () => executor.execute(cellSource(cell)), (): ExecuteOutcome => {
        executor.abandon();
        return { status: "error", ...errorContent(new InterruptedError("execution interrupted")) };
      });
      await turn();
      if (outcome.status === "error") {
        const timedOut = outcome.ename === INTERRUPTED_ENAME && Date.now() - cellStart >= limit;
        const evalue = timedOut
          ? (limit < options.cellTimeoutMs ? `notebook timed out after ${options.notebookTimeoutMs / 1000} s (--timeout)` : `cell timed out after ${options.cellTimeoutMs / 1000} s (--cell-timeout)`)
          : outcome.evalue;
        outputs.push({ output_type: "error", ename: timedOut ? "Timeout" : outcome.ename, evalue, traceback: timedOut ? [`Timeout: ${evalue}`] : outcome.traceback });
        failure = { cellIndex: i, cellId: cell.id, ename: timedOut ? "Timeout" : outcome.ename, evalue, timedOut };
      } else if (outcome.hasValue) {
        try {
          const data = displayBundle(outcome.value);
          if (data) outputs.push({ output_type: "execute_result", execution_count: executed, data, metadata: {} });
        } catch (err) {
          const e = err as Error;
          outputs.push({ output_type: "error", ename: e.name, evalue: e.message, traceback: [String(e.stack)] });
          failure = { cellIndex: i, cellId: cell.id, ename: e.name, evalue: e.message, timedOut: false };
        }
      }
      cell.execution_count = executed;
      cell.outputs = outputs;
      if (!failure && plan.mission) {
        const progress: DriveProgress = {};
        const finished = await watchdog.guard(options.cellTimeoutMs, async () => (await driveRenderedParts(rt, plan, options, drivenParts, progress), true), () => false);
        if (!finished) {
          const evalue = `--set "${progress.drive?.text ?? "?"}": the widget update did not finish within ${options.cellTimeoutMs / 1000} s (--cell-timeout)`;
          outputs.push({ output_type: "error", ename: "Timeout", evalue, traceback: [`Timeout: ${evalue}`] });
          failure = { cellIndex: i, cellId: cell.id, ename: "Timeout", evalue, timedOut: true };
        }
      }
    }
    if (!failure) {
      const missing = plan.drives.find((d) => !drivenParts.has(d.partIndex));
      if (missing) throw new SetError(`--set "${missing.text}": ${plan.file} never rendered part ${missing.partIndex + 1} (${missing.partId})`);
    }
    await turn();
  } finally {
    (process.stdout as { write: unknown }).write = saved.stdout;
    (process.stderr as { write: unknown }).write = saved.stderr;
    await watchdog.close();
  }

  for (const cell of nb.cells) {
    for (const o of cell.outputs ?? []) if (o.output_type === "stream") o.text = toMultiline(o.text as string);
  }
  const mine = liveWidgets().filter((w) => !widgetsBefore.has(w.id));
  const fleetlab = isRecord(nb.metadata[FLEETLAB_METADATA_KEY]) ? (nb.metadata[FLEETLAB_METADATA_KEY] as Record<string, unknown>) : {};
  nb.metadata.widgets = { [WIDGET_STATE_MIME]: widgetState(mine) };
  nb.metadata[FLEETLAB_METADATA_KEY] = {
    ...fleetlab,
    ...(plan.track ? { track: plan.track } : {}),
    ledger: notebookLockRecord().toJSON(),
    design: plan.mission ? readDesignEntries(options.ledgerFile).filter((e) => e.mission === plan.mission!.id) : [],
  };
  // Free this notebook's widgets, as a kernel shutdown would.
  for (const w of mine) (w as unknown as { close?: () => void }).close?.();
  setKernelRuntime(undefined);
  process.chdir(saved.cwd);
  if (saved.ledger === undefined) delete process.env[DESIGN_RECORD_ENV];
  else process.env[DESIGN_RECORD_ENV] = saved.ledger;
  return { plan, notebook: nb, failure, executed, durationMs: Date.now() - started };
}

/** The drive being applied, for the message when one does not finish. */
interface DriveProgress {
  drive?: Drive;
}

/** Sends the --set drives (and, in answer-key mode, the key as the prediction) to parts rendered since the last call. */
async function driveRenderedParts(rt: HeadlessRuntime, plan: NotebookPlan, options: RunOptions, driven: Set<number>, progress: DriveProgress): Promise<void> {
  const mission = plan.mission!;
  for (const part of renderedParts()) {
    if (part.mission !== mission.id) continue;
    const index = mission.parts.findIndex((p) => p.id === part.part);
    if (driven.has(index)) continue;
    driven.add(index);
    const drives = plan.drives.filter((d) => d.partIndex === index);
    if (options.answerKey && !drives.some((d) => d.control === "lock")) {
      const key = answerKey(mission, part.part, part.track, readDesignRecord(options.ledgerFile)).lock;
      drives.unshift({ text: `${index + 1}.lock=<answer key>`, partIndex: index, partId: part.part, control: "lock", value: key.answer });
    }
    for (const d of drives) {
      progress.drive = d;
      sendDrive(rt, part, d);
      await turn();
    }
  }
}

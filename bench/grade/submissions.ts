/**
 * Student submissions for the grader's corpus and benchmark, made the way students make
 * them: an honest one is the mission's notebook executed headless (`fleetlab run`'s
 * executor) with every part's prediction committed, its controls moved, its target found and
 * a reflection written; each hostile one is an honest notebook changed the way a student
 * might try to cheat (see HOSTILE). A record "re-hashed" is re-chained after the change, as
 * a student who read PROTOCOL.md would: it verifies again, and only the rules catch it.
 */
import os from "os";
import path from "path";
import fs from "fs";
import { answerKey } from "../../src/mission/grading/answer-key";
import { missionById } from "../../src/mission/find-mission";
import { resolveControl, trackContext } from "../../src/mission/authoring/resolve";
import type { Notebook } from "../../src/mission/authoring/nbformat";
import type { ControlValue, Mission, TrackId } from "../../src/mission/authoring/types";
import { missionNotebook } from "../../src/mission/authoring/notebook";
import { executeNotebook, planNotebook } from "../../src/mission/hosts/run/execute-notebook";
import { parseSet } from "../../src/mission/hosts/run/set-spec";
import { eventHash, GENESIS_HASH, type LockEvent, type LockRecordJson } from "../../src/kernel-widgets/lock-record";
import { FLEETLAB_METADATA_KEY, LOCK_RECORD_MIME } from "../../src/widget-contract/traits";

/** Three values for a control on a track, each a change from the one before (starting from its default). */
function controlValues(mission: Mission<unknown>, partIndex: number, controlId: string, track: TrackId): ControlValue[] {
  const c = mission.parts[partIndex].workbench.controls.find((x) => x.id === controlId)!;
  const r = resolveControl(c, trackContext(mission, track));
  const options: ControlValue[] = r.kind === "slider" ? [r.min, r.max, r.min + (r.max - r.min) / 3]
    : r.kind === "toggle" ? [true, false] : r.choices;
  const out: ControlValue[] = [];
  let previous: ControlValue = r.default;
  for (let i = 0; out.length < 3; i++) {
    const v = options[i % options.length];
    if (v !== previous) out.push((previous = v));
  }
  return out;
}

/** The `--set` drives of an honest student who earns every point. */
export function honestSets(mission: Mission<unknown>, track: TrackId): string[] {
  const sets: string[] = [];
  mission.parts.forEach((part, i) => {
    const key = answerKey(mission, part.id, track);
    // A wrong but committed prediction earns its point too; the honest student predicts the default choice.
    sets.push(`${i + 1}.lock=${key.lock.kind === "number" ? Number((key.lock.answer as number).toPrecision(3)) : key.lock.answer}`);
    const first = part.workbench.controls[0];
    for (const v of controlValues(mission, i, first.id, track)) sets.push(`${i + 1}.${first.id}=${v}`);
    if (key.target) {
      sets.push(`${i + 1}.target=${key.target.value * (1 + 3 * key.target.tolerance)}`);
      sets.push(`${i + 1}.target=${key.target.value}`);
    }
    const words = Array.from({ length: part.reflect.minWords + 5 }, (_x, w) => `word${w}`).join(" ");
    sets.push(`${i + 1}.reflect=The fleet behaves unlike one node: ${words}`);
  });
  return sets;
}

/** An honest submission of `missionId` on `track`, executed in this process. */
export async function honestSubmission(missionId: string, track: TrackId, scratch: string): Promise<Notebook> {
  const mission = missionById(missionId);
  const file = path.join(scratch, `${missionId}.ipynb`);
  fs.mkdirSync(scratch, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(missionNotebook(mission)));
  const plan = planNotebook(file, JSON.parse(fs.readFileSync(file, "utf8")) as Notebook, track, honestSets(mission, track).map(parseSet));
  const run = await executeNotebook(plan, {
    cellTimeoutMs: 120_000, notebookTimeoutMs: 600_000, answerKey: false,
    ledgerFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-honest-")), "fleetlab-design-record.json"),
  });
  if (run.failure) throw new Error(`${missionId} on ${track}: cell ${run.failure.cellIndex} failed: ${run.failure.evalue}`);
  return run.notebook;
}

/** The lock record a notebook carries (the output of its open cell). */
export function recordOf(nb: Notebook): LockRecordJson {
  for (const cell of nb.cells) for (const o of cell.outputs ?? []) {
    const data = (o as { data?: Record<string, unknown> }).data;
    if (data && LOCK_RECORD_MIME in data) return data[LOCK_RECORD_MIME] as LockRecordJson;
  }
  throw new Error("notebook carries no lock record");
}

/** Puts `record` everywhere the notebook carries its lock record (output and metadata). */
export function withRecord(nb: Notebook, record: LockRecordJson | null): Notebook {
  const out = structuredClone(nb);
  for (const cell of out.cells) {
    cell.outputs = cell.outputs?.filter((o) => !(record === null && (o as { data?: Record<string, unknown> }).data?.[LOCK_RECORD_MIME]));
    for (const o of cell.outputs ?? []) {
      const data = (o as { data?: Record<string, unknown> }).data;
      if (data && LOCK_RECORD_MIME in data) data[LOCK_RECORD_MIME] = structuredClone(record);
    }
  }
  const fl = out.metadata[FLEETLAB_METADATA_KEY] as Record<string, unknown>;
  if (record === null) delete fl.ledger;
  else fl.ledger = structuredClone(record);
  return out;
}

/** Re-chains edited events (seq, prev_hash, hash), as a student who knows the algorithm would. */
export function rehash(events: Omit<LockEvent, "seq" | "prev_hash" | "hash">[]): LockRecordJson {
  let prev = GENESIS_HASH, time = "";
  const chained = events.map((e, seq) => {
    // Times kept in order too: a moved event takes the time of the one before it.
    time = e.time > time ? e.time : time;
    const partial = { ...e, time, seq, prev_hash: prev };
    const event = { ...partial, hash: eventHash(partial) };
    prev = event.hash;
    return event;
  });
  return { version: 1, algorithm: "sha256", events: chained };
}

/** The first event index of `kind` for part `part` (mission-qualified). */
function indexOf(events: LockEvent[], kind: LockEvent["kind"], part: string): number {
  const i = events.findIndex((e) => e.kind === kind && e.part === part);
  if (i < 0) throw new Error(`no ${kind} event for ${part}`);
  return i;
}

/** One way of cheating, applied to an honest notebook of `mission` (part 1 is the one tampered with). */
export type Hostile = (honest: Notebook, mission: Mission<unknown>, track: TrackId) => Notebook | string;

const part1 = (m: Mission<unknown>) => `${m.id}.${m.parts[0].id}`;

/** `source` as a new code cell after the cell `after` (or at the end), as a student would add one. */
function withCodeCell(nb: Notebook, id: string, source: string, after?: string): Notebook {
  const out = structuredClone(nb);
  const at = after ? out.cells.findIndex((c) => c.id === after) + 1 : out.cells.length;
  out.cells.splice(at || out.cells.length, 0, { id, cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: [source] });
  return out;
}

/**
 * Hostile code cells, for `fleetlab grade --execute` (HOSTILE includes them: graded from the
 * replay alone they are cells added, nothing more). expected-execute.json states each verdict.
 */
export const HOSTILE_CODE: Record<string, Hostile> = {
  // Ends the process mid-notebook: must not pass silently.
  "code-process-exit": (nb) => withCodeCell(nb, "exit", "process.exit(0);", "part1-run"),
  "code-infinite-loop": (nb) => withCodeCell(nb, "loop", "let spins = 0;\nwhile (true) spins++;", "part1-run"),
  // Awaits what never comes, leaving nothing pending: must not end the run as if it had finished.
  "code-never-settles": (nb) => withCodeCell(nb, "wait", "await new Promise(() => {});", "part1-run"),
  "code-memory-bomb": (nb) => withCodeCell(nb, "hog", "const hog: number[][] = [];\nwhile (true) hog.push(new Array(1_000_000).fill(1));", "part1-run"),
  // Refused by the permission model (and the file would be outside the sandbox's folder anyway).
  "code-child-process": (nb) => withCodeCell(nb, "shell", 'const { execSync } = require("child_process");\nexecSync("touch /tmp/fleetlab-grade-pwned");', "part1-run"),
  // Replaces the model's functions and Math's: the grade comes from another process.
  "code-monkey-patch": (nb) => withCodeCell(nb, "patch", [
    'const model = require("fleetlab");',
    "for (const k of Object.keys(model)) {",
    "  try { Object.assign(model, { [k]: () => 0 }); } catch { /* read-only export */ }",
    "}",
    "Object.assign(Math, { exp: () => 0, max: () => 1e9 });",
    'Object.assign(mission, { open: () => { throw new Error("patched"); } });',
  ].join("\n")),
  "code-output-flood": (nb) => withCodeCell(nb, "flood", 'const line = "x".repeat(1 << 20);\nfor (let i = 0; i < 300; i++) console.log(line);'),
};

/** The hostile variants made from an honest notebook; the corpus names them so, and expected.json states each verdict. */
export const HOSTILE: Record<string, Hostile> = {
  // The commit's value changed in place: the hash no longer matches.
  "record-edited": (nb, m) => {
    const r = structuredClone(recordOf(nb));
    const c = r.events[indexOf(r.events, "commit", part1(m))];
    c.value = typeof c.value === "number" ? c.value * 2 : "edited";
    return withRecord(nb, r);
  },
  "record-reordered": (nb) => {
    const r = structuredClone(recordOf(nb));
    [r.events[1], r.events[2]] = [r.events[2], r.events[1]];
    return withRecord(nb, r);
  },
  // The oldest events cut away (the newest cannot be told from a shorter honest record without a head kept elsewhere).
  "record-truncated": (nb) => {
    const r = structuredClone(recordOf(nb));
    r.events = r.events.slice(2);
    return withRecord(nb, r);
  },
  "record-deleted": (nb) => withRecord(nb, null),
  // Only the metadata copy edited (a student who missed the output copy).
  "record-copies-differ": (nb, m) => {
    const out = structuredClone(nb);
    const r = rehash(recordOf(nb).events.filter((e) => !(e.kind === "attempt" && e.part === part1(m))));
    (out.metadata[FLEETLAB_METADATA_KEY] as Record<string, unknown>).ledger = r;
    return out;
  },
  // A revealed result before the commit, re-hashed.
  "commit-after-reveal": (nb, m) => {
    const events = structuredClone(recordOf(nb).events);
    const i = indexOf(events, "commit", part1(m));
    events.splice(i, 0, { ...events[i], kind: "revealed", trait: "", value: null });
    return withRecord(nb, rehash(events));
  },
  // Tries that miss, re-hashed, and the design record edited to say the target was found.
  "false-target-claim": (nb, m, track) => {
    const key = answerKey(m, m.parts[0].id, track).target!;
    let miss = 3;
    const events = recordOf(nb).events.map((e) => (e.kind === "attempt" && e.part === part1(m) ? { ...e, value: key.value * miss++ } : e));
    const out = withRecord(nb, rehash(events));
    const design = (out.metadata[FLEETLAB_METADATA_KEY] as { design: { part: string; target: { found: boolean } | null }[] }).design;
    for (const d of design) if (d.part === m.parts[0].id && d.target) d.target.found = true;
    return out;
  },
  // Twelve misses, then the right value as the 13th try, re-hashed.
  "tries-beyond-limit": (nb, m, track) => {
    const key = answerKey(m, m.parts[0].id, track).target!;
    const events = structuredClone(recordOf(nb).events);
    const first = indexOf(events, "attempt", part1(m));
    const tries = [...Array.from({ length: 12 }, (_x, k) => key.value * (3 + k)), key.value].map((value) => ({ ...events[first], value }));
    const rest = events.filter((e) => !(e.kind === "attempt" && e.part === part1(m)));
    rest.splice(first, 0, ...tries);
    return withRecord(nb, rehash(rest));
  },
  // One control change moved before the commit, re-hashed.
  "moved-before-commit": (nb, m) => {
    const events = structuredClone(recordOf(nb).events);
    const c = indexOf(events, "commit", part1(m));
    const moved = indexOf(events, "interaction", part1(m));
    const [change] = events.splice(moved, 1);
    events.splice(c, 0, change);
    return withRecord(nb, rehash(events));
  },
  // Another mission's honest record pasted in (made by the caller: see foreignRecord).
  "cells-edited": (nb) => {
    const out = structuredClone(nb);
    const cell = out.cells.find((c) => c.id === "part1-run")!;
    cell.source = ["const leak = mission.answerKey(m.mission, m.mission.parts[0].id, track);\n", "console.log(leak);\n", ...[cell.source].flat()];
    const md = out.cells.find((c) => c.id === "intro")!;
    md.source = ["# My own title\n", ...[md.source].flat()];
    return out;
  },
  "cells-deleted": (nb) => ({ ...structuredClone(nb), cells: nb.cells.filter((c) => !["visuals", "visuals-run", "design-record"].includes(c.id)) }),
  "cells-moved": (nb) => {
    const out = structuredClone(nb);
    const a = out.cells.findIndex((c) => c.id === "part2-run"), b = out.cells.findIndex((c) => c.id === "part3-run");
    [out.cells[a], out.cells[b]] = [out.cells[b], out.cells[a]];
    return out;
  },
  // Outputs, widget state and the design record say the model agreed with the student.
  "forged-outputs": (nb, m) => {
    const out = structuredClone(nb);
    const fl = out.metadata[FLEETLAB_METADATA_KEY] as { design: { part: string; answer: unknown; lock: unknown }[] };
    for (const d of fl.design) d.answer = typeof d.answer === "number" ? d.answer * 10 : "Forged answer";
    const state = (out.metadata.widgets as Record<string, { state: Record<string, { state: Record<string, unknown> }> }>)["application/vnd.jupyter.widget-state+json"].state;
    for (const model of Object.values(state)) if (model.state._model_name === "StakeholderModel") model.state.message = "The model says: you are right.";
    out.cells.push({ id: "forged", cell_type: "markdown", metadata: {}, source: [`Part ${m.parts[0].id}: target found on the first try.`] });
    return out;
  },
  "not-json": () => '{"cells": [ this is not JSON',
  "not-nbformat": () => JSON.stringify({ cells: "none", metadata: { fleetlab: { mission: "01_ml_intro" } } }),
  "unknown-mission": (nb) => {
    const out = structuredClone(nb);
    (out.metadata[FLEETLAB_METADATA_KEY] as Record<string, unknown>).mission = "99_no_such_mission";
    return out;
  },
  // A course mission whose file sits beside the submission: never loaded, so never graded without the teacher's copy.
  "mission-file-beside": (nb) => {
    const out = structuredClone(nb);
    Object.assign(out.metadata[FLEETLAB_METADATA_KEY] as Record<string, unknown>, { mission: "my_course_mission", missionFile: "my_course_mission.ts" });
    return out;
  },
  ...HOSTILE_CODE,
};

/** A notebook of one mission carrying another mission's lock record. */
export function foreignRecord(nb: Notebook, other: Notebook): Notebook {
  return withRecord(nb, recordOf(other));
}

/**
 * Scores one submission from its evidence, in the grader's own process: answer keys and
 * targets are recomputed here from the pristine mission (never taken from the worker or the
 * notebook), the rubric gives the points, and what the notebook claims is checked against
 * what the replay showed. A submission that could not be graded scores 0 with the reason.
 */
import type { JsonValue } from "../../kernel/runtime";
import type { Mission, PartSpec, TrackId } from "../authoring/types";
import { lockMatches, missionKeys, withinTolerance, type AnswerKey } from "./answer-key";
import { unchanged, type CellDiff } from "./cell-diff";
import type { CellRunReport } from "./cell-runs";
import type { Evidence } from "./evidence";
import type { Finding } from "./lock-evidence";
import type { Rubric } from "./rubric";

/** One line of Gradescope's `tests` array. */
export interface GradedTest {
  name: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  output: string;
  visibility: "visible";
}

export interface GradeReport {
  name: string;
  mission: string | null;
  track: TrackId | null;
  score: number;
  maxScore: number;
  tests: GradedTest[];
  findings: Finding[];
  cells: CellDiff | null;
  /** Seconds the grading of this submission took. */
  executionTime: number;
  /** Head hash of the graded lock record (equal heads: a copied record). */
  recordHead: string | null;
  /** How the student's own code cells ran (`--execute`), per cell. */
  cellRuns?: CellRunReport;
}

/** The points a mission is worth under `rubric` (what a submission graded 0 is out of). */
export function maxScore(mission: Mission<unknown>, rubric: Rubric): number {
  return mission.parts.reduce((sum, p) => sum + criteria(p, rubric).reduce((s, c) => s + c.points, 0), 0);
}

type Criterion = { id: "prediction" | "exploration" | "target" | "reflection"; points: number };

function criteria(part: PartSpec<unknown>, rubric: Rubric): Criterion[] {
  const all: Criterion[] = [
    { id: "prediction", points: rubric.prediction.points },
    { id: "exploration", points: rubric.exploration.points },
    ...(part.target ? [{ id: "target" as const, points: rubric.target.points }] : []),
    { id: "reflection", points: rubric.reflection.points },
  ];
  return all.filter((c) => c.points > 0);
}

/**
 * Scores `evidence` of submission `name` for `mission` (the grader's pristine copy), against
 * `keysOf(track)`: the model's keys, computed here unless the run already holds them.
 */
export function gradeEvidence(name: string, evidence: Evidence, mission: Mission<unknown>, rubric: Rubric, executionTime: number,
  keysOf: (track: TrackId) => readonly AnswerKey[] = (track) => missionKeys(mission, track)): GradeReport {
  const findings = [...evidence.findings];
  const track = evidence.track;
  const tests: GradedTest[] = [];
  const broken = evidence.record === null ? findings[0]?.message ?? "There is no lock record to grade." : null;
  mission.parts.forEach((part, i) => {
    const label = `Part ${i + 1} (${part.id})`;
    const rep = evidence.replayed.find((p) => p.part === part.id && p.track === track);
    const rec = evidence.recorded.find((p) => p.part === part.id && p.track === track);
    const key = track ? keysOf(track).find((k) => k.part === part.id) ?? null : null;
    for (const c of criteria(part, rubric)) {
      const test = (passed: boolean, output: string, what: string): GradedTest =>
        ({ name: `${label}: ${what}`, score: passed ? c.points : 0, max_score: c.points, status: passed ? "passed" : "failed", output, visibility: "visible" });
      if (broken || !key || !rep) {
        const why = broken ?? (key ? "Nothing was recorded for this part." : "The mission was never opened on a track.");
        tests.push(test(false, why, NAMES[c.id]));
        continue;
      }
      if (c.id === "prediction") tests.push(test(...prediction(part, rep.committed, rec?.revealedBeforeCommit ?? null, key), NAMES[c.id]));
      else if (c.id === "exploration") {
        const k = rubric.exploration.minChanges;
        tests.push(test(rep.committed !== null && rep.changes >= k, `${rep.changes} workbench change(s) after the commit; ${k} needed.`, NAMES[c.id]));
      } else if (c.id === "target") {
        const t = key.target!;
        const foundAt = rep.tries.slice(0, t.maxAttempts).findIndex((x) => withinTolerance(x, t.value, t.tolerance));
        const shown = `${fmt(t.value)}${t.unit ? ` ${t.unit}` : ""} (±${Math.round(t.tolerance * 100)}%)`;
        const output = foundAt >= 0
          ? `Found on try ${foundAt + 1} of ${t.maxAttempts}: ${fmt(rep.tries[foundAt])}; the model's value is ${shown}.`
          : `Not found in ${rep.tries.length} tr${rep.tries.length === 1 ? "y" : "ies"} (of ${t.maxAttempts}).`;
        tests.push(test(foundAt >= 0, output, NAMES[c.id]));
        const recordedTries = rec?.tries.length ?? 0;
        if (recordedTries > t.maxAttempts) {
          findings.push({ code: "tries-beyond-limit", part: part.id, track: track!, message: `Part ${part.id}: the record holds ${recordedTries} target tries; only the first ${t.maxAttempts} count.` });
        }
      } else {
        const min = rubric.reflection.minWords ?? part.reflect.minWords;
        tests.push(test(rep.reflectionWords >= min, `${rep.reflectionWords} word(s) written; ${min} needed.`, NAMES[c.id]));
      }
    }
    if (key && rep) findings.push(...claimFindings(evidence, part, track!, key, rep.committed, rep.tries));
  });
  if (evidence.cells && !unchanged(evidence.cells)) {
    const d = evidence.cells;
    const parts = [
      d.edited.length ? `edited: ${d.edited.map((e) => e.id).join(", ")}` : "",
      d.deleted.length ? `deleted: ${d.deleted.join(", ")}` : "",
      d.moved.length ? `moved: ${d.moved.join(", ")}` : "",
      d.added.length ? `added: ${d.added.join(", ")}` : "",
    ].filter(Boolean);
    findings.push({ code: "cells-changed", message: `Cells differ from the handed-out notebook (${parts.join("; ")}). The grade comes from replaying your recorded work in the original mission, so these changes do not change it.` });
  }
  const score = tests.reduce((s, t) => s + t.score, 0);
  return {
    name, mission: mission.id, track, score, maxScore: tests.reduce((s, t) => s + t.max_score, 0) || maxScore(mission, rubric),
    tests, findings, cells: evidence.cells, executionTime, recordHead: evidence.record?.head ?? null,
  };
}

/** A submission graded 0 because it could not be graded at all (unreadable, crashed, timed out). */
export function ungradable(name: string, code: string, message: string, mission: Mission<unknown> | null, rubric: Rubric, executionTime: number): GradeReport {
  return {
    name, mission: mission?.id ?? null, track: null, score: 0, maxScore: mission ? maxScore(mission, rubric) : 0,
    tests: [{ name: "Submission could be graded", score: 0, max_score: mission ? maxScore(mission, rubric) : 0, status: "failed", output: message, visibility: "visible" }],
    findings: [{ code, message }], cells: null, executionTime, recordHead: null,
  };
}

const NAMES: Record<Criterion["id"], string> = {
  prediction: "prediction committed before any result",
  exploration: "workbench explored after the commit",
  target: "target found within its tries",
  reflection: "reflection long enough",
};

function prediction(part: PartSpec<unknown>, committed: JsonValue, revealedAt: number | null, key: AnswerKey): [boolean, string] {
  if (committed === null) return [false, "No prediction was committed."];
  if (revealedAt !== null) return [false, `The prediction ${fmt(committed)} was committed after the part's results were shown (event ${revealedAt}).`];
  const value = typeof committed === "number" || typeof committed === "string" ? committed : null;
  const matched = lockMatches(key.lock, value);
  const verdict = key.lock.kind === "text" ? "" : matched ? " It matches the model (reported, not graded)." : ` The model says ${fmt(key.lock.answer)}${key.lock.unit ? ` ${key.lock.unit}` : ""} (reported, not graded: a prediction earns its point by being committed first).`;
  return [true, `Committed ${fmt(committed)} before any result of part ${part.id} was shown.${verdict}`];
}

/** What the notebook's design record claims against what the replay and the grader's keys show. */
function claimFindings(evidence: Evidence, part: PartSpec<unknown>, track: TrackId, key: AnswerKey, committed: JsonValue, tries: number[]): Finding[] {
  const out: Finding[] = [];
  const claim = evidence.claims.find((c) => c.part === part.id && c.track === track);
  if (!claim) return out;
  const t = key.target;
  const found = !!t && tries.slice(0, t.maxAttempts).some((x) => withinTolerance(x, t.value, t.tolerance));
  if (claim.target && claim.target.found === true && !found) {
    out.push({ code: "false-target-claim", part: part.id, track, message: `Part ${part.id}: the notebook claims the target was found, but the recorded tries do not reach the model's value.` });
  }
  if (claim.answer !== null && claim.answer !== undefined && !sameValue(claim.answer, key.lock.answer)) {
    out.push({ code: "forged-claim", part: part.id, track, message: `Part ${part.id}: the notebook shows the model's answer as ${fmt(claim.answer)}, but the model says ${fmt(key.lock.answer)}.` });
  }
  if (claim.lock !== null && claim.lock !== undefined && !sameValue(claim.lock, committed)) {
    out.push({ code: "forged-claim", part: part.id, track, message: `Part ${part.id}: the notebook shows the prediction as ${fmt(claim.lock)}, but the lock record committed ${fmt(committed)}.` });
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return withinTolerance(a, b, 1e-9);
  return a === b;
}

function fmt(v: unknown): string {
  if (typeof v === "number") return String(Number(v.toPrecision(4)));
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

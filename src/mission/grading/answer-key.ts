/**
 * Answer keys: what the model says each lock's answer and each part's target are,
 * for one track. Pure (no widgets, no display), so a grader can recompute them in
 * its own process from the mission definition alone.
 */
import { messages } from "../authoring/messages";
import { EMPTY_DESIGNS, resolve, trackContext } from "../authoring/resolve";
import type { DesignView, Mission, MissionSpec, PartSpec, TrackId } from "../authoring/types";

export interface LockKey {
  kind: "number" | "choice" | "text";
  question: string;
  answer: number | string;
  unit: string | null;
  /** Relative tolerance for a number lock. */
  tolerance?: number;
  choices?: string[];
}

export interface TargetKey {
  prompt: string;
  value: number;
  unit: string | null;
  tolerance: number;
  maxAttempts: number;
}

export interface AnswerKey {
  mission: string;
  part: string;
  track: TrackId;
  lock: LockKey;
  target: TargetKey | null;
}

/** The part with this id; throws naming the known parts. */
export function findPart<P>(mission: MissionSpec<P> | Mission<P>, partId: string): PartSpec<P> {
  const part = mission.parts.find((p) => p.id === partId);
  if (!part) throw new RangeError(messages.unknownPart(mission.id, partId, mission.parts.map((p) => p.id)));
  return part;
}

/** The lock's answer and the target of `partId` for `track`, computed by the model. */
export function answerKey<P>(mission: MissionSpec<P> | Mission<P>, partId: string, track: TrackId, ledger: DesignView = EMPTY_DESIGNS): AnswerKey {
  const part = findPart(mission, partId);
  const ctx = trackContext(mission, track, ledger);
  const l = part.lock;
  const lock: LockKey = {
    kind: l.kind,
    question: resolve(l.question, ctx),
    answer: l.answer(ctx),
    unit: l.kind === "number" ? l.unit : null,
  };
  if (l.kind === "number") lock.tolerance = l.tolerance;
  if (l.kind === "choice") lock.choices = [...l.choices];
  const t = part.target;
  const target: TargetKey | null = t
    ? { prompt: resolve(t.prompt, ctx), value: t.compute(ctx), unit: resolve(t.unit, ctx), tolerance: t.tolerance, maxAttempts: t.maxAttempts }
    : null;
  return { mission: mission.id, part: part.id, track, lock, target };
}

/** Every part's key for one track, in part order. */
export function missionKeys<P>(mission: MissionSpec<P> | Mission<P>, track: TrackId, ledger: DesignView = EMPTY_DESIGNS): AnswerKey[] {
  return mission.parts.map((p) => answerKey(mission, p.id, track, ledger));
}

/** True when `value` is within the relative `tolerance` of `expected` (absolute when expected is 0). */
export function withinTolerance(value: number, expected: number, tolerance: number): boolean {
  if (!Number.isFinite(value)) return false;
  const scale = Math.abs(expected) > 0 ? Math.abs(expected) : 1;
  return Math.abs(value - expected) <= tolerance * scale;
}

/** Whether a prediction matches the lock's key: within tolerance, the same choice, or any text. */
export function lockMatches(key: LockKey, prediction: number | string | null): boolean {
  if (prediction === null) return false;
  if (key.kind === "number") return typeof prediction === "number" && withinTolerance(prediction, key.answer as number, key.tolerance ?? 0);
  if (key.kind === "choice") return prediction === key.answer;
  return typeof prediction === "string" && prediction.trim().length > 0;
}

/**
 * Prediction answers: which answers a lock accepts, how a typed draft becomes one, and
 * how a `lock_request` is decided. The kernel lock, the front-end view (before it sends)
 * and the saved-state page (answering in the kernel's place) all decide here.
 *
 * Worked example, kind "number", min 1, max 100: draft " 64 " ↦ 64; "" ↦ "a finite number
 * in [1, 100]"; "500" ↦ "in [1, 100]".
 */
import { finiteNumber, oneOf } from "./rules";
import { lockedAlready, mustBe } from "./refusal";
import { parseNumber } from "./numbers";
import type { PredictionLockTraits } from "./traits";

/** The traits of a lock that decide what it accepts. */
export type AnswerRules = Pick<PredictionLockTraits, "kind" | "min" | "max" | "choices" | "max_length">;

/** Why `value` is not an acceptable answer under `rules`, or null when it is. */
export function answerProblem(rules: AnswerRules, value: unknown): string | null {
  switch (rules.kind) {
    case "number":
      return finiteNumber<AnswerRules>(() => ({ min: rules.min, max: rules.max }))(value, rules);
    case "choice":
      return oneOf<AnswerRules>(rules.choices)(value, rules);
    case "text":
      if (typeof value !== "string" || value.trim().length === 0) return "a non-empty string";
      return value.length <= rules.max_length ? null : `a string of at most ${rules.max_length} characters`;
  }
}

/** A typed draft as an answer: a number lock reads the number, a text lock drops surrounding blanks. */
export function parseAnswer(draft: string, rules: AnswerRules): { value: number | string } | { problem: string } {
  const value = rules.kind === "number" ? parseNumber(draft) : rules.kind === "text" ? draft.trim() : draft;
  const problem = answerProblem(rules, value);
  return problem === null ? { value } : { problem };
}

/** Why a `lock_request` for `value` is refused (the `rejected` message), or null when it commits. */
export function lockRequestProblem(lock: Pick<PredictionLockTraits, "part" | "locked" | "value"> & AnswerRules, value: unknown): string | null {
  if (lock.locked) return lockedAlready(lock.part, lock.value);
  const broken = answerProblem(lock, value);
  return broken === null ? null : mustBe("value", broken, value);
}

/**
 * The kernel's answers to a prediction lock, given in the page when no kernel is
 * attached (a saved notebook opened as HTML). Same outcomes as PROTOCOL.md,
 * PredictionLock, decided by the same lockRequestProblem the kernel lock uses: a valid first
 * `lock_request` sets value, locked and locked_at and confirms with `locked`; any later
 * request, or an invalid answer, is refused with `rejected` and changes nothing.
 */
import { lockRequestProblem } from "../../src/widget-contract/answer";
import type { PredictionLockMsg, PredictionLockTraits } from "../../src/widget-contract/traits";

/** The part of a widget model the local kernel drives (a Backbone WidgetModel fits). */
export interface LockModel {
  get(key: string): unknown;
  set(attrs: Partial<PredictionLockTraits>): unknown;
  trigger(event: string, arg?: unknown): void;
}

/** Answers one custom message sent by a PredictionLock view; returns the reply it delivered, if any. */
export function answerLockRequest(model: LockModel, content: unknown, now: () => Date = () => new Date()): PredictionLockMsg | null {
  const msg = content as { type?: unknown; value?: unknown };
  if (msg?.type !== "lock_request") return null;
  const reply = decide(model, msg.value, now);
  if (reply.type === "locked") model.set({ value: reply.value, locked: true, locked_at: reply.locked_at });
  model.trigger("msg:custom", reply);
  return reply;
}

const LOCK_TRAITS = ["part", "locked", "value", "kind", "min", "max", "choices", "max_length"] as const;

// The kernel's own decision (answer.ts), on the model's traits.
function decide(model: LockModel, value: unknown, now: () => Date): PredictionLockMsg {
  const lock = Object.fromEntries(LOCK_TRAITS.map((trait) => [trait, model.get(trait)])) as Pick<PredictionLockTraits, (typeof LOCK_TRAITS)[number]>;
  const problem = lockRequestProblem(lock, value);
  if (problem !== null) return { type: "rejected", trait: "value", message: problem };
  return { type: "locked", value: value as number | string, locked_at: now().toISOString() };
}

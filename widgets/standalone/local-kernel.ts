/**
 * The kernel's answers to a prediction lock, given in the page when no kernel is
 * attached (a saved notebook opened as HTML). Same outcomes as PROTOCOL.md,
 * PredictionLock: a valid first `lock_request` sets value, locked and locked_at and
 * confirms with `locked`; any later request, or an invalid answer, is refused with
 * `rejected` and changes nothing.
 */
import type { PredictionLockMsg, PredictionLockTraits } from "../../src/widgets/traits";
import { parseAnswer } from "../src/prediction-lock";

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

function decide(model: LockModel, value: unknown, now: () => Date): PredictionLockMsg {
  const part = String(model.get("part") ?? "");
  if (model.get("locked") === true) {
    return { type: "rejected", trait: "value", message: `prediction for part ${part} is locked; it cannot change (locked ${String(model.get("value"))})` };
  }
  if (typeof value !== "number" && typeof value !== "string") {
    return { type: "rejected", trait: "value", message: `value must be a number or a string (got ${typeof value})` };
  }
  const parsed = parseAnswer(String(value), {
    kind: model.get("kind") as PredictionLockTraits["kind"],
    min: model.get("min") as number | null,
    max: model.get("max") as number | null,
    choices: (model.get("choices") as string[]) ?? [],
    max_length: (model.get("max_length") as number) ?? 2000,
  });
  if ("problem" in parsed) return { type: "rejected", trait: "value", message: `value must be ${parsed.problem} (got ${JSON.stringify(value)})` };
  return { type: "locked", value: parsed.value, locked_at: now().toISOString() };
}

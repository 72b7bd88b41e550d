/**
 * Every user-facing message of the front end, written once (the vega-lite
 * message catalog). Each carries the `[fleetlab]` prefix so a reader knows which
 * layer is speaking; specs match against these functions, never copied text. A broken
 * rule reads as the kernel would say it (src/widget-contract/refusal.ts).
 */
import { formatReceived, mustBe } from "../../src/widget-contract/refusal";

/** The prefix of every message drawn by a FleetLab view. */
export const PREFIX = "[fleetlab]";

/** Returns the message for a value the student typed that cannot be accepted. */
export function invalidInput(trait: string, requirement: string, received: unknown): string {
  return `${PREFIX} ${mustBe(trait, requirement, received)}`;
}

/** Returns the message for a value the kernel sent that the view refuses to draw. */
export function invalidFromKernel(trait: string, requirement: string, received: unknown): string {
  return `${PREFIX} kernel sent ${trait} that is not ${requirement} (got ${formatReceived(received)}); keeping the last good value`;
}

/** Returns the message shown for a kernel `rejected` custom message. */
export function rejectedByKernel(trait: string, message: string): string {
  return `${PREFIX} ${trait}: ${message}`;
}

/** Returns the message shown when the student edits a prediction that is already locked. */
export function alreadyLocked(lockedAt: string | null): string {
  return `${PREFIX} this prediction is locked${lockedAt ? ` since ${lockedAt}` : ""} and cannot be changed`;
}

/** Returns the message shown when a chart cannot be drawn. */
export function renderFailed(what: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `${PREFIX} could not draw ${what}: ${text.split("\n")[0]}`;
}

/**
 * The sentences a refusal is made of, said alike by the kernel (a `rejected` message, a
 * WidgetTraitError) and the front end (a `[fleetlab]` notice by the control), so a student
 * reads the same requirement whichever side stopped the value.
 */

/** Short rendering of a received value for a refusal: long strings cut, containers by size. */
export function formatReceived(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `list of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `binary of ${value.byteLength} bytes`;
  return typeof value;
}

/** `trait must be requirement (got value)`: a value that breaks its rule (rules.ts). */
export function mustBe(trait: string, requirement: string, received: unknown): string {
  return `${trait} must be ${requirement} (got ${formatReceived(received)})`;
}

/** Why a committed prediction cannot change. */
export function lockedAlready(part: string, value: unknown): string {
  return `prediction for part ${part} is locked; it cannot change (locked ${formatReceived(value)})`;
}

/**
 * Every user-facing sentence the kernel half of the widgets says, in one place
 * (STYLE.md, "How errors are reported"); tests match against these.
 */

/** Short rendering of a received value for an error message. */
export function formatReceived(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `list of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `binary of ${value.byteLength} bytes`;
  return typeof value;
}

export const message = {
  invalid: (trait: string, requirement: string, received: unknown) =>
    `${trait} must be ${requirement} (got ${formatReceived(received)})`,
  unknownTrait: (trait: string, widget: string) => `${trait} is not a trait of ${widget}`,
  kernelOwned: (trait: string) => `${trait} is set by the kernel only`,
  immutable: (trait: string) => `${trait} is fixed when the widget opens`,
  disabled: (trait: string, reason: string) => `${trait} cannot change: ${reason}`,
  gatedBy: (part: string) => `commit the prediction for part ${part} first`,
  closed: (widget: string) => `${widget} is closed`,
  lockedAlready: (part: string, value: unknown) =>
    `prediction for part ${part} is locked; it cannot change (locked ${formatReceived(value)})`,
  notLockedYet: (part: string) => `prediction for part ${part} is not locked yet`,
  badPlotControl: (param: string, id: string) =>
    `compute.args.${param} names control ${id}, which is not a live number widget`,
};

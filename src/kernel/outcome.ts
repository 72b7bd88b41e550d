/**
 * What running a cell produces, shared by every host of the cell executor (src/cells/): the
 * desktop's (node-cells.ts) and the browser worker's. Browser-safe: no Node builtin, so the
 * value formatter (text/plain) is each host's to give: util.inspect on the desktop, a small
 * formatter in the worker (src/cells/format-value.ts).
 */
import type { MimeBundle } from "./runtime";
import { MIME_BUNDLE } from "./runtime";

/** What one cell produced. */
export type ExecuteOutcome =
  | { status: "ok"; hasValue: boolean; value?: unknown }
  | { status: "error"; ename: string; evalue: string; traceback: string[] };

export interface CompleteResult {
  matches: string[];
  /** Code-unit offsets into the cell (convert to code points at the wire). */
  cursorStart: number;
  cursorEnd: number;
}

export interface Executor {
  /** Type-checks, transpiles and runs `code`. Never rejects. */
  execute(code: string): Promise<ExecuteOutcome>;
  complete(code: string, cursor: number): CompleteResult;
  /** Quick info (type + doc) at `cursor`, or undefined. */
  inspect(code: string, cursor: number): string | undefined;
  isComplete(code: string): { status: "complete" } | { status: "incomplete"; indent: string };
  /** Rejects a pending top-level await of the running cell (sync code is stopped by interrupt.ts). */
  interrupt(): void;
  /** Forgets a cell whose code was terminated mid-way (it never settles), so the next one can run and be interrupted. */
  abandon(): void;
  readonly typescriptVersion: string;
}

/** Error name of every way a cell is interrupted. */
export const INTERRUPTED_ENAME = "Interrupted";

/** A cell or widget update stopped by Jupyter's interrupt. */
export class InterruptedError extends Error {
  override name = INTERRUPTED_ENAME;
}

/** Turns any value into the text/plain a front end shows. */
export type FormatValue = (value: unknown) => string;

/**
 * Formats a thrown value as a Jupyter error (ename, evalue, traceback).
 * @param isBoundary true for the first stack frame below the cell's own code (the executor's);
 *                   it and every frame after it are cut, as they do not help the reader
 */
export function errorContentWith(err: unknown, format: FormatValue, isBoundary: (frame: string) => boolean): { ename: string; evalue: string; traceback: string[] } {
  // Also an Error of another realm (a vm context, a test runner's sandbox).
  if (err instanceof Error || Object.prototype.toString.call(err) === "[object Error]") {
    return errorOfError(err as Error, isBoundary);
  }
  const text = format(err);
  return { ename: "Thrown", evalue: text, traceback: [`Uncaught ${text}`] };
}

function errorOfError(err: Error, isBoundary: (frame: string) => boolean): { ename: string; evalue: string; traceback: string[] } {
  const code = (err as { code?: unknown }).code;
  if (err instanceof InterruptedError || code === "ERR_SCRIPT_EXECUTION_INTERRUPTED" || err.message === "Interrupted asynchronously") {
    return { ename: INTERRUPTED_ENAME, evalue: "execution interrupted by the user", traceback: [`${INTERRUPTED_ENAME}: ${err.message}`] };
  }
  const stack = (err.stack ?? `${err.name}: ${err.message}`).split("\n");
  const cut = stack.findIndex(isBoundary);
  return { ename: err.name || err.constructor?.name || "Error", evalue: err.message, traceback: cut > 0 ? stack.slice(0, cut) : stack };
}

/**
 * text/plain via `format`, plus the value's own MIME bundle when it provides one (runtime
 * MIME_BUNDLE). A provider that returns null asks for no output at all (a value that has
 * already shown itself, such as a mission part), and so does this function then.
 */
export function displayBundleWith(value: unknown, format: FormatValue): MimeBundle | null {
  const bundle: MimeBundle = {};
  if (value !== null && (typeof value === "object" || typeof value === "function")) {
    const provider = (value as { [MIME_BUNDLE]?: unknown })[MIME_BUNDLE];
    if (typeof provider === "function") {
      const own = provider.call(value) as MimeBundle | null;
      if (own === null) return null;
      Object.assign(bundle, own);
    }
  }
  if (!("text/plain" in bundle)) bundle["text/plain"] = format(value);
  return bundle;
}

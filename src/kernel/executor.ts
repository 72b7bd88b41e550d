/**
 * The desktop's executor and how its outcomes read: cells run through FleetLab's cell
 * executor (src/cells/) hosted in Node (node-cells.ts); values and errors are formatted
 * with util.inspect, as a Node REPL shows them.
 */
import util from "util";
import type { MimeBundle } from "./runtime";
import { displayBundleWith, errorContentWith } from "./outcome";
import type { NodeExecutor } from "./node-cells";

export type { CompleteResult, ExecuteOutcome } from "./outcome";
export { INTERRUPTED_ENAME, InterruptedError } from "./outcome";

/** The desktop executor: the shared interface, plus where `fleetlab` resolves from. */
export type Executor = NodeExecutor;

/** Frames of this kernel and of Node's own script running: below a cell's code. */
const DESKTOP_BOUNDARY = /dist[\\/]src[\\/]kernel[\\/]|dist[\\/]src[\\/]cells[\\/]|node:internal|node:vm|at Script\.runInThisContext/;

/** Formats a thrown value as a Jupyter error (ename, evalue, traceback). */
export function errorContent(err: unknown): { ename: string; evalue: string; traceback: string[] } {
  return errorContentWith(err, util.inspect, (frame) => DESKTOP_BOUNDARY.test(frame));
}

/** text/plain via util.inspect, plus the value's own MIME bundle (outcome.ts displayBundleWith). */
export function displayBundle(value: unknown): MimeBundle | null {
  return displayBundleWith(value, util.inspect);
}

/**
 * Creates the executor for cells run in `cwd`.
 * @param packageRoot folder of the running fleetlab package (for `import … from "fleetlab"`)
 */
export function createExecutor(cwd: string, packageRoot: string): Executor {
  // Required here, not above: the compiler (8 MB of JavaScript) then loads while the
  // kernel's server thread starts and answers kernel_info, not before it.
  const { createNodeExecutor } = require("./node-cells") as typeof import("./node-cells");
  return createNodeExecutor(cwd, packageRoot);
}

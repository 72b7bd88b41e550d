/**
 * Messages between a JupyterLite page and the FleetLab kernel in its web worker.
 *
 * The page's kernel (a BaseKernel of @jupyterlite/services) turns Jupyter messages into
 * requests; the worker runs cells and widgets and answers each request once, emitting
 * front-end messages (stream, display, comm) on the way. Every emitted message names the
 * request it belongs to (`origin`), so the page parents it to the right Jupyter message
 * even when it arrives after that request's reply (a widget's deferred recompute).
 *
 *   page -> worker   WorkerInit once, first
 *   page -> worker   WorkerRequest            (one at a time, in arrival order)
 *   worker -> page   WorkerEmit*, then WorkerReply with the same id
 *   worker -> page   WorkerReady once, before any reply
 *
 * Only structured-clonable data crosses: JSON values and ArrayBuffers.
 */
import type { JsonObject } from "../kernel/runtime";

/** Front-end messages the worker emits (iopub in a desktop kernel). */
export type EmittedMsgType =
  | "stream"
  | "display_data"
  | "update_display_data"
  | "clear_output"
  | "execute_result"
  | "error"
  | "comm_open"
  | "comm_msg"
  | "comm_close";

/** What the page asks; each carries an id the worker's reply repeats. */
export type WorkerRequest =
  | { id: number; method: "execute"; code: string; executionCount: number; silent: boolean; storeHistory: boolean }
  | { id: number; method: "complete"; code: string; cursorPos: number }
  | { id: number; method: "inspect"; code: string; cursorPos: number; detailLevel: 0 | 1 }
  | { id: number; method: "isComplete"; code: string }
  | { id: number; method: "commInfo"; targetName?: string }
  | {
      id: number;
      method: "comm";
      msgType: "comm_open" | "comm_msg" | "comm_close";
      content: JsonObject;
      metadata: JsonObject;
      buffers: ArrayBuffer[];
    };

/** Sent outside the request queue: rejects the running cell's pending await. */
export interface WorkerInterrupt {
  method: "interrupt";
}

/**
 * The first message: where the worker fetches its assets (the TypeScript library and
 * FleetLab declaration files the site ships: the folder holding typescript-lib.json and
 * fleetlab-types.json, see asset-format.ts; a relative URL resolves against the worker
 * script's), and the notebook's path in the site's drive
 * (its folder keys the stored lock and design records, as `.fleetlab/` beside a notebook
 * does on the desktop).
 */
export interface WorkerInit {
  method: "init";
  assetsUrl: string;
  notebookPath: string;
}

export type ToWorker = WorkerInit | WorkerRequest | WorkerInterrupt;

/** A front-end message to publish, parented to request `origin`'s Jupyter message. */
export interface WorkerEmit {
  kind: "emit";
  origin: number;
  msgType: EmittedMsgType;
  content: JsonObject;
  metadata: JsonObject;
  buffers: ArrayBuffer[];
}

/** The answer to request `id`: the reply content of its Jupyter *_reply message. */
export interface WorkerReply {
  kind: "reply";
  id: number;
  content: JsonObject;
}

/** The worker has loaded its compiler, library declarations and stored records. */
export interface WorkerReady {
  kind: "ready";
  /** kernel_info_reply content (language_info, implementation_version, help_links, banner). */
  kernelInfo: JsonObject;
}

/** The worker could not start; the page shows `message` as the kernel's failure. */
export interface WorkerFailed {
  kind: "failed";
  message: string;
}

export type FromWorker = WorkerEmit | WorkerReply | WorkerReady | WorkerFailed;

/** The kernelspec name and display name the site registers. */
export const LITE_KERNEL_NAME = "fleetlab";
export const LITE_KERNEL_DISPLAY_NAME = "FleetLab (TypeScript)";

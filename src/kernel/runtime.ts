/**
 * The seam between a host that runs cells (the Jupyter kernel, or the in-process
 * headless runner) and the code those cells call (widgets, missions).
 *
 * Cells run in the host's process, so widgets reach comms and display through the
 * runtime installed here. It lives on globalThis under a registered symbol so a
 * cell that loads `fleetlab` through a different path (dist/ vs node_modules)
 * still finds the host's single instance.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A MIME bundle, as in display_data's `data` (Jupyter messaging spec). */
export type MimeBundle = { [mime: string]: JsonValue };

/** An incoming comm_msg or comm_open payload with its binary buffers. */
export interface CommPayload {
  data: JsonObject;
  metadata: JsonObject;
  buffers: Uint8Array[];
}

/**
 * One end of a Jupyter comm (messaging spec, "Custom Messages"). Every host implements it
 * with the kernel's CommManager (comms.ts), so the rules below hold everywhere.
 */
export interface Comm {
  readonly commId: string;
  readonly targetName: string;
  /** True once either side has closed the comm. */
  readonly isClosed: boolean;
  /** Sends comm_msg; buffers travel as raw trailing frames. Throws, naming the comm, once it is closed. */
  send(data: JsonObject, metadata?: JsonObject, buffers?: Uint8Array[]): void;
  /** Sends comm_close (once) and stops delivering messages; the onClose handler is not called. */
  close(data?: JsonObject): void;
  /** Sets the handler for comm_msg from the front end, replacing any earlier one. Output it prints goes to that message's cell. */
  onMessage(handler: (payload: CommPayload) => void): void;
  /** Sets the handler for comm_close from the front end, replacing any earlier one. */
  onClose(handler: (payload: CommPayload) => void): void;
}

/** Called when the front end opens a comm to a registered target (a later registration replaces it). */
export type CommTargetHandler = (comm: Comm, open: CommPayload) => void;

export interface DisplayOptions {
  metadata?: JsonObject;
  /** transient.display_id, so the output can be updated later. */
  displayId?: string;
}

/**
 * Append-only storage of named records that outlives the kernel (a folder beside the
 * notebook on the desktop; the browser's storage in a web worker). Names are short
 * identifiers such as a mission id.
 */
export interface JournalStore {
  /** Every line appended to `name` so far, oldest first; [] when there is none. */
  read(name: string): string[];
  append(name: string, line: string): void;
  /** Moves `name` aside (kept, never deleted) and returns where it went. */
  setAside(name: string): string;
}

/** What a cell may ask of its host. */
export interface KernelRuntime {
  /** Where the host keeps records across restarts; absent in hosts that start fresh (`fleetlab run`). */
  readonly journal?: JournalStore;
  /** Opens a comm from the kernel side (comm_open on iopub). */
  openComm(targetName: string, data: JsonObject, metadata?: JsonObject, buffers?: Uint8Array[]): Comm;
  /** Accepts comm_open from the front end for this target. */
  registerCommTarget(targetName: string, handler: CommTargetHandler): void;
  /** display_data on iopub, parented to the current request. */
  display(bundle: MimeBundle, options?: DisplayOptions): void;
  /** update_display_data for an earlier display with the same displayId. */
  updateDisplay(bundle: MimeBundle, options: DisplayOptions & { displayId: string }): void;
  /** clear_output, optionally waiting for the next output. */
  clearOutput(wait?: boolean): void;
}

/**
 * A value whose method under this key returns a MimeBundle is shown with that bundle
 * (plus text/plain) when it is a cell's last expression, e.g. a widget returning
 * `application/vnd.jupyter.widget-view+json`.
 */
export const MIME_BUNDLE: unique symbol = Symbol.for("fleetlab.mimeBundle");

const RUNTIME_KEY = Symbol.for("fleetlab.kernelRuntime");
type RuntimeHolder = { [RUNTIME_KEY]?: KernelRuntime };

/** Installs the host's runtime; called once by the kernel or headless runner at start-up. */
export function setKernelRuntime(runtime: KernelRuntime | undefined): void {
  (globalThis as RuntimeHolder)[RUNTIME_KEY] = runtime;
}

/** The runtime of the host running this cell, or undefined outside any host. */
export function currentKernelRuntime(): KernelRuntime | undefined {
  return (globalThis as RuntimeHolder)[RUNTIME_KEY];
}

/** The host's runtime; throws with advice when code that needs one runs outside a kernel. */
export function requireKernelRuntime(): KernelRuntime {
  const runtime = currentKernelRuntime();
  if (!runtime) {
    throw new Error("fleetlab: no kernel runtime; run this in the FleetLab kernel or `fleetlab run`");
  }
  return runtime;
}

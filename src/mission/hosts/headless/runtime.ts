/**
 * A KernelRuntime with no Jupyter behind it: display outputs are recorded per cell
 * as nbformat outputs, and comms stay in-process. `frontendSend` plays the front
 * end: it delivers a comm_msg to the kernel-side handlers exactly as a browser
 * would (ipywidgets messages.md), so widgets validate and record it as usual.
 */
import type { Comm, CommPayload, CommTargetHandler, DisplayOptions, JsonObject, KernelRuntime, MimeBundle } from "../../../kernel/runtime";
import type { NotebookOutput } from "../../authoring/nbformat";

/** One comm as the front end sees it: its open data and the messages sent to it. */
export interface HeadlessComm extends Comm {
  readonly openData: JsonObject;
  readonly sent: JsonObject[];
}

export interface HeadlessRuntime extends KernelRuntime {
  /** Starts recording outputs for a new cell. */
  beginCell(): NotebookOutput[];
  /** Delivers a front-end comm_msg to the kernel side; throws naming the comm if it is unknown or closed. */
  frontendSend(commId: string, data: JsonObject): void;
  comm(commId: string): HeadlessComm | undefined;
  comms(): HeadlessComm[];
  /** A widget's state as the front end holds it: the comm's open state with every update sent since applied. */
  widgetState(commId: string): JsonObject | undefined;
}

type Display = Extract<NotebookOutput, { output_type: "display_data" }>;

/** Creates a headless runtime; ids are sequential so runs are reproducible. */
export function createHeadlessRuntime(): HeadlessRuntime {
  const comms = new Map<string, HeadlessComm>();
  const targets = new Map<string, CommTargetHandler>();
  const byDisplayId = new Map<string, Display[]>();
  let outputs: NotebookOutput[] = [];
  let clearPending = false;
  let nextId = 1;

  const push = (o: NotebookOutput) => {
    if (clearPending) {
      outputs.length = 0;
      clearPending = false;
    }
    outputs.push(o);
  };

  return {
    beginCell() {
      outputs = [];
      clearPending = false;
      return outputs;
    },
    openComm(targetName, data, _metadata, _buffers) {
      const commId = `fleetlab-comm-${String(nextId++).padStart(6, "0")}`;
      const handlers: ((p: CommPayload) => void)[] = [];
      const closers: ((p: CommPayload) => void)[] = [];
      let closed = false;
      const comm: HeadlessComm = {
        commId, targetName, openData: data, sent: [],
        get isClosed() { return closed; },
        send(d) { if (!closed) comm.sent.push(d); },
        close() { closed = true; },
        onMessage(h) { handlers.push(h); },
        onClose(h) { closers.push(h); },
      };
      (comm as unknown as { deliver: (p: CommPayload) => void }).deliver = (p) => handlers.forEach((h) => h(p));
      comms.set(commId, comm);
      return comm;
    },
    registerCommTarget(targetName, handler) {
      targets.set(targetName, handler);
    },
    display(bundle: MimeBundle, options?: DisplayOptions) {
      const o: Display = { output_type: "display_data", data: { ...bundle }, metadata: { ...(options?.metadata ?? {}) } };
      if (options?.displayId) {
        const list = byDisplayId.get(options.displayId) ?? [];
        list.push(o);
        byDisplayId.set(options.displayId, list);
      }
      push(o);
    },
    updateDisplay(bundle, options) {
      for (const o of byDisplayId.get(options.displayId) ?? []) {
        o.data = { ...bundle };
        o.metadata = { ...(options.metadata ?? {}) };
      }
    },
    clearOutput(wait) {
      if (wait) clearPending = true;
      else outputs.length = 0;
    },
    frontendSend(commId, data) {
      const comm = comms.get(commId);
      if (!comm) throw new Error(`headless front end: no comm ${commId}`);
      if (comm.isClosed) throw new Error(`headless front end: comm ${commId} is closed`);
      (comm as unknown as { deliver: (p: CommPayload) => void }).deliver({ data, metadata: {}, buffers: [] });
    },
    comm: (id) => comms.get(id),
    comms: () => [...comms.values()],
    widgetState(id) {
      const c = comms.get(id);
      if (!c) return undefined;
      const state = { ...(c.openData.state as JsonObject) };
      for (const m of c.sent) if (m.method === "update" || m.method === "echo_update") Object.assign(state, m.state as JsonObject);
      return state;
    },
  };
}

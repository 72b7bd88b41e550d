/**
 * A KernelRuntime with no Jupyter behind it: the kernel's comm manager and runtime, with a
 * front end played in-process (kernel/recording-front-end.ts) instead of iopub. Display
 * messages become the cell's nbformat outputs, as a notebook front end renders them;
 * `frontendSend` delivers a comm_msg to the kernel-side handlers exactly as a browser would
 * (ipywidgets messages.md), so widgets validate and record it as usual.
 */
import type { JsonObject, KernelRuntime } from "../../../kernel/runtime";
import { createRecordingFrontEnd, type FrontEndComm, type ReceivedMessage, type RecordingFrontEnd } from "../../../kernel/recording-front-end";
import type { NotebookOutput } from "../../authoring/nbformat";

export interface HeadlessRuntime extends KernelRuntime {
  /** Starts recording outputs for a new cell. */
  beginCell(): NotebookOutput[];
  /**
   * Delivers a front-end comm_msg to the kernel side.
   * @throws CommRejectedError naming the comm if it is unknown or closed
   */
  frontendSend(commId: string, data: JsonObject): void;
  comm(commId: string): FrontEndComm | undefined;
  comms(): FrontEndComm[];
  /** A widget's state as the front end holds it: the comm's open state with every update sent since applied. */
  widgetState(commId: string): JsonObject | undefined;
  /** The front end this runtime talks to (open / send / close comms, everything received). */
  readonly frontEnd: RecordingFrontEnd;
}

type Display = Extract<NotebookOutput, { output_type: "display_data" }>;

/** Creates a headless runtime; comm ids are sequential so runs are reproducible. */
export function createHeadlessRuntime(): HeadlessRuntime {
  const byDisplayId = new Map<string, Display[]>();
  let outputs: NotebookOutput[] = [];
  let clearPending = false;

  /** Renders display messages into the current cell's outputs, as a notebook front end does. */
  function render({ msgType, content }: ReceivedMessage): void {
    const displayId = (content.transient as { display_id?: string } | undefined)?.display_id;
    if (msgType === "display_data") {
      const o: Display = { output_type: "display_data", data: content.data as JsonObject, metadata: content.metadata as JsonObject };
      if (displayId) byDisplayId.set(displayId, [...(byDisplayId.get(displayId) ?? []), o]);
      if (clearPending) {
        outputs.length = 0;
        clearPending = false;
      }
      outputs.push(o);
    } else if (msgType === "update_display_data" && displayId) {
      for (const o of byDisplayId.get(displayId) ?? []) {
        o.data = content.data as JsonObject;
        o.metadata = content.metadata as JsonObject;
      }
    } else if (msgType === "clear_output") {
      if (content.wait) clearPending = true;
      else outputs.length = 0;
    }
  }

  const frontEnd = createRecordingFrontEnd({ onMessage: render });

  return {
    ...frontEnd.runtime,
    frontEnd,
    beginCell() {
      outputs = [];
      clearPending = false;
      return outputs;
    },
    frontendSend: (commId, data) => frontEnd.send(commId, data),
    comm: (commId) => frontEnd.comm(commId),
    comms: () => frontEnd.comms(),
    widgetState(commId) {
      const c = frontEnd.comm(commId);
      if (!c) return undefined;
      const state = { ...(c.openData.state as JsonObject) };
      for (const m of c.sent) if (m.method === "update" || m.method === "echo_update") Object.assign(state, m.state as JsonObject);
      return state;
    },
  };
}

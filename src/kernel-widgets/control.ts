/**
 * The front end's side doors into the widget layer: the `jupyter.widget.control` comm
 * and front-end `comm_open` on `jupyter.widget`.
 *
 * Control comm (ipywidgets 8, control protocol 1.0.0; python ipywidgets
 * `Widget._handle_control_comm_msg`). A front end that (re)connects, e.g. JupyterLab after a
 * page reload, opens a comm to `jupyter.widget.control` with metadata `{version: "1.0.0"}`
 * and sends `{method: "request_states"}`; the kernel answers on that comm with the state of
 * every live widget, binary values taken out as buffers whose paths start at the model id:
 *
 *   front end --comm_open {target_name: "jupyter.widget.control", metadata {version}}--> kernel
 *   front end --{method: "request_states"}--------------------------------------------> kernel
 *   kernel ----{method: "update_states", states: {[id]: {model_name, model_module,
 *               model_module_version, state}}, buffer_paths: [[id, "state", ...]]}, buffers
 *
 * Example answer for one slider:
 *   { method: "update_states",
 *     states: { "u-u-i-d": { model_name: "SliderModel", model_module: "@fleetlab/widgets",
 *                            model_module_version: "0.1.0", state: { value: 4, ... } } },
 *     buffer_paths: [] }
 *
 * `jupyter.widget` from the front end: FleetLab widgets are created by the kernel (their
 * validation rules live there), so a front-end-created model has no kernel half. The
 * kernel closes such a comm at once and says why, as the spec asks for an unknown target.
 */
import type { Comm, CommPayload, JsonObject, KernelRuntime } from "../kernel/runtime";
import { removeBuffers } from "./buffers";
import { formatReceived } from "../widget-contract/refusal";
import { WIDGET_COMM_TARGET } from "../widget-contract/traits";
import { liveWidgets, type LiveWidget } from "./widget-state";

/** The control comm target (ipywidgets 8, `CONTROL_COMM_TARGET`). */
export const WIDGET_CONTROL_TARGET = "jupyter.widget.control";
/** Control protocol version the front end announces in comm_open metadata (`CONTROL_COMM_PROTOCOL_VERSION`). */
export const WIDGET_CONTROL_PROTOCOL_VERSION = "1.0.0";

/** What a front-end `comm_open` on `jupyter.widget` is told before the comm closes. */
export const FRONTEND_OPEN_REFUSED =
  "FleetLab widgets are created by the kernel; a widget model opened by the front end has no kernel half";

/** The `update_states` reply for `widgets` (default: every live widget). */
export function updateStates(widgets: LiveWidget[] = liveWidgets()): { data: JsonObject; buffers: Uint8Array[] } {
  const states: { [id: string]: unknown } = {};
  for (const w of widgets) states[w.id] = { ...w.model, state: w.getState() };
  const split = removeBuffers(states);
  return {
    data: { method: "update_states", states: split.state, buffer_paths: split.buffer_paths } as JsonObject,
    buffers: split.buffers,
  };
}

/** Serves one control comm: answers `request_states`; logs anything else. */
export function serveControlComm(comm: Comm, open: CommPayload): void {
  const version = open.metadata.version;
  if (typeof version === "string" && version.split(".")[0] !== WIDGET_CONTROL_PROTOCOL_VERSION.split(".")[0]) {
    // ipywidgets raises here; closing tells the front end to fall back to per-widget request_state.
    console.error(`[fleetlab] ${WIDGET_CONTROL_TARGET}: front end speaks control protocol ${version}, ` +
      `the kernel ${WIDGET_CONTROL_PROTOCOL_VERSION}; comm closed`);
    comm.close();
    return;
  }
  comm.onMessage(({ data }) => {
    if (data.method !== "request_states") {
      console.error(`[fleetlab] ${WIDGET_CONTROL_TARGET}: ignored message with method ${formatReceived(data.method)}`);
      return;
    }
    const reply = updateStates();
    comm.send(reply.data, {}, reply.buffers);
  });
}

/** Refuses a front-end-created widget model: logs the reason and closes the comm. */
export function refuseFrontendWidget(comm: Comm): void {
  console.error(`[fleetlab] ${WIDGET_COMM_TARGET}: comm_open ${comm.commId} from the front end refused: ${FRONTEND_OPEN_REFUSED}`);
  comm.close({ reason: FRONTEND_OPEN_REFUSED });
}

const REGISTERED_KEY = Symbol.for("fleetlab.widgetTargetsRegistered");
type RegisteredHolder = { [REGISTERED_KEY]?: WeakSet<KernelRuntime> };

/**
 * Registers the control and widget targets on `runtime`, once per runtime (two copies of
 * this module share the record on globalThis). Called when the first widget is created.
 */
export function registerWidgetTargets(runtime: KernelRuntime): void {
  const holder = globalThis as RegisteredHolder;
  const done = (holder[REGISTERED_KEY] ??= new WeakSet());
  if (done.has(runtime)) return;
  runtime.registerCommTarget(WIDGET_CONTROL_TARGET, serveControlComm);
  runtime.registerCommTarget(WIDGET_COMM_TARGET, refuseFrontendWidget);
  done.add(runtime);
}

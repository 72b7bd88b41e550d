/**
 * The registry of live widgets and the notebook-metadata widget state.
 *
 * A notebook saves `widgetState()` under
 * `metadata.widgets["application/vnd.jupyter.widget-state+json"]` (ipywidgets'
 * state.schema.json, version 2.0), so a static viewer can render the widgets
 * without a kernel. Binary values are saved base64-encoded with their paths.
 */
import { removeBuffers } from "./buffers";
import { type SavedModel, type SavedWidgetState, WIDGET_STATE_VERSION } from "../widget-contract/traits";

/** What the registry needs of a widget. */
export interface LiveWidget {
  readonly id: string;
  readonly model: { model_name: string; model_module: string; model_module_version: string };
  getState(): object;
}

const REGISTRY_KEY = Symbol.for("fleetlab.widgetRegistry");
type RegistryHolder = { [REGISTRY_KEY]?: Map<string, LiveWidget> };

// On globalThis, like the kernel runtime, so two copies of this module share one registry.
function registry(): Map<string, LiveWidget> {
  const holder = globalThis as RegistryHolder;
  return (holder[REGISTRY_KEY] ??= new Map());
}

/** Adds a widget to the registry (called by the Widget constructor). */
export function registerWidget(widget: LiveWidget): void {
  registry().set(widget.id, widget);
}

/** Removes a widget (called when its comm closes). */
export function unregisterWidget(id: string): void {
  registry().delete(id);
}

/** The live widget with this model id, or undefined. */
export function widgetById(id: string): LiveWidget | undefined {
  return registry().get(id);
}

/** Every live widget, in creation order. */
export function liveWidgets(): LiveWidget[] {
  return [...registry().values()];
}

/** Base64 of bytes, without node builtins (the front end imports this module too). */
export function bytesToBase64(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i], b = bytes[i + 1], c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63] +
      (b === undefined ? "=" : alphabet[(n >> 6) & 63]) + (c === undefined ? "=" : alphabet[n & 63]);
  }
  return out;
}

/** One widget as a SavedModel: JSON state plus base64 buffers at their paths. */
export function savedModel(widget: LiveWidget): SavedModel {
  const split = removeBuffers(widget.getState() as { [key: string]: unknown });
  const model: SavedModel = { ...widget.model, state: split.state };
  if (split.buffers.length > 0) {
    model.buffers = split.buffers.map((bytes, i) => ({
      path: split.buffer_paths[i], encoding: "base64" as const, data: bytesToBase64(bytes),
    }));
  }
  return model;
}

/**
 * The widget-state JSON of every live widget (or of `widgets`), per state.schema.json:
 * `{ version_major: 2, version_minor: 0, state: { [model_id]: SavedModel } }`.
 */
export function widgetState(widgets: LiveWidget[] = liveWidgets()): SavedWidgetState {
  const state: { [id: string]: SavedModel } = {};
  for (const widget of widgets) state[widget.id] = savedModel(widget);
  return { ...WIDGET_STATE_VERSION, state };
}

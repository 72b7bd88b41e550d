/**
 * The shared shape of every FleetLab front-end widget.
 *
 *   contract (src/widget-contract/contracts.ts)
 *     defaults, rules ──► Model (DOMWidgetModel: defaults, serializers, kernel state checked by the rules)
 *                         View  (DOMWidgetView) ──render()──► render({ model, el, host }) ──► cleanup
 *     rules ──► entryProblem: what the student enters, checked by the kernel's rule before it is sent
 *
 * A view's work lives in one anywidget-shaped function, `render({ model, el })`,
 * that returns its cleanup; the Backbone classes only adapt it. Updates go out
 * through `save_changes()`, whose ipywidgets throttle keeps one update in flight
 * and merges later patches into the next one (base/src/widget.ts `sync`).
 */
import { DOMWidgetModel, DOMWidgetView, WidgetModel, unpack_models } from "@jupyter-widgets/base";
import type { ManagerBase } from "@jupyter-widgets/base-manager";
import { freshDefaults, type WidgetContract } from "../../src/widget-contract/contracts";
import type { Rule } from "../../src/widget-contract/rules";
import {
  MODEL_NAMES,
  MODEL_REF_PREFIX,
  WIDGET_MODULE,
  WIDGET_MODULE_VERSION,
  type BaseTraits,
} from "../../src/widget-contract/traits";
import { PREFIX, invalidFromKernel, rejectedByKernel } from "./messages";
import { ensureStyles } from "./style";

/** An event callback; arguments are read back from the model, never trusted from the event. */
export type Listener = (arg?: unknown) => void;

/** The model as a view sees it: typed by its traits, shaped like anywidget's AnyModel. */
export interface FleetModel<T> {
  get<K extends keyof T & string>(key: K): T[K];
  set<K extends keyof T & string>(key: K, value: T[K]): void;
  save_changes(): void;
  send(content: object): void;
  on(event: string, callback: Listener): void;
  off(event: string, callback: Listener): void;
  trigger(event: string, arg?: unknown): void;
}

/** What a view may ask of the page: other models (by `IPY_MODEL_` reference) and child views. */
export interface WidgetHost {
  getModel(ref: string): Promise<FleetModel<Record<string, unknown>>>;
  displayChild(ref: string, into: HTMLElement): Promise<() => void>;
}

/** The argument of every FleetLab render function. */
export interface RenderContext<T> {
  model: FleetModel<T>;
  el: HTMLElement;
  host?: WidgetHost;
}

/** A view body: draws into `el`, subscribes to `model`, returns the cleanup. */
export type RenderFn<T> = (ctx: RenderContext<T>) => () => void;

/** A contract rule as the front end calls it, on untyped model state. */
export type TraitCheck = Rule<Record<string, unknown>>;

/** The event a model triggers when the kernel sent state it refused; the argument is the message. */
export const INVALID_EVENT = "fleetlab:invalid";
/** The event a control triggers on every input while dragging, before any value is sent. */
export const LIVE_EVENT = "fleetlab:live";

export type { OwnTraits } from "../../src/widget-contract/traits";

/** Options of defineWidget. */
export interface WidgetDefinition<T extends BaseTraits> {
  contract: WidgetContract<T>;
  serializers?: Record<string, { serialize?: (v: unknown) => unknown; deserialize?: (v: unknown, m: unknown) => unknown }>;
  render: RenderFn<T>;
}

/**
 * Returns the Model and View classes of one widget, named as in MODEL_NAMES.
 * Incoming kernel state is checked trait by trait: a bad value is dropped (the
 * model keeps its last good value) and INVALID_EVENT carries the message to the view.
 */
export function defineWidget<T extends BaseTraits>(def: WidgetDefinition<T>): {
  Model: typeof DOMWidgetModel;
  View: typeof DOMWidgetView;
} {
  const { contract } = def;
  const names = MODEL_NAMES[contract.kind];
  const checks = rulesOf(contract);

  class Model extends DOMWidgetModel {
    static override serializers = { ...DOMWidgetModel.serializers, ...(def.serializers ?? {}) };

    override defaults(): Backbone.ObjectHash {
      return {
        ...super.defaults(),
        _model_name: names._model_name,
        _view_name: names._view_name,
        _model_module: WIDGET_MODULE,
        _view_module: WIDGET_MODULE,
        _model_module_version: WIDGET_MODULE_VERSION,
        _view_module_version: WIDGET_MODULE_VERSION,
        ...freshDefaults(contract),
      };
    }

    override set_state(state: Record<string, unknown>): void {
      const { accepted, problems } = checkState(checks, state, this.attributes);
      super.set_state(accepted as never);
      for (const problem of problems) this.trigger(INVALID_EVENT, problem);
    }
  }
  Object.defineProperty(Model, "name", { value: names._model_name });

  class View extends DOMWidgetView {
    private cleanup: (() => void) | null = null;

    override render(): void {
      ensureStyles(this.el.ownerDocument);
      this.el.classList.add("fleetlab-widget", `fleetlab-${contract.kind}`);
      const model = this.model as unknown as FleetModel<T>;
      this.cleanup = def.render({ model, el: this.el, host: hostFor(this) });
    }

    override remove(): void {
      this.cleanup?.();
      this.cleanup = null;
      super.remove();
    }
  }
  Object.defineProperty(View, "name", { value: names._view_name });

  return { Model, View };
}

/** A contract's rules, callable on untyped model state. */
export function rulesOf<T extends BaseTraits>(contract: WidgetContract<T>): Record<string, TraitCheck | undefined> {
  return contract.rules as unknown as Record<string, TraitCheck | undefined>;
}

/**
 * The requirement `value` breaks as the next value of `trait` (the kernel's own rule, so a
 * value refused here would be refused there), or null when it may be sent.
 */
export function entryProblem<T extends BaseTraits>(
  contract: WidgetContract<T>,
  model: FleetModel<T>,
  trait: keyof T & string,
  value: unknown,
): string | null {
  const next: Record<string, unknown> = { [trait]: value };
  for (const key of Object.keys(contract.defaults)) if (key !== trait) next[key] = model.get(key as keyof T & string);
  return rulesOf(contract)[trait]?.(value, next) ?? null;
}

/** Splits an incoming state patch into the traits that pass their checks and messages for the rest. */
export function checkState(
  checks: Record<string, TraitCheck | undefined>,
  state: Record<string, unknown>,
  current: Record<string, unknown>,
): { accepted: Record<string, unknown>; problems: string[] } {
  const accepted: Record<string, unknown> = {};
  const problems: string[] = [];
  const merged = { ...current, ...state };
  for (const [trait, value] of Object.entries(state)) {
    const requirement = checks[trait]?.(value, merged) ?? null;
    if (requirement === null) accepted[trait] = value;
    else problems.push(invalidFromKernel(trait, requirement, value));
  }
  return { accepted, problems };
}

function hostFor(view: DOMWidgetView): WidgetHost {
  const manager = () => view.model.widget_manager as unknown as ManagerBase;
  return {
    async getModel(ref) {
      const id = ref.startsWith(MODEL_REF_PREFIX) ? ref.slice(MODEL_REF_PREFIX.length) : ref;
      return (await manager().get_model(id)) as unknown as FleetModel<Record<string, unknown>>;
    },
    async displayChild(ref, into) {
      const unpacked = (await unpack_models(ref, view.model.widget_manager)) as WidgetModel;
      const child = (await view.create_child_view(unpacked)) as DOMWidgetView;
      into.appendChild(child.el);
      child.trigger("displayed");
      return () => child.remove();
    },
  };
}

/**
 * Returns a notice line placed after `anchor`: `show(text)` draws a `[fleetlab]` message
 * by the control (role=alert), `clear()` hides it.
 */
export function createNotice(parent: HTMLElement): { el: HTMLElement; show(text: string): void; clear(): void } {
  const el = parent.ownerDocument.createElement("div");
  el.className = "fleetlab-notice";
  el.setAttribute("role", "alert");
  el.hidden = true;
  parent.appendChild(el);
  return {
    el,
    show(text) {
      el.textContent = text.startsWith(PREFIX) ? text : `${PREFIX} ${text}`;
      el.hidden = false;
    },
    clear() {
      el.textContent = "";
      el.hidden = true;
    },
  };
}

/**
 * Subscribes to `events` on `model` and returns the matching unsubscribe, so a
 * render function can end with `return () => { off(); ... }`.
 */
export function listen<T>(model: FleetModel<T>, events: string[], callback: Listener): () => void {
  for (const event of events) model.on(event, callback);
  return () => {
    for (const event of events) model.off(event, callback);
  };
}

/**
 * Wires the two ways the kernel says no (a refused state value, a `rejected`
 * custom message) to a notice; returns the unsubscribe.
 */
export function showRefusals<T>(model: FleetModel<T>, notice: { show(text: string): void }): () => void {
  const onInvalid: Listener = (message) => notice.show(String(message));
  const onCustom: Listener = (content) => {
    if (isRejected(content)) notice.show(rejectedByKernel(content.trait, content.message));
  };
  model.on(INVALID_EVENT, onInvalid);
  model.on("msg:custom", onCustom);
  return () => {
    model.off(INVALID_EVENT, onInvalid);
    model.off("msg:custom", onCustom);
  };
}

/** True for a kernel `{ type: "rejected", trait, message }` custom message. */
export function isRejected(content: unknown): content is { type: "rejected"; trait: string; message: string } {
  if (typeof content !== "object" || content === null) return false;
  const c = content as Record<string, unknown>;
  return c.type === "rejected" && typeof c.trait === "string" && typeof c.message === "string";
}

/** Builds an element with a class and optional text. */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

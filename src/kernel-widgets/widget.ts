/**
 * `Widget<T>`: the kernel half of one Jupyter widget (messaging protocol 2.1).
 *
 *   new Widget ──comm_open {state, buffer_paths}──▶ front end
 *   set(patch) ──validate──▶ state ──merged, one update per turn──▶ update
 *   update ◀── front end: validate (all or nothing)
 *       ok   → apply, echo_update, observers, accepted listeners
 *       fail → update {last good values} + custom {type: "rejected", trait, message}
 *   request_state → update {every trait};  custom → onCustom();  comm_close → closed
 *   last value of a cell → execute_result with displayBundle() (runtime MIME_BUNDLE)
 *
 * The kernel is the authority: the front end may write only the traits its contract lists
 * as writable, and every value, from either side, passes the contract's per-trait rules
 * (src/widget-contract/contracts.ts), the same ones the front end checks with.
 */
import {
  type Comm, type CommPayload, type KernelRuntime, type MimeBundle, type JsonObject, MIME_BUNDLE, requireKernelRuntime,
} from "../kernel/runtime";
import { putBuffers, removeBuffers } from "./buffers";
import { registerWidgetTargets } from "./control";
import { message } from "./messages";
import { freshDefaults, type WidgetContract } from "../widget-contract/contracts";
import { formatReceived } from "../widget-contract/refusal";
import type { Rules } from "../widget-contract/rules";
import {
  type BaseTraits, MODEL_NAMES, type OwnTraits, WIDGET_COMM_TARGET, WIDGET_MODULE, WIDGET_MODULE_VERSION,
  WIDGET_PROTOCOL_VERSION, WIDGET_VIEW_MIME, WIDGET_VIEW_VERSION, type RejectedMsg,
} from "../widget-contract/traits";
import { registerWidget, unregisterWidget } from "./widget-state";

/** A trait value that breaks its rule, set from kernel code. Names the widget and trait. */
export class WidgetTraitError extends RangeError {
  constructor(readonly widget: string, readonly trait: string, reason: string) {
    super(`${widget}.${reason}`);
    this.name = "WidgetTraitError";
  }
}

/** Where a change came from. */
export type ChangeSource = "kernel" | "frontend";

/** One observed change of one trait. */
export interface TraitChange<T, K extends keyof T = keyof T> {
  name: K;
  old: T[K];
  new: T[K];
  source: ChangeSource;
}

export type { OwnTraits, WidgetContract };

export interface WidgetOptions {
  /** The host runtime; defaults to the one installed by the kernel. */
  runtime?: KernelRuntime;
  /** Runs `flush` after the current synchronous turn; defaults to queueMicrotask. */
  schedule?: (flush: () => void) => void;
}

const IDENTITY: readonly string[] = [
  "_model_module", "_model_module_version", "_model_name", "_view_module", "_view_module_version", "_view_name",
];

type AnyState = { [key: string]: unknown };

/** The kernel half of a widget whose traits are T. */
export class Widget<T extends BaseTraits> {
  /** The comm id, which is also the widget's model id. */
  readonly id: string;
  readonly label: string;
  protected readonly comm: Comm;
  protected readonly runtime: KernelRuntime;
  private state: T;
  private pending: Partial<T> | null = null;
  private flushScheduled = false;
  private readonly schedule: (flush: () => void) => void;
  private readonly observers = new Map<keyof T, Set<(change: TraitChange<T>) => void>>();
  private readonly acceptedListeners = new Set<(patch: Partial<T>) => void>();
  private readonly closeListeners = new Set<() => void>();
  private readonly revealListeners = new Set<() => void>();
  private disabledReason: string | null = null;
  private revealed = false;
  private closed = false;

  /**
   * Opens the widget with the contract's defaults, overridden by `given` (a trait given as
   * undefined keeps its default).
   * @throws WidgetTraitError naming the first trait that is unknown or breaks its rule; no comm opens
   */
  constructor(private readonly contract: WidgetContract<T>, given: Partial<OwnTraits<T>>, options: WidgetOptions = {}) {
    this.label = contract.label;
    const names = MODEL_NAMES[contract.kind];
    const own = freshDefaults(contract) as AnyState;
    for (const [trait, value] of Object.entries(given)) {
      if (value === undefined) continue;
      if (!Object.hasOwn(contract.rules, trait)) throw new WidgetTraitError(contract.label, trait, message.unknownTrait(trait, contract.label));
      own[trait] = value;
    }
    const initial = {
      _model_module: WIDGET_MODULE, _model_module_version: WIDGET_MODULE_VERSION, _model_name: names._model_name,
      _view_module: WIDGET_MODULE, _view_module_version: WIDGET_MODULE_VERSION, _view_name: names._view_name,
      ...own,
    } as unknown as T;
    for (const trait of Object.keys(contract.rules)) {
      const broken = this.check(trait, (initial as unknown as AnyState)[trait], initial);
      if (broken) throw new WidgetTraitError(contract.label, trait, broken);
    }
    this.state = initial;
    this.runtime = options.runtime ?? requireKernelRuntime();
    // Wrapped, never stored bare: `this.schedule(...)` would call it with the widget as
    // receiver, which a browser's queueMicrotask rejects ("Illegal invocation").
    this.schedule = options.schedule ?? ((flush) => queueMicrotask(flush));
    registerWidgetTargets(this.runtime);
    const split = removeBuffers(initial as unknown as AnyState);
    this.comm = this.runtime.openComm(
      WIDGET_COMM_TARGET,
      { state: split.state, buffer_paths: split.buffer_paths } as JsonObject,
      { version: WIDGET_PROTOCOL_VERSION },
      split.buffers,
    );
    this.id = this.comm.commId;
    this.comm.onMessage((payload) => this.receive(payload));
    this.comm.onClose(() => this.markClosed());
    registerWidget(this);
  }

  // ----- state -------------------------------------------------------------

  /** The current value of one trait. */
  get<K extends keyof T>(trait: K): T[K] {
    return this.state[trait];
  }

  /** A shallow copy of every trait, identity traits included. */
  getState(): T {
    return { ...this.state };
  }

  /** True once either side has closed the comm. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** The model name, module and version (for the saved widget state). */
  get model(): { model_name: string; model_module: string; model_module_version: string } {
    return {
      model_name: this.state._model_name, model_module: this.state._model_module,
      model_module_version: this.state._model_module_version,
    };
  }

  /**
   * Sets one trait from kernel code and queues the update to the front end.
   * @throws WidgetTraitError naming the trait when the value breaks its rule; state unchanged
   */
  set<K extends keyof OwnTraits<T> & keyof T>(trait: K, value: T[K]): void {
    this.setMany({ [trait]: value } as unknown as Partial<T>);
  }

  /**
   * Sets several traits at once; all are checked against the combined next state first.
   * @throws WidgetTraitError naming the first bad trait; state unchanged
   */
  setMany(patch: Partial<T>): void {
    if (this.closed) throw new Error(message.closed(`${this.label} ${this.id}`));
    const next = { ...this.state, ...patch };
    for (const trait of Object.keys(patch)) {
      if (IDENTITY.includes(trait)) throw new WidgetTraitError(this.label, trait, message.immutable(trait));
      if (!Object.hasOwn(this.contract.rules, trait)) throw new WidgetTraitError(this.label, trait, message.unknownTrait(trait, this.label));
      const broken = this.check(trait, (patch as AnyState)[trait], next);
      if (broken) throw new WidgetTraitError(this.label, trait, broken);
    }
    // A bound can move under an unchanged trait (max below value): recheck the rest too.
    for (const trait of Object.keys(this.contract.rules)) {
      if (Object.hasOwn(patch, trait)) continue;
      const broken = this.check(trait, (next as unknown as AnyState)[trait], next);
      if (broken) throw new WidgetTraitError(this.label, trait, broken);
    }
    this.apply(patch, "kernel");
  }

  /** Calls `callback` after every change of `trait`, from either side; returns the unsubscribe function. */
  observe<K extends keyof T>(trait: K, callback: (change: TraitChange<T, K>) => void): () => void {
    let set = this.observers.get(trait);
    if (!set) this.observers.set(trait, (set = new Set()));
    const cb = callback as unknown as (change: TraitChange<T>) => void;
    set.add(cb);
    return () => set!.delete(cb);
  }

  /** Calls `callback` with each accepted front-end patch; returns the unsubscribe function. */
  onAccepted(callback: (patch: Partial<T>) => void): () => void {
    this.acceptedListeners.add(callback);
    return () => this.acceptedListeners.delete(callback);
  }

  /** Calls `callback` when this widget first shows results (plots, read-outs). */
  onRevealed(callback: () => void): () => void {
    this.revealListeners.add(callback);
    return () => this.revealListeners.delete(callback);
  }

  /** True once this widget has shown results. */
  get hasRevealed(): boolean {
    return this.revealed;
  }

  /** Calls `callback` once when the widget closes. */
  onClose(callback: () => void): void {
    this.closeListeners.add(callback);
  }

  /**
   * Disables the widget (front-end writes refused with `reason`) or, with null, enables it.
   * Sets the `disabled` trait when the widget has one, so the view greys out.
   */
  setDisabled(reason: string | null): void {
    this.disabledReason = reason;
    if ("disabled" in this.contract.rules && (this.state as unknown as AnyState).disabled !== (reason !== null)) {
      this.apply({ disabled: reason !== null } as unknown as Partial<T>, "kernel");
    }
  }

  /** Why front-end writes are refused, or null when they are accepted. */
  get disabledBecause(): string | null {
    return this.disabledReason;
  }

  // ----- sending -------------------------------------------------------------

  /** Sends the merged pending kernel patch now, if any. */
  flush(): void {
    this.flushScheduled = false;
    const patch = this.pending;
    this.pending = null;
    if (!patch || this.closed) return;
    this.sendState("update", patch as AnyState);
  }

  /** Sends a custom message (after any pending state, so the front end sees them in order). */
  protected sendCustom(content: JsonObject, buffers?: Uint8Array[]): void {
    if (this.closed) return;
    this.flush();
    this.comm.send({ method: "custom", content }, undefined, buffers);
  }

  /** The display_data bundle: the widget view plus a text/plain fallback. */
  displayBundle(): MimeBundle {
    return {
      [WIDGET_VIEW_MIME]: { model_id: this.id, ...WIDGET_VIEW_VERSION },
      "text/plain": this.toString(),
    };
  }

  /** Shows the widget in the current cell's output. */
  display(): void {
    this.flush();
    this.runtime.display(this.displayBundle());
    this.shown();
  }

  /**
   * The bundle a kernel shows when this widget is a cell's last value, so a cell ending in
   * `slider` renders the slider, as `display()` would (pending state is sent first).
   */
  [MIME_BUNDLE](): MimeBundle {
    this.flush();
    const bundle = this.displayBundle();
    this.shown();
    return bundle;
  }

  /** A one-line description for text/plain, e.g. `Slider(value=4 h)`. */
  toString(): string {
    return `${this.label}(${this.describe()})`;
  }

  /** Closes the comm (comm_close) and drops the widget from the registry. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.comm.close();
    this.markClosed();
  }

  // ----- hooks for subclasses ------------------------------------------------

  /** Traits derived from the next state (word counts, TeX); applied with every change. */
  protected derive(_next: T, _changed: readonly (keyof T)[]): Partial<T> {
    return {};
  }

  /** Handles a custom message from the front end. */
  protected onCustom(_content: unknown, _buffers: Uint8Array[]): void {}

  /** Called each time a view of this widget is put in an output (display or cell result). */
  protected shown(): void {}

  /** Inside of the text/plain description. */
  protected describe(): string {
    return `id=${this.id}`;
  }

  /** Announces that results are now visible (a lock records the first one per part). */
  protected emitRevealed(): void {
    this.revealed = true;
    for (const cb of [...this.revealListeners]) cb();
  }

  /** Tells the front end a value was refused (the view shows `text` by the control). */
  protected reject(trait: Extract<keyof T, string>, text: string): void {
    const content: RejectedMsg<T> = { type: "rejected", trait, message: text };
    this.sendCustom(content as unknown as JsonObject);
  }

  // ----- internals ------------------------------------------------------------

  private check(trait: string, value: unknown, next: T): string | null {
    const rule = Object.hasOwn(this.contract.rules, trait) ? (this.contract.rules as Rules<T>)[trait as keyof T] : undefined;
    if (!rule) return message.unknownTrait(trait, this.label);
    const broken = rule(value, next);
    return broken === null ? null : message.invalid(trait, broken, value);
  }

  private apply(patch: Partial<T>, source: ChangeSource, queue = true): void {
    const old = this.state;
    let next = { ...old, ...patch };
    const derived = this.derive(next, Object.keys(patch) as (keyof T)[]);
    next = { ...next, ...derived };
    this.state = next;
    const outgoing: Partial<T> = source === "kernel" ? { ...patch, ...derived } : derived;
    if (queue && Object.keys(outgoing).length > 0) this.queue(outgoing);
    for (const name of Object.keys({ ...patch, ...derived }) as (keyof T)[]) {
      if (Object.is(old[name], next[name])) continue;
      const change: TraitChange<T> = { name, old: old[name], new: next[name], source };
      for (const cb of [...(this.observers.get(name) ?? [])]) cb(change);
    }
  }

  private queue(patch: Partial<T>): void {
    if (this.closed) return;
    this.pending = { ...(this.pending ?? {}), ...patch };
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.schedule(() => {
        if (this.flushScheduled) this.flush();
      });
    }
  }

  private sendState(method: "update" | "echo_update", state: AnyState): void {
    const split = removeBuffers(state);
    this.comm.send({ method, state: split.state, buffer_paths: split.buffer_paths } as JsonObject, undefined, split.buffers);
  }

  private receive(payload: CommPayload): void {
    const data: unknown = payload.data;
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      console.error(`[fleetlab] ${this.label} ${this.id}: comm message whose data is not an object dropped`);
      return;
    }
    const { method } = data as { method?: unknown };
    switch (method) {
      case "update":
        this.receiveUpdate((data as AnyState).state, (data as AnyState).buffer_paths, payload.buffers);
        return;
      case "request_state":
        this.pending = null;
        this.flushScheduled = false;
        this.sendState("update", this.state as unknown as AnyState);
        return;
      case "custom":
        this.onCustom((data as AnyState).content, payload.buffers);
        return;
      default:
        // Protocol 2.1 defines no other front-end method; drop it and say so on stderr.
        console.error(`[fleetlab] ${this.label} ${this.id}: ignored comm message with method ${formatReceived(method)}`);
    }
  }

  private receiveUpdate(rawState: unknown, bufferPaths: unknown, buffers: Uint8Array[]): void {
    if (rawState === null || typeof rawState !== "object" || Array.isArray(rawState)) {
      console.error(`[fleetlab] ${this.label} ${this.id}: update without a state object dropped`);
      return;
    }
    let patch: AnyState;
    try {
      patch = putBuffers(rawState as AnyState, bufferPaths, buffers);
    } catch (err) {
      console.error(`[fleetlab] ${this.label} ${this.id}: ${(err as Error).message}; update dropped`);
      return;
    }
    const next = { ...this.state, ...patch } as T;
    const failures: [string, string][] = [];
    for (const [trait, value] of Object.entries(patch)) {
      const known = Object.hasOwn(this.state, trait);
      if (!known) failures.push([trait, message.unknownTrait(trait, this.label)]);
      else if (IDENTITY.includes(trait)) failures.push([trait, message.immutable(trait)]);
      else if (!(this.contract.writable as readonly string[]).includes(trait)) failures.push([trait, message.kernelOwned(trait)]);
      else if (this.disabledReason !== null) failures.push([trait, message.disabled(trait, this.disabledReason)]);
      else {
        const broken = this.check(trait, value, next);
        if (broken) failures.push([trait, broken]);
      }
    }
    if (failures.length > 0) {
      // All or nothing: restore every known trait of the patch in the view, then explain.
      const restore: AnyState = {};
      for (const trait of Object.keys(patch)) {
        if (Object.hasOwn(this.state, trait)) restore[trait] = (this.state as unknown as AnyState)[trait];
      }
      this.flush();
      if (Object.keys(restore).length > 0) this.sendState("update", restore);
      for (const [trait, text] of failures) this.reject(trait as Extract<keyof T, string>, text);
      this.onRejected(patch, failures);
      return;
    }
    // A newer front-end value supersedes a not-yet-sent kernel value of the same trait.
    if (this.pending) for (const trait of Object.keys(patch)) delete (this.pending as AnyState)[trait];
    this.sendState("echo_update", patch);
    this.apply(patch as Partial<T>, "frontend");
    for (const cb of [...this.acceptedListeners]) cb(patch as Partial<T>);
  }

  /** Called after a front-end patch was refused (the lock records refusals). */
  protected onRejected(_patch: AnyState, _failures: [string, string][]): void {}

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = null;
    unregisterWidget(this.id);
    for (const cb of [...this.closeListeners]) cb();
  }
}

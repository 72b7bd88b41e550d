/**
 * A model shaped like anywidget's AnyModel, for jsdom specs of render functions:
 * it records every saved patch and custom message, and lets a spec play the
 * kernel (`fromKernel`, `customFromKernel`) through the same trait checks the
 * real Model applies.
 */
import { INVALID_EVENT, checkState, type FleetModel, type Listener, type TraitCheck } from "../widget-base";

/** A FleetModel in memory, plus the spec's view of what went to the kernel. */
export interface FakeModel<T> extends FleetModel<T> {
  /** Patches sent by save_changes, in order. */
  saved: Partial<T>[];
  /** Custom messages sent, in order. */
  sent: object[];
  /** Applies kernel state through the widget's checks, as Model.set_state does. */
  fromKernel(patch: Partial<T>): void;
  /** Delivers a custom message from the kernel. */
  customFromKernel(content: object): void;
}

/** Returns a FakeModel holding `state`, checking kernel patches with `checks`. */
export function createFakeModel<T extends object>(
  state: T,
  checks: Record<string, TraitCheck | undefined> = {},
): FakeModel<T> {
  const attrs: Record<string, unknown> = { ...(state as Record<string, unknown>) };
  const listeners = new Map<string, Set<Listener>>();
  let dirty: Record<string, unknown> = {};
  const emit = (event: string, arg?: unknown) => listeners.get(event)?.forEach((cb) => cb(arg));
  const model: FakeModel<T> = {
    saved: [],
    sent: [],
    get: (key) => attrs[key] as never,
    set(key, value) {
      if (Object.is(attrs[key], value)) return;
      attrs[key] = value;
      dirty[key] = value;
      emit(`change:${key}`, value);
      emit("change");
    },
    save_changes() {
      if (Object.keys(dirty).length === 0) return;
      model.saved.push(dirty as Partial<T>);
      dirty = {};
    },
    send(content) {
      model.sent.push(content);
    },
    on(event, cb) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(cb);
    },
    off(event, cb) {
      listeners.get(event)?.delete(cb);
    },
    trigger: emit,
    fromKernel(patch) {
      const { accepted, problems } = checkState(checks, patch as Record<string, unknown>, attrs);
      for (const [key, value] of Object.entries(accepted)) {
        if (Object.is(attrs[key], value)) continue;
        attrs[key] = value;
        emit(`change:${key}`, value);
      }
      for (const p of problems) emit(INVALID_EVENT, p);
    },
    customFromKernel(content) {
      emit("msg:custom", content);
    },
  };
  return model;
}

/** Returns a fresh element attached to the jsdom document. */
export function mount(): HTMLElement {
  const el = document.createElement("div");
  document.body.appendChild(el);
  return el;
}

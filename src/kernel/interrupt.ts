/**
 * Interrupting the thread that runs cells, from a thread that stays free (the kernel's
 * socket server, the headless runner's watchdog).
 *
 * Two kinds of work can hold the cell thread:
 *   - a pending `await`, or a cell's script run with vm `breakOnSigint` (node-cells.ts): SIGINT ends
 *     both (the vm throws ERR_SCRIPT_EXECUTION_INTERRUPTED; the SIGINT listener rejects the
 *     await the cell races against). This is the clean path and it is always tried first.
 *   - synchronous code outside that script: a loop after the cell's first `await` (it runs
 *     as a microtask), or a widget recompute started by a comm message. No signal listener
 *     can run while it spins, so after a grace period the interrupter asks V8, through the
 *     inspector, to evaluate `stopRunningCode` *inside* the running code (an inspector
 *     message is served at the next stack check, even in a tight loop). That function
 *     terminates the execution it was nested in. V8 cancels a termination when the
 *     outermost running script ends, so only that execution dies; the event loop, every
 *     global and the cell's variables survive. Evaluated while the thread is idle, it finds
 *     nothing beneath it and does nothing, so a late escalation never hits the next callback.
 *
 * Where termination is safe. Node keeps a stack of async contexts; code run from a C++
 * callback (a message, I/O) or as a microtask sits on a level that C++ pops, so cutting it
 * off is harmless. Node's own JavaScript wraps timer and immediate callbacks in a push and
 * pop of its own, and cutting one off between the two aborts the process ("async hook stack
 * has become corrupted"). So hosts start work as microtasks, timer callbacks that cells
 * schedule run as microtasks too (`interruptibleTimers`), and code still found inside a
 * timer callback is left running, with a message, rather than killing the kernel. On
 * Node 20 every terminated microtask corrupted that stack (AsyncLocalStorage ran on promise
 * hooks); Node >= 22 is required.
 *
 * Termination skips `catch` and `finally`, and V8 drops the microtasks queued behind the
 * terminated one: a request whose code was cut off never settles. The host learns of it
 * through `onTerminated` and abandons that request (kernel.ts).
 */
import { executionAsyncResource } from "async_hooks";
import fs from "fs";
import inspector from "inspector";
import util from "util";

/** globalThis key of the function the interrupter evaluates on the cell thread. */
const STOP_KEY = "fleetlab.stopRunningCode";
/** How long the clean path gets before the running code is terminated. */
export const ESCALATE_AFTER_MS = 150;

export interface InterruptTarget {
  /** Called on SIGINT: reject the cell's pending await (Executor.interrupt). */
  onInterrupt(): void;
  /** Called in a fresh callback after running code was terminated. */
  onTerminated(): void;
}

let target: InterruptTarget | undefined;
let session: inspector.Session | undefined;

/** Stack frames of the caller and below, across entry frames (a nested call sees the code it interrupted). */
function framesBelow(): number {
  const { prepareStackTrace, stackTraceLimit } = Error;
  Error.stackTraceLimit = 4;
  Error.prepareStackTrace = (_e, sites) => sites.length;
  try {
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, framesBelow);
    return holder.stack as number;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * Evaluated by the interrupter through the inspector. When idle, the stack holds only this
 * function and the evaluated expression; anything more is running code to stop.
 */
function stopRunningCode(): boolean {
  if (framesBelow() <= 2 || !target || !session) return false;
  if (insideTimerCallback()) {
    fs.writeSync(2, "[fleetlab] cannot interrupt code running inside a timer callback; restart the kernel to stop it\n");
    return false;
  }
  const current = target;
  setImmediate(() => current.onTerminated());
  session.post("Runtime.terminateExecution");
  return true;
}

const TimerClasses = (() => {
  const timeout = setTimeout(() => undefined, 0);
  const immediate = setImmediate(() => undefined);
  clearTimeout(timeout);
  clearImmediate(immediate);
  return [timeout.constructor, immediate.constructor];
})();

/** True inside a callback that Node's timers run between a push and pop of their own. */
function insideTimerCallback(): boolean {
  const resource = executionAsyncResource();
  return TimerClasses.some((C) => resource instanceof C);
}

/**
 * Replaces the global setTimeout, setInterval and setImmediate with versions whose
 * callbacks run as a microtask right after Node's timer fires (same order, same `this`,
 * same arguments, errors still uncaught exceptions), where termination is safe.
 */
function interruptibleTimers(): void {
  const g = globalThis as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of ["setTimeout", "setInterval", "setImmediate"]) {
    const original = g[name];
    const argsAfter = name === "setImmediate" ? 1 : 2;
    const wrapped = function (this: unknown, callback: unknown, ...rest: unknown[]): unknown {
      if (typeof callback !== "function") return original.call(this, callback, ...rest);
      const settings = rest.slice(0, argsAfter - 1);
      const args = rest.slice(argsAfter - 1);
      return original.call(this, function (this: unknown) {
        queueMicrotask(() => callback.apply(this, args));
      }, ...settings);
    };
    for (const key of [util.promisify.custom, "__promisify__"]) {
      const value = (original as unknown as Record<PropertyKey, unknown>)[key];
      if (value !== undefined) Object.defineProperty(wrapped, key, { value, configurable: true });
    }
    Object.defineProperty(wrapped, "name", { value: name });
    g[name] = wrapped;
  }
}

/**
 * Makes this thread (the one that runs cells) interruptible; call once per process before
 * any interrupter can fire. SIGINT no longer ends the process while installed.
 */
export function installInterruptTarget(t: InterruptTarget): void {
  if (!target && !session) {
    process.on("SIGINT", () => target?.onInterrupt());
    session = new inspector.Session();
    session.connect();
    Object.defineProperty(globalThis, Symbol.for(STOP_KEY), { value: stopRunningCode, configurable: true });
    interruptibleTimers();
  }
  target = t;
}

/** Stops routing SIGINT to the last target (SIGINT stays harmless: the listener remains). */
export function clearInterruptTarget(): void {
  target = undefined;
}

/**
 * From a worker thread: interrupts whatever the main thread runs. Resolves once the
 * escalation has been sent (it does not wait for the main thread to act on it).
 */
export function createMainThreadInterrupter(): { interrupt(): Promise<void>; close(): void } {
  const main = new inspector.Session();
  main.connectToMainThread();
  const expression = `globalThis[Symbol.for(${JSON.stringify(STOP_KEY)})]?.()`;
  return {
    async interrupt() {
      process.kill(process.pid, "SIGINT");
      await new Promise((r) => setTimeout(r, ESCALATE_AFTER_MS));
      // No reply is awaited: when the evaluation terminates code, its reply is lost with it.
      main.post("Runtime.evaluate", { expression, silent: true });
    },
    close() {
      main.disconnect();
    },
  };
}

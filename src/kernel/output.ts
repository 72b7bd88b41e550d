/**
 * Routes what cells print to the request that caused it.
 *
 * Each request (execute, comm_msg, …) runs inside AsyncLocalStorage.run(parentHeader),
 * so output from the request's own async callbacks (timers, promises, comm handlers)
 * is parented to that request even when it fires later, as ipykernel does for the
 * running cell. Output with no async context goes to the request that is running,
 * or else to the last one. process.stdout / process.stderr writes become iopub
 * `stream` messages; the kernel's own log lines bypass this (fs.writeSync(2, …)).
 */
import { AsyncLocalStorage } from "async_hooks";
import fs from "fs";
import type { Header } from "./messages";

export type StreamName = "stdout" | "stderr";

export interface OutputRouter {
  /** Runs `fn` with `parent` as the parent header of everything it prints or displays. */
  run<T>(parent: Header, fn: () => T): T;
  /** The parent header for output produced now, or undefined before any request. */
  currentParent(): Header | undefined;
  /** Ends `parent`'s run when its code was terminated and `run` never returned. */
  forget(parent: Header): void;
  /** Replaces process.stdout/stderr.write with writers that emit stream messages. */
  captureProcessStreams(): void;
}

/** Writes a kernel log line to the real stderr (not to any cell). */
export function logKernel(message: string): void {
  try {
    fs.writeSync(2, `[fleetlab kernel] ${message}\n`);
  } catch {
    // stderr closed: nothing else to do.
  }
}

/**
 * @param emitStream sends one iopub `stream` message {name, text} parented to `parent`
 */
export function createOutputRouter(emitStream: (parent: Header, name: StreamName, text: string) => void): OutputRouter {
  const als = new AsyncLocalStorage<Header>();
  let running: Header | undefined;
  let last: Header | undefined;
  const decoder = new TextDecoder();

  function currentParent(): Header | undefined {
    return als.getStore() ?? running ?? last;
  }

  function writer(name: StreamName, fd: number) {
    return function write(chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
      const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? decoder.decode(chunk) : String(chunk);
      const parent = currentParent();
      if (parent) emitStream(parent, name, text);
      else fs.writeSync(fd, text);
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    };
  }

  return {
    run<T>(parent: Header, fn: () => T): T {
      const previous = running;
      running = parent;
      last = parent;
      try {
        const r = als.run(parent, fn);
        if (r instanceof Promise) {
          return r.finally(() => {
            running = previous;
          }) as T;
        }
        running = previous;
        return r;
      } catch (e) {
        running = previous;
        throw e;
      }
    },
    currentParent,
    forget(parent) {
      if (running === parent) running = undefined;
    },
    captureProcessStreams() {
      (process.stdout as { write: unknown }).write = writer("stdout", 1);
      (process.stderr as { write: unknown }).write = writer("stderr", 2);
    },
  };
}

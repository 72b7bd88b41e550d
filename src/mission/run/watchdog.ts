/**
 * Stops a runaway cell. A cell such as `while (true) {}` blocks the thread it runs on,
 * so its timer cannot live there: a worker thread keeps time and, past the deadline,
 * raises SIGINT on this process, which stops the running script (tslab runs cells with
 * vm `breakOnSigint`) or, through the SIGINT listener, rejects a pending top-level
 * await (Executor.interrupt) — the same two paths the kernel's interrupt_request takes.
 * SIGINT repeats every second until the cell ends, in case it first lands between
 * scripts (while the cell is being compiled).
 */
import { Worker } from "worker_threads";

/** Arms and disarms the deadline of the running cell. */
export interface Watchdog {
  /** Interrupts the running cell if it is still running after `ms`. */
  arm(ms: number): void;
  disarm(): void;
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort } = require("worker_threads");
let timer = null, repeat = null;
const stop = () => { clearTimeout(timer); clearInterval(repeat); timer = repeat = null; };
parentPort.on("message", (m) => {
  stop();
  if (m.kind === "arm") timer = setTimeout(() => {
    process.kill(process.pid, "SIGINT");
    repeat = setInterval(() => process.kill(process.pid, "SIGINT"), 1000);
  }, m.ms);
});
`;

let listening = false;
let current: () => void = () => undefined;

/** Starts the watchdog; `onInterrupt` runs on SIGINT (pass Executor.interrupt). */
export function createWatchdog(onInterrupt: () => void): Watchdog {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  worker.unref();
  // While listening, SIGINT no longer ends the process: it interrupts the cell. The one
  // listener stays for the process's life, so a repeat already on its way when a watchdog
  // closes lands on a no-op instead of Node's default (exit).
  current = onInterrupt;
  if (!listening) {
    listening = true;
    process.on("SIGINT", () => current());
  }
  return {
    arm(ms) {
      worker.postMessage({ kind: "arm", ms });
    },
    disarm() {
      worker.postMessage({ kind: "disarm" });
    },
    async close() {
      current = () => undefined;
      await worker.terminate();
    },
  };
}

/**
 * Stops a runaway cell or widget update in the headless runner. A cell such as
 * `while (true) {}` blocks the thread it runs on, so its timer cannot live there: a worker
 * thread keeps time and, past the deadline, interrupts the main thread the way the kernel's
 * interrupt_request does (src/kernel/interrupt.ts: SIGINT first, then termination of code
 * that no signal reaches, such as a loop after an `await`). The interrupt repeats every
 * second until the guarded work ends, in case one lands between scripts.
 *
 * Guarded work starts as a microtask of its own, so a termination cuts off that work and
 * never the runner that awaits it; work cut off for good resolves as `onCutOff()` says.
 */
import path from "path";
import { Worker } from "worker_threads";
import { clearInterruptTarget, installInterruptTarget } from "../../../kernel/interrupt";

export interface Watchdog {
  /** Runs `work`, interrupting it if it still runs after `ms`. */
  guard<T>(ms: number, work: () => Promise<T>, onCutOff: () => T): Promise<T>;
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("worker_threads");
const interrupter = require(workerData.interruptModule).createMainThreadInterrupter();
let timer = null, repeat = null;
const stop = () => { clearTimeout(timer); clearInterval(repeat); timer = repeat = null; };
parentPort.on("message", (m) => {
  stop();
  if (m.kind === "arm") timer = setTimeout(() => {
    void interrupter.interrupt();
    repeat = setInterval(() => void interrupter.interrupt(), 1000);
  }, m.ms);
});
`;

/** Starts the watchdog; `onInterrupt` runs on SIGINT (pass Executor.interrupt). */
export function createWatchdog(onInterrupt: () => void): Watchdog {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { interruptModule: path.join(__dirname, "..", "..", "..", "kernel", "interrupt") } });
  worker.unref();
  let cutOff: (() => void) | undefined;
  installInterruptTarget({
    onInterrupt,
    onTerminated() {
      // A cell cut off after an await still races the interrupt: let it finish normally first.
      onInterrupt();
      const pending = cutOff;
      setImmediate(() => {
        if (pending && cutOff === pending) pending();
      });
    },
  });
  return {
    guard<T>(ms: number, work: () => Promise<T>, onCutOff: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        let settled = false;
        const settle = (finish: () => void) => {
          if (settled) return;
          settled = true;
          cutOff = undefined;
          worker.postMessage({ kind: "disarm" });
          worker.unref();
          finish();
        };
        cutOff = () => settle(() => resolve(onCutOff()));
        worker.postMessage({ kind: "arm", ms });
        // Armed, the watchdog keeps the process alive: a cell awaiting what never comes
        // leaves nothing else pending, and must still be timed out rather than end the run.
        worker.ref();
        queueMicrotask(() => {
          if (!settled) work().then((v) => settle(() => resolve(v)), (e) => settle(() => reject(e)));
        });
      });
    },
    async close() {
      cutOff = undefined;
      clearInterruptTarget();
      await worker.terminate();
    },
  };
}

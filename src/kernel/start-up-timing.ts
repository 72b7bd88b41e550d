/**
 * Where a kernel's start-up goes, in the kernel log (stderr) when FLEETLAB_KERNEL_TIMING=1:
 * modules loaded, the executor ready (the compiler's program built and an empty cell
 * checked) and the first cell's check and end, each in ms since the process started.
 * For measuring start-up (npm run bench:kernel); off, it costs nothing.
 */
import type { Executor } from "./executor";
import { logKernel } from "./output";

export const TIMING_ENV = "FLEETLAB_KERNEL_TIMING";

const at = () => `${performance.now().toFixed(0)} ms`;

export function startUpTiming(enabled = process.env[TIMING_ENV] === "1") {
  return {
    /** Logs `what` happened now. */
    mark(what: string): void {
      if (enabled) logKernel(`start-up: ${what} at ${at()}`);
    },
    /** The executor, its first cell's check and end logged. */
    timeFirstCell(executor: Executor): Executor {
      if (!enabled) return executor;
      const execute = executor.execute.bind(executor);
      let first = true;
      executor.execute = async (code) => {
        if (!first) return execute(code);
        first = false;
        const started = performance.now();
        const outcome = await execute(code);
        logKernel(`start-up: first cell (from ${started.toFixed(0)} ms) checked in ${executor.lastCheckMs.toFixed(0)} ms, done at ${at()}`);
        return outcome;
      };
      return executor;
    },
  };
}

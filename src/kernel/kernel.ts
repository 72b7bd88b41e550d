/**
 * `fleetlab kernel <connection_file>`: wires the pieces together.
 *
 *   main thread: executor (node-cells.ts) + handler + comms + KernelRuntime; runs cells
 *   worker:      server.ts (zeromq sockets, wire format, heartbeat, control)
 *
 * The two talk by postMessage: the worker forwards verified shell requests in order,
 * the main thread hands back messages to sign and send.
 */
import { randomUUID } from "crypto";
import fs from "fs";
import path from "path";
import { Worker } from "worker_threads";
import { createExecutor } from "./executor";
import { createHandler } from "./handler";
import { installInterruptTarget, type InterruptTarget } from "./interrupt";
import { createFolderJournal } from "./journal-store";
import type { Message } from "./messages";
import { kernelInfoContent } from "./messages";
import { packageRoot } from "./package-info";
import { logKernel } from "./output";
import { createRequestQueue } from "./request-queue";
import { setKernelRuntime } from "./runtime";
import type { FromMain, ServerData, ToMain } from "./server";
import { parseConnectionInfo } from "./connection";
import { startUpTiming } from "./start-up-timing";

/** Starts the kernel; resolves with the exit code only if start-up fails (shutdown exits the process). */
export async function runKernel(connectionFile: string): Promise<number> {
  let connection;
  try {
    connection = parseConnectionInfo(JSON.parse(fs.readFileSync(connectionFile, "utf8")), connectionFile);
  } catch (err) {
    process.stderr.write(`fleetlab kernel: cannot read connection file: ${(err as Error).message}\n`);
    return 2;
  }
  const session = randomUUID();
  let target: InterruptTarget = { onInterrupt: () => undefined, onTerminated: () => undefined };
  // Installed before the worker can raise SIGINT, so the signal never hits Node's default (exit).
  installInterruptTarget({ onInterrupt: () => target.onInterrupt(), onTerminated: () => target.onTerminated() });

  // From package.json: the server answers kernel_info while the compiler still loads.
  const tsVersion = (JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")) as { version: string }).version;
  const data: ServerData = { role: "fleetlab-kernel-server", connection, session, kernelInfo: kernelInfoContent(tsVersion, process.version) };
  const worker = new Worker(path.join(__dirname, "server.js"), { workerData: data });
  const post = (m: FromMain) => worker.postMessage(m);

  const timing = startUpTiming();
  timing.mark("server thread started");
  const executor = timing.timeFirstCell(createExecutor(process.cwd(), packageRoot()));
  timing.mark("executor ready (program built, empty cell checked)");
  const handler = createHandler(executor, session, (channel, message) => post({ kind: "send", channel, message }));
  const queue = createRequestQueue((m: Message) => handler.handle(m));
  target = {
    onInterrupt: () => executor.interrupt(),
    onTerminated() {
      // A cell cut off after an await still races the interrupt promise: rejecting it lets
      // the cell finish normally. Whatever is still running a turn later was cut off for good.
      executor.interrupt();
      const cutOff = queue.current;
      setImmediate(() => {
        if (!cutOff || queue.current !== cutOff) return;
        handler.abandon(cutOff);
        executor.abandon();
        queue.abandonCurrent();
      });
    },
  };
  // Lock records outlive a restart in .fleetlab/ beside the notebook (the kernel's cwd).
  setKernelRuntime({ ...handler.runtime, journal: createFolderJournal(path.join(process.cwd(), ".fleetlab")) });
  handler.output.captureProcessStreams();
  // User async code that throws later must not end the kernel: report it to the cell it belongs to.
  process.on("uncaughtException", (err) => process.stderr.write(`Uncaught ${(err as Error)?.stack ?? String(err)}\n`));
  process.on("unhandledRejection", (reason) => process.stderr.write(`Unhandled promise rejection: ${(reason as Error)?.stack ?? String(reason)}\n`));

  return new Promise<number>((resolve) => {
    worker.on("message", (m: ToMain) => {
      if (m.kind === "request") queue.push(m.message);
      else if (m.kind === "shutdown") {
        post({ kind: "exiting" });
        void worker.terminate().finally(() => process.exit(0));
      }
    });
    worker.on("error", (err) => {
      logKernel(`server thread failed: ${err.stack ?? err.message}`);
      resolve(1);
    });
    worker.on("exit", (code) => resolve(code === 0 ? 0 : 1));
  });
}

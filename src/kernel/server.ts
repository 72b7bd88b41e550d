/**
 * The zeromq side of the kernel, run in a worker thread.
 *
 * Why a worker: a cell such as `while (true) {}` blocks the thread it runs on, and
 * Node serves sockets from its event loop. With the sockets here, heartbeat and the
 * control channel keep answering while the main thread is busy, and interrupt_request
 * stops whatever the main thread runs (a script, a pending await, a loop after an await,
 * a widget recompute: interrupt.ts) while its state (variables) survives.
 * A child process for cells would also keep sockets live, but stopping a sync loop
 * there means killing it, and every variable with it.
 *
 *   shell   ROUTER  -> parse/verify -> main thread (handler.ts), in order
 *   control ROUTER  -> kernel_info / interrupt / shutdown answered here
 *   iopub   PUB     <- status, streams, results, comm messages from both threads
 *   stdin   ROUTER     bound (input_request is not used: allow_stdin is ignored)
 *   hb      REP        echoes every frame
 */
import { randomUUID } from "crypto";
import { isMainThread, parentPort, workerData } from "worker_threads";
import * as zmq from "zeromq";
import type { ConnectionInfo } from "./connection";
import type { Header, Message } from "./messages";
import { REPLY_TYPE } from "./messages";
import type { OutChannel } from "./handler";
import { createMainThreadInterrupter } from "./interrupt";
import { logKernel } from "./output";
import type { JsonObject } from "./runtime";
import { newHeader, parse, serialize } from "./wire";

/** Messages from the server thread to the main thread. */
export type ToMain = { kind: "request"; message: Message } | { kind: "shutdown"; restart: boolean } | { kind: "bound" };
/** Messages from the main thread to the server thread. */
export type FromMain = { kind: "send"; channel: OutChannel; message: Message } | { kind: "exiting" };

export interface ServerData {
  role: "fleetlab-kernel-server";
  connection: ConnectionInfo;
  session: string;
  kernelInfo: JsonObject;
}

function address(c: ConnectionInfo, port: number): string {
  return c.transport === "tcp" ? `tcp://${c.ip}:${port}` : `ipc://${c.ip}-${port}`;
}

/** One send at a time per socket (zeromq.js allows a single pending send). */
function createSender(socket: { send(frames: Buffer[]): Promise<void> }) {
  let tail: Promise<void> = Promise.resolve();
  return (frames: Buffer[]): Promise<void> => {
    tail = tail.then(
      () => socket.send(frames).catch((e: Error) => logKernel(`send failed: ${e.message}`)),
    );
    return tail;
  };
}

/** Binds the five sockets and serves them until the process exits. */
export async function runServer(data: ServerData, post: (m: ToMain) => void, onMain: (listener: (m: FromMain) => void) => void): Promise<void> {
  const { connection: c, session, kernelInfo } = data;
  const key = Buffer.from(c.key, "utf8");
  const shell = new zmq.Router();
  const control = new zmq.Router();
  const stdin = new zmq.Router();
  const iopub = new zmq.Publisher();
  const hb = new zmq.Reply();
  await Promise.all([
    shell.bind(address(c, c.shell_port)),
    control.bind(address(c, c.control_port)),
    stdin.bind(address(c, c.stdin_port)),
    iopub.bind(address(c, c.iopub_port)),
    hb.bind(address(c, c.hb_port)),
  ]);
  const interrupter = createMainThreadInterrupter();
  const senders = { shell: createSender(shell), control: createSender(control), stdin: createSender(stdin), iopub: createSender(iopub) };
  const sendOn = (channel: OutChannel, m: Message) => senders[channel](serialize(m, key));

  function message(msgType: string, parent: Header | undefined, content: JsonObject, identities?: Uint8Array[]): Message {
    return {
      identities: identities ?? [Buffer.from(`kernel.${session}.${msgType}`)],
      header: newHeader(msgType, session, new Date().toISOString(), randomUUID()),
      parent_header: parent ?? {},
      metadata: {},
      content,
      buffers: [],
    };
  }

  let closing = false;
  let exitFallback: ReturnType<typeof setTimeout> | undefined;
  onMain((m) => {
    if (m.kind === "exiting") clearTimeout(exitFallback);
    else if (!closing) void sendOn(m.channel, m.message);
  });

  // Requests the server answers itself, on either channel: they must work while a cell blocks the main thread.
  async function serveHere(channel: "shell" | "control", req: Message): Promise<void> {
    const t = req.header.msg_type;
    const status = (state: string) => sendOn("iopub", message("status", req.header, { execution_state: state }));
    void status("busy");
    const answer = (content: JsonObject) => sendOn(channel, message(REPLY_TYPE[t as keyof typeof REPLY_TYPE], req.header, content, req.identities));
    if (t === "kernel_info_request") {
      await answer(kernelInfo);
    } else if (t === "interrupt_request") {
      await interrupter.interrupt();
      await answer({ status: "ok" });
    } else if (t === "shutdown_request") {
      const restart = req.content.restart === true;
      await answer({ status: "ok", restart });
      await status("idle");
      // Give zmq's I/O thread a moment to put the reply on the wire before exit.
      setTimeout(() => {
        // Close here, in the thread that owns the sockets: a process exit with open
        // sockets in a worker aborts inside the native addon.
        closing = true;
        interrupter.close();
        for (const s of [shell, control, stdin, iopub, hb]) s.close();
        post({ kind: "shutdown", restart });
      }, 100);
      // If a cell blocks the main thread it cannot exit itself, nor say it is exiting; then
      // SIGTERM's default action ends the process, before jupyter_client's own wait (5 s) ends
      // in SIGKILL. A main thread that answers exits on its own (code 0), however slowly.
      exitFallback = setTimeout(() => process.kill(process.pid, "SIGTERM"), 4000);
      exitFallback.unref();
      return;
    }
    await status("idle");
  }

  async function serve(channel: "shell" | "control", socket: zmq.Router): Promise<void> {
    for await (const frames of socket) {
      try {
        const r = parse(frames, key);
        if (!r.ok) {
          logKernel(`dropped ${channel} message: ${r.reason}`);
          continue;
        }
        const t = r.message.header.msg_type;
        if (t === "shutdown_request" || t === "interrupt_request" || (channel === "control" && t === "kernel_info_request")) {
          await serveHere(channel, r.message);
        } else if (channel === "shell") {
          post({ kind: "request", message: r.message });
        } else {
          logKernel(`dropped control message: unsupported msg_type "${t}"`);
        }
      } catch (err) {
        logKernel(`internal error on ${channel}: ${(err as Error)?.stack ?? String(err)}`);
      }
    }
  }

  async function heartbeat(): Promise<void> {
    for await (const frames of hb) await hb.send(frames);
  }

  async function drainStdin(): Promise<void> {
    for await (const frames of stdin) {
      const r = parse(frames, key);
      logKernel(`dropped stdin message: ${r.ok ? `unexpected ${r.message.header.msg_type}` : r.reason}`);
    }
  }

  void sendOn("iopub", message("status", undefined, { execution_state: "starting" }));
  post({ kind: "bound" });
  // A loop ends by throwing when its socket is closed at shutdown; only other failures count.
  const loop = (p: Promise<void>) => p.catch((err: Error) => {
    if (!closing) throw err;
  });
  await Promise.all([loop(serve("shell", shell)), loop(serve("control", control)), loop(heartbeat()), loop(drainStdin())]);
}

if (!isMainThread && parentPort && (workerData as ServerData | undefined)?.role === "fleetlab-kernel-server") {
  const port = parentPort;
  runServer(
    workerData as ServerData,
    (m) => port.postMessage(m),
    (listener) => port.on("message", listener),
  ).catch((err: Error) => {
    logKernel(`server failed: ${err.stack ?? err.message}`);
    process.kill(process.pid, "SIGTERM");
  });
}

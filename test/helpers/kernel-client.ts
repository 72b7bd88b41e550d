/**
 * A small Jupyter client over zeromq, written for the tests (no jupyter_client):
 * starts `node bin/fleetlab.js kernel conn.json` (or any argv), signs requests,
 * collects iopub messages by parent msg_id, and can send raw frames.
 */
import { ChildProcess, spawn } from "child_process";
import { randomBytes, randomUUID } from "crypto";
import fs from "fs";
import net from "net";
import os from "os";
import path from "path";
import * as zmq from "zeromq";
import type { Message } from "../../src/kernel/messages";
import type { JsonObject } from "../../src/kernel/runtime";
import { newHeader, parse, serialize } from "../../src/kernel/wire";

export const REPO = path.resolve(__dirname, "..", "..");
export const FLEETLAB_JS = path.join(REPO, "bin", "fleetlab.js");

export interface Reply {
  reply: Message;
  /** iopub messages parented to the request, busy .. idle inclusive. */
  iopub: Message[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** Writes a connection file with fresh ports and key into `dir`. */
export async function writeConnectionFile(dir: string, key = randomBytes(16).toString("hex")) {
  const conn = {
    transport: "tcp", ip: "127.0.0.1", key, signature_scheme: "hmac-sha256", kernel_name: "fleetlab",
    shell_port: await freePort(), control_port: await freePort(), iopub_port: await freePort(), stdin_port: await freePort(), hb_port: await freePort(),
  };
  const file = path.join(dir, `kernel-${randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify(conn));
  return { file, conn };
}

export class KernelClient {
  readonly session = randomUUID();
  readonly key: Buffer;
  readonly shell = new zmq.Dealer();
  readonly control = new zmq.Dealer();
  readonly iopub = new zmq.Subscriber();
  readonly hb = new zmq.Request();
  readonly messages: Message[] = [];
  stderr = "";
  /** Settles when the kernel process exits, with how it ended. */
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];
  private closed = false;
  private shellReplies = new Map<string, (m: Message) => void>();

  constructor(readonly proc: ChildProcess, readonly conn: { key: string; ip: string; [k: string]: unknown }, readonly connectionFile: string) {
    this.key = Buffer.from(conn.key);
    const addr = (p: unknown) => `tcp://${conn.ip}:${p}`;
    this.shell.connect(addr(conn.shell_port));
    this.control.connect(addr(conn.control_port));
    this.iopub.connect(addr(conn.iopub_port));
    this.iopub.subscribe();
    this.hb.connect(addr(conn.hb_port));
    this.hb.receiveTimeout = 2000;
    proc.stderr?.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.exit = new Promise((resolve) => proc.once("exit", (code, signal) => resolve({ code, signal })));
    void this.pump(this.iopub, (m) => {
      this.messages.push(m);
      this.waiters.splice(0).forEach((w) => w());
    });
    void this.pump(this.shell, (m) => this.resolveReply(m));
    void this.pump(this.control, (m) => this.resolveReply(m));
  }

  private resolveReply(m: Message) {
    const id = (m.parent_header as { msg_id?: string }).msg_id ?? "";
    this.shellReplies.get(id)?.(m);
    this.shellReplies.delete(id);
  }

  private async pump(socket: zmq.Dealer | zmq.Subscriber, onMessage: (m: Message) => void) {
    try {
      for await (const frames of socket) {
        const r = parse(frames, this.key);
        if (r.ok) onMessage(r.message);
      }
    } catch {
      if (!this.closed) throw new Error("client socket failed");
    }
  }

  /** Builds a signed request message. */
  message(msgType: string, content: JsonObject, buffers: Uint8Array[] = [], metadata: JsonObject = {}): Message {
    return { identities: [], header: newHeader(msgType, this.session, new Date().toISOString(), randomUUID()), parent_header: {}, metadata, content, buffers };
  }

  /** Sends raw frames on shell or control (everything after the DEALER identity). */
  async sendRaw(channel: "shell" | "control", frames: (Buffer | Uint8Array)[]): Promise<void> {
    await (channel === "shell" ? this.shell : this.control).send(frames.map((f) => Buffer.from(f)));
  }

  /** Sends a request and waits for its reply and its idle status. */
  async request(channel: "shell" | "control", msgType: string, content: JsonObject, opts: { buffers?: Uint8Array[]; timeoutMs?: number } = {}): Promise<Reply> {
    const m = this.message(msgType, content, opts.buffers);
    const replied = new Promise<Message>((resolve) => this.shellReplies.set(m.header.msg_id, resolve));
    await this.sendRaw(channel, serialize(m, this.key));
    const reply = await withTimeout(replied, opts.timeoutMs ?? 60_000, `${msgType} reply`);
    const iopub = await this.waitFor((ms) => {
      const mine = ms.filter((x) => (x.parent_header as { msg_id?: string }).msg_id === m.header.msg_id);
      return mine.some((x) => x.header.msg_type === "status" && x.content.execution_state === "idle") ? mine : undefined;
    }, opts.timeoutMs ?? 60_000);
    return { reply, iopub };
  }

  /** Sends a message that has no reply (comm_*); resolves with its msg_id after its idle status. */
  async send(msgType: string, content: JsonObject, buffers: Uint8Array[] = [], metadata: JsonObject = {}): Promise<Message[]> {
    const m = this.message(msgType, content, buffers, metadata);
    await this.sendRaw("shell", serialize(m, this.key));
    return this.waitFor((ms) => {
      const mine = ms.filter((x) => (x.parent_header as { msg_id?: string }).msg_id === m.header.msg_id);
      return mine.some((x) => x.header.msg_type === "status" && x.content.execution_state === "idle") ? mine : undefined;
    }, 30_000);
  }

  execute(code: string, extra: JsonObject = {}, timeoutMs?: number): Promise<Reply> {
    return this.request("shell", "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...extra }, { timeoutMs });
  }

  /** Resolves with `check(messages)` once it returns a value. */
  async waitFor<T>(check: (ms: Message[]) => T | undefined, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = check(this.messages);
      if (r !== undefined) return r;
      if (Date.now() > deadline) throw new Error(`timed out waiting on iopub; stderr:\n${this.stderr.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Round trip on the heartbeat socket. */
  async heartbeat(): Promise<boolean> {
    await this.hb.send("ping");
    const [r] = await this.hb.receive();
    return r.toString() === "ping";
  }

  /**
   * Waits until the kernel answers kernel_info and iopub is subscribed (avoids the zmq slow-joiner).
   * @throws KernelExitedError at once if the kernel process ends first
   */
  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const died = this.exit.then(({ code, signal }) => {
      throw new KernelExitedError(code, signal, this.stderr);
    });
    died.catch(() => undefined); // observed by the races below; unobserved once ready
    for (;;) {
      const m = this.message("kernel_info_request", {});
      const replied = new Promise<Message>((resolve) => this.shellReplies.set(m.header.msg_id, resolve));
      await this.sendRaw("shell", serialize(m, this.key));
      try {
        await Promise.race([withTimeout(replied, Math.max(1000, deadline - Date.now()), "kernel_info_reply"), died]);
        await Promise.race([this.waitFor((ms) => (ms.some((x) => (x.parent_header as { msg_id?: string }).msg_id === m.header.msg_id) ? true : undefined), 500), died]);
        return;
      } catch (e) {
        if (e instanceof KernelExitedError || Date.now() > deadline) throw e;
      }
    }
  }

  exited(): Promise<number | null> {
    if (this.proc.exitCode !== null) return Promise.resolve(this.proc.exitCode);
    return new Promise((resolve) => this.proc.once("exit", (code) => resolve(code)));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of [this.shell, this.control, this.iopub, this.hb]) {
      s.linger = 0; // requests queued for a kernel that died must not keep the test process alive
      s.close();
    }
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill("SIGKILL");
      await this.exited();
    }
  }
}

/** The kernel process ended before it answered; carries the end of what it wrote to stderr. */
export class KernelExitedError extends Error {
  constructor(readonly code: number | null, readonly signal: NodeJS.Signals | null, readonly stderr: string) {
    super(`kernel exited (${signal ?? `code ${code}`}) before answering kernel_info; stderr:\n${stderr.slice(-2000)}`);
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms))),
  ]);
}

/**
 * Starts a kernel process, connects a client and waits until the kernel answers.
 * Ports picked here are only free when picked: another process (any outgoing connection
 * takes an ephemeral port) can take one before the kernel binds it, so a kernel that
 * finds its address in use is started again on fresh ports.
 * @param argv command after the connection file is known (default: fleetlab kernel)
 * @param connection the ports and key to use (a restart reuses its predecessor's)
 */
export async function startKernel(opts: { cwd?: string; env?: NodeJS.ProcessEnv; argv?: (file: string) => string[]; connection?: { file: string; conn: JsonObject } } = {}): Promise<KernelClient> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-kernel-"));
  for (let attempt = 1; ; attempt++) {
    const { file, conn } = opts.connection ?? (await writeConnectionFile(dir));
    const argv = opts.argv ? opts.argv(file) : [FLEETLAB_JS, "kernel", file];
    const proc = spawn(process.execPath, argv, { cwd: opts.cwd ?? REPO, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    proc.stdout?.resume();
    const client = new KernelClient(proc, conn as KernelClient["conn"], file);
    try {
      await client.ready();
      return client;
    } catch (e) {
      await client.close();
      const portTaken = e instanceof KernelExitedError && /address already in use/i.test(e.stderr);
      if (!portTaken || opts.connection || attempt === 3) throw e;
    }
  }
}

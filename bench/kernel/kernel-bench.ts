/**
 * FleetLab kernel vs tslab's own kernel, side by side, in one run:
 *   cold start  spawn -> first execute_result of `1 + 1`
 *   warm cell   median latency of a small cell (request sent -> idle)
 *   comm        round trip comm_msg -> echoed comm_msg, p50 / p99 (tslab drops comms: n/a)
 * Goals: cold start no slower than tslab, warm within 1.1x, comm p50 < 5 ms, p99 < 20 ms.
 * Prints only. Run: npm run build && node dist/bench/kernel/kernel-bench.js
 */
import { spawn } from "child_process";
import { randomBytes, randomUUID } from "crypto";
import fs from "fs";
import net from "net";
import os from "os";
import path from "path";
import * as zmq from "zeromq";
import type { Message } from "../../src/kernel/messages";
import type { JsonObject } from "../../src/kernel/runtime";
import { newHeader, parse, serialize } from "../../src/kernel/wire";

const REPO = path.resolve(__dirname, "..", "..", "..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

interface Kernel {
  request(msgType: string, content: JsonObject, buffers?: Uint8Array[]): Promise<Message[]>;
  close(): void;
}

async function start(argv: (file: string) => string[]): Promise<{ kernel: Kernel; coldMs: number }> {
  const key = randomBytes(16).toString("hex");
  const conn = { transport: "tcp", ip: "127.0.0.1", key, signature_scheme: "hmac-sha256", shell_port: await freePort(), control_port: await freePort(), iopub_port: await freePort(), stdin_port: await freePort(), hb_port: await freePort() };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-bench-")), "conn.json");
  fs.writeFileSync(file, JSON.stringify(conn));
  const shell = new zmq.Dealer();
  const iopub = new zmq.Subscriber();
  shell.connect(`tcp://127.0.0.1:${conn.shell_port}`);
  iopub.connect(`tcp://127.0.0.1:${conn.iopub_port}`);
  iopub.subscribe();
  const keyBytes = Buffer.from(key);
  const session = randomUUID();
  const waiting = new Map<string, { msgs: Message[]; done: (m: Message[]) => void; needReply: boolean; replied: boolean; idle: boolean }>();
  const check = (id: string) => {
    const w = waiting.get(id);
    if (w && (w.replied || !w.needReply) && w.idle) {
      waiting.delete(id);
      w.done(w.msgs);
    }
  };
  void (async () => {
    for await (const f of iopub) {
      const r = parse(f, keyBytes);
      if (!r.ok) continue;
      const id = (r.message.parent_header as { msg_id?: string }).msg_id ?? "";
      const w = waiting.get(id);
      if (!w) continue;
      w.msgs.push(r.message);
      if (r.message.header.msg_type === "status" && r.message.content.execution_state === "idle") w.idle = true;
      check(id);
    }
  })().catch(() => undefined);
  void (async () => {
    for await (const f of shell) {
      const r = parse(f, keyBytes);
      if (!r.ok) continue;
      const id = (r.message.parent_header as { msg_id?: string }).msg_id ?? "";
      const w = waiting.get(id);
      if (w) {
        w.replied = true;
        check(id);
      }
    }
  })().catch(() => undefined);
  const kernel: Kernel = {
    request(msgType, content, buffers = []) {
      const m: Message = { identities: [], header: newHeader(msgType, session, new Date().toISOString(), randomUUID()), parent_header: {}, metadata: {}, content, buffers };
      return new Promise((resolve) => {
        waiting.set(m.header.msg_id, { msgs: [], done: resolve, needReply: !msgType.startsWith("comm_"), replied: false, idle: false });
        void shell.send(serialize(m, keyBytes));
      });
    },
    close() {
      proc.kill("SIGKILL");
      shell.close();
      iopub.close();
    },
  };
  const t0 = performance.now();
  const proc = spawn(process.execPath, argv(file), { cwd: REPO, stdio: "ignore" });
  // Retry until iopub is subscribed and the kernel answers (the subscriber may join late).
  for (;;) {
    const r = await Promise.race([
      kernel.request("execute_request", { code: "1 + 1", silent: false, store_history: true, user_expressions: {}, allow_stdin: false }),
      new Promise<null>((res) => setTimeout(() => res(null), 3000)),
    ]);
    if (r && r.some((m) => m.header.msg_type === "execute_result" || (m.header.msg_type === "stream" && m.content.text === "2\n"))) break;
  }
  return { kernel, coldMs: performance.now() - t0 };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function warm(k: Kernel, n: number): Promise<number> {
  const times: number[] = [];
  await k.request("execute_request", { code: "let warmX = 0;", silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await k.request("execute_request", { code: `warmX = warmX + ${i}; warmX`, silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
    times.push(performance.now() - t);
  }
  return pct(times, 50);
}

async function comm(k: Kernel, n: number): Promise<{ p50: number; p99: number }> {
  await k.request("execute_request", {
    code: `import { currentKernelRuntime } from "fleetlab/dist/src/kernel/runtime";
currentKernelRuntime()!.registerCommTarget("bench.echo", (c) => c.onMessage(({ data, buffers }) => c.send(data, {}, buffers)));`,
    silent: false, store_history: true, user_expressions: {}, allow_stdin: false,
  });
  const commId = randomUUID();
  await k.request("comm_open", { comm_id: commId, target_name: "bench.echo", data: {} });
  const buf = new Uint8Array(1024);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const msgs = await k.request("comm_msg", { comm_id: commId, data: { i } }, [buf]);
    if (!msgs.some((m) => m.header.msg_type === "comm_msg")) throw new Error("comm echo missing");
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

async function main(): Promise<void> {
  const f = await start((file) => [path.join(REPO, "bin", "fleetlab.js"), "kernel", file]);
  const fWarm = await warm(f.kernel, 50);
  const fComm = await comm(f.kernel, 500);
  f.kernel.close();
  const t = await start((file) => [path.join(REPO, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", file]);
  const tWarm = await warm(t.kernel, 50);
  t.kernel.close();
  const row = (name: string, a: string, b: string, ratio: string, goal: string) =>
    console.log(`${name.padEnd(22)}${a.padStart(12)}${b.padStart(12)}${ratio.padStart(10)}   ${goal}`);
  row("", "fleetlab", "tslab", "ratio", "goal");
  row("cold start (ms)", f.coldMs.toFixed(0), t.coldMs.toFixed(0), (f.coldMs / t.coldMs).toFixed(2), "<= 1.00");
  row("warm cell p50 (ms)", fWarm.toFixed(2), tWarm.toFixed(2), (fWarm / tWarm).toFixed(2), "<= 1.10");
  row("comm round trip p50", fComm.p50.toFixed(2), "n/a", "n/a", "< 5 ms");
  row("comm round trip p99", fComm.p99.toFixed(2), "n/a", "n/a", "< 20 ms");
  process.exit(0);
}

void main();

/**
 * FleetLab's kernel, tslab's kernel and ipykernel side by side, in one run:
 *   first result  spawn -> the value of a first cell `1 + 1` shown on iopub, best of N cold starts (default 3)
 *   warm cell     p50 latency of a small cell that updates a variable (request sent -> idle)
 *   shell trip    p50 of kernel_info_request on shell (request -> idle): transport alone
 *   comm          round trip comm_msg -> echoed comm_msg, p50 / p99 (FleetLab only)
 * FleetLab starts from its kernelspec's argv, as Jupyter starts it. Cold starts are
 * interleaved (F, T, I, F, T, I, ...) so that background load hits all three alike.
 * Goals, as ratios to ipykernel: first result <= 1.5x, warm cell p50 <= 2x (stretch 1x);
 * comm p50 < 5 ms, p99 < 20 ms. Prints only; asserts nothing. FleetLab's kernel runs with
 * FLEETLAB_KERNEL_TIMING=1, and where its best start went is printed from its log.
 *
 * Run: npm run bench:kernel   (or node dist/bench/kernel/kernel-bench.js [--rounds N] [--only fleetlab,tslab,ipykernel])
 */
import { spawn, spawnSync } from "child_process";
import { randomBytes, randomUUID } from "crypto";
import fs from "fs";
import net from "net";
import os from "os";
import path from "path";
import * as zmq from "zeromq";
import { kernelJson } from "../../src/kernel/kernelspec";
import { TIMING_ENV } from "../../src/kernel/start-up-timing";
import type { Message } from "../../src/kernel/messages";
import type { JsonObject } from "../../src/kernel/runtime";
import { newHeader, parse, serialize } from "../../src/kernel/wire";

const REPO = path.resolve(__dirname, "..", "..", "..");
const PYTHON = "/usr/bin/python3";
/** zeromq retries a refused connect after this long (default 100 ms, which would quantize cold starts). */
const RECONNECT_MS = 5;

interface KernelKind {
  name: string;
  command(connectionFile: string): { file: string; args: string[] };
  /** Why this kernel cannot run here, or undefined. */
  missing(): string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Declares the warm-cell variable; warmCell(i) updates and shows it. */
  warmSetup: string;
  warmCell(i: number): string;
}

const TS_WARM = { warmSetup: "let warmX = 0;", warmCell: (i: number) => `warmX = warmX + ${i}; warmX` };

const KINDS: KernelKind[] = [
  {
    name: "fleetlab",
    command(file) {
      const [exe, ...args] = kernelJson(process.execPath, path.join(REPO, "bin", "fleetlab.js")).argv.map((a) => (a === "{connection_file}" ? file : a));
      return { file: exe, args };
    },
    missing: () => undefined,
    env: { ...process.env, [TIMING_ENV]: "1" },
    ...TS_WARM,
  },
  {
    name: "tslab",
    command: (file) => ({ file: process.execPath, args: [path.join(REPO, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", file] }),
    missing: () => undefined,
    ...TS_WARM,
  },
  {
    name: "ipykernel",
    command: (file) => ({ file: PYTHON, args: ["-m", "ipykernel_launcher", "-f", file] }),
    missing: () => (spawnSync(PYTHON, ["-c", "import ipykernel"]).status === 0 ? undefined : `${PYTHON} cannot import ipykernel (apt-get install python3-ipykernel)`),
    warmSetup: "warmX = 0",
    warmCell: (i) => `warmX = warmX + ${i}\nwarmX`,
  },
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on("error", reject);
  });
}

interface Exchange {
  reply?: Message;
  iopub: Message[];
  idle: boolean;
  done(): void;
}

/** A client on shell + iopub, connected before the kernel starts. */
class Client {
  private readonly shell = new zmq.Dealer({ reconnectInterval: RECONNECT_MS });
  private readonly iopub = new zmq.Subscriber({ reconnectInterval: RECONNECT_MS });
  private readonly key: Buffer;
  private readonly session = randomUUID();
  private readonly pending = new Map<string, Exchange>();
  private closed = false;

  constructor(conn: { key: string; shell_port: number; iopub_port: number }) {
    this.key = Buffer.from(conn.key);
    this.shell.connect(`tcp://127.0.0.1:${conn.shell_port}`);
    this.iopub.connect(`tcp://127.0.0.1:${conn.iopub_port}`);
    this.iopub.subscribe();
    void this.pump(this.iopub, (m, x) => {
      x.iopub.push(m);
      if (m.header.msg_type === "status" && m.content.execution_state === "idle") x.idle = true;
    });
    void this.pump(this.shell, (m, x) => (x.reply = m));
  }

  private async pump(socket: zmq.Dealer | zmq.Subscriber, onMessage: (m: Message, x: Exchange) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        const r = parse(frames, this.key);
        if (!r.ok) continue;
        const x = this.pending.get((r.message.parent_header as { msg_id?: string }).msg_id ?? "");
        if (!x) continue;
        onMessage(r.message, x);
        x.done();
      }
    } catch (err) {
      if (!this.closed) throw err;
    }
  }

  /** Sends a request; `until` decides when the exchange is over (default: reply and idle both seen). */
  request(msgType: string, content: JsonObject, opts: { buffers?: Uint8Array[]; until?: (x: Exchange) => boolean; timeoutMs?: number } = {}): Promise<Exchange> {
    const m: Message = { identities: [], header: newHeader(msgType, this.session, new Date().toISOString(), randomUUID()), parent_header: {}, metadata: {}, content, buffers: opts.buffers ?? [] };
    const until = opts.until ?? ((x: Exchange) => x.reply !== undefined && x.idle);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(m.header.msg_id);
        reject(new Error(`${msgType}: no answer within ${opts.timeoutMs ?? 30_000} ms`));
      }, opts.timeoutMs ?? 30_000);
      const x: Exchange = {
        iopub: [],
        idle: false,
        done: () => {
          if (!until(x)) return;
          clearTimeout(timer);
          this.pending.delete(m.header.msg_id);
          resolve(x);
        },
      };
      this.pending.set(m.header.msg_id, x);
      void this.shell.send(serialize(m, this.key));
    });
  }

  execute(code: string, opts: { until?: (x: Exchange) => boolean; timeoutMs?: number } = {}): Promise<Exchange> {
    return this.request("execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false }, opts);
  }

  close(): void {
    this.closed = true;
    this.shell.close();
    this.iopub.close();
  }
}

interface Running {
  client: Client;
  stop(): Promise<void>;
}

/** The value 2 shown: an execute_result (tslab's kernel prints values as a stdout stream instead). */
const hasResult = (x: Exchange) => x.iopub.some((m) => m.header.msg_type === "execute_result" || (m.header.msg_type === "stream" && m.content.text === "2\n"));

/** Spawns `kind` and times spawn -> the execute_result of `1 + 1`. */
async function coldStart(kind: KernelKind): Promise<{ ms: number; kernel: Running; log: () => string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-bench-"));
  const conn = { transport: "tcp", ip: "127.0.0.1", key: randomBytes(16).toString("hex"), signature_scheme: "hmac-sha256", shell_port: await freePort(), control_port: await freePort(), iopub_port: await freePort(), stdin_port: await freePort(), hb_port: await freePort() };
  const file = path.join(dir, "connection.json");
  fs.writeFileSync(file, JSON.stringify(conn));
  const client = new Client(conn);
  const { file: exe, args } = kind.command(file);
  const t0 = performance.now();
  // Each kernel runs in a folder of its own, as beside a student's notebook: not in this
  // repository, whose dev toolchain (@types/jest and its tree) would be ambient to its cells.
  const proc = spawn(exe, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"], env: kind.env ?? process.env });
  let stderr = "";
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const kernel: Running = {
    client,
    async stop() {
      client.close();
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once("exit", r));
        proc.kill("SIGKILL");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    // The request waits in zeromq's queue until the kernel binds; the result is the first thing it publishes for it.
    const died = new Promise<never>((_, reject) => proc.once("exit", (code, signal) => reject(new Error(`exited (${code ?? signal}) before its first result`))));
    const first = await Promise.race([client.execute("1 + 1", { until: (x) => hasResult(x) || (x.reply !== undefined && x.idle), timeoutMs: 60_000 }), died]);
    const ms = performance.now() - t0;
    // A reply without a result means iopub joined late: not a measurement.
    if (!hasResult(first)) throw new Error("execute_result of the first cell was not seen on iopub");
    return { ms, kernel, log: () => stderr.split("\n").filter((l) => l.includes("start-up:")) };
  } catch (err) {
    await kernel.stop();
    throw new Error(`${kind.name}: ${(err as Error).message}\n${stderr.slice(-2000)}`);
  }
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

async function timed(n: number, once: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await once(i);
    times.push(performance.now() - t);
  }
  return times;
}

async function warmCell(kind: KernelKind, k: Running, n: number): Promise<number> {
  await k.client.execute(kind.warmSetup);
  for (let i = 0; i < 10; i++) await k.client.execute(kind.warmCell(i)); // JIT warm-up, not measured
  return percentile(await timed(n, (i) => k.client.execute(kind.warmCell(i))), 50);
}

async function shellTrip(k: Running, n: number): Promise<number> {
  return percentile(await timed(n, () => k.client.request("kernel_info_request", {})), 50);
}

async function commTrip(k: Running, n: number): Promise<{ p50: number; p99: number }> {
  await k.client.execute(`import { currentKernelRuntime } from "fleetlab/dist/src/kernel/runtime";
currentKernelRuntime()!.registerCommTarget("bench.echo", (c) => c.onMessage(({ data, buffers }) => c.send(data, {}, buffers)));`);
  const commId = randomUUID();
  const idle = (x: Exchange) => x.idle;
  await k.client.request("comm_open", { comm_id: commId, target_name: "bench.echo", data: {} }, { until: idle });
  const buf = new Uint8Array(1024);
  const times = await timed(n, async (i) => {
    const x = await k.client.request("comm_msg", { comm_id: commId, data: { i } }, { buffers: [buf], until: idle });
    if (!x.iopub.some((m) => m.header.msg_type === "comm_msg")) throw new Error("comm echo missing");
  });
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

interface Result {
  cold: number[];
  /** Starts that failed (a port taken meanwhile, a kernel that crashed starting) and were redone. */
  failed: string[];
  /** The kernel's start-up log of its best start. */
  startUp?: string[];
  warm?: number;
  shell?: number;
  comm?: { p50: number; p99: number };
  missing?: string;
}

/** coldStart, redone up to twice when a start fails; the failures are reported, not hidden. */
async function startWithRetries(kind: KernelKind, failed: string[]): Promise<{ ms: number; kernel: Running; log: () => string[] }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await coldStart(kind);
    } catch (err) {
      const reason = (err as Error).message.split("\n").find((l) => /Error|error|no answer/.test(l)) ?? (err as Error).message.split("\n")[0];
      failed.push(reason.trim());
      if (attempt === 3) throw err;
    }
  }
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const rounds = Number(option("rounds") ?? 3);
  const only = option("only")?.split(",");
  const kinds = KINDS.filter((k) => !only || only.includes(k.name));
  const results = new Map<string, Result>(KINDS.map((k) => [k.name, { cold: [], failed: [], missing: only && !only.includes(k.name) ? "not selected" : k.missing() }]));
  for (let round = 1; round <= rounds; round++) {
    for (const kind of kinds) {
      const r = results.get(kind.name)!;
      if (r.missing) continue;
      const { ms, kernel, log } = await startWithRetries(kind, r.failed);
      if (r.cold.every((c) => ms < c)) r.startUp = log();
      r.cold.push(ms);
      if (round === rounds) {
        r.warm = await warmCell(kind, kernel, 100);
        r.shell = await shellTrip(kernel, 100);
        if (kind.name === "fleetlab") r.comm = await commTrip(kernel, 500);
      }
      await kernel.stop();
    }
  }
  print(results, rounds);
  process.exit(0);
}

function print(results: Map<string, Result>, rounds: number): void {
  const f = results.get("fleetlab")!;
  const t = results.get("tslab")!;
  const i = results.get("ipykernel")!;
  const best = (r: Result) => (r.cold.length ? Math.min(...r.cold) : undefined);
  const ms = (v: number | undefined, digits: number) => (v === undefined ? "n/a" : v.toFixed(digits));
  const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? "n/a" : `${(a / b).toFixed(2)}x`);
  const row = (cells: string[]) => console.log(cells[0].padEnd(30) + cells.slice(1, 6).map((c) => c.padStart(11)).join("") + "   " + (cells[6] ?? ""));
  row(["", "fleetlab", "tslab", "ipykernel", "fl/ipy", "tslab/ipy", "goal (fleetlab)"]);
  row([`first result, best of ${rounds} (ms)`, ms(best(f), 0), ms(best(t), 0), ms(best(i), 0), ratio(best(f), best(i)), ratio(best(t), best(i)), "<= 1.5x ipykernel"]);
  row(["warm cell p50 (ms)", ms(f.warm, 2), ms(t.warm, 2), ms(i.warm, 2), ratio(f.warm, i.warm), ratio(t.warm, i.warm), "<= 2x ipykernel (stretch 1x)"]);
  row(["shell round trip p50 (ms)", ms(f.shell, 2), ms(t.shell, 2), ms(i.shell, 2), ratio(f.shell, i.shell), ratio(t.shell, i.shell), "(kernel_info: transport alone)"]);
  row(["comm round trip p50 (ms)", ms(f.comm?.p50, 2), "n/a", "n/a", "", "", "< 5 ms"]);
  row(["comm round trip p99 (ms)", ms(f.comm?.p99, 2), "n/a", "n/a", "", "", "< 20 ms"]);
  for (const [name, r] of results) {
    if (r.missing) console.log(`${name}: skipped (${r.missing})`);
    else console.log(`${name} first result per start (ms): ${r.cold.map((c) => c.toFixed(0)).join(", ")}${r.failed.length ? `; ${r.failed.length} failed start(s) redone: ${r.failed.join("; ")}` : ""}`);
  }
  if (f.startUp?.length) console.log(`fleetlab's best start, from its log:\n  ${f.startUp.join("\n  ")}`);
}

void main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});

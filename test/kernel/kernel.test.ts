/**
 * Over-the-wire tests of `fleetlab kernel`: a real kernel process, our own zeromq
 * client (test/helpers/kernel-client.ts). Needs dist/ built (npm test builds it).
 */
import { randomBytes } from "crypto";
import fs from "fs";
import net from "net";
import os from "os";
import path from "path";
import type { Message } from "../../src/kernel/messages";
import type { JsonObject } from "../../src/kernel/runtime";
import { DELIMITER, serialize, sign } from "../../src/kernel/wire";
import { KernelClient, KernelExitedError, startKernel, writeConnectionFile } from "../helpers/kernel-client";

const RUNTIME = `import { currentKernelRuntime, MIME_BUNDLE } from "fleetlab/dist/src/kernel/runtime";`;

function types(ms: Message[]): string[] {
  return ms.map((m) => m.header.msg_type);
}
function ofType(ms: Message[], t: string): Message[] {
  return ms.filter((m) => m.header.msg_type === t);
}

describe("fleetlab kernel over the wire", () => {
  let k: KernelClient;
  beforeAll(async () => {
    k = await startKernel();
  });
  afterAll(async () => k.close());

  it("answers kernel_info on shell and control, and heartbeat", async () => {
    for (const channel of ["shell", "control"] as const) {
      const { reply, iopub } = await k.request(channel, "kernel_info_request", {});
      expect(reply.header.msg_type).toBe("kernel_info_reply");
      expect(reply.content).toMatchObject({
        status: "ok", protocol_version: "5.3", implementation: "fleetlab",
        language_info: { name: "typescript", mimetype: "text/typescript", file_extension: ".ts" },
      });
      expect(reply.content.banner).toContain(`Node.js ${process.version}`);
      // Cells compile with the package's own TypeScript.
      const typescript = (JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")) as { version: string }).version;
      expect((reply.content.language_info as { version: string }).version).toBe(typescript);
      // Help points at FleetLab's own README, as package.json publishes it.
      const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string; homepage: string };
      expect(reply.content.implementation_version).toBe(pkg.version);
      expect((reply.content.help_links as { text: string; url: string }[])[0]).toEqual({ text: "FleetLab README", url: pkg.homepage });
      expect(types(iopub)).toEqual(["status", "status"]);
    }
    expect(await k.heartbeat()).toBe(true);
  });

  it("executes a cell: execute_input, execute_result with count, busy/idle around it", async () => {
    const { reply, iopub } = await k.execute("const answer: number = 6 * 7;\nanswer");
    expect(reply.content.status).toBe("ok");
    const n = reply.content.execution_count as number;
    expect(types(iopub)).toEqual(["status", "execute_input", "execute_result", "status"]);
    expect(iopub[0].content.execution_state).toBe("busy");
    expect(ofType(iopub, "execute_input")[0].content).toMatchObject({ code: expect.stringContaining("answer"), execution_count: n });
    expect(ofType(iopub, "execute_result")[0].content).toEqual({ execution_count: n, data: { "text/plain": "42" }, metadata: {} });
    const next = await k.execute("answer + 1");
    expect(next.reply.content.execution_count).toBe(n + 1);
  });

  it("captures stdout and stderr as stream messages", async () => {
    const { iopub } = await k.execute('console.log("to out"); console.error("to err"); process.stdout.write("raw")');
    const streams = ofType(iopub, "stream").map((m) => m.content);
    expect(streams).toEqual(expect.arrayContaining([{ name: "stdout", text: "to out\n" }, { name: "stderr", text: "to err\n" }, { name: "stdout", text: "raw" }]));
  });

  it("reports a runtime error with ename/evalue/traceback, and the next cell runs at once", async () => {
    const { reply, iopub } = await k.execute('throw new RangeError("mtbfHours must be > 0")');
    expect(reply.content).toMatchObject({ status: "error", ename: "RangeError", evalue: "mtbfHours must be > 0" });
    const err = ofType(iopub, "error")[0].content;
    expect(err.ename).toBe("RangeError");
    expect((err.traceback as string[]).join("\n")).toContain("mtbfHours must be > 0");
    const after = await k.execute("1 + 1");
    expect(after.reply.content.status).toBe("ok");
    expect(ofType(after.iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "2" });
  });

  it("reports a type error as line:col diagnostics", async () => {
    const { reply } = await k.execute('const s: string = 5;');
    expect(reply.content).toMatchObject({ status: "error", ename: "TypeScriptError" });
    expect(reply.content.evalue).toMatch(/^1:7 - Type 'number' is not assignable to type 'string'/);
  });

  it("honours silent and store_history", async () => {
    const before = (await k.execute("0")).reply.content.execution_count as number;
    const silent = await k.execute('console.log("quiet"); 5', { silent: true });
    expect(types(silent.iopub)).not.toContain("execute_input");
    expect(types(silent.iopub)).not.toContain("execute_result");
    expect(silent.reply.content.execution_count).toBe(before);
    const noHistory = await k.execute("6", { store_history: false });
    expect(noHistory.reply.content.execution_count).toBe(before);
    expect((await k.execute("7")).reply.content.execution_count).toBe(before + 1);
  });

  it("evaluates user_expressions", async () => {
    const { reply } = await k.execute("const ue = 20;", { user_expressions: { twice: "ue * 2" } });
    expect(reply.content.user_expressions).toEqual({ twice: { status: "ok", data: { "text/plain": "40" }, metadata: {} } });
  });

  it("sends display_data / update_display_data with transient display_id, and rich results", async () => {
    const { iopub } = await k.execute(`${RUNTIME}
const rt = currentKernelRuntime()!;
rt.display({ "text/html": "<b>v1</b>" }, { displayId: "d1" });
rt.updateDisplay({ "text/html": "<b>v2</b>" }, { displayId: "d1" });
const rich = { [MIME_BUNDLE]: () => ({ "text/html": "<i>rich</i>" }) };
rich`);
    expect(ofType(iopub, "display_data")[0].content).toEqual({ data: { "text/html": "<b>v1</b>" }, metadata: {}, transient: { display_id: "d1" } });
    expect(ofType(iopub, "update_display_data")[0].content).toMatchObject({ data: { "text/html": "<b>v2</b>" }, transient: { display_id: "d1" } });
    const result = ofType(iopub, "execute_result")[0].content.data as Record<string, string>;
    expect(result["text/html"]).toBe("<i>rich</i>");
    expect(result["text/plain"]).toContain("Symbol(fleetlab.mimeBundle)");
  });

  it("imports the fleetlab package by name, type-checked", async () => {
    const ok = await k.execute('import { fleetAvailability, ModelInputError } from "fleetlab";\ntypeof fleetAvailability === "function" && new ModelInputError("f", "x", "> 0", -1) instanceof RangeError');
    expect(ok.reply.content.status).toBe("ok");
    expect(ofType(ok.iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "true" });
    const bad = await k.execute('import { fleetAvailability as fa } from "fleetlab";\nconst wrong: string = fa;');
    expect(bad.reply.content.evalue).toMatch(/not assignable to type 'string'/);
  });

  it("answers complete, inspect, is_complete, history", async () => {
    await k.execute("const fleetGpus: number = 4096;");
    const c = await k.request("shell", "complete_request", { code: "fleetG", cursor_pos: 6 });
    expect(c.reply.header.msg_type).toBe("complete_reply");
    expect(c.reply.content).toMatchObject({ status: "ok", cursor_start: 0, cursor_end: 6 });
    expect(c.reply.content.matches).toContain("fleetGpus");
    // cursor_pos counts code points: the emoji is one, not two UTF-16 units.
    const emoji = await k.request("shell", "complete_request", { code: '"🚀"; fleetG', cursor_pos: 11 });
    expect(emoji.reply.content).toMatchObject({ cursor_start: 5, cursor_end: 11 });
    const i = await k.request("shell", "inspect_request", { code: "fleetGpus", cursor_pos: 3, detail_level: 0 });
    expect(i.reply.content).toMatchObject({ status: "ok", found: true, data: { "text/plain": "const fleetGpus: number" } });
    const notFound = await k.request("shell", "inspect_request", { code: "   ", cursor_pos: 1, detail_level: 0 });
    expect(notFound.reply.content.found).toBe(false);
    expect((await k.request("shell", "is_complete_request", { code: "if (x) {" })).reply.content).toMatchObject({ status: "incomplete" });
    expect((await k.request("shell", "is_complete_request", { code: "1 + 1" })).reply.content).toEqual({ status: "complete" });
    expect((await k.request("shell", "history_request", { output: false, raw: true, hist_access_type: "tail", n: 10 })).reply.content).toEqual({ status: "ok", history: [] });
  });

  it("round-trips comms with binary buffers and routes output to the comm message", async () => {
    const setup = await k.execute(`${RUNTIME}
const echoRt = currentKernelRuntime()!;
echoRt.registerCommTarget("test.echo", (comm, open) => {
  comm.send({ opened: open.data }, {}, open.buffers);
  comm.onMessage(({ data, buffers }) => {
    console.log("handling", JSON.stringify(data));
    comm.send({ echo: data, sizes: buffers.map((b) => b.length) }, { m: 1 }, buffers.map((b) => Uint8Array.from(b, (x) => 255 - x)));
  });
  comm.onClose(() => console.log("closed by front end"));
});`);
    expect(setup.reply.content.status).toBe("ok");
    const commId = "c0ffee00-0000-4000-8000-000000000001";
    const opened = await k.send("comm_open", { comm_id: commId, target_name: "test.echo", data: { hello: 1 }, target_module: null }, [Uint8Array.from([1, 2, 3])]);
    const first = ofType(opened, "comm_msg")[0];
    expect(first.content).toEqual({ comm_id: commId, data: { opened: { hello: 1 } } });
    expect(first.buffers.map((b) => Array.from(b))).toEqual([[1, 2, 3]]);

    const info = await k.request("shell", "comm_info_request", { target_name: "test.echo" });
    expect(info.reply.header.msg_type).toBe("comm_info_reply");
    expect(info.reply.content).toEqual({ status: "ok", comms: { [commId]: { target_name: "test.echo" } } });
    const none = await k.request("shell", "comm_info_request", { target_name: "other" });
    expect(none.reply.content.comms).toEqual({});

    const big = Buffer.alloc(100_000, 7);
    const msgs = await k.send("comm_msg", { comm_id: commId, data: { x: 42 } }, [Uint8Array.from([0, 10]), big]);
    const echo = ofType(msgs, "comm_msg")[0];
    expect(echo.content.data).toEqual({ echo: { x: 42 }, sizes: [2, 100_000] });
    expect(echo.metadata).toEqual({ m: 1 });
    expect(Array.from(echo.buffers[0])).toEqual([255, 245]);
    expect(echo.buffers[1].length).toBe(100_000);
    expect(echo.buffers[1][99_999]).toBe(248);
    // Output printed while handling the comm_msg is parented to that comm_msg, not the last cell.
    expect(ofType(msgs, "stream").map((m) => m.content.text)).toEqual(['handling {"x":42}\n']);

    const closed = await k.send("comm_close", { comm_id: commId, data: {} });
    expect(ofType(closed, "stream").map((m) => m.content.text)).toEqual(["closed by front end\n"]);
    expect((await k.request("shell", "comm_info_request", {})).reply.content.comms).toEqual({});
  });

  it("opens comms from the kernel side and closes a comm_open for an unknown target", async () => {
    const { iopub } = await k.execute(`${RUNTIME}
const c = currentKernelRuntime()!.openComm("test.kernel_side", { a: 1 }, {}, [new Uint8Array([9])]);
c.send({ b: 2 }); c.close({ bye: true }); c.isClosed`);
    const open = ofType(iopub, "comm_open")[0];
    expect(open.content).toMatchObject({ target_name: "test.kernel_side", data: { a: 1 } });
    expect(Array.from(open.buffers[0])).toEqual([9]);
    expect(ofType(iopub, "comm_msg")[0].content.data).toEqual({ b: 2 });
    expect(ofType(iopub, "comm_close")[0].content.data).toEqual({ bye: true });
    const unknown = await k.send("comm_open", { comm_id: "nope-1", target_name: "no.such.target", data: {} });
    expect(ofType(unknown, "comm_close")[0].content.comm_id).toBe("nope-1");
    await k.send("comm_msg", { comm_id: "never-opened", data: {} });
    await k.waitFor(() => (k.stderr.includes("unknown comm_id never-opened") ? true : undefined), 5000);
  });

  it("parents output from an async callback to the cell that scheduled it", async () => {
    const first = k.execute('setTimeout(() => console.log("late from first"), 300); "scheduled"');
    const firstReply = await first;
    const second = await k.execute('await new Promise((r) => setTimeout(r, 600)); "second"');
    expect(ofType(second.iopub, "stream")).toEqual([]);
    const late = await k.waitFor((ms) => ms.find((m) => m.header.msg_type === "stream" && m.content.text === "late from first\n"));
    expect((late.parent_header as { msg_id: string }).msg_id).toBe((firstReply.reply.parent_header as { msg_id: string }).msg_id);
  });

  it("interrupts a busy sync loop and a pending await, keeping earlier state", async () => {
    await k.execute("let kept = 123;");
    const loops = [
      "while (true) {}",
      "await new Promise(() => {})",
      "for (let i = 0; i < 1e12; i++) { kept += 0; }",
      // After the first await the loop runs as a microtask, outside the cell's vm script.
      "await Promise.resolve(); while (true) {}",
      "await new Promise((r) => setTimeout(r, 50)); for (;;) { kept += 0; }",
    ];
    for (const code of loops) {
      const pending = k.execute(code);
      await new Promise((r) => setTimeout(r, 500));
      const intr = await k.request("control", "interrupt_request", {});
      expect(intr.reply.header.msg_type).toBe("interrupt_reply");
      const { reply } = await pending;
      expect(reply.content).toMatchObject({ status: "error", ename: "Interrupted" });
      const check = await k.execute("kept");
      expect(ofType(check.iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "123" });
    }
  });

  it("interrupts a loop in a timer callback that a finished cell scheduled", async () => {
    const scheduled = await k.execute('setTimeout(() => { for (;;) {} }, 100); "scheduled"');
    expect(scheduled.reply.content.status).toBe("ok");
    await new Promise((r) => setTimeout(r, 500));
    await k.request("control", "interrupt_request", {});
    const check = await k.execute("kept");
    expect(ofType(check.iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "123" });
    expect(k.stderr).not.toMatch(/corrupted|Aborted|cannot interrupt/);
  });

  it("a second interrupt of the same cell, or one while idle, does not fail the next cell", async () => {
    const pending = k.execute("await new Promise(() => {})");
    await new Promise((r) => setTimeout(r, 500));
    await k.request("control", "interrupt_request", {});
    await k.request("control", "interrupt_request", {});
    expect((await pending).reply.content.ename).toBe("Interrupted");
    await k.request("control", "interrupt_request", {});
    const next = await k.execute("await new Promise((r) => setTimeout(r, 50)); kept + 1");
    expect(next.reply.content.status).toBe("ok");
    expect(ofType(next.iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "124" });
  });

  it("also interrupts on SIGINT (interrupt_mode signal), before and after the cell's first await", async () => {
    for (const code of ["while (true) {}", "await Promise.resolve(); while (true) { kept += 0; }"]) {
      const pending = k.execute(code);
      await new Promise((r) => setTimeout(r, 500));
      k.proc.kill("SIGINT");
      if (code.startsWith("await")) {
        // No signal listener runs inside a microtask: the escalation interrupt.ts makes from the
        // server thread stops it (an interrupt_request); the SIGINT alone must not end the kernel.
        await new Promise((r) => setTimeout(r, 300));
        await k.request("control", "interrupt_request", {});
      }
      expect((await pending).reply.content.ename).toBe("Interrupted");
      expect(ofType((await k.execute("kept")).iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "123" });
    }
  });
});

describe("fleetlab kernel: restart, shutdown, notebook folders", () => {
  it("replies to shutdown_request (restart true and false) and exits; a restarted kernel starts fresh", async () => {
    const k1 = await startKernel();
    await k1.execute("const survivor = 1;");
    const r = await k1.request("control", "shutdown_request", { restart: true });
    expect(r.reply.content).toEqual({ status: "ok", restart: true });
    expect(await k1.exited()).toBe(0);
    await k1.close();
    // The nanny restarts the kernel with the same connection file.
    const k2 = await startKernel({ connection: { file: k1.connectionFile, conn: k1.conn as JsonObject } });
    const fresh = await k2.execute("typeof survivor");
    expect(fresh.reply.content.status).toBe("error"); // not declared any more: a type error
    const r2 = await k2.request("shell", "shutdown_request", { restart: false });
    expect(r2.reply.content).toEqual({ status: "ok", restart: false });
    expect(await k2.exited()).toBe(0);
    await k2.close();
  });

  it("exits at once, naming the address, when a port it must bind is taken", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    try {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-busy-"));
      const { file, conn } = await writeConnectionFile(dir);
      const busy = { ...conn, shell_port: (taken.address() as net.AddressInfo).port };
      fs.writeFileSync(file, JSON.stringify(busy));
      const started = Date.now();
      const failure = await startKernel({ connection: { file, conn: busy } }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(KernelExitedError);
      expect((failure as KernelExitedError).stderr).toMatch(/server failed: Error: Address already in use/);
      expect(Date.now() - started).toBeLessThan(30_000); // not the 60 s wait for a reply that cannot come
    } finally {
      taken.close();
    }
  });

  it("resolves `fleetlab` from a notebook folder outside the repository", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-nb-"));
    const k = await startKernel({ cwd: dir });
    try {
      const { reply, iopub } = await k.execute('import { ModelInputError } from "fleetlab";\nimport { currentKernelRuntime } from "fleetlab/dist/src/kernel/runtime";\n[new ModelInputError("f", "x", "> 0", -1).name, typeof currentKernelRuntime()]');
      expect(reply.content.status).toBe("ok");
      expect(ofType(iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "[ 'ModelInputError', 'object' ]" });
      expect(fs.readdirSync(dir)).toEqual([]); // nothing written into the notebook folder
    } finally {
      await k.close();
    }
  });
});

describe("fleetlab kernel: local modules", () => {
  it("re-reads a local .ts module edited after its first import (its type-check and its code)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-local-nb-"));
    fs.writeFileSync(path.join(dir, "fleet.ts"), "export const gpus: number = 8;\n");
    const k = await startKernel({ cwd: dir });
    try {
      const first = await k.execute('import { gpus } from "./fleet";\ngpus');
      expect(ofType(first.iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "8" });
      fs.writeFileSync(path.join(dir, "fleet.ts"), 'export const gpus: string = "4096";\n');
      // The change is seen by the file's modification time; ask until it shows (coarse timestamps).
      const deadline = Date.now() + 20_000;
      let shown: unknown;
      while (Date.now() < deadline) {
        const r = await k.execute('import { gpus as g } from "./fleet";\nconst asText: string = g; asText');
        shown = r.reply.content.status === "ok" ? ofType(r.iopub, "execute_result")[0]?.content.data : r.reply.content.evalue;
        if (JSON.stringify(shown) === JSON.stringify({ "text/plain": "'4096'" })) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(shown).toEqual({ "text/plain": "'4096'" });
    } finally {
      await k.close();
    }
  });
});

describe("fleetlab kernel: ambient @types", () => {
  it("makes @types/node and the notebook's declared @types ambient, other @types only on import", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-types-nb-"));
    const types = path.join(dir, "node_modules", "@types");
    for (const [name, body] of [["declared", "declare const DECLARED_GLOBAL: number;"], ["undeclared", "declare const UNDECLARED_GLOBAL: number;"], ["umdthing", "declare const UMD_GLOBAL: number;\nexport = UMD_GLOBAL;\nexport as namespace UmdThing;"]]) {
      fs.mkdirSync(path.join(types, name), { recursive: true });
      fs.writeFileSync(path.join(types, name, "index.d.ts"), body + "\n");
    }
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "nb", devDependencies: { "@types/declared": "*" } }));
    const k = await startKernel({ cwd: dir });
    try {
      expect((await k.execute("type D = typeof DECLARED_GLOBAL; Buffer.from('x').length")).reply.content.status).toBe("ok");
      const undeclared = await k.execute("type U = typeof UNDECLARED_GLOBAL;");
      expect(undeclared.reply.content.evalue).toMatch(/Cannot find name 'UNDECLARED_GLOBAL'/);
      const imported = await k.execute('import type * as Umd from "umdthing";\nconst n: typeof Umd = 1; n');
      expect(imported.reply.content).toMatchObject({ status: "ok" });
    } finally {
      await k.close();
    }
  });
});

describe("fleetlab kernel: malformed and badly signed messages", () => {
  it("survives 1,000+ bad messages, logs reasons, then still answers and executes", async () => {
    const k = await startKernel();
    try {
      const good = () => serialize(k.message("execute_request", { code: "1" }), k.key);
      const json = (o: unknown) => Buffer.from(JSON.stringify(o));
      const signed = (frames: Buffer[]) => [DELIMITER, Buffer.from(sign(k.key, frames)), ...frames];
      const header = (over: object) => ({ msg_id: "m", session: "s", username: "u", date: "d", msg_type: "kernel_info_request", version: "5.3", ...over });
      const generators: (() => Buffer[])[] = [
        () => { const f = good(); f[1] = Buffer.from("f".repeat(64)); return f; }, // bad HMAC
        () => { const f = good(); f[1] = Buffer.alloc(0); return f; }, // empty signature
        () => good().slice(0, 1 + Math.floor(Math.random() * 5)), // truncated
        () => [Buffer.from("no delimiter at all")],
        () => signed([Buffer.from("{not json"), json({}), json({}), json({})]), // invalid JSON, validly signed
        () => signed([json([1, 2]), json({}), json({}), json({})]),
        () => signed([json(header({ msg_id: 5 })), json({}), json({}), json({})]), // wrong field type
        () => signed([json(header({ msg_type: null })), json({}), json({}), json({})]),
        () => signed([json(header({ msg_type: "no_such_request" })), json({}), json({}), json({})]), // unknown msg_type
        () => signed([json(header({ msg_type: "execute_request" })), json({}), json({}), json({ code: 42 })]), // ill-typed content
        () => signed([json(header({ msg_type: "comm_msg" })), json({}), json({}), json({ comm_id: "ghost", data: {} })]), // unknown comm
        () => signed([json(header({ msg_type: "comm_open" })), json({}), json({}), json({ comm_id: 7, target_name: [], data: "x" })]),
        () => signed([json(header({ msg_type: "complete_request" })), json({}), json({}), json({ code: "x", cursor_pos: "end" })]),
        () => signed([json(header({})), json({ msg_id: 1 }), json({}), json({})]), // bad parent header
        () => [DELIMITER, Buffer.from(sign(k.key, [])), ...Array.from({ length: 4 }, () => randomBytes(50_000))], // huge garbage
        () => Array.from({ length: 1 + Math.floor(Math.random() * 8) }, () => randomBytes(Math.floor(Math.random() * 200))),
      ];
      let sent = 0;
      for (let i = 0; i < 1200; i++) {
        const g = generators[i % generators.length];
        await k.sendRaw(i % 3 === 0 ? "control" : "shell", g());
        sent++;
      }
      expect(sent).toBeGreaterThanOrEqual(1000);
      const info = await k.request("shell", "kernel_info_request", {});
      expect(info.reply.content.implementation).toBe("fleetlab");
      const { reply, iopub } = await k.execute("const stillAlive: number = 40 + 2; stillAlive");
      expect(reply.content.status).toBe("ok");
      expect(ofType(iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "42" });
      expect(k.stderr).toContain("bad HMAC signature");
      expect(k.stderr).toContain("is not valid JSON");
      expect(k.stderr).toContain("header.msg_id must be a string");
      expect(k.stderr).toContain('unknown msg_type "no_such_request"');
      expect(k.stderr).toContain("execute_request: content.code must be a string");
      expect(k.proc.exitCode).toBeNull();
    } finally {
      await k.close();
    }
  });
});

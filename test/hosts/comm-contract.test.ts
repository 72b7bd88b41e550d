/**
 * The Comm contract, the same cases against every host that gives cells a KernelRuntime:
 *
 *   kernel    the kernel's request handler, its ZeroMQ side replaced by the wire format
 *             alone (messages are serialized and parsed, never sent)
 *   headless  the runtime `fleetlab run` installs (src/mission/hosts/headless/runtime.ts)
 *   fake      the widget specs' runtime (test/helpers/fake-runtime.ts)
 *
 * What a host does with a message it drops or a handler that throws differs only in how it
 * is reported (the kernel logs; a recording front end throws to the sender); each adapter
 * turns that into an Outcome so the cases read the same.
 */
import fs from "fs";
import { randomUUID } from "crypto";
import type { Executor } from "../../src/kernel/executor";
import { createHandler } from "../../src/kernel/handler";
import type { Message } from "../../src/kernel/messages";
import { CommRejectedError, type RecordingFrontEnd } from "../../src/kernel/recording-front-end";
import type { CommPayload, JsonObject, KernelRuntime } from "../../src/kernel/runtime";
import { newHeader, parse, serialize } from "../../src/kernel/wire";
import { createHeadlessRuntime } from "../../src/mission/hosts/headless/runtime";
import { FakeRuntime } from "../helpers/fake-runtime";

/** One message as the front end received it (buffers as byte lists, to compare across hosts). */
interface Seen {
  msgType: string;
  content: JsonObject;
  metadata: JsonObject;
  buffers: number[][];
}

/** How a front-end message ended. */
type Outcome = { ok: true } | { dropped: string } | { handlerError: string };

interface Host {
  runtime: KernelRuntime;
  /** Comm and display messages the front end has received, oldest first. */
  seen(): Seen[];
  open(targetName: string, data?: JsonObject, metadata?: JsonObject, buffers?: Uint8Array[]): Promise<{ id: string; outcome: Outcome }>;
  send(commId: string, data: JsonObject, metadata?: JsonObject, buffers?: Uint8Array[]): Promise<Outcome>;
  close(commId: string, data?: JsonObject): Promise<Outcome>;
  commInfo(targetName?: string): Promise<JsonObject>;
}

const RUNTIME_MESSAGES = ["comm_open", "comm_msg", "comm_close", "display_data", "update_display_data", "clear_output"];
const bytes = (b: Uint8Array) => [...b];

// ----- kernel --------------------------------------------------------------------------

const KEY = Buffer.from("comm-contract");
/** A message as the other end of the socket gets it. */
const overZmq = (m: Message): Message => {
  const r = parse(serialize(m, KEY), KEY);
  if (!r.ok) throw new Error(r.reason);
  return r.message;
};

function kernelHost(): Host {
  const iopub: Message[] = [];
  const shell: Message[] = [];
  const handler = createHandler({} as Executor, "contract-kernel", (channel, m) => (channel === "iopub" ? iopub : shell).push(overZmq(m)));

  /** Sends one shell message; the kernel's log lines and stderr say whether it was dropped or a handler threw. */
  async function request(msgType: string, content: JsonObject, metadata: JsonObject = {}, buffers: Uint8Array[] = []): Promise<Outcome> {
    const header = newHeader(msgType, "contract-front-end", new Date().toISOString(), randomUUID());
    const lines: string[] = [];
    const log = jest.spyOn(fs, "writeSync").mockImplementation(((_fd: number, text: string) => (lines.push(text), text.length)) as never);
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(((text: string) => (lines.push(text), true)) as never);
    try {
      await handler.handle(overZmq({ identities: [Buffer.from("front-end")], header, parent_header: {}, metadata, content, buffers }));
    } finally {
      log.mockRestore();
      stderr.mockRestore();
    }
    const dropped = lines.find((l) => l.includes(`rejected ${msgType}: `));
    if (dropped) return { dropped };
    const thrown = lines.find((l) => l.startsWith("Error in "));
    return thrown ? { handlerError: thrown } : { ok: true };
  }

  return {
    runtime: handler.runtime,
    seen: () => iopub.filter((m) => RUNTIME_MESSAGES.includes(m.header.msg_type)).map((m) => ({
      msgType: m.header.msg_type, content: m.content, metadata: m.metadata, buffers: m.buffers.map(bytes),
    })),
    async open(targetName, data = {}, metadata = {}, buffers = []) {
      const id = randomUUID();
      return { id, outcome: await request("comm_open", { comm_id: id, target_name: targetName, data, target_module: null }, metadata, buffers) };
    },
    send: (commId, data, metadata, buffers) => request("comm_msg", { comm_id: commId, data }, metadata, buffers),
    close: (commId, data = {}) => request("comm_close", { comm_id: commId, data }),
    async commInfo(targetName) {
      await request("comm_info_request", targetName === undefined ? {} : { target_name: targetName });
      return shell[shell.length - 1].content.comms as JsonObject;
    },
  };
}

// ----- hosts with a recording front end -------------------------------------------------

function recordingHost(runtime: KernelRuntime, frontEnd: RecordingFrontEnd): Host {
  const outcome = (f: () => void): Outcome => {
    try {
      f();
      return { ok: true };
    } catch (err) {
      return err instanceof CommRejectedError ? { dropped: err.message } : { handlerError: String((err as Error).message) };
    }
  };
  return {
    runtime,
    seen: () => frontEnd.received.map((m) => ({ msgType: m.msgType, content: m.content, metadata: m.metadata, buffers: m.buffers.map(bytes) })),
    async open(targetName, data, metadata, buffers) {
      const result = outcome(() => frontEnd.open(targetName, data, metadata, buffers));
      return { id: frontEnd.comms().at(-1)!.commId, outcome: result };
    },
    send: async (commId, data, metadata, buffers) => outcome(() => frontEnd.send(commId, data, metadata, buffers)),
    close: async (commId, data) => outcome(() => frontEnd.close(commId, data)),
    commInfo: async (targetName) => frontEnd.commInfo(targetName),
  };
}

const HOSTS: [string, () => Host][] = [
  ["kernel", kernelHost],
  ["headless", () => {
    const rt = createHeadlessRuntime();
    return recordingHost(rt, rt.frontEnd);
  }],
  ["fake", () => {
    const rt = new FakeRuntime();
    return recordingHost(rt, rt.frontEnd);
  }],
];

// ----- the contract ---------------------------------------------------------------------------

describe.each(HOSTS)("Comm contract: %s", (_name, createHost) => {
  let host: Host;
  beforeEach(() => {
    host = createHost();
  });

  /** A comm the kernel side opened, with the opening left out of `seen()` counts. */
  function opened(targetName = "contract.widget") {
    const comm = host.runtime.openComm(targetName, {});
    const before = host.seen().length;
    return { comm, since: () => host.seen().slice(before) };
  }

  describe("kernel side", () => {
    it("openComm sends comm_open with its data, metadata and buffers, and comm_info lists the comm", async () => {
      const comm = host.runtime.openComm("contract.widget", { a: 1 }, { version: "2.1.0" }, [Uint8Array.of(1, 2)]);
      expect(comm.targetName).toBe("contract.widget");
      expect(comm.isClosed).toBe(false);
      expect(host.seen()).toEqual([{
        msgType: "comm_open",
        content: { comm_id: comm.commId, target_name: "contract.widget", data: { a: 1 }, target_module: null },
        metadata: { version: "2.1.0" },
        buffers: [[1, 2]],
      }]);
      expect(await host.commInfo()).toEqual({ [comm.commId]: { target_name: "contract.widget" } });
      expect(await host.commInfo("contract.widget")).toEqual({ [comm.commId]: { target_name: "contract.widget" } });
      expect(await host.commInfo("other")).toEqual({});
    });

    it("openComm refuses an empty target name", () => {
      expect(() => host.runtime.openComm("", {})).toThrow(TypeError);
      expect(host.seen()).toEqual([]);
    });

    it("send emits comm_msg; the data reaches the front end as JSON carries it", () => {
      const { comm, since } = opened();
      comm.send({ n: 1, gone: undefined as unknown as null, bad: NaN }, { m: true }, [Uint8Array.of(7)]);
      expect(since()).toEqual([{ msgType: "comm_msg", content: { comm_id: comm.commId, data: { n: 1, bad: null } }, metadata: { m: true }, buffers: [[7]] }]);
    });

    it("close sends comm_close once, takes the comm out of comm_info, and does not call the close handler", async () => {
      const { comm, since } = opened();
      const closes: unknown[] = [];
      comm.onClose((p) => closes.push(p));
      comm.close({ bye: 1 });
      comm.close({ again: 1 });
      expect(comm.isClosed).toBe(true);
      expect(since()).toEqual([{ msgType: "comm_close", content: { comm_id: comm.commId, data: { bye: 1 } }, metadata: {}, buffers: [] }]);
      expect(closes).toEqual([]);
      expect(await host.commInfo()).toEqual({});
    });

    it("send after close throws, naming the comm, and sends nothing", () => {
      const { comm, since } = opened();
      comm.close();
      expect(() => comm.send({ late: 1 })).toThrow(`comm ${comm.commId} (contract.widget) is closed`);
      expect(since().map((m) => m.msgType)).toEqual(["comm_close"]);
    });
  });

  describe("front end to kernel", () => {
    it("onMessage replaces the earlier handler: only the last one set gets the message, with metadata and buffers", async () => {
      const { comm } = opened();
      const calls: string[] = [];
      comm.onMessage(() => calls.push("first"));
      comm.onMessage((p: CommPayload) => calls.push(JSON.stringify([p.data, p.metadata, p.buffers.map(bytes)])));
      expect(await host.send(comm.commId, { n: 1 }, { m: 2 }, [Uint8Array.of(3, 4)])).toEqual({ ok: true });
      expect(calls).toEqual([JSON.stringify([{ n: 1 }, { m: 2 }, [[3, 4]]])]);
    });

    it("a message to a comm with no handler is accepted and goes nowhere", async () => {
      const { comm, since } = opened();
      expect(await host.send(comm.commId, { n: 1 })).toEqual({ ok: true });
      expect(since()).toEqual([]);
    });

    it("comm_close calls the close handler (the last one set) with its data, sends nothing back, and later sends throw", async () => {
      const { comm, since } = opened();
      const calls: unknown[] = [];
      comm.onClose(() => calls.push("first"));
      comm.onClose((p) => calls.push(p.data));
      expect(await host.close(comm.commId, { why: "gone" })).toEqual({ ok: true });
      expect(calls).toEqual([{ why: "gone" }]);
      expect(comm.isClosed).toBe(true);
      expect(since()).toEqual([]);
      expect(() => comm.send({})).toThrow(/is closed/);
      expect(await host.commInfo()).toEqual({});
    });

    it("a message to a closed or unknown comm reaches no handler and is dropped with the reason", async () => {
      const { comm, since } = opened();
      const calls: unknown[] = [];
      comm.onMessage((p) => calls.push(p.data));
      comm.onClose((p) => calls.push(p.data));
      comm.close();
      expect(await host.send(comm.commId, { late: 1 })).toEqual({ dropped: expect.stringContaining(`comm_msg: comm ${comm.commId} is closed`) });
      expect(await host.close(comm.commId)).toEqual({ dropped: expect.stringContaining(`comm_close: comm ${comm.commId} is closed`) });
      expect(await host.send("never-opened", {})).toEqual({ dropped: expect.stringContaining("comm_msg: unknown comm_id never-opened") });
      expect(calls).toEqual([]);
      expect(since().map((m) => m.msgType)).toEqual(["comm_close"]);
    });

    it("comm data that is not an object is dropped before any handler", async () => {
      const { comm } = opened();
      const calls: unknown[] = [];
      comm.onMessage((p) => calls.push(p.data));
      for (const data of [null, [1], "text", 7]) {
        expect(await host.send(comm.commId, data as unknown as JsonObject)).toEqual({ dropped: expect.stringContaining("content.data must be an object") });
      }
      expect(calls).toEqual([]);
    });

    it("comm_open reaches the target registered last, with its payload; the kernel answers on that comm", async () => {
      const calls: string[] = [];
      host.runtime.registerCommTarget("contract.control", () => calls.push("replaced"));
      host.runtime.registerCommTarget("contract.control", (comm, open) => {
        calls.push(JSON.stringify([comm.targetName, open.data, open.metadata, open.buffers.map(bytes)]));
        comm.send({ hello: open.data.x ?? null });
      });
      const { id, outcome } = await host.open("contract.control", { x: 1 }, { version: "1.0.0" }, [Uint8Array.of(5)]);
      expect(outcome).toEqual({ ok: true });
      expect(calls).toEqual([JSON.stringify(["contract.control", { x: 1 }, { version: "1.0.0" }, [[5]]])]);
      expect(host.seen()).toEqual([{ msgType: "comm_msg", content: { comm_id: id, data: { hello: 1 } }, metadata: {}, buffers: [] }]);
      expect(await host.commInfo("contract.control")).toEqual({ [id]: { target_name: "contract.control" } });
    });

    it("comm_open to an unregistered target is answered with comm_close and dropped", async () => {
      const { id, outcome } = await host.open("contract.nobody", {});
      expect(outcome).toEqual({ dropped: expect.stringContaining('comm_open: no target registered as "contract.nobody"') });
      expect(host.seen()).toEqual([{ msgType: "comm_close", content: { comm_id: id, data: {} }, metadata: {}, buffers: [] }]);
      expect(await host.commInfo()).toEqual({});
    });

    it("a handler that throws is reported; the comm stays open and gets the next message", async () => {
      const { comm } = opened();
      const calls: unknown[] = [];
      comm.onMessage((p) => {
        if (p.data.fail) throw new Error("handler broke");
        calls.push(p.data);
      });
      expect(await host.send(comm.commId, { fail: true })).toEqual({ handlerError: expect.stringContaining("handler broke") });
      expect(await host.send(comm.commId, { n: 2 })).toEqual({ ok: true });
      expect(calls).toEqual([{ n: 2 }]);
      expect(comm.isClosed).toBe(false);
    });
  });

  describe("display", () => {
    it("display, updateDisplay and clearOutput send display_data, update_display_data and clear_output", () => {
      host.runtime.display({ "text/plain": "a" }, { metadata: { m: 1 }, displayId: "d1" });
      host.runtime.display({ "text/plain": "b" });
      host.runtime.updateDisplay({ "text/plain": "a2" }, { displayId: "d1" });
      host.runtime.clearOutput(true);
      expect(host.seen().map(({ msgType, content }) => ({ msgType, content }))).toEqual([
        { msgType: "display_data", content: { data: { "text/plain": "a" }, metadata: { m: 1 }, transient: { display_id: "d1" } } },
        { msgType: "display_data", content: { data: { "text/plain": "b" }, metadata: {} } },
        { msgType: "update_display_data", content: { data: { "text/plain": "a2" }, metadata: {}, transient: { display_id: "d1" } } },
        { msgType: "clear_output", content: { wait: true } },
      ]);
    });
  });
});

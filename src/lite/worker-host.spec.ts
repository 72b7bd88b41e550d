/**
 * The worker host in Node, without a browser: a fake postMessage, a Map in place of
 * IndexedDB, the assets the site ships (assets.ts, from dist/). Mission 01's notebook runs
 * through it; a prediction committed through the widget's comm is stored, and a second host
 * on the same store (a page reload) shows the part committed with the same prediction. A
 * damaged lock journal in the store (a line that is not JSON, a record that does not verify,
 * a value that is no list of lines) is reported in the cell that opens the mission, kept
 * aside under another key exactly as it was stored, and a fresh record takes commits.
 */
import fs from "fs";
import path from "path";
import * as ts from "typescript";
import type { JsonObject } from "../kernel/runtime";
import { missionSource } from "../mission/authoring/scaffold";
import { resetNotebookRecords } from "../mission/session/session";
import { LIB_ASSET, TYPES_ASSET } from "./asset-format";
import { fleetlabTypes, typescriptLib } from "./assets";
import { verifyLockRecord, type LockRecordJson } from "../kernel-widgets/lock-record";
import { LOCK_RECORD_MIME } from "../widget-contract/traits";
import { memoryKeyValueStore } from "./key-value";
import type { FromWorker, WorkerEmit, WorkerReply, WorkerRequest } from "./protocol";
import { createWorkerHost, type WorkerHost } from "./worker-host";

const ASSETS = { [`assets/${LIB_ASSET}`]: typescriptLib(), [`assets/${TYPES_ASSET}`]: fleetlabTypes() };
const NOTEBOOK = path.resolve(__dirname, "../../notebooks/01_ml_intro.ipynb");
const CELLS = (JSON.parse(fs.readFileSync(NOTEBOOK, "utf8")) as { cells: { cell_type: string; source: string[] }[] }).cells
  .filter((c) => c.cell_type === "code")
  .map((c) => c.source.join(""));

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** A page talking to one worker host. */
function page(store: ReturnType<typeof memoryKeyValueStore>, site?: { notebookPath: string; files: Record<string, string> }) {
  const received: FromWorker[] = [];
  let nextId = 1;
  const host: WorkerHost = createWorkerHost({
    post: (m) => void received.push(m),
    store,
    fetchJson: async (url) => {
      if (!(url in ASSETS)) throw new Error(`404 ${url}`);
      return structuredClone(ASSETS[url as keyof typeof ASSETS]);
    },
    ts,
    modules: { fleetlab: () => require("../model/index"), "fleetlab/mission": () => require("../mission/browser") },
    readText: (url) => site?.files[url],
  });
  host.receive(site
    ? { method: "init", assetsUrl: "assets", notebookPath: site.notebookPath, filesUrl: "https://course.example/site/files" }
    : { method: "init", assetsUrl: "assets", notebookPath: "missions/01_ml_intro.ipynb" });
  return {
    host,
    received,
    emits: (id?: number) => received.filter((m): m is WorkerEmit => m.kind === "emit" && (id === undefined || m.origin === id)),
    async request(r: Request): Promise<{ reply: JsonObject; emits: WorkerEmit[] }> {
      const id = nextId++;
      host.receive({ ...r, id } as WorkerRequest);
      await host.idle();
      const reply = received.find((m): m is WorkerReply => m.kind === "reply" && m.id === id);
      if (!reply) throw new Error(`no reply to request ${id}`);
      return { reply: reply.content, emits: this.emits(id) };
    },
    execute(code: string, executionCount = 1) {
      return this.request({ method: "execute", code, executionCount, silent: false, storeHistory: true });
    },
  };
}

/** The lock's state as the page sees it: its comm_open state plus every later update. */
function frontState(emits: WorkerEmit[], commId: string): JsonObject {
  const state: JsonObject = {};
  for (const m of emits) {
    if (m.content.comm_id !== commId) continue;
    const data = m.content.data as { state?: JsonObject; method?: string };
    if (m.msgType === "comm_open" || (m.msgType === "comm_msg" && (data.method === "update" || data.method === "echo_update"))) Object.assign(state, data.state);
  }
  return state;
}

/** Runs mission 01's cells; returns the reliability_gap part's lock comm id. */
async function runNotebook(p: ReturnType<typeof page>): Promise<string> {
  let count = 0;
  for (const code of CELLS) {
    const { reply } = await p.execute(code, ++count);
    expect({ code, reply }).toEqual({ code, reply: expect.objectContaining({ status: "ok", execution_count: count }) });
  }
  const { emits } = await p.execute('m.part("reliability_gap").lock', ++count);
  const result = emits.find((m) => m.msgType === "execute_result")!;
  const lock = String((result.content.data as JsonObject)["text/plain"]).replace(/'/g, "");
  // A part's widgets may open a moment after the cell's reply (deferred drawing).
  for (let waited = 0; !p.emits().some((m) => m.msgType === "comm_open" && m.content.comm_id === lock) && waited < 5000; waited += 20) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return lock;
}

describe("the FleetLab worker host", () => {
  let hosts: WorkerHost[] = [];
  afterEach(() => {
    for (const h of hosts) h.dispose();
    hosts = [];
  });

  it("starts ready with kernel_info, streams console output, shows results and errors", async () => {
    const p = page(memoryKeyValueStore());
    hosts.push(p.host);
    const ready = await (async () => {
      await p.request({ method: "isComplete", code: "1" });
      return p.received.find((m) => m.kind === "ready");
    })();
    expect(ready).toMatchObject({ kind: "ready", kernelInfo: { language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" } } });
    const info = (ready as { kernelInfo: JsonObject }).kernelInfo;
    expect(info.implementation_version).toBe(JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")).version);
    expect((info.help_links as JsonObject[])[0]).toEqual({ text: "FleetLab README", url: "https://www.npmjs.com/package/fleetlab#readme" });
    expect(p.received.findIndex((m) => m.kind === "ready")).toBeLessThan(p.received.findIndex((m) => m.kind === "reply"));

    const shown = await p.execute('console.log("hello", { a: 1 });\nconsole.error("careful");\n6 * 7', 3);
    expect(shown.emits.map((m) => [m.msgType, m.content])).toEqual([
      ["stream", { name: "stdout", text: "hello { a: 1 }\n" }],
      ["stream", { name: "stderr", text: "careful\n" }],
      ["execute_result", { execution_count: 3, data: { "text/plain": "42" }, metadata: {} }],
    ]);
    expect(shown.reply).toEqual({ status: "ok", execution_count: 3, user_expressions: {}, payload: [] });

    const failed = await p.execute("const n: number = 'x';", 4);
    expect(failed.reply).toMatchObject({ status: "error", execution_count: 4, ename: "TypeScriptError", traceback: ["1:7 - Type 'string' is not assignable to type 'number'."] });
    expect(failed.emits.map((m) => m.msgType)).toEqual(["error"]);

    expect((await p.request({ method: "complete", code: "Math.ma", cursorPos: 7 })).reply).toMatchObject({ status: "ok", cursor_start: 5, cursor_end: 7, matches: expect.arrayContaining(["max"]) });
    expect((await p.request({ method: "inspect", code: "Math", cursorPos: 2, detailLevel: 0 })).reply).toMatchObject({ status: "ok", found: true });
    expect((await p.request({ method: "isComplete", code: "if (x) {" })).reply).toEqual({ status: "incomplete", indent: "  " });
  });

  it("interrupts a cell waiting on an await", async () => {
    const p = page(memoryKeyValueStore());
    hosts.push(p.host);
    p.host.receive({ id: 100, method: "execute", code: "await new Promise(() => {});", executionCount: 1, silent: false, storeHistory: true });
    await new Promise((r) => setTimeout(r, 200));
    p.host.receive({ method: "interrupt" });
    await p.host.idle();
    expect(p.received.find((m) => m.kind === "reply" && m.id === 100)).toMatchObject({ content: { status: "error", ename: "Interrupted" } });
  });

  it("runs mission 01 and keeps a committed prediction across a page reload", async () => {
    const store = memoryKeyValueStore();
    resetNotebookRecords();
    const first = page(store);
    hosts.push(first.host);
    const lock = await runNotebook(first);
    expect((await first.request({ method: "commInfo" })).reply.comms).toHaveProperty(lock);
    const commit = await first.request({ method: "comm", msgType: "comm_msg", content: { comm_id: lock, data: { method: "custom", content: { type: "lock_request", value: 0.4 } } }, metadata: {}, buffers: [] });
    expect(commit.reply).toEqual({ status: "ok" });
    expect(frontState(first.emits(), lock)).toMatchObject({ locked: true, value: 0.4 });
    expect([...store.map.keys()]).toContain("fleetlab/missions/journal/locks-01_ml_intro");
    first.host.dispose();

    // Another browser (an empty store) has no commit: what follows comes from the store.
    resetNotebookRecords();
    const elsewhere = page(memoryKeyValueStore());
    hosts.push(elsewhere.host);
    const other = await runNotebook(elsewhere);
    expect(frontState(elsewhere.emits(), other)).toMatchObject({ locked: false });
    elsewhere.host.dispose();

    // A reload: a new worker, nothing in memory, the same IndexedDB.
    resetNotebookRecords();
    const second = page(store);
    hosts.push(second.host);
    const again = await runNotebook(second);
    expect(frontState(second.emits(), again)).toMatchObject({ locked: true, value: 0.4 });
    await second.request({ method: "comm", msgType: "comm_msg", content: { comm_id: again, data: { method: "custom", content: { type: "lock_request", value: 0.9 } } }, metadata: {}, buffers: [] });
    expect(frontState(second.emits(), again)).toMatchObject({ locked: true, value: 0.4 });
  });

  const JOURNAL = "fleetlab/missions/journal/locks-01_ml_intro";
  it.each([
    ["a line that is not JSON", ['{"seq":0,"time":']],
    ["a record that does not verify", ['{"seq":0,"not":"an event"}']],
    ["a value that is no list of lines", "garbage"],
  ])("reports a stored lock journal holding %s, keeps it aside as stored, and takes a fresh commit", async (_what, stored) => {
    const store = memoryKeyValueStore(new Map([[JOURNAL, structuredClone(stored)]]));
    resetNotebookRecords();
    const p = page(store);
    hosts.push(p.host);
    const lock = await runNotebook(p);

    const shown = JSON.stringify(p.emits().filter((m) => m.msgType === "display_data" || m.msgType === "stream" || m.msgType === "error").map((m) => m.content));
    expect(shown).toMatch(/saved lock record of this mission could not be read .*It was kept as fleetlab\/missions\/journal\/locks-01_ml_intro\.set-aside-/);
    const aside = [...store.map.keys()].filter((k) => k.startsWith(`${JOURNAL}.set-aside-`));
    expect(aside).toHaveLength(1);
    expect(store.map.get(aside[0])).toEqual(stored);

    const commit = await p.request({ method: "comm", msgType: "comm_msg", content: { comm_id: lock, data: { method: "custom", content: { type: "lock_request", value: 0.4 } } }, metadata: {}, buffers: [] });
    expect(commit.reply).toEqual({ status: "ok" });
    expect(frontState(p.emits(), lock)).toMatchObject({ locked: true, value: 0.4 });
    const fresh = (store.map.get(JOURNAL) as string[]).map((l) => JSON.parse(l));
    expect(verifyLockRecord({ version: 1, algorithm: "sha256", events: fresh })).toEqual({ ok: true });
    expect(fresh.filter((e) => e.kind === "commit").map((e) => e.value)).toEqual([0.4]);
    // The record the notebook saves for grading is the fresh one.
    const records = p.emits().filter((m) => (m.msgType === "display_data" || m.msgType === "update_display_data") && LOCK_RECORD_MIME in (m.content.data as JsonObject));
    const last = (records[records.length - 1].content.data as JsonObject)[LOCK_RECORD_MIME] as unknown as LockRecordJson;
    expect(last.events.map((e) => e.hash)).toEqual(fresh.map((e) => e.hash));
  });

  it("opens a course's mission file from the site, beside its notebook", async () => {
    const files = { "https://course.example/site/files/week%203/15_demo.ts": missionSource("15_demo", "example") };
    const p = page(memoryKeyValueStore(), { notebookPath: "week 3/15_demo.ipynb", files });
    await p.execute('import { mission } from "fleetlab/mission";');
    const opened = await p.execute('const m = mission.open("15_demo.ts", "cloud_titan");\n`${m.mission.id}: ${m.mission.parts.length} parts`', 2);
    expect(opened.reply.status === "ok" ? "ok" : `${opened.reply.ename}: ${opened.reply.evalue}`).toBe("ok");
    expect(opened.emits.find((e) => e.msgType === "execute_result")?.content.data).toMatchObject({ "text/plain": "'15_demo: 3 parts'" });
    const missing = await p.execute('mission.open("16_missing.ts", "cloud_titan")', 3);
    expect(missing.reply).toMatchObject({ status: "error", ename: "MissionFileError" });
    expect(String(missing.reply.evalue)).toContain("no such mission file (looked for week 3/16_missing.ts)");
    p.host.dispose();
  });

  it("fails to start with the reason when an asset is missing", async () => {
    const received: FromWorker[] = [];
    const host = createWorkerHost({ post: (m) => void received.push(m), store: memoryKeyValueStore(), fetchJson: async (url) => { throw new Error(`404 ${url}`); }, ts, modules: {} });
    host.receive({ method: "init", assetsUrl: "nowhere/", notebookPath: "a.ipynb" });
    await new Promise((r) => setTimeout(r, 10));
    expect(received).toEqual([{ kind: "failed", message: "404 nowhere/typescript-lib.json" }]);
  });
});

/**
 * The FleetLab kernel inside a browser web worker: everything worker.ts does but listen to
 * `self`, so a spec can drive it in Node with a fake postMessage and a Map for IndexedDB.
 *
 *   init     fetch the TypeScript library and FleetLab declarations (assets.ts), load the
 *            notebook folder's records (stored-records.ts), install the kernel runtime and
 *            the mission host, warm the compiler, post WorkerReady (or WorkerFailed)
 *   request  answered one at a time in arrival order; what a request's code emits (console
 *            streams, displays, comm messages, its result or error) is posted as WorkerEmit
 *            tagged with its id, then WorkerReply once its records are stored
 *   interrupt  rejects the running cell's pending await, at once
 *
 * Output produced after a request has been answered (a widget's deferred recompute, a timer)
 * is tagged with the last request, as the desktop parents it to the last one when no
 * request runs.
 */
import type * as TS from "typescript";
import { createCellExecutor, type CellExecutor, type CellModule } from "../cells/executor";
import { formatValue } from "../cells/format-value";
import { codePointsToUnits, unitsToCodePoints } from "../kernel/code-points";
import { createHostRuntime, type HostRuntime } from "../kernel/host-runtime";
import { kernelInfo } from "../kernel/kernel-info";
import { displayBundleWith, errorContentWith } from "../kernel/outcome";
import { setKernelRuntime, type JsonObject } from "../kernel/runtime";
import { joinRelative, loadMissionSource } from "../mission/authoring/mission-module";
import type { Mission } from "../mission/authoring/types";
import { setMissionHost } from "../mission/session/host";
import { captureConsole, type StreamName } from "./console-capture";
import { LIB_ASSET, TYPES_ASSET, type LibAsset, type TypesAsset } from "./asset-format";
import type { KeyValueStore } from "./key-value";
import type { EmittedMsgType, FromWorker, ToWorker, WorkerInit, WorkerRequest } from "./protocol";
import { loadStoredRecords, type StoredRecords } from "./stored-records";

export interface WorkerHostOptions {
  /** The worker's postMessage (buffers are transferred). */
  post(message: FromWorker, transfer: ArrayBuffer[]): void;
  /** Durable storage (IndexedDB in a browser). */
  store: KeyValueStore;
  /** Fetches and parses a JSON asset. */
  fetchJson(url: string): Promise<unknown>;
  /** The TypeScript compiler. */
  ts: typeof TS;
  /** What cells may import: specifier → its module namespace (typed by the declarations asset). */
  modules: Record<string, () => unknown>;
  /** A file's text from the site, synchronously (a mission opens inside a cell), or undefined when there is none. */
  readText?(url: string): string | undefined;
}

export interface WorkerHost {
  /** Handles one message from the page. */
  receive(message: ToWorker): void;
  /** Resolves when every request received so far has been answered. */
  idle(): Promise<void>;
  /** Puts the console back and uninstalls the runtime and mission host (specs). */
  dispose(): void;
}

/** `name` in the folder `base` names (a trailing slash optional). */
export function assetUrl(base: string, name: string): string {
  return base.endsWith("/") ? base + name : `${base}/${name}`;
}

const toArrayBuffer = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export function createWorkerHost(options: WorkerHostOptions): WorkerHost {
  const { post, ts } = options;
  let origin = 0;
  let ready: Promise<{ executor: CellExecutor; host: HostRuntime; records: StoredRecords }> | undefined;
  let queue: Promise<void> = Promise.resolve();
  let executor: CellExecutor | undefined;
  const cleanups: (() => void)[] = [];

  function emit(msgType: EmittedMsgType, content: JsonObject, metadata: JsonObject = {}, buffers: Uint8Array[] = []): void {
    const transfer = buffers.map(toArrayBuffer);
    post({ kind: "emit", origin, msgType, content, metadata, buffers: transfer }, transfer);
  }
  const stream = (name: StreamName, text: string) => emit("stream", { name, text });
  const errorOf = (err: unknown) => errorContentWith(err, formatValue, () => false);

  /** Loads a course's mission file from the site, beside the notebook (undefined: built-in missions only). */
  function missionFileLoader(init: WorkerInit): ((ref: string) => Mission<unknown>) | undefined {
    const { readText } = options;
    if (!init.filesUrl || !readText) return undefined;
    const files = init.filesUrl.endsWith("/") ? init.filesUrl : `${init.filesUrl}/`;
    const hostModules = Object.fromEntries(Object.entries(options.modules).map(([id, load]) => [id, load()]));
    return (ref) => loadMissionSource(ts, joinRelative(init.notebookPath, ref), (file) => readText(files + file.split("/").map(encodeURIComponent).join("/")), hostModules);
  }

  async function start(init: WorkerInit) {
    const [lib, types] = (await Promise.all([
      options.fetchJson(assetUrl(init.assetsUrl, LIB_ASSET)),
      options.fetchJson(assetUrl(init.assetsUrl, TYPES_ASSET)),
    ])) as [LibAsset, TypesAsset];
    const records = await loadStoredRecords(options.store, init.notebookPath);
    const modules: Record<string, CellModule> = {};
    for (const [specifier, load] of Object.entries(options.modules)) {
      const typesFile = types.modules[specifier];
      if (!typesFile) throw new Error(`no declarations for module "${specifier}" in ${TYPES_ASSET}`);
      modules[specifier] = { load, types: typesFile };
    }
    const host = createHostRuntime((msgType, content, metadata, buffers) => emit(msgType, content, metadata, buffers), {
      reportError: (err, where) => stream("stderr", `Error in ${where}: ${errorOf(err).traceback.join("\n")}\n`),
    });
    setKernelRuntime({ ...host.runtime, journal: records.journal });
    setMissionHost({ designRecord: () => records.design, loadMissionFile: missionFileLoader(init) });
    cleanups.push(captureConsole(stream), () => setKernelRuntime(undefined), () => setMissionHost(undefined));
    executor = createCellExecutor({ ts, libFiles: lib.files, libs: lib.libs, declarations: types.files, modules });
    executor.warm();
    post({ kind: "ready", kernelInfo: kernelInfo({ typescriptVersion: ts.version, version: types.version, homepage: types.homepage, runsOn: "a browser web worker" }) }, []);
    return { executor, host, records };
  }

  async function execute(x: CellExecutor, req: Extract<WorkerRequest, { method: "execute" }>): Promise<JsonObject> {
    const count = req.executionCount;
    const outcome = await x.execute(req.code);
    if (outcome.status === "error") {
      const { ename, evalue, traceback } = outcome;
      emit("error", { ename, evalue, traceback });
      return { status: "error", execution_count: count, ename, evalue, traceback };
    }
    if (outcome.hasValue && !req.silent) {
      try {
        const data = displayBundleWith(outcome.value, formatValue);
        if (data) emit("execute_result", { execution_count: count, data, metadata: {} });
      } catch (err) {
        const e = errorOf(err);
        emit("error", e);
        return { status: "error", execution_count: count, ...e };
      }
    }
    return { status: "ok", execution_count: count, user_expressions: {}, payload: [] };
  }

  async function answer(req: WorkerRequest): Promise<JsonObject> {
    const { executor: x, host } = await ready!;
    switch (req.method) {
      case "execute":
        return execute(x, req);
      case "complete": {
        const r = x.complete(req.code, codePointsToUnits(req.code, req.cursorPos));
        return { status: "ok", matches: r.matches, cursor_start: unitsToCodePoints(req.code, r.cursorStart), cursor_end: unitsToCodePoints(req.code, r.cursorEnd), metadata: {} };
      }
      case "inspect": {
        const text = x.inspect(req.code, codePointsToUnits(req.code, req.cursorPos));
        return text ? { status: "ok", found: true, data: { "text/plain": text }, metadata: {} } : { status: "ok", found: false, data: {}, metadata: {} };
      }
      case "isComplete":
        return x.isComplete(req.code);
      case "commInfo":
        return { status: "ok", comms: host.comms.info(req.targetName) };
      case "comm": {
        const routed = host.comms.handle(req.msgType, req.content, req.metadata, req.buffers.map((b) => new Uint8Array(b)));
        return routed.ok ? { status: "ok" } : { status: "error", ename: "CommRejected", evalue: routed.reason, traceback: [] };
      }
    }
  }

  async function handle(req: WorkerRequest): Promise<void> {
    origin = req.id;
    let content: JsonObject;
    try {
      content = await answer(req);
    } catch (err) {
      content = { status: "error", ...errorOf(err) };
    }
    const started = await ready!.catch(() => undefined); // a failed start is answered above
    try {
      await started?.records.flushed();
    } catch (err) {
      stream("stderr", `FleetLab could not store this notebook's records: ${errorOf(err).evalue}\n`);
    }
    post({ kind: "reply", id: req.id, content }, []);
  }

  return {
    receive(message) {
      if (message.method === "init") {
        if (ready) return;
        ready = start(message);
        ready.catch((err) => post({ kind: "failed", message: errorOf(err).evalue }, []));
        return;
      }
      if (message.method === "interrupt") {
        executor?.interrupt();
        return;
      }
      if (!ready) {
        post({ kind: "reply", id: message.id, content: { status: "error", ename: "NotStarted", evalue: "the worker has not been sent WorkerInit", traceback: [] } }, []);
        return;
      }
      queue = queue.then(() => handle(message));
    },
    idle: () => queue,
    dispose() {
      for (const f of cleanups.splice(0)) f();
    },
  };
}

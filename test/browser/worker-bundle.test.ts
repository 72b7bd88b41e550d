/**
 * What a kernel in a browser web worker (a JupyterLite site) loads to run a mission: the
 * model (`fleetlab`), the mission layer's browser entry (`fleetlab/mission` as
 * src/mission/browser.ts, with the session runtime and, through its catalog, the four
 * built-in missions), the kernel widgets with the widget contract, and the kernel runtime
 * seam a worker host installs. Bundled by esbuild for the browser, it must reach no Node
 * builtin; a failure names the import chain from the entry to the builtin. A package that
 * maps a builtin away for browsers (seedrandom's `"browser": { "crypto": false }`) passes,
 * as esbuild resolves it so. Node-only modules (the design record file, mission files, the
 * grader, the hosts) stay out of browser.ts, and the Node entry index.ts is shown failing here.
 *
 * The worker entry itself (src/lite/worker.ts: the cell executor with the TypeScript compiler,
 * the worker host, IndexedDB records) is bundled the same way, and by buildWorker, the function
 * the JupyterLite site's build calls; the Node-only asset writer and bundler stay out of it.
 */
import { builtinModules } from "node:module";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { build, type Metafile, type Plugin } from "esbuild";
import vm from "node:vm";
import { writeWorkerAssets } from "../../src/lite/assets";
import { buildWorker } from "../../src/lite/build-worker";
import type { FromWorker, ToWorker } from "../../src/lite/protocol";

const root = path.resolve(__dirname, "../..");
const src = (file: string) => path.join(root, "src", file);
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** A builtin reached by the bundle, with the chain of imports from the entry to it. */
interface Reach {
  builtin: string;
  chain: string[];
}

/** Records each import of a Node builtin that esbuild cannot resolve for the browser, and keeps it external. */
function builtinRecorder(seen: { builtin: string; importer: string }[]): Plugin {
  return {
    name: "node-builtins",
    setup(b) {
      b.onResolve({ filter: /^[a-z_:/]+$/ }, async (args) => {
        if (!BUILTINS.has(args.path) || args.pluginData === "probe") return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: "probe" });
        if (resolved.errors.length === 0) return undefined; // mapped away by the package's "browser" field
        seen.push({ builtin: args.path, importer: path.relative(root, args.importer) });
        return { path: args.path, external: true };
      });
    },
  };
}

/** The shortest import chain from `entry` to `target` in the bundle's metafile. */
function chainTo(meta: Metafile, entry: string, target: string): string[] {
  const parent = new Map<string, string>([[entry, ""]]);
  const queue = [entry];
  while (queue.length) {
    const at = queue.shift()!;
    if (at === target) break;
    for (const next of meta.inputs[at]?.imports ?? []) {
      if (!parent.has(next.path)) {
        parent.set(next.path, at);
        queue.push(next.path);
      }
    }
  }
  const chain = [target];
  while (parent.get(chain[0])) chain.unshift(parent.get(chain[0])!);
  return chain;
}

/** Bundles `contents` (an entry module at the repository root) for the browser. */
async function bundleForBrowser(contents: string, missionEntry: string) {
  const seen: { builtin: string; importer: string }[] = [];
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: "worker-entry.ts", loader: "ts" },
    absWorkingDir: root, bundle: true, platform: "browser", format: "esm", write: false, metafile: true, logLevel: "silent",
    alias: { fleetlab: src("model/index.ts"), "fleetlab/mission": src(missionEntry) },
    plugins: [builtinRecorder(seen)],
  });
  const entry = Object.keys(result.metafile.inputs).find((f) => f.endsWith("worker-entry.ts"))!;
  const reached: Reach[] = seen.map(({ builtin, importer }) => ({ builtin, chain: [...chainTo(result.metafile, entry, importer), builtin] }));
  return { reached, inputs: Object.keys(result.metafile.inputs), bytes: result.outputFiles[0].contents.length };
}

const WORKER_ENTRY = [
  'export * as model from "fleetlab";',
  'export * as mission from "fleetlab/mission";',
  'export * as widgets from "./src/kernel-widgets/index";',
  'export * as runtime from "./src/kernel/runtime";',
].join("\n");

/** Code lines of a source file that use Node's `process` global (comments left out). */
function processUses(file: string): string[] {
  const code = fs.readFileSync(path.join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  return code.split("\n").filter((line) => /\bprocess\s*\.|\b__dirname\b|\b__filename\b/.test(line)).map((line) => `${file}: ${line.trim()}`);
}

describe("the browser worker bundle", () => {
  let bundle: Awaited<ReturnType<typeof bundleForBrowser>>;
  beforeAll(async () => {
    bundle = await bundleForBrowser(WORKER_ENTRY, "mission/browser.ts");
  });

  it("reaches no Node builtin", () => {
    expect(bundle.reached.map((r) => `${r.builtin} via ${r.chain.join(" -> ")}`)).toEqual([]);
  });

  it("holds the session runtime, the kernel widgets and the four built-in missions", () => {
    for (const file of [
      "src/mission/session/session.ts", "src/kernel-widgets/lock-record.ts", "src/kernel-widgets/prediction-lock.ts",
      "src/mission/missions/ml-intro.ts", "src/mission/missions/fault-tolerance.ts", "src/mission/missions/fleet-orch.ts",
      "src/mission/missions/ops-scale.ts",
    ]) expect(bundle.inputs).toContain(file);
    expect(bundle.inputs.some((f) => f.includes("grading/design-record") || f.includes("mission-file") || f.includes("find-mission"))).toBe(false);
  });

  it("uses no Node globals (process, __dirname) in FleetLab's own code", () => {
    expect(bundle.inputs.filter((f) => f.startsWith("src/")).flatMap(processUses)).toEqual([]);
  });

  it("names the chain when a builtin is reached: the Node entry reaches fs through the design record file", async () => {
    const node = await bundleForBrowser('export * from "fleetlab/mission";', "mission/index.ts");
    const fsReach = node.reached.find((r) => r.builtin === "fs" && r.chain.includes("src/mission/grading/design-record.ts"));
    expect(fsReach?.chain).toEqual(["worker-entry.ts", "src/mission/index.ts", "src/mission/grading/design-record.ts", "fs"]);
  });
});

describe("the bundled worker entry (src/lite/worker.ts)", () => {
  let bundle: Awaited<ReturnType<typeof bundleForBrowser>>;
  beforeAll(async () => {
    bundle = await bundleForBrowser('import "./src/lite/worker";', "mission/browser.ts");
  });

  it("reaches no Node builtin", () => {
    expect(bundle.reached.map((r) => `${r.builtin} via ${r.chain.join(" -> ")}`)).toEqual([]);
  });

  it("holds the compiler, the cell executor, the worker host and the missions; not the Node-only asset writer, bundler or package.json reader", () => {
    expect(bundle.inputs.some((f) => f.endsWith("node_modules/typescript/lib/typescript.js"))).toBe(true);
    for (const file of [
      "src/cells/executor.ts", "src/lite/worker-host.ts", "src/lite/key-value.ts",
      "src/lite/stored-records.ts", "src/kernel/host-runtime.ts", "src/mission/missions/ml-intro.ts",
    ]) expect(bundle.inputs).toContain(file);
    for (const file of ["src/lite/assets.ts", "src/lite/build-worker.ts", "src/kernel/package-info.ts", "src/kernel/messages.ts", "src/kernel/executor.ts"]) {
      expect(bundle.inputs).not.toContain(file);
    }
  });

  it("uses no Node globals (process, __dirname) in FleetLab's own code", () => {
    expect(bundle.inputs.filter((f) => f.startsWith("src/")).flatMap(processUses)).toEqual([]);
  });

  it("is what buildWorker writes: one minified classic script (an IIFE, for `new Worker(url)`)", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-worker-")), "fleetlab-worker.js");
    const bytes = await buildWorker(out);
    expect(fs.statSync(out).size).toBe(bytes);
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(fs.readFileSync(out, "utf8").slice(0, 40)).toMatch(/^("use strict";)?\(\(\)=>\{/);
  });

  it("runs in a worker-like global: fetches the assets writeWorkerAssets wrote beside it, starts, runs mission cells", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-worker-"));
    await buildWorker(path.join(dir, "worker.js"));
    writeWorkerAssets(path.join(dir, "assets"));
    const posted: FromWorker[] = [];
    const site = "https://site.example/extensions/fleetlab/static/";
    const log = (...args: unknown[]) => void args;
    const scope: Record<string, unknown> = {
      console: { log, info: log, debug: log, warn: log, error: log },
      setTimeout, clearTimeout, queueMicrotask, structuredClone, URL, TextEncoder, TextDecoder, performance, crypto: globalThis.crypto,
      location: { href: `${site}worker.js` },
      postMessage: (m: FromWorker) => void posted.push(m),
      fetch: async (url: string) => {
        const file = path.join(dir, url.slice(site.length));
        return { ok: fs.existsSync(file), status: fs.existsSync(file) ? 200 : 404, json: async () => JSON.parse(fs.readFileSync(file, "utf8")) };
      },
    };
    scope.globalThis = scope;
    vm.createContext(scope);
    vm.runInContext(fs.readFileSync(path.join(dir, "worker.js"), "utf8"), scope);
    const send = (data: ToWorker) => (scope.onmessage as (e: { data: ToWorker }) => void)({ data });
    send({ method: "init", assetsUrl: "assets", notebookPath: "01_ml_intro.ipynb" });
    const cells = ['import { mission } from "fleetlab/mission";', 'const m = mission.open("01_ml_intro", "cloud_titan");', 'm.part("reliability_gap");', 'console.log("track", m); 6 * 7'];
    cells.forEach((code, i) => send({ id: i + 1, method: "execute", code, executionCount: i + 1, silent: false, storeHistory: true }));
    for (let waited = 0; posted.filter((m) => m.kind === "reply").length < cells.length && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(posted[0]).toMatchObject({ kind: "ready", kernelInfo: { implementation: "fleetlab", language_info: { name: "typescript" } } });
    expect(posted.flatMap((m) => (m.kind === "reply" ? [m.content.status] : []))).toEqual(["ok", "ok", "ok", "ok"]);
    expect(posted.some((m) => m.kind === "emit" && m.origin === 3 && m.msgType === "comm_open")).toBe(true);
    expect(posted.find((m) => m.kind === "emit" && m.msgType === "execute_result")).toMatchObject({ origin: 4, content: { data: { "text/plain": "42" } } });
  });
});

/**
 * The desktop host of the cell executor, in process: what a notebook folder offers its
 * cells (node_modules packages with their types, Node builtins, local .ts modules), Node's
 * value formatting, errors trimmed at the executor's frames, and where quick info has docs.
 * `fleetlab` itself resolves from dist/ (npm run build first).
 */
import fs from "fs";
import os from "os";
import path from "path";
import * as ts from "typescript";
import { createNodeExecutor, evaluateInScript, type NodeExecutor } from "./node-cells";
import { nodeCompilerFiles } from "./node-compiler-files";
import type { ExecuteOutcome } from "./outcome";

const REPO = path.resolve(__dirname, "..", "..");
const ok = (value?: unknown): ExecuteOutcome => (value === undefined ? { status: "ok", hasValue: false } : { status: "ok", hasValue: true, value });

/** A notebook folder holding a typed package in node_modules and a local module. */
function notebookFolder(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-node-cells-")));
  const pkg = path.join(dir, "node_modules", "fleet-greet");
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "fleet-greet", main: "index.js", types: "index.d.ts" }));
  fs.writeFileSync(path.join(pkg, "index.js"), 'exports.greet = (n) => "hello " + n;\n');
  fs.writeFileSync(path.join(pkg, "index.d.ts"), "/** Greets a fleet. */\nexport declare function greet(name: string): string;\n");
  fs.writeFileSync(path.join(dir, "fleet.ts"), "export const gpus: number = 8;\nexport function twice(n: number): number { return 2 * n; }\n");
  return dir;
}

describe("the desktop cell executor (node-cells.ts)", () => {
  let dir: string;
  let x: NodeExecutor;
  beforeAll(() => {
    dir = notebookFolder();
    x = createNodeExecutor(dir, REPO);
  });

  it("compiles with the package's own TypeScript", () => {
    expect(x.typescriptVersion).toBe(require("typescript").version);
  });

  it("imports a package from the notebook folder's node_modules, checked against its types", async () => {
    expect(await x.execute('import { greet } from "fleet-greet";\ngreet("fleet")')).toEqual(ok("hello fleet"));
    const wrong = await x.execute('import { greet as g } from "fleet-greet";\ng(42)');
    expect(wrong).toMatchObject({ status: "error", ename: "TypeScriptError" });
    if (wrong.status === "error") expect(wrong.evalue).toMatch(/^2:3 - Argument of type 'number' is not assignable to parameter of type 'string'/);
    const missing = await x.execute('import { nothing } from "no-such-package";');
    expect(missing).toMatchObject({ status: "error", ename: "TypeScriptError" });
    if (missing.status === "error") expect(missing.evalue).toMatch(/Cannot find module 'no-such-package'/);
  });

  it("type-checks and runs Node builtins: imports, `require`, `process`", async () => {
    expect(await x.execute('import fs from "fs";\nimport { join } from "node:path";\nfs.existsSync(join(process.cwd(), "/"))')).toEqual(ok(true));
    expect(await x.execute('const os = require("os") as typeof import("os");\ntypeof os.cpus().length')).toEqual(ok("number"));
    const wrong = await x.execute("const v: number = process.version;");
    expect(wrong).toMatchObject({ status: "error", traceback: ["1:7 - Type 'string' is not assignable to type 'number'."] });
  });

  it("imports fleetlab by name, typed by the running package's declarations", async () => {
    expect(await x.execute('import { fleetAvailability } from "fleetlab";\nfleetAvailability(1, 3)')).toEqual(ok(1));
    expect(fs.readdirSync(dir).sort()).toEqual(["fleet.ts", "node_modules"]); // nothing written into the folder
  });

  it("runs a local .ts module and loads it again once edited", async () => {
    expect(await x.execute('import { gpus, twice } from "./fleet";\ntwice(gpus)')).toEqual(ok(16));
    fs.writeFileSync(path.join(dir, "fleet.ts"), 'export const gpus: string = "4096";\nexport function twice(n: number): number { return 2 * n; }\n');
    fs.utimesSync(path.join(dir, "fleet.ts"), new Date(), new Date(Date.now() + 5000));
    expect(await x.execute('import { gpus as g } from "./fleet";\nconst text: string = g; text')).toEqual(ok("4096"));
  });

  it("reports a thrown error with the cell's frames only, and a thrown value through util.inspect", async () => {
    const thrown = await x.execute("function fail() { throw new RangeError('no fleet'); }\nfail()");
    expect(thrown).toMatchObject({ status: "error", ename: "RangeError", evalue: "no fleet" });
    if (thrown.status === "error") {
      expect(thrown.traceback[0]).toBe("RangeError: no fleet");
      expect(thrown.traceback.slice(1).every((f) => f.includes("fleetlab-cell-"))).toBe(true);
    }
    // In the vm script too, a frame names the cell's own line and column.
    const deep = await x.execute("const fleet = 3;\n\nif (fleet > 2) {\n  throw new RangeError('three');\n}");
    expect(deep.status === "error" && deep.traceback[1]).toMatch(/fleetlab-cell-\d+\.js:4:9\)?$/);
    expect(await x.execute("throw { code: 7 }")).toMatchObject({ status: "error", ename: "Thrown", evalue: "{ code: 7 }" });
  });

  it("shows docs in quick info for the cell's own code, packages' code and fleetlab, signatures only for the library", async () => {
    expect(await x.execute("/** How many GPUs the fleet has. */\nconst fleetGpus = 4096;")).toEqual(ok());
    expect(x.inspect("fleetGpus", 3)).toBe("const fleetGpus: 4096\n\nHow many GPUs the fleet has.");
    expect(x.inspect('import { fleetAvailability } from "fleetlab";\nfleetAvailability', 50)).toMatch(/Probability that all N nodes are up at once/);
    // Declaration files outside fleetlab are parsed without JSDoc, for start-up.
    expect(x.inspect("Math.sqrt", 6)).toBe("(method) Math.sqrt(x: number): number");
  });
});

/**
 * @types/node on demand: a notebook folder whose package's declarations import a Node
 * builtin, and which files the compiler reads, to see when Node's types come in.
 */
describe("@types/node, loaded when a cell needs it", () => {
  const NODE_TYPES = `${path.sep}@types${path.sep}node${path.sep}`;
  let reads: string[];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    reads = [];
    const readFile = ts.sys.readFile;
    spy = jest.spyOn(ts.sys, "readFile").mockImplementation((file, encoding) => {
      reads.push(file.split("/").join(path.sep));
      return readFile(file, encoding);
    });
  });
  afterEach(() => spy.mockRestore());
  const nodeTypesRead = () => reads.some((f) => f.includes(NODE_TYPES));

  function folder(): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-node-types-")));
    const pkg = path.join(dir, "node_modules", "fleet-bus");
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "fleet-bus", main: "index.js", types: "index.d.ts" }));
    fs.writeFileSync(path.join(pkg, "index.js"), 'exports.bus = new (require("events").EventEmitter)();\n');
    fs.writeFileSync(path.join(pkg, "index.d.ts"), 'import { EventEmitter } from "events";\nexport declare const bus: EventEmitter;\n');
    return dir;
  }

  it("never reads them for cells that do not use Node, fleetlab's missions included", async () => {
    const x = createNodeExecutor(folder(), REPO);
    expect(await x.execute("1 + 1")).toEqual(ok(2));
    expect(await x.execute('import { mission } from "fleetlab/mission";\ntypeof mission.open')).toEqual(ok("function"));
    expect(x.complete("Math.sq", 7).matches).toContain("sqrt");
    expect(nodeTypesRead()).toBe(false);
    // Completing a Node global brings them in, as running the cell would.
    expect(x.complete("process.platf", 13).matches).toContain("platform");
  });

  it("adds them for a cell using Node's globals, which type-checks as before, and keeps them", async () => {
    const x = createNodeExecutor(folder(), REPO);
    expect(await x.execute("1 + 1")).toEqual(ok(2));
    expect(await x.execute("const v: string = process.version;\nBuffer.from(v).length > 0")).toEqual(ok(true));
    expect(nodeTypesRead()).toBe(true);
    expect(await x.execute("const n: number = process.version;")).toMatchObject({ status: "error", traceback: ["1:7 - Type 'string' is not assignable to type 'number'."] });
    expect(await x.execute("let t: NodeJS.Timeout = setTimeout(() => undefined, 0);\nclearTimeout(t); typeof require")).toEqual(ok("function"));
  });

  it("adds them for a builtin import, and for a package whose declarations import one", async () => {
    const x = createNodeExecutor(folder(), REPO);
    expect(await x.execute('import { bus } from "fleet-bus";\nbus.listenerCount("x")')).toEqual(ok(0));
    expect(nodeTypesRead()).toBe(true);
    // Typed through events' EventEmitter, not `any`.
    const wrong = await x.execute('import { bus as b } from "fleet-bus";\nb.noSuchMethod()');
    expect(wrong).toMatchObject({ status: "error", ename: "TypeScriptError" });
    if (wrong.status === "error") expect(wrong.evalue).toMatch(/^2:3 - Property 'noSuchMethod' does not exist on type 'EventEmitter/);
    const y = createNodeExecutor(folder(), REPO);
    expect(await y.execute('import { readdirSync } from "node:fs";\nArray.isArray(readdirSync("."))')).toEqual(ok(true));
  });

  it("still reports a genuine error that only looks like a missing Node type", async () => {
    const x = createNodeExecutor(folder(), REPO);
    const typo = await x.execute("proces.version");
    expect(typo).toMatchObject({ status: "error", traceback: ["1:1 - Cannot find name 'proces'. Did you mean 'process'?"] });
    const noModule = await x.execute('import nope from "node:no-such-builtin";');
    expect(noModule).toMatchObject({ status: "error", ename: "TypeScriptError" });
    if (noModule.status === "error") expect(noModule.evalue).toMatch(/Cannot find module 'node:no-such-builtin'/);
    expect(await x.execute("const b: Buffer = 'text';")).toMatchObject({ status: "error", traceback: ["1:7 - Type 'string' is not assignable to type 'Buffer<ArrayBufferLike>'."] });
  });
});

describe("evaluateInScript", () => {
  it("runs a sloppy-mode body over its arguments, named as the given source in stack traces", () => {
    const scope = { a: 2 };
    expect(evaluateInScript("with (s) { return a * k; }", ["s", "k"], [scope, 21], "fleetlab-cell-x.js")).toBe(42);
    let stack = "";
    try {
      evaluateInScript("throw new Error('here');", [], [], "fleetlab-cell-y.js");
    } catch (e) {
      stack = (e as Error).stack ?? "";
    }
    expect(stack.split("\n")[1]).toContain("fleetlab-cell-y.js");
  });
});

describe("where the desktop host parses JSDoc", () => {
  it("in fleetlab's own declarations, never in packages beneath it (a checkout's node_modules, a nested install)", () => {
    const packageRoot = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-package-")));
    const { parseJsDoc } = nodeCompilerFiles(ts, packageRoot, packageRoot);
    const at = (rel: string) => `${packageRoot.split(path.sep).join("/")}/${rel}`;
    expect(parseJsDoc(at("dist/src/model/index.d.ts"))).toBe(true);
    expect(parseJsDoc(at("node_modules/typescript/lib/lib.es5.d.ts"))).toBe(false);
    expect(parseJsDoc(at("node_modules/@types/node/fs.d.ts"))).toBe(false);
    expect(parseJsDoc(at("notes.ts"))).toBe(true);
    fs.rmSync(packageRoot, { recursive: true, force: true });
  });
});

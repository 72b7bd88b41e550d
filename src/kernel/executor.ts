/**
 * Adapter over tslab's converter (type-check + transpile, top-level await) and executor
 * (runs cells in this context, keeps top-level variables between cells).
 *
 * tslab's executor reports through a console it is given: `log(value)` for the last
 * expression's value, `error(e)` for a thrown error, `error("%s%d:%d - %s", …)` for each
 * compiler diagnostic. User code's own console.log goes to the real process streams,
 * so the console passed here only ever sees tslab's reports, and this adapter turns them
 * back into data: a value, or an error with ename / evalue / traceback.
 */
import Module from "module";
import path from "path";
import util from "util";
import type { MimeBundle } from "./runtime";
import { displayBundleWith, errorContentWith, type Executor as SharedExecutor } from "./outcome";
import { installFleetlabResolution, type Resolution, type TsSys } from "./module-resolution";
import { declaredTypes, limitAutomaticTypes, nearestPackageJson } from "./type-roots";
import { deferWatchers, type WatchSys } from "./deferred-watchers";

export type { CompleteResult, ExecuteOutcome } from "./outcome";
export { INTERRUPTED_ENAME, InterruptedError } from "./outcome";

/** The desktop executor: the shared interface, plus where `fleetlab` resolves from. */
export interface Executor extends SharedExecutor {
  readonly resolution: Resolution;
}

/* Minimal shapes of tslab 1.0.22's compiled modules (dist/*.d.ts). */
interface TslabConverter {
  close(): void;
}
interface TslabExecutor {
  execute(src: string): Promise<boolean>;
  inspect(src: string, position: number): unknown;
  complete(src: string, position: number): { start: number; end: number; candidates: string[] };
  interrupt(): void;
}

/** Frames of tslab, of this kernel and of Node's own script running: below the cell's code. */
const DESKTOP_BOUNDARY = /node_modules[\\/]tslab[\\/]|dist[\\/]src[\\/]kernel[\\/]|node:internal|node:vm|at Script\.runInThisContext/;

/** Formats a thrown value as a Jupyter error (ename, evalue, traceback). */
export function errorContent(err: unknown): { ename: string; evalue: string; traceback: string[] } {
  return errorContentWith(err, util.inspect, (frame) => DESKTOP_BOUNDARY.test(frame));
}

/** text/plain via util.inspect, plus the value's own MIME bundle (outcome.ts displayBundleWith). */
export function displayBundle(value: unknown): MimeBundle | null {
  return displayBundleWith(value, util.inspect);
}

/**
 * Creates the executor for cells run in `cwd`.
 * @param packageRoot folder of the running fleetlab package (for `import … from "fleetlab"`)
 */
export function createExecutor(cwd: string, packageRoot: string): Executor {
  const tslabRequire = Module.createRequire(require.resolve("tslab/package.json"));
  const ts = tslabRequire("@tslab/typescript-for-tslab") as { sys: TsSys & WatchSys & { getCurrentDirectory(): string }; version: string };
  const rootDir = path.resolve(cwd);
  const resolution = installFleetlabResolution(rootDir, packageRoot, ts.sys);
  // Only @types/node and the notebook project's own @types are ambient (type-roots.ts).
  limitAutomaticTypes(ts.sys, declaredTypes(nearestPackageJson(cwd)));
  // The compiler's file watchers start once the first cell has run (deferred-watchers.ts).
  const watchers = deferWatchers(ts.sys);
  const converterModule = tslabRequire("./dist/converter") as {
    createConverter(o: { isJS: boolean; isBrowser: boolean }): TslabConverter;
    isCompleteCode(src: string): { completed: boolean; indent?: string };
  };
  const executorModule = tslabRequire("./dist/executor") as {
    createExecutor(rootDir: string, convs: unknown, console: { log(...a: unknown[]): void; error(...a: unknown[]): void }): TslabExecutor;
  };
  const inspectModule = tslabRequire("./dist/inspect") as { printQuickInfo(info: unknown): string };

  // tslab's converter compiles in `ts.sys.getCurrentDirectory()`, which TypeScript memoizes
  // from the first process.cwd(); a second executor in the same process (`fleetlab run
  // a/x.ipynb b/y.ipynb`) would otherwise type-check its cells as if they sat in the
  // first notebook's folder (wrong relative imports, wrong node_modules).
  const inCwd = <T>(create: () => T): T => {
    const original = ts.sys.getCurrentDirectory;
    ts.sys.getCurrentDirectory = () => rootDir;
    try {
      return create();
    } finally {
      ts.sys.getCurrentDirectory = original;
    }
  };
  let node: TslabConverter | undefined;
  let browser: TslabConverter | undefined;
  const convs = {
    get node() {
      return (node ??= inCwd(() => converterModule.createConverter({ isJS: false, isBrowser: false })));
    },
    get browser() {
      return (browser ??= inCwd(() => converterModule.createConverter({ isJS: false, isBrowser: true })));
    },
    close() {
      node?.close();
      browser?.close();
    },
  };
  void convs.node; // build the compiler host now (a few hundred ms), not on the first cell

  let report: { value?: unknown; hasValue: boolean; errors: unknown[]; diagnostics: string[] } = { hasValue: false, errors: [], diagnostics: [] };
  const tslab = executorModule.createExecutor(rootDir, convs, {
    log(value: unknown) {
      report.value = value;
      report.hasValue = true;
    },
    error(first: unknown, ...rest: unknown[]) {
      if (first === "%s%d:%d - %s") report.diagnostics.push(util.format(first, ...rest));
      else report.errors.push(first);
    },
  });

  // tslab's interrupt() rejects the promise the running cell races against and arms a fresh
  // one; a second call (or one while idle) would reject the fresh one and fail the next cell
  // at its first await. So a cell is interrupted at most once, and only while it runs.
  let running = false;
  let interrupted = false;

  return {
    typescriptVersion: ts.version,
    resolution,
    async execute(code) {
      report = { hasValue: false, errors: [], diagnostics: [] };
      let ok: boolean;
      running = true;
      interrupted = false;
      try {
        ok = await tslab.execute(code);
      } catch (err) {
        // tslab catches user errors itself; this is a compiler crash.
        return { status: "error", ...errorContent(err) };
      } finally {
        running = false;
        if (!watchers.started) setImmediate(() => watchers.start());
      }
      if (report.diagnostics.length > 0) {
        return { status: "error", ename: "TypeScriptError", evalue: report.diagnostics.join("\n"), traceback: report.diagnostics };
      }
      if (!ok) return { status: "error", ...errorContent(report.errors[0] ?? new Error("cell failed")) };
      return report.hasValue ? { status: "ok", hasValue: true, value: report.value } : { status: "ok", hasValue: false };
    },
    complete(code, cursor) {
      const info = tslab.complete(code, cursor);
      return { matches: info.candidates, cursorStart: info.start, cursorEnd: info.end };
    },
    inspect(code, cursor) {
      const info = tslab.inspect(code, cursor);
      return info ? inspectModule.printQuickInfo(info) : undefined;
    },
    isComplete(code) {
      const r = converterModule.isCompleteCode(code);
      return r.completed ? { status: "complete" } : { status: "incomplete", indent: r.indent ?? "" };
    },
    interrupt() {
      if (!running || interrupted) return;
      interrupted = true;
      tslab.interrupt();
    },
    abandon() {
      running = false;
    },
  };
}

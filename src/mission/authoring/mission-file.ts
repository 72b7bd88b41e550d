/**
 * A mission file: one TypeScript module in a course's folder (FleetLab's own missions are
 * written the same way) that imports only `fleetlab` and `fleetlab/mission` and exports
 * `defineMission({...})`.
 *
 * Every host (the kernel through `mission.open`, `fleetlab run`, `check` and `grade`) loads
 * it here, with the kernel's own TypeScript and one set of compiler options, so a file that
 * opens in Jupyter also checks and grades. `fleetlab` and `fleetlab/mission` resolve to the
 * FleetLab that loads the file (never a second copy from the course's node_modules: one
 * model, one widget contract); any other import resolves from the file's folder, and a
 * relative import of another `.ts` file is compiled the same way.
 */
import fs from "fs";
import Module from "module";
import path from "path";
import type * as TS from "typescript";
import { diagnosticLine, loadFailure, MissionFileError, missionFromExports, transpileMission } from "./mission-module";
import type { Mission, MissionSpec } from "./types";

export { isMissionFile } from "../mission-ref";

export { MissionFileError } from "./mission-module";

/**
 * The compiler options of every mission file: those of the kernel's cells (ES2022,
 * CommonJS), strict, and with no Node types, since a mission runs in the browser too
 * (a JupyterLite kernel).
 */
export function missionCompilerOptions(ts: typeof TS): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.NodeJs,
    lib: ["lib.es2022.d.ts"], strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true, types: [],
    baseUrl: "/", paths: { fleetlab: [hostEntry("model")], "fleetlab/mission": [hostEntry("mission")] },
  };
}

/** The TypeScript the kernel compiles cells with (the package's own). */
export function kernelTypeScript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("typescript") as typeof TS;
}

/** The declaration (or, in a source checkout under test, the source) of a public entry point, without extension. */
function hostEntry(which: "model" | "mission"): string {
  const base = which === "model" ? path.join(__dirname, "..", "..", "model", "index") : path.join(__dirname, "..", "index");
  return base;
}

/**
 * The running FleetLab's public modules, which a mission file's imports of them resolve to.
 * For a draft, `defineMission` returns the definition unchecked (marked `draft`), so a file
 * still full of TODOs yields the texts its notebook is generated from.
 */
function hostModules(draft: boolean): Record<string, unknown> {
  // Required lazily: `fleetlab/mission` itself loads mission files.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require("../index") as Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const model = require("../../model/index") as Record<string, unknown>;
  return { fleetlab: model, "fleetlab/mission": draft ? { ...api, defineMission: (spec: object) => ({ ...spec, draft: true }) } : api };
}

const where = (ts: typeof TS, d: TS.Diagnostic): string => diagnosticLine(ts, d, shortPath);

/**
 * Runs a mission file and returns the mission it exports; with `draft`, its definition unchecked.
 * @throws MissionFileError (missing file, syntax error, no mission exported, an error while it runs)
 * @throws MissionDefinitionError when `defineMission` finds problems in the definition
 */
export function loadMissionFile(file: string): Mission<unknown>;
export function loadMissionFile(file: string, options: { draft: boolean }): MissionSpec<unknown>;
export function loadMissionFile(file: string, options: { draft: boolean } = { draft: false }): MissionSpec<unknown> {
  const abs = path.resolve(file);
  const exports = runModule(abs, kernelTypeScript(), hostModules(options.draft), new Map());
  return missionFromExports(abs, exports, options.draft);
}

function runModule(file: string, ts: typeof TS, host: Record<string, unknown>, loading: Map<string, Record<string, unknown>>): Record<string, unknown> {
  const cached = loading.get(file);
  if (cached) return cached;
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch {
    throw new MissionFileError(file, [`no such mission file (looked for ${file})`]);
  }
  const code = transpileMission(ts, file, source, shortPath);
  const mod = new Module(file, module) as Module & { _compile(code: string, file: string): void; paths: string[] };
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  loading.set(file, mod.exports as Record<string, unknown>);
  mod.require = ((id: string) => {
    if (id in host) return host[id];
    if (id === "fleetlab" || id.startsWith("fleetlab/")) {
      throw new MissionFileError(file, [`imports "${id}"; a mission imports only "fleetlab" and "fleetlab/mission"`]);
    }
    if (id.startsWith(".")) {
      const target = path.resolve(path.dirname(file), id);
      const ts = [target, `${target}.ts`].find((f) => f.endsWith(".ts") && fs.existsSync(f));
      if (ts) return runModule(ts, kernelTypeScript(), host, loading);
    }
    return Module.prototype.require.call(mod, id);
  }) as NodeJS.Require;
  try {
    mod._compile(code, file);
  } catch (e) {
    throw loadFailure(file, e);
  }
  loading.set(file, mod.exports as Record<string, unknown>);
  return mod.exports as Record<string, unknown>;
}

/**
 * The compiler's errors in a mission file (and the files it imports), each `file:line:col: message`,
 * with the kernel's TypeScript unless given another.
 */
export function typeCheckMissionFile(file: string, ts: typeof TS = kernelTypeScript()): string[] {
  const program = ts.createProgram([path.resolve(file)], missionCompilerOptions(ts));
  return ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => where(ts, d));
}

/** A path as the author would type it: relative to the working folder when inside it. */
function shortPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** Every line of a file that still says TODO, as `file:line: text`. */
export function todoLines(file: string): string[] {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  return lines.flatMap((l, i) => (/\bTODO\b/.test(l) ? [`${shortPath(path.resolve(file))}:${i + 1}: ${l.trim().replace(/^\/\/\s*|^\/?\*+\s*/, "")}`] : []));
}

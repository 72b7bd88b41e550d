/**
 * What loading a mission file means on every platform: its TypeScript transpiled to a
 * CommonJS module, run with `fleetlab` and `fleetlab/mission` bound to the host's own copies,
 * and exactly one mission among its exports. Node's loader (mission-file.ts) adds the disk,
 * node_modules and the type-check; a browser worker (a JupyterLite site) reads the file from
 * the site and runs it here, with the TypeScript it bundles.
 */
import type * as TS from "typescript";
import { MissionDefinitionError } from "./messages";
import type { Mission, MissionSpec } from "./types";

/** A mission file that cannot be used: `problems` each name the file (and line, where known). */
export class MissionFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`mission file ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "MissionFileError";
  }
}

/** A diagnostic as `file:line:col: message`, with the file as `shown` names it. */
export function diagnosticLine(ts: typeof TS, d: TS.Diagnostic, shown: (file: string) => string = (f) => f): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return text;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${shown(d.file.fileName)}:${line + 1}:${character + 1}: ${text}`;
}

/** The file's JavaScript (CommonJS, ES2022, an inline source map), or its syntax errors. */
export function transpileMission(ts: typeof TS, file: string, source: string, shown?: (file: string) => string): string {
  const out = ts.transpileModule(source, {
    fileName: file, reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, inlineSourceMap: true },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new MissionFileError(file, errors.map((d) => diagnosticLine(ts, d, shown)));
  return out.outputText;
}

/** The one mission a module exports (checked, or with `draft` the unchecked definition). */
export function missionFromExports(file: string, exports: Record<string, unknown>, draft: boolean): MissionSpec<unknown> {
  const marker = draft ? "draft" : "checked";
  const found = Object.values(exports).filter((v): v is Mission<unknown> => !!v && typeof v === "object" && (v as Record<string, unknown>)[marker] === true && Array.isArray((v as Mission).parts));
  if (found.length !== 1) {
    throw new MissionFileError(file, [found.length === 0
      ? "exports no mission (write `export const mission = defineMission({...})` with defineMission from \"fleetlab/mission\")"
      : `exports ${found.length} missions (${found.map((m) => m.id).join(", ")}); a mission file defines one`]);
  }
  return found[0];
}

/** An error thrown while a mission file runs, as the author should read it. */
export function loadFailure(file: string, e: unknown): Error {
  if (e instanceof MissionFileError || e instanceof MissionDefinitionError) return e;
  const err = e as Partial<MissionDefinitionError>;
  if (err && err.name === "MissionDefinitionError" && Array.isArray(err.problems)) return e as Error;
  return new MissionFileError(file, [`failed while loading: ${e instanceof Error ? e.message : String(e)}`]);
}

/** `id` relative to the folder of `from` ("/"-separated paths, as in a site's drive). */
export function joinRelative(from: string, id: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const seg of id.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/**
 * Loads the mission in `file` where there is no disk or node_modules: `read` gives a file's
 * text (undefined when missing), `modules` the host's `fleetlab` and `fleetlab/mission`, and a
 * relative import of another `.ts` file is loaded the same way.
 */
export function loadMissionSource(ts: typeof TS, file: string, read: (file: string) => string | undefined, modules: Record<string, unknown>): Mission<unknown> {
  const loading = new Map<string, Record<string, unknown>>();
  const run = (f: string): Record<string, unknown> => {
    const cached = loading.get(f);
    if (cached) return cached;
    const source = read(f);
    if (source === undefined) throw new MissionFileError(f, [`no such mission file (looked for ${f})`]);
    const code = transpileMission(ts, f, source);
    const module = { exports: {} as Record<string, unknown> };
    loading.set(f, module.exports);
    const require = (id: string): unknown => {
      if (Object.hasOwn(modules, id)) return modules[id];
      if (id.startsWith(".")) {
        const target = joinRelative(f, id);
        return run(target.endsWith(".ts") ? target : `${target}.ts`);
      }
      throw new MissionFileError(f, [`imports "${id}"; here a mission imports only ${Object.keys(modules).map((m) => `"${m}"`).join(", ")} and its own .ts files`]);
    };
    try {
      // A mission file is the course's own code, run as the desktop kernel runs it.
      new Function("exports", "require", "module", code)(module.exports, require, module);
    } catch (e) {
      throw loadFailure(f, e);
    }
    loading.set(f, module.exports);
    return module.exports;
  };
  return missionFromExports(file, run(file), false) as Mission<unknown>;
}

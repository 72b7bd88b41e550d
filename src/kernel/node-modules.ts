/**
 * What desktop cells import at run time (src/cells/run-cell.ts CellModules): Node's own
 * `require` from the notebook folder, so builtins, packages in node_modules above it and
 * `fleetlab` (forwarded by module-resolution.ts when not installed there) all load as a
 * script in that folder would load them.
 *
 * A relative import of a TypeScript file (`./fleet`, `./fleet.js` for fleet.ts) is the
 * notebook's own module: it is transpiled to CommonJS and loaded here, and loaded again
 * when the file changes on disk, so an edited module reaches the next cell that imports it
 * (its type-check sees the edit too: node-compiler-files.ts versions local files).
 */
import fs from "fs";
import Module from "module";
import path from "path";
import type * as TS from "typescript";
import type { CellModules } from "../cells/run-cell";

/** The file a cell's `require` resolves from: inside the notebook folder (module-resolution.ts picks the forward by it). */
export function cellRequireBase(cwd: string): string {
  return path.join(path.resolve(cwd), "[fleetlab-cell].js");
}

type Require = (specifier: string) => unknown;

export function nodeModules(ts: typeof TS, cwd: string): CellModules {
  const loaded = new Map<string, { stamp: string; exports: unknown }>();

  /** The .ts file a relative specifier names, or undefined (then Node resolves it). */
  function localTypeScript(specifier: string, dir: string): string | undefined {
    if (!/^\.{1,2}(\/|$)|^\//.test(specifier)) return undefined;
    const base = path.resolve(dir, specifier);
    const stem = base.replace(/\.[cm]?js$/, "");
    for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, path.join(base, "index.ts")]) {
      if (!/\.tsx?$/.test(candidate) || candidate.endsWith(".d.ts")) continue;
      try {
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not this one
      }
    }
    return undefined;
  }

  function loadLocal(file: string): unknown {
    const stat = fs.statSync(file);
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    const known = loaded.get(file);
    if (known && known.stamp === stamp) return known.exports;
    const js = ts.transpileModule(fs.readFileSync(file, "utf8"), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true, jsx: ts.JsxEmit.React, inlineSourceMap: true },
    }).outputText;
    const mod = new Module(file) as Module & { _compile(code: string, file: string): void; paths: string[] };
    mod.filename = file;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
    // Its own relative .ts imports load through here as well.
    mod.require = requireFrom(file) as NodeJS.Require;
    loaded.set(file, { stamp, exports: mod.exports }); // a cycle sees the partial exports, as in Node
    mod._compile(js, file);
    loaded.set(file, { stamp, exports: mod.exports });
    return mod.exports;
  }

  function requireFrom(file: string): Require {
    const nodeRequire = Module.createRequire(file);
    return (specifier) => {
      const local = localTypeScript(specifier, path.dirname(file));
      return local ? loadLocal(local) : nodeRequire(specifier);
    };
  }

  const require = requireFrom(cellRequireBase(cwd));
  return { require };
}

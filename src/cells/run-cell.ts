/**
 * Runs a checked cell. Its run text (every top-level declaration exported, the last
 * expression's value passed to a sink) is transpiled to CommonJS, whose `exports` is the
 * kernel's scope object: a declaration lands there, and a later cell's free names resolve
 * there through `with`, so cells share top-level names without a module system.
 * `import … from "x"` runs through the host's module map (`require`), and each binding is
 * also put on the scope (a live getter) for later cells.
 *
 * The cell runs in an async function (top-level await) created with `new Function`, in
 * sloppy mode, as `with` needs; its source is named `fleetlab-cell-<n>.js`, so a stack
 * trace's cell frames can be told from the executor's.
 */
import type * as TS from "typescript";
import type { ImportBinding } from "./cell-source";

/** A module cells may import: its namespace, loaded on first import. */
export interface CellModule {
  load(): unknown;
  /** The declaration file typing it (a key of the executor's declaration files). */
  types: string;
}

export const CELL_SOURCE_PREFIX = "fleetlab-cell-";
const VALUE_SINK = "__fleetlab_value__";

/** Raised for an import of a specifier the host does not provide. */
export class ModuleNotFoundError extends Error {
  override name = "ModuleNotFoundError";
}

export function missingModule(specifier: string, available: string[]): ModuleNotFoundError {
  const list = available.length ? available.map((s) => JSON.stringify(s)).join(", ") : "none";
  return new ModuleNotFoundError(`Cannot find module ${JSON.stringify(specifier)}: cells in this kernel can import ${list}`);
}

export interface CellRunner {
  /** Runs one cell's run text; resolves with its value (if it ends in an expression) or rejects with what it threw. */
  run(runText: (sink: string) => { text: string; hasValue: boolean }, declared: ReadonlySet<string>, imports: readonly ImportBinding[]): Promise<{ hasValue: boolean; value?: unknown }>;
}

export function createCellRunner(ts: typeof TS, modules: Record<string, CellModule>): CellRunner {
  const scope: Record<string, unknown> = Object.create(null);
  const loaded = new Map<string, unknown>();
  let count = 0;

  function require(specifier: string): unknown {
    if (loaded.has(specifier)) return loaded.get(specifier);
    const mod = modules[specifier];
    if (!mod) throw missingModule(specifier, Object.keys(modules));
    const namespace = mod.load();
    loaded.set(specifier, namespace);
    return namespace;
  }

  function bind({ name, specifier, imported }: ImportBinding): void {
    const namespace = require(specifier) as Record<string, unknown>;
    const get =
      imported === "*" ? () => namespace
      : imported === "default" ? () => (namespace.__esModule ? namespace.default : namespace.default ?? namespace)
      : () => namespace[imported];
    Object.defineProperty(scope, name, { get, enumerable: true, configurable: true });
  }

  return {
    async run(runText, declared, imports) {
      // The cell's own names replace earlier ones (an import getter included) before it runs.
      for (const name of declared) delete scope[name];
      for (const binding of imports) if (!binding.typeOnly) bind(binding);
      const { text, hasValue } = runText(VALUE_SINK);
      const js = ts.transpileModule(text, {
        fileName: "cell.ts",
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true, newLine: ts.NewLineKind.LineFeed },
      }).outputText;
      let value: unknown;
      const sink = (v: unknown) => void (value = v);
      const body = `return (async function () { with (__fleetlab_scope__) {\n${js}\n} })();\n//# sourceURL=${CELL_SOURCE_PREFIX}${++count}.js`;
      const cell = new Function("__fleetlab_scope__", "exports", "require", VALUE_SINK, body) as (...a: unknown[]) => Promise<void>;
      await cell(scope, scope, require, sink);
      return hasValue ? { hasValue, value } : { hasValue };
    },
  };
}

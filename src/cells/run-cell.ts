/**
 * Runs a checked cell. Its run text (every top-level declaration exported, the last
 * expression's value passed to a sink) is transpiled to CommonJS, whose `exports` is the
 * kernel's scope object: a declaration lands there, and a later cell's free names resolve
 * there through `with`, so cells share top-level names without a module system.
 * `import … from "x"` runs through the host's module map (`require`), and each binding is
 * also put on the scope (a live getter) for later cells.
 *
 * The cell runs in an async function (top-level await), in sloppy mode, as `with` needs;
 * its source is named `fleetlab-cell-<n>.js`, so a stack trace's cell frames can be told
 * from the executor's. How that function is made and called is the host's (EvaluateCell):
 * `new Function` in a browser, a vm script the desktop can break with SIGINT.
 */
import type * as TS from "typescript";
import type { ImportBinding } from "./cell-source";
import { decodeMappings, originalPosition } from "./source-map";

/** A module cells may import: its namespace, loaded on first import. */
export interface CellModule {
  load(): unknown;
  /** The declaration file typing it (a key of the executor's declaration files). */
  types: string;
}

export const CELL_SOURCE_PREFIX = "fleetlab-cell-";
/** A stack frame's position in a cell's compiled source: name, line, column. */
export const CELL_FRAME = /(fleetlab-cell-\d+\.js):(\d+):(\d+)/g;
const VALUE_SINK = "__fleetlab_value__";

/** Raised for an import of a specifier the host does not provide. */
export class ModuleNotFoundError extends Error {
  override name = "ModuleNotFoundError";
}

export function missingModule(specifier: string, available: string[]): ModuleNotFoundError {
  const list = available.length ? available.map((s) => JSON.stringify(s)).join(", ") : "none";
  return new ModuleNotFoundError(`Cannot find module ${JSON.stringify(specifier)}: cells in this kernel can import ${list}`);
}

/** What cells may import, at run time. */
export interface CellModules {
  /** Why `specifier` cannot be imported, checked before type-checking; undefined lets the compiler judge. */
  missing?(specifier: string): Error | undefined;
  /** The module's namespace, for a cell's import of `specifier` (the host caches as it sees fit). */
  require(specifier: string): unknown;
}

/** A fixed module map: specifier → module, each loaded once, on first import. */
export function moduleMap(modules: Record<string, CellModule>): CellModules {
  const loaded = new Map<string, unknown>();
  const missing = (specifier: string) => (specifier in modules ? undefined : missingModule(specifier, Object.keys(modules)));
  return {
    missing,
    require(specifier) {
      if (loaded.has(specifier)) return loaded.get(specifier);
      const err = missing(specifier);
      if (err) throw err;
      const namespace = modules[specifier].load();
      loaded.set(specifier, namespace);
      return namespace;
    },
  };
}

/**
 * Makes and calls a cell's function: `body` is a sloppy-mode function body over `params`,
 * called with `args`; `sourceName` names its source in stack traces. Returns what it returns.
 */
export type EvaluateCell = (body: string, params: string[], args: unknown[], sourceName: string) => unknown;

/** `new Function`, as a browser worker runs cells. */
export const evaluateWithFunction: EvaluateCell = (body, params, args, sourceName) =>
  (new Function(...params, `${body}\n//# sourceURL=${sourceName}`) as (...a: unknown[]) => unknown)(...args);

export interface CellRunner {
  /** Runs one cell's run text; resolves with its value (if it ends in an expression) or rejects with what it threw. */
  run(runText: (sink: string) => { text: string; hasValue: boolean }, declared: ReadonlySet<string>, imports: readonly ImportBinding[]): Promise<{ hasValue: boolean; value?: unknown }>;
  /**
   * A stack frame's position (1-based, as a stack prints it) in a cell's compiled source
   * `sourceName`, as a 1-based line and column of that cell's run text, whose lines are the
   * cell's own; undefined when it maps to none.
   */
  runTextPosition(sourceName: string, line: number, column: number): { line: number; column: number } | undefined;
}

/** The first line of the cell's JavaScript inside the function body run() evaluates. */
const BODY_LINES_BEFORE_JS = 1;

export function createCellRunner(ts: typeof TS, modules: CellModules, evaluate: EvaluateCell = evaluateWithFunction): CellRunner {
  const scope: Record<string, unknown> = Object.create(null);
  let count = 0;
  /** Each cell's source map, decoded when a frame first asks for it. */
  const maps = new Map<string, { mappings: string; lines: string[]; decoded?: ReturnType<typeof decodeMappings> }>();
  let bodyLine: number | null | undefined;
  /** The stack line of a function body's first line, as this host wraps bodies (null where stacks say nothing). */
  const firstBodyLine = (): number | null => {
    if (bodyLine !== undefined) return bodyLine;
    const probe = `${CELL_SOURCE_PREFIX}probe.js`;
    const stack = String(evaluate("return new Error().stack;", [], [], probe));
    const at = new RegExp(`${probe.replace(/\./g, "\\.")}:(\\d+):\\d+`).exec(stack);
    return (bodyLine = at ? Number(at[1]) : null);
  };
  const require = (specifier: string) => modules.require(specifier);

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
      const out = ts.transpileModule(text, {
        fileName: "cell.ts",
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true, newLine: ts.NewLineKind.LineFeed, sourceMap: true },
      });
      // The compiler's own sourceMappingURL comment would name a file that does not exist.
      const js = out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, "");
      let value: unknown;
      const sink = (v: unknown) => void (value = v);
      const body = `return (async function () { with (__fleetlab_scope__) {\n${js}\n} })();`;
      const sourceName = `${CELL_SOURCE_PREFIX}${++count}.js`;
      if (out.sourceMapText) maps.set(sourceName, { mappings: (JSON.parse(out.sourceMapText) as { mappings: string }).mappings, lines: text.split("\n") });
      await evaluate(body, ["__fleetlab_scope__", "exports", "require", VALUE_SINK], [scope, scope, require, sink], sourceName);
      return hasValue ? { hasValue, value } : { hasValue };
    },
    runTextPosition(sourceName, line, column) {
      const map = maps.get(sourceName);
      const first = firstBodyLine();
      if (!map || first === null) return undefined;
      map.decoded ??= decodeMappings(map.mappings);
      const at = originalPosition(map.decoded, line - first - BODY_LINES_BEFORE_JS, column - 1);
      if (!at) return undefined;
      // The run text puts `export ` before a top-level declaration; the cell has none there.
      const inserted = map.lines[at.line]?.startsWith("export ") && at.column >= 7 ? 7 : 0;
      return { line: at.line + 1, column: at.column + 1 - inserted };
    },
  };
}

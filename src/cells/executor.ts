/**
 * FleetLab's own TypeScript cell executor, browser-safe: the compiler is injected (the
 * repository's `typescript`, bundled into the web worker) and every file it reads comes
 * from its host (memory in a browser, the disk on the desktop). It keeps the semantics the
 * desktop kernel had under tslab:
 *
 *   - a cell with a type error does not run; each diagnostic names the cell's line:column;
 *   - top-level declarations and imports persist into later cells, which may redeclare them;
 *   - top-level await; the last expression's value (unless null or undefined) is the outcome's;
 *   - imports come from the host's modules; with a fixed map, an unknown specifier names what there is.
 *
 * One LanguageService (language-host.ts) checks every cell, so a warm cell costs one
 * incremental check of a small file; what earlier cells declared reaches it as emitted
 * declarations (prelude.ts).
 *
 * createCellExecutor is the browser's form (every file in memory, a fixed module map);
 * createHostedCellExecutor takes the host's own files, modules, value formatter and way
 * of running cell code (the desktop's: src/kernel/node-cells.ts).
 */
import type * as TS from "typescript";
import type { CompleteResult, ExecuteOutcome, Executor } from "../kernel/outcome";
import { errorContentWith, InterruptedError } from "../kernel/outcome";
import { readCell, type CellSource } from "./cell-source";
import { formatValue } from "./format-value";
import { isCompleteCell } from "./is-complete";
import { createLanguageHost, memoryFiles, type LanguageHostOptions } from "./language-host";
import { createPrelude } from "./prelude";
import { CELL_SOURCE_PREFIX, CELL_FRAME, createCellRunner, moduleMap, type CellModule, type CellModules, type EvaluateCell } from "./run-cell";
import type { FormatValue } from "../kernel/outcome";

export type { CellModule, CellModules, EvaluateCell } from "./run-cell";
export type { CompilerFiles } from "./language-host";

/** The library a cell sees when the host names none: a worker's globals on ES2022. */
export const DEFAULT_LIBS = ["lib.es2022.d.ts", "lib.webworker.d.ts"];

export interface CellExecutorOptions {
  /** The TypeScript compiler module. */
  ts: typeof TS;
  /** TypeScript library files by name ("lib.es2022.d.ts" → text), with every file they reference. */
  libFiles: Record<string, string>;
  /** Which of them the cells see (DEFAULT_LIBS unless given). */
  libs?: string[];
  /** Declaration files by absolute path ("/fleetlab/src/model/index.d.ts" → text). */
  declarations: Record<string, string>;
  /** What cells may import: specifier → module. */
  modules: Record<string, CellModule>;
}

/**
 * `@types` packages a host leaves out of the program until a cell needs them: the desktop's
 * @types/node is most of its declarations' parse and bind time, and most cells never use it.
 * A cell needs them when, checked without them, it has any error (a genuine one reports
 * the same with them) or a specifier `needs` names went unresolved, in the cell or in the
 * declarations of a package it imports (which would otherwise type as `any`). Once added,
 * they stay, so every later cell is checked as if they had been there from the start.
 */
export interface TypesOnDemand {
  names: string[];
  /** Whether an unresolved module specifier (e.g. "fs", "node:path") calls for them. */
  needs(specifier: string): boolean;
}

/** What a host gives the executor. */
export interface CellHost {
  /** The compiler's files and options (language-host.ts). */
  compiler: LanguageHostOptions;
  typesOnDemand?: TypesOnDemand;
  modules: CellModules;
  /** text/plain of a thrown non-Error. */
  formatValue?: FormatValue;
  /** How compiled cell code is made and run (`new Function` unless given). */
  evaluate?: EvaluateCell;
}

export interface CellExecutor extends Executor {
  /** Builds the program and checker (parsing every declaration file) now, not on the first cell. */
  warm(): void;
  /** Milliseconds the last execute spent type-checking (and emitting declarations for) its cell. */
  readonly lastCheckMs: number;
}

/** A cell's text for the compiler: the prelude, the cell, and `export {}` so it is always a module. */
interface Composed {
  cell: CellSource;
  preludeLength: number;
}

/** "Cannot find name / namespace / module …" in TypeScript 5.9, with or without a suggestion of what to install or which lib. */
const NOT_FOUND = new Set([2304, 2552, 2580, 2591, 2583, 2584, 2503, 2833, 2307, 2792]);

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** The browser's executor: every file in memory, cells import the module map only. */
export function createCellExecutor({ ts, libFiles, libs = DEFAULT_LIBS, declarations, modules }: CellExecutorOptions): CellExecutor {
  const typesOf = Object.fromEntries(Object.entries(modules).map(([specifier, m]) => [specifier, m.types]));
  return createHostedCellExecutor({ compiler: { ts, files: memoryFiles(libFiles, declarations), libs, typesOf }, modules: moduleMap(modules) });
}

export function createHostedCellExecutor({ compiler, modules, formatValue: format = formatValue, evaluate, typesOnDemand }: CellHost): CellExecutor {
  const { ts } = compiler;
  let pendingTypes = typesOnDemand;
  let unresolvedNeedsTypes = false;
  const host = createLanguageHost({
    ...compiler,
    onUnresolved(specifier) {
      compiler.onUnresolved?.(specifier);
      if (pendingTypes?.needs(specifier)) unresolvedNeedsTypes = true;
    },
  });
  const CELL_FILE = host.cellFile;
  const prelude = createPrelude(ts);
  const runner = createCellRunner(ts, modules, evaluate);
  let lastCheckMs = 0;

  function compose(code: string): Composed {
    const cell = readCell(ts, code);
    const before = prelude.text(cell.declared);
    host.setCell(`${before}${cell.checked}\nexport {};\n`);
    return { cell, preludeLength: before.length };
  }

  /** `line:column - message` per error in the cell itself, as the desktop kernel prints them. */
  function diagnosticsOf(composed: Composed, code: string): string[] {
    const errors = cellErrors(composed, code, true);
    return (addTypesIfNeeded(errors.length > 0) ? cellErrors(composed, code, true) : errors).map((e) => e.text);
  }

  /** Adds the pending on-demand types when the cell calls for them; true if it did. */
  function addTypesIfNeeded(cellCallsForThem: boolean): boolean {
    if (!pendingTypes || (!cellCallsForThem && !unresolvedNeedsTypes)) return false;
    host.addTypes(pendingTypes.names);
    pendingTypes = undefined;
    return true;
  }

  function cellErrors({ cell, preludeLength }: Composed, code: string, syntactic: boolean): { code: number; text: string }[] {
    const { service } = host;
    const all = [...(syntactic ? service.getSyntacticDiagnostics(CELL_FILE) : []), ...service.getSemanticDiagnostics(CELL_FILE)];
    const errors: { code: number; text: string }[] = [];
    for (const d of all) {
      if (d.category !== ts.DiagnosticCategory.Error || d.start === undefined || d.start < preludeLength) continue;
      const offset = Math.min(cell.toCellOffset(d.start - preludeLength), code.length);
      const { line, character } = ts.getLineAndCharacterOfPosition(ts.createSourceFile("c.ts", code, ts.ScriptTarget.ES2022), offset);
      errors.push({ code: d.code, text: `${line + 1}:${character + 1} - ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}` });
    }
    return errors;
  }

  /**
   * Before completion or quick info: the types the cell calls for. Code being typed is
   * rarely error-free (`mission.op`), so here only a name or module not found calls for them.
   */
  function withTypesFor(composed: Composed, code: string): void {
    if (pendingTypes) addTypesIfNeeded(cellErrors(composed, code, false).some((e) => NOT_FOUND.has(e.code)));
  }

  function errorOf(err: unknown) {
    // The cell's frames (its source is fleetlab-cell-<n>.js) and what they called; not the executor's below.
    const own = (err as { stack?: unknown } | null)?.stack; // an Error of any realm
    const stack = typeof own === "string" ? own.split("\n") : [];
    let lastCell = -1;
    stack.forEach((frame, i) => void (frame.includes(CELL_SOURCE_PREFIX) && (lastCell = i)));
    const content = errorContentWith(err, format, (frame) => lastCell >= 0 && stack.indexOf(frame) > lastCell);
    return { ...content, traceback: content.traceback.map(inCellLines) };
  }

  /** A frame's position in a cell's compiled JavaScript, given as the cell's own line and column. */
  function inCellLines(frame: string): string {
    return frame.replace(CELL_FRAME, (whole, name: string, line: string, column: string) => {
      const at = runner.runTextPosition(name, Number(line), Number(column));
      return at ? `${name}:${at.line}:${at.column}` : whole;
    });
  }

  // Rejects the running cell's await; armed per cell, so an interrupt between cells is a no-op.
  let interruptCell: ((err: Error) => void) | undefined;

  return {
    typescriptVersion: ts.version,
    get lastCheckMs() {
      return lastCheckMs;
    },

    warm() {
      compose("");
      host.service.getSemanticDiagnostics(CELL_FILE);
    },

    async execute(code): Promise<ExecuteOutcome> {
      let composed: Composed;
      let declarationsText = "";
      try {
        const started = now();
        composed = compose(code);
        const missing = composed.cell.specifiers.map((s) => ({ ...s, err: modules.missing?.(s.specifier) })).find((s) => s.err);
        if (missing?.err) {
          const { err, start } = missing;
          const { line, character } = ts.getLineAndCharacterOfPosition(ts.createSourceFile("c.ts", code, ts.ScriptTarget.ES2022), start);
          return { status: "error", ename: err.name, evalue: err.message, traceback: [`${line + 1}:${character + 1} - ${err.message}`] };
        }
        const diagnostics = diagnosticsOf(composed, code);
        if (diagnostics.length > 0) {
          lastCheckMs = now() - started;
          return { status: "error", ename: "TypeScriptError", evalue: diagnostics.join("\n"), traceback: diagnostics };
        }
        declarationsText = host.service.getEmitOutput(CELL_FILE, true).outputFiles.find((f) => f.name.endsWith(".d.ts"))?.text ?? "";
        lastCheckMs = now() - started;
      } catch (err) {
        return { status: "error", ...errorOf(err) }; // a compiler crash
      }
      const { cell } = composed;
      const interrupted = new Promise<never>((_, reject) => (interruptCell = reject));
      interrupted.catch(() => undefined);
      try {
        const result = await Promise.race([runner.run((sink) => cell.run(sink), cell.declared, cell.imports), interrupted]);
        prelude.record(cell.declared, cell.imports, declarationsText);
        return result.hasValue && result.value != null ? { status: "ok", hasValue: true, value: result.value } : { status: "ok", hasValue: false };
      } catch (err) {
        return { status: "error", ...errorOf(err) };
      } finally {
        interruptCell = undefined;
      }
    },

    complete(code, cursor): CompleteResult {
      const composed = compose(code);
      withTypesFor(composed, code);
      const at = composed.preludeLength + composed.cell.toCheckedOffset(cursor);
      const entries = host.service.getCompletionsAtPosition(CELL_FILE, at, {})?.entries ?? [];
      let start = cursor;
      while (start > 0 && /[\w$]/.test(code[start - 1])) start--;
      let end = cursor;
      while (end < code.length && /[\w$]/.test(code[end])) end++;
      const word = code.slice(start, end);
      if (!word) {
        const sorted = [...entries].sort((a, b) => a.sortText.localeCompare(b.sortText) || a.name.localeCompare(b.name));
        return { matches: sorted.map((e) => e.name), cursorStart: cursor, cursorEnd: cursor };
      }
      // As tslab ranks them: prefix, then case-insensitive prefix, then substring.
      const lower = word.toLowerCase();
      const ranked = entries
        .map((e, index) => {
          const name = e.name.toLowerCase();
          const rank = e.name.startsWith(word) ? "0" : name.startsWith(lower) ? "1" : name.includes(lower) ? "2" : "";
          return { name: e.name, key: rank + e.sortText, index, rank };
        })
        .filter((e) => e.rank !== "")
        .sort((a, b) => a.key.localeCompare(b.key) || a.index - b.index);
      return { matches: ranked.map((e) => e.name), cursorStart: start, cursorEnd: end };
    },

    inspect(code, cursor) {
      const composed = compose(code);
      withTypesFor(composed, code);
      const info = host.service.getQuickInfoAtPosition(CELL_FILE, composed.preludeLength + composed.cell.toCheckedOffset(cursor));
      if (!info) return undefined;
      // As tslab prints quick info: the signature, then the documentation and tags.
      let out = ts.displayPartsToString(info.displayParts);
      const docs = info.documentation ?? [];
      const tags = (info.tags ?? []).map((t) => ({ name: t.name, text: ts.displayPartsToString(t.text) })).filter((t) => t.text);
      if (out && (docs.length > 0 || tags.length > 0)) out += "\n";
      for (const doc of docs) out += `\n${doc.text}`;
      for (const tag of tags) out += `\n${tag.name === "param" ? "@param " : ""}${tag.text}`;
      return out || undefined;
    },

    isComplete: (code) => isCompleteCell(ts, code),

    interrupt() {
      interruptCell?.(new InterruptedError("execution interrupted by the user"));
      interruptCell = undefined;
    },

    abandon() {
      interruptCell = undefined;
    },
  };
}

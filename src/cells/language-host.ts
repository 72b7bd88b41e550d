/**
 * The compiler's view of a kernel's cells: one in-memory LanguageService whose only root
 * is the cell file, over the TypeScript library and the host's declaration files, kept for
 * the kernel's life so unchanged files stay parsed and bound and a warm cell checks fast.
 *
 *   /cells/cell.ts          prelude (earlier cells) + this cell, rewritten per request
 *   /lib/lib.*.d.ts         the TypeScript library the host ships
 *   <declaration paths>     e.g. /fleetlab/src/model/index.d.ts; a registered specifier
 *                           ("fleetlab") resolves to its module's `types` file
 */
import type * as TS from "typescript";

export const CELL_FILE = "/cells/cell.ts";
const LIB_DIR = "/lib/";

export interface LanguageHostOptions {
  ts: typeof TS;
  /** TypeScript library files by name ("lib.es2022.d.ts" → text), with every file they reference. */
  libFiles: Record<string, string>;
  /** The library the cells see, e.g. ["lib.es2022.d.ts", "lib.webworker.d.ts"]. */
  libs: string[];
  /** Declaration files by absolute path. */
  declarations: Record<string, string>;
  /** Module specifier → the declaration file (a key of `declarations`) typing it. */
  typesOf: Record<string, string>;
}

export interface LanguageHost {
  readonly service: TS.LanguageService;
  /** Replaces the cell file's text. */
  setCell(text: string): void;
}

export function createLanguageHost({ ts, libFiles, libs, declarations, typesOf }: LanguageHostOptions): LanguageHost {
  const fixed = new Map<string, TS.IScriptSnapshot>();
  const text = (file: string): string | undefined =>
    file.startsWith(LIB_DIR) ? libFiles[file.slice(LIB_DIR.length)] : declarations[file];
  let cell = "";
  let version = 0;

  const options: TS.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: libs,
    types: [],
    esModuleInterop: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    // The cell's declarations, emitted for the next cell's prelude (prelude.ts).
    declaration: true,
    emitDeclarationOnly: true,
    newLine: ts.NewLineKind.LineFeed,
  };
  const exists = (file: string) => file === CELL_FILE || text(file) !== undefined;
  const moduleHost: TS.ModuleResolutionHost = { fileExists: exists, readFile: (f) => (f === CELL_FILE ? cell : text(f)) };

  const host: TS.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [CELL_FILE],
    getScriptVersion: (file) => (file === CELL_FILE ? String(version) : "0"),
    getScriptSnapshot(file) {
      if (file === CELL_FILE) return ts.ScriptSnapshot.fromString(cell);
      let snapshot = fixed.get(file);
      if (!snapshot) {
        const t = text(file);
        if (t === undefined) return undefined;
        fixed.set(file, (snapshot = ts.ScriptSnapshot.fromString(t)));
      }
      return snapshot;
    },
    getCurrentDirectory: () => "/",
    getDefaultLibFileName: () => `${LIB_DIR}lib.d.ts`,
    fileExists: exists,
    readFile: moduleHost.readFile,
    directoryExists: () => true,
    useCaseSensitiveFileNames: () => true,
    resolveModuleNameLiterals(literals, containingFile) {
      return literals.map((literal) => {
        const types = typesOf[literal.text];
        if (types !== undefined) return { resolvedModule: { resolvedFileName: types, extension: ts.Extension.Dts, isExternalLibraryImport: false } };
        return ts.resolveModuleName(literal.text, containingFile, options, moduleHost);
      });
    },
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry(true, "/"));
  return {
    service,
    setCell(t) {
      cell = t;
      version++;
    },
  };
}

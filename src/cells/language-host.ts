/**
 * The compiler's view of a kernel's cells: one LanguageService whose only root is the cell
 * file, over the TypeScript library and whatever declaration files the host's files hold,
 * kept for the kernel's life so unchanged files stay parsed and bound and a warm cell
 * checks fast.
 *
 * Where files come from is the host's (CompilerFiles): memory in a browser worker
 * (memoryFiles below), the disk on the desktop (src/kernel/node-compiler-files.ts).
 *
 *   /cells/cell.ts          prelude (earlier cells) + this cell, rewritten per request
 *                           (a host may place it elsewhere, e.g. in the notebook's folder)
 *   /lib/lib.*.d.ts         the TypeScript library the host ships
 *   <declaration paths>     e.g. /fleetlab/src/model/index.d.ts; a registered specifier
 *                           ("fleetlab") resolves to its module's `types` file
 */
import type * as TS from "typescript";

export const CELL_FILE = "/cells/cell.ts";
const LIB_DIR = "/lib/";

/** The files the compiler reads, besides the cell. */
export interface CompilerFiles {
  readFile(file: string): string | undefined;
  fileExists(file: string): boolean;
  directoryExists?(dir: string): boolean;
  getDirectories?(dir: string): string[];
  realpath?(file: string): string;
  /** Changes when the file's text does; files without one never change. */
  version?(file: string): string | undefined;
  /** The folder the TypeScript library files sit in (ends with a slash). */
  libDir: string;
  /** Where relative names and automatic `@types` lookups start. */
  currentDirectory: string;
}

/** In-memory files: the library by name under /lib/, declaration files by absolute path. */
export function memoryFiles(libFiles: Record<string, string>, declarations: Record<string, string>): CompilerFiles {
  const readFile = (file: string): string | undefined =>
    file.startsWith(LIB_DIR) ? libFiles[file.slice(LIB_DIR.length)] : declarations[file];
  return { readFile, fileExists: (file) => readFile(file) !== undefined, directoryExists: () => true, libDir: LIB_DIR, currentDirectory: "/" };
}

export interface LanguageHostOptions {
  ts: typeof TS;
  files: CompilerFiles;
  /** The library the cells see, e.g. ["lib.es2022.d.ts", "lib.webworker.d.ts"]. */
  libs: string[];
  /** Module specifier → the declaration file typing it, ahead of ordinary resolution. */
  typesOf?: Record<string, string>;
  /** Where the cell file sits (CELL_FILE unless given). */
  cellFile?: string;
  /** Compiler options over the cells' defaults (e.g. `types` undefined for automatic @types, module resolution). */
  compilerOptions?: TS.CompilerOptions;
  /**
   * Whether JSDoc in `file` is parsed (for quick-info docs). Unless given, all of it is; a
   * file it refuses is parsed with JSDocParsingMode.ParseNone, which spares most of the
   * parse time of large declaration files.
   */
  parseJsDoc?(file: string): boolean;
  /** Told each module specifier that resolves to nothing, in the cell or in any declaration file. */
  onUnresolved?(specifier: string): void;
}

export interface LanguageHost {
  readonly service: TS.LanguageService;
  /** Where the cell file sits. */
  readonly cellFile: string;
  /** Replaces the cell file's text. */
  setCell(text: string): void;
  /** Adds `@types` packages to the `types` option; the next check builds a program with them (unchanged files stay parsed). */
  addTypes(names: string[]): void;
}

/**
 * A document registry that parses each file with the JSDoc mode `parseJsDoc` picks for it:
 * a registry holds one mode, so there is one per mode and each file goes to its own.
 */
function registryWithJsDocModes(ts: typeof TS, parseJsDoc: (file: string) => boolean): TS.DocumentRegistry {
  const all = ts.createDocumentRegistry(true, "/", ts.JSDocParsingMode.ParseAll);
  const none = ts.createDocumentRegistry(true, "/", ts.JSDocParsingMode.ParseNone);
  const pick = (file: string) => (parseJsDoc(file) ? all : none);
  type Options = TS.ScriptTarget | TS.CreateSourceFileOptions;
  const withMode = (file: string, o: Options | undefined): Options | undefined => {
    const jsDocParsingMode = parseJsDoc(file) ? ts.JSDocParsingMode.ParseAll : ts.JSDocParsingMode.ParseNone;
    return typeof o === "object" ? { ...o, jsDocParsingMode } : o;
  };
  return {
    acquireDocument: (file, settings, snapshot, version, kind, o) => pick(file).acquireDocument(file, settings, snapshot, version, kind, withMode(file, o)),
    acquireDocumentWithKey: (file, path, settings, key, snapshot, version, kind, o) =>
      pick(file).acquireDocumentWithKey(file, path, settings, key, snapshot, version, kind, withMode(file, o)),
    updateDocument: (file, settings, snapshot, version, kind, o) => pick(file).updateDocument(file, settings, snapshot, version, kind, withMode(file, o)),
    updateDocumentWithKey: (file, path, settings, key, snapshot, version, kind, o) =>
      pick(file).updateDocumentWithKey(file, path, settings, key, snapshot, version, kind, withMode(file, o)),
    getKeyForCompilationSettings: (settings) => all.getKeyForCompilationSettings(settings),
    releaseDocument: (file, settings, kind, format) => pick(file).releaseDocument(file, settings, kind!, format!),
    releaseDocumentWithKey: (path, key, kind, format) => pick(path).releaseDocumentWithKey(path, key, kind!, format!),
    reportStats: () => `${all.reportStats()}\n${none.reportStats()}`,
  } as TS.DocumentRegistry;
}

export function createLanguageHost({ ts, files, libs, typesOf = {}, cellFile = CELL_FILE, compilerOptions = {}, parseJsDoc, onUnresolved }: LanguageHostOptions): LanguageHost {
  const snapshots = new Map<string, { version: string; snapshot: TS.IScriptSnapshot }>();
  let cell = "";
  let version = 0;

  let options: TS.CompilerOptions = {
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
    ...compilerOptions,
  };
  const fileVersion = (file: string) => (file === cellFile ? String(version) : files.version?.(file) ?? "0");
  const exists = (file: string) => file === cellFile || files.fileExists(file);
  const readFile = (file: string) => (file === cellFile ? cell : files.readFile(file));
  const moduleHost: TS.ModuleResolutionHost = {
    fileExists: exists,
    readFile,
    directoryExists: files.directoryExists && ((d) => files.directoryExists!(d)),
    getDirectories: files.getDirectories && ((d) => files.getDirectories!(d)),
    realpath: files.realpath && ((f) => files.realpath!(f)),
    getCurrentDirectory: () => files.currentDirectory,
  };

  const resolutionCache = ts.createModuleResolutionCache(files.currentDirectory, (f) => f, options);

  const host: TS.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [cellFile],
    getScriptVersion: fileVersion,
    getScriptSnapshot(file) {
      if (file === cellFile) return ts.ScriptSnapshot.fromString(cell);
      const v = fileVersion(file);
      const known = snapshots.get(file);
      if (known && known.version === v) return known.snapshot;
      const t = files.readFile(file);
      if (t === undefined) return undefined;
      const snapshot = ts.ScriptSnapshot.fromString(t);
      snapshots.set(file, { version: v, snapshot });
      return snapshot;
    },
    getCurrentDirectory: () => files.currentDirectory,
    getDefaultLibFileName: () => `${files.libDir}lib.d.ts`,
    fileExists: exists,
    readFile,
    directoryExists: moduleHost.directoryExists,
    getDirectories: moduleHost.getDirectories,
    realpath: moduleHost.realpath,
    useCaseSensitiveFileNames: () => true,
    resolveModuleNameLiterals(literals, containingFile) {
      return literals.map((literal) => {
        const types = typesOf[literal.text];
        if (types !== undefined) return { resolvedModule: { resolvedFileName: types, extension: ts.Extension.Dts, isExternalLibraryImport: false } };
        // Declaration files' imports are cached (most fail over to ambient modules after a walk up
        // every node_modules); the cell's are not, so a package installed since resolves at once.
        const resolved = ts.resolveModuleName(literal.text, containingFile, options, moduleHost, containingFile === cellFile ? undefined : resolutionCache);
        if (!resolved.resolvedModule) onUnresolved?.(literal.text);
        return resolved;
      });
    },
  };
  const registry = parseJsDoc ? registryWithJsDocModes(ts, parseJsDoc) : ts.createDocumentRegistry(true, "/");
  const service = ts.createLanguageService(host, registry);
  return {
    service,
    cellFile,
    setCell(t) {
      cell = t;
      version++;
    },
    addTypes(names) {
      options = { ...options, types: [...(options.types ?? []), ...names] };
    },
  };
}

/**
 * The desktop compiler's files (src/cells/language-host.ts CompilerFiles), read from disk
 * through TypeScript's own `sys`: the real library in node_modules/typescript/lib, @types/node
 * (the notebook's, else FleetLab's own) and the notebook project's declared @types as
 * automatic types (type-roots.ts), any package
 * in node_modules above the notebook folder, and `fleetlab` forwarded to the running package
 * when the folder cannot see an installed copy (module-resolution.ts).
 *
 * Start-up is mostly parsing declaration files, and much of that is their JSDoc; only the
 * cell's own code, local modules and fleetlab's declarations have theirs parsed (for
 * inspect's docs), so quick info on a library or @types name shows its signature only.
 */
import fs from "fs";
import path from "path";
import type * as TS from "typescript";
import type { CompilerFiles } from "../cells/language-host";
import { installFleetlabResolution, type Resolution, type TsSys } from "./module-resolution";
import { declaredTypes, limitAutomaticTypes, nearestPackageJson } from "./type-roots";

export interface NodeCompilerFiles {
  files: CompilerFiles;
  resolution: Resolution;
  /** Whether the compiler parses JSDoc in `file`. */
  parseJsDoc(file: string): boolean;
  /** Every `node_modules/@types` above the notebook, and FleetLab's own @types when none holds `node`. */
  typeRoots: string[];
  /** The `@types` packages in them that cells see without importing them (type-roots.ts): "node" and the notebook's declared ones. */
  automaticTypes: string[];
}

/** `node_modules/@types` folders at and above `cwd`, nearest first; with FleetLab's own when none has @types/node (a notebook folder with no node_modules). */
function typeRootsFor(cwd: string, directoryExists: (d: string) => boolean, fileExists: (f: string) => boolean): string[] {
  const roots: string[] = [];
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const root = slashes(path.join(dir, "node_modules", "@types"));
    if (directoryExists(root)) roots.push(root);
    if (path.dirname(dir) === dir) break;
  }
  if (!roots.some((r) => fileExists(`${r}/node/package.json`))) {
    roots.push(slashes(path.dirname(path.dirname(require.resolve("@types/node/package.json")))));
  }
  return roots;
}

const slashes = (p: string) => p.split(path.sep).join("/");

/**
 * @param cwd         the notebook folder
 * @param packageRoot the running fleetlab package's folder
 */
export function nodeCompilerFiles(ts: typeof TS, cwd: string, packageRoot: string): NodeCompilerFiles {
  // A sys of this executor's own: the hooks below wrap it, not TypeScript's shared ts.sys.
  const sys: TsSys = {
    readFile: (p, encoding) => ts.sys.readFile(p, encoding),
    fileExists: (p) => ts.sys.fileExists(p),
    directoryExists: (p) => ts.sys.directoryExists(p),
    getDirectories: (p) => ts.sys.getDirectories(p),
    realpath: ts.sys.realpath && ((p) => ts.sys.realpath!(p)),
  };
  const resolution = installFleetlabResolution(cwd, packageRoot, sys);
  limitAutomaticTypes(sys, declaredTypes(nearestPackageJson(cwd)));
  const libDir = slashes(path.dirname(require.resolve("typescript/lib/lib.d.ts"))) + "/";
  const fleetlabDirs = [slashes(path.resolve(packageRoot)) + "/", resolution.kind === "forwarded" ? resolution.from + "/" : slashes(resolution.packageDir) + "/"];
  // FleetLab's own files, not the packages beneath it (a checkout's node_modules, or one npm nested in the package).
  const isFleetlab = (file: string) => fleetlabDirs.some((d) => file.startsWith(d) && !file.slice(d.length).includes("node_modules/"));
  const isLocal = (file: string) => !file.startsWith(libDir) && !file.includes("/node_modules/");

  const files: CompilerFiles = {
    readFile: (f) => sys.readFile(f),
    fileExists: (f) => sys.fileExists(f),
    directoryExists: (d) => sys.directoryExists(d),
    getDirectories: (d) => sys.getDirectories(d),
    realpath: sys.realpath && ((f) => sys.realpath!(f)),
    // The notebook's own modules may be edited while the kernel runs; packages and the library are read once.
    version(file) {
      if (!isLocal(file) || isFleetlab(file)) return undefined;
      try {
        const stat = fs.statSync(file);
        return `${stat.mtimeMs}:${stat.size}`;
      } catch {
        return "missing";
      }
    },
    libDir,
    currentDirectory: slashes(path.resolve(cwd)),
  };
  const typeRoots = typeRootsFor(cwd, (d) => sys.directoryExists(d), (f) => sys.fileExists(f));
  const automaticTypes = [...new Set(typeRoots.flatMap((root) => sys.getDirectories(root)))];
  return { files, resolution, typeRoots, automaticTypes, parseJsDoc: (file) => !file.endsWith(".d.ts") || isFleetlab(file) };
}

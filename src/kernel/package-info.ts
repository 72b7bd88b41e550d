/**
 * The running FleetLab package: where it is installed (what `import "fleetlab"` in a cell
 * resolves to) and what its package.json says of itself (version, homepage), read once.
 */
import fs from "fs";
import path from "path";

export interface PackageInfo {
  /** Folder holding fleetlab's package.json. */
  root: string;
  version: string;
  /** Where FleetLab's README is published (package.json `homepage`). */
  homepage: string;
}

let cached: PackageInfo | undefined;

/** Reads the nearest package.json named "fleetlab" above this module. */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string; homepage?: string };
      if (pkg.name === "fleetlab") {
        if (typeof pkg.version !== "string" || typeof pkg.homepage !== "string") throw new Error(`fleetlab: ${file} lacks a version or homepage`);
        return (cached = { root: dir, version: pkg.version, homepage: pkg.homepage });
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`fleetlab: cannot find fleetlab's package.json above ${__dirname}`);
  }
}

/** Folder holding the running fleetlab's package.json. */
export function packageRoot(): string {
  return packageInfo().root;
}

/**
 * The two JSON files the worker fetches at start-up from its assets folder: written in Node
 * by assets.ts, read in the worker by worker-host.ts.
 *
 *   typescript-lib.json   the TypeScript library cells are checked against
 *   fleetlab-types.json   FleetLab's declaration files, which of them types each importable
 *                         module, and the package facts kernel_info reports
 */
export const LIB_ASSET = "typescript-lib.json";
export const TYPES_ASSET = "fleetlab-types.json";

export interface LibAsset {
  /** The TypeScript version the files come from. */
  version: string;
  /** The library files cells see; `files` holds them and every file they reference. */
  libs: string[];
  /** "lib.es2022.d.ts" → text. */
  files: Record<string, string>;
}

export interface TypesAsset {
  /** FleetLab's version and README address (package.json `version`, `homepage`). */
  version: string;
  homepage: string;
  /** Module specifier → the declaration file (a key of `files`) typing it. */
  modules: Record<string, string>;
  /** Absolute path ("/fleetlab/src/model/index.d.ts") → text. */
  files: Record<string, string>;
}

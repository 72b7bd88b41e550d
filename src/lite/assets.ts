/**
 * The files a JupyterLite site ships beside the FleetLab worker, built in Node (never
 * imported by the worker): the TypeScript library its cells are checked against, and
 * FleetLab's declaration files (what `fleetlab` and `fleetlab/mission` are typed by) with
 * the package facts kernel_info reports (asset-format.ts). The worker fetches both at
 * start-up (worker-host.ts).
 */
import fs from "fs";
import path from "path";
import { DEFAULT_LIBS } from "../cells/executor";
import { packageInfo } from "../kernel/package-info";
import { LIB_ASSET, TYPES_ASSET, type LibAsset, type TypesAsset } from "./asset-format";

export { LIB_ASSET, TYPES_ASSET } from "./asset-format";

/** The library files `libs` name, with every `/// <reference lib>` they reach, from the repository's TypeScript. */
export function typescriptLib(libs: string[] = DEFAULT_LIBS): LibAsset {
  const dir = path.dirname(require.resolve("typescript/lib/lib.d.ts"));
  const files: Record<string, string> = {};
  const pending = [...libs];
  while (pending.length) {
    const name = pending.pop()!;
    if (name in files) continue;
    const text = fs.readFileSync(path.join(dir, name), "utf8");
    files[name] = text;
    for (const m of text.matchAll(/^\/\/\/\s*<reference\s+lib="([^"]+)"/gm)) pending.push(`lib.${m[1].toLowerCase()}.d.ts`);
  }
  const version = (JSON.parse(fs.readFileSync(path.join(dir, "..", "package.json"), "utf8")) as { version: string }).version;
  return { version, libs, files };
}

/** Where the worker's cells find FleetLab's public entries, relative to the built dist/src/. */
const ENTRIES: Record<string, string> = { fleetlab: "model/index.d.ts", "fleetlab/mission": "mission/browser.d.ts" };
const VIRTUAL_ROOT = "/fleetlab/src/";

/**
 * FleetLab's declaration files reachable from its browser entries (dist/src/**\/*.d.ts, so
 * `npm run build` first), placed under /fleetlab/src/ for the worker's compiler.
 */
export function fleetlabTypes(distSrc = path.join(packageInfo().root, "dist", "src")): TypesAsset {
  const files: Record<string, string> = {};
  const pending = Object.values(ENTRIES).map((e) => path.join(distSrc, e));
  while (pending.length) {
    const file = pending.pop()!;
    const key = VIRTUAL_ROOT + path.relative(distSrc, file).split(path.sep).join("/");
    if (key in files) continue;
    if (!fs.existsSync(file)) throw new Error(`fleetlab declarations: ${file} is missing; run \`npm run build\` first`);
    const text = fs.readFileSync(file, "utf8");
    files[key] = text;
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|<reference\s+path=)["'](\.{1,2}\/[^"']+)["']/g)) {
      const base = path.resolve(path.dirname(file), m[1].replace(/\.js$/, ""));
      const candidates = [`${base}.d.ts`, path.join(base, "index.d.ts"), base];
      const found = candidates.find((c) => c.endsWith(".d.ts") && fs.existsSync(c));
      if (found) pending.push(found);
    }
  }
  const modules = Object.fromEntries(Object.entries(ENTRIES).map(([spec, e]) => [spec, VIRTUAL_ROOT + e]));
  const { version, homepage } = packageInfo();
  return { version, homepage, modules, files };
}

/** Writes typescript-lib.json and fleetlab-types.json into `outDir`; returns their paths. */
export function writeWorkerAssets(outDir: string): { lib: string; types: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const lib = path.join(outDir, LIB_ASSET);
  const types = path.join(outDir, TYPES_ASSET);
  fs.writeFileSync(lib, JSON.stringify(typescriptLib()));
  fs.writeFileSync(types, JSON.stringify(fleetlabTypes()));
  return { lib, types };
}

/**
 * Bundles the worker entry (worker.ts) for the browser with esbuild: one self-contained
 * script (the compiler, the model, the missions, the kernel runtime), run in Node by the
 * JupyterLite site's build, never imported by the worker.
 */
import path from "path";
import { build } from "esbuild";

const root = path.resolve(__dirname, "..", "..", __dirname.includes(`${path.sep}dist${path.sep}`) ? ".." : "");
const src = (file: string) => path.join(root, "src", file);

export interface BuildWorkerOptions {
  /** Minify (default true). */
  minify?: boolean;
  /** Write `<outFile>.map` beside it (default false). */
  sourcemap?: boolean;
}

/** Bundles the worker into `outFile` (an IIFE script for `new Worker(url)`); returns its size in bytes. */
export async function buildWorker(outFile: string, { minify = true, sourcemap = false }: BuildWorkerOptions = {}): Promise<number> {
  const result = await build({
    entryPoints: [src("lite/worker.ts")],
    outfile: outFile,
    absWorkingDir: root,
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify,
    sourcemap,
    metafile: true,
    logLevel: "silent",
    // The model and missions import each other by their public names.
    alias: { fleetlab: src("model/index.ts"), "fleetlab/mission": src("mission/browser.ts") },
  });
  return Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
}

/**
 * Bundles the widget front end with esbuild.
 *
 *   node widgets/build.mjs lib         widgets/src/plugin.ts     -> widgets/lib/plugin.js (ESM; @jupyter-widgets/base
 *                                      left external for JupyterLab's shared singleton; input of the labextension build)
 *   node widgets/build.mjs standalone  widgets/standalone/page.ts -> widgets/standalone/dist/fleetlab-widgets.js
 *                                      (one classic script: html-manager + widgets, renders saved widget state)
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const common = {
  bundle: true,
  platform: "browser",
  target: "es2022",
  sourcemap: true,
  logLevel: "warning",
  define: { "process.env.NODE_ENV": '"production"' },
  // ipywidgets' own control styles and icon fonts are not used by FleetLab views.
  loader: { ".css": "empty", ".woff": "empty", ".woff2": "empty", ".ttf": "empty", ".eot": "empty", ".svg": "empty" },
};

const targets = {
  lib: {
    ...common,
    entryPoints: [path.join(here, "src/plugin.ts")],
    outfile: path.join(here, "lib/plugin.js"),
    format: "esm",
    external: ["@jupyter-widgets/base"],
  },
  standalone: {
    ...common,
    entryPoints: [path.join(here, "standalone/page.ts")],
    outfile: path.join(here, "standalone/dist/fleetlab-widgets.js"),
    format: "iife",
    minify: true,
  },
};

const wanted = process.argv.slice(2);
if (wanted.length === 0 || wanted.some((t) => !(t in targets))) {
  console.error(`usage: node widgets/build.mjs ${Object.keys(targets).join("|")} ...`);
  process.exit(2);
}
for (const name of wanted) {
  const started = performance.now();
  await build(targets[name]);
  console.log(`widgets ${name}: ${targets[name].outfile} (${Math.round(performance.now() - started)} ms)`);
}

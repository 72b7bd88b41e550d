#!/usr/bin/env node
/**
 * Builds the app of FleetLab's static JupyterLite sites into dist/lite/app/ (run `npm run build`
 * first), which the npm package ships; a site is that app plus a course's files, written by
 * `fleetlab export --site DIR FILE...` (src/lite/site.ts). `npm run build:lite` builds the app
 * and exports FleetLab's own mission notebooks to out/lite/. The app:
 *
 *   index.html, lab/index.html   the front door and the lab's page (lite/src/*.html)
 *   jupyter-lite.json            the site's page config: FleetLab the default kernel, where things are
 *   build/                       the app (main.js + chunks), build/schemas/ settings, build/themes/
 *   extensions/@fleetlab/widgets FleetLab's prebuilt widget extension, loaded as a federated extension
 *   api/translations/            the one language, so the lab asks no server for others
 *   fleetlab/worker.js           the FleetLab kernel's web worker, fleetlab/assets/ what it fetches
 *
 * and a site adds files/ and api/contents/all.json, its drive's files and their listing.
 *
 * Work is skipped by hashes, kept in out/lite-build/: `npm ci` in lite/ runs when its
 * package-lock.json changed since the last install, the app is rebuilt when lite/'s sources
 * or lockfile changed, the worker when FleetLab's build (dist/) changed; the small files are
 * rewritten every time. Prints the app folder.
 */
const { execFileSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { writeSettings } = require("./settings.js");

const HERE = __dirname;
const ROOT = path.resolve(HERE, "..");
const OUT = path.join(ROOT, "dist", "lite", "app");
/** Hashes of what was built, and the app's generated entry files: beside the site, not served. */
const STAMPS = path.join(ROOT, "out", "lite-build");
const BUILD = path.join(OUT, "build");
const LABEXTENSION = path.join(ROOT, "widgets", "labextension");
const WORKER_DIR = path.join(OUT, "fleetlab");

/** Every file under `dir`, sorted, recursively. */
function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** sha256 over the files' paths (relative to `base`) and contents. */
function hashFiles(files, base) {
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${path.relative(base, file)}\0`).update(fs.readFileSync(file)).update("\0");
  return hash.digest("hex");
}

const readStamp = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "");

/** Runs `work` unless stamp `name` already records `hash` and every `outputs` exists. */
async function unlessDone(name, hash, outputs, work) {
  const stamp = path.join(STAMPS, `${name}.sha256`);
  if (readStamp(stamp) === hash && outputs.every((f) => fs.existsSync(f))) return;
  await work();
  fs.mkdirSync(STAMPS, { recursive: true });
  fs.writeFileSync(stamp, `${hash}\n`);
}

function log(message) {
  process.stderr.write(`[lite] ${message}\n`);
}

const writeJson = (file, data) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
};

/** npm ci in lite/, when its node_modules was installed from another lockfile (or not at all). */
function ensureInstalled() {
  const stamp = path.join(HERE, "node_modules", ".fleetlab-lock.sha256");
  const want = hashFiles([path.join(HERE, "package-lock.json")], HERE);
  if (readStamp(stamp) === want) return;
  log("npm ci");
  // Under `npm run` npm_execpath is npm's own CLI script; otherwise `npm` on PATH.
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli && npmCli.endsWith(".js") ? [process.execPath, [npmCli]] : ["npm", []];
  execFileSync(cmd, [...args, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: HERE, stdio: ["ignore", "inherit", "inherit"] });
  fs.writeFileSync(stamp, `${want}\n`);
}

/** The rspack build of the app, its schemas and themes (see rspack.config.js). */
async function buildApp() {
  const inputs = [
    ...["package.json", "package-lock.json", "build.js", "rspack.config.js", "extensions.js"].map((f) => path.join(HERE, f)),
    ...filesUnder(path.join(HERE, "src")),
    path.join(ROOT, "src", "lite", "protocol.ts"),
  ];
  await unlessDone("app", hashFiles(inputs, ROOT), [path.join(BUILD, "main.js")], async () => {
    ensureInstalled();
    log("building the JupyterLite app");
    const started = Date.now();
    fs.rmSync(BUILD, { recursive: true, force: true });
    const { rspack } = require("@rspack/core");
    const { appConfig } = require("./rspack.config.js");
    const entryDir = path.join(STAMPS, "entry");
    const stats = await new Promise((resolve, reject) => {
      rspack(appConfig(entryDir, BUILD), (error, result) => (error ? reject(error) : resolve(result)));
    });
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
    log(`built the app in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });
}

/** FleetLab's widget extension as a federated extension; returns its page config entry. */
function installLabextension() {
  const pkgFile = path.join(LABEXTENSION, "package.json");
  if (!fs.existsSync(pkgFile)) throw new Error(`${path.relative(ROOT, LABEXTENSION)} is missing: run \`npm run build\` first`);
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
  const dest = path.join(OUT, "extensions", pkg.name);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(LABEXTENSION, dest, { recursive: true });
  return { name: pkg.name, ...pkg.jupyterlab._build };
}

/**
 * The FleetLab worker and its assets, by FleetLab's build (dist/src/lite/): `buildWorker`
 * bundles src/lite/worker.ts with esbuild, `writeWorkerAssets` writes the TypeScript library
 * and FleetLab declarations the worker fetches. Returns false when this checkout has no worker.
 */
async function buildWorker() {
  const distLite = path.join(ROOT, "dist", "src", "lite");
  const [bundler, assets] = ["build-worker.js", "assets.js"].map((f) => path.join(distLite, f));
  if (!fs.existsSync(bundler) || !fs.existsSync(assets)) return false;
  // The bundle is made from src/, the declarations from dist/src/, the library from the repository's TypeScript.
  const inputs = [
    ...filesUnder(path.join(ROOT, "src")).filter((f) => f.endsWith(".ts") && !f.endsWith(".spec.ts")),
    ...filesUnder(path.join(ROOT, "dist", "src")).filter((f) => f.endsWith(".d.ts")),
    path.join(ROOT, "node_modules", "typescript", "package.json"),
  ];
  const worker = path.join(WORKER_DIR, "worker.js");
  await unlessDone("worker", hashFiles(inputs, ROOT), [worker], async () => {
    log("building the FleetLab worker");
    fs.rmSync(WORKER_DIR, { recursive: true, force: true });
    await require(bundler).buildWorker(worker);
    require(assets).writeWorkerAssets(path.join(WORKER_DIR, "assets"));
  });
  return true;
}

/** The pages, the site's page config and the language list. */
function writeSite(federatedExtensions) {
  fs.copyFileSync(path.join(HERE, "src", "root.html"), path.join(OUT, "index.html"));
  fs.mkdirSync(path.join(OUT, "lab"), { recursive: true });
  fs.copyFileSync(path.join(HERE, "src", "index.html"), path.join(OUT, "lab", "index.html"));
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  writeJson(path.join(OUT, "jupyter-lite.json"), {
    "jupyter-lite-schema-version": 0,
    "jupyter-config-data": {
      appName: "FleetLab",
      appVersion: version,
      baseUrl: "./",
      appUrl: "./lab",
      fullStaticUrl: "./build",
      fullLabextensionsUrl: "./extensions",
      settingsUrl: "./build/schemas",
      themesUrl: "build/themes",
      defaultKernelName: require(path.join(ROOT, "dist", "src", "lite", "protocol.js")).LITE_KERNEL_NAME,
      contentsAllJsonFile: "all.json",
      federated_extensions: federatedExtensions,
      fleetlabWorkerUrl: "./fleetlab/worker.js",
      fleetlabAssetsUrl: "./fleetlab/assets",
      fleetlabFilesUrl: "./files",
    },
  });
  const english = { en: { displayName: "English", nativeName: "English" } };
  writeJson(path.join(OUT, "api", "translations", "all.json"), { data: english, message: "" });
  writeJson(path.join(OUT, "api", "translations", "en.json"), { data: {}, message: "" });
}

/** Builds what is out of date; resolves to the app folder. */
async function ensureBuilt() {
  fs.mkdirSync(OUT, { recursive: true });
  await buildApp();
  const extension = installLabextension();
  writeSettings(BUILD, [path.join(OUT, "extensions", extension.name)]);
  if (!(await buildWorker())) throw new Error("dist/src/lite/ has no worker build (build-worker.js, assets.js): run `npm run build` first");
  writeSite([extension]);
  return { dir: OUT };
}

module.exports = { ensureBuilt, APP_DIR: OUT };

if (require.main === module) {
  ensureBuilt().then(({ dir }) => console.log(dir), (error) => {
    console.error(error);
    process.exit(1);
  });
}

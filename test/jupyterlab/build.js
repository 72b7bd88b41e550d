#!/usr/bin/env node
/**
 * Builds the test JupyterLab into test/jupyterlab/.build/ unless it is up to date:
 *
 *   .build/static/        the app (main.js + chunks) and index.html, the page template
 *   .build/schemas/       settings schemas of every core extension and the widget manager
 *   .build/themes/        the light and dark themes
 *   .build/labextensions/ FleetLab's prebuilt extension (a copy of widgets/labextension/)
 *
 * Work is skipped by hashes: `npm ci` runs when package-lock.json changed since the last
 * install, the app is rebuilt when the lockfile, package.json or the build's own files
 * changed, and FleetLab's extension is copied again when widgets/labextension/ changed (run
 * `npm run build` first). Usage: `node test/jupyterlab/build.js`; prints the build folder.
 */
const { execFileSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const HERE = __dirname;
const ROOT = path.resolve(HERE, "../..");
const OUT = path.join(HERE, ".build");
const LABEXTENSION = path.join(ROOT, "widgets/labextension");
const FLEETLAB_EXTENSION_NAME = "@fleetlab/widgets";

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

function log(message) {
  process.stderr.write(`[test/jupyterlab] ${message}\n`);
}

/** npm ci, when node_modules was installed from another lockfile (or not at all). */
function ensureInstalled() {
  const stamp = path.join(HERE, "node_modules", ".fleetlab-lock.sha256");
  const want = hashFiles([path.join(HERE, "package-lock.json")], HERE);
  if (readStamp(stamp) === want) return;
  log("npm ci");
  // Under `npm test` npm_execpath is npm's own CLI script; otherwise `npm` on PATH.
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli && npmCli.endsWith(".js") ? [process.execPath, [npmCli]] : ["npm", []];
  execFileSync(cmd, [...args, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: HERE, stdio: ["ignore", "inherit", "inherit"] });
  fs.writeFileSync(stamp, `${want}\n`);
}

/** The rspack build of the app and themes (see rspack.config.js). */
async function buildApp() {
  const stamp = path.join(OUT, "app.sha256");
  const inputs = ["package.json", "package-lock.json", "build.js", "rspack.config.js", ...filesUnder(path.join(HERE, "src")).map((f) => path.relative(HERE, f))];
  const want = hashFiles(inputs.map((f) => path.join(HERE, f)), HERE);
  if (readStamp(stamp) === want) return;
  ensureInstalled();
  log("building JupyterLab");
  const started = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  const { rspack } = require("@rspack/core");
  const { appConfig } = require("./rspack.config.js");
  const stats = await new Promise((resolve, reject) => {
    rspack(appConfig(OUT), (error, result) => (error ? reject(error) : resolve(result)));
  });
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  fs.writeFileSync(stamp, `${want}\n`);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Copies FleetLab's built extension into labextensions/ when it changed. */
function installFleetlabExtension() {
  if (!fs.existsSync(path.join(LABEXTENSION, "package.json"))) {
    throw new Error(`${path.relative(ROOT, LABEXTENSION)} is missing: run \`npm run build\` first`);
  }
  const dest = path.join(OUT, "labextensions", FLEETLAB_EXTENSION_NAME);
  const stamp = path.join(OUT, "labextension.sha256");
  const want = hashFiles(filesUnder(LABEXTENSION), LABEXTENSION);
  if (readStamp(stamp) === want && fs.existsSync(dest)) return;
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(LABEXTENSION, dest, { recursive: true });
  fs.writeFileSync(stamp, `${want}\n`);
}

/** Builds what is out of date; resolves to the build folder. */
async function ensureBuilt() {
  await buildApp();
  installFleetlabExtension();
  return OUT;
}

module.exports = { ensureBuilt, BUILD_DIR: OUT };

if (require.main === module) {
  ensureBuilt().then((dir) => console.log(dir), (error) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * The settings JupyterLite's setting manager loads in place of a server's: build/schemas/all.json
 * with one entry per plugin schema of the app's source extensions (the schema folders
 * rspack.config.js writes, `<package>/<plugin>.json` beside `package.json.orig`), and
 * all_federated.json with those of the federated extensions (their `schemas/` folders).
 * Stored user settings are layered on top in the browser.
 */
const fs = require("node:fs");
const path = require("node:path");

/** One settings entry: the schema with empty user settings. */
const entry = (id, schema, version) => ({ id, raw: "{}", schema, settings: {}, version });

/** `<dir>/<@scope/>package/plugin.json` schema files, as [package, plugin, file]. */
function schemaFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  const packages = fs.readdirSync(dir).flatMap((name) =>
    name.startsWith("@") ? fs.readdirSync(path.join(dir, name)).map((sub) => `${name}/${sub}`) : [name]);
  return packages.filter((pkg) => fs.statSync(path.join(dir, pkg)).isDirectory()).flatMap((pkg) =>
    fs.readdirSync(path.join(dir, pkg)).filter((f) => f.endsWith(".json") && f !== "package.json")
      .sort().map((f) => [pkg, path.basename(f, ".json"), path.join(dir, pkg, f)]));
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

/** Writes all.json for the app's schemas under `<buildDir>/schemas` and all_federated.json for `extensionDirs`. */
function writeSettings(buildDir, extensionDirs) {
  const schemasDir = path.join(buildDir, "schemas");
  const core = schemaFiles(schemasDir).map(([pkg, plugin, file]) =>
    entry(`${pkg}:${plugin}`, readJson(file), readJson(path.join(schemasDir, pkg, "package.json.orig")).version));
  const federated = extensionDirs.flatMap((dir) => {
    const { version } = readJson(path.join(dir, "package.json"));
    return schemaFiles(path.join(dir, "schemas")).map(([pkg, plugin, file]) => entry(`${pkg}:${plugin}`, readJson(file), version));
  });
  fs.writeFileSync(path.join(schemasDir, "all.json"), JSON.stringify(core));
  fs.writeFileSync(path.join(schemasDir, "all_federated.json"), JSON.stringify(federated));
}

module.exports = { writeSettings };

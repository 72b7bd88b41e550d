/**
 * The site's contents as JupyterLite's drive reads them without a server: each file under
 * files/, and per folder an api/contents/<folder>/all.json listing (a Jupyter Contents API
 * directory model without file contents), which the drive fetches when the page config's
 * `contentsAllJsonFile` names it. A student's edits go to browser storage and shadow these.
 */
const fs = require("node:fs");
const path = require("node:path");

/** Contents model of one notebook as listed, without its content. */
function listing(file, modified) {
  const name = path.basename(file);
  return {
    name, path: name, type: "notebook", format: null, mimetype: null, content: null, writable: true,
    created: modified, last_modified: modified, size: fs.statSync(file).size,
  };
}

/** Copies `notebooks` into `<siteDir>/files/` and lists them at the drive's root. */
function writeContents(siteDir, notebooks) {
  const filesDir = path.join(siteDir, "files");
  const apiDir = path.join(siteDir, "api", "contents");
  fs.rmSync(filesDir, { recursive: true, force: true });
  fs.rmSync(apiDir, { recursive: true, force: true });
  fs.mkdirSync(filesDir, { recursive: true });
  fs.mkdirSync(apiDir, { recursive: true });
  const models = notebooks.map((file) => {
    fs.copyFileSync(file, path.join(filesDir, path.basename(file)));
    return listing(file, fs.statSync(file).mtime.toISOString());
  });
  const now = new Date().toISOString();
  const root = {
    name: "", path: "", type: "directory", format: "json", mimetype: null, writable: true,
    created: now, last_modified: now, size: null, content: models,
  };
  fs.writeFileSync(path.join(apiDir, "all.json"), `${JSON.stringify(root, null, 2)}\n`);
}

module.exports = { writeContents };

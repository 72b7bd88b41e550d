/**
 * A FleetLab site: the prebuilt JupyterLite app (`npm run build:lite` makes it; the npm
 * package ships it in dist/lite/app/) plus a course's files as the site's contents. This is
 * what `fleetlab export --site` and `npm run build:lite` write; any static host serves it.
 *
 *   <app>        lab/, build/, extensions/, fleetlab/ (the kernel's worker), jupyter-lite.json
 *   files/       the course's notebooks and mission files, as JupyterLite's drive reads them
 *   api/contents/all.json   the drive's listing of files/ (a Contents API directory model)
 *
 * A student's edits are kept in the browser's storage and shadow these files.
 */
import fs from "node:fs";
import path from "node:path";

/** What a FleetLab site's app folder holds; its absence means the folder is no app. */
const APP_MARKERS = ["jupyter-lite.json", path.join("lab", "index.html"), path.join("fleetlab", "worker.js")];

/** The prebuilt app this FleetLab carries (dist/lite/app), or undefined when it was not built. */
export function packagedApp(): string | undefined {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const app = path.join(dir, "dist", "lite", "app");
    if (fs.existsSync(path.join(dir, "package.json")) && isApp(app)) return app;
  }
  return undefined;
}

export function isApp(dir: string): boolean {
  return APP_MARKERS.every((m) => fs.existsSync(path.join(dir, m)));
}

/** A file a site cannot hold, or a folder it must not overwrite. */
export class SiteError extends Error {
  override name = "SiteError";
}

/** Files a site serves as contents: notebooks, mission files and what they read. */
const CONTENT = /\.(ipynb|ts|json|csv|md|txt|png|svg)$/i;

interface ContentModel {
  name: string;
  path: string;
  type: "notebook" | "file";
  format: null;
  mimetype: string | null;
  content: null;
  writable: true;
  created: string;
  last_modified: string;
  size: number;
}

function contentModel(file: string, name: string): ContentModel {
  const stat = fs.statSync(file);
  const notebook = name.endsWith(".ipynb");
  const modified = stat.mtime.toISOString();
  return {
    name, path: name, type: notebook ? "notebook" : "file", format: null,
    mimetype: notebook ? null : name.endsWith(".ts") ? "text/typescript" : null,
    content: null, writable: true, created: modified, last_modified: modified, size: stat.size,
  };
}

/** Checks a notebook is one JupyterLab can open (nbformat 4 JSON), naming the file otherwise. */
function checkNotebook(file: string): void {
  let nb: unknown;
  try {
    nb = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new SiteError(`${file} is not a notebook: ${(err as Error).message}`);
  }
  const n = nb as { nbformat?: unknown; cells?: unknown };
  if (typeof nb !== "object" || nb === null || n.nbformat !== 4 || !Array.isArray(n.cells)) {
    throw new SiteError(`${file} is not an nbformat 4 notebook (no "nbformat": 4 or no cells)`);
  }
}

/** The files a site's drive will hold, by name; throws naming the first file it cannot hold. */
export function siteFiles(files: readonly string[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const file of files) {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new SiteError(`${file} is not a file`);
    const name = path.basename(file);
    if (!CONTENT.test(name)) throw new SiteError(`${file}: a site serves notebooks, mission files (.ts) and data (.json, .csv, .md, .txt, .png, .svg)`);
    const other = byName.get(name);
    if (other !== undefined && path.resolve(other) !== path.resolve(file)) throw new SiteError(`${other} and ${file} have the same name; a site's files share one folder`);
    if (name.endsWith(".ipynb")) checkNotebook(file);
    byName.set(name, file);
  }
  return byName;
}

/**
 * Writes the site's contents: each file under files/ by its name, and their listing. Names
 * must be distinct, since the drive is one folder (as a notebook and its mission file sit
 * side by side in a course folder).
 */
export function writeContents(siteDir: string, files: readonly string[]): ContentModel[] {
  const byName = siteFiles(files);
  const filesDir = path.join(siteDir, "files");
  const apiDir = path.join(siteDir, "api", "contents");
  fs.rmSync(filesDir, { recursive: true, force: true });
  fs.rmSync(apiDir, { recursive: true, force: true });
  fs.mkdirSync(filesDir, { recursive: true });
  fs.mkdirSync(apiDir, { recursive: true });
  const models = [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, file]) => {
    fs.copyFileSync(file, path.join(filesDir, name));
    return contentModel(file, name);
  });
  const now = new Date().toISOString();
  const root = { name: "", path: "", type: "directory", format: "json", mimetype: null, writable: true, created: now, last_modified: now, size: null, content: models };
  fs.writeFileSync(path.join(apiDir, "all.json"), `${JSON.stringify(root, null, 2)}\n`);
  return models;
}

const inside = (file: string, dir: string) => {
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/**
 * Writes a site to `outDir`: a copy of `app` and `files` as its contents. `outDir` must be
 * new, empty, or an earlier FleetLab site (which is replaced), so an export never overwrites
 * a folder that holds anything else; every check runs before anything is written.
 */
export function exportSite(app: string, outDir: string, files: readonly string[]): ContentModel[] {
  if (!isApp(app)) throw new SiteError(`${app} holds no FleetLab site app (build it with npm run build:lite)`);
  siteFiles(files);
  if (inside(app, outDir) || inside(outDir, app)) throw new SiteError(`${outDir} and the app ${app} overlap; choose another folder`);
  const within = files.find((f) => inside(f, outDir));
  if (within) throw new SiteError(`${within} lies inside ${outDir}, which the export replaces; copy it out first`);
  if (fs.existsSync(outDir)) {
    if (!fs.statSync(outDir).isDirectory()) throw new SiteError(`${outDir} is a file`);
    if (fs.readdirSync(outDir).length > 0 && !isApp(outDir)) throw new SiteError(`${outDir} is not empty and is no FleetLab site; choose a new folder`);
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  fs.cpSync(app, outDir, { recursive: true });
  return writeContents(outDir, files);
}

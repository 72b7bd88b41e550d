/**
 * `fleetlab export --site DIR [FILE ...]`: writes a static JupyterLite site of a course's
 * notebooks to DIR, where FleetLab's kernel runs in each student's browser: no server, no
 * install. Given no FILE, the notebooks of the current folder. Each notebook's mission file
 * (its `metadata.fleetlab.missionFile`) comes along from beside it. DIR must be new, empty or an
 * earlier site. Host DIR on any static web host, or try it with `fleetlab serve DIR`.
 * Exit 0 written, 2 a usage error or a file the site cannot hold (one line naming it).
 */
import fs from "node:fs";
import path from "node:path";
import { exportSite, packagedApp, SiteError } from "../../lite/site";

const USAGE = "usage: fleetlab export --site DIR [FILE ...]";

/** The mission file a notebook names (`metadata.fleetlab.missionFile`, as `fleetlab new` writes it and `check` reads it), if any. */
export function missionFileRefs(notebookFile: string): string[] {
  const nb = JSON.parse(fs.readFileSync(notebookFile, "utf8")) as { metadata?: { fleetlab?: { missionFile?: unknown } } };
  const ref = nb.metadata?.fleetlab?.missionFile;
  return typeof ref === "string" ? [ref] : [];
}

/** The files to export: the given ones (or the folder's notebooks) with the mission files their notebooks open. */
export function filesToExport(given: readonly string[], cwd: string): string[] {
  const files = given.length > 0 ? given.map((f) => path.resolve(cwd, f)) : fs.readdirSync(cwd).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(cwd, f));
  if (files.length === 0) throw new SiteError(`no notebooks to export in ${cwd}; name them after DIR`);
  const all = new Set(files);
  for (const file of files.filter((f) => f.endsWith(".ipynb") && fs.existsSync(f))) {
    let refs: string[];
    try {
      refs = missionFileRefs(file);
    } catch (err) {
      throw new SiteError(`${file} is not a notebook: ${(err as Error).message}`);
    }
    for (const ref of refs) {
      if (ref.includes("/") && ref !== `./${path.basename(ref)}`) throw new SiteError(`${file} opens ${ref}: a site keeps each mission file beside its notebook (one folder)`);
      const missionFile = path.join(path.dirname(file), path.basename(ref));
      if (!fs.existsSync(missionFile)) throw new SiteError(`${file} opens ${ref}, which is not beside it`);
      all.add(missionFile);
    }
  }
  return [...all];
}

export async function run(argv: string[]): Promise<number> {
  let site: string | undefined;
  const given: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--site") site = argv[++i];
    else if (a.startsWith("-")) return usage(`unknown option "${a}"`);
    else given.push(a);
  }
  if (!site) return usage("--site DIR is required");
  const app = packagedApp();
  if (!app) {
    process.stderr.write("fleetlab export: this FleetLab has no site app (dist/lite/app); in a checkout, run npm run build:lite\n");
    return 2;
  }
  try {
    const written = exportSite(app, path.resolve(site), filesToExport(given, process.cwd()));
    process.stdout.write(`wrote ${site}: ${written.map((m) => m.name).join(", ")}\nserve it from any static host, or try it: fleetlab serve ${site}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof SiteError)) throw err;
    process.stderr.write(`fleetlab export: ${err.message}\n`);
    return 2;
  }
}

function usage(why: string): number {
  process.stderr.write(`fleetlab export: ${why} (${USAGE})\n`);
  return 2;
}

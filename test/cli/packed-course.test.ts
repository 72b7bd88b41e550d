/**
 * FleetLab as a course installs it: the packed tarball (`npm pack`) installed into a fresh
 * folder outside the repository, a mission written there with `fleetlab new`, checked, run
 * headless on every track, and executed through Jupyter (nbclient) with the kernelspec
 * installed from that folder; and published as a static site with `fleetlab export --site`
 * from the app the tarball carries, served by `fleetlab serve`. Needs dist/ built, the npm
 * registry (or its cache), and Debian's python3-nbclient.
 */
import { execFileSync, spawn, spawnSync, type SpawnSyncOptions } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { whenAvailable } from "../helpers/requires";

const root = path.resolve(__dirname, "../..");
const PYTHON = "/usr/bin/python3";
const hasNbclient = fs.existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import nbclient"]).status === 0;
const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}` };

function sh(cmd: string, args: string[], options: SpawnSyncOptions & { cwd: string }) {
  const r = spawnSync(cmd, args, { env, encoding: "utf8", timeout: 600_000, ...options });
  return { status: r.status, stdout: String(r.stdout ?? ""), stderr: String(r.stderr ?? "") };
}

/** Executes a notebook as Jupyter does (nbclient, kernel by its kernelspec name); prints the error outputs as JSON. */
const NBCLIENT = `
import json, sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, kernel_name="fleetlab", timeout=300, resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(nb, path)
print(json.dumps([o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]))
`;

whenAvailable(hasNbclient ? null : `${PYTHON} with nbclient not found (install python3-nbclient)`, "packed course test").describe("a course folder with FleetLab installed from its tarball", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-packed-"));
  const courseDir = path.join(work, "course");
  const bin = path.join(courseDir, "node_modules", ".bin", "fleetlab");
  const fleetlab = (...args: string[]) => sh(bin, args, { cwd: courseDir });

  beforeAll(() => {
    // The site app the package ships (dist/lite/app), as prepack builds it; skipped when up to date.
    execFileSync(process.execPath, [path.join(root, "lite", "build.js")], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env });
    const packed = sh("npm", ["pack", "--ignore-scripts", "--pack-destination", work, "--loglevel=error"], { cwd: root });
    expect(packed.stderr).toBe("");
    const tarball = path.join(work, packed.stdout.trim().split("\n").pop()!);
    expect(fs.existsSync(tarball)).toBe(true);
    fs.mkdirSync(courseDir);
    fs.writeFileSync(path.join(courseDir, "package.json"), JSON.stringify({ name: "ml-systems-course", version: "1.0.0", private: true }, null, 2));
    const installed = sh("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: courseDir });
    if (installed.status !== 0) throw new Error(`npm install failed:\n${installed.stderr}`);
  }, 900_000);

  it("the folder is outside the repository and resolves fleetlab from its own node_modules", () => {
    expect(path.relative(root, courseDir).startsWith("..")).toBe(true);
    expect(fs.realpathSync(path.join(courseDir, "node_modules", "fleetlab"))).toBe(path.join(courseDir, "node_modules", "fleetlab"));
  });

  it("new --example, check, run --track all", () => {
    const made = fleetlab("new", "15_demo", "--example");
    expect(made.stderr).toBe("");
    expect(made.status).toBe(0);
    const checked = fleetlab("check", "15_demo.ts", "15_demo.ipynb");
    expect(checked.stdout).toBe("ok  15_demo.ts\nok  15_demo.ipynb\n");
    expect(checked.status).toBe(0);
    const ran = fleetlab("run", "15_demo.ipynb", "--track", "all", "--out", "out");
    expect(ran.stderr).toBe("");
    expect(ran.stdout.trim().split("\n").map((l) => l.replace(/ in [\d.]+ s/, ""))).toEqual(["cloud_titan", "edge_guardian", "mobile_nomad", "tiny_pioneer"]
      .map((t) => `ok 15_demo.ipynb [${t}]: 8 cells -> out/${t}/15_demo.ipynb`));
    expect(ran.status).toBe(0);
  });

  it("executes the notebook through Jupyter with the kernelspec installed from the folder", () => {
    const prefix = path.join(work, "jupyter");
    expect(fleetlab("install-kernel", "--prefix", prefix).status).toBe(0);
    const spec = JSON.parse(fs.readFileSync(path.join(prefix, "share", "jupyter", "kernels", "fleetlab", "kernel.json"), "utf8"));
    expect(spec.argv.some((a: string) => a.startsWith(path.join(courseDir, "node_modules", "fleetlab")))).toBe(true);
    const copy = path.join(courseDir, "executed.ipynb");
    fs.copyFileSync(path.join(courseDir, "15_demo.ipynb"), copy);
    const r = sh(PYTHON, ["-c", NBCLIENT, copy, courseDir], {
      cwd: courseDir, env: { ...env, JUPYTER_PATH: path.join(prefix, "share", "jupyter"), JUPYTER_PLATFORM_DIRS: "1", PYTHONDONTWRITEBYTECODE: "1" },
    });
    if (r.status !== 0) throw new Error(`nbclient failed:\n${r.stderr}`);
    expect(JSON.parse(r.stdout.trim().split("\n").pop()!)).toEqual([]);
    const nb = JSON.parse(fs.readFileSync(copy, "utf8"));
    const views = nb.cells.flatMap((c: { outputs?: { data?: Record<string, unknown> }[] }) => c.outputs ?? [])
      .filter((o: { data?: Record<string, unknown> }) => o.data?.["application/vnd.jupyter.widget-view+json"]);
    expect(views.length).toBeGreaterThanOrEqual(4);
  });

  it("export --site publishes the course's notebook with its mission file, and serve serves it", async () => {
    const exported = fleetlab("export", "--site", "site", "15_demo.ipynb");
    expect(exported).toMatchObject({ status: 0, stderr: "" });
    expect(fs.readdirSync(path.join(courseDir, "site", "files")).sort()).toEqual(["15_demo.ipynb", "15_demo.ts"]);
    const config = JSON.parse(fs.readFileSync(path.join(courseDir, "site", "jupyter-lite.json"), "utf8"))["jupyter-config-data"];
    expect(config).toMatchObject({ defaultKernelName: "fleetlab", fleetlabWorkerUrl: "./fleetlab/worker.js", fleetlabFilesUrl: "./files" });
    expect(fs.statSync(path.join(courseDir, "site", "fleetlab", "worker.js")).size).toBeGreaterThan(1e6);

    const server = spawn(bin, ["serve", "site", "--port", "0"], { cwd: courseDir, env });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        server.stdout.on("data", (d) => {
          out += d;
          const m = /served at (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        server.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lab\/index\.html$/);
      expect((await fetch(url)).status).toBe(200);
      const listing = await (await fetch(new URL("../api/contents/all.json", url))).json() as { content: { name: string }[] };
      expect(listing.content.map((m) => m.name)).toEqual(["15_demo.ipynb", "15_demo.ts"]);
    } finally {
      server.kill("SIGINT");
    }
    expect(fleetlab("export", "--site", "15_demo.ipynb").status).toBe(2); // a file, not a folder to write
  });

  it("new without --example: check lists the TODOs and fails", () => {
    expect(fleetlab("new", "16_todo").status).toBe(0);
    const r = fleetlab("check", "16_todo.ts");
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL 16_todo\.ts: \d+ problems$/m);
    expect(r.stdout).toMatch(/^ {2}- 16_todo\.ts:\d+: title: "TODO: Mission 16 title",$/m);
  });
});

/**
 * Binder's build step, run as repo2docker runs it: binder/postBuild in a fresh checkout,
 * inside a Python environment (a virtualenv standing in for Binder's conda env), with
 * FleetLab's Node. Afterwards Jupyter's own discovery, run by that environment's Python,
 * finds the kernelspec (run by the Node that built it, and it answers a cell) and
 * JupyterLab's finds the prebuilt widget extension, both under the environment's prefix.
 * No Binder is reachable from here; this is the part of its build that FleetLab owns.
 */
import { execFileSync, spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { whenAvailable } from "../helpers/requires";

const REPO = path.resolve(__dirname, "..", "..");
const PYTHON = "/usr/bin/python3";

function missing(): string | null {
  if (spawnSync(PYTHON, ["-c", "import venv, jupyter_client, jupyterlab_server"]).status !== 0) {
    return `${PYTHON} cannot import venv, jupyter_client and jupyterlab_server (apt-get install python3-venv jupyter-client python3-jupyterlab-server)`;
  }
  if (spawnSync("git", ["--version"]).status !== 0) return "git is not installed";
  return null;
}

const { describe: describeBinder } = whenAvailable(missing(), "Binder postBuild test");

describeBinder("binder/postBuild", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-binder-"));
  const env = path.join(scratch, "env");
  const checkout = path.join(scratch, "repo");
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  /** Runs Python code with the environment's interpreter (so sys.prefix is the environment). */
  const python = (code: string) => execFileSync(path.join(env, "bin", "python"), ["-c", code], { cwd: scratch, encoding: "utf8", timeout: 120_000 });

  it("installs the kernelspec and the lab extension where Jupyter and JupyterLab look, and the kernel runs", () => {
    execFileSync(PYTHON, ["-m", "venv", "--without-pip", "--system-site-packages", env]);
    // The committed tree, as Binder clones it.
    execFileSync("git", ["clone", "--quiet", REPO, checkout]);
    const built = spawnSync("bash", ["binder/postBuild"], {
      cwd: checkout, encoding: "utf8", timeout: 20 * 60_000,
      env: { ...process.env, PATH: `${path.join(env, "bin")}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` },
    });
    expect({ status: built.status, output: built.status === 0 ? "" : `${built.stdout.slice(-3000)}\n${built.stderr.slice(-3000)}` }).toEqual({ status: 0, output: "" });

    // Jupyter's kernelspec discovery in the environment: the spec lives under its prefix and
    // runs the checkout's launcher with the Node that ran postBuild.
    const spec = JSON.parse(python(`
import json
from jupyter_client.kernelspec import KernelSpecManager
s = KernelSpecManager().get_kernel_spec("fleetlab")
print(json.dumps({"dir": s.resource_dir, "argv": s.argv, "language": s.language}))`)) as { dir: string; argv: string[]; language: string };
    expect(spec.dir).toBe(path.join(env, "share", "jupyter", "kernels", "fleetlab"));
    expect(spec.argv[0]).toBe(process.execPath);
    expect(spec.argv).toContain(path.join(checkout, "bin", "fleetlab.js"));
    expect(spec.language).toBe("typescript");

    // JupyterLab's federated-extension discovery (jupyterlab_server) over the environment's paths.
    const ext = JSON.parse(python(`
import json, os
from jupyter_core.paths import jupyter_path
from jupyterlab_server.config import get_federated_extensions
found = get_federated_extensions(jupyter_path("labextensions")).get("@fleetlab/widgets")
load = found and found["jupyterlab"]["_build"]["load"]
print(json.dumps(found and {"dir": os.path.realpath(found["ext_path"]), "load": load, "exists": os.path.exists(os.path.join(found["ext_path"], load))}))`)) as { dir: string; load: string; exists: boolean } | null;
    expect(ext).toMatchObject({ dir: path.join(env, "share", "jupyter", "labextensions", "@fleetlab", "widgets"), exists: true });

    // The installed kernel, started by jupyter_client from that spec, answers a cell.
    const out = python(`
import os, sys
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="fleetlab", startup_timeout=120)
try:
    reply = kc.execute_interactive("1 + 1", timeout=120, output_hook=lambda m: m["msg_type"] == "execute_result" and print(m["content"]["data"]["text/plain"]))
    print(reply["content"]["status"])
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    sys.stdout.flush()
    os._exit(0)  # skip jupyter_client's finalizers, which log into a torn-down interpreter`);
    expect(out.trim().split("\n")).toEqual(["2", "ok"]);
  }, 25 * 60_000);
});

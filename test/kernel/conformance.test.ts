/**
 * Jupyter's own tools against the FleetLab kernel: the jupyter_kernel_test conformance
 * suite, and nbconvert executing a fixture notebook. The kernelspec is installed into a
 * temporary prefix found through JUPYTER_PATH. Skips, with the reason, when Debian's
 * Jupyter packages are absent, and fails under CI=true (.ci/run installs them). Needs dist/ built.
 */
import { spawnSync } from "child_process";
import { whenAvailable } from "../helpers/requires";
import { KERNEL_NODE_FLAGS } from "../../src/kernel/kernelspec";
import fs from "fs";
import os from "os";
import path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const JUPYTER = "/usr/bin/jupyter";
const PYTHON = "/usr/bin/python3";

function missing(): string | undefined {
  if (!fs.existsSync(JUPYTER)) return `${JUPYTER} not found (install jupyter-nbconvert, python3-jupyter-kernel-test)`;
  if (spawnSync(PYTHON, ["-c", "import jupyter_kernel_test"]).status !== 0) return "python3 module jupyter_kernel_test not found";
  return undefined;
}

const maybe = whenAvailable(missing(), "Jupyter conformance tests").it;

describe("Jupyter tools against the fleetlab kernelspec", () => {
  let prefix: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    prefix = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-kernelspec-"));
    const r = spawnSync(process.execPath, [path.join(REPO, "bin", "fleetlab.js"), "install-kernel", "--prefix", prefix], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    env = { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter"), JUPYTER_PLATFORM_DIRS: "1", PYTHONDONTWRITEBYTECODE: "1" };
  });

  it("installs kernel.json and two valid PNG logos", () => {
    const dir = path.join(prefix, "share", "jupyter", "kernels", "fleetlab");
    const spec = JSON.parse(fs.readFileSync(path.join(dir, "kernel.json"), "utf8"));
    expect(spec).toMatchObject({ display_name: "FleetLab (TypeScript)", language: "typescript", interrupt_mode: "message" });
    // The kernel runs on the Node that installed it (not whatever `node` Jupyter's PATH finds).
    expect(spec.argv).toEqual([process.execPath, ...KERNEL_NODE_FLAGS, path.join(REPO, "bin", "fleetlab.js"), "kernel", "{connection_file}"]);
    for (const size of [32, 64]) {
      const png = fs.readFileSync(path.join(dir, `logo-${size}x${size}.png`));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  maybe("passes jupyter_kernel_test (python3 -m unittest)", () => {
    const r = spawnSync(PYTHON, ["-m", "unittest", "-v", "test_fleetlab_kernel"], {
      cwd: path.join(__dirname, "conformance"), env, encoding: "utf8", timeout: 300_000,
    });
    if (r.status !== 0) throw new Error(`conformance suite failed:\n${r.stdout}\n${r.stderr}`);
    expect(r.stderr).toMatch(/\nOK/);
  });

  maybe("executes a notebook with nbconvert: counts, results, the error output", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-nbconvert-"));
    const r = spawnSync(JUPYTER, ["nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.kernel_name=fleetlab",
      "--ExecutePreprocessor.timeout=120", "--output-dir", out, path.join(REPO, "test", "fixtures", "kernel-smoke.ipynb")], { env, encoding: "utf8", timeout: 300_000 });
    if (r.status !== 0) throw new Error(`nbconvert failed:\n${r.stdout}\n${r.stderr}`);
    const nb = JSON.parse(fs.readFileSync(path.join(out, "kernel-smoke.ipynb"), "utf8"));
    // nbformat may store strings as arrays of lines; join them back.
    const joined = JSON.parse(JSON.stringify(nb), (_k, v) => (Array.isArray(v) && v.every((x) => typeof x === "string") && _k !== "traceback" ? v.join("") : v));
    const code = joined.cells.filter((c: { cell_type: string }) => c.cell_type === "code");
    expect(code.map((c: { execution_count: number }) => c.execution_count)).toEqual([1, 2, 3, 4]);
    expect(code[0].outputs).toEqual([{ output_type: "execute_result", execution_count: 1, data: { "text/plain": "8192" }, metadata: {} }]);
    expect(code[1].outputs[0]).toMatchObject({ output_type: "stream", name: "stdout", text: "fleet of 4096\n" });
    expect(code[1].outputs[1]).toMatchObject({ output_type: "execute_result", data: { "text/plain": "'function'" } });
    expect(code[2].outputs[0]).toMatchObject({ output_type: "error", ename: "ModelInputError", evalue: "fleetMtbf: mtbfHours must be > 0 (got -5)" });
    expect(code[3].outputs[0]).toMatchObject({ output_type: "execute_result", execution_count: 4, data: { "text/plain": "4097" } });
  });
});

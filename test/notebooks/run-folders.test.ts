/**
 * `fleetlab run` with notebooks in different folders, in one process: each notebook
 * runs with its own folder as working directory, and `import … from "fleetlab"` /
 * `"fleetlab/mission"` must type-check and load there too, not only in the first folder
 * (src/kernel/module-resolution.ts forwards every folder's virtual node_modules/fleetlab),
 * and a folder's own modules (`./helper`) must type-check against that folder, not the first
 * one (src/kernel/executor.ts compiles each notebook in its own folder).
 * Needs dist/ built.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const BIN = path.join(REPO, "bin", "fleetlab.js");

type Output = { output_type: string; data?: Record<string, unknown>; name?: string; text?: string | string[]; ename?: string; evalue?: string };
type Nb = { cells: { outputs?: Output[] }[] };

/** A two-cell notebook importing both public entry points and its folder's ./helper. */
function notebook(): string {
  const cells = [
    `import { youngDalyInterval } from "fleetlab";\nimport { builtInMissions, mission } from "fleetlab/mission";\nimport { folderTag } from "./helper";\nconst where: string = process.cwd();`,
    `console.log(folderTag, path.basename(where));\n[Math.round(youngDalyInterval(300, 14_400)), typeof mission.open, builtInMissions().length]`,
  ];
  return JSON.stringify({
    nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "fleetlab", display_name: "FleetLab (TypeScript)" }, language_info: { name: "typescript" } },
    cells: cells.map((source, i) => ({
      id: `c${i}`, cell_type: "code", metadata: {}, outputs: [], execution_count: null,
      source: i === 1 ? `import path from "path";\n${source}` : source,
    })),
  });
}

describe("fleetlab run: notebooks from several folders in one process", () => {
  it("resolves fleetlab and fleetlab/mission in every folder, for types and for require", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-folders-"));
    const folders = ["alpha", path.join("beta", "nested"), "gamma"].map((f) => path.join(root, f));
    const files = folders.map((f, i) => {
      fs.mkdirSync(f, { recursive: true });
      const file = path.join(f, `nb${i}.ipynb`);
      fs.writeFileSync(file, notebook());
      // Only this folder has a helper exporting this name with this type.
      fs.writeFileSync(path.join(f, "helper.ts"), `export const folderTag: "nb${i}" = "nb${i}";\n`);
      return file;
    });
    const out = path.join(root, "out");
    const r = spawnSync(process.execPath, [BIN, "run", ...files, "--out", out], { cwd: os.tmpdir(), encoding: "utf8", timeout: 300_000 });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    files.forEach((_, i) => {
      const nb = JSON.parse(fs.readFileSync(path.join(out, `nb${i}.ipynb`), "utf8")) as Nb;
      const outputs = nb.cells[1].outputs!;
      expect(outputs.filter((o) => o.output_type === "error")).toEqual([]);
      const stream = outputs.find((o) => o.output_type === "stream")!;
      // Each notebook ran in its own folder.
      expect([stream.text].flat().join("")).toBe(`nb${i} ${path.basename(folders[i])}\n`);
      const result = outputs.find((o) => o.output_type === "execute_result")!;
      expect(result.data!["text/plain"]).toBe("[ 2939, 'function', 4 ]");
    });
  });
});

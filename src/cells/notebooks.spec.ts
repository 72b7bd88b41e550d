/**
 * Acceptance: every code cell of the four mission notebooks runs, in order, through the
 * browser-safe executor with the real fleetlab modules and a recording kernel runtime, with
 * no error outcome. Prints (not asserted) the cold start and the warm cells' check times.
 */
import fs from "fs";
import path from "path";
import { displayBundleWith } from "../kernel/outcome";
import { installFakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
import { formatValue } from "./format-value";
import { nodeCellExecutor } from "../../test/helpers/cell-executor";

const NOTEBOOKS = path.resolve(__dirname, "../../notebooks");

function codeCells(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
}

describe("the mission notebooks through the browser-safe executor", () => {
  afterAll(() => setKernelRuntime(undefined));
  const files = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();

  it("finds the four mission notebooks", () => expect(files).toHaveLength(4));

  it.each(files)("%s runs every code cell without an error outcome", async (file) => {
    installFakeRuntime();
    const started = performance.now();
    const executor = nodeCellExecutor();
    const created = performance.now() - started;
    const checks: number[] = [];
    for (const code of codeCells(path.join(NOTEBOOKS, file))) {
      const outcome = await executor.execute(code);
      checks.push(executor.lastCheckMs);
      expect({ code, outcome }).toEqual({ code, outcome: expect.objectContaining({ status: "ok" }) });
      if (outcome.status === "ok" && outcome.hasValue) displayBundleWith(outcome.value, formatValue);
    }
    const warm = checks.slice(1);
    const median = [...warm].sort((a, b) => a - b)[Math.floor(warm.length / 2)];
    console.log(
      `${file}: executor created in ${created.toFixed(0)} ms; cold first-cell check ${checks[0].toFixed(0)} ms; ` +
        `warm checks median ${median.toFixed(1)} ms, max ${Math.max(...warm).toFixed(1)} ms (${warm.map((t) => t.toFixed(1)).join(", ")})`,
    );
  });
});

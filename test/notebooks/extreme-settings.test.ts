/**
 * The issue tracker's reports, end to end through `fleetlab run`: mission 08 part 3 on Cloud
 * Titan with the Preemption Frequency Scrubber at its 5 h minimum finishes and shows finite
 * gauges; mission 07's waterfall at 100,000 nodes (Mobile Nomad) draws finite shares; a value
 * below the scrubber's range, or not a number, is refused naming part, control and range.
 * Needs dist/ built.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const BIN = path.join(REPO, "bin", "fleetlab.js");
const STATE_MIME = "application/vnd.jupyter.widget-state+json";
type Saved = { model_name: string; state: Record<string, unknown> };

const run = (notebook: string, args: string[]) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "extreme-settings-"));
  const r = spawnSync(process.execPath, [BIN, "run", path.join(REPO, "notebooks", notebook), ...args, "--out", out], { encoding: "utf8", timeout: 300_000 });
  const file = path.join(out, notebook);
  const models = fs.existsSync(file)
    ? Object.values((JSON.parse(fs.readFileSync(file, "utf8")).metadata.widgets[STATE_MIME].state) as Record<string, Saved>) : [];
  return { status: r.status, stderr: r.stderr, models };
};
const named = (models: Saved[], description: string) => models.filter((m) => String(m.state.description).startsWith(description));

describe("fleetlab run at the reported extremes", () => {
  it("08 part 3, Cloud Titan, --set 3.preempt_mtbf=5: exits 0; time-to-converge and the ratio are finite", () => {
    const r = run("08_fleet_orch.ipynb", ["--track", "cloud_titan", "--set", "3.lock=Elastic", "--set", "3.preempt_mtbf=5"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const slider = r.models.find((m) => m.model_name === "SliderModel" && String(m.state.description).startsWith("Preemption Frequency Scrubber"))!;
    expect(slider.state.value).toBe(5);
    for (const name of ["Time-to-Converge", "Static / elastic"]) {
      const [gauge] = named(r.models, name);
      expect(gauge.state.description).not.toMatch(/stopped|could not compute/);
      expect(Number.isFinite(gauge.state.value)).toBe(true);
    }
    const [band] = named(r.models, "Time-to-converge, static vs elastic ring");
    const rows = band.state.data as { converge_h: number }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => Number.isFinite(row.converge_h))).toBe(true);
  });

  it("07 part 1, Mobile Nomad, --set 1.nodes=100000: the waterfall's shares are finite and sum to 1", () => {
    const r = run("07_fault_tolerance.ipynb", ["--track", "mobile_nomad", "--set", "1.lock=Increase", "--set", "1.nodes=100000"]);
    expect(r.status).toBe(0);
    const [waterfall] = named(r.models, "Total Time Waterfall");
    const rows = waterfall.state.data as { fraction: number }[];
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(typeof row.fraction === "number" && Number.isFinite(row.fraction)).toBe(true);
    expect(rows.reduce((s, row) => s + row.fraction, 0)).toBeCloseTo(1, 9);
  });

  it.each([
    ["4", /part 3 preempt_mtbf must be within \[5, 320\] \(got 4\)/],
    ["NaN", /part 3 preempt_mtbf takes a finite number within \[5, 320\] \(got "NaN"\)/],
    ["Infinity", /part 3 preempt_mtbf takes a finite number within \[5, 320\] \(got "Infinity"\)/],
  ])("--set 3.preempt_mtbf=%s is refused before anything runs (exit 2), naming part, control and range", (value, message) => {
    const r = run("08_fleet_orch.ipynb", ["--track", "cloud_titan", "--set", `3.preempt_mtbf=${value}`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.models).toEqual([]);
  });
});

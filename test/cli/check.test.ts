/**
 * `fleetlab check` on a TA's mission file (in a folder of its own, on the public API) whose
 * slider hangs its simulation at one end and gives NaN at the other: exit 1, one line per
 * problem naming track, part, control, value and instrument. The shipped missions check clean.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const check = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), "check", ...args], { cwd: root, encoding: "utf8", timeout: 300_000 });

/** A draft whose part "spot" has a Reclaim MTBF slider: at 0.05 h its static restarts (2 h) never finish; at 20 h its headroom is NaN. */
const DRAFT = `
import { requireFinished, simulateCluster } from "fleetlab";
import { defineMission, type PartSpec } from "fleetlab/mission";

const simple = (id: string): PartSpec<{ restartHours: number }> => ({
  id, title: "Part " + id, kind: "Exploration", minutes: 15, objective: "Look.",
  lock: { kind: "choice", question: "Which?", choices: ["A", "B"], answer: () => "A" },
  workbench: {
    controls: [{ kind: "slider", id: "n", label: "N", min: 1, max: 10, step: 1, scale: "linear", unit: null, default: 2 }],
    instruments: [{ kind: "gauge", id: "g", name: "Gauge", unit: null, min: 0, max: 10, compute: (v) => Number(v.n) }],
  },
  reflect: { prompt: "Why?", minWords: 20 },
  mathPeek: [{ label: "double", expression: "y = 2 * x" }],
});

export const draft = defineMission<{ restartHours: number }>({
  id: "98_spot_draft", title: "Draft", chapter: { title: "C", invariant: "I", struggle: "S", minutes: 45 },
  tracks: { cloud_titan: { persona: "A", northStar: "B", crisisTitle: "C", crisis: "D" } },
  defaultTrack: "cloud_titan",
  params: () => ({ restartHours: 2 }),
  visuals: { primary: "X", secondary: "Y", mathPeek: "Z" },
  parts: [simple("a"), {
    ...simple("spot"),
    workbench: {
      controls: [{ kind: "slider", id: "mtbf", label: "Reclaim MTBF", feeds: ["simulateCluster"], min: 0.05, max: 20, step: 0.01, scale: "log", unit: "h", default: 10 }],
      instruments: [
        { kind: "gauge", id: "converge", name: "Time to converge", unit: "h", min: 0, max: 10,
          compute: (v, c) => requireFinished(simulateCluster({
            racks: 1, nodesPerRack: 2, gpusPerNode: 1, jobs: 2, arrivalRatePerHour: 1, placement: "best-fit", maxEvents: 20000,
            jobClasses: [{ gpus: 1, meanServiceHours: 1, serviceCv: 0 }],
            spot: { spotFraction: 1, meanHoursBetweenPreemptions: Number(v.mtbf), meanHoursToRestore: 0.01, mode: "static", restartOverheadHours: c.params.restartHours },
          }, 1)).completion.meanHours },
        { kind: "gauge", id: "headroom", name: "Headroom", unit: "h", min: 0, max: 4, compute: (v) => Math.sqrt(10 - Number(v.mtbf)) },
      ],
    },
  }, simple("c")],
});
`;

/** A typed draft (parameters and control ids inferred) whose part "b" reads a control it does not have. */
const MISREAD = `
import { fleetMtbf } from "fleetlab";
import { defineMission, type TrackId } from "fleetlab/mission";

function trackParams(_t: TrackId) {
  return { nodeMtbfHours: 50_000 };
}
const part = (id: string) => ({
  id, title: "Part " + id, kind: "Exploration" as const, minutes: 15, objective: "Look.",
  lock: { kind: "choice" as const, question: "Which?", choices: ["A", "B"], answer: () => "A" },
  reflect: { prompt: "Why?", minWords: 20 },
  mathPeek: [{ label: "double", expression: "y = 2 * x" }],
});

export const misread = defineMission({
  id: "97_misread", title: "Misread", chapter: { title: "C", invariant: "I", struggle: "S", minutes: 45 },
  tracks: { cloud_titan: { persona: "A", northStar: "B", crisisTitle: "C", crisis: "D" } },
  defaultTrack: "cloud_titan",
  params: trackParams,
  visuals: { primary: "X", secondary: "Y", mathPeek: "Z" },
  parts: [
    { ...part("a"), workbench: {
      controls: [{ kind: "slider", id: "nodes", label: "N", feeds: ["fleetMtbf"], min: 1, max: 100, step: 1, scale: "log", unit: null, default: 10 }],
      instruments: [{ kind: "gauge", id: "mtbf", name: "Fleet MTBF", unit: "h", min: 0, max: 50_000, compute: (v, c) => fleetMtbf(c.params.nodeMtbfHours, v.nodes) }] } },
    { ...part("b"), workbench: {
      controls: [{ kind: "choice", id: "tier", label: "Tier", choices: ["S3", "SSD"], default: "S3" }],
      instruments: [{ kind: "gauge", id: "g", name: "Gauge", unit: null, min: 0, max: 100, compute: (v) => (v.tier === "SSD" ? 2 : v.nodes) }] } },
    { ...part("c"), workbench: {
      controls: [{ kind: "toggle", id: "on", label: "On", default: false }],
      instruments: [{ kind: "gauge", id: "g", name: "Gauge", unit: null, min: 0, max: 1, compute: (v) => (v.on ? 1 : 0) }] } },
  ],
});
`;

describe("fleetlab check (built)", () => {
  it("type-checks a typed draft with the kernel's TypeScript on the built declarations: a part reads only its own controls", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-typed-"));
    const file = path.join(dir, "97-misread.ts");
    fs.writeFileSync(file, MISREAD);
    const r = check(file);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    // The one type error (the other parts' values, a number and a boolean, are typed and used as
    // such), then what the misread does when the file runs anyway.
    expect(r.stdout.trim().split("\n")).toEqual([
      `FAIL ${file}: 2 problems`,
      `  - ${file}:27:134: Property 'nodes' does not exist on type '{ readonly tier: "S3" | "SSD"; }'.`,
      "  - track cloud_titan: b.workbench instruments: g computes undefined",
    ]);
  });


  it("fails a TA's draft whose slider hangs or gives NaN at its ends, naming track, part, control, value and instrument", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-draft-"));
    const file = path.join(dir, "98-spot-draft.ts");
    fs.writeFileSync(file, DRAFT);
    const r = check(file);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe(`FAIL ${file}: 2 problems`);
    expect(lines[1]).toMatch(/^ {2}- track cloud_titan: spot at mtbf = 0\.05 \(min\): converge: simulation stopped at its budget of 20,000 events: [01] of 2 jobs finished in [\d,]+ simulated hours \([\d,]+ restarts\)$/);
    expect(lines[2]).toBe("  - track cloud_titan: spot at mtbf = 20 (max): headroom: computes NaN");
  });

  it("passes the four shipped missions", () => {
    const r = check("01_ml_intro", "07_fault_tolerance", "08_fleet_orch", "12_ops_scale");
    expect(r.stdout).toBe(["01_ml_intro", "07_fault_tolerance", "08_fleet_orch", "12_ops_scale"].map((id) => `ok  ${id}\n`).join(""));
    expect(r.status).toBe(0);
  });
});

/**
 * `fleetlab missions --json`: the answer keys as data, checked against closed forms
 * (mission 01's Fleet Law), and every bad option refused with one line and exit 2.
 * Needs dist/ built.
 */
import { spawnSync } from "child_process";
import path from "path";

const root = path.resolve(__dirname, "../..");
const missions = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), "missions", ...args], { encoding: "utf8", timeout: 300_000 });

type Key = { mission: string; part: string; track: string; lock: { kind: string; answer: number | string; unit: string | null; tolerance: number | null };
  target: { value: number; unit: string | null; tolerance: number; maxAttempts: number } | null };

describe("fleetlab missions --json", () => {
  it("prints each part's lock and target for one mission and track, matching the closed forms", () => {
    const r = missions("--json", "--mission", "01_ml_intro", "--track", "edge_guardian");
    expect(r.status).toBe(0);
    const keys = JSON.parse(r.stdout) as Key[];
    expect(keys.map((k) => [k.mission, k.part, k.track])).toEqual([
      ["01_ml_intro", "reliability_gap", "edge_guardian"], ["01_ml_intro", "communication_wall", "edge_guardian"], ["01_ml_intro", "c3_review", "edge_guardian"],
    ]);
    // Part 1: P_fleet = 0.999^1000, and the largest N with 0.9999^N >= 1/2 is floor(ln 2 / -ln 0.9999).
    expect(keys[0].lock).toEqual({ kind: "number", answer: expect.closeTo(0.999 ** 1000, 12), unit: null, tolerance: expect.any(Number) });
    expect(keys[0].target).toEqual({ value: Math.floor(Math.log(0.5) / Math.log(0.9999)), unit: "nodes", tolerance: 0.02, maxAttempts: 10 });
    expect(keys[1].lock.kind).toBe("choice");
    expect(keys[1].lock.tolerance).toBeNull();
  });

  it("--track all: every mission's three parts on each of its tracks", () => {
    const keys = JSON.parse(missions("--json", "--track", "all").stdout) as Key[];
    const missionsSeen = [...new Set(keys.map((k) => k.mission))];
    expect(missionsSeen).toEqual(["01_ml_intro", "07_fault_tolerance", "08_fleet_orch", "12_ops_scale"]);
    expect(keys).toHaveLength(4 * 4 * 3);
    expect(keys.every((k) => k.target === null || (Number.isFinite(k.target.value) && k.target.maxAttempts === 10))).toBe(true);
  });

  it.each([
    [["--seed", "-1"], /--seed must be a non-negative integer \(got "-1"\)/],
    [["--seed", "1.5"], /--seed must be a non-negative integer/],
    [["--seed"], /--seed must be a non-negative integer \(got nothing\)/],
    [["--mission", "99_nope"], /--mission must be one of 01_ml_intro, 07_fault_tolerance, 08_fleet_orch, 12_ops_scale \(got "99_nope"\)/],
    [["--track", "moon"], /--track must be one of cloud_titan, edge_guardian, mobile_nomad, tiny_pioneer or all/],
    [["--jsn"], /unknown option "--jsn"/],
  ])("%j: one line and exit 2", (args, message) => {
    const r = missions(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

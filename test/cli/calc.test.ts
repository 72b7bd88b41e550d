/**
 * The built CLI end to end (npm test builds first): `node bin/fleetlab.js calc …`.
 */
import { spawnSync } from "child_process";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const calc = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), "calc", ...args], { cwd: root, encoding: "utf8" });

describe("fleetlab calc (built)", () => {
  it("prints the Young interval, JSON on request, and exits 2 with one stderr line on a wrong dimension", () => {
    const ok = calc("youngDalyInterval(2 min, 3 h)");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("26.8 min");

    const json = calc("to(fleetMtbf(50000 h, 10000), h)", "--json");
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ value: 5, unit: "h" });

    const bad = calc("fleetMtbf(3 GB, 10)");
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/nodeMtbf/);
  });
});

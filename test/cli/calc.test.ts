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

describe("fleetlab catalog (built)", () => {
  const catalog = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), "catalog", ...args], { cwd: root, encoding: "utf8" });
  it("lists matching figures as a table or JSON, exits 1 when none match and 2 on a bad option", () => {
    const table = catalog("b200");
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/\| `B200\.hbmBytes` \| 180000000000 \| B \| confirmed \|/);
    const json = JSON.parse(catalog("OPT_175B_RUN.restarts", "--json").stdout);
    expect(json).toEqual([expect.objectContaining({ name: "OPT_175B_RUN.restarts", value: 53, unit: null })]);
    const none = catalog("h200");
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no figure mentions "h200"');
    expect(catalog("--csv").status).toBe(2);
  });
});

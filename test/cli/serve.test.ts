/**
 * `fleetlab serve` and `fleetlab export` from the built CLI: what a student or TA types wrong
 * gets one line naming the problem and exit code 2, and nothing is served or written.
 * (The working paths run from an installed tarball in packed-course.test.ts.)
 */
import { spawnSync } from "child_process";
import fs from "fs";
import net from "net";
import os from "os";
import path from "path";

const root = path.resolve(__dirname, "../..");
const fleetlab = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), ...args], { cwd, encoding: "utf8", timeout: 60_000 });

describe("fleetlab serve, refused", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-serve-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    [["serve"], /the site folder is required/],
    [["serve", "nowhere"], /nowhere is not a folder \(build the site first: npm run build:lite\)/],
    [["serve", ".", "--port", "http"], /--port must be an integer from 0 to 65535 \(got "http"\)/],
    [["serve", ".", "--port", "70000"], /--port must be an integer/],
    [["serve", ".", "--verbose"], /unknown option "--verbose"/],
  ])("%j", (args, message) => {
    const r = fleetlab(dir, ...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("names a port in use instead of failing obscurely", async () => {
    const taken = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => taken.once("listening", r));
    const port = (taken.address() as net.AddressInfo).port;
    const r = fleetlab(dir, "serve", ".", "--port", String(port));
    taken.close();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`port ${port} is in use (choose another with --port, or --port 0 for any free one)`);
  });
});

describe("fleetlab export, refused", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-export-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("needs --site, names a folder with no notebooks, and writes nothing", () => {
    expect(fleetlab(dir, "export").stderr).toMatch(/--site DIR is required/);
    const r = fleetlab(dir, "export", "--site", "site");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no notebooks to export in .*; name them after DIR/);
    expect(fs.existsSync(path.join(dir, "site"))).toBe(false);
  });
});

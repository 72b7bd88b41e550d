import fs from "fs";
import Module from "module";
import os from "os";
import path from "path";
import { findInstalledPackage, forwardPath, installFleetlabResolution, type TsSys } from "./module-resolution";

/** A TypeScript-like sys over the real file system (the part module resolution reads). */
function realSys(): TsSys {
  return {
    readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, "utf8") : undefined),
    fileExists: (p) => fs.existsSync(p) && fs.statSync(p).isFile(),
    directoryExists: (p) => fs.existsSync(p) && fs.statSync(p).isDirectory(),
    getDirectories: (p) => fs.readdirSync(p, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name),
    realpath: (p) => fs.realpathSync(p),
  };
}

describe("forwardPath", () => {
  it("matches the worked example and leaves other paths alone", () => {
    expect(forwardPath("/nb/node_modules/fleetlab/dist/x.d.ts", "/nb/node_modules/fleetlab", "/repo")).toBe("/repo/dist/x.d.ts");
    expect(forwardPath("/nb/node_modules/fleetlab", "/nb/node_modules/fleetlab", "/repo")).toBe("/repo");
    expect(forwardPath("/nb/node_modules/fleetlab-other/x", "/nb/node_modules/fleetlab", "/repo")).toBe("/nb/node_modules/fleetlab-other/x");
  });
});

describe("installFleetlabResolution across notebook folders", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-resolve-"));
  // A stand-in package root: package.json named fleetlab plus one module and its types.
  const pkg = path.join(tmp, "pkg");
  fs.mkdirSync(path.join(pkg, "mission"), { recursive: true });
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "fleetlab", main: "index.js" }));
  fs.writeFileSync(path.join(pkg, "index.js"), "module.exports = { where: 'root' };");
  fs.writeFileSync(path.join(pkg, "mission", "index.js"), "module.exports = { where: 'mission' };");
  fs.writeFileSync(path.join(pkg, "mission", "index.d.ts"), "export declare const where: string;");
  const folders = ["a", "b", "c/deeper"].map((f) => path.join(tmp, "notebooks", f));
  for (const f of folders) fs.mkdirSync(f, { recursive: true });
  const posix = (p: string) => p.split(path.sep).join("/");

  it("forwards the virtual node_modules/fleetlab of every folder, not only the first", () => {
    const sys = realSys();
    for (const f of folders) {
      const r = installFleetlabResolution(f, pkg, sys);
      expect(r).toEqual({ kind: "forwarded", from: posix(path.join(f, "node_modules", "fleetlab")), to: posix(pkg) });
    }
    for (const f of folders) {
      const dts = posix(path.join(f, "node_modules", "fleetlab", "mission", "index.d.ts"));
      expect(sys.fileExists(dts)).toBe(true);
      expect(sys.readFile(dts)).toContain("export declare const where");
      expect(sys.directoryExists(posix(path.join(f, "node_modules")))).toBe(true);
      expect(sys.directoryExists(posix(path.join(f, "node_modules", "fleetlab", "mission")))).toBe(true);
    }
    // A folder never installed stays invisible.
    expect(sys.fileExists(posix(path.join(tmp, "elsewhere", "node_modules", "fleetlab", "package.json")))).toBe(false);
  });

  it("wraps a sys once: a second install for the same folder adds no layer", () => {
    const sys = realSys();
    installFleetlabResolution(folders[0], pkg, sys);
    const readFile = sys.readFile;
    installFleetlabResolution(folders[0], pkg, sys);
    installFleetlabResolution(folders[1], pkg, sys);
    expect(sys.readFile).toBe(readFile);
  });

  it("lets require('fleetlab/…') from a module in any installed folder reach the package", () => {
    installFleetlabResolution(folders[1], pkg, realSys());
    // Node's own resolver (jest's require does not go through Module._resolveFilename).
    const M = Module as unknown as {
      _resolveFilename(request: string, parent: unknown, isMain: boolean): string;
      _nodeModulePaths(dir: string): string[];
    };
    for (const f of folders) {
      const parent = { id: path.join(f, "cell.js"), filename: path.join(f, "cell.js"), paths: M._nodeModulePaths(f) };
      expect(M._resolveFilename("fleetlab/mission", parent, false)).toBe(path.join(pkg, "mission", "index.js"));
      expect(M._resolveFilename("fleetlab", parent, false)).toBe(path.join(pkg, "index.js"));
      expect(() => M._resolveFilename("fleetlab-none", parent, false)).toThrow(/fleetlab-none/);
    }
  });

  it("uses a folder's own installed fleetlab when it has one", () => {
    const own = path.join(tmp, "project");
    fs.mkdirSync(path.join(own, "node_modules", "fleetlab"), { recursive: true });
    fs.writeFileSync(path.join(own, "node_modules", "fleetlab", "package.json"), JSON.stringify({ name: "fleetlab" }));
    fs.mkdirSync(path.join(own, "nb"));
    expect(findInstalledPackage(path.join(own, "nb"))).toBe(path.join(own, "node_modules", "fleetlab"));
    expect(installFleetlabResolution(path.join(own, "nb"), pkg, realSys())).toEqual({ kind: "installed", packageDir: path.join(own, "node_modules", "fleetlab") });
  });
});

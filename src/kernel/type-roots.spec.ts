import fs from "fs";
import os from "os";
import path from "path";
import type { TsSys } from "./module-resolution";
import { declaredTypes, limitAutomaticTypes, nearestPackageJson } from "./type-roots";

describe("declaredTypes", () => {
  it("keeps node plus the @types packages of every dependency field", () => {
    const pj = { dependencies: { "@types/lodash": "4", lodash: "4" }, devDependencies: { "@types/jest": "30" }, peerDependencies: { "@types/react": "18" } };
    expect([...declaredTypes(pj)].sort()).toEqual(["jest", "lodash", "node", "react"]);
  });
  it("is just node for no package.json or a malformed one", () => {
    expect([...declaredTypes(undefined)]).toEqual(["node"]);
    expect([...declaredTypes({ dependencies: "oops", devDependencies: null })]).toEqual(["node"]);
  });
});

describe("nearestPackageJson", () => {
  it("finds the closest readable package.json above a folder", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-types-"));
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "outer" }));
    fs.mkdirSync(path.join(root, "a", "b"), { recursive: true });
    fs.writeFileSync(path.join(root, "a", "package.json"), "{ broken");
    expect(nearestPackageJson(path.join(root, "a", "b"))).toEqual({ name: "outer" });
  });
});

describe("limitAutomaticTypes", () => {
  const sys = (): TsSys => ({
    readFile: () => undefined, fileExists: () => false, directoryExists: () => true,
    getDirectories: (p) => (p.endsWith("@types") || p.endsWith("@types/") ? ["jest", "node", "react"] : ["src", "dist"]),
  });
  it("filters only node_modules/@types listings", () => {
    const s = sys();
    limitAutomaticTypes(s, new Set(["node", "jest"]));
    expect(s.getDirectories("/nb/node_modules/@types")).toEqual(["jest", "node"]);
    expect(s.getDirectories("/nb/node_modules/@types/")).toEqual(["jest", "node"]);
    expect(s.getDirectories("/nb/node_modules")).toEqual(["src", "dist"]);
    expect(s.getDirectories("/nb/types/@types")).toEqual(["jest", "node", "react"]);
  });
});

describe("limitAutomaticTypes, called again for the next notebook", () => {
  it("replaces the kept set instead of narrowing it (one wrapper per sys)", () => {
    const s: TsSys = { readFile: () => undefined, fileExists: () => false, directoryExists: () => true, getDirectories: () => ["jest", "node", "react"] };
    limitAutomaticTypes(s, new Set(["node", "jest"]));
    const wrapped = s.getDirectories;
    limitAutomaticTypes(s, new Set(["node", "react"]));
    expect(s.getDirectories).toBe(wrapped);
    expect(s.getDirectories("/b/node_modules/@types")).toEqual(["node", "react"]);
  });
});

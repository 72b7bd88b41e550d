import * as ts from "typescript";
import * as model from "../../model/index";
import * as api from "../index";
import { joinRelative, loadMissionSource, MissionFileError } from "./mission-module";
import { missionSource } from "./scaffold";

/** The modules a browser host binds a mission file's imports to. */
const modules = { fleetlab: model, "fleetlab/mission": api };

/** A drive of files by path, read as a site's worker reads them. */
const drive = (files: Record<string, string>) => (file: string) => files[file];

const failure = (run: () => unknown): MissionFileError => {
  try {
    run();
  } catch (e) {
    if (e instanceof MissionFileError) return e;
    throw e;
  }
  throw new Error("loaded without an error");
};

describe("a mission file loaded without a disk (a site's worker)", () => {
  it("loads the example mission `fleetlab new --example` writes, checked by defineMission", () => {
    const m = loadMissionSource(ts, "course/15_demo.ts", drive({ "course/15_demo.ts": missionSource("15_demo", "example") }), modules);
    expect(m.id).toBe("15_demo");
    expect(m.parts).toHaveLength(3);
    expect(Object.keys(m.tracks).sort()).toEqual(["cloud_titan", "edge_guardian", "mobile_nomad", "tiny_pioneer"]);
  });

  it("loads a relative import of another .ts file beside it", () => {
    const source = missionSource("15_demo", "example");
    const files = {
      "c/helpers/facts.ts": 'export const NODES = 16_384;',
      "c/15_demo.ts": `import { NODES } from "./helpers/facts";\nexport const nodes = NODES;\n${source}`,
    };
    expect(loadMissionSource(ts, "c/15_demo.ts", drive(files), modules).id).toBe("15_demo");
  });

  it("names the file, line and column of a syntax error", () => {
    const e = failure(() => loadMissionSource(ts, "c/x.ts", drive({ "c/x.ts": "export const a = 1;\nexport const b = ;\n" }), modules));
    expect(e.file).toBe("c/x.ts");
    expect(e.problems[0]).toMatch(/^c\/x\.ts:2:18: Expression expected/);
  });

  it("refuses an import other than FleetLab's and the course's own files, naming it", () => {
    const e = failure(() => loadMissionSource(ts, "c/x.ts", drive({ "c/x.ts": 'import fs from "fs";\nexport const a = fs;' }), modules));
    expect(e.problems[0]).toMatch(/imports "fs"; here a mission imports only "fleetlab", "fleetlab\/mission"/);
  });

  it("says what is wrong when a file exports no mission, is missing, or throws", () => {
    expect(failure(() => loadMissionSource(ts, "c/x.ts", drive({ "c/x.ts": "export const a = 1;" }), modules)).problems[0]).toMatch(/exports no mission/);
    expect(failure(() => loadMissionSource(ts, "c/none.ts", drive({}), modules)).problems[0]).toBe("no such mission file (looked for c/none.ts)");
    expect(failure(() => loadMissionSource(ts, "c/x.ts", drive({ "c/x.ts": 'throw new RangeError("bad track");' }), modules)).problems[0]).toBe("failed while loading: bad track");
  });
});

describe("joinRelative", () => {
  it.each([
    ["c/15.ts", "./facts", "c/facts"],
    ["c/15.ts", "../shared/facts.ts", "shared/facts.ts"],
    ["15.ts", "./a/b", "a/b"],
  ])("%s + %s = %s", (from, id, joined) => expect(joinRelative(from, id)).toBe(joined));
});

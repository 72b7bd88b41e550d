/**
 * The session keeps its design record in the store the host installs (a browser worker's
 * storage; here, memory) and in no file; with no host installed it keeps it in memory and
 * refuses mission files, naming the reason. Node's host (installed by `fleetlab/mission`)
 * writes the same file, byte for byte, as the design record file functions.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { setKernelRuntime } from "../../kernel/runtime";
import { createHeadlessRuntime } from "../hosts/headless/runtime";
import { fileDesignStore, writeDesignEntry } from "../grading/design-record";
import { nodeMissionHost } from "../node-host";
import type { DesignEntry } from "../authoring/types";
import { memoryDesignStore, storedEntries, storeEntry } from "./design-store";
import { currentMissionHost, missionByRef, missionHost, setMissionHost } from "./host";
import { open, resetNotebookRecords } from "./session";

const entry = (part: string, nodes: number): DesignEntry => ({
  mission: "01_ml_intro", part, track: "cloud_titan", lock: 0.37, answer: 0.3677, controls: { nodes }, target: null, reflectionWords: 42, updatedAt: "2026-01-01T00:00:00Z",
});

describe("mission host", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mission-host-"));
  const cwd = process.cwd();
  const rt = createHeadlessRuntime();
  beforeAll(() => { process.chdir(dir); setKernelRuntime(rt); });
  afterAll(() => { process.chdir(cwd); setKernelRuntime(undefined); setMissionHost(undefined); });
  afterEach(() => setMissionHost(undefined));

  it("records a committed part in the installed host's store, and writes no file", () => {
    const store = memoryDesignStore("browser storage");
    setMissionHost({ designRecord: () => store });
    resetNotebookRecords();
    rt.beginCell();
    const part = open("01_ml_intro", "cloud_titan").part("reliability_gap");
    expect(storedEntries(store)).toEqual([]);
    rt.frontendSend(part.lock, { method: "custom", content: { type: "lock_request", value: 0.4 } });
    expect(storedEntries(store).map((e) => [e.mission, e.part, e.track, e.lock])).toEqual([["01_ml_intro", "reliability_gap", "cloud_titan", 0.4]]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("with none installed, keeps the record in memory and refuses a mission file, saying why", () => {
    expect(currentMissionHost()).toBeUndefined();
    storeEntry(missionHost().designRecord(), entry("a", 8));
    expect(storedEntries(missionHost().designRecord()).map((e) => e.controls.nodes)).toEqual([8]);
    expect(() => missionByRef("15_edge_ai.ts")).toThrow(/15_edge_ai\.ts: this host opens built-in missions only/);
    expect(missionByRef("01_ml_intro").id).toBe("01_ml_intro");
  });

  it("names the store when its record is not a design record", () => {
    const store = memoryDesignStore("drive:/fleetlab-design-record.json");
    store.write("{");
    expect(() => storedEntries(store)).toThrow(/^ledger drive:\/fleetlab-design-record\.json: not valid JSON/);
  });

  it("in Node, is the file in the working directory (or $FLEETLAB_DESIGN_RECORD), as the file functions write it", () => {
    setMissionHost(nodeMissionHost);
    storeEntry(missionHost().designRecord(), entry("a", 1000));
    const viaHost = fs.readFileSync(path.join(dir, "fleetlab-design-record.json"), "utf8");
    const other = path.join(dir, "other.json");
    writeDesignEntry(entry("a", 1000), other);
    expect(fs.readFileSync(other, "utf8")).toBe(viaHost);
    process.env.FLEETLAB_DESIGN_RECORD = other;
    try {
      expect(missionHost().designRecord().where).toBe(other);
      expect(fileDesignStore(other).read()).toBe(viaHost);
    } finally {
      delete process.env.FLEETLAB_DESIGN_RECORD;
    }
  });
});

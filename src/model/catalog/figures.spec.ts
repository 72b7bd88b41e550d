import type { Sourced } from "../provenance";
import * as catalog from "./index";
import { CATALOG_ENTRIES, catalogFigures, listFigures, rowKey } from "./figures";
import { LLAMA3_ROOT_CAUSES } from "./failures";

/** Every Sourced object reachable from `root`, by identity. */
function sourcedIn(root: unknown, out = new Set<Sourced<unknown>>(), seen = new Set<unknown>()): Set<Sourced<unknown>> {
  if (root === null || typeof root !== "object" || seen.has(root)) return out;
  seen.add(root);
  if ("provenance" in root && "value" in root) return out.add(root as Sourced<unknown>);
  for (const v of Object.values(root)) sourcedIn(v, out, seen);
  return out;
}

/** Sourced values an export holds that the listing's entries do not: figures no one could read. */
function unlisted(exports: object): string[] {
  const listed = sourcedIn(CATALOG_ENTRIES);
  return Object.entries(exports).filter(([, v]) => [...sourcedIn(v)].some((s) => !listed.has(s))).map(([name]) => name);
}

/** The list walked afresh in each test (catalogFigures() keeps the first walk). */
const figures = () => listFigures(CATALOG_ENTRIES);
const named = (name: string) => figures().find((f) => f.name === name);

describe("the catalog's figure list", () => {
  it("reaches every sourced value the catalog exports (GPUS, FABRICS and MODELS included)", () => {
    expect(unlisted(catalog)).toEqual([]);
  });
  it("fails for an export it does not reach (the check can fail)", () => {
    const extra = { ...catalog, H200: { hbmBytes: { value: 141e9, unit: "B", provenance: { kind: "datasheet", ref: "x", status: "confirmed", verified: "2026-11-30" } } } };
    expect(unlisted(extra)).toEqual(["H200"]);
  });
  it("names each number once, in a form calc can read", () => {
    const names = figures().map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/);
  });
  it("lists numbers only, each with its provenance", () => {
    const all = figures();
    expect(all.length).toBeGreaterThan(100);
    for (const f of all) {
      expect(typeof f.value).toBe("number");
      expect(f.provenance.ref).toEqual(expect.any(String));
    }
    expect(catalogFigures()).toEqual(all);
  });
  it("lists a GPU's, a fabric's and a run's figures with their units and sources", () => {
    expect(named("B200.hbmBytes")).toMatchObject({ value: 180e9, unit: "B", provenance: { status: "confirmed" } });
    expect(named("INFINIBAND_NDR.bytesPerSecond")).toMatchObject({ value: 50e9, unit: "B/s" });
    expect(named("OPT_175B_RUN.restarts")).toMatchObject({ value: 53, unit: null });
    expect(named("MLSYSIM_MTTF_HOURS.gpu")).toMatchObject({ value: 50_000, unit: "h", provenance: { status: "unconfirmed" } });
  });
  it("lists a sourced record's numbers under its provenance (Llama-3-70B's config.json)", () => {
    expect(named("LLAMA3_70B.config.layers")?.value).toBe(80);
    expect(named("LLAMA3_70B.config.intermediateSize")?.value).toBe(28_672);
    expect(named("LLAMA3_70B.config.layers")?.provenance.ref).toBe("meta-llama/Meta-Llama-3-70B config.json");
    expect(named("LLAMA3_70B.config.tiedEmbeddings")).toBeUndefined(); // a flag, not a figure
  });
  it("lists Table 5 row by row: the 18 root causes' counts sum to the run's 419 unexpected interruptions", () => {
    const counts = figures().filter((f) => /^LLAMA3_ROOT_CAUSES\.\w+\.count$/.test(f.name));
    expect(counts).toHaveLength(18);
    expect(counts.reduce((sum, f) => sum + f.value, 0)).toBe(419);
    expect(named("LLAMA3_ROOT_CAUSES.faultyGpu.count")?.value).toBe(148);
    expect(named("LLAMA3_ROOT_CAUSES.networkSwitchCable.count")?.value).toBe(35);
  });
  it("walks the catalog once: every call returns the same frozen list", () => {
    expect(catalogFigures()).toBe(catalogFigures());
    expect(Object.isFrozen(catalogFigures())).toBe(true);
  });
  it("refuses to list a table row that has neither a component nor a name", () => {
    const unlabelled = { LLAMA3_ROOT_CAUSES: { ...LLAMA3_ROOT_CAUSES, value: [{ category: "GPU", count: 1 }] } };
    expect(() => listFigures(unlabelled)).toThrow(new Error("catalog: a row of LLAMA3_ROOT_CAUSES has no component or name to list it by"));
  });
  it("skips labels and empty fields of an entry, and walks a plain number into nothing", () => {
    const ram = { value: 2, unit: "B", provenance: { kind: "datasheet" as const, ref: "r", status: "confirmed" as const, verified: "2026-11-30" } };
    expect(listFigures({ X: { name: "a label", missing: null, ram }, Y: 3 }).map((f) => [f.name, f.value])).toEqual([["X.ram", 2]]);
    // Inside a sourced record too: a null or text field is no figure.
    const record = { ...ram, value: { size: 4, note: "text", none: null } };
    expect(listFigures({ R: record }).map((f) => [f.name, f.value])).toEqual([["R.size", 4]]);
  });
  it("turns a row label into an identifier", () => {
    expect(rowKey("GPU HBM3 memory")).toBe("gpuHbm3Memory");
    expect(rowKey("GPU thermal interface + sensor")).toBe("gpuThermalInterfaceSensor");
    expect(rowKey("NIC")).toBe("nic");
  });
});

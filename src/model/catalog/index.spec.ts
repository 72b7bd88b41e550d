import { checkpointBytes } from "../checkpoint-staging";
import { ringAllReduceTime } from "../communication";
import type { Sourced } from "../provenance";
import * as catalog from "./index";
import {
  A100_80GB, B200, BYTES_PER_PARAMETER, ETHERNET_100G, FABRICS, GPUS, H100_RIDGE_FLOPS_PER_BYTE, H100_SXM, INFINIBAND_NDR,
  LLAMA3_70B, LLAMA3_70B_SIZES, MODEL_175B_GRADIENT_BYTES, NONVOLATILE_MEMORY, NVLINK4, STORAGE_TIERS, WRITE_JOULES_PER_BYTE,
} from "./index";

/** Every Sourced value reachable from the catalog exports. */
function allSourced(value: unknown, out: Sourced<unknown>[] = [], seen = new Set<unknown>()): Sourced<unknown>[] {
  if (value === null || typeof value !== "object" || seen.has(value)) return out;
  seen.add(value);
  if ("provenance" in value && "value" in value) { out.push(value as Sourced<unknown>); return out; }
  for (const v of Object.values(value)) allSourced(v, out, seen);
  return out;
}

describe("catalog provenance", () => {
  const values = allSourced(catalog);
  it("covers every number", () => expect(values.length).toBeGreaterThan(60));
  it("every value has a source, a status and a check date; primary sources a url, derived ones notes", () => {
    for (const s of values) {
      const p = s.provenance;
      expect(p.ref.length).toBeGreaterThan(3);
      expect(["confirmed", "derived", "indicative", "unconfirmed"]).toContain(p.status);
      expect(p.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (["datasheet", "literature", "industry_report"].includes(p.kind)) expect(p.url).toMatch(/^https:\/\//);
      if (["derived", "estimate", "illustrative"].includes(p.kind)) expect(p.notes).toBeTruthy();
      if (typeof s.value === "number") expect(Number.isFinite(s.value)).toBe(true);
    }
  });
  it("latency defaults are all marked unconfirmed", () => {
    for (const link of Object.values(FABRICS)) expect(link.latencySeconds.provenance.status).toBe("unconfirmed");
  });
});

describe("catalog figures", () => {
  it("GPUs carry figures.md §4 values and the ★ ridge point", () => {
    expect(H100_SXM.denseBf16FlopsPerSecond.value).toBe(989.4e12);
    expect(H100_RIDGE_FLOPS_PER_BYTE.value).toBeCloseTo(295.3, 1);
    expect(A100_80GB.denseBf16FlopsPerSecond.value / A100_80GB.hbmBytesPerSecond.value).toBeCloseTo(153, 0);
    expect(B200.tdpWatts.value).toBe(1000);
    expect(Object.keys(GPUS)).toEqual(["h100Sxm", "a100_80gb", "b200"]);
  });
  it("link bandwidths are Gb/s ÷ 8 and reproduce the ★ ring all-reduce", () => {
    expect(INFINIBAND_NDR.bytesPerSecond.value).toBe(400e9 / 8);
    expect(ETHERNET_100G.bytesPerSecond.value).toBe(100e9 / 8);
    const ring = (b: number) => ringAllReduceTime({ messageBytes: MODEL_175B_GRADIENT_BYTES.value, gpus: 1024, linkBytesPerSecond: b });
    expect(ring(ETHERNET_100G.bytesPerSecond.value)).toBeCloseTo(55.95, 2);
    expect(ring(INFINIBAND_NDR.bytesPerSecond.value)).toBeCloseTo(13.99, 2);
    expect(ring(NVLINK4.bytesPerSecond.value)).toBeCloseTo(1.554, 3);
  });
  it("Llama-3-70B's parameter count follows from its config, and its sizes ★ from the count", () => {
    const c = LLAMA3_70B.config!.value;
    const kv = c.keyValueHeads * c.headDim;
    const perLayer = 2 * c.hiddenSize * c.hiddenSize + 2 * c.hiddenSize * kv + 3 * c.hiddenSize * c.intermediateSize + 2 * c.hiddenSize;
    const total = c.layers * perLayer + (c.tiedEmbeddings ? 1 : 2) * c.vocabSize * c.hiddenSize + c.hiddenSize;
    expect(total).toBe(LLAMA3_70B.parameters.value);
    expect(LLAMA3_70B_SIZES.bf16WeightsBytes.value / 1e9).toBeCloseTo(141.1, 1);
    expect(LLAMA3_70B_SIZES.adamNoGradientsBytes.value / 1e9).toBeCloseTo(987.8, 1);
    expect(LLAMA3_70B_SIZES.zeroMixedPrecisionBytes.value / 1e9).toBeCloseTo(1128.9, 1);
    expect(LLAMA3_70B_SIZES.zeroMixedPrecisionBytes.value).toBe(checkpointBytes({ parameters: LLAMA3_70B.parameters.value, bytesPerParameter: BYTES_PER_PARAMETER.zeroMixedPrecision.value }));
  });
  it("storage tiers are ordered and the DRAM figure is the DDR5-4800 arithmetic", () => {
    expect(STORAGE_TIERS.nvmeGen3.value).toBeLessThan(STORAGE_TIERS.nvmeGen4.value);
    expect(STORAGE_TIERS.nvmeGen4.value).toBeLessThan(STORAGE_TIERS.nvmeGen5.value);
    expect(STORAGE_TIERS.ddr5ChannelDram.value).toBe(4800e6 * 8);
    expect(STORAGE_TIERS.ddr5EightChannelDram.value).toBeCloseTo(8 * STORAGE_TIERS.ddr5ChannelDram.value, 0);
    expect(STORAGE_TIERS.nvmeGen5.provenance.status).toBe("indicative");
    expect(STORAGE_TIERS.referencePfs.provenance.status).toBe("unconfirmed");
  });
  it("FRAM vs flash: ~117× faster writes and 250× less energy per byte (TI, figures.md §7)", () => {
    expect(NONVOLATILE_MEMORY.framWriteBytesPerSecond.value / NONVOLATILE_MEMORY.flashWriteBytesPerSecond.value).toBeGreaterThan(100);
    expect(WRITE_JOULES_PER_BYTE.flash.value).toBeCloseTo(5.5e-7, 12);
    expect(WRITE_JOULES_PER_BYTE.flash.value / WRITE_JOULES_PER_BYTE.fram.value).toBeCloseTo(250, 9);
  });
});

/**
 * GPU catalog: dense BF16 throughput, HBM capacity and bandwidth, TDP.
 * Values and sources from figures.md §4. Units: FLOP/s, bytes, bytes/s, watts.
 */
import { sourced, type Sourced } from "../provenance";

const VERIFIED = "2026-11-22";
const H100_URL = "https://www.glennklockwood.com/garden/processors/h100";
const A100_URL = "https://www.glennklockwood.com/garden/processors/A100";
const B200_URL = "https://www.glennklockwood.com/garden/processors/B200";

/** One accelerator's headline figures. */
export interface GpuSpec {
  name: string;
  /** Dense BF16/FP16 tensor throughput, FLOP/s (no sparsity). */
  denseBf16FlopsPerSecond: Sourced;
  /** HBM capacity, bytes (GB = 1e9 B). */
  hbmBytes: Sourced;
  /** HBM bandwidth, bytes per second. */
  hbmBytesPerSecond: Sourced;
  /** Board power, watts. */
  tdpWatts: Sourced;
}

const datasheet = (ref: string, url: string, notes?: string) =>
  ({ kind: "datasheet" as const, ref, url, status: "confirmed" as const, verified: VERIFIED, ...(notes ? { notes } : {}) });

/** NVIDIA H100 SXM5 80GB (figures.md §4). */
export const H100_SXM: GpuSpec = {
  name: "NVIDIA H100 SXM5 80GB",
  denseBf16FlopsPerSecond: sourced(989.4e12, "FLOP/s", datasheet("NVIDIA H100 whitepaper/datasheet via glennklockwood.com", H100_URL, "1,978.9 TFLOP/s with 2:4 sparsity")),
  hbmBytes: sourced(80e9, "B", datasheet("NVIDIA H100 datasheet via glennklockwood.com", H100_URL, "80 GB HBM3")),
  hbmBytesPerSecond: sourced(3.35e12, "B/s", datasheet("NVIDIA H100 datasheet via glennklockwood.com", H100_URL)),
  tdpWatts: sourced(700, "W", datasheet("NVIDIA H100 datasheet via glennklockwood.com", H100_URL)),
};

/** NVIDIA A100 SXM4 80GB (figures.md §4). */
export const A100_80GB: GpuSpec = {
  name: "NVIDIA A100 SXM4 80GB",
  denseBf16FlopsPerSecond: sourced(312e12, "FLOP/s", datasheet("NVIDIA A100 datasheet via glennklockwood.com", A100_URL, "624 TFLOP/s with sparsity")),
  hbmBytes: sourced(80e9, "B", datasheet("NVIDIA A100 datasheet via glennklockwood.com", A100_URL, "80 GB HBM2e")),
  hbmBytesPerSecond: sourced(2.039e12, "B/s", datasheet("NVIDIA A100 datasheet via glennklockwood.com", A100_URL)),
  tdpWatts: sourced(400, "W", datasheet("NVIDIA A100 datasheet via glennklockwood.com", A100_URL)),
};

/** NVIDIA B200 in an HGX system at 1,000 W (figures.md §4). */
export const B200: GpuSpec = {
  name: "NVIDIA B200 (HGX, 1,000 W)",
  denseBf16FlopsPerSecond: sourced(2.25e15, "FLOP/s", datasheet("glennklockwood.com B200 page; Vultr HGX B200 overview", B200_URL, "4,500 TFLOP/s with sparsity; 2,500 dense in GB200 at 1,200 W")),
  hbmBytes: sourced(180e9, "B", datasheet("glennklockwood.com B200 page; Vultr HGX B200 overview", B200_URL, "180 GB HBM3e on HGX/DGX (~179 GB visible); 192 GB on the full part")),
  hbmBytesPerSecond: sourced(8e12, "B/s", datasheet("glennklockwood.com B200 page", B200_URL, "~8 TB/s")),
  tdpWatts: sourced(1000, "W", datasheet("glennklockwood.com B200 page", B200_URL)),
};

/** H100 ridge point: the arithmetic intensity where BF16 compute and HBM bandwidth balance. */
export const H100_RIDGE_FLOPS_PER_BYTE: Sourced = sourced(
  H100_SXM.denseBf16FlopsPerSecond.value / H100_SXM.hbmBytesPerSecond.value, "FLOP/B",
  { kind: "derived", ref: "figures.md §4", notes: "989.4e12 / 3.35e12 ≈ 295 FLOP/B", status: "derived", verified: VERIFIED },
);

/** Every GPU in the catalog, by key. */
export const GPUS = { h100Sxm: H100_SXM, a100_80gb: A100_80GB, b200: B200 } as const;

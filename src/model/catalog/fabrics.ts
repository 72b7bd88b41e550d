/**
 * Interconnect catalog: bandwidth per direction (the B of the α–β model) and a
 * latency default (α). Bandwidths from figures.md §3; every latency is a teaching
 * default marked unconfirmed, as figures.md found no datasheet for it.
 */
import { sourced, type Provenance, type Sourced } from "../provenance";

const VERIFIED = "2026-11-22";

/** One link type. */
export interface LinkSpec {
  name: string;
  /** Bandwidth in one direction per GPU or port, bytes per second. */
  bytesPerSecond: Sourced;
  /** Per-message latency default α, seconds (unconfirmed). */
  latencySeconds: Sourced;
}

const confirmed = (ref: string, url: string, notes?: string): Provenance =>
  ({ kind: "datasheet", ref, url, status: "confirmed", verified: VERIFIED, ...(notes ? { notes } : {}) });
const standard = (ref: string, notes: string): Provenance => ({ kind: "standard", ref, notes, status: "confirmed", verified: VERIFIED });
const latency = (seconds: number, notes: string): Sourced =>
  sourced(seconds, "s", { kind: "estimate", ref: "figures.md §3 latency rows; mlsysim teaching defaults", notes, status: "unconfirmed", verified: VERIFIED });

const NVLINK_LATENCY = latency(1e-6, "No source found for NVLink/PCIe message latency; 1 µs is a round default below RDMA's");
const IB_NOTE = "mlsysim teaching default (HDR 7 µs, NDR 5 µs); third parties quote < 1 µs port-to-port";

export const NVLINK3: LinkSpec = {
  name: "NVLink 3 (A100 SXM)",
  bytesPerSecond: sourced(300e9, "B/s", confirmed("NVIDIA A100 datasheet via glennklockwood.com", "https://www.glennklockwood.com/garden/processors/A100", "600 GB/s bidirectional = 300 + 300")),
  latencySeconds: NVLINK_LATENCY,
};
export const NVLINK4: LinkSpec = {
  name: "NVLink 4 (H100 SXM)",
  bytesPerSecond: sourced(450e9, "B/s", confirmed("glennklockwood.com H100 page; Scaleway H100 docs", "https://www.glennklockwood.com/garden/processors/h100", "900 GB/s bidirectional = 18 links × 50 GB/s; 450 GB/s each way")),
  latencySeconds: NVLINK_LATENCY,
};
export const NVLINK5: LinkSpec = {
  name: "NVLink 5 (B200)",
  bytesPerSecond: sourced(900e9, "B/s", confirmed("Vultr HGX B200 hardware overview", "https://docs.vultr.com", "1.8 TB/s bidirectional per GPU; 900 GB/s each way")),
  latencySeconds: NVLINK_LATENCY,
};
export const PCIE_GEN5_X16: LinkSpec = {
  name: "PCIe Gen5 x16",
  bytesPerSecond: sourced(64e9, "B/s", confirmed("glennklockwood.com H100 page", "https://www.glennklockwood.com/garden/processors/h100", "64 GB/s per direction, 128 GB/s bidirectional")),
  latencySeconds: NVLINK_LATENCY,
};
export const INFINIBAND_HDR: LinkSpec = {
  name: "InfiniBand HDR (200 Gb/s)",
  bytesPerSecond: sourced(25e9, "B/s", confirmed("atgbics.com, aicplight.com", "https://www.atgbics.com", "200 Gb/s per 4x port (4 × 50G PAM4)")),
  latencySeconds: latency(7e-6, IB_NOTE),
};
export const INFINIBAND_NDR: LinkSpec = {
  name: "InfiniBand NDR (400 Gb/s)",
  bytesPerSecond: sourced(50e9, "B/s", confirmed("nexuswise-c.com, atgbics.com", "https://www.atgbics.com", "400 Gb/s per 4x port (4 × 100G)")),
  latencySeconds: latency(5e-6, IB_NOTE),
};
export const INFINIBAND_XDR: LinkSpec = {
  name: "InfiniBand XDR (800 Gb/s)",
  bytesPerSecond: sourced(100e9, "B/s", confirmed("nexuswise-c.com, ascentoptics.com", "https://www.ascentoptics.com", "800 Gb/s per port, Quantum-X800")),
  latencySeconds: latency(5e-6, "No XDR figure found; NDR's 5 µs teaching default reused"),
};
const ROCE_LATENCY = latency(10e-6, "mlsysim teaching default for RoCE (10 µs); kernel TCP is 20–50 µs");
export const ETHERNET_100G: LinkSpec = {
  name: "Ethernet 100 GbE",
  bytesPerSecond: sourced(12.5e9, "B/s", standard("IEEE 802.3ba", "100 Gb/s = 12.5 GB/s; approval year not re-checked")),
  latencySeconds: ROCE_LATENCY,
};
export const ETHERNET_400G: LinkSpec = {
  name: "Ethernet 400 GbE",
  bytesPerSecond: sourced(50e9, "B/s", standard("IEEE 802.3bs, approved 2017-12-06 (Wikipedia, Terabit Ethernet)", "400 Gb/s = 50 GB/s; Llama 3's per-GPU RoCE fabric")),
  latencySeconds: ROCE_LATENCY,
};
export const ETHERNET_800G: LinkSpec = {
  name: "Ethernet 800 GbE",
  bytesPerSecond: sourced(100e9, "B/s", standard("IEEE 802.3df, approved 2024-02-16 (Wikipedia, Terabit Ethernet)", "800 Gb/s = 100 GB/s")),
  latencySeconds: ROCE_LATENCY,
};

/** Every link in the catalog, by key. */
export const FABRICS = {
  nvlink3: NVLINK3, nvlink4: NVLINK4, nvlink5: NVLINK5, pcieGen5x16: PCIE_GEN5_X16,
  infinibandHdr: INFINIBAND_HDR, infinibandNdr: INFINIBAND_NDR, infinibandXdr: INFINIBAND_XDR,
  ethernet100g: ETHERNET_100G, ethernet400g: ETHERNET_400G, ethernet800g: ETHERNET_800G,
} as const;

/**
 * Failure data from large training runs (figures.md §1). The Llama 3 405B run is
 * the anchor: its Table 5 counts are authoritative; derived rates are computed
 * here from the counts with the reliability formulas, never typed in.
 */
import { sourced, type Provenance, type Sourced } from "../provenance";
import { deviceHoursPerInterruption, observedMtbf } from "../reliability";

const VERIFIED = "2026-11-22";
const LLAMA3: Provenance = {
  kind: "literature", ref: "Meta, \"The Llama 3 Herd of Models\", arXiv:2407.21783, 2024, §3.3.4", url: "https://arxiv.org/abs/2407.21783",
  status: "confirmed", verified: VERIFIED,
};
const TABLE5: Provenance = { ...LLAMA3, ref: "Llama 3 paper, Table 5 (as transcribed at glennklockwood.com/garden/component-reliability)", notes: "Counts sum to 419; the printed Faulty GPU % (30.1) is not 148/419" };
const derived = (notes: string): Provenance => ({ kind: "derived", ref: "figures.md §1.1, from the Llama 3 paper", notes, status: "derived", verified: VERIFIED });

/** One row of Llama 3 Table 5. */
export interface RootCause {
  component: string;
  category: "GPU" | "Dependency" | "Network" | "Unplanned maintenance" | "Host" | "Unknown";
  count: number;
  /** Percentage as printed in the paper (not always count / 419). */
  printedPercent: number;
}

/** Llama 3 Table 5: root causes of the 419 unexpected interruptions. */
export const LLAMA3_ROOT_CAUSES: Sourced<readonly RootCause[]> = sourced<readonly RootCause[]>(Object.freeze([
  { component: "Faulty GPU", category: "GPU", count: 148, printedPercent: 30.1 },
  { component: "GPU HBM3 memory", category: "GPU", count: 72, printedPercent: 17.2 },
  { component: "Software bug", category: "Dependency", count: 54, printedPercent: 12.9 },
  { component: "Network switch/cable", category: "Network", count: 35, printedPercent: 8.4 },
  { component: "Host maintenance (unplanned)", category: "Unplanned maintenance", count: 32, printedPercent: 7.6 },
  { component: "GPU SRAM memory", category: "GPU", count: 19, printedPercent: 4.5 },
  { component: "GPU system processor", category: "GPU", count: 17, printedPercent: 4.1 },
  { component: "NIC", category: "Host", count: 7, printedPercent: 1.7 },
  { component: "NCCL watchdog timeouts", category: "Unknown", count: 7, printedPercent: 1.7 },
  { component: "Silent data corruption", category: "GPU", count: 6, printedPercent: 1.4 },
  { component: "GPU thermal interface + sensor", category: "GPU", count: 6, printedPercent: 1.4 },
  { component: "SSD", category: "Host", count: 3, printedPercent: 0.7 },
  { component: "Power supply", category: "Host", count: 3, printedPercent: 0.7 },
  { component: "Server chassis", category: "Host", count: 2, printedPercent: 0.5 },
  { component: "IO expansion board", category: "Host", count: 2, printedPercent: 0.5 },
  { component: "Dependency", category: "Dependency", count: 2, printedPercent: 0.5 },
  { component: "CPU", category: "Host", count: 2, printedPercent: 0.5 },
  { component: "System memory", category: "Host", count: 2, printedPercent: 0.5 },
] as const), null, TABLE5);

const GPUS = 16_384;
const WINDOW_HOURS = 54 * 24;
const UNEXPECTED = 419;
const SDC_EVENTS = 6;

/** The Llama 3 405B pre-training run (figures.md §1.1). */
export const LLAMA3_405B_RUN = {
  gpus: sourced(GPUS, null, { ...LLAMA3, notes: "H100 80GB HBM3, 700 W, 8 per server, 400 Gb/s RoCE" }),
  windowHours: sourced(WINDOW_HOURS, "h", { ...LLAMA3, notes: "54 days" }),
  totalInterruptions: sourced(466, null, LLAMA3),
  plannedInterruptions: sourced(47, null, LLAMA3),
  unexpectedInterruptions: sourced(UNEXPECTED, null, LLAMA3),
  manualInterventions: sourced(3, null, LLAMA3),
  sdcEvents: sourced(SDC_EVENTS, null, TABLE5),
  /** ★ 1,296 / 419 = 3.09 h. */
  fleetMtbfHours: sourced(observedMtbf(WINDOW_HOURS, UNEXPECTED), "h", derived("1,296 h / 419 unexpected interruptions")),
  /** 1,296 / 466 = 2.78 h. */
  fleetMtbfAllHours: sourced(observedMtbf(WINDOW_HOURS, 466), "h", derived("1,296 h / 466 interruptions")),
  /** ★ 16,384 × 1,296 / 419 = 50,677 GPU-h. */
  gpuHoursPerInterruption: sourced(deviceHoursPerInterruption({ devices: GPUS, windowHours: WINDOW_HOURS, interruptions: UNEXPECTED }), "h",
    derived("16,384 × 1,296 / 419; matches mlsysim's 50,000 h GPU MTTF default")),
  /** 16,384 × 1,296 / 6 = 3,538,944 GPU-h per SDC event. */
  gpuHoursPerSdcEvent: sourced(deviceHoursPerInterruption({ devices: GPUS, windowHours: WINDOW_HOURS, interruptions: SDC_EVENTS }), "h",
    derived("16,384 × 1,296 / 6 ≈ 2.8e-7 SDC events per GPU-h")),
} as const;

/** OPT-175B run (figures.md §1.3). */
export const OPT_175B_RUN = {
  gpus: sourced(992, null, { kind: "literature", ref: "Zhang et al., OPT, arXiv:2205.01068, 2022", url: "https://arxiv.org/abs/2205.01068", status: "confirmed", verified: VERIFIED, notes: "80GB A100" }),
  days: sourced(56, "day", { kind: "industry_report", ref: "OPT logbook talk notes (zrss.github.io)", url: "https://zrss.github.io", notes: "~56 days; from talk notes, not the paper", status: "confirmed", verified: VERIFIED }),
  restarts: sourced(53, null, { kind: "industry_report", ref: "OPT logbook talk notes (zrss.github.io)", url: "https://zrss.github.io", notes: "53–54 restarts over 143K steps", status: "confirmed", verified: VERIFIED }),
} as const;

/** Component MTTF teaching defaults (mlsysim), hours; unconfirmed. */
export const MLSYSIM_MTTF_HOURS = Object.fromEntries(
  ([["gpu", 50_000], ["nic", 150_000], ["psu", 100_000], ["pcieSwitch", 200_000], ["opticalCable", 50_000], ["torSwitch", 300_000], ["hbm", 200_000], ["dgxNode", 1_000]] as const)
    .map(([k, v]) => [k, sourced(v, "h", { kind: "estimate", ref: "harvard-edge/cs249r_book mlsysim/systems/reliability.py", notes: "Teaching default; no primary source found", status: "unconfirmed", verified: VERIFIED })]),
) as Readonly<Record<"gpu" | "nic" | "psu" | "pcieSwitch" | "opticalCable" | "torSwitch" | "hbm" | "dgxNode", Sourced>>;

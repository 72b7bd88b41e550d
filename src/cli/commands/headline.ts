/**
 * `fleetlab headline`: the headline figure of every mission for every track, computed
 * by the model from each mission's sourced figures (src/mission/missions/), as one aligned table.
 *
 *   mission  figure                        Cloud Titan  Edge Guardian  Mobile Nomad  Tiny Pioneer
 *   01       fleet availability P_node^N   1.37e-11   1.92e-22   10^-4364805   4.52e-5
 */
import { canarySampleSize, releaseCycleCheck, shadowDuration } from "../../model/canary";
import { youngDalyInterval } from "../../model/checkpoint-interval";
import { stagingPlan, type StagingMode } from "../../model/checkpoint-staging";
import { criticalNodeCount } from "../../model/communication-scaling";
import { familywiseFalseAlarm, falseAlarmRate } from "../../model/monitoring";
import { platformBreakEven } from "../../model/operations";
import { fleetAvailability, fleetMtbf } from "../../model/reliability";
import { pollaczekKhinchineWait } from "../../model/scheduling/queueing";
import { TRACK_NAMES } from "../../mission/authoring/notebook";
import { TRACK_IDS, type TrackId } from "../../mission/authoring/types";
import { FAULT_TOLERANCE_FIGURES } from "../../mission/missions/fault-tolerance";
import { FLEET_ORCH_FIGURES } from "../../mission/missions/fleet-orch";
import { ML_INTRO_FIGURES } from "../../mission/missions/ml-intro";
import { OPS_SCALE_FIGURES } from "../../mission/missions/ops-scale";
import { formatNumber } from "./calc";


/** One row of the table: a figure and its value per track, already formatted. */
export interface HeadlineRow {
  mission: "01" | "07" | "08" | "12";
  figure: string;
  values: string[];
  /** The raw numbers behind `values` (seconds for durations). */
  raw: number[];
}

/** Formats seconds in the largest of d, h, min, s, ms, µs in which it is ≥ 1. */
export function formatDuration(seconds: number): string {
  const units: [string, number][] = [["d", 86_400], ["h", 3600], ["min", 60], ["s", 1], ["ms", 1e-3], ["µs", 1e-6]];
  const [name, size] = units.find(([, s]) => Math.abs(seconds) >= s) ?? units[units.length - 1];
  return `${formatNumber(seconds / size)} ${name}`;
}

const money = (dollars: number): string => `$${formatNumber(dollars)}`;

interface Figure {
  mission: HeadlineRow["mission"];
  figure: string;
  compute(t: TrackId): number;
  format(v: number): string;
}

/** Young's interval for the track's blocking checkpoint and fleet MTBF, seconds. */
function youngInterval(t: TrackId): number {
  const m = FAULT_TOLERANCE_FIGURES[t];
  const delta = m.checkpointBytes.value / m.remoteWriteBytesPerSecond.value;
  return youngDalyInterval(delta, fleetMtbf(m.nodeMtbfHours.value, m.nodes.value) * 3600);
}

/** The track's whole-job checkpoint staged one way, checkpointing at Young's interval. */
function staged(t: TrackId, mode: StagingMode) {
  const m = FAULT_TOLERANCE_FIGURES[t];
  return stagingPlan({
    mode, stateBytes: m.checkpointBytes.value, intervalSeconds: youngInterval(t),
    objectStoreBytesPerSecond: m.remoteWriteBytesPerSecond.value, nvmeBytesPerSecond: m.localWriteBytesPerSecond.value, dramBytesPerSecond: m.dramStageBytesPerSecond.value,
  });
}

const FIGURES: Figure[] = [
  { mission: "01", figure: "fleet size N", compute: (t) => ML_INTRO_FIGURES[t].nodes.value, format: formatNumber },
  // Reported as log₁₀ so a billion-device fleet (0.99^1e9, far below the smallest double) still reads.
  {
    mission: "01", figure: "fleet availability P_node^N",
    compute: (t) => {
      const m = ML_INTRO_FIGURES[t];
      const p = fleetAvailability(m.nodeAvailability.value, m.nodes.value);
      return p > 0 ? Math.log10(p) : m.nodes.value * Math.log10(m.nodeAvailability.value);
    },
    format: (log10) => (log10 >= -300 ? formatNumber(10 ** log10) : `10^${formatNumber(log10)}`),
  },
  { mission: "01", figure: "fleet MTBF", compute: (t) => fleetMtbf(ML_INTRO_FIGURES[t].nodeMtbfHours.value, ML_INTRO_FIGURES[t].nodes.value) * 3600, format: formatDuration },
  {
    mission: "01", figure: "critical node count (ring)", format: formatNumber,
    compute: (t) => {
      const m = ML_INTRO_FIGURES[t];
      return criticalNodeCount({ computeSeconds: m.computeSeconds.value, gradientBytes: m.gradientBytes.value, linkBytesPerSecond: m.linkBytesPerSecond.value, latencySeconds: m.latencySeconds.value }).gpus;
    },
  },
  { mission: "07", figure: "fleet MTBF", compute: (t) => fleetMtbf(FAULT_TOLERANCE_FIGURES[t].nodeMtbfHours.value, FAULT_TOLERANCE_FIGURES[t].nodes.value) * 3600, format: formatDuration },
  { mission: "07", figure: "checkpoint write δ (blocking remote)", compute: (t) => staged(t, "blocking-object-store").mathStopSeconds, format: formatDuration },
  { mission: "07", figure: "Young-Daly interval √(2δM)", compute: youngInterval, format: formatDuration },
  { mission: "07", figure: "math-stop, local staging", compute: (t) => staged(t, "local-nvme").mathStopSeconds, format: formatDuration },
  { mission: "07", figure: "math-stop, DRAM staging", compute: (t) => staged(t, "async-dram").mathStopSeconds, format: formatDuration },
  { mission: "07", figure: "drain busy share of interval", compute: (t) => staged(t, "async-dram").drainUtilization, format: formatNumber },
  { mission: "07", figure: "resume target", compute: (t) => FAULT_TOLERANCE_FIGURES[t].resumeTargetSeconds.value, format: formatDuration },
  { mission: "07", figure: "hold-up before state is lost", compute: (t) => FAULT_TOLERANCE_FIGURES[t].holdUpSeconds.value, format: formatDuration },
  {
    mission: "07", figure: "DRAM/FeRAM save fits the hold-up", format: (v) => (v ? "yes" : "no"),
    compute: (t) => (staged(t, "async-dram").mathStopSeconds <= FAULT_TOLERANCE_FIGURES[t].holdUpSeconds.value ? 1 : 0),
  },
  {
    mission: "08", figure: "queue wait W_q (M/G/1)", format: formatDuration,
    compute: (t) => {
      const m = FLEET_ORCH_FIGURES[t];
      return pollaczekKhinchineWait({ utilization: m.load.value, meanServiceTime: m.jobHours.value * 3600, serviceCv: m.serviceCv.value });
    },
  },
  { mission: "08", figure: "gang size (GPUs)", compute: (t) => FLEET_ORCH_FIGURES[t].jobGpus.value, format: formatNumber },
  { mission: "12", figure: "platform break-even N*", compute: (t) => platformBreakEven({ capexDollars: OPS_SCALE_FIGURES[t].capexDollars.value, heterogeneity: OPS_SCALE_FIGURES[t].heterogeneity.value }), format: formatNumber },
  { mission: "12", figure: "platform capex", compute: (t) => OPS_SCALE_FIGURES[t].capexDollars.value, format: money },
  { mission: "12", figure: "canary sample size", compute: (t) => canarySampleSize(OPS_SCALE_FIGURES[t].confidence.value, OPS_SCALE_FIGURES[t].failureRate.value), format: formatNumber },
  {
    mission: "12", figure: "shadow duration n/(r·f)", format: formatDuration,
    compute: (t) => {
      const m = OPS_SCALE_FIGURES[t];
      return shadowDuration(canarySampleSize(m.confidence.value, m.failureRate.value), m.requestsPerSecond.value, m.canaryFraction.value);
    },
  },
  {
    mission: "12", figure: "shadow fits a 1-week release", format: (v) => (v ? "yes" : "no"),
    compute: (t) => {
      const m = OPS_SCALE_FIGURES[t];
      return releaseCycleCheck({ confidence: m.confidence.value, failureRate: m.failureRate.value, requestsPerSecond: m.requestsPerSecond.value, canaryFraction: m.canaryFraction.value }).fits ? 1 : 0;
    },
  },
  { mission: "12", figure: "P(≥1 false alarm), z = 3, all models", compute: (t) => familywiseFalseAlarm(falseAlarmRate(3), OPS_SCALE_FIGURES[t].models.value), format: formatNumber },
];

/** Computes every headline figure for every track. */
export function headlineRows(): HeadlineRow[] {
  return FIGURES.map((f) => {
    const raw = TRACK_IDS.map((id) => f.compute(id));
    return { mission: f.mission, figure: f.figure, raw, values: raw.map((v) => f.format(v)) };
  });
}

/** The rows as an aligned plain-text table, one header line plus one line per figure. */
export function headlineTable(rows: HeadlineRow[] = headlineRows()): string {
  const header = ["mission", "figure", ...TRACK_IDS.map((id) => TRACK_NAMES[id])];
  const lines = [header, ...rows.map((r) => [r.mission, r.figure, ...r.values])];
  const widths = header.map((_, c) => Math.max(...lines.map((l) => [...l[c]].length)));
  // Text columns left-aligned, value columns right-aligned.
  const pad = (s: string, c: number): string => (c < 2 ? s + " ".repeat(widths[c] - [...s].length) : " ".repeat(widths[c] - [...s].length) + s);
  return lines.map((l) => l.map(pad).join("  ").trimEnd()).join("\n");
}

export async function run(argv: string[]): Promise<number> {
  if (argv.length > 0) {
    process.stderr.write("usage: fleetlab headline\n");
    return 2;
  }
  process.stdout.write(headlineTable() + "\n");
  return 0;
}

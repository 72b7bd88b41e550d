/**
 * Mission 15_example: The Reliability Budget, a small complete mission written by `fleetlab new
 * <id> --example`. It is a course's mission file: it imports only `fleetlab` (the model) and
 * `fleetlab/mission` (the authoring API), declares its tracks' parameters with their sources,
 * and computes every answer from model functions. Edit it, then run `fleetlab check` on it.
 */
import {
  expectedFailures, fleetAvailability, fleetMtbf, LLAMA3_405B_RUN, youngDalyInterval, youngOverhead, type Sourced,
} from "fleetlab";
import { defineMission, largestIntegerWhere, modelSweep, modelValue, niceCeil, planFigures, type TrackId } from "fleetlab/mission";

/** What each track's story fixes, each number with its source. */
interface TrackFacts {
  /** Devices in the fleet. */
  nodes: Sourced;
  /** Mean time between failures of one device, hours. */
  nodeMtbfHours: Sourced;
  /** Time to write one checkpoint, seconds. */
  checkpointSeconds: Sourced;
}

/** A teaching figure of this mission's plan: `notes` says why it is plausible. A measured fact comes from the catalog. */
const illustrative = planFigures({ ref: "Mission 15_example plan", verified: "2026-11-30" });

const FACTS: Record<TrackId, TrackFacts> = {
  cloud_titan: {
    nodes: LLAMA3_405B_RUN.gpus,
    nodeMtbfHours: LLAMA3_405B_RUN.gpuHoursPerInterruption,
    checkpointSeconds: illustrative(120, "s", "a sharded checkpoint of a 405B model to a parallel file system in about two minutes"),
  },
  edge_guardian: {
    nodes: illustrative(5_000, null, "a regional fleet of vehicle computers"),
    nodeMtbfHours: illustrative(20_000, "h", "an automotive-grade computer, a fault every couple of years of operation"),
    checkpointSeconds: illustrative(5, "s", "a state snapshot to local flash"),
  },
  mobile_nomad: {
    nodes: illustrative(10_000, null, "phones in a federated training round"),
    nodeMtbfHours: illustrative(5_000, "h", "a phone drops out of training (battery, network, its user) every few months of participation"),
    checkpointSeconds: illustrative(2, "s", "a small model's weights to the phone's storage"),
  },
  tiny_pioneer: {
    nodes: illustrative(1_000, null, "sensor nodes in one building"),
    nodeMtbfHours: illustrative(8_760, "h", "a battery sensor node fails about once a year"),
    checkpointSeconds: illustrative(0.5, "s", "a few kilobytes to FRAM"),
  },
};

/** The numbers the mission computes with, for one track. */
export interface ExampleParams {
  nodes: number;
  nodeMtbfHours: number;
  checkpointSeconds: number;
}

export function trackParams(track: TrackId): ExampleParams {
  const f = FACTS[track];
  return { nodes: f.nodes.value, nodeMtbfHours: f.nodeMtbfHours.value, checkpointSeconds: f.checkpointSeconds.value };
}

/** The fleet's MTBF in seconds at `nodes` devices. */
const fleetMtbfSeconds = (p: ExampleParams, nodes: number) => fleetMtbf(p.nodeMtbfHours, nodes) * 3600;

export const mission = defineMission({
  id: "15_example",
  title: "Mission 15 · The Reliability Budget",
  chapter: {
    title: "Fault Tolerance at Fleet Scale",
    invariant: "A fleet fails N times as often as one of its devices: MTBF_fleet = MTBF_node / N.",
    struggle: "Every device you add makes the whole less reliable, and the time lost to failures has to be bought back with checkpoints.",
    minutes: 30,
  },
  tracks: {
    cloud_titan: { persona: "Training Lead", northStar: "Finish the pre-training run on schedule.", crisisTitle: "The 16k GPU run.",
      crisis: "Your run spans 16,384 GPUs. Something fails every few hours." },
    edge_guardian: { persona: "Fleet Reliability Engineer", northStar: "Every vehicle's model current within a day.", crisisTitle: "The rolling update.",
      crisis: "5,000 vehicle computers must stay in sync while some of them are always down." },
    mobile_nomad: { persona: "Federated Learning Engineer", northStar: "A training round every hour.", crisisTitle: "The vanishing round.",
      crisis: "10,000 phones join a round; some phone drops out every few minutes." },
    tiny_pioneer: { persona: "Sensor Network Lead", northStar: "A year on one battery.", crisisTitle: "The silent building.",
      crisis: "1,000 sensor nodes report together; a node dies every few hours somewhere in the building." },
  },
  defaultTrack: "cloud_titan",
  params: trackParams,
  visuals: { primary: "Availability curve", secondary: "Lost-time gauge", mathPeek: "The Fleet Law and Young's interval." },
  parts: [
    {
      id: "fleet_law",
      title: "The Fleet Law",
      kind: "Exploration",
      minutes: 10,
      objective: "See how the chance that every device is up collapses as the fleet grows.",
      lock: {
        kind: "number",
        question: "Each device is up 99.9% of the time. What is the chance that all 1,000 devices are up at once (0 to 1)?",
        unit: null, min: 0, max: 1, tolerance: 0.1,
        answer: () => fleetAvailability(0.999, 1000),
        shownOn: { instrument: "all_up" },
      },
      workbench: {
        controls: [
          { kind: "slider", id: "nodes", label: "Devices (N)", feeds: ["fleetAvailability"], scale: "log", unit: null,
            min: 1, max: 1_000_000, step: 1, default: 1000 },
          { kind: "slider", id: "p_node", label: "Availability of one device", feeds: ["fleetAvailability"], scale: "linear", unit: null,
            min: 0.99, max: 0.99999, step: 0.00001, default: 0.999 },
        ],
        instruments: [
          { kind: "gauge", id: "all_up", name: "P(all devices up)", unit: null, min: 0, max: 1,
            ...modelValue<ExampleParams>({ fn: "fleetAvailability", args: { nodeAvailability: { control: "p_node" }, nodes: { control: "nodes" } } }) },
          { kind: "plot", id: "collapse", name: "Availability curve", role: "primary", mark: "line",
            x: { field: "nodes", title: "Devices N", scale: "log" }, y: { field: "availability", title: "P(all devices up)" },
            ...modelSweep<ExampleParams>({ fn: "fleetAvailability", args: { nodeAvailability: { control: "p_node" } }, as: "availability",
              sweep: { param: "nodes", from: 1, to: 1_000_000, points: 60, scale: "log" } }) },
        ],
      },
      target: {
        prompt: "Find the largest fleet that is all up at least half the time when each device is up 99.99% of the time.",
        unit: "devices", tolerance: 0.02, maxAttempts: 10,
        compute: () => largestIntegerWhere((n) => fleetAvailability(0.9999, n) >= 0.5, 1, 1e9),
      },
      reflect: { prompt: "Why does a fleet of reliable devices behave like an unreliable machine? Use the numbers you found.", minWords: 30 },
      mathPeek: [
        { label: "Fleet Law", expression: "P_fleet = P_node ^ N", scope: (v) => ({ P_node: v.p_node, N: Math.round(v.nodes) }) },
      ],
    },
    {
      id: "checkpoint_interval",
      title: "The Checkpoint Interval",
      kind: "Trade-off",
      minutes: 10,
      objective: "Balance the time spent writing checkpoints against the work lost to each failure.",
      lock: {
        kind: "choice",
        question: "If your fleet doubles, should you checkpoint more often or less often?",
        choices: ["More often", "Less often", "Just as often"],
        answer: (c) => {
          const now = youngDalyInterval(c.params.checkpointSeconds, fleetMtbfSeconds(c.params, c.params.nodes));
          const doubled = youngDalyInterval(c.params.checkpointSeconds, fleetMtbfSeconds(c.params, 2 * c.params.nodes));
          return doubled < now ? "More often" : doubled > now ? "Less often" : "Just as often";
        },
      },
      workbench: {
        controls: [
          { kind: "slider", id: "interval_min", label: "Checkpoint interval", feeds: ["youngOverhead"], scale: "log", unit: "min",
            min: 0.1, max: 1000, step: 0.01, default: 100 },
        ],
        instruments: [
          { kind: "gauge", id: "lost", name: "Lost-time gauge", role: "secondary", unit: "%", min: 0, max: 100,
            compute: (v, c) => Math.min(100, 100 * youngOverhead(v.interval_min * 60, c.params.checkpointSeconds, fleetMtbfSeconds(c.params, c.params.nodes))) },
          { kind: "gauge", id: "fleet_mtbf", name: "Fleet MTBF", unit: "h", min: 0, max: (c) => niceCeil(c.params.nodeMtbfHours / c.params.nodes),
            compute: (_v, c) => fleetMtbf(c.params.nodeMtbfHours, c.params.nodes) },
        ],
      },
      target: {
        prompt: "Find the checkpoint interval, in minutes, that loses the least time.",
        unit: "min", tolerance: 0.1, maxAttempts: 10,
        compute: (c) => youngDalyInterval(c.params.checkpointSeconds, fleetMtbfSeconds(c.params, c.params.nodes)) / 60,
      },
      reflect: { prompt: "Explain the two costs the interval trades against each other, and which one dominates at your default.", minWords: 30 },
      mathPeek: [
        { label: "Young's interval", expression: "tau_opt = sqrt(2 * delta * M)",
          noValue: "Its value is the interval this part asks you to find." },
        { label: "Time lost", expression: "lost = delta / tau + tau / (2 * M)",
          scope: (v, c) => ({ delta: c.params.checkpointSeconds, tau: v.interval_min * 60, M: fleetMtbfSeconds(c.params, c.params.nodes) }) },
      ],
    },
    {
      id: "failure_budget",
      title: "The Failure Budget",
      kind: "Synthesis",
      minutes: 10,
      objective: "Plan a run long enough to finish, knowing how many failures it will meet.",
      lock: {
        kind: "number",
        question: "How many device failures should a 30-day run on your whole fleet expect?",
        unit: null, min: 0, max: 1e9, tolerance: 0.2,
        answer: (c) => expectedFailures({ nodes: c.params.nodes, nodeMtbfHours: c.params.nodeMtbfHours, horizonHours: 30 * 24 }),
        shownOn: { instrument: "failures" },
      },
      workbench: {
        controls: [
          { kind: "slider", id: "days", label: "Run length", feeds: ["expectedFailures"], scale: "linear", unit: "days", min: 1, max: 90, step: 1, default: 7 },
          { kind: "slider", id: "share", label: "Share of the fleet used", feeds: ["expectedFailures"], scale: "linear", unit: "%", min: 1, max: 100, step: 1, default: 10 },
        ],
        instruments: [
          { kind: "gauge", id: "failures", name: "Expected failures", unit: null, min: 0,
            max: (c) => niceCeil(expectedFailures({ nodes: c.params.nodes, nodeMtbfHours: c.params.nodeMtbfHours, horizonHours: 90 * 24 })),
            compute: (v, c) => expectedFailures({ nodes: Math.round(c.params.nodes * v.share / 100), nodeMtbfHours: c.params.nodeMtbfHours, horizonHours: v.days * 24 }) },
        ],
      },
      target: {
        prompt: "Find the longest run, in whole days, on your whole fleet that expects fewer than 100 failures.",
        unit: "days", tolerance: 0.05, maxAttempts: 10,
        compute: (c) => largestIntegerWhere((d) => expectedFailures({ nodes: c.params.nodes, nodeMtbfHours: c.params.nodeMtbfHours, horizonHours: d * 24 }) < 100, 0, 100_000),
      },
      reflect: { prompt: "What would you tell your stakeholder about running on the whole fleet at once?", minWords: 30 },
      mathPeek: [
        { label: "Expected failures", expression: "F = N * T / MTBF_node",
          scope: (v, c) => ({ N: Math.round(c.params.nodes * v.share / 100), T: v.days * 24, MTBF_node: c.params.nodeMtbfHours }) },
      ],
    },
  ],
});

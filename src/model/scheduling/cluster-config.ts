/**
 * Configuration of the cluster simulator: what the cluster is, what arrives and
 * how the scheduler behaves. `resolveClusterConfig` checks every field (errors
 * name it, e.g. `simulateCluster: config.jobClasses[1].gpus must be ...`) and
 * fills defaults, so the simulator itself only reads plain, valid numbers.
 */
import { ModelInputError, requireInRange, requireInteger, requireNonNegative, requirePositive, requireProbability, requireOneOf } from "../errors";
import { readMaxEvents } from "../sim/event-budget";
import { PLACEMENT_POLICIES, type LocalityConstraint, type PlacementPolicy } from "./placement";
import { defaultNetwork, type NetworkModel } from "./topology";

/** A kind of job in the arrival mix. */
export interface JobClass {
  name?: string;
  /** Gang size: GPUs that must start together. */
  gpus: number;
  /** Relative share of arrivals (default 1). */
  weight?: number;
  /** Mean compute time at full width, hours. */
  meanServiceHours: number;
  /** Coefficient of variation of service time: 0 fixed, 1 exponential (default), other values lognormal. */
  serviceCv?: number;
  /** Higher runs first under "priority" and "drf" (integer 0..9, default 0). */
  priority?: number;
  /** Index into tenants (default 0). */
  tenant?: number;
  /** Lowest device capability the job runs on (default 0: any). */
  minCapability?: number;
  /** Device memory the job needs per GPU, GB (default 0). */
  memoryGb?: number;
  /** Smallest width an elastic job keeps running at (default 1). */
  minGpus?: number;
  /** Host CPU cores per GPU, counted by DRF (default 0). */
  cpusPerGpu?: number;
  /** Placement of this class's gangs (default config.placement): e.g. one job class that
   *  demands a contiguous block while the rest of the mix is placed best-fit. */
  placement?: PlacementPolicy;
  /** Locality of this class under topology-aware placement (default config.locality). */
  locality?: LocalityConstraint;
  /** Gang scheduling (default true): the job starts only when all `gpus` are free at once.
   *  false: it starts on whatever is free (at least minGpus) and grows to full width as
   *  GPUs free up, running at width/gpus of its speed meanwhile (malleable, non-gang). */
  gang?: boolean;
}

/** A device generation in a heterogeneous fleet (e.g. V1/V2/V3). */
export interface DeviceGeneration {
  name: string;
  /** Share of nodes, in (0, 1]; shares must sum to 1. Nodes are assigned in contiguous blocks. */
  fraction: number;
  capability: number;
  memoryGb: number;
}

export interface TenantConfig {
  name: string;
  /** Most GPUs the tenant may hold at once (default: no limit). Jobs that would exceed it are skipped, not blocking. */
  quotaGpus?: number;
}

/** Spot capacity that the provider reclaims node by node. */
export interface SpotConfig {
  /** Share of nodes that are spot, in [0, 1]. */
  spotFraction: number;
  /** Mean time between reclaims of one spot node, hours (exponential). */
  meanHoursBetweenPreemptions: number;
  /** Mean time a reclaimed node stays away, hours (exponential). */
  meanHoursToRestore: number;
  /** static: the job stops, rolls back to its last checkpoint, waits for all its GPUs and
   *  restarts (restartOverheadHours) before it computes again;
   *  elastic: the job keeps its surviving GPUs, re-forms its ring (rescaleOverheadHours),
   *  runs narrower and grows back. */
  mode: "static" | "elastic";
  /** Work between checkpoints, hours (default 1). */
  checkpointIntervalHours?: number;
  /** Restart of a static job (reload, re-init), hours it holds its GPUs without progress each
   *  time it starts again after a reclaim; a reclaim during the restart loses it (default 0.25). */
  restartOverheadHours?: number;
  /** One elastic rescale (re-form the ring), hours without progress (default 0.02). */
  rescaleOverheadHours?: number;
}

export type QueueOrder = "fifo" | "priority" | "drf";

/** Host CPU cores per GPU when `cpusPerNode` is not given (a DGX H100-like ratio). */
export const DEFAULT_CPUS_PER_GPU = 14;
export type BackfillMode = "none" | "easy";

export interface ClusterConfig {
  racks: number;
  nodesPerRack: number;
  gpusPerNode: number;
  /** Jobs to submit; the run ends when every job has finished or dropped out. */
  jobs: number;
  /** Offered load ρ = λ·E[k·S] / GPUs in (0, 2]; give this or arrivalRatePerHour. */
  load?: number;
  arrivalRatePerHour?: number;
  jobClasses: JobClass[];
  placement: PlacementPolicy;
  /** For topology-aware placement (default "strict"). */
  locality?: LocalityConstraint;
  /** Default "priority". */
  queueOrder?: QueueOrder;
  /** Default "none": strict order, the blocked head blocks everyone. */
  backfill?: BackfillMode;
  /** Queued jobs examined past the blocked head (default 64). */
  backfillDepth?: number;
  tenants?: TenantConfig[];
  /** Host cores per node for DRF (default DEFAULT_CPUS_PER_GPU = 14 per GPU, a DGX H100-like ratio). */
  cpusPerNode?: number;
  /** Default: one generation, capability 1, 80 GB. */
  generations?: DeviceGeneration[];
  /** Place only on devices that meet a job's capability and memory (default true). */
  capabilityAware?: boolean;
  spot?: SpotConfig;
  network?: Partial<NetworkModel>;
  /** Time of the occupancy snapshot, hours (default: arrival of the middle job). */
  snapshotAtHours?: number;
  /** Wait beyond which a job counts as starved, hours (default 24). */
  starvationThresholdHours?: number;
  /** Gang size for the fragmentation metric (default gpusPerNode). */
  fragmentationJobGpus?: number;
  /** Share of the jobs, in arrival order, left out of the steady-state figures (waits, times to
   *  converge, starvation, the while-arriving utilisation and MFU) as the run's warm-up from an
   *  empty cluster; in [0, 0.9], default 0. */
  warmupFraction?: number;
  /** Most events to process (default DEFAULT_MAX_EVENTS); the run stops there and its report
   *  says so (`budget.exhausted`) if jobs are still unfinished. */
  maxEvents?: number;
}

/** A fully checked configuration with defaults filled in. */
export interface ResolvedClusterConfig {
  racks: number; nodesPerRack: number; gpusPerNode: number; jobs: number;
  arrivalRatePerHour: number; offeredLoad: number;
  jobClasses: Required<JobClass>[];
  /** Cumulative arrival weights (last = 1). */
  classCdf: Float64Array;
  placement: PlacementPolicy; locality: LocalityConstraint; queueOrder: QueueOrder;
  backfill: BackfillMode; backfillDepth: number;
  tenants: Required<TenantConfig>[];
  cpusPerNode: number;
  generations: DeviceGeneration[];
  /** Each node's generation (index into generations), from nodeGenerations. */
  nodeGeneration: Int32Array;
  capabilityAware: boolean;
  warmupFraction: number;
  spot: Required<SpotConfig> | null;
  network: NetworkModel;
  snapshotAtHours: number | null;
  starvationThresholdHours: number;
  fragmentationJobGpus: number;
  maxEvents: number;
}

const FN = "simulateCluster";

/**
 * Each node's device generation: generations take contiguous blocks of nodes in order, node n
 * the first whose cumulative share reaches the node's centre (n + ½)/nodes.
 *
 * Worked example: shares [0.25, 0.75] over 16 nodes give nodes 0–3 generation 0 and nodes
 * 4–15 generation 1; shares [0.2, 0.8] over 2 nodes give generation 0 no node at all.
 */
export function nodeGenerations(generations: DeviceGeneration[], nodes: number): Int32Array {
  const out = new Int32Array(nodes);
  for (let n = 0, p = 0, edge = generations[0].fraction; n < nodes; n++) {
    while (p < generations.length - 1 && (n + 0.5) / nodes > edge) edge += generations[++p].fraction;
    out[n] = p;
  }
  return out;
}

/**
 * Refuses a job class no placement could ever start on the nodes that meet its capability and
 * memory: fewer such GPUs than its gang, or, for a strict topology-aware gang, no run of
 * ⌈gpus/gpusPerNode⌉ adjacent such nodes (inside one rack when the run fits in a rack), the
 * block the placement waits for.
 */
function requirePlaceable(r: Required<JobClass>, at: string, generations: DeviceGeneration[], nodeGeneration: Int32Array, nodesPerRack: number, gpusPerNode: number): void {
  const capable = (n: number): boolean => {
    const g = generations[nodeGeneration[n]];
    return g.capability >= r.minCapability && g.memoryGb >= r.memoryGb;
  };
  const need = Math.ceil(r.gpus / gpusPerNode);
  let nodes = 0, run = 0, longest = 0;
  for (let n = 0; n < nodeGeneration.length; n++) {
    if (need <= nodesPerRack && n % nodesPerRack === 0) run = 0;
    run = capable(n) ? run + 1 : 0;
    if (run > longest) longest = run;
    if (capable(n)) nodes++;
  }
  if (nodes * gpusPerNode < r.gpus) {
    throw new ModelInputError(FN, `${at}.minCapability`, `met by at least ${r.gpus} GPUs (capable GPUs: ${nodes * gpusPerNode})`, r.minCapability);
  }
  if (r.placement === "topology-aware" && r.locality === "strict" && longest < need) {
    const where = need <= nodesPerRack ? " in one rack" : "";
    throw new ModelInputError(FN, `${at}.minCapability`, `met by ${need} adjacent nodes${where} for a strict topology-aware gang (longest run: ${longest})`, r.minCapability);
  }
}

/** Checks a ClusterConfig and fills its defaults; throws ModelInputError naming the field. */
export function resolveClusterConfig(config: ClusterConfig): ResolvedClusterConfig {
  if (config === null || typeof config !== "object") throw new ModelInputError(FN, "config", "an object", config);
  const c = config;
  requireInteger(FN, { "config.racks": c.racks, "config.nodesPerRack": c.nodesPerRack, "config.gpusPerNode": c.gpusPerNode, "config.jobs": c.jobs });
  requireInteger(FN, { "config.gpusPerNode": c.gpusPerNode }, 1, 64);
  const nodes = c.racks * c.nodesPerRack;
  const totalGpus = nodes * c.gpusPerNode;
  const placement = requireOneOf(FN, "config.placement", c.placement, PLACEMENT_POLICIES);
  const locality = requireOneOf(FN, "config.locality", c.locality ?? "strict", ["strict", "loose"] as const);
  const queueOrder = requireOneOf(FN, "config.queueOrder", c.queueOrder ?? "priority", ["fifo", "priority", "drf"] as const);
  const backfill = requireOneOf(FN, "config.backfill", c.backfill ?? "none", ["none", "easy"] as const);
  const backfillDepth = c.backfillDepth ?? 64;
  requireInteger(FN, { "config.backfillDepth": backfillDepth }, 0);

  const tenants = (c.tenants ?? [{ name: "default" }]).map((t, i) => {
    // No quota means no limit (Infinity), so a full cluster blocks the queue instead of skipping jobs.
    const quotaGpus = t.quotaGpus ?? Infinity;
    if (t.quotaGpus !== undefined) requireInteger(FN, { [`config.tenants[${i}].quotaGpus`]: quotaGpus }, 1);
    return { name: String(t.name ?? `tenant ${i}`), quotaGpus };
  });
  if (tenants.length === 0 || tenants.length > 64) throw new ModelInputError(FN, "config.tenants", "1 to 64 tenants", c.tenants);

  const generations = c.generations ?? [{ name: "default", fraction: 1, capability: 1, memoryGb: 80 }];
  if (!Array.isArray(generations) || generations.length === 0 || generations.length > 16) {
    throw new ModelInputError(FN, "config.generations", "1 to 16 generations", generations);
  }
  let share = 0;
  generations.forEach((g, i) => {
    requireProbability(FN, { [`config.generations[${i}].fraction`]: g.fraction }, "openLow");
    requireNonNegative(FN, { [`config.generations[${i}].capability`]: g.capability, [`config.generations[${i}].memoryGb`]: g.memoryGb });
    share += g.fraction;
  });
  if (Math.abs(share - 1) > 1e-9) throw new ModelInputError(FN, "config.generations", "fractions summing to 1", share);
  const capabilityAware = c.capabilityAware ?? true;
  const nodeGeneration = nodeGenerations(generations, nodes);

  if (!Array.isArray(c.jobClasses) || c.jobClasses.length === 0) throw new ModelInputError(FN, "config.jobClasses", "a non-empty array", c.jobClasses);
  const jobClasses = c.jobClasses.map((j, i): Required<JobClass> => {
    const at = `config.jobClasses[${i}]`;
    const r: Required<JobClass> = {
      name: j.name ?? `${j.gpus}-GPU`, gpus: j.gpus, weight: j.weight ?? 1, meanServiceHours: j.meanServiceHours,
      serviceCv: j.serviceCv ?? 1, priority: j.priority ?? 0, tenant: j.tenant ?? 0, minCapability: j.minCapability ?? 0,
      memoryGb: j.memoryGb ?? 0, minGpus: j.minGpus ?? 1, cpusPerGpu: j.cpusPerGpu ?? 0,
      placement: requireOneOf(FN, `${at}.placement`, j.placement ?? placement, PLACEMENT_POLICIES),
      locality: requireOneOf(FN, `${at}.locality`, j.locality ?? locality, ["strict", "loose"] as const),
      gang: j.gang ?? true,
    };
    if (typeof r.gang !== "boolean") throw new ModelInputError(FN, `${at}.gang`, "a boolean", r.gang);
    requireInteger(FN, { [`${at}.gpus`]: r.gpus }, 1, totalGpus);
    requirePositive(FN, { [`${at}.weight`]: r.weight, [`${at}.meanServiceHours`]: r.meanServiceHours });
    requireInRange(FN, { [`${at}.serviceCv`]: r.serviceCv }, 0, 20);
    requireInteger(FN, { [`${at}.priority`]: r.priority }, 0, 9);
    requireInteger(FN, { [`${at}.tenant`]: r.tenant }, 0, tenants.length - 1);
    requireNonNegative(FN, { [`${at}.minCapability`]: r.minCapability, [`${at}.memoryGb`]: r.memoryGb, [`${at}.cpusPerGpu`]: r.cpusPerGpu });
    requireInteger(FN, { [`${at}.minGpus`]: r.minGpus }, 1, r.gpus);
    if (r.gpus > tenants[r.tenant].quotaGpus) throw new ModelInputError(FN, `${at}.gpus`, `≤ its tenant's quotaGpus ${tenants[r.tenant].quotaGpus}`, r.gpus);
    if (capabilityAware) requirePlaceable(r, at, generations, nodeGeneration, c.nodesPerRack, c.gpusPerNode);
    return r;
  });
  const totalWeight = jobClasses.reduce((s, j) => s + j.weight, 0);
  const classCdf = new Float64Array(jobClasses.length);
  let acc = 0;
  jobClasses.forEach((j, i) => { acc += j.weight / totalWeight; classCdf[i] = acc; });
  classCdf[classCdf.length - 1] = 1;
  const meanGpuHours = jobClasses.reduce((s, j) => s + (j.weight / totalWeight) * j.gpus * j.meanServiceHours, 0);

  if ((c.load === undefined) === (c.arrivalRatePerHour === undefined)) {
    throw new ModelInputError(FN, "config.load", "given exactly when config.arrivalRatePerHour is not", c.load);
  }
  let arrivalRatePerHour: number;
  if (c.load !== undefined) {
    requireInRange(FN, { "config.load": c.load }, 1e-9, 2);
    arrivalRatePerHour = (c.load * totalGpus) / meanGpuHours;
  } else {
    requirePositive(FN, { "config.arrivalRatePerHour": c.arrivalRatePerHour });
    arrivalRatePerHour = c.arrivalRatePerHour as number;
  }

  let spot: Required<SpotConfig> | null = null;
  if (c.spot !== undefined) {
    const s = c.spot;
    spot = {
      spotFraction: s.spotFraction, meanHoursBetweenPreemptions: s.meanHoursBetweenPreemptions, meanHoursToRestore: s.meanHoursToRestore,
      mode: requireOneOf(FN, "config.spot.mode", s.mode, ["static", "elastic"] as const),
      checkpointIntervalHours: s.checkpointIntervalHours ?? 1, restartOverheadHours: s.restartOverheadHours ?? 0.25,
      rescaleOverheadHours: s.rescaleOverheadHours ?? 0.02,
    };
    requireProbability(FN, { "config.spot.spotFraction": spot.spotFraction });
    requirePositive(FN, { "config.spot.meanHoursBetweenPreemptions": spot.meanHoursBetweenPreemptions, "config.spot.meanHoursToRestore": spot.meanHoursToRestore, "config.spot.checkpointIntervalHours": spot.checkpointIntervalHours });
    requireNonNegative(FN, { "config.spot.restartOverheadHours": spot.restartOverheadHours, "config.spot.rescaleOverheadHours": spot.rescaleOverheadHours });
  }

  const network = { ...defaultNetwork(), ...(c.network ?? {}) };
  for (const [k, v] of Object.entries(network)) {
    if (k === "gradientBytes" || k === "baseLatencySeconds" || k === "perHopLatencySeconds") requireNonNegative(FN, { [`config.network.${k}`]: v });
    else requirePositive(FN, { [`config.network.${k}`]: v });
  }
  const snapshotAtHours = c.snapshotAtHours ?? null;
  if (snapshotAtHours !== null) requireNonNegative(FN, { "config.snapshotAtHours": snapshotAtHours });
  const starvationThresholdHours = c.starvationThresholdHours ?? 24;
  requirePositive(FN, { "config.starvationThresholdHours": starvationThresholdHours });
  const fragmentationJobGpus = c.fragmentationJobGpus ?? c.gpusPerNode;
  requireInteger(FN, { "config.fragmentationJobGpus": fragmentationJobGpus }, 1, totalGpus);
  const cpusPerNode = c.cpusPerNode ?? DEFAULT_CPUS_PER_GPU * c.gpusPerNode;
  requirePositive(FN, { "config.cpusPerNode": cpusPerNode });
  const maxEvents = readMaxEvents(FN, c.maxEvents, "config.maxEvents");
  const warmupFraction = c.warmupFraction ?? 0;
  requireInRange(FN, { "config.warmupFraction": warmupFraction }, 0, 0.9);

  return {
    racks: c.racks, nodesPerRack: c.nodesPerRack, gpusPerNode: c.gpusPerNode, jobs: c.jobs,
    arrivalRatePerHour, offeredLoad: (arrivalRatePerHour * meanGpuHours) / totalGpus,
    jobClasses, classCdf, placement, locality, queueOrder, backfill, backfillDepth, tenants, cpusPerNode,
    generations, nodeGeneration, capabilityAware, warmupFraction, spot, network, snapshotAtHours, starvationThresholdHours, fragmentationJobGpus, maxEvents,
  };
}

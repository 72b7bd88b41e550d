/**
 * Seeded discrete-event simulator of a GPU cluster scheduler.
 *
 *   arrivals (Poisson, job mix) ──► per-tenant queues ──► scheduling pass ──► placement ──► running
 *        ▲                        (fifo | priority | drf,  (gang: all k GPUs     │  finish, preempt,
 *        └── next arrival          quotas, EASY backfill)   or none; non-gang:   ▼  restore events
 *                                                           what is free, grows)
 *                                                                         metrics + snapshot
 *
 * One event heap (typed arrays), per-job state in typed arrays, placement through
 * FreeGpuIndex buckets; separate random streams for arrivals, placement and spot
 * reclaims, so two policies see the same jobs (common random numbers).
 * Job speed: rate = (width / gpus) · η, η = communicationEfficiency of its ring, so
 * poor placement stretches jobs as well as delaying them.
 *
 * Progress under spot reclaims (per job: done, its last checkpoint, restart owed):
 *   static reclaim  → done rolls back to the last checkpoint; the job re-queues owing a restart
 *   start again     → the restart is paid first: done drops restartOverheadHours of work below
 *                     the checkpoint, so a reclaim before it catches up loses the restart only
 *   elastic reclaim → the ring re-forms: done drops rescaleOverheadHours below where it was
 * Restarts are paid, not added to the job's work, so a job converges whenever a reclaim-free
 * stretch longer than restart + one checkpoint interval has positive probability.
 * The run stops at config.maxEvents events and says so in `budget` (see ../sim/event-budget).
 */
import { SimulationBudgetError } from "../sim/event-budget";
import { createRng } from "../sim/rng";
import { tallyWork } from "../sim/work-tally";
import { resolveClusterConfig, type ClusterConfig } from "./cluster-config";
import { EventQueue } from "./event-queue";
import { FREE, FreeGpuIndex } from "./free-gpu-index";
import { RunningSet, TenantQueues } from "./job-queue";
import { buildClusterReport, DONE, DROPPED, QUEUED, RUNNING, type ClusterReport } from "./cluster-report";
import { fragmentationFromNodes } from "./metrics";
import { placeBestFit, placeGang } from "./placement";
import { allReduceSecondsUnchecked, HOPS_CROSS_RACK, HOPS_SAME_NODE, HOPS_SAME_RACK } from "./topology";

export type { ClusterConfig } from "./cluster-config";
export type { ClusterReport } from "./cluster-report";

const ARRIVAL = 0, FINISH = 1, PREEMPT = 2, RESTORE = 3, SNAPSHOT = 4;

/**
 * Runs the cluster scheduler simulation to completion of every job.
 *
 * Sources:  gang scheduling (J. K. Ousterhout, "Scheduling Techniques for Concurrent
 *           Systems", ICDCS 1982); EASY backfilling (D. Lifka, "The ANL/IBM SP scheduling
 *           system", JSSPP 1995; A. Mu'alem, D. Feitelson, IEEE TPDS 12(6), 2001), here with
 *           exact runtime estimates and a reservation counted in GPUs, not shapes; DRF across
 *           tenants (Ghodsi et al., NSDI 2011) over GPUs and host cores; elastic data-parallel
 *           training that keeps surviving workers and re-forms its ring (Elastic Horovod);
 *           multi-tenant GPU cluster behaviour (Jeon et al., USENIX ATC 2019; figures.md §5).
 *
 * Holds: one GPU, 1-GPU jobs and Poisson arrivals is an M/G/1 queue, and the mean wait
 * matches pollaczekKhinchineWait (checked in the spec); one static job alone on one spot
 * node takes Daly's expected wall time with δ = 0, plus a restore wait per reclaim (checked
 * in the spec). Deterministic for a given seed, also when it stops at its event budget.
 * Cost: O(events · (log events + pass work)), events ≤ config.maxEvents; no per-placement
 * scan of all GPUs.
 *
 * @throws ModelInputError naming the config field (e.g. "config.jobClasses[0].gpus")
 */
export function simulateCluster(config: ClusterConfig, seed: number): ClusterReport {
  const cfg = resolveClusterConfig(config);
  const root = createRng(seed);
  const rngArrive = root.fork(), rngPlace = root.fork(), rngSpot = root.fork(), rngSetup = root.fork();
  const placeNext = rngPlace.next;
  const shape = { racks: cfg.racks, nodesPerRack: cfg.nodesPerRack, gpusPerNode: cfg.gpusPerNode };
  const g = cfg.gpusPerNode, npr = cfg.nodesPerRack, nodes = cfg.racks * npr, totalGpus = nodes * g;
  const net = cfg.network, N = cfg.jobs, T = cfg.tenants.length;

  // Device pools: each node's generation.
  const gens = cfg.generations;
  const nodePool = cfg.nodeGeneration;
  const index = new FreeGpuIndex(shape, nodePool, gens.length);
  // Node of each GPU and rack of each node, looked up instead of divided in the inner loops.
  const nodeOf = Int32Array.from({ length: totalGpus }, (_, i) => (i / g) | 0);
  const rackOf = Int32Array.from({ length: nodes }, (_, n) => (n / npr) | 0);
  const allPools = (1 << gens.length) - 1;
  const classMask = cfg.jobClasses.map((jc) => gens.reduce((m, gen, p) =>
    gen.capability >= jc.minCapability && gen.memoryGb >= jc.memoryGb ? m | (1 << p) : m, 0));

  // Per-job state.
  const arrival = new Float64Array(N), work = new Float64Array(N), done = new Float64Array(N), rate = new Float64Array(N);
  // start is NaN until a job first starts: no time, not even 0, can be mistaken for it.
  const since = new Float64Array(N), start = new Float64Array(N).fill(NaN), finish = new Float64Array(N), end = new Float64Array(N);
  const eff = new Float64Array(N), key = new Float64Array(N);
  const cls = new Int32Array(N), k = new Int32Array(N), width = new Int32Array(N), epoch = new Int32Array(N), off = new Int32Array(N + 1);
  const state = new Uint8Array(N), shrunk = new Uint8Array(N);
  // Spot progress: last checkpoint (work hours) and restart still owed (hours) per job.
  const ckpt = new Float64Array(N), owed = new Float64Array(N);
  const firstHops = new Int32Array(N), firstCross = new Int32Array(N), firstMax = new Int32Array(N).fill(-1);
  const maxK = Math.max(...cfg.jobClasses.map((c) => c.gpus));
  // Fewest GPUs any queued job can start on: with fewer free, a scheduling pass can start nothing.
  const smallestStart = Math.min(...cfg.jobClasses.map((c) => (c.gang ? c.gpus : c.minGpus)));
  // Allocation pool: job j's GPUs at alloc[off[j] .. off[j] + width[j]); sized as jobs arrive.
  let alloc = new Int32Array(Math.max(1024, Math.min(N * maxK, 1 << 20)));
  const scratch = new Int32Array(maxK);

  const queues = new TenantQueues(N, T, key);
  const running = cfg.backfill === "easy" ? new RunningSet() : null;
  const cursor = new Int32Array(T), quotaSkips = new Int32Array(T), tenantGpus = new Float64Array(T), tenantCpus = new Float64Array(T), tenantGpuHours = new Float64Array(T), tenantPeak = new Float64Array(T);
  const totalCpus = nodes * cfg.cpusPerNode;
  const shrunkList: number[] = [];
  const events = new EventQueue(4096);
  const spot = cfg.spot;

  let now = 0, last = 0, busy = 0, useful = 0, busyArea = 0, usefulArea = 0, processed = 0, settled = 0, dropped = 0;
  let reclaims = 0, restarts = 0, rescales = 0, lostGpuHours = 0, fragSum = 0, fragSamples = 0;
  let snapshotGrid: number[][] | null = null, snapshotTime = 0, busyAtLastArrival = 0, usefulAtLastArrival = 0, lastArrival = 0;
  // The steady-state figures start at the arrival of job warmJob (0: the whole run, from time 0).
  const warmJob = Math.floor(cfg.warmupFraction * N);
  let busyAtWarm = 0, usefulAtWarm = 0, warmTime = 0;
  const fragEvery = Math.max(1, Math.floor(N / 1000));
  const snapshotJob = cfg.snapshotAtHours === null ? Math.floor(N / 2) : -1;
  if (cfg.snapshotAtHours !== null) events.push(cfg.snapshotAtHours, SNAPSHOT, 0, 0);

  // Inverse-CDF exponential without Rng.exponential's per-call argument check (means are validated once).
  const expo = (rng: typeof root, mean: number): number => -mean * Math.log(1 - rng.next());
  const sampleService = (mean: number, cv: number): number => {
    if (cv === 0) return mean;
    if (cv === 1) return expo(rngArrive, mean);
    const s2 = Math.log(1 + cv * cv);
    return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * rngArrive.normal());
  };

  const arrive = (j: number): void => {
    const u = rngArrive.next();
    let c = 0;
    while (u >= cfg.classCdf[c] && c < cfg.classCdf.length - 1) c++;
    const jc = cfg.jobClasses[c];
    cls[j] = c; k[j] = jc.gpus; arrival[j] = now; work[j] = sampleService(jc.meanServiceHours, jc.serviceCv);
    key[j] = (cfg.queueOrder === "fifo" ? 0 : -jc.priority * 1e12) + now;
    off[j + 1] = off[j] + jc.gpus;
    if (off[j + 1] > alloc.length) { const a = new Int32Array(Math.max(alloc.length * 2, off[j + 1])); a.set(alloc); alloc = a; }
    state[j] = QUEUED;
    queues.insert(jc.tenant, j);
    if (j + 1 < N) events.push(now + expo(rngArrive, 1 / cfg.arrivalRatePerHour), ARRIVAL, j + 1, 0);
  };

  /** Ring hops over the job's GPUs (recorded at its first placement); sets η and rate. A job always holds a GPU here. */
  const computeRate = (j: number): void => {
    const w = width[j], o = off[j];
    let total = 0, maxH = 0, cross = 0;
    // Ring order = ascending GPU id: consecutive pairs, then the last back to the first (one GPU: a 0-hop loop).
    alloc.subarray(o, o + w).sort();
    let na = nodeOf[alloc[o + w - 1]];
    for (let i = o; i < o + w; i++) {
      const nb = nodeOf[alloc[i]];
      const h = na === nb ? HOPS_SAME_NODE : rackOf[na] === rackOf[nb] ? HOPS_SAME_RACK : HOPS_CROSS_RACK;
      total += h; if (h > maxH) maxH = h; if (h === HOPS_CROSS_RACK) cross++;
      na = nb;
    }
    const e = w > 1 && net.gradientBytes > 0 ? net.stepComputeSeconds / (net.stepComputeSeconds + allReduceSecondsUnchecked(w, maxH, net)) : 1;
    if (firstMax[j] < 0) { firstMax[j] = maxH; firstHops[j] = total; firstCross[j] = cross; }
    eff[j] = e;
    rate[j] = (w / k[j]) * e;
  };

  const share = (t: number): number => Math.max(tenantGpus[t] / totalGpus, tenantCpus[t] / totalCpus);
  const hold = (j: number, sign: number, gpus: number): void => {
    const t = cfg.jobClasses[cls[j]].tenant;
    tenantGpus[t] += sign * gpus; tenantCpus[t] += sign * gpus * cfg.jobClasses[cls[j]].cpusPerGpu;
    busy += sign * gpus;
    if (tenantGpus[t] > tenantPeak[t]) tenantPeak[t] = tenantGpus[t];
  };
  const settle = (j: number): void => { done[j] += (now - since[j]) * rate[j]; since[j] = now; };
  const scheduleFinish = (j: number): void => {
    end[j] = now + Math.max(0, work[j] - done[j]) / rate[j];
    events.push(end[j], FINISH, j, ++epoch[j]);
    if (running) running.insert(j, end[j]);
    useful += width[j] * eff[j];
  };
  const stopRunning = (j: number): void => {
    if (running) running.remove(j, end[j]);
    useful -= width[j] * eff[j];
    end[j] = 0; epoch[j]++;
  };
  /** The checkpoint a static reclaim rolls job j back to: the last multiple of the interval its progress reached. */
  const rollbackPoint = (j: number): number => {
    const tau = spot!.checkpointIntervalHours;
    return Math.max(ckpt[j], Math.floor(done[j] / tau) * tau);
  };
  /** Job j holds its GPUs without progress for `hours` (a restart or a rescale), at its current rate. */
  const pause = (j: number, hours: number): void => {
    if (hours <= 0) return;
    ckpt[j] = rollbackPoint(j); // the dip below must not lose a checkpoint already written
    done[j] -= hours * rate[j];
  };
  const releaseAll = (j: number): void => {
    // Runs of GPUs on one node go back together (same state as one by one, fewer bucket moves).
    for (let i = off[j], e = off[j] + width[j]; i < e;) {
      const node = nodeOf[alloc[i]];
      let run = i + 1;
      while (run < e && nodeOf[alloc[run]] === node) run++;
      index.releaseOnNode(alloc, i, run - i);
      i = run;
    }
    hold(j, -1, width[j]); width[j] = 0;
  };

  const tryStart = (j: number): boolean => {
    const jc = cfg.jobClasses[cls[j]];
    const mask = cfg.capabilityAware ? classMask[cls[j]] : allPools;
    let w = k[j];
    if (!placeGang(index, jc.placement, jc.locality, j, k[j], mask, scratch, placeNext)) {
      // Non-gang: start narrower on what is free (best-fit) and grow back like a shrunk elastic job.
      if (jc.gang) return false;
      w = Math.min(k[j], index.freeIn(mask));
      if (w < jc.minGpus) return false;
      placeBestFit(index, j, w, mask, scratch, 0);
      shrunk[j] = 1; shrunkList.push(j);
    }
    for (let i = 0, o = off[j]; i < w; i++) alloc[o + i] = scratch[i];
    queues.remove(jc.tenant, j);
    width[j] = w; hold(j, 1, w);
    if (Number.isNaN(start[j])) start[j] = now;
    if (!cfg.capabilityAware) {
      for (let i = off[j], e = off[j] + w; i < e; i++) {
        if (!(classMask[cls[j]] & (1 << nodePool[(alloc[i] / g) | 0]))) {
          releaseAll(j); state[j] = DROPPED; finish[j] = now; dropped++; settled++;
          return true;
        }
      }
    }
    state[j] = RUNNING; since[j] = now; computeRate(j);
    if (owed[j] > 0) { pause(j, owed[j]); owed[j] = 0; }
    scheduleFinish(j);
    return true;
  };

  // Shrunk elastic jobs grow back before the queue is served (they already hold the rest of
  // their ring). Growth takes GPUs best-fit wherever they are, whatever the placement policy.
  const grow = (): void => {
    for (let i = shrunkList.length - 1; i >= 0; i--) {
      const j = shrunkList[i];
      // Restarted (static path) or already whole again: drop the entry.
      if (state[j] !== RUNNING || !shrunk[j] || width[j] >= k[j]) {
        shrunk[j] = 0;
        shrunkList.splice(i, 1);
        continue;
      }
      const need = k[j] - width[j];
      const mask = cfg.capabilityAware ? classMask[cls[j]] : allPools;
      const t = cfg.jobClasses[cls[j]].tenant;
      const avail = Math.min(index.freeIn(mask), cfg.tenants[t].quotaGpus - tenantGpus[t]);
      if (avail < Math.min(need, g)) continue; // grow by at least a node's worth or the whole deficit
      const add = Math.min(need, avail);
      settle(j); stopRunning(j);
      placeBestFit(index, j, add, mask, scratch, 0);
      for (let i = 0, o = off[j] + width[j]; i < add; i++) alloc[o + i] = scratch[i];
      width[j] += add; hold(j, 1, add);
      computeRate(j); pause(j, spot ? spot.rescaleOverheadHours : 0); rescales++;
      scheduleFinish(j);
      if (width[j] === k[j]) { shrunk[j] = 0; shrunkList.splice(i, 1); }
    }
  };

  /**
   * The earliest time a topology-aware block of `kk` GPUs (one node with kk free if kk ≤ g,
   * else ⌈kk/g⌉ adjacent wholly free nodes in one rack, or anywhere if bigger than a rack)
   * is free if nothing else starts: each GPU frees at its job's expected end; a reclaimed one
   * never, as far as the reservation knows.
   */
  const nodeReady = new Float64Array(nodes), gpuFree = new Float64Array(g);
  const blockShadow = (kk: number, mask: number): number => {
    let best = Infinity;
    for (let n = 0; n < nodes; n++) {
      nodeReady[n] = Infinity;
      if (!(mask & (1 << nodePool[n]))) continue;
      for (let s = 0; s < g; s++) { const o = index.owner[n * g + s]; gpuFree[s] = o === FREE ? now : o < 0 ? Infinity : end[o]; }
      gpuFree.sort();
      if (kk <= g) { if (gpuFree[kk - 1] < best) best = gpuFree[kk - 1]; } else nodeReady[n] = gpuFree[g - 1];
    }
    if (kk <= g) return best;
    const need = Math.ceil(kk / g), span = need <= npr ? npr : nodes;
    for (let first = 0; first < nodes; first += span) {
      for (let a = first; a + need <= first + span; a++) {
        let t = 0;
        for (let n = a; n < a + need && t < best; n++) if (nodeReady[n] > t) t = nodeReady[n];
        if (t < best) best = t;
      }
    }
    return best;
  };

  const pickTenant = (): number => {
    let best = -1;
    for (let t = 0; t < T; t++) {
      if (cursor[t] < 0) continue;
      if (best < 0) { best = t; continue; }
      if (cfg.queueOrder === "drf") {
        const d = share(t) - share(best);
        if (d < -1e-15 || (d <= 1e-15 && key[cursor[t]] < key[cursor[best]])) best = t;
      } else if (key[cursor[t]] < key[cursor[best]]) best = t;
    }
    return best;
  };

  const pass = (): void => {
    if (shrunkList.length > 0) grow();
    if (queues.size === 0) return;
    for (let t = 0; t < T; t++) { cursor[t] = queues.head[t]; quotaSkips[t] = 0; }
    let reserved = false, shadow = Infinity, extra = 0, examined = 0;
    for (;;) {
      const t = pickTenant();
      if (t < 0) return;
      const j = cursor[t];
      cursor[t] = queues.next[j];
      if (tenantGpus[t] + k[j] > cfg.tenants[t].quotaGpus) {
        // Over quota: skipped, never blocks. Scan at most backfillDepth such jobs per tenant per pass.
        if (++quotaSkips[t] > cfg.backfillDepth) cursor[t] = -1;
        continue;
      }
      if (!reserved) {
        if (tryStart(j)) continue;
        if (!running) return; // strict order: the blocked head blocks everyone
        if (index.freeIn(allPools) < smallestStart) return; // nothing queued can start: skip the reservation scan
        reserved = true;
        const hc = cfg.jobClasses[cls[j]];
        if (hc.placement === "topology-aware" && hc.locality === "strict") {
          // A block-shaped head: counted in GPUs its reservation would be "now" whenever enough
          // GPUs are free but scattered, and backfill would starve it for ever. Reserve the
          // earliest block instead, and backfill only jobs that end before it.
          shadow = blockShadow(k[j], cfg.capabilityAware ? classMask[cls[j]] : allPools); extra = 0;
          continue;
        }
        // EASY: the head's reservation (shadow time) from running jobs' expected ends; GPU counts only.
        let acc = index.freeIn(allPools);
        for (let i = 0; i < running.size; i++) {
          acc += width[running.job[i]];
          if (acc >= k[j]) { shadow = running.end[i]; extra = acc - k[j]; break; }
        }
        continue;
      }
      if (++examined > cfg.backfillDepth || index.freeIn(allPools) < smallestStart) return;
      const mask = cfg.capabilityAware ? classMask[cls[j]] : allPools;
      if (k[j] > index.freeIn(mask)) continue;
      const endsInTime = now + (work[j] - done[j]) <= shadow; // runtime estimate: compute-only work
      if (!endsInTime && k[j] > extra) continue;
      if (tryStart(j) && !endsInTime) extra -= k[j];
    }
  };

  const preempt = (node: number): void => {
    reclaims++;
    for (let s = 0; s < g; s++) {
      const j = index.owner[node * g + s];
      if (j < 0) continue;
      settle(j); stopRunning(j);
      let onNode = 0;
      for (let i = off[j], e = off[j] + width[j]; i < e; i++) if (nodeOf[alloc[i]] === node) onNode++;
      const jc = cfg.jobClasses[cls[j]];
      if (spot!.mode === "elastic" && width[j] - onNode >= jc.minGpus) {
        let w = off[j];
        for (let i = off[j], e = off[j] + width[j]; i < e; i++) {
          if (nodeOf[alloc[i]] === node) index.release(alloc[i]); else alloc[w++] = alloc[i];
        }
        width[j] -= onNode; hold(j, -1, onNode);
        computeRate(j); pause(j, spot!.rescaleOverheadHours); rescales++;
        scheduleFinish(j);
        if (!shrunk[j]) { shrunk[j] = 1; shrunkList.push(j); }
      } else {
        // Compute since the last checkpoint is lost (a restart cut short loses no compute).
        const kept = rollbackPoint(j);
        lostGpuHours += Math.max(0, done[j] - kept) * k[j];
        ckpt[j] = kept; done[j] = kept; owed[j] = spot!.restartOverheadHours; restarts++;
        releaseAll(j); state[j] = QUEUED; shrunk[j] = 0;
        queues.insert(jc.tenant, j);
      }
    }
    index.markDown(node);
    events.push(now + expo(rngSpot, spot!.meanHoursToRestore), RESTORE, node, 0);
  };

  const takeSnapshot = (): number[][] => {
    snapshotTime = now;
    const grid: number[][] = [];
    for (let r = 0; r < cfg.racks; r++) grid.push(Array.from(index.owner.subarray(r * npr * g, (r + 1) * npr * g)));
    snapshotGrid = grid;
    return grid;
  };

  if (spot && spot.spotFraction > 0) {
    const order = Int32Array.from({ length: nodes }, (_, i) => i);
    const count = Math.round(spot.spotFraction * nodes);
    for (let i = 0; i < count; i++) {
      const r = i + rngSetup.int(nodes - i);
      const tmp = order[i]; order[i] = order[r]; order[r] = tmp;
      events.push(expo(rngSpot, spot.meanHoursBetweenPreemptions), PREEMPT, order[i], 0);
    }
  }
  if (N > 0) events.push(expo(rngArrive, 1 / cfg.arrivalRatePerHour), ARRIVAL, 0, 0);

  while (settled < N && processed < cfg.maxEvents && events.pop()) {
    now = events.topTime;
    const dt = now - last;
    busyArea += busy * dt; usefulArea += useful * dt; last = now;
    for (let t = 0; t < T; t++) tenantGpuHours[t] += tenantGpus[t] * dt;
    const a = events.topA, kind = events.topKind;
    switch (kind) {
      case ARRIVAL:
        arrive(a);
        break;
      case FINISH:
        if (events.topB !== epoch[a] || state[a] !== RUNNING) continue;
        settle(a); stopRunning(a);
        releaseAll(a); state[a] = DONE; finish[a] = now; settled++;
        break;
      case PREEMPT:
        preempt(a);
        break;
      case RESTORE:
        index.markUp(a);
        events.push(now + expo(rngSpot, spot!.meanHoursBetweenPreemptions), PREEMPT, a, 0);
        break;
      case SNAPSHOT:
        takeSnapshot();
        continue;
    }
    processed++;
    pass();
    if (kind === ARRIVAL) {
      if (a === N - 1) { busyAtLastArrival = busyArea; usefulAtLastArrival = usefulArea; lastArrival = now; }
      if (a === warmJob && warmJob > 0) { busyAtWarm = busyArea; usefulAtWarm = usefulArea; warmTime = now; }
      if (a % fragEvery === 0) {
        fragSum += fragmentationFromNodes(index.nodeFree, shape, cfg.fragmentationJobGpus, cfg.placement, cfg.locality).unusableFraction;
        fragSamples++;
      }
      if (a === snapshotJob) takeSnapshot();
    }
  }
  tallyWork(processed);
  return buildClusterReport({
    cfg, seed, shape, totalGpus, makespan: now,
    budget: { maxEvents: cfg.maxEvents, events: processed, exhausted: settled < N && processed >= cfg.maxEvents }, arrival, start, finish, state, cls, k, firstMax, firstHops, firstCross,
    processed, settled, dropped, busyArea, usefulArea, busyAtLastArrival, usefulAtLastArrival, lastArrival, warmJob, busyAtWarm, usefulAtWarm, warmTime, reclaims, restarts, rescales, lostGpuHours,
    fragSum, fragSamples, snapshotGrid: snapshotGrid ?? takeSnapshot(), snapshotTime, tenantGpuHours, tenantPeak,
    finalShares: cfg.tenants.map((_, t) => share(t)),
  });
}

/**
 * The report of a run that finished every job.
 * @throws SimulationBudgetError when the run stopped at its event budget first, saying how far it got
 */
export function requireFinished(report: ClusterReport): ClusterReport {
  if (!report.budget.exhausted) return report;
  throw new SimulationBudgetError("simulateCluster", report.budget,
    `${report.jobsCompleted + report.jobsDropped} of ${report.jobsSubmitted} jobs finished in ` +
    `${Math.round(report.makespanHours).toLocaleString("en-US")} simulated hours (${report.preemption.restarts.toLocaleString("en-US")} restarts)`);
}

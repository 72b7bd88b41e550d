/**
 * Throughput of the cluster simulator at fleet scale: 25,000 GPUs (125 racks × 25 nodes
 * × 8 GPUs), 50,000 jobs. Prints wall time and events per second for each placement
 * policy; figures only, no pass/fail. Run: npm run build && node dist/bench/cluster-simulator.js
 */
import { simulateCluster, type ClusterConfig } from "../src/model/scheduling/cluster-simulator";

const base: ClusterConfig = {
  racks: 125, nodesPerRack: 25, gpusPerNode: 8, jobs: 50_000, load: 0.8,
  jobClasses: [
    { name: "debug", gpus: 1, weight: 50, meanServiceHours: 1, priority: 1, tenant: 0 },
    { name: "finetune", gpus: 4, weight: 25, meanServiceHours: 4, priority: 1, tenant: 1 },
    { name: "train-8", gpus: 8, weight: 15, meanServiceHours: 8, tenant: 1 },
    { name: "train-64", gpus: 64, weight: 8, meanServiceHours: 12, tenant: 2 },
    { name: "pretrain-128", gpus: 128, weight: 2, meanServiceHours: 24, tenant: 2 },
  ],
  tenants: [{ name: "research" }, { name: "product" }, { name: "frontier", quotaGpus: 22_000 }],
  placement: "topology-aware", locality: "loose", backfill: "easy", queueOrder: "priority",
};

const runs: { label: string; config: ClusterConfig }[] = [
  { label: "topology-aware, EASY backfill", config: base },
  { label: "best-fit, EASY backfill", config: { ...base, placement: "best-fit" } },
  { label: "random, no backfill", config: { ...base, placement: "random", backfill: "none" } },
  { label: "topology-aware, DRF, 10% spot elastic", config: { ...base, queueOrder: "drf",
    spot: { spotFraction: 0.1, meanHoursBetweenPreemptions: 48, meanHoursToRestore: 2, mode: "elastic" } } },
];

console.log("cluster-simulator bench: 25,000 GPUs, 50,000 jobs");
for (const { label, config } of runs) {
  const t0 = process.hrtime.bigint();
  const r = simulateCluster(config, 1);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `${label.padEnd(40)} wall ${seconds.toFixed(3)} s  events ${r.events}  ` +
    `${Math.round(r.events / seconds).toLocaleString("en-US")} events/s  ` +
    `util ${(r.utilizationWhileArriving * 100).toFixed(1)}% (arrivals) ${(r.utilization * 100).toFixed(1)}% (all)  mfu ${(r.mfu * 100).toFixed(1)}%  mean wait ${r.wait.meanHours.toFixed(2)} h  makespan ${r.makespanHours.toFixed(0)} h`,
  );
}

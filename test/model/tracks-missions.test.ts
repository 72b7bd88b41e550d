/**
 * Cross-layer: the mission definitions show students the same per-track numbers the
 * tracks catalog records with their sources.
 */
import { TRACK_IDS, TRACKS } from "../../src/model/catalog/tracks";
import { TRACK_PARAMS as M01 } from "../../src/mission/missions/ml-intro";
import { TRACK_PARAMS as M07 } from "../../src/mission/missions/fault-tolerance";
import { TRACK_PARAMS as M08 } from "../../src/mission/missions/fleet-orch";
import { TRACK_PARAMS as M12 } from "../../src/mission/missions/ops-scale";

describe.each([...TRACK_IDS])("%s: catalog and mission parameters agree", (id) => {
  const t = TRACKS[id].missions;
  it("mission 01", () => {
    const m = M01[id];
    expect([m.nodes, m.nodeAvailability, m.nodeMtbfHours, m.job.computeSeconds, m.job.gradientBytes, m.job.linkBytesPerSecond, m.job.latencySeconds]).toEqual(
      [t["01"].nodes, t["01"].nodeAvailability, t["01"].nodeMtbfHours, t["01"].computeSeconds, t["01"].gradientBytes, t["01"].linkBytesPerSecond, t["01"].latencySeconds].map((s) => s.value));
  });
  it("mission 07", () => {
    const m = M07[id];
    expect([m.nodes, m.nodeMtbfHours, m.checkpointBytes, m.tierBytesPerSecond["Blocking S3"], m.tierBytesPerSecond["Local SSD"], m.tierBytesPerSecond["Async DRAM"], m.restartSeconds]).toEqual(
      [t["07"].nodes, t["07"].nodeMtbfHours, t["07"].checkpointBytes, t["07"].remoteWriteBytesPerSecond, t["07"].localWriteBytesPerSecond, t["07"].dramStageBytesPerSecond, t["07"].restartSeconds].map((s) => s.value));
  });
  it("mission 08", () => {
    const m = M08[id];
    expect([m.shape.racks, m.shape.nodesPerRack, m.shape.gpusPerNode, m.load, m.jobGpus, m.jobHours, m.serviceCv, m.spotMtbfHours]).toEqual(
      [t["08"].racks, t["08"].nodesPerRack, t["08"].gpusPerNode, t["08"].load, t["08"].jobGpus, t["08"].jobHours, t["08"].serviceCv, t["08"].spotMtbfHours].map((s) => s.value));
  });
  it("mission 12", () => {
    const m = M12[id];
    expect([m.models, m.heterogeneity, m.capexDollars, m.requestsPerSecond, m.canaryFraction, m.failureRate]).toEqual(
      [t["12"].models, t["12"].heterogeneity, t["12"].capexDollars, t["12"].requestsPerSecond, t["12"].canaryFraction, t["12"].failureRate].map((s) => s.value));
  });
});

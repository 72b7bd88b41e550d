import fc from "fast-check";
import { createRng } from "../sim/rng";
import { FREE, FreeGpuIndex } from "./free-gpu-index";
import { placeGang, type PlacementPolicy } from "./placement";
import { ringHops } from "./topology";

const shape = { racks: 3, nodesPerRack: 4, gpusPerNode: 8 };
const onePool = () => new FreeGpuIndex(shape, new Int32Array(12), 1);
const nodeOf = (gpu: number) => Math.floor(gpu / 8);

/** Recounts everything the index caches, straight from the owner array. */
function checkIndex(index: FreeGpuIndex): void {
  let free = 0;
  for (let n = 0; n < index.nodes; n++) {
    let nodeFree = 0;
    for (let s = 0; s < 8; s++) if (index.owner[n * 8 + s] === FREE) nodeFree++;
    expect(index.nodeFree[n]).toBe(nodeFree);
    free += nodeFree;
  }
  expect(index.freeIn(1)).toBe(free);
  for (let r = 0; r < shape.racks; r++) {
    let whole = 0;
    for (let n = r * 4; n < r * 4 + 4; n++) if (index.nodeFree[n] === 8 && !index.nodeDown[n]) whole++;
    expect(index.rackFullFree[r]).toBe(whole);
  }
  let bucketed = 0;
  for (let b = 0; b <= 8; b++) bucketed += index.bucketSize(0, b);
  expect(bucketed).toBe(index.nodes - index.nodeDown.reduce((a, d) => a + d, 0));
}

describe("placeGang", () => {
  const out = new Int32Array(96);
  const next = createRng(1).next;

  it("puts an 8-GPU job on one node of an empty cluster (topology-aware)", () => {
    const index = onePool();
    expect(placeGang(index, "topology-aware", "strict", 0, 8, 1, out, next)).toBe(true);
    expect(new Set(Array.from(out.subarray(0, 8), nodeOf)).size).toBe(1);
    expect(ringHops(shape, out.slice(0, 8)).totalHops).toBe(0);
  });

  it("puts a 24-GPU job on three adjacent nodes of one rack", () => {
    const index = onePool();
    expect(placeGang(index, "topology-aware", "strict", 0, 24, 1, out, next)).toBe(true);
    const nodes = [...new Set(Array.from(out.subarray(0, 24), nodeOf))].sort((a, b) => a - b);
    expect(nodes).toHaveLength(3);
    expect(nodes[2] - nodes[0]).toBe(2);
    expect(ringHops(shape, out.slice(0, 24)).crossRackLinks).toBe(0);
  });

  it("waits under strict locality when only holes are free, while random and best-fit place", () => {
    for (const policy of ["topology-aware", "random", "best-fit"] as PlacementPolicy[]) {
      const index = onePool();
      for (let n = 0; n < 12; n++) for (let s = 0; s < 7; s++) index.take(n * 8 + s, 99); // 1 free GPU per node
      const placed = placeGang(index, policy, "strict", 0, 8, 1, out, next);
      expect(placed).toBe(policy !== "topology-aware");
      checkIndex(index);
    }
  });

  it("changes nothing when it fails (gang: all or none)", () => {
    const index = onePool();
    const before = Int32Array.from(index.owner);
    expect(placeGang(index, "best-fit", "strict", 0, 97, 1, out, next)).toBe(false);
    expect(index.owner).toEqual(before);
  });

  it("keeps every cached count exact through random take/release/reclaim sequences", () => {
    fc.assert(fc.property(
      fc.array(fc.record({ op: fc.integer({ min: 0, max: 3 }), k: fc.integer({ min: 1, max: 20 }), p: fc.integer({ min: 0, max: 2 }) }), { maxLength: 60 }),
      fc.integer(),
      (ops, seed) => {
        const index = onePool();
        const rng = createRng(seed);
        const jobs: number[][] = [];
        const policies: PlacementPolicy[] = ["random", "best-fit", "topology-aware"];
        for (const { op, k, p } of ops) {
          if (op <= 1) {
            const id = jobs.length;
            if (placeGang(index, policies[p], "loose", id, k, 1, out, rng.next)) {
              const gpus = Array.from(out.subarray(0, k));
              expect(new Set(gpus).size).toBe(k);
              for (const gpu of gpus) expect(index.owner[gpu]).toBe(id);
              jobs.push(gpus);
            } else jobs.push([]);
          } else if (op === 2 && jobs.length > 0) {
            const victim = jobs[rng.int(jobs.length)];
            for (const gpu of victim.splice(0)) index.release(gpu);
          } else if (op === 3) {
            const node = rng.int(index.nodes);
            if (!index.nodeDown[node] && index.nodeFree[node] === 8) index.markDown(node);
            else if (index.nodeDown[node]) index.markUp(node);
          }
          checkIndex(index);
        }
      },
    ), { numRuns: 150 });
  });
});

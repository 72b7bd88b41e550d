import fc from "fast-check";
import { createRng } from "../sim/rng";
import { FREE, FreeGpuIndex } from "./free-gpu-index";
import { placeBestFit, placeGang, type PlacementPolicy } from "./placement";
import { ringHops, type ClusterShape } from "./topology";

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

// Hand-worked placements on tiny clusters. `taken[n]` GPUs of node n (its lowest slots) are held by job 99.
function occupied(s: ClusterShape, taken: number[], nodePool = new Int32Array(taken.length), pools = 1): FreeGpuIndex {
  const index = new FreeGpuIndex(s, nodePool, pools);
  taken.forEach((t, n) => { for (let slot = 0; slot < t; slot++) index.take(n * s.gpusPerNode + slot, 99); });
  return index;
}
const ids = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);

describe("placeGang on hand-worked clusters", () => {
  const out = new Int32Array(64);
  const next = createRng(3).next;
  const placed = (count: number) => Array.from(out.subarray(0, count));
  /** GPUs job `job` holds: a placement takes exactly its count, no more. */
  const held = (index: FreeGpuIndex, job: number) => index.owner.reduce((n, o) => n + (o === job ? 1 : 0), 0);
  const sortedPlaced = (count: number) => placed(count).sort((a, b) => a - b);

  describe("topology-aware, a job bigger than a rack: the shortest run of wholly free nodes anywhere", () => {
    // 4 racks of 2 eight-GPU nodes: a 17..24-GPU job needs 3 nodes, more than a rack holds.
    const wide: ClusterShape = { racks: 4, nodesPerRack: 2, gpusPerNode: 8 };
    const place = (taken: number[], count: number, locality: "strict" | "loose" = "strict", mask = 1, index = occupied(wide, taken)) => {
      const ok = placeGang(index, "topology-aware", locality, 0, count, mask, out, next);
      expect(held(index, 0)).toBe(ok ? count : 0);
      return { ok, index };
    };

    it("takes the shorter of two fitting runs, across a rack boundary, even when it ends at the last node", () => {
      // Runs 0-3 (4 nodes) and 5-7 (3 nodes).
      expect(place([0, 0, 0, 0, 1, 0, 0, 0], 24).ok).toBe(true);
      expect(placed(24)).toEqual(ids(40, 24));
    });

    it("takes the first of two equally short runs, also one starting at node 0", () => {
      // Runs 0-2 and 4-6, both exactly 3 nodes.
      expect(place([0, 0, 0, 1, 0, 0, 0, 1], 24).ok).toBe(true);
      expect(placed(24)).toEqual(ids(0, 24));
    });

    it("skips a run shorter than the job, also one that closes right before another partly taken node", () => {
      // Run 0-1 is too short; nodes 2 and 3 are partly taken; run 4-7 fits.
      expect(place([0, 0, 1, 1, 0, 0, 0, 0], 24).ok).toBe(true);
      expect(placed(24)).toEqual(ids(32, 24));
    });

    it("keeps a fitting run over a later, shorter run that does not fit; the last node of the block is partly used", () => {
      // Runs 0-3 (fits 3 nodes) and 5-6 (too short): 17 GPUs = nodes 0, 1 whole and GPU 16.
      expect(place([0, 0, 0, 0, 1, 0, 0, 1], 17).ok).toBe(true);
      expect(placed(17)).toEqual(ids(0, 17));
    });

    it("waits under strict locality when no run is long enough (changing nothing) and falls back to best-fit under loose", () => {
      const taken = [0, 0, 1, 0, 0, 1, 0, 0]; // runs of 2 nodes only
      const strict = place(taken, 24);
      expect(strict.ok).toBe(false);
      expect(strict.index.owner).toEqual(occupied(wide, taken).owner);
      const loose = place(taken, 24, "loose");
      expect(loose.ok).toBe(true);
      // Best-fit: the three whole nodes it takes are wholly free ones, never the partly taken 2 and 5.
      const nodes = new Set(placed(24).map((gpu) => Math.floor(gpu / 8)));
      expect(nodes.size).toBe(3);
      expect(nodes.has(2) || nodes.has(5)).toBe(false);
      for (const gpu of placed(24)) expect(loose.index.owner[gpu]).toBe(0);
    });

    it("counts only nodes of the job's pools as free", () => {
      // Node 0 and nodes 5-7 are pool 1; nodes 1-4 are pool 0.
      const pools = () => occupied(wide, new Array(8).fill(0), Int32Array.from([1, 0, 0, 0, 0, 1, 1, 1]), 2);
      expect(place([], 24, "strict", 0b01, pools()).ok).toBe(true);
      expect(placed(24)).toEqual(ids(8, 24)); // run 1-4
      expect(place([], 24, "strict", 0b10, pools()).ok).toBe(true);
      expect(placed(24)).toEqual(ids(40, 24)); // run 5-7; node 0 alone is too short
      expect(place([], 24, "strict", 0b11, pools()).ok).toBe(true);
      expect(placed(24)).toEqual(ids(0, 24)); // one run of all 8 nodes
    });
  });

  describe("topology-aware, a job of at most a rack: the shortest run inside one rack", () => {
    const place = (taken: number[], count: number) => {
      const index = occupied(shape, taken);
      const ok = placeGang(index, "topology-aware", "strict", 0, count, 1, out, next);
      expect(held(index, 0)).toBe(ok ? count : 0);
      return ok;
    };
    const empty = new Array(12).fill(0);

    it("takes the lowest nodes of the first rack on an empty cluster (equal runs: the first wins)", () => {
      expect(place(empty, 24)).toBe(true);
      expect(placed(24)).toEqual(ids(0, 24));
    });

    it("prefers an exact run in a later rack to a longer run in the first", () => {
      // Rack 0: nodes 0-3 free (4); rack 1: nodes 4-6 free, node 7 partly taken (3 = the job's nodes).
      expect(place([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0], 24)).toBe(true);
      expect(placed(24)).toEqual(ids(32, 24));
    });

    it("rounds the node count up: 20 GPUs need 3 nodes, so a 2-node run is skipped and the last node is partly used", () => {
      // Rack 0: nodes 0-1, then node 2 partly taken, then node 3; rack 1 free.
      expect(place([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], 20)).toBe(true);
      expect(placed(20)).toEqual(ids(32, 20));
    });

    it("finds a run after partly taken nodes at the start of a rack", () => {
      expect(place([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 16)).toBe(true);
      expect(placed(16)).toEqual(ids(16, 16));
    });

    it("keeps a job of exactly a rack inside one rack rather than on a shorter run across two", () => {
      // Nodes 2-5 are 4 adjacent free nodes across racks 0 and 1; rack 2 is wholly free.
      expect(place([1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0], 32)).toBe(true);
      expect(placed(32)).toEqual(ids(64, 32));
    });
  });

  it("places a topology-aware job of exactly one node's GPUs by the one-node rule (first wholly free node), not the shortest run", () => {
    // 1 rack of 4 two-GPU nodes, node 2 partly taken: wholly free runs are nodes 0-1 and node 3.
    // The multi-node rule would take the shortest run, node 3; the one-node rule takes bucket 2's first node.
    const index = occupied({ racks: 1, nodesPerRack: 4, gpusPerNode: 2 }, [0, 0, 1, 0]);
    const first = index.bucketFirst(0, 2);
    expect(first).not.toBe(3);
    expect(placeGang(index, "topology-aware", "strict", 0, 2, 1, out, next)).toBe(true);
    expect(sortedPlaced(2)).toEqual(ids(2 * first, 2));
  });

  describe("at most one node: the node with the fewest free GPUs that still fits", () => {
    // 1 rack of 3 nodes with 3, 5 and 8 free GPUs: node 0 has GPUs 5-7 free, node 1 GPUs 11-15, node 2 GPUs 16-23.
    const row: ClusterShape = { racks: 1, nodesPerRack: 3, gpusPerNode: 8 };
    const cases: [number, number[]][] = [[3, [5, 6, 7]], [4, [11, 12, 13, 14]], [5, ids(11, 5)], [6, ids(16, 6)], [8, ids(16, 8)]];
    it.each(cases)("places %i GPUs on the tightest node (topology-aware and best-fit)", (count, expected) => {
      for (const policy of ["topology-aware", "best-fit"] as PlacementPolicy[]) {
        const index = occupied(row, [5, 3, 0]);
        expect(placeGang(index, policy, "strict", 7, count, 1, out, next)).toBe(true);
        expect(placed(count)).toEqual(expected);
        for (const gpu of expected) expect(index.owner[gpu]).toBe(7);
        expect(index.freeIn(1)).toBe(16 - count);
      }
    });

    it("under strict locality waits when no single node fits; best-fit then takes the fullest node and the tightest for the rest", () => {
      // 3, 5 and 4 free: a 6-GPU job fits no node.
      expect(placeGang(occupied(row, [5, 3, 4]), "topology-aware", "strict", 7, 6, 1, out, next)).toBe(false);
      for (const policy of ["topology-aware", "best-fit"] as PlacementPolicy[]) {
        expect(placeGang(occupied(row, [5, 3, 4]), policy, "loose", 7, 6, 1, out, next)).toBe(true);
        expect(sortedPlaced(6)).toEqual([5, 11, 12, 13, 14, 15]); // node 1's 5, then 1 of node 0 (3 free, tighter than node 2's 4)
      }
    });
  });

  describe("best-fit across nodes", () => {
    const row: ClusterShape = { racks: 1, nodesPerRack: 3, gpusPerNode: 8 };

    it("takes the wholly free node, then the tightest node that fits the rest", () => {
      const index = occupied(row, [5, 3, 0]);
      expect(placeGang(index, "best-fit", "strict", 7, 12, 1, out, next)).toBe(true);
      expect(sortedPlaced(12)).toEqual([11, 12, 13, 14, ...ids(16, 8)]);
    });

    it("puts the rest on the tightest node where topology-aware would fill the next node of its block", () => {
      // 3 free on node 0, nodes 1 and 2 wholly free; 11 GPUs.
      expect(placeGang(occupied(row, [5, 0, 0]), "topology-aware", "strict", 7, 11, 1, out, next)).toBe(true);
      expect(placed(11)).toEqual(ids(8, 11));
      expect(placeGang(occupied(row, [5, 0, 0]), "best-fit", "strict", 7, 11, 1, out, next)).toBe(true);
      const perNode = [0, 0, 0];
      for (const gpu of placed(11)) perNode[Math.floor(gpu / 8)]++;
      expect(perNode[0]).toBe(3);
      expect(perNode.slice(1).sort()).toEqual([0, 8]);
    });

    it("places a job asking for exactly the free GPUs, and refuses one more", () => {
      const index = occupied(row, [5, 3, 0]);
      expect(placeGang(index, "best-fit", "strict", 7, 17, 1, out, next)).toBe(false);
      expect(index.freeIn(1)).toBe(16);
      expect(placeGang(index, "best-fit", "strict", 7, 16, 1, out, next)).toBe(true);
      expect(sortedPlaced(16)).toEqual([5, 6, 7, ...ids(11, 13)]);
      expect(index.freeIn(1)).toBe(0);
    });

    it("collects single free GPUs when only holes are left", () => {
      // 1, 1 and 2 free GPUs: a 4-GPU job takes all of them.
      const index = occupied(row, [7, 7, 6]);
      expect(placeGang(index, "best-fit", "strict", 7, 4, 1, out, next)).toBe(true);
      expect(sortedPlaced(4)).toEqual([7, 15, 22, 23]);
      expect(held(index, 7)).toBe(4);
    });

    it("placeBestFit writes from position `filled` on and returns the number written", () => {
      const index = occupied(row, [5, 3, 0]);
      out.fill(-9);
      expect(placeBestFit(index, 7, 5, 1, out, 2)).toBe(3);
      expect(Array.from(out.subarray(0, 6))).toEqual([-9, -9, 5, 6, 7, -9]);
    });

    it("placeBestFit stops at the free GPUs when asked for more (broken precondition), returning how many it wrote", () => {
      const index = occupied(row, [5, 3, 0]);
      expect(placeBestFit(index, 7, 20, 1, out, 0)).toBe(16);
      expect(index.freeIn(1)).toBe(0);
    });
  });

  describe("random", () => {
    it("takes exactly the free GPUs of the job's pools, and refuses more than they hold", () => {
      // Node 1 (5 free) is the only pool-1 node; nodes 0 and 2 hold 11 more free GPUs in pool 0.
      const row: ClusterShape = { racks: 1, nodesPerRack: 3, gpusPerNode: 8 };
      const pools = () => occupied(row, [5, 3, 0], Int32Array.from([0, 1, 0]), 2);
      expect(placeGang(pools(), "random", "strict", 7, 6, 0b10, out, next)).toBe(false);
      const index = pools();
      expect(placeGang(index, "random", "strict", 7, 5, 0b10, out, next)).toBe(true);
      expect(sortedPlaced(5)).toEqual(ids(11, 5));
      for (const gpu of ids(11, 5)) expect(index.owner[gpu]).toBe(7);
      expect(index.freeIn(0b01)).toBe(11);
    });

    it("scatters 1-GPU jobs that best-fit packs onto one node", () => {
      const nodesUsed = (policy: PlacementPolicy) => {
        const index = onePool(), nodes = new Set<number>();
        for (let job = 0; job < 6; job++) {
          expect(placeGang(index, policy, "strict", job, 1, 1, out, createRng(11 + job).next)).toBe(true);
          nodes.add(nodeOf(out[0]));
        }
        return nodes.size;
      };
      expect(nodesUsed("best-fit")).toBe(1);
      expect(nodesUsed("random")).toBeGreaterThan(1);
    });
  });
});

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

import { createRng } from "../sim/rng";
import { FreeGpuIndex } from "./free-gpu-index";

describe("FreeGpuIndex bulk moves", () => {
  const shape = { racks: 3, nodesPerRack: 4, gpusPerNode: 4 };
  const make = () => new FreeGpuIndex(shape, new Int32Array(12).map((_, n) => (n < 6 ? 0 : 1)), 2);
  /** Everything placement reads: owners, counts, buckets, and the free lists (through seeded random picks). */
  const observe = (x: FreeGpuIndex) => {
    const buckets: number[] = [];
    for (let p = 0; p < 2; p++) for (let b = 0; b <= 4; b++) buckets.push(x.bucketSize(p, b), x.bucketSize(p, b) > 0 ? x.bucketFirst(p, b) : -1);
    const picked = new Int32Array(6);
    const copy = { owner: Array.from(x.owner), nodeFree: Array.from(x.nodeFree), rackFullFree: Array.from(x.rackFullFree), poolFree: Array.from(x.poolFree), buckets };
    x.pickRandom(3, 6, picked, createRng(9).next);
    return { ...copy, picked: Array.from(picked) };
  };

  it("takeNode and releaseOnNode leave the same state as taking and releasing each GPU in order", () => {
    const one = make(), bulk = make();
    const rng = createRng(4);
    const held = new Map<number, number[]>();
    for (let step = 0; step < 200; step++) {
      const node = rng.int(12);
      const gpus = held.get(node);
      if (!gpus && one.nodeFree[node] === 4) {
        const out1 = new Int32Array(4), out2 = new Int32Array(4);
        for (let s = 0; s < 4; s++) { one.take(node * 4 + s, step); out1[s] = node * 4 + s; }
        expect(bulk.takeNode(node, step, out2, 0)).toBe(4);
        expect(Array.from(out2)).toEqual(Array.from(out1));
        held.set(node, Array.from(out1));
      } else if (gpus) {
        // Give back a prefix of the node's GPUs (1..4), as releaseAll hands back runs of one node.
        const count = 1 + rng.int(gpus.length);
        const back = gpus.splice(0, count);
        for (const gpu of back) one.release(gpu);
        bulk.releaseOnNode(Int32Array.from(back), 0, count);
        if (gpus.length === 0) held.delete(node);
      }
      expect(observe(bulk)).toEqual(observe(one));
    }
  });
});

describe("FreeGpuIndex keeps each device pool's free GPUs apart", () => {
  // Six 2-GPU nodes in three pools of unequal size, interleaved: pool 0 holds node 0 (GPUs 0–1),
  // pool 1 nodes 1 and 4 (GPUs 2–3, 8–9), pool 2 nodes 2, 3 and 5 (GPUs 4–7, 10–11).
  const shape = { racks: 2, nodesPerRack: 3, gpusPerNode: 2 };
  const make = () => new FreeGpuIndex(shape, Int32Array.from([0, 1, 2, 2, 1, 2]), 3);
  const poolGpus = [[0, 1], [2, 3, 8, 9], [4, 5, 6, 7, 10, 11]];
  const pickAll = (x: FreeGpuIndex, p: number): number[] => {
    const out = new Int32Array(x.poolFree[p]);
    x.pickRandom(1 << p, out.length, out, createRng(p + 1).next);
    return Array.from(out).sort((a, b) => a - b);
  };

  it("counts each pool's free GPUs, ignoring mask bits past the last pool", () => {
    const x = make();
    expect(Array.from(x.poolFree)).toEqual([2, 4, 6]);
    expect([x.freeIn(0b001), x.freeIn(0b010), x.freeIn(0b100), x.freeIn(0b101), x.freeIn(-1)]).toEqual([2, 4, 6, 8, 12]);
  });

  it("draws a pool's random picks from that pool's GPUs alone", () => {
    const x = make();
    expect([0, 1, 2].map((p) => pickAll(x, p))).toEqual(poolGpus);
  });

  it("still does after GPUs of every pool are taken and some given back", () => {
    const x = make();
    for (const gpu of [1, 2, 9, 4, 11]) x.take(gpu, 7);
    x.release(9);
    expect(Array.from(x.poolFree)).toEqual([1, 3, 4]);
    expect([0, 1, 2].map((p) => pickAll(x, p))).toEqual([[0], [3, 8, 9], [5, 6, 7, 10]]);
  });

  it("picks exactly count GPUs, one random draw each, and writes nothing past them", () => {
    const x = make();
    let draws = 0;
    const out = new Int32Array(4).fill(-7);
    x.pickRandom(0b110, 2, out, () => { draws++; return 0.5; });
    expect(draws).toBe(2);
    expect(out[2]).toBe(-7);
    expect(out[3]).toBe(-7);
    // Draw 0.5 of 10 free GPUs: index 5, pool 2's second entry (GPU 5); then 0.5 of 9: index 4, pool 2's first (GPU 4).
    expect(Array.from(out.subarray(0, 2))).toEqual([5, 4]);
  });
});

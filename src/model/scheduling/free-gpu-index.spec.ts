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

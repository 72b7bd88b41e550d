/**
 * Occupancy of every GPU plus the indexes placement needs, kept in typed arrays
 * so a placement never scans all GPUs:
 *   - per device pool (generation), a dense list of free GPU ids (O(1) random pick, O(1) remove);
 *   - per pool and free count b = 0..gpusPerNode, a bucket of nodes with exactly b free GPUs
 *     (best fit = first non-empty bucket ≥ k);
 *   - per rack, the number of wholly free nodes (topology-aware search skips full racks).
 * Owner codes: job id ≥ 0, FREE = −1, DOWN = −2 (node reclaimed).
 */
import type { ClusterShape } from "./topology";

export const FREE = -1;
export const DOWN = -2;

export class FreeGpuIndex {
  readonly nodes: number;
  readonly totalGpus: number;
  readonly pools: number;
  /** Owner of each GPU: job id, FREE or DOWN. */
  readonly owner: Int32Array;
  /** Pool (device generation) of each node. */
  readonly nodePool: Int32Array;
  /** Free GPUs on each node (0 when down). */
  readonly nodeFree: Int32Array;
  readonly nodeDown: Uint8Array;
  /** Wholly free, up nodes per rack. */
  readonly rackFullFree: Int32Array;
  /** Free GPUs per pool. */
  readonly poolFree: Int32Array;
  private readonly freeArr: Int32Array;
  private readonly poolOffset: Int32Array;
  private readonly gpuPos: Int32Array;
  private readonly bucketArr: Int32Array;
  private readonly bucketLen: Int32Array;
  private readonly nodePos: Int32Array;
  private readonly g: number;

  constructor(readonly shape: ClusterShape, nodePool: Int32Array, pools: number) {
    const g = (this.g = shape.gpusPerNode);
    this.nodes = shape.racks * shape.nodesPerRack;
    this.totalGpus = this.nodes * g;
    this.pools = pools;
    this.nodePool = nodePool;
    this.owner = new Int32Array(this.totalGpus).fill(FREE);
    this.nodeFree = new Int32Array(this.nodes).fill(g);
    this.nodeDown = new Uint8Array(this.nodes);
    this.rackFullFree = new Int32Array(shape.racks).fill(shape.nodesPerRack);
    this.poolFree = new Int32Array(pools);
    this.poolOffset = new Int32Array(pools + 1);
    for (let n = 0; n < this.nodes; n++) this.poolOffset[nodePool[n] + 1] += g;
    for (let p = 0; p < pools; p++) this.poolOffset[p + 1] += this.poolOffset[p];
    this.freeArr = new Int32Array(this.totalGpus);
    this.gpuPos = new Int32Array(this.totalGpus);
    this.bucketArr = new Int32Array(pools * (g + 1) * this.nodes);
    this.bucketLen = new Int32Array(pools * (g + 1));
    this.nodePos = new Int32Array(this.nodes);
    for (let n = 0; n < this.nodes; n++) {
      const p = nodePool[n];
      this.bucketInsert(n, p, g);
      for (let s = 0; s < g; s++) this.pushFree(p, n * g + s);
    }
  }

  /** Free GPUs in the pools of mask (bit p = pool p allowed). */
  freeIn(mask: number): number {
    let sum = 0;
    for (let p = 0; p < this.pools; p++) if (mask & (1 << p)) sum += this.poolFree[p];
    return sum;
  }

  /** Number of nodes of pool p with exactly b free GPUs. */
  bucketSize(p: number, b: number): number {
    return this.bucketLen[p * (this.g + 1) + b];
  }

  /** First node of pool p with exactly b free GPUs (bucketSize > 0). */
  bucketFirst(p: number, b: number): number {
    return this.bucketArr[(p * (this.g + 1) + b) * this.nodes];
  }

  /** Gives GPU gpu (free) to job. */
  take(gpu: number, job: number): void {
    const node = (gpu / this.g) | 0;
    const p = this.nodePool[node];
    this.removeFree(p, gpu);
    this.owner[gpu] = job;
    const before = this.nodeFree[node];
    if (before === this.g) this.rackFullFree[(node / this.shape.nodesPerRack) | 0]--;
    this.bucketRemove(node, p, before);
    this.nodeFree[node] = before - 1;
    this.bucketInsert(node, p, before - 1);
  }

  /** Returns GPU gpu (owned, on an up node) to the free pool. */
  release(gpu: number): void {
    const node = (gpu / this.g) | 0;
    const p = this.nodePool[node];
    this.owner[gpu] = FREE;
    this.pushFree(p, gpu);
    const before = this.nodeFree[node];
    this.bucketRemove(node, p, before);
    this.nodeFree[node] = before + 1;
    this.bucketInsert(node, p, before + 1);
    if (before + 1 === this.g) this.rackFullFree[(node / this.shape.nodesPerRack) | 0]++;
  }

  /**
   * Gives every GPU of `node` (all free) to job and writes their ids to out from `at`;
   * returns the next position. The same state as take() on each GPU in order, with one
   * bucket move instead of one per GPU.
   */
  takeNode(node: number, job: number, out: Int32Array, at: number): number {
    const g = this.g, p = this.nodePool[node];
    for (let s = 0; s < g; s++) {
      const gpu = node * g + s;
      this.removeFree(p, gpu);
      this.owner[gpu] = job;
      out[at++] = gpu;
    }
    this.rackFullFree[(node / this.shape.nodesPerRack) | 0]--;
    this.bucketRemove(node, p, g);
    this.nodeFree[node] = 0;
    this.bucketInsert(node, p, 0);
    return at;
  }

  /**
   * Returns `count` owned GPUs of one up node, ids at list[from .. from + count), to the free
   * pool: the same state as release() on each in order, with one bucket move.
   */
  releaseOnNode(list: Int32Array, from: number, count: number): void {
    const node = (list[from] / this.g) | 0, p = this.nodePool[node];
    for (let i = from; i < from + count; i++) {
      this.owner[list[i]] = FREE;
      this.pushFree(p, list[i]);
    }
    const before = this.nodeFree[node];
    this.bucketRemove(node, p, before);
    this.nodeFree[node] = before + count;
    this.bucketInsert(node, p, before + count);
    if (before + count === this.g) this.rackFullFree[(node / this.shape.nodesPerRack) | 0]++;
  }

  /** Takes a node (all GPUs free) out of service. */
  markDown(node: number): void {
    const p = this.nodePool[node];
    this.bucketRemove(node, p, this.g);
    this.rackFullFree[(node / this.shape.nodesPerRack) | 0]--;
    for (let s = 0; s < this.g; s++) {
      const gpu = node * this.g + s;
      this.removeFree(p, gpu);
      this.owner[gpu] = DOWN;
    }
    this.nodeFree[node] = 0;
    this.nodeDown[node] = 1;
  }

  /** Returns a reclaimed node to service, all GPUs free. */
  markUp(node: number): void {
    const p = this.nodePool[node];
    for (let s = 0; s < this.g; s++) {
      const gpu = node * this.g + s;
      this.owner[gpu] = FREE;
      this.pushFree(p, gpu);
    }
    this.nodeDown[node] = 0;
    this.nodeFree[node] = this.g;
    this.bucketInsert(node, p, this.g);
    this.rackFullFree[(node / this.shape.nodesPerRack) | 0]++;
  }

  /**
   * Moves `count` uniformly random free GPUs of the masked pools to the tail of their
   * pools' free lists and writes them to out; the caller then takes them.
   */
  pickRandom(mask: number, count: number, out: Int32Array, next: () => number): void {
    const len = this.scratchLen;
    let remaining = 0;
    for (let p = 0; p < this.pools; p++) {
      len[p] = mask & (1 << p) ? this.poolFree[p] : 0;
      remaining += len[p];
    }
    for (let i = 0; i < count; i++) {
      let r = Math.floor(next() * remaining);
      let p = 0;
      while (r >= len[p]) { r -= len[p]; p++; }
      const base = this.poolOffset[p];
      const last = base + len[p] - 1;
      const gpu = this.freeArr[base + r];
      const other = this.freeArr[last];
      this.freeArr[base + r] = other; this.gpuPos[other] = base + r;
      this.freeArr[last] = gpu; this.gpuPos[gpu] = last;
      len[p]--; remaining--;
      out[i] = gpu;
    }
  }
  private readonly scratchLen = new Int32Array(32);

  private pushFree(p: number, gpu: number): void {
    const at = this.poolOffset[p] + this.poolFree[p]++;
    this.freeArr[at] = gpu;
    this.gpuPos[gpu] = at;
  }

  private removeFree(p: number, gpu: number): void {
    const at = this.gpuPos[gpu];
    const last = this.poolOffset[p] + --this.poolFree[p];
    const moved = this.freeArr[last];
    this.freeArr[at] = moved;
    this.gpuPos[moved] = at;
  }

  private bucketInsert(node: number, p: number, b: number): void {
    const key = p * (this.g + 1) + b;
    const at = this.bucketLen[key]++;
    this.bucketArr[key * this.nodes + at] = node;
    this.nodePos[node] = at;
  }

  private bucketRemove(node: number, p: number, b: number): void {
    const key = p * (this.g + 1) + b;
    const at = this.nodePos[node];
    const last = --this.bucketLen[key];
    const moved = this.bucketArr[key * this.nodes + last];
    this.bucketArr[key * this.nodes + at] = moved;
    this.nodePos[moved] = at;
  }
}

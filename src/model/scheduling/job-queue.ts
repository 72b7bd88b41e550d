/**
 * Queue structures of the scheduler, over job ids in typed arrays:
 * TenantQueues keeps one ordered doubly linked list per tenant (priority high
 * first, then arrival), and RunningSet keeps running jobs sorted by expected end
 * for EASY backfill's reservation.
 */

export class TenantQueues {
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly head: Int32Array;
  readonly tail: Int32Array;
  size = 0;

  /** key(j) orders the lists: smaller first (e.g. −priority · 1e12 + arrival). */
  constructor(jobs: number, tenants: number, private readonly key: Float64Array) {
    this.next = new Int32Array(jobs).fill(-1);
    this.prev = new Int32Array(jobs).fill(-1);
    this.head = new Int32Array(tenants).fill(-1);
    this.tail = new Int32Array(tenants).fill(-1);
  }

  /** Inserts job j into tenant t's list at its place (scanning from the tail). */
  insert(t: number, j: number): void {
    const k = this.key[j];
    let after = this.tail[t];
    while (after >= 0 && this.key[after] > k) after = this.prev[after];
    const before = after >= 0 ? this.next[after] : this.head[t];
    this.prev[j] = after;
    this.next[j] = before;
    if (after >= 0) this.next[after] = j; else this.head[t] = j;
    if (before >= 0) this.prev[before] = j; else this.tail[t] = j;
    this.size++;
  }

  remove(t: number, j: number): void {
    const p = this.prev[j], n = this.next[j];
    if (p >= 0) this.next[p] = n; else this.head[t] = n;
    if (n >= 0) this.prev[n] = p; else this.tail[t] = p;
    this.prev[j] = this.next[j] = -1;
    this.size--;
  }
}

export class RunningSet {
  end: Float64Array;
  job: Int32Array;
  size = 0;

  constructor(capacity = 256) {
    this.end = new Float64Array(capacity);
    this.job = new Int32Array(capacity);
  }

  insert(j: number, end: number): void {
    if (this.size === this.end.length) {
      const e = new Float64Array(this.size * 2); e.set(this.end); this.end = e;
      const jb = new Int32Array(this.size * 2); jb.set(this.job); this.job = jb;
    }
    const at = this.lowerBound(end);
    this.end.copyWithin(at + 1, at, this.size);
    this.job.copyWithin(at + 1, at, this.size);
    this.end[at] = end;
    this.job[at] = j;
    this.size++;
  }

  remove(j: number, end: number): void {
    let at = this.lowerBound(end);
    while (at < this.size && this.job[at] !== j) at++;
    if (at === this.size) return;
    this.end.copyWithin(at, at + 1, this.size);
    this.job.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  private lowerBound(end: number): number {
    let lo = 0, hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.end[mid] < end) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}

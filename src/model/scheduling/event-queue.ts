/**
 * Binary min-heap of simulation events in parallel typed arrays: no object per
 * event. Each event is (time, kind, a, b); equal times pop in insertion order so
 * runs are reproducible.
 */
export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private kindArr: Int32Array;
  private aArr: Int32Array;
  private bArr: Int32Array;
  private n = 0;
  private counter = 0;
  /** Fields of the event most recently popped. */
  topTime = 0;
  topKind = 0;
  topA = 0;
  topB = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kindArr = new Int32Array(capacity);
    this.aArr = new Int32Array(capacity);
    this.bArr = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  push(time: number, kind: number, a: number, b: number): void {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    const s = this.counter++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(time, s, parent)) { this.move(parent, i); i = parent; } else break;
    }
    this.time[i] = time; this.seq[i] = s; this.kindArr[i] = kind; this.aArr[i] = a; this.bArr[i] = b;
  }

  /** Removes the earliest event into topTime/topKind/topA/topB; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.topTime = this.time[0]; this.topKind = this.kindArr[0]; this.topA = this.aArr[0]; this.topB = this.bArr[0];
    const last = --this.n;
    const t = this.time[last], s = this.seq[last], k = this.kindArr[last], a = this.aArr[last], b = this.bArr[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.lessIdx(child + 1, child)) child++;
      if (this.less(t, s, child)) break;
      this.move(child, i);
      i = child;
    }
    this.time[i] = t; this.seq[i] = s; this.kindArr[i] = k; this.aArr[i] = a; this.bArr[i] = b;
    return true;
  }

  private less(t: number, s: number, j: number): boolean {
    return t < this.time[j] || (t === this.time[j] && s < this.seq[j]);
  }

  private lessIdx(i: number, j: number): boolean {
    return this.less(this.time[i], this.seq[i], j);
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]; this.seq[to] = this.seq[from];
    this.kindArr[to] = this.kindArr[from]; this.aArr[to] = this.aArr[from]; this.bArr[to] = this.bArr[from];
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap); t.set(this.time); this.time = t;
    const s = new Float64Array(cap); s.set(this.seq); this.seq = s;
    const k = new Int32Array(cap); k.set(this.kindArr); this.kindArr = k;
    const a = new Int32Array(cap); a.set(this.aArr); this.aArr = a;
    const b = new Int32Array(cap); b.set(this.bArr); this.bArr = b;
  }
}

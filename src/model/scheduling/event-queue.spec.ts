import fc from "fast-check";
import { EventQueue } from "./event-queue";
import { RunningSet, TenantQueues } from "./job-queue";

describe("EventQueue", () => {
  it("pops in time order, equal times in insertion order, growing past its capacity", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
      const q = new EventQueue(4);
      times.forEach((t, i) => q.push(t, i % 5, i, 1000 - i));
      const popped: [number, number][] = [];
      while (q.pop()) { popped.push([q.topTime, q.topA]); expect(q.topB).toBe(1000 - q.topA); expect(q.topKind).toBe(q.topA % 5); }
      const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(popped).toEqual(expected);
    }));
  });
  it("reports empty", () => expect(new EventQueue().pop()).toBe(false));
});

describe("TenantQueues", () => {
  it("keeps each tenant's list ordered by key and unlinks removed jobs", () => {
    const key = Float64Array.from([5, 1, 3, 2, 4]);
    const q = new TenantQueues(5, 2, key);
    [0, 1, 2, 4].forEach((j) => q.insert(0, j));
    q.insert(1, 3);
    const list = (t: number) => { const out: number[] = []; for (let j = q.head[t]; j >= 0; j = q.next[j]) out.push(j); return out; };
    expect(list(0)).toEqual([1, 2, 4, 0]);
    q.remove(0, 2);
    expect(list(0)).toEqual([1, 4, 0]);
    expect(list(1)).toEqual([3]);
    expect(q.size).toBe(4);
  });
});

describe("RunningSet", () => {
  it("stays sorted by end time through inserts and removals", () => {
    const s = new RunningSet(2);
    [[0, 5], [1, 2], [2, 9], [3, 2], [4, 7]].forEach(([j, e]) => s.insert(j, e));
    s.remove(3, 2);
    s.remove(2, 9);
    expect(Array.from(s.end.subarray(0, s.size))).toEqual([2, 5, 7]);
    expect(Array.from(s.job.subarray(0, s.size))).toEqual([1, 0, 4]);
  });
});

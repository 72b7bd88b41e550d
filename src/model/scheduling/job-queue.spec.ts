import { RunningSet, TenantQueues } from "./job-queue";

/** Tenant t's list front to back, and back to front by the prev links. */
function lists(q: TenantQueues, t: number): { forward: number[]; backward: number[] } {
  const forward: number[] = [], backward: number[] = [];
  for (let j = q.head[t]; j >= 0; j = q.next[j]) forward.push(j);
  for (let j = q.tail[t]; j >= 0; j = q.prev[j]) backward.push(j);
  return { forward, backward };
}

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
    expect(lists(q, 0).backward).toEqual([0, 4, 1]);
    q.remove(0, 4); // its successor is job 0
    expect(lists(q, 0)).toEqual({ forward: [1, 0], backward: [0, 1] });
  });

  it("files equal keys in arrival order (first come, first served within a priority)", () => {
    const q = new TenantQueues(4, 1, Float64Array.from([7, 7, 7, 1]));
    [2, 0, 1, 3].forEach((j) => q.insert(0, j));
    expect(lists(q, 0)).toEqual({ forward: [3, 2, 0, 1], backward: [1, 0, 2, 3] });
  });

  it("relinks head, tail and neighbours when a middle job, the head, the tail or the only job leaves", () => {
    const q = new TenantQueues(5, 2, Float64Array.from([1, 2, 3, 4, 5]));
    expect([...q.next, ...q.prev, ...q.head, ...q.tail].every((link) => link === -1)).toBe(true); // nothing linked yet
    [0, 1, 2, 4].forEach((j) => q.insert(0, j));
    q.insert(1, 3);
    q.remove(0, 1); // its predecessor is job 0
    expect(lists(q, 0)).toEqual({ forward: [0, 2, 4], backward: [4, 2, 0] });
    q.remove(0, 0);
    expect(lists(q, 0)).toEqual({ forward: [2, 4], backward: [4, 2] });
    q.remove(0, 4);
    expect(lists(q, 0)).toEqual({ forward: [2], backward: [2] });
    expect([q.prev[0], q.next[0], q.prev[4], q.next[4]]).toEqual([-1, -1, -1, -1]);
    q.remove(0, 2);
    q.remove(1, 3);
    expect([q.head[0], q.tail[0], q.head[1], q.tail[1], q.size]).toEqual([-1, -1, -1, -1, 0]);
    q.insert(1, 2); // a removed job can queue again
    expect(lists(q, 1)).toEqual({ forward: [2], backward: [2] });
    expect(q.size).toBe(1);
  });
});

describe("RunningSet", () => {
  const contents = (s: RunningSet) => ({ end: Array.from(s.end.subarray(0, s.size)), job: Array.from(s.job.subarray(0, s.size)) });

  it("stays sorted by end time through inserts and removals", () => {
    const s = new RunningSet(2);
    [[0, 5], [1, 2], [2, 9], [3, 2], [4, 7]].forEach(([j, e]) => s.insert(j, e));
    s.remove(3, 2);
    s.remove(2, 9);
    expect(Array.from(s.end.subarray(0, s.size))).toEqual([2, 5, 7]);
    expect(Array.from(s.job.subarray(0, s.size))).toEqual([1, 0, 4]);
  });

  it("removes the right job among several with the same end", () => {
    const s = new RunningSet(1);
    [[1, 2], [3, 2], [5, 2], [6, 8]].forEach(([j, e]) => s.insert(j, e));
    s.remove(1, 2); // the last of the equal ends, whichever order they sit in
    expect(s.size).toBe(3);
    expect(contents(s).end).toEqual([2, 2, 8]);
    expect(contents(s).job.slice(0, 2).sort()).toEqual([3, 5]);
    expect(contents(s).job[2]).toBe(6);
  });

  it("ignores a job it does not hold", () => {
    const s = new RunningSet(4);
    [[1, 2], [3, 4]].forEach(([j, e]) => s.insert(j, e));
    s.remove(9, 2);
    s.remove(1, 4);
    s.remove(3, 9);
    expect(contents(s)).toEqual({ end: [2, 4], job: [1, 3] });
  });
});

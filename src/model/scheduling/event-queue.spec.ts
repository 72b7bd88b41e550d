import fc from "fast-check";
import { EventQueue } from "./event-queue";

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
  it("grows from a capacity of 1 to hold 20 events, losing none", () => {
    const q = new EventQueue(1);
    for (let i = 0; i < 20; i++) q.push(19 - i, 0, i, 0); // latest first
    expect(q.size).toBe(20);
    const popped: number[] = [];
    while (q.pop()) popped.push(q.topA);
    expect(popped).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
  });
  it("reports empty", () => expect(new EventQueue().pop()).toBe(false));
  it("counts the events it holds", () => {
    const q = new EventQueue(2);
    expect(q.size).toBe(0);
    [3, 1, 2].forEach((t) => q.push(t, 0, 0, 0));
    expect(q.size).toBe(3);
    q.pop();
    expect(q.size).toBe(2);
    q.pop(); q.pop();
    expect(q.size).toBe(0);
    expect(q.pop()).toBe(false);
    expect(q.size).toBe(0);
  });
});

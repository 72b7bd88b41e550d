import { createRequestQueue } from "./request-queue";

/** Lets queued callbacks and their promise reactions run. */
const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

describe("createRequestQueue", () => {
  it("runs one item at a time, in arrival order", async () => {
    const log: string[] = [];
    const release: (() => void)[] = [];
    const q = createRequestQueue((item: string) => {
      log.push(`start ${item}`);
      return new Promise<void>((r) => release.push(() => (log.push(`end ${item}`), r())));
    });
    q.push("a");
    q.push("b");
    await tick();
    expect(log).toEqual(["start a"]);
    expect(q.current).toBe("a");
    release.shift()!();
    await tick();
    expect(log).toEqual(["start a", "end a", "start b"]);
    release.shift()!();
    await tick();
    expect(q.current).toBeUndefined();
  });

  it("abandons an item that never settles and starts the next; the abandoned one finishing later changes nothing", async () => {
    const started: string[] = [];
    let finishFirst!: () => void;
    const q = createRequestQueue((item: string) => {
      started.push(item);
      return item === "stuck" ? new Promise<void>((r) => (finishFirst = r)) : Promise.resolve();
    });
    q.push("stuck");
    q.push("next");
    q.push("last");
    await tick();
    expect(q.current).toBe("stuck");
    q.abandonCurrent();
    await tick();
    expect(started).toEqual(["stuck", "next", "last"]);
    finishFirst();
    await tick();
    expect(q.current).toBeUndefined();
    q.abandonCurrent(); // idle: nothing to abandon
    q.push("again");
    await tick();
    expect(started).toEqual(["stuck", "next", "last", "again"]);
  });
});

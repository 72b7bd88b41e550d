/**
 * Shell requests run one at a time, in arrival order (a cell's output must never
 * interleave with the next cell's). A request whose code was terminated by an interrupt
 * never settles (termination skips `finally`), so the queue lets the host abandon the
 * running one and move on.
 */
export interface RequestQueue<T> {
  push(item: T): void;
  /** The item running now, or undefined while idle. */
  readonly current: T | undefined;
  /** Stops waiting for the running item and starts the next. */
  abandonCurrent(): void;
}

export function createRequestQueue<T>(run: (item: T) => Promise<void>): RequestQueue<T> {
  const waiting: T[] = [];
  let current: { item: T; abandon: () => void } | undefined;

  function next(): void {
    if (current || waiting.length === 0) return;
    const item = waiting.shift() as T;
    const entry = { item, abandon: () => done() };
    current = entry;
    function done(): void {
      if (current !== entry) return;
      current = undefined;
      next();
    }
    // Each item starts as a microtask of its own: a termination then cuts off that item
    // alone (not the caller that pushed it), and from a level of Node's async-context stack
    // where that is safe (interrupt.ts). `run` is the host's error edge and never rejects;
    // a rejection would still free the queue.
    queueMicrotask(() => {
      if (current === entry) run(item).then(done, done);
    });
  }

  return {
    push(item) {
      waiting.push(item);
      next();
    },
    get current() {
      return current?.item;
    },
    abandonCurrent() {
      current?.abandon();
    },
  };
}

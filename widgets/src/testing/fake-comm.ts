/**
 * A comm and widget manager just big enough to construct a real FleetLab Model
 * (DOMWidgetModel) in jsdom, after @jupyter-widgets/base's dummy-manager test
 * pattern: the comm records what it sends, and `idle()` plays the kernel's
 * iopub status that ends the oldest message in flight.
 */

/** One message the model sent over the comm. */
export interface SentMessage {
  data: { method: string; state?: Record<string, unknown>; content?: unknown };
  callbacks: { iopub?: { status?: (msg: unknown) => void } };
}

/** The fake comm plus what a spec needs to drive it. */
export interface FakeComm {
  comm_id: string;
  target_name: string;
  sent: SentMessage[];
  send(data: SentMessage["data"], callbacks?: SentMessage["callbacks"]): string;
  on_msg(cb: (msg: unknown) => void): void;
  on_close(cb: (msg: unknown) => void): void;
  close(): string;
  open(): string;
  /** Delivers a kernel comm_msg with `data`. */
  receive(data: Record<string, unknown>): void;
  /** Reports the kernel idle after message `index` (default: the oldest not yet acknowledged). */
  idle(index?: number): void;
}

/** Returns a fake comm. */
export function createFakeComm(): FakeComm {
  let onMsg: (msg: unknown) => void = () => undefined;
  let acked = 0;
  const comm: FakeComm = {
    comm_id: "comm-1",
    target_name: "jupyter.widget",
    sent: [],
    send(data, callbacks = {}) {
      comm.sent.push({ data, callbacks });
      return `msg-${comm.sent.length}`;
    },
    on_msg(cb) {
      onMsg = cb;
    },
    on_close() {
      return;
    },
    close: () => "",
    open: () => "",
    receive(data) {
      onMsg({ content: { data }, buffers: [], parent_header: {} });
    },
    idle(index = acked) {
      acked = index + 1;
      comm.sent[index].callbacks.iopub?.status?.({ content: { execution_state: "idle" } });
    },
  };
  return comm;
}

/** A manager with only what WidgetModel calls during construction and sync. */
export function createFakeManager(): Record<string, unknown> {
  return {
    callbacks: () => ({}),
    get_model: () => Promise.reject(new Error("no models in this fake manager")),
    resolveUrl: (url: string) => Promise.resolve(url),
  };
}

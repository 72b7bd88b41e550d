/**
 * A fake kernel runtime and front end for widget specs (in the spirit of ipywidgets'
 * dummy-manager): records every comm message and display, and delivers front-end
 * messages, with buffers, to the kernel-side comm handlers.
 */
import type {
  Comm, CommPayload, CommTargetHandler, DisplayOptions, JsonObject, KernelRuntime, MimeBundle,
} from "../../src/kernel/runtime";
import { setKernelRuntime } from "../../src/kernel/runtime";

/** One recorded kernel -> front end event. */
export interface SentMessage {
  commId: string;
  kind: "open" | "msg" | "close";
  targetName: string;
  data: JsonObject;
  metadata: JsonObject;
  buffers: Uint8Array[];
}

class FakeComm implements Comm {
  isClosed = false;
  private messageHandler: ((p: CommPayload) => void) | null = null;
  private closeHandler: ((p: CommPayload) => void) | null = null;
  constructor(readonly commId: string, readonly targetName: string, private readonly runtime: FakeRuntime) {}
  send(data: JsonObject, metadata: JsonObject = {}, buffers: Uint8Array[] = []): void {
    if (this.isClosed) throw new Error(`comm ${this.commId} is closed`);
    // Round-trip through JSON as the wire would, so non-JSON values cannot slip through.
    this.runtime.sent.push({
      commId: this.commId, kind: "msg", targetName: this.targetName,
      data: JSON.parse(JSON.stringify(data)), metadata, buffers,
    });
  }
  close(data: JsonObject = {}): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.runtime.sent.push({ commId: this.commId, kind: "close", targetName: this.targetName, data, metadata: {}, buffers: [] });
  }
  onMessage(handler: (p: CommPayload) => void): void {
    this.messageHandler = handler;
  }
  onClose(handler: (p: CommPayload) => void): void {
    this.closeHandler = handler;
  }
  deliver(data: JsonObject, buffers: Uint8Array[] = []): void {
    if (this.isClosed) throw new Error(`comm ${this.commId} is closed`);
    this.messageHandler?.({ data: JSON.parse(JSON.stringify(data)), metadata: {}, buffers });
  }
  deliverClose(): void {
    this.isClosed = true;
    this.closeHandler?.({ data: {}, metadata: {}, buffers: [] });
  }
}

/** A KernelRuntime that records instead of talking to zeromq. */
export class FakeRuntime implements KernelRuntime {
  readonly sent: SentMessage[] = [];
  readonly displays: { bundle: MimeBundle; options?: DisplayOptions }[] = [];
  readonly targets = new Map<string, CommTargetHandler>();
  private readonly comms = new Map<string, FakeComm>();
  private nextId = 1;

  openComm(targetName: string, data: JsonObject, metadata: JsonObject = {}, buffers: Uint8Array[] = []): Comm {
    const commId = `comm-${this.nextId++}`;
    const comm = new FakeComm(commId, targetName, this);
    this.comms.set(commId, comm);
    this.sent.push({ commId, kind: "open", targetName, data: JSON.parse(JSON.stringify(data)), metadata, buffers });
    return comm;
  }
  registerCommTarget(targetName: string, handler: CommTargetHandler): void {
    this.targets.set(targetName, handler);
  }
  display(bundle: MimeBundle, options?: DisplayOptions): void {
    this.displays.push({ bundle: JSON.parse(JSON.stringify(bundle)), options });
  }
  updateDisplay(bundle: MimeBundle, options: DisplayOptions & { displayId: string }): void {
    this.displays.push({ bundle, options });
  }
  clearOutput(): void {}

  // ----- the fake front end ----------------------------------------------------

  /** Front end -> kernel `update` with optional binary buffers. */
  update(commId: string, state: JsonObject, bufferPaths: (string | number)[][] = [], buffers: Uint8Array[] = []): void {
    this.comm(commId).deliver({ method: "update", state, buffer_paths: bufferPaths }, buffers);
  }
  /** Front end -> kernel `custom`. */
  custom(commId: string, content: JsonObject): void {
    this.comm(commId).deliver({ method: "custom", content });
  }
  /** Front end -> kernel `request_state`. */
  requestState(commId: string): void {
    this.comm(commId).deliver({ method: "request_state" });
  }
  /** Front end -> kernel raw comm_msg data. */
  deliver(commId: string, data: JsonObject, buffers: Uint8Array[] = []): void {
    this.comm(commId).deliver(data, buffers);
  }
  /** Front end closes the comm. */
  closeFromFrontEnd(commId: string): void {
    this.comm(commId).deliverClose();
  }

  // ----- queries -------------------------------------------------------------------

  /** Messages sent on one comm (comm_open included), optionally only one method. */
  messagesOf(commId: string, method?: string): SentMessage[] {
    return this.sent.filter((m) => m.commId === commId && (method === undefined || m.data.method === method));
  }
  /** The last message sent on a comm. */
  last(commId: string): SentMessage {
    const all = this.messagesOf(commId);
    if (all.length === 0) throw new Error(`nothing sent on ${commId}`);
    return all[all.length - 1];
  }
  /** Clears the record (keeps comms). */
  reset(): void {
    this.sent.length = 0;
    this.displays.length = 0;
  }

  private comm(commId: string): FakeComm {
    const comm = this.comms.get(commId);
    if (!comm) throw new Error(`no comm ${commId}`);
    return comm;
  }
}

/** Installs a fresh FakeRuntime as the kernel runtime and returns it. */
export function installFakeRuntime(): FakeRuntime {
  const runtime = new FakeRuntime();
  setKernelRuntime(runtime);
  return runtime;
}

/** Lets queued microtasks (the widget update throttle) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await Promise.resolve();
}

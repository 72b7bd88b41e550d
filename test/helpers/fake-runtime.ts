/**
 * A kernel runtime and front end for widget specs (in the spirit of ipywidgets'
 * dummy-manager): the kernel's own runtime and comm manager with a recording front end
 * (src/kernel/recording-front-end.ts), so widgets meet the same Comm contract as in the
 * kernel. Adds the widget protocol's front-end messages and queries over what was sent.
 */
import type { Comm, CommTargetHandler, DisplayOptions, JsonObject, KernelRuntime, MimeBundle } from "../../src/kernel/runtime";
import { setKernelRuntime } from "../../src/kernel/runtime";
import { createRecordingFrontEnd } from "../../src/kernel/recording-front-end";

/** One recorded kernel -> front end comm message. */
export interface SentMessage {
  commId: string;
  kind: "open" | "msg" | "close";
  targetName: string;
  data: JsonObject;
  metadata: JsonObject;
  buffers: Uint8Array[];
}

const KIND = { comm_open: "open", comm_msg: "msg", comm_close: "close" } as const;

/** A KernelRuntime whose front end records instead of talking to zeromq. */
export class FakeRuntime implements KernelRuntime {
  readonly frontEnd = createRecordingFrontEnd();

  openComm(targetName: string, data: JsonObject, metadata?: JsonObject, buffers?: Uint8Array[]): Comm {
    return this.frontEnd.runtime.openComm(targetName, data, metadata, buffers);
  }
  registerCommTarget(targetName: string, handler: CommTargetHandler): void {
    this.frontEnd.runtime.registerCommTarget(targetName, handler);
  }
  display(bundle: MimeBundle, options?: DisplayOptions): void {
    this.frontEnd.runtime.display(bundle, options);
  }
  updateDisplay(bundle: MimeBundle, options: DisplayOptions & { displayId: string }): void {
    this.frontEnd.runtime.updateDisplay(bundle, options);
  }
  clearOutput(wait?: boolean): void {
    this.frontEnd.runtime.clearOutput(wait);
  }

  // ----- the front end ----------------------------------------------------------------

  /** Front end -> kernel `update` with optional binary buffers. */
  update(commId: string, state: JsonObject, bufferPaths: (string | number)[][] = [], buffers: Uint8Array[] = []): void {
    this.frontEnd.send(commId, { method: "update", state, buffer_paths: bufferPaths }, {}, buffers);
  }
  /** Front end -> kernel `custom`. */
  custom(commId: string, content: JsonObject): void {
    this.frontEnd.send(commId, { method: "custom", content });
  }
  /** Front end -> kernel `request_state`. */
  requestState(commId: string): void {
    this.frontEnd.send(commId, { method: "request_state" });
  }
  /** Front end -> kernel raw comm_msg data. */
  deliver(commId: string, data: JsonObject, buffers: Uint8Array[] = []): void {
    this.frontEnd.send(commId, data, {}, buffers);
  }
  /** Front end opens a comm to a kernel target; returns its id. */
  openFromFrontEnd(targetName: string, data: JsonObject = {}, metadata: JsonObject = {}): string {
    return this.frontEnd.open(targetName, data, metadata);
  }
  /** Front end closes the comm. */
  closeFromFrontEnd(commId: string): void {
    this.frontEnd.close(commId);
  }

  // ----- queries -------------------------------------------------------------------

  /** Comm messages the kernel side sent, oldest first, as the wire carried them. */
  get sent(): SentMessage[] {
    const out: SentMessage[] = [];
    for (const { msgType, content, metadata, buffers } of this.frontEnd.received) {
      if (msgType !== "comm_open" && msgType !== "comm_msg" && msgType !== "comm_close") continue;
      const commId = content.comm_id as string;
      const targetName = this.frontEnd.comm(commId)?.targetName ?? "";
      out.push({ commId, kind: KIND[msgType], targetName, data: content.data as JsonObject, metadata, buffers });
    }
    return out;
  }
  /** display_data and update_display_data, oldest first. */
  get displays(): { bundle: MimeBundle; options: DisplayOptions }[] {
    return this.frontEnd.received
      .filter((m) => m.msgType === "display_data" || m.msgType === "update_display_data")
      .map(({ content }) => ({
        bundle: content.data as MimeBundle,
        options: { metadata: content.metadata as JsonObject, displayId: (content.transient as { display_id?: string } | undefined)?.display_id },
      }));
  }
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
    this.frontEnd.clearReceived();
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

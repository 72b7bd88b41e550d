/**
 * The KernelRuntime every host gives its cells, built on one CommManager and one transport.
 *
 * A host differs only in where the runtime's messages go: the kernel's transport writes them
 * to iopub, parented to the current request; the headless runner's and the specs' record
 * them for a front end played in-process (recording-front-end.ts). Comms and display
 * therefore behave alike in all three: same messages, same errors, same handler rules.
 *
 *   runtime.openComm / comm.send / comm.close --> comm_open / comm_msg / comm_close
 *   runtime.display / updateDisplay / clearOutput --> display_data / update_display_data / clear_output
 *   front end's comm_* ---------------------------> comms.handle (the host routes them here)
 */
import type { CommManager } from "./comms";
import { createCommManager } from "./comms";
import type { CommMsgType } from "./messages";
import type { JsonObject, KernelRuntime, MimeBundle } from "./runtime";

/** Message types a runtime emits toward the front end (all iopub messages in the kernel). */
export type RuntimeMsgType = CommMsgType | "display_data" | "update_display_data" | "clear_output";

/** Carries one outgoing message to the front end; buffers travel as raw frames. */
export type RuntimeTransport = (msgType: RuntimeMsgType, content: JsonObject, metadata: JsonObject, buffers: Uint8Array[]) => void;

export interface HostRuntimeOptions {
  /** Called with an exception thrown by a comm handler (the host is the edge). */
  reportError: (err: unknown, where: string) => void;
  /** Ids of comms the kernel side opens; random UUIDs by default. */
  newCommId?: () => string;
}

/** A host's runtime (what cells see) and its comm manager (what the host routes front-end messages to). */
export interface HostRuntime {
  readonly runtime: KernelRuntime;
  readonly comms: CommManager;
}

export function createHostRuntime(transport: RuntimeTransport, options: HostRuntimeOptions): HostRuntime {
  const comms = createCommManager({ send: transport, reportError: options.reportError, newCommId: options.newCommId });
  const runtime: KernelRuntime = {
    openComm: (targetName, data, metadata, buffers) => comms.openComm(targetName, data, metadata, buffers),
    registerCommTarget: (targetName, handler) => comms.registerCommTarget(targetName, handler),
    display(bundle: MimeBundle, options = {}) {
      const content: JsonObject = { data: bundle, metadata: options.metadata ?? {} };
      if (options.displayId) content.transient = { display_id: options.displayId };
      transport("display_data", content, {}, []);
    },
    updateDisplay(bundle, options) {
      if (typeof options?.displayId !== "string") throw new TypeError("updateDisplay: options.displayId must be a string");
      transport("update_display_data", { data: bundle, metadata: options.metadata ?? {}, transient: { display_id: options.displayId } }, {}, []);
    },
    clearOutput(wait = false) {
      transport("clear_output", { wait }, {}, []);
    },
  };
  return { runtime, comms };
}

/**
 * CommManager: the kernel end of Jupyter comms (messaging spec, "Custom Messages"), the one
 * comm implementation behind every host: the kernel, the headless runner and the specs.
 *
 * Keeps the open comms and the registered targets, turns comm_open / comm_msg / comm_close
 * from the front end into calls on the Comm handlers, and turns Comm.send / close into
 * outgoing messages through the host's transport (the kernel's writes iopub; a recording
 * front end keeps them). Knows no widget: ipywidgets and any other protocol sit on top
 * through the KernelRuntime seam.
 *
 *   front end --comm_open{target_name}--> target handler(comm, payload)
 *   front end --comm_msg{comm_id}-------> comm.onMessage handler
 *   comm.send(data, metadata, buffers) --> comm_msg (buffers as raw frames)
 *
 * The contract, as ipykernel's CommManager keeps it (test/hosts/comm-contract.test.ts):
 *   - onMessage / onClose replace the previous handler (ipykernel's on_msg / on_close);
 *     a message with no handler set is dropped.
 *   - close() sends comm_close once and does not call the close handler (that answers the
 *     front end's comm_close); a comm_close from the front end calls it and sends nothing.
 *   - send() on a comm closed from either side throws, naming the comm.
 *   - A front-end message to an unknown or closed comm, or with malformed content, reaches
 *     no handler and is rejected with a reason (the host reports it; the kernel logs it).
 *   - comm_open to an unregistered target is answered with comm_close (spec) and rejected.
 *   - registerCommTarget replaces the target's handler.
 *   - A handler that throws is reported; the comm's bookkeeping is already done.
 *   - comm_info lists the open comms, optionally of one target.
 */
import type { Comm, CommPayload, CommTargetHandler, JsonObject } from "./runtime";
import type { CommMsgType } from "./messages";

/** Where outgoing comm messages go (the host's transport). */
export type CommSend = (msgType: CommMsgType, content: JsonObject, metadata: JsonObject, buffers: Uint8Array[]) => void;

/** Result of routing one incoming comm message. */
export type CommRouteResult = { ok: true } | { ok: false; reason: string };

export interface CommManager {
  openComm(targetName: string, data: JsonObject, metadata?: JsonObject, buffers?: Uint8Array[]): Comm;
  registerCommTarget(targetName: string, handler: CommTargetHandler): void;
  /** Routes a comm_open / comm_msg / comm_close from the front end. Never throws. */
  handle(msgType: CommMsgType, content: JsonObject, metadata: JsonObject, buffers: Uint8Array[]): CommRouteResult;
  /** comm_info_reply `comms`: open comms, filtered by target_name when given. */
  info(targetName?: string): { [commId: string]: { target_name: string } };
}

export interface CommManagerOptions {
  /** Emits comm_open / comm_msg / comm_close. */
  send: CommSend;
  /** Called with an exception thrown by a user handler (the host is the edge). */
  reportError: (err: unknown, where: string) => void;
  /** Ids of comms the kernel opens; random UUIDs unless a host wants reproducible ones. */
  newCommId?: () => string;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function createCommManager({ send, reportError, newCommId = () => globalThis.crypto.randomUUID() }: CommManagerOptions): CommManager {
  const comms = new Map<string, CommImpl>();
  /** Ids closed so far, so a late message is told apart from one to a comm never opened. */
  const closedIds = new Set<string>();
  const targets = new Map<string, CommTargetHandler>();

  class CommImpl implements Comm {
    private closed = false;
    private messageHandler: ((p: CommPayload) => void) | null = null;
    private closeHandler: ((p: CommPayload) => void) | null = null;
    constructor(readonly commId: string, readonly targetName: string) {}
    get isClosed(): boolean {
      return this.closed;
    }
    send(data: JsonObject, metadata: JsonObject = {}, buffers: Uint8Array[] = []): void {
      if (this.closed) throw new Error(`comm ${this.commId} (${this.targetName}) is closed; send() needs an open comm`);
      send("comm_msg", { comm_id: this.commId, data }, metadata, buffers);
    }
    close(data: JsonObject = {}): void {
      if (this.closed) return;
      this.forget();
      send("comm_close", { comm_id: this.commId, data }, {}, []);
    }
    onMessage(handler: (payload: CommPayload) => void): void {
      this.messageHandler = handler;
    }
    onClose(handler: (payload: CommPayload) => void): void {
      this.closeHandler = handler;
    }
    deliver(payload: CommPayload): void {
      if (!this.closed && this.messageHandler) this.messageHandler(payload);
    }
    remoteClose(payload: CommPayload): void {
      if (this.closed) return;
      this.forget();
      if (this.closeHandler) this.closeHandler(payload);
    }
    private forget(): void {
      this.closed = true;
      comms.delete(this.commId);
      closedIds.add(this.commId);
    }
  }

  function guard(where: string, f: () => void): void {
    try {
      f();
    } catch (err) {
      reportError(err, where);
    }
  }

  function missing(msgType: CommMsgType, commId: string): CommRouteResult {
    return { ok: false, reason: closedIds.has(commId) ? `${msgType}: comm ${commId} is closed` : `${msgType}: unknown comm_id ${commId}` };
  }

  return {
    openComm(targetName, data, metadata = {}, buffers = []) {
      if (typeof targetName !== "string" || targetName.length === 0) {
        throw new TypeError(`openComm: targetName must be a non-empty string (got ${JSON.stringify(targetName)})`);
      }
      const comm = new CommImpl(newCommId(), targetName);
      comms.set(comm.commId, comm);
      send("comm_open", { comm_id: comm.commId, target_name: targetName, data, target_module: null }, metadata, buffers);
      return comm;
    },

    registerCommTarget(targetName, handler) {
      if (typeof targetName !== "string" || targetName.length === 0) {
        throw new TypeError(`registerCommTarget: targetName must be a non-empty string (got ${JSON.stringify(targetName)})`);
      }
      if (typeof handler !== "function") throw new TypeError("registerCommTarget: handler must be a function");
      targets.set(targetName, handler);
    },

    handle(msgType, content, metadata, buffers) {
      const commId = content.comm_id;
      if (typeof commId !== "string" || commId.length === 0) return { ok: false, reason: `${msgType}: content.comm_id must be a non-empty string` };
      const data = content.data === undefined ? {} : content.data;
      if (!isObject(data)) return { ok: false, reason: `${msgType}: content.data must be an object` };
      const payload: CommPayload = { data, metadata, buffers };
      switch (msgType) {
        case "comm_open": {
          const targetName = content.target_name;
          if (typeof targetName !== "string") return { ok: false, reason: "comm_open: content.target_name must be a string" };
          if (comms.has(commId)) return { ok: false, reason: `comm_open: comm_id ${commId} is already open` };
          const handler = targets.get(targetName);
          if (!handler) {
            // Spec: "If the target_name key is not found on the receiving side, then it should
            // immediately reply with a comm_close message to avoid an inconsistent state."
            send("comm_close", { comm_id: commId, data: {} }, {}, []);
            return { ok: false, reason: `comm_open: no target registered as "${targetName}"` };
          }
          const comm = new CommImpl(commId, targetName);
          comms.set(commId, comm);
          closedIds.delete(commId);
          guard(`comm target "${targetName}"`, () => handler(comm, payload));
          return { ok: true };
        }
        case "comm_msg": {
          const comm = comms.get(commId);
          if (!comm) return missing(msgType, commId);
          guard(`comm ${commId} (${comm.targetName}) message handler`, () => comm.deliver(payload));
          return { ok: true };
        }
        case "comm_close": {
          const comm = comms.get(commId);
          if (!comm) return missing(msgType, commId);
          guard(`comm ${commId} (${comm.targetName}) close handler`, () => comm.remoteClose(payload));
          return { ok: true };
        }
      }
    },

    info(targetName) {
      const out: { [commId: string]: { target_name: string } } = {};
      for (const [id, c] of comms) {
        if (targetName === undefined || c.targetName === targetName) out[id] = { target_name: c.targetName };
      }
      return out;
    },
  };
}

/**
 * A front end played in-process, for hosts with no Jupyter behind them (`fleetlab run`, specs).
 *
 * It is the transport of a host runtime (host-runtime.ts): it records every message the
 * kernel side sends, as the wire would carry it (content and metadata through JSON, buffers
 * copied), and keeps each comm as a front end holds it. Its open / send / close deliver
 * front-end comm messages to the same CommManager the kernel routes shell messages to.
 *
 *   kernel side --comm_open / comm_msg / comm_close / display_data …--> received, comm records
 *   open / send / close (the front end) --comm_* as on the wire--> CommManager.handle
 *
 * Where the kernel only logs (a message it drops, a comm handler that throws), this front end
 * throws to whoever sent the message: a run or spec that sends what the kernel would drop
 * has a bug to hear about.
 */
import type { CommMsgType } from "./messages";
import { createHostRuntime, type RuntimeMsgType } from "./host-runtime";
import type { JsonObject, KernelRuntime } from "./runtime";

/** One message from the kernel side, as received. */
export interface ReceivedMessage {
  msgType: RuntimeMsgType;
  content: JsonObject;
  metadata: JsonObject;
  buffers: Uint8Array[];
}

/** One comm as the front end holds it. */
export interface FrontEndComm {
  readonly commId: string;
  readonly targetName: string;
  /** The comm_open data (the kernel's, or what this front end opened it with). */
  readonly openData: JsonObject;
  /** The data of each comm_msg the kernel sent on it, oldest first. */
  readonly sent: readonly JsonObject[];
  /** True once either side has closed it. */
  readonly isClosed: boolean;
}

/** A front-end comm message the kernel dropped; the message is the reason the kernel logs. */
export class CommRejectedError extends Error {
  override name = "CommRejectedError";
}

export interface RecordingFrontEnd {
  /** The kernel side whose messages this front end receives. */
  readonly runtime: KernelRuntime;
  /** Every message received so far, oldest first. */
  readonly received: readonly ReceivedMessage[];
  /** Forgets the received messages (comm records are kept). */
  clearReceived(): void;
  comm(commId: string): FrontEndComm | undefined;
  /** Every comm this front end has known, in the order they opened. */
  comms(): FrontEndComm[];
  /** comm_info_reply `comms` of the kernel side. */
  commInfo(targetName?: string): { [commId: string]: { target_name: string } };
  /**
   * Opens a comm to a kernel target (comm_open); returns its id.
   * @throws CommRejectedError when no such target is registered (the kernel closes it)
   */
  open(targetName: string, data?: JsonObject, metadata?: JsonObject, buffers?: Uint8Array[]): string;
  /**
   * Sends comm_msg to the kernel side.
   * @throws CommRejectedError when the kernel drops it (unknown or closed comm, data not an object)
   * @throws whatever the comm's handler threw (the kernel logs it)
   */
  send(commId: string, data: JsonObject, metadata?: JsonObject, buffers?: Uint8Array[]): void;
  /** Closes a comm from the front end (comm_close); throws as send() does. */
  close(commId: string, data?: JsonObject): void;
}

export interface RecordingFrontEndOptions {
  /** Called with each message as it arrives, e.g. to render display outputs in order with a cell's streams. */
  onMessage?: (message: ReceivedMessage) => void;
}

type CommRecord = { -readonly [K in keyof FrontEndComm]: FrontEndComm[K] } & { sent: JsonObject[] };

/** What a JSON wire makes of a value: functions and undefined dropped, NaN null, no shared references. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Ids are sequential per front end, so a run's output is reproducible. */
const sequentialIds = (prefix: string) => {
  let next = 1;
  return () => `${prefix}-${String(next++).padStart(6, "0")}`;
};

export function createRecordingFrontEnd(options: RecordingFrontEndOptions = {}): RecordingFrontEnd {
  const received: ReceivedMessage[] = [];
  const records = new Map<string, CommRecord>();
  const frontEndCommId = sequentialIds("fleetlab-frontend-comm");
  /** Errors comm handlers threw during the delivery under way. */
  let handlerErrors: unknown[] = [];

  const { runtime, comms } = createHostRuntime(
    (msgType, content, metadata, buffers) => {
      const message: ReceivedMessage = { msgType, content: overTheWire(content), metadata: overTheWire(metadata), buffers: buffers.map((b) => b.slice()) };
      received.push(message);
      keepRecord(message);
      options.onMessage?.(message);
    },
    { reportError: (err) => handlerErrors.push(err), newCommId: sequentialIds("fleetlab-comm") },
  );

  function keepRecord({ msgType, content }: ReceivedMessage): void {
    const commId = content.comm_id as string;
    if (msgType === "comm_open") {
      records.set(commId, { commId, targetName: content.target_name as string, openData: content.data as JsonObject, sent: [], isClosed: false });
    } else if (msgType === "comm_msg") {
      records.get(commId)?.sent.push(content.data as JsonObject);
    } else if (msgType === "comm_close") {
      const record = records.get(commId);
      if (record) record.isClosed = true;
    }
  }

  function deliver(msgType: CommMsgType, content: JsonObject, metadata: JsonObject, buffers: Uint8Array[]): void {
    const outer = handlerErrors;
    const errors: unknown[] = (handlerErrors = []);
    try {
      const routed = comms.handle(msgType, overTheWire(content), overTheWire(metadata), buffers.map((b) => b.slice()));
      if (!routed.ok) throw new CommRejectedError(`the kernel drops ${routed.reason}`);
    } finally {
      handlerErrors = outer;
    }
    if (errors.length > 0) throw errors[0];
  }

  return {
    runtime,
    received,
    clearReceived() {
      received.length = 0;
    },
    comm: (commId) => records.get(commId),
    comms: () => [...records.values()],
    commInfo: (targetName) => comms.info(targetName),
    open(targetName, data = {}, metadata = {}, buffers = []) {
      const commId = frontEndCommId();
      records.set(commId, { commId, targetName, openData: overTheWire(data), sent: [], isClosed: false });
      deliver("comm_open", { comm_id: commId, target_name: targetName, data, target_module: null }, metadata, buffers);
      return commId;
    },
    send(commId, data, metadata = {}, buffers = []) {
      deliver("comm_msg", { comm_id: commId, data }, metadata, buffers);
    },
    close(commId, data = {}) {
      const record = records.get(commId);
      if (record) record.isClosed = true;
      deliver("comm_close", { comm_id: commId, data }, {}, []);
    },
  };
}

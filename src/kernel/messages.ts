/**
 * Typed Jupyter messages (messaging protocol 5.3+), snake_case as on the wire.
 *
 * Source: jupyter_client docs, "Messaging in Jupyter"
 * (https://jupyter-client.readthedocs.io/en/latest/messaging.html). Field comments
 * quote or paraphrase that page. Request -> reply types live in one table,
 * REPLY_TYPE, so a reply can never be tagged with another request's type.
 */
import type { JsonObject, JsonValue } from "./runtime";
import { kernelInfo } from "./kernel-info";
import { packageInfo } from "./package-info";

export { PROTOCOL_VERSION } from "./kernel-info";

/** "The message header contains a pair of unique identifiers for the originating session and the actual message id..." */
export interface Header {
  msg_id: string;
  session: string;
  username: string;
  /** ISO 8601 timestamp for when the message is created. */
  date: string;
  msg_type: string;
  /** The message protocol version. */
  version: string;
}

/** A message as parsed from, or about to be written to, the wire. */
export interface Message<C extends JsonObject = JsonObject> {
  /** zmq routing prefix before the `<IDS|MSG>` delimiter (shell/control replies go back to it). */
  identities: Uint8Array[];
  header: Header;
  /** Header of the request that caused this message; `{}` when there is none. */
  parent_header: Header | Record<string, never>;
  metadata: JsonObject;
  content: C;
  /** Raw binary buffers, sent as trailing frames; not covered by the signature. */
  buffers: Uint8Array[];
}

/** The five sockets of a kernel (connection file `*_port` fields). */
export type Channel = "shell" | "control" | "iopub" | "stdin" | "hb";

/** Requests this kernel answers, and the msg_type of each reply. */
export const REPLY_TYPE = {
  execute_request: "execute_reply",
  inspect_request: "inspect_reply",
  complete_request: "complete_reply",
  is_complete_request: "is_complete_reply",
  history_request: "history_reply",
  kernel_info_request: "kernel_info_reply",
  comm_info_request: "comm_info_reply",
  shutdown_request: "shutdown_reply",
  interrupt_request: "interrupt_reply",
} as const;

export type RequestType = keyof typeof REPLY_TYPE;

/** Comm messages may arrive on shell; they have no reply (spec, "Custom Messages"). */
export const COMM_TYPES = ["comm_open", "comm_msg", "comm_close"] as const;
export type CommMsgType = (typeof COMM_TYPES)[number];

/** True when `t` is a request with a reply in REPLY_TYPE. */
export function isRequestType(t: string): t is RequestType {
  return Object.prototype.hasOwnProperty.call(REPLY_TYPE, t);
}

/** True when `t` is comm_open, comm_msg or comm_close. */
export function isCommType(t: string): t is CommMsgType {
  return (COMM_TYPES as readonly string[]).includes(t);
}

export interface ExecuteRequest extends JsonObject {
  /** Source code to be executed by the kernel, one or more lines. */
  code: string;
  /** "A boolean flag which, if True, signals the kernel to execute this code as quietly as possible": no broadcast on iopub, no execution_count increment. */
  silent: boolean;
  /** "A boolean flag which, if True, signals the kernel to populate history". Forced false when silent. */
  store_history: boolean;
  user_expressions: { [name: string]: JsonValue };
  allow_stdin: boolean;
  stop_on_error: boolean;
}

export interface ErrorContent extends JsonObject {
  /** Exception name, as a string. */
  ename: string;
  /** Exception value, as a string. */
  evalue: string;
  /** "The traceback will contain a list of frames, represented each as a string." */
  traceback: string[];
}

export interface CommOpenContent extends JsonObject {
  comm_id: string;
  target_name: string;
  data: JsonObject;
  target_module: string | null;
}

export interface CommMsgContent extends JsonObject {
  comm_id: string;
  data: JsonObject;
}

/** Status of a request's reply (spec: "ok", "error" or the deprecated "abort"). */
export type ReplyStatus = "ok" | "error" | "aborted";

/** kernel_info_reply content for this kernel. */
export function kernelInfoContent(typescriptVersion: string, nodeVersion: string): JsonObject {
  const { version, homepage } = packageInfo();
  return kernelInfo({ typescriptVersion, version, homepage, runsOn: `Node.js ${nodeVersion}` });
}

/**
 * Request -> reply for the shell channel, on the thread that runs cells.
 *
 * Every request is wrapped in status busy / idle on iopub (spec, "Kernel status") and
 * handled one at a time, in arrival order. The handler is the kernel's error edge:
 * a user error becomes an iopub `error` plus `execute_reply {status: "error"}`; a
 * malformed request is logged and dropped; nothing thrown here reaches the socket loop.
 */
import { randomUUID } from "crypto";
import { codePointsToUnits, unitsToCodePoints } from "./code-points";
import type { CommManager } from "./comms";
import type { Executor } from "./executor";
import { displayBundle, errorContent, InterruptedError } from "./executor";
import { createHostRuntime } from "./host-runtime";
import type { Header, Message } from "./messages";
import { isCommType, isRequestType, kernelInfoContent, REPLY_TYPE } from "./messages";
import type { OutputRouter } from "./output";
import { createOutputRouter, logKernel } from "./output";
import type { JsonObject, KernelRuntime } from "./runtime";
import { newHeader } from "./wire";

export { codePointsToUnits, unitsToCodePoints } from "./code-points";

/** Channels the handler writes to; the server signs and sends. */
export type OutChannel = "shell" | "iopub" | "control" | "stdin";
export type Send = (channel: OutChannel, message: Message) => void;

export interface Handler {
  /** Handles one shell message; resolves when its reply and idle status are sent. */
  handle(message: Message): Promise<void>;
  /**
   * Settles a request whose code was terminated mid-way (interrupt.ts): it will never
   * resume, so its reply (an Interrupted error) and idle status are sent now. A request
   * that has already finished, or finishes later, is answered once only.
   */
  abandon(message: Message): void;
  readonly runtime: KernelRuntime;
  readonly comms: CommManager;
  readonly output: OutputRouter;
}

/**
 * @param executor  runs cells
 * @param session   this kernel's session id (header.session of what it sends)
 * @param send      hands a message to the server
 */
export function createHandler(executor: Executor, session: string, send: Send): Handler {
  let executionCount = 0;
  /** Requests whose reply and idle status have gone out (normally, or by abandon). */
  const answered = new WeakSet<Message>();

  function message(msgType: string, parent: Header | undefined, content: JsonObject, opts: { identities?: Uint8Array[]; metadata?: JsonObject; buffers?: Uint8Array[] } = {}): Message {
    return {
      identities: opts.identities ?? [Buffer.from(`kernel.${session}.${msgType}`)],
      header: newHeader(msgType, session, new Date().toISOString(), randomUUID()),
      parent_header: parent ?? {},
      metadata: opts.metadata ?? {},
      content,
      buffers: opts.buffers ?? [],
    };
  }

  function iopub(msgType: string, parent: Header | undefined, content: JsonObject, buffers: Uint8Array[] = [], metadata: JsonObject = {}): void {
    send("iopub", message(msgType, parent, content, { buffers, metadata }));
  }

  const output = createOutputRouter((parent, name, text) => iopub("stream", parent, { name, text }));

  // The runtime's messages go to iopub, parented to the request whose code produced them.
  const { runtime, comms } = createHostRuntime(
    (msgType, content, metadata, buffers) => iopub(msgType, output.currentParent(), content, buffers, metadata),
    {
      reportError(err, where) {
        const e = errorContent(err);
        process.stderr.write(`Error in ${where}: ${e.traceback.join("\n")}\n`);
      },
    },
  );

  async function execute(req: Message): Promise<JsonObject> {
    const c = req.content;
    if (typeof c.code !== "string") throw new RequestError("execute_request: content.code must be a string");
    const silent = c.silent === true;
    // Spec: store_history "is forced to be False when silent is True".
    const storeHistory = silent ? false : c.store_history !== false;
    if (storeHistory) executionCount++;
    const count = executionCount;
    if (!silent) iopub("execute_input", req.header, { code: c.code, execution_count: count });
    const outcome = await executor.execute(c.code);
    if (outcome.status === "error") {
      const { ename, evalue, traceback } = outcome;
      iopub("error", req.header, { ename, evalue, traceback });
      return { status: "error", execution_count: count, ename, evalue, traceback };
    }
    if (outcome.hasValue && !silent) {
      try {
        const data = displayBundle(outcome.value);
        if (data) iopub("execute_result", req.header, { execution_count: count, data, metadata: {} });
      } catch (err) {
        const e = errorContent(err);
        iopub("error", req.header, e);
        return { status: "error", execution_count: count, ...e };
      }
    }
    const userExpressions: JsonObject = {};
    if (c.user_expressions && typeof c.user_expressions === "object" && !Array.isArray(c.user_expressions)) {
      for (const [name, expr] of Object.entries(c.user_expressions)) {
        if (typeof expr !== "string") continue;
        const r = await executor.execute(expr);
        userExpressions[name] =
          r.status === "error"
            ? { status: "error", ename: r.ename, evalue: r.evalue, traceback: r.traceback }
            : { status: "ok", data: displayBundle(r.hasValue ? r.value : undefined) ?? {}, metadata: {} };
      }
    }
    return { status: "ok", execution_count: count, user_expressions: userExpressions, payload: [] };
  }

  async function reply(req: Message): Promise<JsonObject | undefined> {
    const t = req.header.msg_type;
    const c = req.content;
    if (!isRequestType(t)) return undefined;
    switch (t) {
      case "execute_request":
        return execute(req);
      case "kernel_info_request":
        return kernelInfoContent(executor.typescriptVersion, process.version);
      case "is_complete_request":
        if (typeof c.code !== "string") throw new RequestError("is_complete_request: content.code must be a string");
        return executor.isComplete(c.code);
      case "complete_request": {
        if (typeof c.code !== "string" || typeof c.cursor_pos !== "number") throw new RequestError("complete_request: content.code must be a string and cursor_pos a number");
        const r = executor.complete(c.code, codePointsToUnits(c.code, c.cursor_pos));
        return { status: "ok", matches: r.matches, cursor_start: unitsToCodePoints(c.code, r.cursorStart), cursor_end: unitsToCodePoints(c.code, r.cursorEnd), metadata: {} };
      }
      case "inspect_request": {
        if (typeof c.code !== "string" || typeof c.cursor_pos !== "number") throw new RequestError("inspect_request: content.code must be a string and cursor_pos a number");
        const text = executor.inspect(c.code, codePointsToUnits(c.code, c.cursor_pos));
        return text ? { status: "ok", found: true, data: { "text/plain": text }, metadata: {} } : { status: "ok", found: false, data: {}, metadata: {} };
      }
      case "history_request":
        return { status: "ok", history: [] };
      case "comm_info_request": {
        const target = c.target_name;
        if (target !== undefined && typeof target !== "string") throw new RequestError("comm_info_request: content.target_name must be a string");
        return { status: "ok", comms: comms.info(target) };
      }
      case "shutdown_request":
      case "interrupt_request":
        // Served by the server thread (it must answer while a cell blocks this one).
        return undefined;
    }
  }

  async function handle(req: Message): Promise<void> {
    const t = req.header.msg_type;
    if (!isRequestType(t) && !isCommType(t)) {
      logKernel(`dropped shell message: unknown msg_type "${t}"`);
      return;
    }
    iopub("status", req.header, { execution_state: "busy" });
    try {
      await output.run(req.header, async () => {
        if (isCommType(t)) {
          const r = comms.handle(t, req.content, req.metadata, req.buffers);
          if (!r.ok) logKernel(`rejected ${t}: ${r.reason}`);
          return;
        }
        let content: JsonObject | undefined;
        try {
          content = await reply(req);
        } catch (err) {
          if (!(err instanceof RequestError)) throw err;
          logKernel(`rejected ${t}: ${err.message}`);
          content = { status: "error", ename: "RequestError", evalue: err.message, traceback: [] };
        }
        if (content && !answered.has(req)) send("shell", message(REPLY_TYPE[t as keyof typeof REPLY_TYPE], req.header, content, { identities: req.identities }));
      });
    } catch (err) {
      logKernel(`internal error handling ${t}: ${(err as Error)?.stack ?? String(err)}`);
    } finally {
      if (!answered.has(req)) {
        answered.add(req);
        iopub("status", req.header, { execution_state: "idle" });
      }
    }
  }

  function abandon(req: Message): void {
    if (answered.has(req)) return;
    answered.add(req);
    output.forget(req.header);
    const t = req.header.msg_type;
    if (isRequestType(t) && t !== "shutdown_request" && t !== "interrupt_request") {
      const error = errorContent(new InterruptedError("execution interrupted by the user"));
      let content: JsonObject = { status: "error", ...error };
      if (t === "execute_request") {
        iopub("error", req.header, error);
        content = { ...content, execution_count: executionCount };
      }
      send("shell", message(REPLY_TYPE[t], req.header, content, { identities: req.identities }));
    }
    iopub("status", req.header, { execution_state: "idle" });
  }

  return { handle, abandon, runtime, comms, output };
}

/** A request with ill-typed content: answered with status "error", logged, kernel unchanged. */
export class RequestError extends Error {
  override name = "RequestError";
}

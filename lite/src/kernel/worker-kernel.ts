/**
 * The FleetLab kernel as JupyterLite sees it: a BaseKernel whose every request is answered by
 * FleetLab's kernel runtime in a web worker (src/lite/protocol.ts describes the messages).
 *
 * JupyterLite hands the kernel one message at a time; each becomes a numbered WorkerRequest
 * and resolves with the worker's WorkerReply. What the worker emits on the way is published
 * with the header of the Jupyter message whose request it names, also after that request was
 * answered (a widget's deferred recompute), so outputs land in the right cell.
 */
import type { KernelMessage } from "@jupyterlab/services";
import { BaseKernel, type IKernel } from "@jupyterlite/services";
import type { JsonObject } from "../../../src/kernel/runtime";
import type { FromWorker, ToWorker, WorkerEmit, WorkerRequest } from "../../../src/lite/protocol";
import { ParentTable } from "./parent-table";

type Header = KernelMessage.IHeader<KernelMessage.MessageType>;
/** A request as the page builds it, before it is numbered. */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, "id"> : never) : never;

export interface WorkerKernelOptions extends IKernel.IOptions {
  /** The worker script (the site's fleetlab/worker.js). */
  workerUrl: string;
  /** Where the worker fetches its TypeScript library and FleetLab declarations. */
  assetsUrl: string;
  /** Where the site serves its files (the drive as published), for a course's mission files. */
  filesUrl: string;
  /** The notebook's path in the site's drive, known once the kernel's session is. */
  notebookPath: () => Promise<string>;
}

/** Fields every kernel_info_reply carries; the worker's kernelInfo completes them. */
const KERNEL_INFO_BASE = { status: "ok", protocol_version: "5.3", implementation: "fleetlab" } as const;

export class WorkerKernel extends BaseKernel {
  constructor(options: WorkerKernelOptions) {
    super(options);
    this._options = options;
  }

  /** Starts the worker on first use: the notebook path is only known after the session starts its kernel. */
  override get ready(): Promise<void> {
    this._started ??= this._start();
    return this._started;
  }

  /** Rejects the running cell's pending await in the worker; JupyterLite cancels the queued ones. */
  interrupt(): void {
    this._post({ method: "interrupt" });
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this._worker?.terminate();
    this._fail("the kernel was shut down");
    super.dispose();
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg["content"]> {
    await this.ready;
    const info = this._failure
      ? { language_info: { name: "typescript" }, banner: `The FleetLab kernel stopped: ${this._failure}` }
      : this._info;
    return { ...KERNEL_INFO_BASE, ...info } as unknown as KernelMessage.IInfoReplyMsg["content"];
  }

  async executeRequest(content: KernelMessage.IExecuteRequestMsg["content"]): Promise<KernelMessage.IExecuteReplyMsg["content"]> {
    if (!this._failure) {
      const reply = await this._ask<KernelMessage.IExecuteReplyMsg["content"]>({
        method: "execute", code: content.code, executionCount: this.executionCount,
        silent: content.silent ?? false, storeHistory: content.store_history ?? true,
      });
      if (!this._failure) return reply;
    }
    // Shown in the cell, where the student looks, rather than only on the console.
    const error = failedReply(this._failure);
    this.publishExecuteError(error);
    return { ...error, execution_count: this.executionCount };
  }

  async completeRequest(content: KernelMessage.ICompleteRequestMsg["content"]): Promise<KernelMessage.ICompleteReplyMsg["content"]> {
    return this._ask({ method: "complete", code: content.code, cursorPos: content.cursor_pos });
  }

  async inspectRequest(content: KernelMessage.IInspectRequestMsg["content"]): Promise<KernelMessage.IInspectReplyMsg["content"]> {
    return this._ask({ method: "inspect", code: content.code, cursorPos: content.cursor_pos, detailLevel: content.detail_level });
  }

  async isCompleteRequest(content: KernelMessage.IIsCompleteRequestMsg["content"]): Promise<KernelMessage.IIsCompleteReplyMsg["content"]> {
    return this._ask({ method: "isComplete", code: content.code });
  }

  async commInfoRequest(content: KernelMessage.ICommInfoRequestMsg["content"]): Promise<KernelMessage.ICommInfoReplyMsg["content"]> {
    return this._ask({ method: "commInfo", ...(content.target_name ? { targetName: content.target_name } : {}) });
  }

  /** FleetLab's kernel reads no stdin: nothing asks for input, so no reply is expected. */
  inputReply(): void {}

  async commOpen(msg: KernelMessage.ICommOpenMsg): Promise<void> {
    await this._comm("comm_open", msg);
  }

  async commMsg(msg: KernelMessage.ICommMsgMsg): Promise<void> {
    await this._comm("comm_msg", msg);
  }

  async commClose(msg: KernelMessage.ICommCloseMsg): Promise<void> {
    await this._comm("comm_close", msg);
  }

  private async _comm(msgType: "comm_open" | "comm_msg" | "comm_close", msg: KernelMessage.IMessage): Promise<void> {
    if (this._failure) return;
    const buffers = (msg.buffers ?? []).map(toArrayBuffer);
    await this._ask({ method: "comm", msgType, content: msg.content as JsonObject, metadata: (msg.metadata ?? {}) as JsonObject, buffers });
  }

  private async _start(): Promise<void> {
    const notebookPath = await this._options.notebookPath();
    const worker = new Worker(this._options.workerUrl);
    this._worker = worker;
    const ready = new Promise<void>((resolve) => {
      this._whenReady = resolve;
    });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this._receive(event.data);
    worker.onerror = (event) => {
      // Handled here (the kernel reports it in the cell), not left to the page as an uncaught error.
      event.preventDefault();
      this._fail(event.message || `cannot run ${this._options.workerUrl}`);
    };
    this._post({ method: "init", assetsUrl: this._options.assetsUrl, filesUrl: this._options.filesUrl, notebookPath });
    await ready;
  }

  /** Sends one request with the current Jupyter message as the parent of what it emits. */
  private _ask<T>(request: Request): Promise<T> {
    if (this._failure) return Promise.resolve(failedReply(this._failure) as T);
    const id = ++this._lastId;
    this._parents.set(id, this.parent?.header ?? this.parentHeader);
    return new Promise<T>((resolve) => {
      this._pending.set(id, resolve as (content: JsonObject) => void);
      this._post({ ...request, id } as WorkerRequest);
    });
  }

  private _post(message: ToWorker): void {
    const buffers = "buffers" in message ? message.buffers : [];
    this._worker?.postMessage(message, buffers);
  }

  private _receive(message: FromWorker): void {
    switch (message.kind) {
      case "ready":
        this._info = message.kernelInfo;
        this._whenReady?.();
        break;
      case "failed":
        this._fail(message.message);
        break;
      case "reply": {
        const pending = this._pending.get(message.id);
        this._pending.delete(message.id);
        pending?.(message.content);
        break;
      }
      case "emit":
        this._publish(message);
        break;
    }
  }

  private _publish({ origin, msgType, content, metadata, buffers }: WorkerEmit): void {
    const parent = this._parents.get(origin) ?? this.parentHeader;
    // BaseKernel's publishers take the content types of @jupyterlab/services; the worker sends them as JSON.
    const c = content as never;
    switch (msgType) {
      case "stream": return this.stream(c, parent);
      case "display_data": return this.displayData(c, parent);
      case "update_display_data": return this.updateDisplayData(c, parent);
      case "clear_output": return this.clearOutput(c, parent);
      case "execute_result": return this.publishExecuteResult(c, parent);
      case "error": return this.publishExecuteError(c, parent);
      case "comm_open":
      case "comm_msg":
      case "comm_close":
        return this.handleComm(msgType, c, metadata, buffers, parent);
    }
  }

  /** The worker is gone or never came up: answer what waits with the failure, and every later request too. */
  private _fail(message: string): void {
    if (this._failure) return;
    this._failure = message;
    console.error(`FleetLab kernel: ${message}`);
    for (const answer of this._pending.values()) answer(failedReply(message));
    this._pending.clear();
    this._whenReady?.();
  }

  private readonly _options: WorkerKernelOptions;
  private readonly _pending = new Map<number, (content: JsonObject) => void>();
  private readonly _parents = new ParentTable<Header | undefined>();
  private _worker: Worker | undefined;
  private _started: Promise<void> | undefined;
  private _whenReady: (() => void) | undefined;
  private _info: JsonObject = {};
  private _failure = "";
  private _lastId = 0;
}

/** The reply content of any request once the worker failed: what happened and the way out. */
function failedReply(message: string) {
  return {
    status: "error" as const, ename: "KernelFailed", evalue: message,
    traceback: [`The FleetLab kernel stopped: ${message}`, "Restart it (Kernel > Restart Kernel…) to start a new one; committed predictions are kept."],
  };
}

/** The bytes of a comm buffer as an ArrayBuffer of their own, which can be transferred to the worker. */
function toArrayBuffer(buffer: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  if (buffer instanceof ArrayBuffer) return buffer.slice(0);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice().buffer;
}

/**
 * Fills what jsdom lacks: the one DOM class that @lumino/dragdrop (loaded by
 * @jupyter-widgets/base) subclasses at import time, and Node's structuredClone, which the
 * kernel widgets use when a spec runs them beside a view. No-op outside jsdom.
 */
import { deserialize, serialize } from "node:v8";

if (typeof window !== "undefined" && typeof (globalThis as { DragEvent?: unknown }).DragEvent === "undefined") {
  class DragEventShim extends MouseEvent {
    readonly dataTransfer: DataTransfer | null = null;
  }
  (globalThis as { DragEvent?: unknown }).DragEvent = DragEventShim;
}
if (typeof window !== "undefined" && typeof globalThis.structuredClone === "undefined") {
  globalThis.structuredClone = <T>(value: T): T => deserialize(serialize(value)) as T;
}

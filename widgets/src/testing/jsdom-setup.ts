/**
 * Fills the one DOM class jsdom lacks that @lumino/dragdrop (loaded by
 * @jupyter-widgets/base) subclasses at import time. No-op outside jsdom.
 */
if (typeof window !== "undefined" && typeof (globalThis as { DragEvent?: unknown }).DragEvent === "undefined") {
  class DragEventShim extends MouseEvent {
    readonly dataTransfer: DataTransfer | null = null;
  }
  (globalThis as { DragEvent?: unknown }).DragEvent = DragEventShim;
}
export {};

/**
 * The entry of the FleetLab kernel's web worker (bundled by build-worker.ts): the compiler,
 * the model (`fleetlab`) and the mission layer's browser entry (`fleetlab/mission`) are
 * bundled in; the worker's globals give postMessage, fetch and IndexedDB; worker-host.ts
 * does the rest. Reaches no Node builtin (test/browser/worker-bundle.test.ts).
 *
 * The page sends WorkerInit first, its `assetsUrl` the folder holding typescript-lib.json
 * and fleetlab-types.json (relative URLs resolve against this script's URL).
 */
import * as ts from "typescript";
import * as model from "../model/index";
import * as mission from "../mission/browser";
import { indexedDbKeyValueStore, memoryKeyValueStore, type IndexedDb } from "./key-value";
import type { FromWorker, ToWorker } from "./protocol";
import { createWorkerHost } from "./worker-host";

interface WorkerScope {
  location: { href: string };
  postMessage(message: FromWorker, transfer: ArrayBuffer[]): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
  fetch(url: string): Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
}

const scope = globalThis as unknown as WorkerScope & Partial<IndexedDb>;

const host = createWorkerHost({
  post: (message, transfer) => scope.postMessage(message, transfer),
  // Without IndexedDB (a private window may refuse it) records last as long as the worker.
  store: scope.indexedDB && scope.IDBKeyRange ? indexedDbKeyValueStore(scope as IndexedDb) : memoryKeyValueStore(),
  async fetchJson(url) {
    const absolute = new URL(url, scope.location.href).href;
    const response = await scope.fetch(absolute);
    if (!response.ok) throw new Error(`cannot fetch ${absolute}: HTTP ${response.status}`);
    return response.json();
  },
  ts,
  modules: { fleetlab: () => model, "fleetlab/mission": () => mission },
});

scope.onmessage = (event) => host.receive(event.data);

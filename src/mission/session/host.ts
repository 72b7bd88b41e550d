/**
 * What a mission session needs of the platform under it, beyond the kernel runtime's comms
 * and display: where the design record lives, and how a mission file is loaded. Node's
 * (node-host.ts: a file beside the notebook, the TypeScript loader) is installed by
 * `fleetlab/mission`; a browser worker installs its own (its drive or IndexedDB, no
 * loader) before opening a mission. With none installed, the record is kept in memory and
 * only built-in missions open.
 *
 * It lives on globalThis under a registered symbol, as the kernel runtime does, so every
 * copy of this module a process loads finds the same host.
 */
import type { Mission } from "../authoring/types";
import { isMissionFile, missionById } from "../mission-ref";
import { memoryDesignStore, type DesignRecordStore } from "./design-store";

export interface MissionHost {
  /** The design record in force now (Node's follows $FLEETLAB_DESIGN_RECORD, which a runner sets per notebook). */
  designRecord(): DesignRecordStore;
  /** The mission a file reference names, relative to the notebook's folder; absent where files cannot be compiled. */
  loadMissionFile?(ref: string): Mission<unknown>;
}

const HOST_KEY = Symbol.for("fleetlab.missionHost");
type HostHolder = { [HOST_KEY]?: MissionHost };

/** Installs the platform's mission host (undefined: none). */
export function setMissionHost(host: MissionHost | undefined): void {
  (globalThis as HostHolder)[HOST_KEY] = host;
}

/** The installed mission host, or undefined when none is. */
export function currentMissionHost(): MissionHost | undefined {
  return (globalThis as HostHolder)[HOST_KEY];
}

const inMemory = memoryDesignStore();
const BARE_HOST: MissionHost = { designRecord: () => inMemory };

/** The installed mission host, else one that keeps the design record in memory and opens built-in missions only. */
export function missionHost(): MissionHost {
  return currentMissionHost() ?? BARE_HOST;
}

/** The mission `ref` names: a built-in id, or a mission file the host loads. */
export function missionByRef(ref: string): Mission<unknown> {
  if (!isMissionFile(ref)) return missionById(ref);
  const host = missionHost();
  if (!host.loadMissionFile) throw new Error(`mission file ${ref}: this host opens built-in missions only (it has no TypeScript compiler or files)`);
  return host.loadMissionFile(ref);
}

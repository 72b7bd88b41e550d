/**
 * The catalog of missions, by id, in course order.
 */
import { messages } from "../messages";
import type { Mission } from "../types";
import { faultTolerance } from "./fault-tolerance";
import { fleetOrch } from "./fleet-orch";
import { mlIntro } from "./ml-intro";
import { opsScale } from "./ops-scale";

/** Every mission, in course order. */
export const MISSIONS: readonly Mission<any>[] = [mlIntro, faultTolerance, fleetOrch, opsScale]; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The mission with this id (e.g. "01_ml_intro"); throws naming the known ids. */
export function missionById(id: string): Mission<unknown> {
  const m = MISSIONS.find((x) => x.id === id);
  if (!m) throw new RangeError(messages.unknownMission(id, MISSIONS.map((x) => x.id)));
  return m as Mission<unknown>;
}

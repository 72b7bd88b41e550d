/**
 * `fleetlab/mission`: the mission layer's public surface. A mission file (FleetLab's own
 * four and every course's) imports the authoring API from here and the model from
 * `fleetlab`; a notebook imports `mission` to open one.
 *
 * This is the Node entry: browser.ts's surface (everything that runs in a browser web
 * worker too), the design record file and mission files, and Node's mission host,
 * installed here unless a host is installed already.
 *
 * This module never imports a mission: mission files import it, so the built-in missions
 * are looked up lazily (mission-ref.ts).
 */
// The local exports below (readDesignRecord, mission) take the place of browser.ts's.
export * from "./browser";
export { DESIGN_RECORD_FILE, readDesignRecord, writeDesignEntry } from "./grading/design-record";
export { findMission } from "./find-mission";

import { answerKey } from "./grading/answer-key";
import { readDesignRecord } from "./grading/design-record";
import { nodeMissionHost } from "./node-host";
import { currentMissionHost, setMissionHost } from "./session/host";
import { open } from "./session/session";

if (!currentMissionHost()) setMissionHost(nodeMissionHost);

/**
 * The notebook entry point: `import { mission } from "fleetlab/mission"; mission.open("01_ml_intro", track)`
 * for a built-in mission, `mission.open("15_edge_ai.ts", track)` for a mission file beside the notebook.
 */
export const mission = { open, answerKey, readDesignRecord };

/**
 * The mission host in Node (the desktop kernel, `fleetlab run`, the grader): the design
 * record is the JSON file beside the notebook, or the one $FLEETLAB_DESIGN_RECORD names,
 * and a mission file is compiled from the working directory (the notebook's folder).
 */
import path from "path";
import { loadMissionFile } from "./authoring/mission-file";
import { designRecordPath, fileDesignStore } from "./grading/design-record";
import type { MissionHost } from "./session/host";

export const nodeMissionHost: MissionHost = {
  designRecord: () => fileDesignStore(designRecordPath()),
  loadMissionFile: (ref) => loadMissionFile(path.resolve(process.cwd(), ref)),
};

/**
 * `fleetlab/mission`: the mission layer's public surface. A mission file (FleetLab's own
 * four and every course's) imports the authoring API from here and the model from
 * `fleetlab`; a notebook imports `mission` to open one.
 *
 * In Node it installs Node's mission host (node-host.ts: the design record file, mission
 * files) unless a host is installed already.
 *
 * This module never imports a mission: mission files import it, so the built-in missions
 * are looked up lazily (mission-ref.ts).
 */
export type {
  ChoiceSpec, Controls, ControlSpec, ControlValue, ControlValues, DesignEntry, DesignView, FastArg, FastSweep, FastValue, FormulaSpec,
  InstrumentSpec, LockSpec, Mission, MissionSpec, PartSpec, PartValues, PerTrack, ReflectSpec, Row, SliderSpec, StakeholderSpec, TargetSpec,
  ToggleSpec, TrackContext, TrackFn, TrackId, TrackStory, ValueOf, WorkbenchSpec,
} from "./authoring/types";
export { TRACK_IDS } from "./authoring/types";
export { defineMission, missionProblems } from "./authoring/define";
export type { PlanReference } from "./authoring/plan-figures";
export { planFigures } from "./authoring/plan-figures";
export { modelSweep, modelValue } from "./authoring/fast-path";
export { niceCeil, niceFloor } from "./authoring/ranges";
export { largestIntegerWhere, smallestIntegerWhere, sweep } from "./authoring/search";
export { memoizeRuns } from "./authoring/update-work";
export { missionSeed, withRunSeed } from "./authoring/seeds";
export type { ControlSetting, InstrumentProblem, UpdateOutcome } from "./authoring/control-extremes";
export { controlSettings, extremeProblems, sweepControlExtremes, UPDATE_WORK_BUDGET } from "./authoring/control-extremes";
export { MissionDefinitionError } from "./authoring/messages";
export { missionNotebook, serializeNotebook } from "./authoring/notebook";
export type { AnswerKey, LockKey, TargetKey } from "./grading/answer-key";
export { answerKey, lockMatches, missionKeys, withinTolerance } from "./grading/answer-key";
export { DESIGN_RECORD_FILE, readDesignRecord, writeDesignEntry } from "./grading/design-record";
export { wordCount } from "../widget-contract/words";
export { builtInMissions, findMission, missionById } from "./find-mission";
export type { MissionSession, RenderedPart } from "./session/session";
export { open, renderedParts } from "./session/session";

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

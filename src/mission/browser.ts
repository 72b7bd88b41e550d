/**
 * `fleetlab/mission` for a kernel in a browser web worker (a JupyterLite site): the public
 * surface of index.ts less what needs Node. Left out: the design record file
 * (grading/design-record.ts: fs, process.env) and mission files (find-mission.ts,
 * authoring/mission-file.ts: fs, path, the TypeScript compiler). The worker installs its
 * storage with `setMissionHost` before opening a mission; the built-in missions open as in
 * Node. test/browser/worker-bundle.test.ts bundles this entry for the browser and fails on
 * any Node builtin it reaches.
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
export { wordCount } from "../widget-contract/words";
export { builtInMissions, missionById } from "./mission-ref";
export type { MissionSession, RenderedPart } from "./session/session";
export { open, renderedParts } from "./session/session";

export type { DesignRecordStore } from "./session/design-store";
export { designView, memoryDesignStore } from "./session/design-store";
export type { MissionHost } from "./session/host";
export { currentMissionHost, setMissionHost } from "./session/host";

import type { DesignEntry, DesignView } from "./authoring/types";
import { answerKey } from "./grading/answer-key";
import { designView, storedEntries } from "./session/design-store";
import { missionHost } from "./session/host";
import { open } from "./session/session";

/** The design record in the host's store (by this and earlier missions). */
export function readDesignRecord(): DesignView & { entries: DesignEntry[] } {
  return designView(storedEntries(missionHost().designRecord()));
}

/** The notebook entry point: `import { mission } from "fleetlab/mission"; mission.open("01_ml_intro", track)`. */
export const mission = { open, answerKey, readDesignRecord };

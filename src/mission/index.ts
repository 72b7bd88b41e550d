/**
 * The mission layer's public surface (imported by notebooks as "fleetlab/mission").
 */
export type {
  ControlSpec, ControlValue, ControlValues, FormulaSpec, InstrumentSpec, LedgerEntry, LedgerView, LockSpec, Mission, MissionSpec,
  PartSpec, PerTrack, ReflectSpec, StakeholderSpec, TargetSpec, TrackContext, TrackId, TrackStory, WorkbenchSpec,
} from "./types";
export { TRACK_IDS } from "./types";
export { defineMission, missionProblems } from "./define";
export type { ControlSetting, InstrumentProblem, UpdateOutcome } from "./control-extremes";
export { controlSettings, extremeProblems, sweepControlExtremes, UPDATE_WORK_BUDGET } from "./control-extremes";
export { MissionDefinitionError } from "./messages";
export type { AnswerKey, LockKey, TargetKey } from "./answer-key";
export { answerKey, lockMatches, missionKeys, withinTolerance } from "./answer-key";
export { LEDGER_FILE, readLedger, writeLedgerEntry } from "./ledger";
export { wordCount } from "../widgets/words";
export { MISSIONS, missionById } from "./missions/index";
export { missionNotebook, serializeNotebook } from "./notebook";
export type { MissionSession, RenderedPart } from "./session";
export { open, renderedParts } from "./session";

import { answerKey as key } from "./answer-key";
import { readLedger as ledger } from "./ledger";
import { open as openMission } from "./session";
/** The notebook entry point: `import { mission } from "fleetlab/mission"; mission.open("01_ml_intro", track)`. */
export const mission = { open: openMission, answerKey: key, readLedger: ledger };

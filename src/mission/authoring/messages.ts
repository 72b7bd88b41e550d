/**
 * User-facing text of the mission layer, written once; tests match against it.
 */

/** A mission definition that fails its checks; `problems` lists each, naming the field. */
export class MissionDefinitionError extends Error {
  constructor(readonly missionId: string, readonly problems: string[]) {
    super(`mission ${missionId} is incomplete:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "MissionDefinitionError";
  }
}

export const messages = {
  unknownPart: (mission: string, part: string, known: string[]) =>
    `mission ${mission}: no part "${part}"; parts: ${known.join(", ")}`,
  unknownMission: (id: string, known: string[]) => `unknown mission "${id}"; missions: ${known.join(", ")}`,
  unknownControl: (mission: string, part: string, control: string, known: string[]) =>
    `mission ${mission} part ${part}: no control "${control}"; controls: ${known.join(", ")}`,
  lockFirst: "Commit your prediction above to open the workbench.",
  reflectShort: (min: number, got: number) => `Write at least ${min} words (you have ${got}).`,
};

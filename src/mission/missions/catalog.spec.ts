import { BUILT_IN_MISSION_IDS, isBuiltInMission, loadBuiltInMission } from "./catalog";
import { missionById } from "../find-mission";

describe("the built-in missions by id", () => {
  it("each id loads the mission of that id, in course order", () => {
    expect(BUILT_IN_MISSION_IDS).toEqual(["01_ml_intro", "07_fault_tolerance", "08_fleet_orch", "12_ops_scale"]);
    for (const id of BUILT_IN_MISSION_IDS) expect(loadBuiltInMission(id).id).toBe(id);
  });
  it("an unknown id is no built-in, and missionById names the known ones", () => {
    expect(isBuiltInMission("toString")).toBe(false);
    expect(() => missionById("99_nope")).toThrow('unknown mission "99_nope"; missions: 01_ml_intro, 07_fault_tolerance, 08_fleet_orch, 12_ops_scale');
  });
});

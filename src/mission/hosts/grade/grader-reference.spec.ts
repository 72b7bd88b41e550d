import { missionKeys } from "../../grading/answer-key";
import { missionNotebook } from "../../authoring/notebook";
import { missionById } from "../../find-mission";
import { graderReference } from "./grader-reference";
import type { ReferenceRequest } from "../../grading/evidence";

describe("the grader's reference, asked for by a worker", () => {
  const missionFor = (id: string) => missionById(id);

  it("is the model's keys of every part on each track asked for and the handed-out notebook, each computed once per run", () => {
    let calls = 0;
    const reference = graderReference((id) => (calls++, missionFor(id)));
    const referenceFor = reference.forWorker;
    const request = { mission: "01_ml_intro", missionFile: null, tracks: ["tiny_pioneer", "cloud_titan", "tiny_pioneer"] };
    const first = referenceFor(request);
    const mission = missionFor("01_ml_intro");
    expect(first.keys).toEqual([...missionKeys(mission, "tiny_pioneer"), ...missionKeys(mission, "cloud_titan")]);
    expect(first.keys).toHaveLength(6);
    expect(first.handedOut).toEqual(missionNotebook(mission));
    const again = referenceFor(request);
    expect(again.keys[0]).toBe(first.keys[0]);
    expect(again.handedOut).toBe(first.handedOut);
    expect(calls).toBe(2);
    // The scores use the very keys the workers were sent.
    expect(reference.keys(mission, "cloud_titan")[0]).toBe(first.keys[3]);
  });

  it("for a course mission, the handed-out notebook names the mission file", () => {
    const r = graderReference(missionFor).forWorker({ mission: "01_ml_intro", missionFile: "01_ml_intro.ts", tracks: [] });
    expect(r.keys).toEqual([]);
    expect(r.handedOut.metadata.fleetlab).toMatchObject({ missionFile: "01_ml_intro.ts" });
  });

  it.each<[string, unknown, RegExp]>([
    ["not an object", null, /names a mission, its file \(or null\) and a list of tracks/],
    ["tracks not a list", { mission: "01_ml_intro", missionFile: null, tracks: "cloud_titan" }, /a list of tracks/],
    ["a file that is not text", { mission: "01_ml_intro", missionFile: 7, tracks: [] }, /its file \(or null\)/],
    ["an unknown mission", { mission: "99_nope", missionFile: null, tracks: [] }, /unknown mission "99_nope"/],
    ["a track the mission lacks", { mission: "01_ml_intro", missionFile: null, tracks: ["cloud_titan", "__proto__"] }, /mission 01_ml_intro has no track __proto__/],
  ])("refuses a request with %s, naming the fault", (_, request, message) => {
    expect(() => graderReference(missionFor).forWorker(request as ReferenceRequest)).toThrow(message);
  });
});

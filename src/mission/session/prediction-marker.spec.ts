/**
 * The locked prediction is drawn on the instrument that answers it (lock.shownOn), on every
 * track: nothing before the commit; after it, a gauge's marker or a plot's prediction rule
 * at the prediction (or at what it implies, `at`), beside the model's own value.
 */
import { openPart, scratchLedger } from "../../../test/helpers/headless-part";
import { answerKey } from "../grading/answer-key";
import { MISSIONS } from "../missions/index";
import { trackContext } from "../authoring/resolve";
import type { TrackId } from "../authoring/types";

const cases = MISSIONS.flatMap((mission) => mission.parts.filter((p) => p.lock.kind === "number" && p.lock.shownOn)
  .flatMap((part) => (Object.keys(mission.tracks) as TrackId[]).map((track) => ({ mission, part, track }))));

describe("the committed prediction is drawn on the instrument that answers it", () => {
  scratchLedger();

  it("covers every number lock of every mission", () => {
    const numberLocks = MISSIONS.flatMap((m) => m.parts.filter((p) => p.lock.kind === "number"));
    expect(numberLocks.length).toBeGreaterThanOrEqual(4);
    expect(numberLocks.filter((p) => p.lock.kind === "number" && !p.lock.shownOn).map((p) => p.id)).toEqual([]);
  });

  it.each(cases.map((c) => [c.mission.id, c.part.id, c.track, c] as const))("%s / %s / %s", async (_m, _p, _t, { mission, part, track }) => {
    const lock = part.lock as Extract<typeof part.lock, { kind: "number" }>;
    const on = lock.shownOn!;
    const { shown, state, commit } = openPart(mission.id, track, part.id);
    const answering = shown.instruments[on.instrument];
    const ins = part.workbench.instruments.find((i) => i.id === on.instrument)!;
    const drawn = () => (ins.kind === "gauge" ? state(answering).marker : state(answering).prediction);
    expect(drawn()).toEqual(ins.kind === "gauge" ? null : []);

    // A prediction off the model's answer by half: drawn where it says, not where the model is.
    const key = answerKey(mission, part.id, track).lock;
    const prediction = Math.min(lock.max, Math.max(lock.min, (key.answer as number) * 1.5));
    await commit(prediction);
    const ctx = trackContext(mission, track);
    const at = on.at ? on.at(prediction, ctx as never) : prediction;
    const label = on.label ?? "your prediction";
    if (ins.kind === "gauge") {
      expect(drawn()).toEqual({ value: at, label });
      expect(state(answering).value).not.toBe(at);
    } else {
      expect(drawn()).toEqual([{ [ins[on.axis!].field]: at, label }]);
      const layers = (state(answering).spec as { layer: { data?: { name: string } }[] }).layer;
      expect(layers.filter((l) => l.data?.name === "prediction")).toHaveLength(2);
    }
  });
});

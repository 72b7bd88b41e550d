/** @jest-environment jsdom */
import { SliderModel } from "./slider";
import { INVALID_EVENT } from "./widget-base";
import { createFakeComm, createFakeManager } from "./testing/fake-comm";
import { MODEL_NAMES, WIDGET_MODULE } from "../../src/widget-contract/traits";

function makeModel() {
  const comm = createFakeComm();
  const Model = SliderModel as unknown as new (attrs: object, options: object) => InstanceType<typeof SliderModel>;
  const model = new Model({}, { model_id: "m1", widget_manager: createFakeManager(), comm });
  return { model, comm };
}

describe("defineWidget Model", () => {
  it("takes its names from MODEL_NAMES and its defaults from the trait list", () => {
    const { model } = makeModel();
    expect(model.get("_model_name")).toBe(MODEL_NAMES.slider._model_name);
    expect(model.get("_view_name")).toBe("SliderView");
    expect(model.get("_model_module")).toBe(WIDGET_MODULE);
    expect(model.get("scale")).toBe("linear");
    expect(model.get("continuous_update")).toBe(true);
  });

  it("drops a bad kernel value, keeps the last good one and reports it", () => {
    const { model, comm } = makeModel();
    const seen: unknown[] = [];
    model.on(INVALID_EVENT, (m: unknown) => seen.push(m));
    comm.receive({ method: "update", state: { value: 30, min: 0, max: 50 } });
    return model.state_change.then(async () => {
      expect(model.get("value")).toBe(30);
      comm.receive({ method: "update", state: { value: "lots" } });
      await model.state_change;
      expect(model.get("value")).toBe(30);
      expect(seen).toEqual([expect.stringMatching(/^\[fleetlab\] kernel sent value that is not a finite number/)]);
    });
  });

  it("keeps one update in flight and merges later patches into the next (ipywidgets throttle)", () => {
    const { model, comm } = makeModel();
    for (const v of [1, 2, 3]) {
      model.set("value", v);
      model.save_changes();
    }
    model.set("description", "MTBF");
    model.save_changes();
    expect(comm.sent.map((m) => m.data.state)).toEqual([{ value: 1 }]);
    comm.idle();
    expect(comm.sent.map((m) => m.data.state)).toEqual([{ value: 1 }, { value: 3, description: "MTBF" }]);
    comm.idle();
    expect(comm.sent).toHaveLength(2);
  });
});

import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
let rt: FakeRuntime;
beforeEach(() => { rt = installFakeRuntime(); });
afterAll(() => setKernelRuntime(undefined));
void settle;

import { Box, tabs } from "./box";
import { Toggle } from "./toggle";
describe("Box", () => {
  it("references children as IPY_MODEL_<id> and bounds selected_index", () => {
    const a = new Toggle();
    const b = new Toggle();
    const t = tabs([a, b], ["A", "B"]);
    expect(rt.messagesOf(t.id)[0].data.state).toMatchObject({
      _model_name: "BoxModel", arrangement: "tab", children: [`IPY_MODEL_${a.id}`, `IPY_MODEL_${b.id}`], selected_index: 0,
    });
    rt.update(t.id, { selected_index: 1 });
    expect(t.get("selected_index")).toBe(1);
    rt.update(t.id, { selected_index: 2 });
    expect(rt.last(t.id).data.content).toMatchObject({ message: "selected_index must be null or an integer in [0, 1] (got 2)" });
    t.setChildren([a]);
    expect(t.get("selected_index")).toBe(0);
    expect(() => t.set("children", ["comm-1"])).toThrow(/IPY_MODEL_/);
    expect(new Box([a]).get("arrangement")).toBe("vbox");
  });
});

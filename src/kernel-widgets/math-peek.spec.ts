import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
let rt: FakeRuntime;
beforeEach(() => { rt = installFakeRuntime(); });
afterAll(() => setKernelRuntime(undefined));
void settle;

import { MathPeek } from "./math-peek";
import { Slider } from "./slider";
describe("MathPeek", () => {
  it("shows Young's interval as TeX with its live value (δ = 300 s, M = 14,400 s → 2,939 s)", async () => {
    const m = new Slider({ value: 14_400, min: 60, max: 100_000 });
    const peek = new MathPeek({ expression: "sqrt(2 * delta * M)", unit: "s", scope: { delta: 300, M: m } });
    expect(peek.get("tex")).toBe("\\sqrt{2\\cdot\\delta\\cdot M}");
    expect(peek.get("value")).toBeCloseTo(2939.39, 2);
    rt.update(m.id, { value: 3_600 });
    expect(peek.get("value")).toBeCloseTo(2939.39 / 2, 2);
  });
  it("refuses an unparsable expression and lets the front end toggle only expanded", () => {
    expect(() => new MathPeek({ expression: "sqrt(2 *" })).toThrow(/MathPeek.expression must be a mathjs expression/);
    const peek = new MathPeek({ expression: "1 / N" });
    expect(peek.get("value")).toBeNull();
    rt.update(peek.id, { expanded: true });
    expect(peek.get("expanded")).toBe(true);
    rt.update(peek.id, { tex: "x" });
    expect(rt.last(peek.id).data.content).toMatchObject({ message: "tex is set by the kernel only" });
  });
});

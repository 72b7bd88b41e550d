import { formulaNumbers, freeSymbols, noValueScope } from "./formula";
import type { FormulaSpec, TrackContext } from "./types";
import { EMPTY_DESIGNS } from "./resolve";

describe("freeSymbols", () => {
  it("lists the symbols an expression reads: not function names, not an assignment's result", () => {
    expect(freeSymbols("P_fleet = P_node ^ N")).toEqual(["P_node", "N"]);
    expect(freeSymbols("tau_opt = sqrt(2 * delta * M) * (1 + 1 / 3 * sqrt(delta / (2 * M))) - delta")).toEqual(["delta", "M"]);
    expect(freeSymbols("n = ceil(log(1 - C) / log(1 - p))")).toEqual(["C", "p"]);
    expect(freeSymbols("s_i = max(u_gpu / R_gpu, u_cpu / R_cpu)")).toEqual(["u_gpu", "R_gpu", "u_cpu", "R_cpu"]);
  });
  it("counts names mathjs knows as constants: a formula's e or tau is its own symbol", () => {
    expect(freeSymbols("Toil = a * N + e * h")).toEqual(["a", "N", "e", "h"]);
    expect(freeSymbols("overhead = delta / tau + tau / (2 * M)")).toEqual(["delta", "tau", "M"]);
  });
  it("a scope of NaN for every symbol", () => {
    expect(noValueScope("y = a * b")).toEqual({ a: NaN, b: NaN });
  });
});

describe("formulaNumbers", () => {
  const ctx: TrackContext<{ k: number }> = { track: "cloud_titan", params: { k: 3 }, designs: EMPTY_DESIGNS };
  const f = (scope: FormulaSpec<{ k: number }>["scope"]): FormulaSpec<{ k: number }> => ({ label: "f", expression: "y = k * x", scope });
  it("returns the scope's numbers from the control values and the track", () => {
    expect(formulaNumbers(f((v, c) => ({ k: c.params.k, x: Number(v.x) })), { x: 2 }, ctx)).toEqual({ ok: true, numbers: { k: 3, x: 2 } });
  });
  it("says why there is no value: a throw, an unbound symbol, a non-finite number", () => {
    expect(formulaNumbers(f(() => { throw new RangeError("out of range"); }), {}, ctx)).toEqual({ ok: false, problem: "out of range" });
    expect(formulaNumbers(f(() => ({ k: 1 })), {}, ctx)).toEqual({ ok: false, problem: "the scope does not bind x" });
    expect(formulaNumbers(f(() => ({ k: 1, x: Infinity })), {}, ctx)).toEqual({ ok: false, problem: "the scope binds x = Infinity" });
  });
});

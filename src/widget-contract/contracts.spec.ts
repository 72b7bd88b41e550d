import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CONTRACTS, SLIDER, sliderStep } from "./contracts";

const slider = (over: Partial<typeof SLIDER.defaults> = {}) => ({ ...SLIDER.defaults, ...over }) as never;

describe("widget contracts", () => {
  it("hold one contract per widget kind, each with a default and a rule for the same traits", () => {
    for (const [kind, contract] of Object.entries(CONTRACTS)) {
      expect(contract.kind).toBe(kind);
      expect(Object.keys(contract.rules)).toEqual(Object.keys(contract.defaults));
      for (const trait of contract.writable) expect(Object.keys(contract.defaults)).toContain(trait);
    }
  });

  it("take a slider's default step from its range", () => {
    expect(SLIDER.defaults.step).toBe(sliderStep(SLIDER.defaults));
    expect(sliderStep({ min: 0.1, max: 1000, scale: "log" })).toBe(0.01);
  });

  it("refuse a slider track that is empty, has no step or starts at zero on a log scale", () => {
    expect(SLIDER.rules.min(0, slider({ scale: "log" }))).toBe("> 0 on a log scale");
    expect(SLIDER.rules.scale("log", slider({ min: 0 }))).toMatch(/min \(0\) <= 0/);
    expect(SLIDER.rules.max(0, slider({ min: 0 }))).toBe("> min (0)");
    expect(SLIDER.rules.min(100, slider())).toBe("< max (100)");
    expect(SLIDER.rules.step(0, slider())).toBe("a finite number > 0");
    expect(SLIDER.rules.value(500, slider())).toBe("in [0, 100]");
  });
});

describe("the contract's sources", () => {
  // Bundled into the browser and loaded in the kernel: nothing Node-only, nothing of the DOM.
  const here = __dirname;
  const sources = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".spec.ts"));
  it.each(sources)("%s imports only the contract and the model package", (file) => {
    const text = readFileSync(path.join(here, file), "utf8");
    const imports = [...text.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec).toMatch(/^\.\/[a-z-]+$|^\.\.\/model\/[a-z-/]+$/);
    expect(text).not.toMatch(/\b(document|window|process|require|Buffer)\b/);
  });
});

import { execFileSync } from "child_process";
import { PREDICTION, TABLE, withPredictionOverlay } from "./sweep-spec";

type Mark = { marktype: string; role: string; items: { x?: number; y?: number; x2?: number; y2?: number; text?: string }[] };

/**
 * Compiles a Vega-Lite spec and runs it headless in Vega with the given datasets; returns the
 * scenegraph's marks. In a child Node (vega and vega-lite are ES modules only).
 */
async function draw(spec: object, datasets: Record<string, object[]>): Promise<Mark[]> {
  const script = `
    import * as vega from "vega"; import { compile } from "vega-lite";
    const { spec, datasets } = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
    for (const [name, rows] of Object.entries(datasets)) view.data(name, rows);
    await view.runAsync();
    const marks = [];
    const walk = (node) => {
      if (node.marktype) marks.push({ marktype: node.marktype, role: node.role, items: node.items.map(({ x, y, x2, y2, text }) => ({ x, y, x2, y2, text })) });
      for (const item of node.items ?? []) if (item && typeof item === "object") walk(item);
    };
    walk(view.scenegraph().root);
    process.stdout.write(JSON.stringify(marks));`.replace('require("fs")', '(await import("fs"))');
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { input: JSON.stringify({ spec, datasets }), cwd: __dirname, encoding: "utf8" });
  return JSON.parse(out) as Mark[];
}

describe("withPredictionOverlay", () => {
  const chart = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json", width: 200, height: 100, data: { name: TABLE },
    mark: { type: "line" }, encoding: { x: { field: "nodes", type: "quantitative", scale: { type: "log" } }, y: { field: "availability", type: "quantitative" } },
  };

  it("draws the chart, then a rule across it at the prediction with its label", async () => {
    const rows = [1, 10, 100, 1000].map((n) => ({ nodes: n, availability: 0.999 ** n }));
    const marks = await draw(withPredictionOverlay(chart, "y"), { [TABLE]: rows, [PREDICTION]: [{ availability: 0.5, label: "your prediction" }] });
    const rules = marks.filter((m) => m.marktype === "rule" && m.role === "mark");
    expect(rules).toHaveLength(1);
    const [rule] = rules[0].items;
    expect(Math.abs(rule.x2! - rule.x!)).toBeCloseTo(200, 0); // across the whole width
    expect(rule.y).toBeCloseTo(100 * (1 - 0.5 / 1), 0); // y scale 0..1 (nice), 100 px high
    expect(marks.some((m) => m.marktype === "text" && m.role === "mark" && m.items.some((i) => i.text === "your prediction"))).toBe(true);
  });

  it("draws nothing extra before a prediction exists", async () => {
    const marks = await draw(withPredictionOverlay(chart, "x"), { [TABLE]: [{ nodes: 1, availability: 1 }], [PREDICTION]: [] });
    expect(marks.filter((m) => m.marktype === "rule" && m.role === "mark").map((m) => m.items.length)).toEqual([0]);
  });

  it("refuses an axis that is not quantitative", () => {
    expect(() => withPredictionOverlay({ ...chart, encoding: { ...chart.encoding, x: { field: "k", type: "nominal" } } }, "x")).toThrow(/must be quantitative/);
  });
});

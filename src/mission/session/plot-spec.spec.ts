import { execFileSync } from "node:child_process";
import { usesOnlyV5 } from "../../kernel-widgets/plots/vegalite-v5";
import { DISCRETE_X_LABEL_ANGLE, LOG_LABEL_EXPR, LOG_TICK_COUNT, plotSpec, type PlotInstrument } from "./plot-spec";

const plot = (over: Partial<PlotInstrument>): PlotInstrument => ({
  kind: "plot", id: "p", name: "Plot", mark: "bar", x: { field: "x", title: "X" }, y: { field: "y", title: "Y" }, compute: () => [], ...over,
});
type Enc = { type: string; sort?: unknown; scale?: { type: string }; axis?: Record<string, unknown> };
const enc = (spec: Record<string, unknown>, channel: "x" | "y" | "color") => (spec.encoding as Record<string, Enc>)[channel];

const waterfall = plot({ x: { field: "fleet", title: "Fleet size", type: "ordinal" }, y: { field: "availability", title: "P(all nodes up)" } });
const logLog = plot({ mark: "line", x: { field: "gpus", title: "GPUs", scale: "log" }, y: { field: "rate", title: "Failure rate", scale: "log" } });

describe("plotSpec", () => {
  it("keeps a nominal or ordinal axis in the rows' order, with whole labels slanted to fit", () => {
    for (const type of ["nominal", "ordinal"] as const) {
      const x = enc(plotSpec(plot({ x: { field: "share", title: "Share", type } })), "x");
      expect(x).toMatchObject({ field: "share", type, sort: null, axis: { labelLimit: 0, labelAngle: DISCRETE_X_LABEL_ANGLE, labelOverlap: false } });
    }
    const heat = plotSpec(plot({ mark: "rect", x: { field: "slot", title: "Slot", type: "ordinal" }, y: { field: "rack", title: "Rack", type: "ordinal" } }));
    expect(enc(heat, "x")).toMatchObject({ sort: null, axis: { labelLimit: 0, labelOverlap: "greedy" } });
    expect(enc(heat, "y")).toMatchObject({ sort: null, axis: { labelLimit: 0 } });
    expect(enc(heat, "y").axis).not.toHaveProperty("labelAngle");
  });

  it("leaves a linear quantitative axis with Vega's plain number format", () => {
    const y = enc(plotSpec(waterfall), "y");
    expect(y).toEqual({ field: "availability", title: "P(all nodes up)", type: "quantitative" });
  });

  it("gives a log axis a log scale, a few ticks and the plain-number label format", () => {
    for (const channel of ["x", "y"] as const) {
      expect(enc(plotSpec(logLog), channel)).toMatchObject({ type: "quantitative", scale: { type: "log" }, axis: { tickCount: LOG_TICK_COUNT, labelExpr: LOG_LABEL_EXPR } });
    }
  });

  it("lays out its padding again on every update, and colours by the declared type", () => {
    expect(plotSpec(waterfall).autosize).toEqual({ type: "pad", resize: true });
    const color = (c: PlotInstrument["color"]) => enc(plotSpec(plot({ mark: "rect", color: c })), "color").type;
    expect(color({ field: "rollback_min", title: "Rollback" })).toBe("quantitative");
    expect(color({ field: "state", title: "GPU", type: "nominal" })).toBe("nominal");
  });
});

interface RenderedAxis { orient: string; labels: { text: string; inSvg: boolean; inside: boolean }[] }
interface Rendered { axes: RenderedAxis[]; marks: number }

/**
 * Compiles each spec with vega-lite and runs it headless with vega (both ESM, so in a child
 * node process), as the front end does: the chart runs once empty, then the rows arrive. Returns
 * each axis's visible labels in order: whether the SVG shows the text whole, and whether the
 * label lies inside the SVG's drawing area; and how many data marks (bars, cells) it draws.
 */
function render(cases: { spec: Record<string, unknown>; rows: Record<string, unknown>[] }[]): Rendered[] {
  const script = `
    import { compile } from "vega-lite";
    import * as vega from "vega";
    let input = ""; process.stdin.on("data", (d) => (input += d)).on("end", async () => {
      const out = [];
      for (const c of JSON.parse(input)) {
        const view = new vega.View(vega.parse(compile(c.spec).spec), { renderer: "none" });
        await view.runAsync();
        view.insert("table", c.rows);
        await view.runAsync();
        const svg = await view.toSVG();
        const [, width, height] = svg.match(/<svg[^>]*width="([\\d.]+)" height="([\\d.]+)"/).map(Number);
        const [ox, oy] = view.origin();
        const axes = [];
        let marks = 0;
        const esc = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        const walk = (mark, dx, dy, axis) => {
          for (const item of mark.items ?? []) {
            if (mark.role === "mark" && mark.marktype !== "group") marks++;
            if (mark.marktype === "group") {
              let inner = axis;
              if (mark.role === "axis") axes.push((inner = { orient: item.orient, labels: [] }));
              for (const child of item.items ?? []) walk(child, dx + (item.x ?? 0), dy + (item.y ?? 0), inner);
            } else if (mark.role === "axis-label" && axis && item.opacity !== 0 && item.text !== "") {
              const b = item.bounds;
              axis.labels.push({ text: String(item.text), inSvg: svg.includes(">" + esc(String(item.text)) + "</text>"),
                inside: b.x1 + dx + ox >= -0.5 && b.y1 + dy + oy >= -0.5 && b.x2 + dx + ox <= width + 0.5 && b.y2 + dy + oy <= height + 0.5 });
            }
          }
        };
        walk(view.scenegraph().root, 0, 0, null);
        out.push({ axes: axes.filter((a) => a.labels.length > 0), marks });
        view.finalize();
      }
      process.stdout.write(JSON.stringify(out));
    });`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { input: JSON.stringify(cases), cwd: __dirname }).toString());
}

const labels = (r: Rendered, orient: string) => r.axes.find((a) => a.orient === orient)!.labels;
/** A plain number: digits with thousands separators and decimals, an SI suffix from M up, or an exponent (1e-6). */
const PLAIN_NUMBER = /^(\d{1,3}(,\d{3})*(\.\d+)?|\d+(\.\d+)?[MGTPE]|\d+(\.\d+)?e-\d+)$/;

describe("plotSpec drawn by vega, rows arriving after the first render", () => {
  const fleets = ["N = 1", "N = 10", "N = 1,000"];
  const longShares = ["Useful Work", "Checkpoint Overhead", "Wasted Work", "Restart"];
  const heatmap = plot({ mark: "rect", x: { field: "slot", title: "Slot", type: "ordinal" }, y: { field: "rack", title: "Rack", type: "ordinal" } });
  const cells = ["rack 0", "rack 1"].flatMap((rack) => ["n0.0", "n0.1"].map((slot, i) => ({ rack, slot, state: i ? "busy" : "free (hole)" })));
  const [bars, shares, decades, heatNominal, heatNumeric] = render([
    { spec: plotSpec(waterfall), rows: fleets.map((fleet, i) => ({ fleet, availability: 0.999 ** (10 ** i) })) },
    { spec: plotSpec(plot({ x: { field: "share", title: "", type: "nominal" }, y: { field: "fraction", title: "Fraction" } })),
      rows: longShares.map((share, i) => ({ share, fraction: 0.1 * (i + 1) })) },
    { spec: plotSpec(logLog), rows: [{ gpus: 8, rate: 1e-6 }, { gpus: 65_536, rate: 1 }] },
    { spec: plotSpec({ ...heatmap, color: { field: "state", title: "GPU", type: "nominal" } }), rows: cells },
    { spec: plotSpec({ ...heatmap, color: { field: "state", title: "GPU" } }), rows: cells },
  ]);

  it('x labels come out in the rows\' order ("N = 1", "N = 10", "N = 1,000", not alphabetical), whole and inside the chart', () => {
    expect(labels(bars, "bottom").map((l) => l.text)).toEqual(fleets);
    expect(labels(bars, "bottom").every((l) => l.inSvg && l.inside)).toBe(true);
  });

  it("long category labels are all shown whole, none cut off below the chart", () => {
    expect(labels(shares, "bottom").map((l) => l.text)).toEqual(longShares);
    expect(labels(shares, "bottom").every((l) => l.inSvg && l.inside)).toBe(true);
  });

  it("log axes over 8 .. 65,536 and 1e-6 .. 1 label at most 8 ticks, each a plain number", () => {
    // The log scale's domain is niced to whole decades: 8 .. 65,536 becomes 1 .. 100,000.
    expect(labels(decades, "bottom").map((l) => l.text)).toEqual(["1", "10", "100", "1,000", "10,000", "100,000"]);
    expect(labels(decades, "left").map((l) => l.text)).toEqual(["1e-6", "1e-5", "1e-4", "0.001", "0.01", "0.1", "1"]);
    for (const orient of ["bottom", "left"]) {
      const shown = labels(decades, orient);
      expect(shown.length).toBeLessThanOrEqual(8);
      for (const l of shown) {
        expect(l.text).toMatch(PLAIN_NUMBER);
        expect(l.inSvg && l.inside).toBe(true);
      }
    }
  });

  it("a heat map coloured by a text field declared nominal draws its cells (as quantitative, Vega-Lite drops every one)", () => {
    expect(heatNominal.marks).toBe(cells.length);
    expect(heatNumeric.marks).toBe(0);
  });
});

interface RadarRender { points: { x: number; y: number }[]; labels: string[]; rules: number; center: { x: number; y: number }; unit: number; v5: boolean }

/** Runs a radar spec headless (as `render`, rows after the first run): its vertices in pixels, the pixels of (0, 0) and of one unit of score, its labels and rules. */
function renderRadar(spec: Record<string, unknown>, rows: Record<string, unknown>[]): RadarRender {
  const script = `
    import { compile } from "vega-lite";
    import * as vega from "vega";
    let input = ""; process.stdin.on("data", (d) => (input += d)).on("end", async () => {
      const c = JSON.parse(input);
      const view = new vega.View(vega.parse(compile(c.spec).spec), { renderer: "none" });
      await view.runAsync();
      view.insert("table", c.rows);
      await view.runAsync();
      const out = { points: [], labels: [], rules: 0 };
      const walk = (mark) => {
        for (const item of mark.items ?? []) {
          if (mark.marktype === "group") { for (const child of item.items ?? []) walk(child); continue; }
          if (mark.role !== "mark") continue;
          if (mark.marktype === "symbol") out.points.push({ x: item.x, y: item.y });
          if (mark.marktype === "text") out.labels.push(String(item.text));
          if (mark.marktype === "rule") out.rules++;
        }
      };
      walk(view.scenegraph().root);
      const sx = view.scale("x"), sy = view.scale("y");
      out.center = { x: sx(0), y: sy(0) };
      out.unit = sx(1) - sx(0);
      out.yUnit = sy(0) - sy(1);
      process.stdout.write(JSON.stringify(out));
      view.finalize();
    });`;
  const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { input: JSON.stringify({ spec, rows }), cwd: __dirname }).toString());
  expect(out.yUnit).toBeCloseTo(out.unit, 6); // equal scales: a circle stays a circle
  return { ...out, v5: usesOnlyV5(spec) };
}

describe("a radar plot", () => {
  const radar = plot({ mark: "radar", x: { field: "axis", title: "", type: "nominal" }, y: { field: "score", title: "Score" } });
  const rows = [{ axis: "Confidence", score: 0.8 }, { axis: "Velocity", score: 0.25 }, { axis: "Risk", score: 1 }, { axis: "Cost", score: 0.5 }];
  const drawn = renderRadar(plotSpec(radar), rows);

  it("puts row i of n on the spoke at 2π·i/n clockwise from 12 o'clock, its distance from the centre its score", () => {
    expect(drawn.points).toHaveLength(rows.length);
    drawn.points.forEach((p, i) => {
      const dx = p.x - drawn.center.x, dy = drawn.center.y - p.y;
      expect(Math.hypot(dx, dy) / drawn.unit).toBeCloseTo(rows[i].score, 3);
      const angle = (Math.atan2(dx, dy) + 2 * Math.PI) % (2 * Math.PI);
      expect(angle).toBeCloseTo((2 * Math.PI * i) / rows.length, 3);
    });
  });

  it("labels every spoke and closes the polygon: an edge, a spoke and two ring edges per row", () => {
    expect(drawn.labels).toEqual(rows.map((r) => r.axis));
    expect(drawn.rules).toBe(4 * rows.length);
  });

  it("has a Vega-Lite 5 copy for front ends without FleetLab", () => expect(drawn.v5).toBe(true));
});

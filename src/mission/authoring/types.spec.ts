/**
 * Typed authoring, as a TA's mission file is compiled: with the kernel's TypeScript (the
 * package's own), on the public entry points. A part's instruments and formulas read
 * its controls by id, typed by kind, with no casts; an unknown id, a choice compared with a
 * value it does not offer and a mission without three parts are compile errors.
 */
import fs from "fs";
import os from "os";
import path from "path";
import * as ourTypeScript from "typescript";
import { kernelTypeScript, missionCompilerOptions } from "./mission-file";

it("the kernel compiles with the package's own TypeScript", () => expect(kernelTypeScript().version).toBe(ourTypeScript.version));

const HEADER = `
import { fleetAvailability, fleetMtbf, type Sourced } from "fleetlab";
import { defineMission, planFigures, type Mission, type PartSpec, type TrackId } from "fleetlab/mission";

const plan = planFigures({ ref: "Mission 99 plan", verified: "2026-11-22" });
const FIGURES: Record<TrackId, { nodes: Sourced; nodeMtbfHours: Sourced }> = {
  cloud_titan: { nodes: plan(1000, null, "A pod"), nodeMtbfHours: plan(50_000, "h", "Per GPU") },
  edge_guardian: { nodes: plan(10, null, "A car"), nodeMtbfHours: plan(10_000, "h", "Per computer") },
  mobile_nomad: { nodes: plan(1, null, "A phone"), nodeMtbfHours: plan(2_000, "h", "Per phone") },
  tiny_pioneer: { nodes: plan(1, null, "A ring"), nodeMtbfHours: plan(5_000, "h", "Per ring") },
};
function trackParams(t: TrackId) {
  return { nodes: FIGURES[t].nodes.value, nodeMtbfHours: FIGURES[t].nodeMtbfHours.value };
}
const story = { persona: "A", northStar: "B", crisisTitle: "C", crisis: "D" };
const text = (id: string) => ({ id, title: "Part " + id, kind: "Exploration" as const, minutes: 15, objective: "Look.", reflect: { prompt: "Why?", minWords: 20 } });
const lock = { kind: "choice" as const, question: "Which?", choices: ["A", "B"], answer: () => "A" };
`;

/** A part whose controls are a slider, a toggle and a choice; `body` is its gauge's compute. */
const typedPart = (id: string, body: string) => `{
      ...text("${id}"), lock,
      workbench: {
        controls: [
          { kind: "slider", id: "nodes", label: "N", feeds: ["fleetAvailability"], min: 1, max: (c) => 10 * c.params.nodes, step: 1, scale: "log", unit: null, default: (c) => c.params.nodes },
          { kind: "toggle", id: "spare", label: "Spare node", default: false },
          { kind: "choice", id: "topology", label: "Topology", choices: ["ring", "tree"], default: "ring" },
        ],
        instruments: [
          { kind: "gauge", id: "g", name: "Gauge", unit: null, min: 0, max: 1, compute: (v, c, explored) => { ${body} } },
          { kind: "plot", id: "p", name: "Plot", mark: "point", x: { field: "n", title: "N" }, y: { field: "a", title: "A" },
            compute: (_v, _c, explored) => explored.map((e) => ({ n: e.nodes, a: fleetAvailability(0.999, e.nodes) })) },
        ],
      },
      mathPeek: [{ label: "MTBF", expression: "M = M_node / N", scope: (v, c) => ({ M_node: c.params.nodeMtbfHours, N: v.nodes + (v.spare ? 1 : 0) }) }],
    }`;

/** A part with one slider and a gauge that reads no value. */
const plainPart = (id: string) => `{
      ...text("${id}"), lock,
      workbench: {
        controls: [{ kind: "slider", id: "n", label: "N", min: 1, max: 10, step: 1, scale: "linear", unit: null, default: 2 }],
        instruments: [{ kind: "gauge", id: "g", name: "Gauge", unit: null, min: 0, max: 1, compute: () => 0 }],
      },
      mathPeek: [{ label: "double", expression: "y = 2 * x" }],
    }`;

const mission = (...parts: string[]) => `${HEADER}
export const mission = defineMission({
  id: "99_typed", title: "Typed", chapter: { title: "C", invariant: "I", struggle: "S", minutes: 45 },
  tracks: { cloud_titan: story, edge_guardian: story, mobile_nomad: story, tiny_pioneer: story },
  defaultTrack: "cloud_titan",
  params: trackParams,
  visuals: { primary: "X", secondary: "Y", mathPeek: "Z" },
  parts: [${parts.join(", ")}],
});
`;

const TYPED = `
  const nodes: number = v.nodes, spare: boolean = v.spare, topology: "ring" | "tree" = v.topology;
  const seen: number[] = explored.map((e) => e.nodes);
  return topology === "tree" || spare ? fleetAvailability(0.999, nodes) : fleetMtbf(c.params.nodeMtbfHours, Math.max(1, ...seen)) / c.params.nodeMtbfHours;`;

/** Mission sources and the errors each must give, by file name; the same with either compiler. */
const SOURCES: Record<string, { source: string; errors: RegExp[] }> = {
  "typed.ts": {
    source: mission(typedPart("a", TYPED), typedPart("b", TYPED), typedPart("c", TYPED)) +
      // Every mission, typed or not, is one Mission for the code that handles them all.
      "export const all: readonly Mission[] = [mission];\n",
    errors: [],
  },
  "unknown-id.ts": {
    source: mission(typedPart("a", "return v.nodez;"), typedPart("b", TYPED), typedPart("c", TYPED)),
    errors: [/Property 'nodez' does not exist on type '\{ readonly nodes: number; readonly spare: boolean; readonly topology: "ring" \| "tree"; \}'/],
  },
  "choice-union.ts": {
    source: mission(typedPart("a", TYPED), typedPart("b", 'return v.topology === "star" ? 1 : 0;'), typedPart("c", TYPED)),
    errors: [/This comparison appears to be unintentional because the types '"ring" \| "tree"' and '"star"' have no overlap/],
  },
  "two-parts.ts": {
    source: mission(plainPart("a"), plainPart("b")),
    errors: [/Source has 2 element\(s\) but target requires 3/],
  },
  // A file written before typed values (a type argument, a part typed by hand): it still
  // compiles, its values untyped.
  "untyped.ts": {
    source: `${HEADER}
const part = (id: string): PartSpec<{ nodes: number }> => ({
  ...text(id), lock,
  workbench: {
    controls: [{ kind: "slider", id: "n", label: "N", min: 1, max: 10, step: 1, scale: "linear", unit: null, default: 2 }],
    instruments: [{ kind: "gauge", id: "g", name: "Gauge", unit: null, min: 0, max: 10, compute: (v, c) => Number(v.n) * c.params.nodes }],
  },
  mathPeek: [{ label: "double", expression: "y = 2 * x" }],
});
export const mission = defineMission<{ nodes: number }>({
  id: "99_untyped", title: "Untyped", chapter: { title: "C", invariant: "I", struggle: "S", minutes: 45 },
  tracks: { cloud_titan: story }, defaultTrack: "cloud_titan", params: () => ({ nodes: 2 }),
  visuals: { primary: "X", secondary: "Y", mathPeek: "Z" },
  parts: [part("a"), part("b"), part("c")],
});
`,
    errors: [],
  },
};

/** Each file's errors (message text) when the files are compiled together as mission files. */
function errorsByFile(ts: typeof ourTypeScript, dir: string): Record<string, string[]> {
  const files = Object.keys(SOURCES).map((name) => path.join(dir, name));
  const program = ts.createProgram(files, missionCompilerOptions(ts));
  const out: Record<string, string[]> = Object.fromEntries(Object.keys(SOURCES).map((name) => [name, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    // Only the mission files' own: compiled from the sources here, FleetLab's node-side modules
    // lack their Node types (a mission file has none), which the built declarations do not need.
    const name = d.file && path.dirname(d.file.fileName) === dir ? path.basename(d.file.fileName) : null;
    if (name && d.category === ts.DiagnosticCategory.Error) out[name].push(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  }
  return out;
}

describe.each([
  ["the kernel's TypeScript", () => ourTypeScript],
])("typed mission files, compiled with %s", (_name, typeScript) => {
  let errors: Record<string, string[]>;
  beforeAll(() => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-typed-")));
    for (const [name, { source }] of Object.entries(SOURCES)) fs.writeFileSync(path.join(dir, name), source);
    errors = errorsByFile(typeScript(), dir);
  });

  it.each(Object.keys(SOURCES))("%s", (name) => {
    const expected = SOURCES[name].errors;
    expect(errors[name]).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(errors[name][i]).toMatch(pattern));
  });
});

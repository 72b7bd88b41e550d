/**
 * The scaffold `fleetlab new <id>` writes: a mission definition whose every text and
 * value the TA must fill is marked TODO, so `fleetlab check` fails with the precise
 * list until it is complete. Its parameters are TODO too: until the mission file has its
 * sourced figures for every track, the check names each track whose parameters do not load.
 */
import type { MissionSpec, PartSpec } from "./types";

/** Mission ids are notebook stems: two-digit chapter, underscore, snake_case name. */
export const MISSION_ID_PATTERN = /^\d{2}_[a-z][a-z0-9_]*$/;

function todoPart(n: number): PartSpec<{ todo: number }> {
  return {
    id: `part${n}`, title: `TODO: part ${n} title`, kind: n === 1 ? "Exploration" : n === 2 ? "Trade-off" : "Synthesis", minutes: 15,
    objective: "TODO: objective",
    lock: { kind: "number", question: "TODO: lock question", unit: null, min: 0, max: 1, tolerance: 0.1, answer: () => NaN },
    workbench: {
      controls: [{ kind: "slider", id: "x", label: "TODO: control label", feeds: ["TODO: model function"], min: 0, max: 1, step: 0.01, scale: "linear", unit: null, default: 0.5 }],
      instruments: [{ kind: "gauge", id: "g", name: "TODO: instrument name", unit: null, min: 0, max: 1, compute: () => NaN }],
    },
    target: { prompt: "TODO: what the student must find", unit: null, tolerance: 0.05, maxAttempts: 10, compute: () => NaN },
    reflect: { prompt: "TODO: reflect prompt", minWords: 40 },
    mathPeek: [{ label: "TODO: formula label", expression: "y = x" }],
  };
}

/** The in-memory scaffold (what the generated file defines), used to generate its notebook. */
export function scaffoldSpec(id: string): MissionSpec<{ todo: number }> {
  const story = { persona: "TODO: persona", northStar: "TODO: north star", crisisTitle: "TODO: crisis title", crisis: "TODO: crisis" };
  return {
    id, title: `TODO: Mission ${id.slice(0, 2)} title`,
    chapter: { title: "TODO: chapter title", invariant: "TODO: core invariant", struggle: "TODO: the struggle", minutes: 45 },
    tracks: { cloud_titan: story, edge_guardian: story, mobile_nomad: story, tiny_pioneer: story },
    defaultTrack: "cloud_titan",
    params: (t): { todo: number } => { throw new Error(`TODO: the mission's figures for ${t}`); },
    parts: [todoPart(1), todoPart(2), todoPart(3)],
    visuals: { primary: "TODO: primary visual", secondary: "TODO: secondary visual", mathPeek: "TODO: Math Peek" },
  };
}

/** The TypeScript source of a scaffold definition file at src/mission/missions/<file>.ts. */
export function scaffoldSource(id: string): string {
  const name = id.replace(/^\d+_/, "").replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  const part = (n: number, kind: string) => `    {
      id: "part${n}", title: "TODO: part ${n} title", kind: "${kind}", minutes: 15, objective: "TODO: objective",
      lock: { kind: "number", question: "TODO: lock question", unit: null, min: 0, max: 1, tolerance: 0.1,
        answer: () => NaN /* TODO: the model's answer, e.g. (c) => fleetAvailability(0.999, c.params.nodes) */ },
      workbench: {
        controls: [{ kind: "slider", id: "x", label: "TODO: control label", feeds: ["TODO: model function"], min: 0, max: 1, step: 0.01, scale: "linear", unit: null, default: 0.5 }],
        instruments: [{ kind: "gauge", id: "g", name: "TODO: instrument name", unit: null, min: 0, max: 1, compute: () => NaN /* TODO: a model function of the controls */ }],
      },
      target: { prompt: "TODO: what the student must find", unit: null, tolerance: 0.05, maxAttempts: 10, compute: () => NaN /* TODO: from the model */ },
      reflect: { prompt: "TODO: reflect prompt", minWords: 40 },
      mathPeek: [{ label: "TODO: formula label", expression: "y = x" }],
    },`;
  return `/**
 * Mission ${id} (plan: missions/${id}.md). Fill every TODO, then run \`fleetlab check ${id}\`.
 */
import { defineMission } from "../../define";
import type { TrackId } from "../../types";

export interface ${name[0].toUpperCase() + name.slice(1)}Params {
  todo: number;
}

const story = { persona: "TODO: persona", northStar: "TODO: north star", crisisTitle: "TODO: crisis title", crisis: "TODO: crisis" };

/**
 * The mission's parameters for a track: the .values of its figures, each Sourced in this file
 * (planFigures from "fleetlab/mission" for the plan's teaching numbers, facts from "fleetlab").
 */
export function trackParams(id: TrackId): ${name[0].toUpperCase() + name.slice(1)}Params {
  throw new Error(\`TODO: the mission's figures for \${id}\`);
}

export const ${name} = defineMission<${name[0].toUpperCase() + name.slice(1)}Params>({
  id: "${id}",
  title: "TODO: Mission ${id.slice(0, 2)} title",
  chapter: { title: "TODO: chapter title", invariant: "TODO: core invariant", struggle: "TODO: the struggle", minutes: 45 },
  tracks: { cloud_titan: story, edge_guardian: story, mobile_nomad: story, tiny_pioneer: story },
  defaultTrack: "cloud_titan",
  params: trackParams,
  visuals: { primary: "TODO: primary visual", secondary: "TODO: secondary visual", mathPeek: "TODO: Math Peek" },
  parts: [
${part(1, "Exploration")}
${part(2, "Trade-off")}
${part(3, "Synthesis")}
  ],
});
`;
}

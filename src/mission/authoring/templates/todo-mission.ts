/**
 * Mission 15_todo (plan: TODO: link to the mission plan). Written by `fleetlab new <id>`: fill in
 * each marked item, then run `fleetlab check` on this file and `fleetlab new --regenerate` on it
 * to rewrite its notebook. Import only from "fleetlab" (the model: formulas, simulators and the
 * sourced catalog) and "fleetlab/mission" (the authoring API).
 */
import type { Sourced } from "fleetlab";
import { defineMission, planFigures, type TrackId } from "fleetlab/mission";

/** What each track's story fixes, each number with its source. */
interface TrackFacts {
  /** TODO: the numbers your tracks differ in, e.g. the fleet size. */
  scale: Sourced;
}

/**
 * A number from the mission's plan: `notes` says why it is plausible. A measured fact comes from
 * the catalog (`import { H100_SXM } from "fleetlab"`), or `sourced(value, unit, provenance)` with its citation.
 */
const planned = planFigures({ ref: "Mission 15_todo plan", verified: "2026-11-30" });

const FACTS: Record<TrackId, TrackFacts> = {
  cloud_titan: { scale: planned(1, null, "TODO: why this number") },
  edge_guardian: { scale: planned(1, null, "TODO: why this number") },
  mobile_nomad: { scale: planned(1, null, "TODO: why this number") },
  tiny_pioneer: { scale: planned(1, null, "TODO: why this number") },
};

/** The numbers the mission computes with, for one track. */
export interface TodoParams {
  scale: number;
}

export function trackParams(track: TrackId): TodoParams {
  return { scale: FACTS[track].scale.value };
}

const story = { persona: "TODO: persona", northStar: "TODO: north star", crisisTitle: "TODO: crisis title", crisis: "TODO: the crisis, in numbers" };

export const mission = defineMission({
  id: "15_todo",
  title: "TODO: Mission 15 title",
  chapter: { title: "TODO: chapter title", invariant: "TODO: the core invariant", struggle: "TODO: the struggle", minutes: 45 },
  tracks: { cloud_titan: story, edge_guardian: story, mobile_nomad: story, tiny_pioneer: story },
  defaultTrack: "cloud_titan",
  params: trackParams,
  visuals: { primary: "TODO: primary visual", secondary: "TODO: secondary visual", mathPeek: "TODO: Math Peek" },
  parts: [
    {
      id: "part1", title: "TODO: part 1 title", kind: "Exploration", minutes: 15, objective: "TODO: objective",
      lock: { kind: "number", question: "TODO: the prediction to lock", unit: null, min: 0, max: 1, tolerance: 0.1,
        answer: () => NaN /* TODO: the model's answer, e.g. (c) => fleetAvailability(0.999, c.params.scale) */ },
      workbench: {
        controls: [{ kind: "slider", id: "x", label: "TODO: control label", feeds: [], min: 0, max: 1, step: 0.01, scale: "linear", unit: null, default: 0.5 }],
        instruments: [{ kind: "gauge", id: "g", name: "TODO: instrument name", unit: null, min: 0, max: 1,
          compute: (v) => NaN * v.x /* TODO: a model function of the controls */ }],
      },
      target: { prompt: "TODO: what the student must find", unit: null, tolerance: 0.05, maxAttempts: 10, compute: () => NaN /* TODO: from the model */ },
      reflect: { prompt: "TODO: reflect prompt", minWords: 40 },
      mathPeek: [{ label: "TODO: formula label", expression: "y = x", scope: (v) => ({ x: v.x }) }],
    },
    {
      id: "part2", title: "TODO: part 2 title", kind: "Trade-off", minutes: 15, objective: "TODO: objective",
      lock: { kind: "choice", question: "TODO: the prediction to lock", choices: ["TODO: one answer", "TODO: another answer"],
        answer: () => "TODO: one answer" /* TODO: the model's answer, computed */ },
      workbench: {
        controls: [{ kind: "slider", id: "x", label: "TODO: control label", feeds: [], min: 0, max: 1, step: 0.01, scale: "linear", unit: null, default: 0.5 }],
        instruments: [{ kind: "gauge", id: "g", name: "TODO: instrument name", unit: null, min: 0, max: 1,
          compute: (v) => NaN * v.x /* TODO: a model function of the controls */ }],
      },
      reflect: { prompt: "TODO: reflect prompt", minWords: 40 },
      mathPeek: [{ label: "TODO: formula label", expression: "y = x", scope: (v) => ({ x: v.x }) }],
    },
    {
      id: "part3", title: "TODO: part 3 title", kind: "Synthesis", minutes: 15, objective: "TODO: objective",
      lock: { kind: "text", question: "TODO: the prediction to lock", minWords: 20,
        answer: () => "TODO: the model's reference explanation" },
      workbench: {
        controls: [{ kind: "slider", id: "x", label: "TODO: control label", feeds: [], min: 0, max: 1, step: 0.01, scale: "linear", unit: null, default: 0.5 }],
        instruments: [{ kind: "gauge", id: "g", name: "TODO: instrument name", unit: null, min: 0, max: 1,
          compute: (v) => NaN * v.x /* TODO: a model function of the controls */ }],
      },
      target: { prompt: "TODO: what the student must find", unit: null, tolerance: 0.05, maxAttempts: 10, compute: () => NaN /* TODO: from the model */ },
      reflect: { prompt: "TODO: reflect prompt", minWords: 40 },
      mathPeek: [{ label: "TODO: formula label", expression: "y = x", scope: (v) => ({ x: v.x }) }],
    },
  ],
});

/**
 * A mission's teaching figures: the numbers its plan motivates (a crisis's fleet size, a
 * lock's "Three Nines") rather than a source measured. Each is `Sourced` like a catalog fact,
 * so a mission's parameters carry their provenance too: illustrative, unconfirmed, citing the
 * plan, with notes saying what motivates the number. A number with a source of its own is a
 * fact: the model's catalog holds it (hardware, fabrics, storage, models, failure data) and the
 * mission reads it there, or, when only the mission uses it, the mission file `sourced`s it.
 */
import { sourced, type Sourced } from "../../model/provenance";

/** A mission plan a figure cites: its reference ("Mission 01 plan") and the date it was last checked. */
export interface PlanReference {
  ref: string;
  verified: string;
}

/**
 * The figure maker of one plan: `figure(value, unit, notes)` is an illustrative `Sourced`
 * citing `plan`.
 *
 *   const plan = planFigures({ ref: "Mission 01 plan", verified: "2026-11-22" });
 *   nodes: plan(25_000, null, "A pod of 25,000 GPUs"),
 */
export function planFigures(plan: PlanReference): (value: number, unit: string | null, notes: string) => Sourced {
  return (value, unit, notes) => sourced(value, unit, { kind: "illustrative", ref: plan.ref, notes, status: "unconfirmed", verified: plan.verified });
}

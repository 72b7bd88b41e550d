/**
 * mathjs, loaded on first use. Loading it builds its whole function set (over half a second
 * of a process's start), and most processes never need it: model calls with plain numbers,
 * the grader's replay of a lock record. Units, Math Peek formulas and `fleetlab calc` do.
 */
import type * as MathJs from "mathjs";

let loaded: typeof MathJs | undefined;

export function mathjs(): typeof MathJs {
  return (loaded ??= require("mathjs") as typeof MathJs);
}

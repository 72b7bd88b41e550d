/**
 * Per-track values and the track context they are computed from.
 */
import type { Controls, ControlSpec, ControlValues, DesignView, Mission, MissionSpec, PerTrack, TrackContext, TrackId } from "./types";

/** A design record with no entries: answer keys outside a notebook run use track defaults. */
export const EMPTY_DESIGNS: DesignView = {
  entry: () => undefined,
  control: (_m, _p, _c, fallback) => fallback,
};

/** The value of `v` for this track: calls it when it is a function. */
export function resolve<T, P>(v: PerTrack<T, P>, ctx: TrackContext<P>): T {
  return typeof v === "function" ? (v as (c: TrackContext<P>) => T)(ctx) : v;
}

/** The context a mission's per-track values are computed from. */
export function trackContext<P>(mission: MissionSpec<P> | Mission<P>, track: TrackId, designs: DesignView = EMPTY_DESIGNS): TrackContext<P> {
  if (!mission.tracks[track]) {
    throw new RangeError(`mission ${mission.id}: track must be one of ${Object.keys(mission.tracks).join(", ")} (got "${track}")`);
  }
  return { track, params: mission.params(track), designs };
}

/** A resolved control: every per-track field replaced by this track's value. */
export type ResolvedControl =
  | { kind: "slider"; id: string; label: string; min: number; max: number; step: number; scale: "linear" | "log"; unit: string | null; default: number }
  | { kind: "toggle"; id: string; label: string; default: boolean }
  | { kind: "choice"; id: string; label: string; choices: string[]; default: string };

/** A control spec with this track's min/max/step/default. */
export function resolveControl<P>(c: ControlSpec<P>, ctx: TrackContext<P>): ResolvedControl {
  switch (c.kind) {
    case "slider":
      return {
        kind: "slider", id: c.id, label: c.label, scale: c.scale, unit: c.unit,
        min: resolve(c.min, ctx), max: resolve(c.max, ctx), step: resolve(c.step, ctx), default: resolve(c.default, ctx),
      };
    case "toggle":
      return { kind: "toggle", id: c.id, label: c.label, default: resolve(c.default, ctx) };
    case "choice":
      return { kind: "choice", id: c.id, label: c.label, choices: [...resolve(c.choices, ctx)], default: resolve(c.default, ctx) };
  }
}

/** Every control of a part at its default for this track. */
export function defaultValues<P>(controls: Controls<P>, ctx: TrackContext<P>): ControlValues {
  const values: ControlValues = {};
  for (const c of controls) values[c.id] = resolveControl(c, ctx).default;
  return values;
}

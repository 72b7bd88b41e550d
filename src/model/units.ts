/**
 * Units at the edge of the model package. A caller may pass a mathjs `Unit`
 * (`unit("350 GB")`), a unit string ("2 min") or a plain number that is
 * already in the model's unit. Everything is converted once, here, to a plain
 * number (seconds, bytes, bytes per second, watts, joules); formulas never see
 * mathjs, so the hot paths stay plain arithmetic.
 */
import type { Unit } from "mathjs";
import { mathjs } from "./mathjs";
import { ModelInputError } from "./errors";

/** A quantity at the API edge: a mathjs Unit, a unit string, or a number already in the target unit. */
export type Quantity = number | string | Unit;

/**
 * Converts a quantity to a plain number in `targetUnit` ("s", "B", "B/s", "W", "J").
 *
 * @param fn         name of the calling function, for the error message
 * @param parameter  name of the argument, for the error message
 * @param value      number (taken as already in `targetUnit`), unit string or mathjs Unit
 * @param targetUnit mathjs unit string of the result
 * @returns the finite number in `targetUnit`
 * @throws ModelInputError if the value is not finite, cannot be parsed, or has another dimension
 */
export function toPlainNumber(fn: string, parameter: string, value: Quantity, targetUnit: string): number {
  let result: number;
  if (typeof value === "number") {
    result = value;
  } else {
    let u: Unit;
    if (mathjs().isUnit(value)) {
      u = value;
    } else if (typeof value === "string") {
      try {
        u = mathjs().unit(value);
      } catch {
        throw new ModelInputError(fn, parameter, `a quantity in ${targetUnit} or a compatible unit`, value);
      }
    } else {
      throw new ModelInputError(fn, parameter, `a number, unit string or mathjs Unit in ${targetUnit}`, value);
    }
    if (u.value === null || !u.equalBase(mathjs().unit(`1 ${targetUnit}`))) {
      throw new ModelInputError(fn, parameter, `a quantity with the dimension of ${targetUnit}`, u.toString());
    }
    result = u.toNumber(targetUnit);
  }
  if (!Number.isFinite(result)) throw new ModelInputError(fn, parameter, "finite", result);
  return result;
}

/** Converts a duration ("2 min", unit("3 h") or seconds) to seconds. @throws ModelInputError on a wrong dimension. */
export function toSeconds(value: Quantity, parameter = "value"): number {
  return toPlainNumber("toSeconds", parameter, value, "s");
}

/** Converts a duration to hours. @throws ModelInputError on a wrong dimension. */
export function toHours(value: Quantity, parameter = "value"): number {
  return toPlainNumber("toHours", parameter, value, "h");
}

/** Converts a size ("350 GB", "1 GiB" or bytes) to bytes (GB = 1e9 B, GiB = 2^30 B). @throws ModelInputError on a wrong dimension. */
export function toBytes(value: Quantity, parameter = "value"): number {
  return toPlainNumber("toBytes", parameter, value, "B");
}

/** Converts a rate ("400 Gb/s", "12.5 GB/s" or bytes per second) to bytes per second. @throws ModelInputError on a wrong dimension. */
export function toBytesPerSecond(value: Quantity, parameter = "value"): number {
  return toPlainNumber("toBytesPerSecond", parameter, value, "B/s");
}

/** Converts a power ("700 W", "1 mW" or watts) to watts. @throws ModelInputError on a wrong dimension. */
export function toWatts(value: Quantity, parameter = "value"): number {
  return toPlainNumber("toWatts", parameter, value, "W");
}

/** Converts an energy ("5 mJ" or joules) to joules. @throws ModelInputError on a wrong dimension. */
export function toJoules(value: Quantity, parameter = "value"): number {
  return toPlainNumber("toJoules", parameter, value, "J");
}

/**
 * The model's public functions by name, with positional parameters and units.
 * One table serves `fleetlab calc` (mathjs with units), plot fast paths in the
 * browser (the same pure code, recomputed per drag) and mission definitions that
 * bind controls to a model function by name.
 *
 * Parameters and results are plain numbers in the unit named here; a unit is a
 * mathjs unit string ("s", "h", "B", "B/s", "W") or null for a dimensionless value.
 */

export interface ModelParamSpec {
  name: string;
  /** mathjs unit the number is expressed in, or null when dimensionless. */
  unit: string | null;
  summary: string;
  /** Optional parameters take this value when omitted. */
  default?: number;
}

export interface ModelFunctionSpec {
  name: string;
  summary: string;
  params: ModelParamSpec[];
  /** Unit of the result, or null when dimensionless. */
  returns: string | null;
  /** Evaluates with positional numbers in the units above; throws ModelInputError on bad input. */
  evaluate(...args: number[]): number;
}

/** Every function exposed by name. Filled by the modules that own the formulas. */
export const MODEL_FUNCTIONS: Record<string, ModelFunctionSpec> = {};

/** Looks up a model function by name; throws with the known names if absent. */
export function modelFunction(name: string): ModelFunctionSpec {
  const spec = Object.prototype.hasOwnProperty.call(MODEL_FUNCTIONS, name) ? MODEL_FUNCTIONS[name] : undefined;
  if (!spec) throw new Error(`unknown model function "${name}"; known: ${Object.keys(MODEL_FUNCTIONS).sort().join(", ")}`);
  return spec;
}

/**
 * The grading rubric: what each part of a mission earns, per criterion. The default is
 * FleetLab's predict-explore-target-reflect loop; a course overrides it with a JSON file
 * (`fleetlab grade --rubric FILE`), checked field by field before anything is graded.
 *
 *   {
 *     "prediction":  { "points": 1 },                   committed before any result was shown
 *     "exploration": { "points": 1, "minChanges": 3 },  control changes after the commit
 *     "target":      { "points": 2 },                   found within its tries (parts with a target)
 *     "reflection":  { "points": 1, "minWords": null }  null: the part's own minimum
 *     "execution":   { "points": 1 }                   per mission, with --execute only: code cells run without error
 *   }
 *
 * A criterion left out keeps its default; `"points": 0` drops it from the grade. The
 * prediction is graded for commitment, not correctness (a wrong prediction that is then
 * explored teaches too); whether it matched the model is reported beside it.
 */
import fs from "fs";

export interface Rubric {
  prediction: { points: number };
  exploration: { points: number; minChanges: number };
  target: { points: number };
  reflection: { points: number; minWords: number | null };
  execution: { points: number };
}

export const DEFAULT_RUBRIC: Rubric = {
  prediction: { points: 1 },
  exploration: { points: 1, minChanges: 3 },
  target: { points: 2 },
  reflection: { points: 1, minWords: null },
  execution: { points: 1 },
};

/** A rubric file that cannot be used; `problems` each name the field. */
export class RubricError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`rubric ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "RubricError";
  }
}

const FIELDS: { [C in keyof Rubric]: { [F in keyof Rubric[C]]: "points" | "count" | "count-or-null" } } = {
  prediction: { points: "points" },
  exploration: { points: "points", minChanges: "count" },
  target: { points: "points" },
  reflection: { points: "points", minWords: "count-or-null" },
  execution: { points: "points" },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The rubric `json` describes, defaults filled in.
 * @throws RubricError listing every unknown field and every value of the wrong kind
 */
export function parseRubric(json: unknown, source = "rubric"): Rubric {
  const problems: string[] = [];
  if (!isObject(json)) throw new RubricError(source, ["must be a JSON object with any of: " + Object.keys(FIELDS).join(", ")]);
  const rubric = structuredClone(DEFAULT_RUBRIC) as unknown as Record<string, Record<string, unknown>>;
  for (const [criterion, given] of Object.entries(json)) {
    const fields = (FIELDS as Record<string, Record<string, string>>)[criterion];
    if (!fields) {
      problems.push(`${criterion}: not a criterion (known: ${Object.keys(FIELDS).join(", ")})`);
      continue;
    }
    if (!isObject(given)) {
      problems.push(`${criterion}: must be an object with ${Object.keys(fields).join(", ")}`);
      continue;
    }
    for (const [field, value] of Object.entries(given)) {
      const kind = fields[field];
      const at = `${criterion}.${field}`;
      if (!kind) problems.push(`${at}: not a field of ${criterion} (known: ${Object.keys(fields).join(", ")})`);
      else if (kind === "points" && !(typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1000)) {
        problems.push(`${at}: must be a number of points from 0 to 1000 (got ${JSON.stringify(value)})`);
      } else if (kind !== "points" && !(Number.isSafeInteger(value) && (value as number) >= 0) && !(kind === "count-or-null" && value === null)) {
        problems.push(`${at}: must be a whole number >= 0${kind === "count-or-null" ? " or null" : ""} (got ${JSON.stringify(value)})`);
      } else rubric[criterion][field] = value;
    }
  }
  if (problems.length) throw new RubricError(source, problems);
  return rubric as unknown as Rubric;
}

/**
 * The rubric in a JSON file.
 * @throws RubricError naming the file when it cannot be read, is not JSON or breaks a rule
 */
export function readRubric(file: string): Rubric {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new RubricError(file, [`cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RubricError(file, [`not valid JSON (${(e as Error).message})`]);
  }
  return parseRubric(json, file);
}

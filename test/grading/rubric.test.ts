/** The rubric file: defaults filled in, every broken field named, nothing half-applied. */
import { DEFAULT_RUBRIC, parseRubric, RubricError } from "../../src/mission/grading/rubric";

describe("parseRubric", () => {
  it("fills in the defaults around what the file sets", () => {
    expect(parseRubric({ target: { points: 5 }, reflection: { minWords: null } })).toEqual({ ...DEFAULT_RUBRIC, target: { points: 5 } });
    expect(parseRubric({ exploration: { minChanges: 0 } }).exploration).toEqual({ points: 1, minChanges: 0 });
    expect(parseRubric({ execution: { points: 0 } }).execution).toEqual({ points: 0 });
  });

  it("names every problem at once and throws", () => {
    let error: unknown;
    try {
      parseRubric({ prediction: { points: "1" }, exploration: { minChanges: 2.5 }, reflection: 3, extra: {} }, "r.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RubricError);
    expect((error as RubricError).problems).toEqual([
      'prediction.points: must be a number of points from 0 to 1000 (got "1")',
      "exploration.minChanges: must be a whole number >= 0 (got 2.5)",
      "reflection: must be an object with points, minWords",
      "extra: not a criterion (known: prediction, exploration, target, reflection, execution)",
    ]);
  });

  it("refuses what is not an object", () => {
    expect(() => parseRubric([])).toThrow(/must be a JSON object/);
  });

  it("leaves the default rubric untouched", () => {
    parseRubric({ target: { points: 9 } });
    expect(DEFAULT_RUBRIC.target.points).toBe(2);
  });
});

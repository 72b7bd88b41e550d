import { answerProblem, lockRequestProblem, parseAnswer } from "./answer";
import { PREDICTION_LOCK } from "./contracts";

const number = { kind: "number" as const, min: 1, max: 100, choices: [], max_length: 10 };

describe("prediction answers", () => {
  it("matches the worked example: a number lock in [1, 100]", () => {
    expect(parseAnswer(" 64 ", number)).toEqual({ value: 64 });
    expect(parseAnswer("", number)).toEqual({ problem: "a finite number in [1, 100]" });
    expect(parseAnswer("500", number)).toEqual({ problem: "in [1, 100]" });
  });
  it("reads a choice as it is and trims a text answer before its length counts", () => {
    const choice = { ...number, kind: "choice" as const, choices: ["rise", "fall"] };
    expect(parseAnswer("fall", choice)).toEqual({ value: "fall" });
    expect(parseAnswer("up", choice)).toEqual({ problem: 'one of "rise", "fall"' });
    const text = { ...number, kind: "text" as const };
    expect(parseAnswer("  it falls  ", text)).toEqual({ value: "it falls" });
    expect(parseAnswer("   ", text)).toEqual({ problem: "a non-empty string" });
    expect(parseAnswer("x".repeat(11), text)).toEqual({ problem: "a string of at most 10 characters" });
  });
  it("accepts a parsed draft exactly when the committed value is accepted", () => {
    for (const draft of ["1", "100", "0", "101", "1e2", "abc", " 7 "]) {
      const parsed = parseAnswer(draft, number);
      if ("value" in parsed) expect(answerProblem(number, parsed.value)).toBeNull();
      else expect(answerProblem(number, Number(draft.trim() || Number.NaN))).not.toBeNull();
    }
  });
  it("refuses a second request, and an invalid one, in the kernel's words", () => {
    const lock = { ...PREDICTION_LOCK.defaults, part: "07.1", ...number };
    expect(lockRequestProblem(lock, 4)).toBeNull();
    expect(lockRequestProblem(lock, "4")).toBe('value must be a finite number in [1, 100] (got "4")');
    expect(lockRequestProblem({ ...lock, locked: true, value: 4 }, 5)).toBe("prediction for part 07.1 is locked; it cannot change (locked 4)");
  });
});

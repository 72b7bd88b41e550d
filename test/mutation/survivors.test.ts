import { hasCode, summarize } from "./survivors";

/** A report of one model file: `total = a + b;` with three mutants in it. */
const source = "export function total(a: number, b: number) {\n  return a + b;\n}\n";
const at = (line: number, column: number, endColumn: number) => ({ start: { line, column }, end: { line, column: endColumn } });
const report = {
  files: {
    "src/model/total.ts": {
      source,
      mutants: [
        { mutatorName: "ArithmeticOperator", replacement: "a - b", status: "Killed", location: at(2, 10, 15) },
        { mutatorName: "BlockStatement", replacement: "{}", status: "Timeout", location: at(1, 46, 47) },
        { mutatorName: "ArithmeticOperator", replacement: "b + a", status: "Survived", location: at(2, 10, 15) },
        { mutatorName: "StringLiteral", replacement: '""', status: "CompileError", location: at(2, 10, 15) },
      ],
    },
    "src/model/total.spec.ts": { source: "", mutants: [{ mutatorName: "X", replacement: "y", status: "Survived", location: at(1, 1, 2) }] },
    "src/kernel/other.ts": { source: "", mutants: [{ mutatorName: "X", replacement: "y", status: "Survived", location: at(1, 1, 2) }] },
  },
};

describe("the mutation summary", () => {
  it("scores detected (killed or timed out) over detected and surviving mutants of the model's code only", () => {
    const s = summarize(report, []);
    expect(s.files).toEqual([{ file: "src/model/total.ts", detected: 2, undetected: 1, score: (100 * 2) / 3 }]);
    expect(s.score).toBeCloseTo(66.667, 3);
  });
  it("lists a survivor with the source it replaced, unexplained until justified", () => {
    expect(summarize(report, []).unexplained).toEqual([
      { where: "src/model/total.ts:2:10", mutator: "ArithmeticOperator", noCoverage: false, original: "a + b", replacement: "b + a" },
    ]);
  });
  it("matches a justification by file, mutator and text, wherever the line has moved", () => {
    const reason = "addition commutes";
    const s = summarize(report, [{ file: "src/model/total.ts", mutator: "ArithmeticOperator", original: "a  +  b", replacement: "b + a", reason }]);
    expect(s.unexplained).toEqual([]);
    expect(s.explained.map((m) => m.reason)).toEqual([reason]);
    expect(s.stale).toEqual([]);
  });
  it("reports a justification that no survivor matches any more", () => {
    const gone = { file: "src/model/total.ts", mutator: "ArithmeticOperator", original: "a + b", replacement: "a - b", reason: "was killed" };
    expect(summarize(report, [gone]).stale).toEqual([gone]);
  });
  it("keeps a justification of a file no run has measured yet", () => {
    const waiting = { file: "src/model/untested.ts", mutator: "ArithmeticOperator", original: "a + b", replacement: "a - b", reason: "later" };
    expect(summarize(report, [waiting]).stale).toEqual([]);
  });
  it("lists the model's files that no run has measured yet", () => {
    expect(summarize(report, [], () => true, ["src/model/total.ts", "src/model/untested.ts"]).unmeasured).toEqual(["src/model/untested.ts"]);
    expect(summarize(report, []).unmeasured).toEqual([]);
  });
  it("leaves out files that are no longer in the tree", () => {
    expect(summarize(report, [], () => false).files).toEqual([]);
  });
  it("counts an index of re-exports and types as nothing to measure, and any statement as code", () => {
    expect(hasCode('export { a } from "./a";\nexport type { T } from "./t";\nimport { b } from "./b";\ninterface I { x: number }\ntype U = I;\n')).toBe(false);
    expect(hasCode('export const A = 1;\n')).toBe(true);
    expect(hasCode("export function f() {}\n")).toBe(true);
  });
});

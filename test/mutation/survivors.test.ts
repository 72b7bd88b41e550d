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
        { mutatorName: "BlockStatement", replacement: "{}", status: "Timeout", location: { start: { line: 1, column: 45 }, end: { line: 3, column: 2 } } },
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
  it("keeps a justification whose mutant timed out this time (slower, not wrong)", () => {
    const slower = { file: "src/model/total.ts", mutator: "BlockStatement", original: "{ return a + b; }", replacement: "{}", reason: "r" };
    expect(summarize(report, [slower]).stale).toEqual([]);
  });
  it("keeps a justification of a file no run has measured yet", () => {
    const waiting = { file: "src/model/untested.ts", mutator: "ArithmeticOperator", original: "a + b", replacement: "a - b", reason: "later" };
    expect(summarize(report, [waiting]).stale).toEqual([]);
  });
  it("scores a file only as measured: in the report, with the text it has now and all its mutants", () => {
    const here = { file: "src/model/total.ts", source, mutants: 4 };
    const untested = { file: "src/model/untested.ts", source: "export const f = () => 1;\n", mutants: 1 };
    const measured = summarize(report, [], () => true, [here, untested]);
    expect(measured).toMatchObject({ unmeasured: ["src/model/untested.ts"], outdated: [], partial: [] });
    expect(measured.files.map((f) => f.file)).toEqual(["src/model/total.ts"]);
    const edited = summarize(report, [], () => true, [{ ...here, source: source.replace("a + b", "b + a") }]);
    expect(edited).toMatchObject({ outdated: ["src/model/total.ts"], files: [], unexplained: [] });
    const interrupted = summarize(report, [], () => true, [{ ...here, mutants: 9 }]);
    expect(interrupted).toMatchObject({ partial: ["src/model/total.ts"], files: [] });
  });
  it("does not call a justification stale while its file waits to be measured again", () => {
    const reason = { file: "src/model/total.ts", mutator: "ArithmeticOperator", original: "a + b", replacement: "a - b", reason: "r" };
    expect(summarize(report, [reason], () => true, [{ file: "src/model/total.ts", source: "changed", mutants: 4 }]).stale).toEqual([]);
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

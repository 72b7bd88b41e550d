/** How a run of the student's code cells enters a report: one criterion, findings, nothing else touched. */
import { addCellRuns, cellRunFindings, isSandboxRefusal, OUTPUT_FLOOD_BYTES, type CellRunReport } from "./cell-runs";
import type { GradeReport } from "./grade-report";
import { DEFAULT_RUBRIC, parseRubric } from "./rubric";

const report = (): GradeReport => ({
  name: "s", mission: "01_ml_intro", track: "edge_guardian", score: 15, maxScore: 15, findings: [], cells: null, executionTime: 1, recordHead: null,
  tests: [{ name: "Part 1 (p): prediction committed before any result", score: 1, max_score: 1, status: "passed", output: "", visibility: "visible" }],
});
const clean: CellRunReport = { cells: [{ index: 1, id: "setup", status: "ok", outputBytes: 10 }], stopped: null, strayOutputBytes: 0, seconds: 2 };

describe("addCellRuns", () => {
  it("adds the execution point when every cell ran, and leaves the replayed tests alone", () => {
    const r = report();
    addCellRuns(r, clean, DEFAULT_RUBRIC);
    expect(r).toMatchObject({ score: 16, maxScore: 16, findings: [], executionTime: 3 });
    expect(r.tests[0]).toEqual(report().tests[0]);
    expect(r.tests[1]).toMatchObject({ name: "Code cells run without error", score: 1, status: "passed" });
  });

  it("fails the criterion for a run that stopped, naming why", () => {
    const r = report();
    addCellRuns(r, { ...clean, stopped: { code: "code-exit", cell: 1, message: "Your cell 2 ended the process" } }, DEFAULT_RUBRIC);
    expect(r).toMatchObject({ score: 15, maxScore: 16 });
    expect(r.tests[1]).toMatchObject({ score: 0, status: "failed", output: "Your cell 2 ended the process" });
    expect(r.findings.map((f) => f.code)).toEqual(["code-exit"]);
  });

  it("counts a notebook that could not be run as 0 of the point, and drops the criterion at 0 points", () => {
    const r = report();
    addCellRuns(r, { notRun: "unreadable" }, DEFAULT_RUBRIC);
    expect(r).toMatchObject({ score: 15, maxScore: 16 });
    const none = report();
    addCellRuns(none, clean, parseRubric({ execution: { points: 0 } }));
    expect(none.tests).toHaveLength(1);
    expect(none.maxScore).toBe(15);
  });
});

describe("cellRunFindings", () => {
  it("names a refused call, patched functions and a flood", () => {
    const codes = cellRunFindings({
      cells: [
        { index: 2, id: "a", status: "error", ename: "Error", evalue: "Access to this API has been restricted. Use --allow-child-process to manage permissions.", outputBytes: OUTPUT_FLOOD_BYTES },
        { index: 3, id: "b", status: "ok", outputBytes: 1, patched: ["Math.exp"] },
      ],
      stopped: null, strayOutputBytes: 0, seconds: 1,
    }).map((f) => f.code);
    expect(codes).toEqual(["code-refused", "model-patched", "output-flood"]);
  });

  it("tells a permission refusal from another error", () => {
    expect(isSandboxRefusal("Error", "ERR_ACCESS_DENIED")).toBe(true);
    expect(isSandboxRefusal("TypeError", "x is not a function")).toBe(false);
  });
});

/** Cells against the handed-out notebook: deleted, added, moved and edited, the track line not an edit. */
import { cellDiff, unchanged } from "../../src/mission/grading/cell-diff";
import type { Notebook } from "../../src/mission/authoring/nbformat";

const nb = (cells: [string, string][]): Notebook => ({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: cells.map(([id, source]) => ({ id, cell_type: "code", metadata: {}, source, outputs: [], execution_count: null })),
});
const handedOut = nb([["a", "x"], ["parameters", 'const track = "cloud_titan";'], ["b", "y"], ["c", "z"], ["d", "w"]]);

describe("cellDiff", () => {
  it("sees nothing in the handed-out notebook with another track chosen", () => {
    expect(unchanged(cellDiff(nb([["a", "x"], ["parameters", 'const track = "tiny_pioneer";'], ["b", "y"], ["c", "z"], ["d", "w"]]), handedOut))).toBe(true);
  });

  it("names deleted, added, moved and edited cells", () => {
    const d = cellDiff(nb([["a", "x"], ["d", "w"], ["parameters", 'const track = "cloud_titan";'], ["c", "z // peek"], ["new", "1"]]), handedOut);
    expect(d).toEqual({ deleted: ["b"], added: ["new"], moved: ["d"], edited: [{ id: "c", diff: "- z\n+ z // peek" }] });
  });
});

import { fleetlabNotebookProblems, nbformatProblems, toMultiline } from "./nbformat";

const valid = () => ({
  nbformat: 4, nbformat_minor: 5,
  metadata: { kernelspec: { name: "fleetlab", display_name: "FleetLab (TypeScript)", language: "typescript" }, language_info: { name: "typescript" } },
  cells: [
    { id: "a", cell_type: "markdown", metadata: {}, source: "# hi" },
    { id: "b-1_x", cell_type: "code", metadata: {}, source: ["1 +\n", "1"], execution_count: 1,
      outputs: [{ output_type: "execute_result", execution_count: 1, data: { "text/plain": "2" }, metadata: {} },
        { output_type: "stream", name: "stdout", text: "x" }] },
  ],
});

describe("nbformatProblems", () => {
  it("accepts a valid 4.5 notebook", () => expect(nbformatProblems(valid())).toEqual([]));
  it("requires cell ids, unique and matching the pattern", () => {
    const nb = valid() as any;
    nb.cells[1].id = "a";
    nb.cells.push({ id: "bad id", cell_type: "raw", metadata: {}, source: "" });
    delete nb.cells[0].id;
    expect(nbformatProblems(nb)).toEqual([
      "cells[0].id: required string (nbformat 4.5)",
      'cells[2].id: "bad id" must match ^[a-zA-Z0-9-_]+$',
    ]);
    nb.cells[0].id = "a";
    expect(nbformatProblems(nb)).toContain('cells[1].id: "a" duplicates cells[0].id');
  });
  it("rejects a 4.4 notebook, extra keys and malformed outputs", () => {
    const nb = valid() as any;
    nb.nbformat_minor = 4;
    nb.extra = 1;
    nb.cells[0].outputs = [];
    nb.cells[1].outputs.push({ output_type: "stream", name: "stdin", text: "" }, { output_type: "bogus" });
    delete nb.cells[1].execution_count;
    expect(nbformatProblems(nb)).toEqual([
      "extra: not allowed at the top level",
      "nbformat_minor: must be an integer >= 5 for cell ids (got 4)",
      "cells[0].outputs: not allowed in a markdown cell",
      "cells[1].execution_count: required (integer or null)",
      "cells[1].outputs[2].name: stdout or stderr",
      'cells[1].outputs[3].output_type: must be execute_result, display_data, stream or error (got "bogus")',
    ]);
  });
  it("requires the fleetlab kernelspec", () => {
    const nb = valid() as any;
    nb.metadata.kernelspec.name = "python3";
    expect(fleetlabNotebookProblems(nb)).toEqual(['metadata.kernelspec.name: must be "fleetlab" (got "python3")']);
  });
  it("splits source into lines that keep their newline", () => {
    expect(toMultiline("a\nb\n")).toEqual(["a\n", "b\n"]);
    expect(toMultiline("a\nb")).toEqual(["a\n", "b"]);
  });
});

import { nodeCellExecutor } from "../../test/helpers/cell-executor";
import type { CellExecutor } from "./executor";
import type { ExecuteOutcome } from "../kernel/outcome";
import { MIME_BUNDLE } from "../kernel/runtime";

const ok = (value?: unknown): ExecuteOutcome => (value === undefined ? { status: "ok", hasValue: false } : { status: "ok", hasValue: true, value });

describe("the browser-safe cell executor", () => {
  let x: CellExecutor;
  beforeEach(() => {
    x = nodeCellExecutor();
  });

  it("does not run a cell with a type error, naming the cell's own line and column", async () => {
    await x.execute("let ran = 0;");
    const r = await x.execute('ran = 1;\nconst n: number = "text";\n  n.foo;');
    expect(r).toMatchObject({ status: "error", ename: "TypeScriptError" });
    if (r.status !== "error") return;
    expect(r.traceback).toEqual([
      "2:7 - Type 'string' is not assignable to type 'number'.",
      "3:5 - Property 'foo' does not exist on type 'number'.",
    ]);
    expect(r.evalue).toBe(r.traceback.join("\n"));
    expect(await x.execute("ran")).toEqual(ok(0));
  });

  it("maps columns past an inserted export back to the cell", async () => {
    const r = await x.execute('const a = 1; const b: string = a;');
    expect(r).toMatchObject({ status: "error", traceback: ["1:20 - Type 'number' is not assignable to type 'string'."] });
  });

  it("carries declarations into later cells, and a later cell may redeclare a name", async () => {
    expect(await x.execute("const a = 1;\nfunction twice(n: number) { return 2 * n; }\nclass Box { constructor(readonly v: number) {} }\nenum Color { Red, Green }\ninterface P { p: number }\ntype Q = P & { q: string };")).toEqual(ok());
    expect(await x.execute("const p: Q = { p: twice(a), q: 'x' };\nnew Box(p.p).v + Color.Green")).toEqual(ok(3));
    expect(await x.execute('const a = "now a string";')).toEqual(ok());
    expect(await x.execute("a.toUpperCase()")).toEqual(ok("NOW A STRING"));
    const wrong = await x.execute("const n: number = a;");
    expect(wrong).toMatchObject({ status: "error", traceback: ["1:7 - Type 'string' is not assignable to type 'number'."] });
  });

  it("lets a later cell assign a let of an earlier one", async () => {
    await x.execute("let count = 1;\nconst read = () => count;");
    expect(await x.execute("count += 41;\nread()")).toEqual(ok(42));
  });

  it("awaits at top level and shows the last expression's value", async () => {
    expect(await x.execute("const v = await new Promise<number>((r) => setTimeout(() => r(7), 5));\nv * 6")).toEqual(ok(42));
    expect(await x.execute("null")).toEqual(ok());
    expect(await x.execute("const z = 1;")).toEqual(ok());
  });

  it("reports what a cell throws with its name, message and the cell's frames", async () => {
    const r = await x.execute("function boom() { throw new RangeError('too far'); }\nboom();");
    expect(r).toMatchObject({ status: "error", ename: "RangeError", evalue: "too far" });
    if (r.status !== "error") return;
    expect(r.traceback[0]).toBe("RangeError: too far");
    expect(r.traceback.slice(1).every((f) => f.includes("fleetlab-cell-"))).toBe(true);
    expect(await x.execute("throw 42")).toMatchObject({ status: "error", ename: "Thrown", evalue: "42" });
  });

  it("gives a thrown error's frames in the cell's own lines and columns, an earlier cell's included", async () => {
    expect(await x.execute("import { sweep } from \"fleetlab/mission\";\n\nconst limit = 3;\nfunction check(n: number) {\n  if (n > limit) throw new RangeError(`${n} is over`);\n}")).toEqual(ok());
    const r = await x.execute("const values = [1, 2, 5];\n\nfor (const v of values) {\n    check(v);\n}");
    if (r.status !== "error") throw new Error("the cell did not fail");
    expect(r.traceback[0]).toBe("RangeError: 5 is over");
    // The error is made on line 5 of the earlier cell (`new` at column 24); the call is on line 4, column 5.
    expect(r.traceback[1]).toMatch(/^\s+at (Object\.)?check \(fleetlab-cell-\d+\.js:5:24\)$/);
    expect(r.traceback[2]).toMatch(/fleetlab-cell-\d+\.js:4:5\)?$/);
  });

  it("interrupt rejects the running cell's await; the next cell runs", async () => {
    const running = x.execute("await new Promise(() => {});");
    await new Promise((r) => setTimeout(r, 10));
    x.interrupt();
    expect(await running).toMatchObject({ status: "error", ename: "Interrupted" });
    x.interrupt(); // idle: nothing to reject
    expect(await x.execute("await Promise.resolve(5)")).toEqual(ok(5));
  });

  it("imports registered modules, carries the bindings, and names what exists for an unknown one", async () => {
    expect(await x.execute('import { wordCount } from "fleetlab/mission";\nimport * as fl from "fleetlab";')).toEqual(ok());
    expect(await x.execute("typeof fl")).toEqual(ok("object"));
    expect(await x.execute('wordCount("one two three")')).toEqual(ok(3));
    const r = await x.execute('import { readFileSync } from "fs";');
    expect(r).toMatchObject({ status: "error", ename: "ModuleNotFoundError" });
    if (r.status === "error") expect(r.evalue).toBe('Cannot find module "fs": cells in this kernel can import "fleetlab", "fleetlab/mission"');
  });

  it("shows nothing for a value whose MIME bundle provider returns null", async () => {
    const r = await x.execute("({ v: 1 })");
    expect(r).toEqual(ok({ v: 1 }));
    expect(typeof MIME_BUNDLE).toBe("symbol");
  });

  it("completes and inspects with earlier cells' declarations", async () => {
    await x.execute("const fleetSize = 1024;\nconst fleetName = 'titan';");
    const c = x.complete("flee", 4);
    expect(c.matches.slice(0, 2).sort()).toEqual(["fleetName", "fleetSize"]);
    expect(c).toMatchObject({ cursorStart: 0, cursorEnd: 4 });
    const members = x.complete("fleetName.toUp", 14);
    expect(members.matches[0]).toBe("toUpperCase");
    expect(members).toMatchObject({ cursorStart: 10, cursorEnd: 14 });
    expect(x.inspect("fleetSize + 1", 3)).toBe("const fleetSize: 1024");
    expect(x.inspect("Math.max(1, 2)", 6)).toContain("max(...values: number[]): number");
  });

  it("tells an unfinished cell by what the parser still expects", () => {
    expect(x.isComplete("function f() {")).toEqual({ status: "incomplete", indent: "  " });
    expect(x.isComplete("const s = `abc")).toMatchObject({ status: "incomplete" });
    expect(x.isComplete("const a = 1;")).toEqual({ status: "complete" });
  });
});

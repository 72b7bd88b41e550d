/**
 * A mission reads a measured fact from the model's catalog instead of writing its number
 * again: one value per fact, so a corrected figure reaches every mission. The scan takes
 * every number the catalog holds with at least three significant digits (16,384 GPUs, a
 * hidden size of 8,192; round numbers such as 1,000 or 0.5 are too common to be a copy)
 * and looks for it as a numeric literal in the code of the built-in missions and the
 * mission templates, written in full or, with four digits or more, rounded (50,677 for the
 * 50,677.2 GPU-hours per interruption the catalog derives). Comments and strings, where a
 * source is quoted, do not count.
 */
import fs from "fs";
import path from "path";
import * as catalog from "../../src/model/catalog";

const SRC = path.join(__dirname, "..", "..", "src", "mission");
const MISSION_FILES = [
  ...fs.readdirSync(path.join(SRC, "missions")).filter((f) => f.endsWith(".ts") && !f.endsWith(".spec.ts")).map((f) => path.join(SRC, "missions", f)),
  ...fs.readdirSync(path.join(SRC, "authoring", "templates")).filter((f) => f.endsWith(".ts")).map((f) => path.join(SRC, "authoring", "templates", f)),
];

/** Significant digits of a number as written in decimal (16384 → 5, 3500 → 2, 0.00125 → 3). */
function significantDigits(n: number): number {
  const [mantissa] = Math.abs(n).toExponential().split("e");
  return mantissa.replace(".", "").replace(/0+$/, "").length;
}

/** Every distinctive number in the catalog, with where it lives. */
function catalogFigures(): Map<number, string> {
  const found = new Map<number, string>();
  const walk = (v: unknown, where: string, depth: number): void => {
    if (typeof v === "number" && Number.isFinite(v) && significantDigits(v) >= 3) found.set(v, found.get(v) ?? where);
    else if (v && typeof v === "object" && depth < 6) for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`, depth + 1);
  };
  for (const [name, value] of Object.entries(catalog)) walk(value, name, 0);
  return found;
}

/** The code of a TypeScript source with comments and string literals blanked, line breaks kept. */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/g, (m) => m.replace(/[^\n]/g, " "));
}

/** The catalog figure `literal` copies, exactly or (from four significant digits) rounded. */
function catalogFigureOf(literal: number, figures: Map<number, string>): string | undefined {
  const digits = significantDigits(literal);
  if (digits < 3) return undefined;
  if (figures.has(literal)) return figures.get(literal);
  if (digits < 4) return undefined;
  for (const [value, where] of figures) if (Number(value.toPrecision(digits)) === literal) return where;
  return undefined;
}

/** Numeric literals of `text` equal to a catalog figure: `file:line: literal (catalog path)`. */
function copiedFigures(file: string, text: string, figures: Map<number, string>): string[] {
  const code = codeOnly(text);
  const out: string[] = [];
  for (const m of code.matchAll(/(?<![\w.$])(\d[\d_]*(?:\.\d[\d_]*)?(?:e[+-]?\d+)?)(?![\w.$])/gi)) {
    const where = catalogFigureOf(Number(m[1].replace(/_/g, "")), figures);
    if (where) out.push(`${path.basename(file)}:${code.slice(0, m.index).split("\n").length}: ${m[1]} (${where})`);
  }
  return out;
}

describe("missions read catalog facts instead of copying their numbers", () => {
  const figures = catalogFigures();

  it("no built-in mission or template writes a catalog figure as a literal", () => {
    expect(MISSION_FILES.length).toBeGreaterThanOrEqual(6);
    expect(MISSION_FILES.flatMap((f) => copiedFigures(f, fs.readFileSync(f, "utf8"), figures))).toEqual([]);
  });

  it("the scan finds a copied figure in code, and not in a comment or a quoted source (it can fail)", () => {
    const gpus = catalog.LLAMA3_405B_RUN.gpus.value;
    expect(significantDigits(gpus)).toBeGreaterThanOrEqual(3);
    const text = `// a ${gpus}-GPU run\nconst note = "${gpus} GPUs";\nconst nodes = plan(${gpus.toLocaleString("en-US").replace(/,/g, "_")}, null);\n`;
    expect(copiedFigures("x.ts", text, figures)).toEqual([`x.ts:3: ${gpus.toLocaleString("en-US").replace(/,/g, "_")} (LLAMA3_405B_RUN.gpus.value)`]);
    const perInterruption = catalog.LLAMA3_405B_RUN.gpuHoursPerInterruption.value;
    expect(copiedFigures("y.ts", `x(${Math.round(perInterruption)})`, figures)).toEqual([`y.ts:1: ${Math.round(perInterruption)} (LLAMA3_405B_RUN.gpuHoursPerInterruption.value)`]);
    expect(significantDigits(3500)).toBe(2);
    expect(significantDigits(0.00125)).toBe(3);
  });
});

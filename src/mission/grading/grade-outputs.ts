/**
 * What a grading run writes: per submission `results.json` in Gradescope's autograder format
 * and `feedback.md` for the student; per run `grades.csv`, one row per submission, which
 * `fleetlab grade merge` reads back to combine shards.
 */
import fs from "fs";
import path from "path";
import type { GradeReport } from "./grade-report";

/** Gradescope's results.json (score, execution_time, output, tests[]). */
export function gradescopeResults(r: GradeReport): Record<string, unknown> {
  const flags = r.findings.map((f) => `- ${f.message}`);
  return {
    score: round(r.score),
    execution_time: Math.max(0, Math.round(r.executionTime)),
    output: [`${r.mission ?? "unknown mission"}${r.track ? ` (${r.track})` : ""}: ${round(r.score)} / ${round(r.maxScore)}`, ...(flags.length ? ["", "Findings:", ...flags] : [])].join("\n"),
    tests: r.tests.map((t) => ({ ...t, score: round(t.score), max_score: round(t.max_score) })),
  };
}

/** The student's feedback: each part's criteria with why, then the findings in plain words. */
export function feedbackMarkdown(r: GradeReport): string {
  const lines = [`# Feedback: ${r.name}`, "", `**Mission:** ${r.mission ?? "unknown"}${r.track ? ` · **Track:** ${r.track}` : ""}  `, `**Score:** ${round(r.score)} / ${round(r.maxScore)}`, ""];
  lines.push("| Criterion | Points | Why |", "|---|---|---|");
  for (const t of r.tests) lines.push(`| ${cell(t.name)} | ${round(t.score)} / ${round(t.max_score)} | ${cell(t.output)} |`);
  if (r.findings.length) {
    lines.push("", "## What the grader noticed", "");
    for (const f of r.findings) lines.push(`- ${f.message}`);
  }
  const edits = r.cells?.edited ?? [];
  if (edits.length) {
    lines.push("", "## Cells changed from the handed-out notebook", "");
    for (const e of edits) lines.push(`Cell \`${e.id}\`:`, "", "```diff", e.diff, "```", "");
  }
  if (r.cellRuns) {
    lines.push("", "## Your code cells", "", "| Cell | Ran | Printed |", "|---|---|---|");
    for (const c of r.cellRuns.cells) {
      const ran = c.status === "ok" ? "ok" : c.status === "not-run" ? "not run" : `${c.ename}: ${c.evalue}`;
      lines.push(`| ${c.index + 1} (\`${cell(c.id)}\`) | ${cell(ran)} | ${c.outputBytes} bytes |`);
    }
    if (r.cellRuns.stopped) lines.push("", r.cellRuns.stopped.message);
  }
  lines.push("", "Graded from your notebook's lock record, replayed in the original mission; outputs and numbers saved in the notebook are not used.");
  return lines.join("\n") + "\n";
}

export const CSV_HEADER = ["name", "mission", "track", "score", "max_score", "flags", "record"] as const;

/** One grades.csv row. */
export function csvRow(r: GradeReport): string[] {
  const flags = [...new Set(r.findings.map((f) => f.code))].sort().join(" ");
  return [r.name, r.mission ?? "", r.track ?? "", String(round(r.score)), String(round(r.maxScore)), flags, r.recordHead ?? ""];
}

export function csvText(rows: string[][]): string {
  return [[...CSV_HEADER], ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

/** Rows of a grades.csv (header checked), as written by csvText. */
export function parseCsv(text: string, source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = "", quoted = false, i = 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length) row.push(field), rows.push(row);
  const [header, ...body] = rows;
  if (!header || header.join(",") !== CSV_HEADER.join(",")) throw new Error(`${source}: not a grades.csv (expected the header ${CSV_HEADER.join(",")})`);
  const bad = body.findIndex((r) => r.length !== CSV_HEADER.length);
  if (bad >= 0) throw new Error(`${source}: row ${bad + 2} has ${body[bad].length} fields, expected ${CSV_HEADER.length}`);
  return body;
}

/** Writes DIR/<name>/results.json and feedback.md. */
export function writeSubmissionOutputs(dir: string, r: GradeReport): void {
  const own = path.join(dir, r.name);
  fs.mkdirSync(own, { recursive: true });
  fs.writeFileSync(path.join(own, "results.json"), JSON.stringify(gradescopeResults(r), null, 1) + "\n");
  fs.writeFileSync(path.join(own, "feedback.md"), feedbackMarkdown(r));
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

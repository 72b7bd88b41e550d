#!/usr/bin/env node
/**
 * The model's mutation score and every surviving mutant, from Stryker's incremental report
 * (which holds the latest result for every file, also when a run measured only some files):
 *
 *   node test/mutation/survivors.js [report.json]
 *
 * A survivor is listed with its reason when test/mutation/equivalent-mutants.json justifies it
 * (an equivalent mutant: no input tells it apart from the code), and as "unexplained" otherwise.
 * Entries match by file, mutator, the mutated source text and its replacement, not by line, so
 * they stay valid while the code around them moves. Exits 1 on an unexplained survivor, a
 * justification that no longer matches a survivor, or a score below the config's "high" mark.
 */
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "../..");
const reportPath = path.resolve(process.argv[2] ?? path.join(root, "reports/mutation/incremental.json"));
const justified = JSON.parse(fs.readFileSync(path.join(__dirname, "equivalent-mutants.json"), "utf8"));
const goal = JSON.parse(fs.readFileSync(path.join(root, "stryker.config.json"), "utf8")).thresholds.high;

if (!fs.existsSync(reportPath)) {
  console.error(`no mutation report at ${path.relative(root, reportPath)}: run npm run test:mutation first`);
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(reportPath, "utf8"));

/** The source a mutant replaces: its location, 1-based lines and columns as in the report. */
function mutatedText(source, { start, end }) {
  const lines = source.split("\n");
  const offset = (p) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
  return source.slice(offset(start), offset(end));
}

const squash = (text) => text.replace(/\s+/g, " ").trim();
const key = (file, mutator, original, replacement) => [file, mutator, squash(original), squash(replacement)].join("\u0000");
const reasons = new Map(justified.map((j) => [key(j.file, j.mutator, j.original, j.replacement), j.reason]));
const used = new Set();

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
let detected = 0;
let undetected = 0;
const unexplained = [];
const explained = [];
const rows = [];

for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  if (!file.startsWith("src/model/") || file.endsWith(".spec.ts") || !fs.existsSync(path.join(root, file))) continue;
  let fileDetected = 0;
  let fileUndetected = 0;
  for (const mutant of mutants) {
    if (DETECTED.has(mutant.status)) fileDetected++;
    if (!UNDETECTED.has(mutant.status)) continue;
    fileUndetected++;
    const original = mutatedText(source, mutant.location);
    const k = key(file, mutant.mutatorName, original, mutant.replacement);
    const where = `${file}:${mutant.location.start.line}:${mutant.location.start.column}`;
    const line = `${where} ${mutant.mutatorName}${mutant.status === "NoCoverage" ? " (no coverage)" : ""}: ${squash(original).slice(0, 80)} -> ${squash(mutant.replacement).slice(0, 80)}`;
    if (reasons.has(k)) {
      used.add(k);
      explained.push(`${line}\n    ${reasons.get(k)}`);
    } else {
      unexplained.push(line);
    }
  }
  detected += fileDetected;
  undetected += fileUndetected;
  if (fileDetected + fileUndetected > 0) {
    rows.push([file, fileDetected, fileUndetected, (100 * fileDetected) / (fileDetected + fileUndetected)]);
  }
}

const score = (100 * detected) / (detected + undetected);
console.log("file".padEnd(46), "detected", "survived", "score");
for (const [file, d, u, s] of rows) console.log(file.padEnd(46), String(d).padStart(8), String(u).padStart(8), `${s.toFixed(1)}%`);
console.log("src/model".padEnd(46), String(detected).padStart(8), String(undetected).padStart(8), `${score.toFixed(2)}% (goal ${goal}%)`);

console.log(`\nEquivalent survivors (${explained.length}), each with why no input tells it apart:`);
for (const e of explained) console.log(`  ${e}`);
console.log(`\nUnexplained survivors (${unexplained.length}):`);
for (const u of unexplained) console.log(`  ${u}`);

const stale = justified.filter((j) => !used.has(key(j.file, j.mutator, j.original, j.replacement)));
if (stale.length > 0) {
  console.log(`\nJustifications that match no survivor (${stale.length}): remove them or fix their text`);
  for (const j of stale) console.log(`  ${j.file} ${j.mutator}: ${squash(j.original)} -> ${squash(j.replacement)}`);
}
process.exit(unexplained.length > 0 || stale.length > 0 || score < goal ? 1 : 0);

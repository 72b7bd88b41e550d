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
const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** The source a mutant replaces: its location, 1-based lines and columns as in the report. */
function mutatedText(source, { start, end }) {
  const lines = source.split("\n");
  const offset = (p) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
  return source.slice(offset(start), offset(end));
}

/**
 * Whether a TypeScript source holds anything Stryker could mutate: a file of imports,
 * re-exports and type declarations only (an index) has no mutants and no place in a report.
 */
function hasCode(source) {
  const ts = require("typescript");
  const file = ts.createSourceFile("f.ts", source, ts.ScriptTarget.Latest);
  const declarationOnly = (st) =>
    ts.isImportDeclaration(st) || ts.isExportDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st);
  return !file.statements.every(declarationOnly);
}

const squash = (text) => text.replace(/\s+/g, " ").trim();
const key = (file, mutator, original, replacement) => [file, mutator, squash(original), squash(replacement)].join("\u0000");

/**
 * Scores the model's files in a Stryker report and sorts its survivors into justified and
 * unexplained. `exists` says whether a file is still in the tree (a report keeps removed ones).
 * `modelFiles`, the model's source files as `{ file, source, mutants }` (their current text and
 * mutant count), are each measured, or listed as unmeasured (not in the report), outdated (the
 * report holds another text) or partial (an interrupted run tested only some of its mutants);
 * only measured files are scored.
 */
function summarize(report, justified, exists = () => true, modelFiles = []) {
  const current = new Map(modelFiles.map((m) => [m.file, m]));
  const unmeasured = modelFiles.filter((m) => !(m.file in report.files)).map((m) => m.file);
  const outdated = modelFiles.filter((m) => m.file in report.files && report.files[m.file].source !== m.source).map((m) => m.file);
  const partial = modelFiles
    .filter((m) => m.file in report.files && report.files[m.file].source === m.source && report.files[m.file].mutants.length !== m.mutants)
    .map((m) => m.file);
  const scored = (file) => !current.has(file) || !(outdated.includes(file) || partial.includes(file));
  const reasons = new Map(justified.map((j) => [key(j.file, j.mutator, j.original, j.replacement), j.reason]));
  const used = new Set();
  const files = [];
  const explained = [];
  const unexplained = [];
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    if (!file.startsWith("src/model/") || file.endsWith(".spec.ts") || !exists(file) || !scored(file)) continue;
    let detected = 0;
    let undetected = 0;
    for (const mutant of mutants) {
      if (DETECTED.has(mutant.status)) detected++;
      // An equivalent mutant that only slows the specs (an extra pass, a redundant loop) can time
      // out on a loaded machine and count as detected: its justification is not stale for that.
      if (mutant.status === "Timeout") used.add(key(file, mutant.mutatorName, mutatedText(source, mutant.location), mutant.replacement));
      if (!UNDETECTED.has(mutant.status)) continue;
      undetected++;
      const original = mutatedText(source, mutant.location);
      const k = key(file, mutant.mutatorName, original, mutant.replacement);
      const survivor = {
        where: `${file}:${mutant.location.start.line}:${mutant.location.start.column}`,
        mutator: mutant.mutatorName,
        noCoverage: mutant.status === "NoCoverage",
        original: squash(original),
        replacement: squash(mutant.replacement),
      };
      if (reasons.has(k)) {
        used.add(k);
        explained.push({ ...survivor, reason: reasons.get(k) });
      } else {
        unexplained.push(survivor);
      }
    }
    if (detected + undetected > 0) files.push({ file, detected, undetected, score: (100 * detected) / (detected + undetected) });
  }
  const detected = files.reduce((n, f) => n + f.detected, 0);
  const undetected = files.reduce((n, f) => n + f.undetected, 0);
  // A justification is stale once its file has been measured and no survivor (or timed-out mutant) matches it.
  const stale = justified.filter((j) => j.file in report.files && scored(j.file) && !used.has(key(j.file, j.mutator, j.original, j.replacement)));
  return { files, detected, undetected, score: (100 * detected) / (detected + undetected), explained, unexplained, stale, unmeasured, outdated, partial };
}

/** Mutants Stryker's instrumenter finds in each file, by file. */
async function mutantCounts(files) {
  const { Instrumenter } = await import("@stryker-mutator/instrumenter");
  const quiet = () => false;
  const logger = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, fatal: console.error,
    isTraceEnabled: quiet, isDebugEnabled: quiet, isInfoEnabled: quiet, isWarnEnabled: quiet, isErrorEnabled: () => true, isFatalEnabled: () => true };
  const result = await new Instrumenter(logger).instrument(files.map(({ file, source }) => ({ name: file, content: source, mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [], noHeader: false });
  const counts = new Map(files.map(({ file }) => [file, 0]));
  for (const m of result.mutants) counts.set(m.fileName, counts.get(m.fileName) + 1);
  return counts;
}

async function main() {
  const reportPath = path.resolve(process.argv[2] ?? path.join(root, "reports/mutation/incremental.json"));
  if (!fs.existsSync(reportPath)) {
    console.error(`no mutation report at ${path.relative(root, reportPath)}: node test/mutation/results-store.js restore brings the stored one, npm run test:mutation measures`);
    process.exit(2);
  }
  const report = JSON.parse(fs.readFileSync(reportPath, "utf8"));
  const justified = JSON.parse(fs.readFileSync(path.join(__dirname, "equivalent-mutants.json"), "utf8"));
  const goal = JSON.parse(fs.readFileSync(path.join(root, "stryker.config.json"), "utf8")).thresholds.high;
  const sources = fs.readdirSync(path.join(root, "src/model"), { recursive: true })
    .map((f) => `src/model/${f.split(path.sep).join("/")}`)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".spec.ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((file) => ({ file, source: fs.readFileSync(path.join(root, file), "utf8") }))
    .filter(({ source }) => hasCode(source));
  // Relative names, as Stryker's report keys them: the instrumenter runs from the repository root.
  process.chdir(root);
  const counts = await mutantCounts(sources);
  const modelFiles = sources.map((m) => ({ ...m, mutants: counts.get(m.file) }));
  const s = summarize(report, justified, (file) => fs.existsSync(path.join(root, file)), modelFiles);

  const show = (m) => `${m.where} ${m.mutator}${m.noCoverage ? " (no coverage)" : ""}: ${m.original.slice(0, 80)} -> ${m.replacement.slice(0, 80)}`;
  console.log("file".padEnd(46), "detected", "survived", "score");
  for (const f of s.files) console.log(f.file.padEnd(46), String(f.detected).padStart(8), String(f.undetected).padStart(8), `${f.score.toFixed(1)}%`);
  console.log("src/model".padEnd(46), String(s.detected).padStart(8), String(s.undetected).padStart(8), `${s.score.toFixed(2)}% (goal ${goal}%)`);
  console.log(`\nEquivalent survivors (${s.explained.length}), each with why no input tells it apart:`);
  for (const m of s.explained) console.log(`  ${show(m)}\n    ${m.reason}`);
  console.log(`\nUnexplained survivors (${s.unexplained.length}):`);
  for (const m of s.unexplained) console.log(`  ${show(m)}`);
  if (s.stale.length > 0) {
    console.log(`\nJustifications that match no survivor (${s.stale.length}): remove them or fix their text`);
    for (const j of s.stale) console.log(`  ${j.file} ${j.mutator}: ${squash(j.original)} -> ${squash(j.replacement)}`);
  }
  const unscored = [
    ["not measured yet", s.unmeasured],
    ["changed since they were measured", s.outdated],
    ["measured in part (an interrupted run)", s.partial],
  ];
  for (const [why, files] of unscored) {
    if (files.length === 0) continue;
    console.log(`\nModel files ${why} (${files.length}): the score above leaves them out; rerun with --mutate`);
    for (const file of files) console.log(`  ${file}`);
  }
  const complete = unscored.every(([, files]) => files.length === 0);
  process.exit(s.unexplained.length > 0 || s.stale.length > 0 || !complete || s.score < goal ? 1 : 0);
}

module.exports = { summarize, hasCode };
if (require.main === module) main().catch((err) => { console.error(err); process.exit(2); });

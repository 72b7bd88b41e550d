#!/usr/bin/env node
/**
 * The model's mutation results, kept in the repository compressed. Stryker's incremental
 * report (reports/mutation/incremental.json) holds every mutant's last result and the tests
 * that cover it, so a later run retests only what changed; it is over 10 MB, gzipped about
 * 0.5 MB (test/mutation/incremental.json.gz). A first measurement of the whole model takes
 * hours on two cores; the stored results let a fresh clone start from the last one.
 *
 *   node test/mutation/results-store.js restore   before a run: the stored results, unless a report is already here
 *   node test/mutation/results-store.js save      after a run: store the report
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const root = path.join(__dirname, "../..");
const REPORT = path.join(root, "reports/mutation/incremental.json");
const STORE = path.join(__dirname, "incremental.json.gz");

/** Writes the stored results to `report` unless it exists (a local report is newer); says what it did. */
function restore(store = STORE, report = REPORT) {
  if (fs.existsSync(report)) return "kept the report already here";
  if (!fs.existsSync(store)) return "no stored results: the first run measures every mutant";
  const text = zlib.gunzipSync(fs.readFileSync(store)).toString("utf8");
  JSON.parse(text); // a damaged store fails here, before Stryker reads it
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.writeFileSync(report, text);
  return `restored ${path.relative(root, report)}`;
}

/** Stores `report` compressed (no timestamp in the gzip header, so equal results give equal bytes). */
function save(store = STORE, report = REPORT) {
  if (!fs.existsSync(report)) throw new Error(`no report at ${path.relative(root, report)} to store`);
  const text = fs.readFileSync(report, "utf8");
  JSON.parse(text);
  fs.writeFileSync(store, zlib.gzipSync(text, { level: 9 }));
  return `stored ${path.relative(root, store)}`;
}

module.exports = { restore, save };

if (require.main === module) {
  const action = { restore, save }[process.argv[2]];
  if (!action) {
    console.error("usage: node test/mutation/results-store.js restore|save");
    process.exit(2);
  }
  console.log(action());
}

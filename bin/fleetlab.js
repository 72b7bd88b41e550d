#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is compiled to dist/ by `npm run build`. The compile cache is
// turned on first so that it covers every module the command loads.
require("../dist/src/cli/compile-cache.js").enableCompileCache();
require("../dist/src/cli/fleetlab.js").main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`fleetlab: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; },
);

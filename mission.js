"use strict";
// `import … from "fleetlab/mission"`: node10 resolution finds this file at the package root.
module.exports = require("./dist/src/mission/index.js");

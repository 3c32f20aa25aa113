/* Runs suspend.js's and launch.js's pure functions under node for tests/test_scorm_package.py.
 * stdin: {"config": {...}, "cases": [{"op": "encode"|"decode"|"result"|"sessionTime", ...}]}
 * stdout: one result per case. */
"use strict";
const path = require("path");
const STATIC = path.join(__dirname, "..", "..", "src", "evidence_course", "render", "scorm", "static");
const suspend = require(path.join(STATIC, "suspend.js"));
const lms = require(path.join(STATIC, "launch.js"));

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { config, cases } = JSON.parse(input);
  const out = cases.map((c) => {
    switch (c.op) {
      case "encode": return suspend.encode(config, c.progress, c.seed);
      case "decode": return suspend.decode(config, c.text);
      case "result": return suspend.result(config, c.progress, c.passMark);
      case "sessionTime": return lms.sessionTime(c.ms, c.version);
      default: throw new Error("unknown op " + c.op);
    }
  });
  process.stdout.write(JSON.stringify(out));
});

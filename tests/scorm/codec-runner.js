/* Runs launch.js's pure functions under node for tests/test_scorm_package.py.
 * stdin: {"config": {...}, "cases": [{"op": "encode"|"decode"|"result"|"sessionTime", ...}]}
 * stdout: one result per case. */
"use strict";
const path = require("path");
const lms = require(path.join(__dirname, "..", "..", "src", "evidence_course", "render", "scorm", "static", "launch.js"));

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { config, cases } = JSON.parse(input);
  const out = cases.map((c) => {
    switch (c.op) {
      case "encode": return lms.encode(config, c.progress, c.seed);
      case "decode": return lms.decode(config, c.text);
      case "result": return lms.result(config, c.progress, c.passMark);
      case "sessionTime": return lms.sessionTime(c.ms, c.version);
      default: throw new Error("unknown op " + c.op);
    }
  });
  process.stdout.write(JSON.stringify(out));
});

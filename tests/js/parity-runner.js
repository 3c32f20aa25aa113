// Reads [{question, answer}, ...] as JSON on stdin, grades each with quiz.js, prints the results as JSON.
// question is the per-question entry of the page's quiz data (static_html.quiz_data).
"use strict";
const path = require("path");
const quiz = require(path.join(__dirname, "..", "..", "src", "evidence_course", "sphinx_ext", "static", "quiz.js"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  const out = cases.map((c) => quiz.grade(c.question, c.answer));
  process.stdout.write(JSON.stringify(out));
});

// Reads {script, words, cases} as JSON on stdin, runs each case through quiz.js, prints the results as JSON.
// script: the quiz.js to load (the source, or a minified copy); words: model/words.py WORDS, as the page
// carries them. A case is {question, answer, stage} (grade, then feedbackView in stage),
// {stageAfter: [correct, tries]} or {order: [type, ids, seed, questionId]} (displayOrder).
"use strict";
const path = require("path");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { script, words, cases } = JSON.parse(input);
  const quiz = require(path.resolve(script));
  const out = cases.map((c) => {
    if (c.stageAfter) return quiz.stageAfter(...c.stageAfter);
    if (c.order) return quiz.displayOrder(...c.order);
    const result = quiz.grade(c.question, c.answer, words);
    return { result, view: quiz.feedbackView(c.question.type, result, c.stage, words) };
  });
  process.stdout.write(JSON.stringify(out));
});

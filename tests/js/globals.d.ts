// What quiz.js may find besides the DOM: CommonJS `module` when node loads it for the parity test.
declare var module: { exports: unknown };

/* The evidence course in a learning platform: saved progress as cmi.suspend_data, and the score it gives.
 *
 * Pure functions, no page and no platform: launch.js calls them as window.ecSuspend in the launch page,
 * and tests/scorm/codec-runner.js runs them under node for tests/test_scorm_package.py. quiz.js keeps
 * progress per quiz in localStorage ("evidence-course:v1:<quiz id>", docs/CONVENTIONS.md); this turns
 * it into the short text a platform keeps, and back.
 */
(function () {
  "use strict";
  var FORMAT = "E1";

  /* config.quizzes: {quiz id: [[question id, hash, type, option ids | item ids, category ids], ...]} */
  function questionsOf(config) {
    var out = [];
    Object.keys(config.quizzes).forEach(function (quiz) {
      config.quizzes[quiz].forEach(function (row) {
        out.push({ quiz: quiz, id: row[0], hash: row[1], type: row[2], ids: row[3], cats: row[4] || [] });
      });
    });
    return out;
  }

  /* single/truefalse: the option's index; multiple: a bit mask of options; categorise: one character
     per item, its group's index or "_"; all in base 36 ("" when there is no answer to keep) */
  function encodeAnswer(q, answer) {
    if (answer === null || answer === undefined) return "";
    if (q.type === "categorise") {
      if (typeof answer !== "object" || Array.isArray(answer)) return "";
      var text = q.ids.map(function (item) {
        var i = q.cats.indexOf(answer[item]);
        return i < 0 ? "_" : i.toString(36);
      }).join("");
      return /[^_]/.test(text) ? text : "";
    }
    if (q.type === "multiple") {
      if (!Array.isArray(answer)) return "";
      var mask = 0;
      answer.forEach(function (id) { var i = q.ids.indexOf(id); if (i >= 0) mask |= 1 << i; });
      return mask ? mask.toString(36) : "";
    }
    var k = q.ids.indexOf(answer);
    return k < 0 ? "" : k.toString(36);
  }

  function decodeAnswer(q, text) {
    if (!text) return null;
    if (q.type === "categorise") {
      if (text.length !== q.ids.length) return null;
      var placed = {}, any = false;
      for (var n = 0; n < text.length; n++) {
        if (text.charAt(n) === "_") continue;
        var cat = q.cats[parseInt(text.charAt(n), 36)];
        if (cat === undefined) return null;
        placed[q.ids[n]] = cat;
        any = true;
      }
      return any ? placed : null;
    }
    var v = parseInt(text, 36);
    if (!(v >= 0) || v.toString(36) !== text) return null;
    if (q.type === "multiple") {
      if (v >= (1 << q.ids.length)) return null;
      var ids = q.ids.filter(function (id, i) { return (v & (1 << i)) !== 0; });
      return ids.length ? ids : null;
    }
    return q.ids[v] === undefined ? null : q.ids[v];
  }

  var SEED = /^[0-9a-z]{1,16}$/;

  /* progress {quiz id: {question id: {hash, first, correct, answer, tries, revealed}}} and the option-order
     seed -> "E1;<seed>;" + entries joined by "." where an entry is the first 6 characters of the
     question's hash, a flag character (1 right first time, 2 right last time, 4 an answer follows,
     8 revealed, 16 not revealed), the tries of this round and the answer. Questions changed since
     are left out. */
  function encode(config, progress, seed) {
    var parts = [];
    questionsOf(config).forEach(function (q) {
      var e = (progress[q.quiz] || {})[q.id];
      if (!e || e.hash !== q.hash || typeof e.first !== "boolean") return;
      var answer = encodeAnswer(q, e.answer);
      var flags = (e.first ? 1 : 0) | (e.correct ? 2 : 0) | (answer ? 4 : 0) |
        (e.revealed === true ? 8 : 0) | (e.revealed === false ? 16 : 0);
      var tries = Math.min(35, Math.max(0, Math.floor(Number(e.tries) || 0)));
      parts.push(q.hash.slice(0, 6) + flags.toString(36) + tries.toString(36) + answer);
    });
    return FORMAT + ";" + (typeof seed === "string" && SEED.test(seed) ? seed : "") + ";" + parts.join(".");
  }

  /* -> {progress, seed} (nothing from a text in another format) */
  function decode(config, text) {
    var progress = {}, byHash = {}, fields = typeof text === "string" ? text.split(";") : [];
    if (fields.length !== 3 || fields[0] !== FORMAT) return { progress: progress, seed: null };
    questionsOf(config).forEach(function (q) { byHash[q.hash.slice(0, 6)] = q; });
    fields[2].split(".").forEach(function (part) {
      var q = byHash[part.slice(0, 6)], flags = parseInt(part.charAt(6), 36), tries = parseInt(part.charAt(7), 36);
      if (!q || !(flags >= 0 && flags < 32) || !(tries >= 0)) return;
      var entry = { hash: q.hash, first: (flags & 1) !== 0, correct: (flags & 2) !== 0,
        answer: flags & 4 ? decodeAnswer(q, part.slice(8)) : null, tries: tries };
      if (flags & 8) entry.revealed = true;
      else if (flags & 16) entry.revealed = false;
      (progress[q.quiz] = progress[q.quiz] || {})[q.id] = entry;
    });
    return { progress: progress, seed: SEED.test(fields[1]) ? fields[1] : null };
  }

  /* first-try tally of one quiz, by the rule quiz.js scores with: {answered, right, total} */
  function tally(config, progress, quiz) {
    var rows = config.quizzes[quiz] || [], saved = progress[quiz] || {};
    var t = { answered: 0, right: 0, total: rows.length };
    rows.forEach(function (row) {
      var e = saved[row[0]];
      if (e && e.hash === row[1] && typeof e.first === "boolean") { t.answered++; if (e.first) t.right++; }
    });
    return t;
  }

  /* the final assessment's result once every question of it is answered, else null */
  function result(config, progress, passMark) {
    var t = tally(config, progress, config.assessment);
    if (!t.total || t.answered < t.total) return null;
    var raw = Math.round(100 * t.right / t.total);
    return { raw: raw, right: t.right, total: t.total,
      passed: passMark === null || passMark === undefined ? null : raw >= passMark };
  }

  var api = { encode: encode, decode: decode, tally: tally, result: result, FORMAT: FORMAT };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else window.ecSuspend = api;
})();

/* Evidence course quizzes and progress page. grade()/summary() mirror grading.py (tests/test_parity.py).
 * Progress stays in localStorage ("evidence-course:v1:<quiz id>"); nothing leaves the browser. */
(function () {
  "use strict";
  var PREFIX = "evidence-course:v1:";

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function summary(type, r) {
    if (!r.answered) {
      return type === "categorise" ? "Choose a group for each item, then check your answer."
        : "Choose an answer, then check it.";
    }
    if (type === "multiple") {
      if (r.correct) return "Correct. You found all " + plural(r.total, "right answer", "right answers") + ".";
      var t = "Not quite. You found " + r.found + " of " + plural(r.total, "right answer", "right answers");
      if (r.wrong) t += " and chose " + plural(r.wrong, "option that does not fit", "options that do not fit");
      return t + ".";
    }
    if (type === "categorise") {
      if (r.correct) return "Correct. All " + plural(r.total, "item is", "items are") + " in the right group.";
      return "Not quite. You placed " + r.found + " of " + plural(r.total, "item", "items") + " in the right group.";
    }
    return r.correct ? "Correct." : "Not quite.";
  }

  function count(rows, st) { return rows.filter(function (r) { return r.status === st; }).length; }

  function gradeChoice(type, answer, options, key) {
    var chosen = [];
    if (type === "multiple") {
      if (Array.isArray(answer)) chosen = answer.filter(function (a) { return typeof a === "string" && a; });
    } else if (typeof answer === "string" && answer) chosen = [answer];
    var keys = typeof key === "string" ? [key] : (key || []);
    var rows = options.map(function (id) {
      var sel = chosen.indexOf(id) >= 0, isKey = keys.indexOf(id) >= 0;
      var status = sel ? (isKey ? "right" : "wrong") : (isKey ? "missed" : "unselected");
      return { id: id, selected: sel, key: isKey, status: status };
    });
    var found = count(rows, "right"), wrong = count(rows, "wrong"),
      total = keys.filter(function (k, i) { return keys.indexOf(k) === i; }).length;
    return { correct: found === total && wrong === 0 && total > 0, answered: chosen.length > 0,
      score: total ? Math.max(0, found - wrong) / total : 0, found: found, total: total, wrong: wrong,
      options: rows };
  }

  function gradeCategorise(answer, items) {
    var a = answer && typeof answer === "object" && !Array.isArray(answer) ? answer : {};
    var rows = items.map(function (pair) {
      var c = Object.prototype.hasOwnProperty.call(a, pair[0]) ? a[pair[0]] : null;
      c = typeof c === "string" && c ? c : null;
      var status = c === null ? "missed" : (c === pair[1] ? "right" : "wrong");
      return { id: pair[0], chosen: c, key: pair[1], status: status };
    });
    var found = count(rows, "right"), total = rows.length;
    return { correct: total > 0 && found === total, answered: rows.some(function (r) { return r.chosen !== null; }),
      score: total ? found / total : 0, found: found, total: total, wrong: count(rows, "wrong"), items: rows };
  }

  /* q: {type, options, key} or {type: "categorise", items: [[item, category], ...]} */
  function grade(q, answer) {
    var r = q.type === "categorise" ? gradeCategorise(answer, q.items || [])
      : gradeChoice(q.type, answer, q.options || [], q.key);
    r.summary = summary(q.type, r);
    return r;
  }

  /* storage may be blocked (throws): then keep going */
  var memory = {};
  var store = (function () {
    try {
      var s = window.localStorage, k = PREFIX + "probe";
      s.setItem(k, "1"); s.removeItem(k);
      return s;
    } catch (e) { return null; }
  })();

  function load(id) {
    if (store) try { return JSON.parse(store.getItem(PREFIX + id)) || {}; } catch (e) { /* */ }
    return memory[id] || {};
  }

  function save(id, data) {
    memory[id] = data;
    if (store) try { store.setItem(PREFIX + id, JSON.stringify(data)); } catch (e) { /* */ }
  }

  /* questions: [[question id, hash], ...] -> {answered, right, total} counting first tries only */
  function tally(quizId, questions) {
    var saved = load(quizId), answered = 0, right = 0;
    questions.forEach(function (q) {
      var e = saved[q[0]];
      if (e && e.hash === q[1] && typeof e.first === "boolean") { answered++; if (e.first) right++; }
    });
    return { answered: answered, right: right, total: questions.length };
  }

  function scoreText(t) {
    if (!t.answered) return "Not started.";
    if (t.answered < t.total) return t.answered + " of " + t.total + " answered, " + t.right + " correct first time.";
    return "Completed: " + t.right + " of " + t.total + " correct first time.";
  }

  var ICON = { right: "\u2713 Right:", wrong: "\u2717 Not right:", missed: "! Missed:" };

  function $(el, sel) { return el.querySelector(sel); }
  function $$(el, sel) { return Array.prototype.slice.call(el.querySelectorAll(sel)); }

  function readAnswer(form, type) {
    if (type === "categorise") {
      var a = {};
      $$(form, "select").forEach(function (s) { if (s.value) a[s.name] = s.value; });
      return a;
    }
    var ids = $$(form, "input:checked").map(function (i) { return i.value; });
    return type === "multiple" ? ids : ids[0] || null;
  }

  function writeAnswer(form, type, answer) {
    if (type === "categorise") {
      $$(form, "select").forEach(function (s) { s.value = (answer && answer[s.name]) || ""; });
      return;
    }
    var ids = type === "multiple" ? (answer || []) : [answer];
    $$(form, "input").forEach(function (i) { i.checked = ids.indexOf(i.value) >= 0; });
  }

  function categoryName(form, id) { var o = $(form, 'option[value="' + id + '"]'); return o ? o.textContent : id; }

  /* show result r on the form, or clear (r null) */
  function mark(form, r) {
    $$(form, ".ec-row").forEach(function (box) {
      var id = box.getAttribute("data-opt") || box.getAttribute("data-item"), fb = $(box, ".ec-fb"),
        ctl = $(box, "input, select"), row = null, st;
      if (r) row = (r.items || r.options).filter(function (x) { return x.id === id; })[0];
      st = row ? row.status : "unselected";
      box.className = box.className.replace(/ ec-(right|wrong|missed)/g, "");
      fb.hidden = st === "unselected";
      if (fb.hidden) { ctl.removeAttribute("aria-describedby"); return; }
      box.className += " ec-" + st;
      $(fb, ".ec-status").textContent = ICON[st] +
        (r.items && st !== "right" ? " belongs in \u201c" + categoryName(form, row.key) + "\u201d." : "");
      ctl.setAttribute("aria-describedby", fb.id);
    });
    var out = $(form, ".ec-feedback");
    out.className = "ec-feedback" + (r ? (r.correct ? " ec-is-right" : " ec-is-wrong") : "");
    out.textContent = r ? r.summary : "";
    $(form, "fieldset").disabled = !!r;
    $(form, ".ec-check").hidden = !!r;
    $(form, ".ec-retry").hidden = $(form, ".ec-after").hidden = !r;
  }

  function initQuiz(section) {
    var data = JSON.parse($(section, "script.ec-quiz-data").textContent);
    var quizId = data.id, scoreEl = $(section, ".ec-quiz-score");
    var pairs = Object.keys(data.questions).map(function (id) { return [id, data.questions[id].hash]; });
    function updateScore() { scoreEl.textContent = "Your score: " + scoreText(tally(quizId, pairs)); }
    if (!store) $(section, ".ec-quiz-note").hidden = false;
    $$(section, "form.ec-q").forEach(function (form) {
      var qid = form.getAttribute("data-qid"), q = data.questions[qid];
      if (!q) return;
      var details = $(form, "details.ec-fallback");
      $(form, ".ec-after").appendChild($(details, ".ec-expl"));
      details.parentNode.removeChild(details);
      $(form, ".ec-actions").hidden = false;
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var answer = readAnswer(form, q.type), r = grade(q, answer);
        if (!r.answered) { $(form, ".ec-feedback").textContent = r.summary; return; }
        var saved = load(quizId), e = saved[qid];
        if (!e || e.hash !== q.hash) e = { hash: q.hash };
        if (typeof e.first !== "boolean") e.first = r.correct;
        e.answer = answer; e.correct = r.correct;
        saved[qid] = e; save(quizId, saved);
        mark(form, r);
        $(form, ".ec-retry").focus();
        updateScore();
      });
      $(form, ".ec-retry").addEventListener("click", function () {
        var saved = load(quizId);
        if (saved[qid]) { saved[qid].answer = null; save(quizId, saved); }
        writeAnswer(form, q.type, null);
        mark(form, null);
        var first = $(form, "input, select");
        if (first) first.focus();
      });
      var e = load(quizId)[qid];
      if (e && e.hash === q.hash && e.answer !== null && e.answer !== undefined) {
        writeAnswer(form, q.type, e.answer);
        mark(form, grade(q, e.answer));
      }
    });
    scoreEl.hidden = false;
    updateScore();
  }

  /* progress page and CPD record */
  function initProgress(root) {
    var rows = $$(root, "tr[data-quiz]"), cpd = $(document, ".ec-cpd");
    if (!store) $(root, ".ec-progress-note").hidden = false;
    function refresh() {
      var done = [], minutes = 0;
      rows.forEach(function (tr) {
        var t = tally(tr.getAttribute("data-quiz"), JSON.parse(tr.getAttribute("data-questions")));
        $(tr, ".ec-progress-status").textContent = scoreText(t);
        if (t.answered === t.total && t.total) {
          done.push([$(tr, "a, .ec-progress-title").textContent, t.right + " of " + t.total,
            tr.getAttribute("data-minutes")]);
          minutes += parseFloat(tr.getAttribute("data-minutes"));
        }
      });
      if (!cpd) return;
      var body = $(cpd, "tbody");
      body.textContent = "";
      done.forEach(function (d) {
        var tr = document.createElement("tr");
        d.forEach(function (text) { var td = document.createElement("td"); td.textContent = text; tr.appendChild(td); });
        body.appendChild(tr);
      });
      $(cpd, ".ec-cpd-empty").hidden = done.length > 0;
      $(cpd, ".ec-cpd-total").textContent = String(Math.round(minutes));
    }
    $(root, ".ec-reset").addEventListener("click", function () {
      if (!window.confirm("Clear your quiz answers and scores from this browser? This cannot be undone.")) return;
      memory = {};
      if (store) Object.keys(store).forEach(function (k) { if (k.indexOf(PREFIX) === 0) store.removeItem(k); });
      if (cpd) $(cpd, "#ec-cpd-name").value = "";
      refresh();
      $(root, ".ec-reset-done").textContent = "Your progress has been cleared.";
    });
    if (cpd) {
      var name = $(cpd, "#ec-cpd-name"), date = $(cpd, "#ec-cpd-date");
      name.value = (store && store.getItem(PREFIX + "cpd-name")) || "";
      name.addEventListener("input", function () {
        if (store) try { store.setItem(PREFIX + "cpd-name", name.value); } catch (e) { /* */ }
      });
      date.value = date.value || new Date().toISOString().slice(0, 10);
      $(cpd, ".ec-print").addEventListener("click", function () { window.print(); });
    }
    $$(document, ".ec-needs-js").forEach(function (el) { el.hidden = false; });
    $$(document, ".ec-nojs").forEach(function (el) { el.hidden = true; });
    refresh();
  }

  function init() {
    $$(document, "section.ec-quiz").forEach(initQuiz);
    $$(document, ".ec-progress").forEach(initProgress);
  }

  var api = { grade: grade, summary: summary };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

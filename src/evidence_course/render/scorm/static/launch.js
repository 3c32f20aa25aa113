/* The evidence course in a learning platform (SCORM 1.2; SCORM 2004 if that is the API found).
 *
 * launch.html shows the book in a frame and keeps the platform's session while the learner moves between
 * chapters. When a platform API is found (the usual search of parent frames and of the opener):
 *   - on launch: initialise, mark the course "incomplete", restore quiz progress from cmi.suspend_data
 *     into this browser's storage (the platform's copy wins) and open the page the learner left;
 *   - after every answer: save progress (compactly) to cmi.suspend_data, report the final assessment's
 *     first-try score and passed/failed once every question of it is answered, and commit;
 *   - on every page: cmi.core.lesson_location; when the learner leaves: exit, session time, finish.
 * A commit the platform refuses is shown in words; the answers stay in the page and in this browser.
 * Without a platform it only shows the book. quiz.js is the only quiz runtime: this file reads what it
 * stores (localStorage "evidence-course:v1:<quiz id>") and listens to the events it dispatches
 * ("evidence-course:answered", "evidence-course:progress-cleared"; docs/CONVENTIONS.md). The saved-
 * progress format (encode, decode, the final result) is suspend.js, which the launch page loads first.
 */
(function () {
  "use strict";
  var PREFIX = "evidence-course:v1:";
  var suspend = typeof window !== "undefined" ? window.ecSuspend : require("./suspend.js");
  var encode = suspend.encode, decode = suspend.decode, result = suspend.result;

  /* --------------------------------------------------------------------------- the platform's API */
  var DIALECTS = {
    "1.2": {
      api: "API", init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", lastError: "LMSGetLastError", errorString: "LMSGetErrorString",
      suspend: "cmi.suspend_data", location: "cmi.core.lesson_location", exit: "cmi.core.exit",
      sessionTime: "cmi.core.session_time", raw: "cmi.core.score.raw", min: "cmi.core.score.min",
      max: "cmi.core.score.max", status: "cmi.core.lesson_status", mastery: "cmi.student_data.mastery_score",
      mode: "cmi.core.lesson_mode", suspendLimit: 4096, locationLimit: 255
    },
    "2004": {
      api: "API_1484_11", init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue",
      commit: "Commit", lastError: "GetLastError", errorString: "GetErrorString",
      suspend: "cmi.suspend_data", location: "cmi.location", exit: "cmi.exit", sessionTime: "cmi.session_time",
      raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max", scaled: "cmi.score.scaled",
      completion: "cmi.completion_status", success: "cmi.success_status", mastery: "cmi.scaled_passing_score",
      mode: "cmi.mode", suspendLimit: 64000, locationLimit: 1000
    }
  };

  /* look for window[name] in win and its parents (stopping at another origin, which may not be read) */
  function findIn(win, name) {
    for (var hops = 0; win && hops < 500; hops++) {
      try {
        if (win[name]) return win[name];
        if (!win.parent || win.parent === win) return null;
        win = win.parent;
      } catch (e) { return null; }
    }
    return null;
  }

  function findApi(win, order) {
    for (var i = 0; i < order.length; i++) {
      var name = DIALECTS[order[i]].api, api = findIn(win, name);
      if (!api) try { api = win.top && win.top.opener ? findIn(win.top.opener, name) : null; } catch (e) { api = null; }
      if (!api) try { api = win.opener ? findIn(win.opener, name) : null; } catch (e) { api = null; }
      if (api) return { api: api, version: order[i] };
    }
    return null;
  }

  function sessionTime(ms, version) {
    var s = Math.max(0, Math.round(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    s %= 60;
    if (version === "2004") return "PT" + h + "H" + m + "M" + s + "S";
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(Math.min(h, 9999)) + ":" + two(m) + ":" + two(s);
  }

  /* ------------------------------------------------------------------------------ browser storage */
  function probeStorage() {
    try {
      var s = window.localStorage, k = PREFIX + "probe";
      s.setItem(k, "1"); s.removeItem(k);
      return s;
    } catch (e) { return null; }
  }

  function readStorage(store, config) {
    var progress = {};
    Object.keys(config.quizzes).forEach(function (quiz) {
      try { progress[quiz] = JSON.parse(store.getItem(PREFIX + quiz)) || {}; } catch (e) { progress[quiz] = {}; }
    });
    return progress;
  }

  /* the platform's copy wins: this browser may hold someone else's answers (a shared computer) */
  function writeStorage(store, config, progress, seed) {
    try { if (seed) store.setItem(PREFIX + "seed", seed); } catch (e) { /* blocked */ }
    Object.keys(config.quizzes).forEach(function (quiz) {
      try {
        if (progress[quiz] && Object.keys(progress[quiz]).length) store.setItem(PREFIX + quiz, JSON.stringify(progress[quiz]));
        else store.removeItem(PREFIX + quiz);
      } catch (e) { /* full or blocked: the page still works */ }
    });
  }

  /* ------------------------------------------------------------------------------------- session */
  function Session(found, config, ui, store) {
    this.api = found.api; this.version = found.version; this.d = DIALECTS[found.version];
    this.config = config; this.ui = ui; this.store = store;
    this.progress = {}; this.sent = {}; this.failed = false; this.finished = false; this.started = Date.now();
  }

  Session.prototype.call = function (fn, a, b) {
    try { return String(this.api[this.d[fn]](a, b)); } catch (e) { return "false"; }
  };
  Session.prototype.get = function (element) { return this.call("get", element); };
  Session.prototype.set = function (element, value) {
    if (this.call("set", element, String(value)) === "true") return true;
    this.ui.problem("Your learning platform did not accept your latest progress" + this.error() +
      ". Your answers are still here in this browser.", false);
    return false;
  };
  Session.prototype.error = function () {
    var code = this.call("lastError");
    if (!code || code === "0" || code === "false") return "";
    var text = this.call("errorString", code);
    return " (it reported error " + code + (text && text !== "false" ? ": " + text : "") + ")";
  };

  Session.prototype.start = function () {
    if (this.call("init", "") !== "true") {
      this.ui.problem("Could not connect to your learning platform" + this.error() +
        ". Your progress is kept in this browser only.", false);
      return false;
    }
    var d = this.d, state = this.version === "2004" ? this.get(d.completion) : this.get(d.status);
    /* review: the platform shows a past attempt and records nothing; show the answers, send nothing */
    this.review = this.get(d.mode) === "review";
    if (!this.review && (state === "" || state === "not attempted" || state === "unknown")) {
      this.set(this.version === "2004" ? d.completion : d.status, "incomplete");
    }
    var saved = this.get(d.suspend), restored = decode(this.config, saved);
    this.progress = restored.progress;
    this.seed = restored.seed;
    this.sent.suspend = saved;
    this.sent.location = this.get(d.location);
    if (this.store) writeStorage(this.store, this.config, this.progress, this.seed);
    this.ui.info(this.review ? "Review: your learning platform shows your saved answers and does not record changes."
      : "Connected to your learning platform: your quiz answers are saved there.");
    return true;
  };

  /* the pass mark: the platform's mastery score if it gives one, else the course's */
  Session.prototype.passMark = function () {
    var v = this.get(this.d.mastery), n = parseFloat(v);
    if (v !== "" && v !== "false" && isFinite(n)) return this.version === "2004" ? n * 100 : n;
    return this.config.passMark;
  };

  Session.prototype.report = function () {
    var r = result(this.config, this.progress, this.passMark()), d = this.d, ok = true;
    if (!r) return true;
    var key = r.raw + ":" + r.passed;
    if (this.sent.result === key) return true;
    ok = this.set(d.min, "0") && this.set(d.max, "100") && this.set(d.raw, String(r.raw));
    if (this.version === "2004") {
      ok = ok && this.set(d.scaled, String(r.raw / 100)) && this.set(d.completion, "completed") &&
        this.set(d.success, r.passed === null ? "unknown" : r.passed ? "passed" : "failed");
    } else {
      ok = ok && this.set(d.status, r.passed === null ? "completed" : r.passed ? "passed" : "failed");
    }
    if (ok) this.sent.result = key;
    return ok;
  };

  Session.prototype.commit = function () {
    if (this.call("commit", "") === "true") {
      if (this.failed) this.ui.info("Saved to your learning platform.");
      this.failed = false;
      this.ui.problem("", false);
      return true;
    }
    this.failed = true;
    this.ui.problem("Your learning platform did not save your latest progress" + this.error() +
      ". Your answers are still here in this browser; the course will try again after your next answer.", true);
    return false;
  };

  /* read progress, send what changed; commit when asked or when something was sent */
  Session.prototype.sync = function (force) {
    if (this.finished || this.review) return;
    if (this.store) {
      this.progress = readStorage(this.store, this.config);
      try { this.seed = this.store.getItem(PREFIX + "seed"); } catch (e) { /* blocked */ }
    }
    var data = encode(this.config, this.progress, this.seed), changed = false;
    if (data !== this.sent.suspend) {
      if (data.length > this.d.suspendLimit) {
        this.ui.problem("Your progress is too long for your learning platform to keep (" + data.length +
          " characters). Your answers are still here in this browser.", false);
      } else if (this.set(this.d.suspend, data)) {
        this.sent.suspend = data; changed = true;
      }
    }
    var before = this.sent.result;
    this.report();
    if (force || changed || this.failed || before !== this.sent.result) this.commit();
  };

  /* quiz.js reports an answer; without storage, keep its first-try result here */
  Session.prototype.answered = function (detail) {
    if (!this.store && detail && this.config.quizzes[detail.quiz]) {
      var row = this.config.quizzes[detail.quiz].filter(function (r) { return r[0] === detail.question; })[0];
      var saved = this.progress[detail.quiz] = this.progress[detail.quiz] || {};
      if (row) saved[detail.question] = { hash: row[1], first: !!detail.first, correct: !!detail.correct, answer: null };
    }
    this.sync(true);
  };

  Session.prototype.cleared = function () {
    if (!this.store) this.progress = {};
    this.sync(true);
  };

  Session.prototype.visit = function (page) {
    if (this.review || !page || page === this.sent.location || page.length > this.d.locationLimit) return;
    if (this.set(this.d.location, page)) { this.sent.location = page; this.commit(); }
  };

  Session.prototype.finish = function () {
    if (this.finished) return;
    if (this.review) {
      this.finished = true;
      if (this.call("finish", "") === "true" && this.store) writeStorage(this.store, this.config, {});
      return;
    }
    this.sync(false);
    var done = result(this.config, this.progress, this.passMark()) !== null;
    this.call("set", this.d.exit, done ? (this.version === "2004" ? "normal" : "") : "suspend");
    this.call("set", this.d.sessionTime, sessionTime(Date.now() - this.started, this.version));
    this.call("commit", "");
    var ok = this.call("finish", "") === "true";
    this.finished = true;
    /* saved in the platform: leave nothing of it in a browser someone else may use next */
    if (ok && this.store) writeStorage(this.store, this.config, {});
  };

  /* ---------------------------------------------------------------------------------- the page */
  function packageBase() { var h = window.location.href.split("#")[0].split("?")[0]; return h.slice(0, h.lastIndexOf("/") + 1); }

  /* the page shown in the frame, relative to the package (null if it is not one of the book's pages) */
  function pageOf(frame, config) {
    var href;
    try { href = frame.contentWindow.location.href.split("#")[0].split("?")[0]; } catch (e) { return null; }
    var base = packageBase();
    if (href.indexOf(base) !== 0) return null;
    var page;
    try { page = decodeURIComponent(href.slice(base.length)); } catch (e) { return null; }
    return config.pages.indexOf(page) >= 0 ? page : null;
  }

  /* links to other sites open in a new tab: most refuse to be framed */
  function openOutsideLinksInTabs(doc) {
    doc.addEventListener("click", function (ev) {
      var a = ev.target && ev.target.closest ? ev.target.closest("a[href]") : null;
      if (!a || a.origin === window.location.origin || !/^https?:$/.test(a.protocol)) return;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }, true);
  }

  function makeUi() {
    var status = document.getElementById("ec-lms-status"), alert = document.getElementById("ec-lms-alert"),
      retry = document.getElementById("ec-lms-retry");
    return {
      info: function (text) { status.textContent = text; },
      problem: function (text, canRetry) { alert.textContent = text; retry.hidden = !canRetry; },
      retry: retry
    };
  }

  function launch() {
    var config = JSON.parse(document.getElementById("ec-lms-config").textContent);
    var frame = document.getElementById("ec-lms-book"), ui = makeUi(), session = null;
    var found = findApi(window, config.version === "2004" ? ["2004", "1.2"] : ["1.2", "2004"]);
    if (found) {
      session = new Session(found, config, ui, probeStorage());
      if (!session.start()) session = null;
    } else {
      ui.info("Not connected to a learning platform: your progress is kept in this browser only.");
    }
    frame.addEventListener("load", function () {
      var doc;
      try { doc = frame.contentDocument; } catch (e) { doc = null; }
      if (doc) openOutsideLinksInTabs(doc);
      if (!session || !doc) return;
      doc.addEventListener("evidence-course:answered", function (ev) { session.answered(ev.detail); });
      doc.addEventListener("evidence-course:progress-cleared", function () { session.cleared(); });
      session.visit(pageOf(frame, config));
      session.sync(false);
    });
    if (session) {
      ui.retry.addEventListener("click", function () { session.sync(true); });
      var end = function () { session.finish(); };
      window.addEventListener("pagehide", end);
      window.addEventListener("beforeunload", end);
    }
    var resume = session && config.pages.indexOf(session.sent.location) >= 0 ? session.sent.location : config.start;
    frame.src = resume;
  }

  var api = { sessionTime: sessionTime, findApi: findApi, DIALECTS: DIALECTS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", launch);
  else launch();
})();

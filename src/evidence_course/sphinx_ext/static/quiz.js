// @ts-check
/**
 * Evidence course: the static quizzes and the progress page (no kernel; nothing leaves the browser).
 *
 * Part 1, the quiz rule (grade, feedbackView, stageAfter, displayOrder), mirrors
 * src/evidence_course/model/grading.py; tests/test_parity.py runs both on the same answers. The words
 * come from the page (<script class="ec-words">, written from model/words.py), so only the arithmetic
 * that picks and fills a sentence is kept in step here.
 *
 * Part 2 drives the page. Storage and events (docs/CONVENTIONS.md, "Browser storage and events"):
 *   localStorage["evidence-course:v1:<quiz id>"] = {<question id>: Entry};
 *   localStorage["evidence-course:v1:seed"] orders the options; "evidence-course:v1:cpd-name";
 *   document gets CustomEvent "evidence-course:answered" {quiz, question, first, correct} after every
 *   graded check, and "evidence-course:progress-cleared" after "Reset my progress".
 *
 * The book serves this file minified (sphinx_ext/minify.py); this is the readable source.
 */
(() => {
  "use strict";

  /** @typedef {"single" | "multiple" | "truefalse" | "categorise"} QuestionType */
  /** @typedef {"right" | "wrong" | "missed" | "unselected"} Status */
  /** @typedef {"retry" | "revealed"} Stage */
  /** @typedef {string | string[] | Record<string, string> | null} Answer */
  /**
   * @typedef {object} QuestionData  One question as the page's quiz JSON carries it.
   * @property {QuestionType} type
   * @property {string} hash
   * @property {string[]} [options]
   * @property {string | string[]} [key]
   * @property {[string, string][]} [items]  [item id, category id] pairs
   */
  /** @typedef {{id: string, selected: boolean, key: boolean, status: Status}} OptionRow */
  /** @typedef {{id: string, chosen: string | null, key: string, status: Status}} ItemRow */
  /**
   * @typedef {object} Result
   * @property {boolean} correct
   * @property {boolean} answered
   * @property {number} score
   * @property {number} found
   * @property {number} total
   * @property {number} wrong
   * @property {string} summary
   * @property {OptionRow[]} [options]
   * @property {ItemRow[]} [items]
   */
  /** @typedef {{id: string, status: Status, feedback: boolean, group: string | null}} ViewRow */
  /** @typedef {{stage: Stage, summary: string, answer: boolean, rows: ViewRow[]}} View */
  /**
   * @typedef {object} Words  model/words.py WORDS
   * @property {Record<string, string>} messages
   * @property {Record<string, string>} status
   * @property {Record<string, string>} score
   * @property {Record<string, string>} ui
   */

  // ------------------------------------------------------------------------------ the quiz rule
  const MAX_TRIES = 2;

  /**
   * Fill "{name}" and "{name:one|many}" placeholders (words.py fill).
   * @param {string} template
   * @param {Record<string, string | number>} values
   */
  const fill = (template, values) =>
    template.replace(/\{(\w+)(?::([^|{}]*)\|([^{}]*))?\}/g, (_match, name, one, many) =>
      one === undefined ? String(values[name]) : values[name] === 1 ? one : many);

  /**
   * The sentence for a graded answer in `stage` (grading.py summary and _message).
   * @param {QuestionType} type
   * @param {Result} result
   * @param {Words} words
   * @param {Stage} [stage]
   */
  function summary(type, result, words, stage = "revealed") {
    const { found, total, wrong } = result;
    const kind = type === "categorise" || type === "multiple" ? `-${type}` : "";
    const outcome = result.correct ? "correct" : stage === "retry" ? "retry" : "wrong";
    const id = result.answered ? outcome + kind + (type === "multiple" && wrong ? "-misfits" : "")
      : `prompt-${type === "categorise" ? type : "choice"}`;
    return fill(words.messages[id], { found, total, wrong, chosen: found + wrong });
  }

  /**
   * Grade `answer` to `question` (grading.py grade_data): a status per option or item, counts, score.
   * @param {QuestionData} question
   * @param {Answer} answer
   * @param {Words} words
   * @returns {Result}
   */
  function grade(question, answer, words) {
    const { type } = question;
    /** @type {Result} */
    let result;
    if (type === "categorise") {
      const placed = answer && typeof answer === "object" && !Array.isArray(answer) ? answer : {};
      /** @type {ItemRow[]} */
      const items = (question.items || []).map(([id, key]) => {
        const chosen = typeof placed[id] === "string" && placed[id] ? placed[id] : null;
        return { id, chosen, key, status: chosen === null ? "missed" : chosen === key ? "right" : "wrong" };
      });
      result = count(items, items.length, items.some((item) => item.chosen !== null), false);
      result.items = items;
    } else {
      const chosen = (type === "multiple" ? (Array.isArray(answer) ? answer : []) : [answer])
        .filter((id) => typeof id === "string" && id);
      const keys = new Set(typeof question.key === "string" ? [question.key] : question.key);
      /** @type {OptionRow[]} */
      const options = (question.options || []).map((id) => {
        const selected = chosen.includes(id);
        const key = keys.has(id);
        return { id, selected, key, status: selected ? (key ? "right" : "wrong") : key ? "missed" : "unselected" };
      });
      result = count(options, keys.size, chosen.length > 0, true);
      result.options = options;
    }
    result.summary = summary(type, result, words);
    return result;
  }

  /**
   * Counts and score of graded rows; a wrong choice takes a point away where `penalty`.
   * @param {{status: Status}[]} rows
   * @param {number} total
   * @param {boolean} answered
   * @param {boolean} penalty
   * @returns {Result}
   */
  function count(rows, total, answered, penalty) {
    const found = rows.filter((row) => row.status === "right").length;
    const wrong = rows.filter((row) => row.status === "wrong").length;
    const score = total ? Math.max(0, found - (penalty ? wrong : 0)) / total : 0;
    return { correct: total > 0 && found === total && !wrong, answered, score, found, total, wrong, summary: "" };
  }

  /**
   * The stage after `tries` graded tries in this round (grading.py stage_after).
   * @param {boolean} correct
   * @param {number} tries
   * @returns {Stage}
   */
  const stageAfter = (correct, tries) => (correct || tries >= MAX_TRIES ? "revealed" : "retry");

  /**
   * What to show for `result` in `stage` (grading.py feedback_view, the one rule of what is revealed):
   * in "retry" only what was chosen, with its own feedback (not a misplaced item's, which would name
   * its group); once "revealed" the missed options too, each misplaced item's group, and the answer.
   * @param {QuestionType} type
   * @param {Result} result
   * @param {Stage} stage
   * @param {Words} words
   * @returns {View}
   */
  function feedbackView(type, result, stage, words) {
    const revealed = stage === "revealed";
    const categorise = type === "categorise";
    const rows = [...(result.items || result.options || [])]
      .filter(({ status }) => status !== "unselected" && (revealed || status !== "missed"))
      .map(({ id, status, key }) => ({
        id, status, feedback: revealed || !categorise || status === "right",
        group: categorise && revealed && status !== "right" ? String(key) : null,
      }));
    let text = summary(type, result, words, stage);
    if (revealed && result.answered && !result.correct) text += ` ${words.messages.revealed}`;
    return { stage, summary: text, answer: revealed, rows };
  }

  /**
   * `ids` shuffled by Fisher-Yates with mulberry32 seeded by the 32-bit FNV-1a hash of the UTF-8 of
   * `seed/questionId`; no seed, or true/false, keeps the authored order (grading.py display_order).
   * @param {QuestionType} type
   * @param {string[]} ids
   * @param {string | null} seed
   * @param {string} questionId
   */
  function displayOrder(type, ids, seed, questionId) {
    const order = [...ids];
    if (!seed || type === "truefalse") return order;
    let state = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(`${seed}/${questionId}`)) state = Math.imul(state ^ byte, 0x01000193) >>> 0;
    for (let i = order.length - 1; i > 0; i--) {
      state = (state + 0x6d2b79f5) >>> 0;  // mulberry32
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      const j = ((t ^ (t >>> 14)) >>> 0) % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  }

  if (typeof module === "object") module.exports = { fill, grade, stageAfter, feedbackView, displayOrder };
  if (typeof document === "undefined") return;

  // ------------------------------------------------------------------------------- the page
  const PREFIX = "evidence-course:v1:";

  /** localStorage, or null where the browser blocks it (then progress lives in `memory`). */
  const store = (() => {
    try {
      localStorage.setItem(PREFIX, PREFIX);
      localStorage.removeItem(PREFIX);
      return localStorage;
    } catch {
      return null;
    }
  })();
  /** @type {Map<string, string>} */
  let memory = new Map();

  /** @param {string} key  without the prefix */
  const readItem = (key) => store?.getItem(PREFIX + key) ?? memory.get(key) ?? null;

  /**
   * @param {string} key  without the prefix
   * @param {string} value
   */
  function writeItem(key, value) {
    memory.set(key, value);
    try {
      store?.setItem(PREFIX + key, value);
    } catch { /* storage full: memory keeps it for this page */ }
  }

  /**
   * @typedef {object} Entry  What is kept per question (docs/CONVENTIONS.md).
   * @property {string} hash  the question's content hash: a changed question starts afresh
   * @property {boolean} [first]  the first graded try was right (what the score counts)
   * @property {Answer} [answer]  the last checked answer (null while trying again)
   * @property {boolean} [correct]  the last checked answer was right
   * @property {number} [tries]  graded tries in this round
   * @property {boolean} [revealed]  the answer and explanation are shown
   */

  /**
   * @param {string} quizId
   * @returns {Record<string, Entry>}
   */
  function loadQuiz(quizId) {
    try {
      return JSON.parse(readItem(quizId) || "{}") || {};
    } catch {
      return {};
    }
  }

  /**
   * The score line of a quiz, from storage: first tries of current questions only.
   * @param {string} quizId
   * @param {[string, string][]} questions  [question id, hash] pairs
   * @param {Words} words
   */
  function score(quizId, questions, words) {
    const saved = loadQuiz(quizId);
    const firsts = questions.map(([id, hash]) => (saved[id]?.hash === hash ? saved[id].first : null))
      .filter((first) => typeof first === "boolean");
    const counts = { answered: firsts.length, right: firsts.filter(Boolean).length, total: questions.length };
    const text = fill(words.score[!counts.answered ? "none" : counts.answered < counts.total ? "some" : "all"], counts);
    return { ...counts, text };
  }

  /**
   * @param {string} name
   * @param {object} [detail]
   */
  const announce = (name, detail) =>
    document.dispatchEvent(new CustomEvent(`evidence-course:${name}`, { bubbles: true, detail }));

  /**
   * The first element matching `selector` in `root` (the rendered page has it).
   * @param {ParentNode} root
   * @param {string} selector
   */
  const find = (root, selector) => /** @type {HTMLElement} */ (root.querySelector(selector));

  /**
   * @param {ParentNode} root
   * @param {string} selector
   */
  const findAll = (root, selector) => /** @type {HTMLElement[]} */ ([...root.querySelectorAll(selector)]);

  /**
   * @param {ParentNode} root
   * @param {string} selector
   */
  const readJson = (root, selector) => JSON.parse(find(root, selector).textContent || "null");

  /**
   * One question: its order, Check, Try again, Show answer, and its state kept in storage.
   * @param {HTMLFormElement} form
   * @param {QuestionData} question
   * @param {string} quizId
   * @param {Words} words
   * @param {() => void} onAnswered
   */
  function initQuestion(form, question, quizId, words, onAnswered) {
    const { type, hash } = question;
    const questionId = form.dataset.qid || "";
    const fieldset = /** @type {HTMLFieldSetElement} */ (find(form, "fieldset"));
    const [live, after, retry, show] = [".ec-feedback", ".ec-after", ".ec-retry", ".ec-show"]
      .map((selector) => find(form, selector));
    const rows = findAll(fieldset, ".ec-row");

    // Without JavaScript the answer is in a <details>; here it moves into .ec-after, shown once revealed.
    after.append(...findAll(form, ".ec-fallback > div"));
    find(form, ".ec-fallback").remove();
    const order = displayOrder(type, rows.map((row) => row.dataset.id || ""), readItem("seed"), questionId);
    fieldset.append(...order.map((id) => rows.find((row) => row.dataset.id === id) || ""));
    const controls = /** @type {HTMLInputElement[]} */ (findAll(fieldset, "input, select"));  // as shown
    find(form, ".ec-actions").hidden = false;

    /** @returns {Answer} */
    function readAnswer() {
      if (type === "categorise") {
        return Object.fromEntries(controls.filter((select) => select.value).map((select) => [select.name, select.value]));
      }
      const ids = controls.filter((input) => input.checked).map((input) => input.value);
      return type === "multiple" ? ids : ids[0] ?? null;
    }

    /** @param {Answer} answer */
    function writeAnswer(answer) {
      for (const control of controls) {
        if (control.type === "radio" || control.type === "checkbox") control.checked = [answer].flat().includes(control.value);
        else control.value = /** @type {any} */ (answer)?.[control.name] || "";
      }
    }

    /**
     * Show `result` as `view`; with no view, open the question for an answer.
     * @param {Result | null} result
     * @param {View | null} view
     */
    function render(result, view) {
      for (const row of rows) {
        const mark = view?.rows.find(({ id }) => id === row.dataset.id);
        const feedback = find(row, ".ec-fb");
        const control = find(row, "input, select");
        const group = mark?.group && fieldset.querySelector(`option[value="${CSS.escape(mark.group)}"]`);
        row.classList.remove("ec-right", "ec-wrong", "ec-missed");
        feedback.hidden = !mark;
        control.removeAttribute("aria-describedby");
        if (!mark) continue;
        row.classList.add(`ec-${mark.status}`);
        find(feedback, ".ec-status").textContent = words.status[mark.status]
          + (group ? ` ${fill(words.status.belongs, { group: group.textContent || "" })}` : "");
        find(feedback, ".ec-fb-text").hidden = !mark.feedback;
        control.setAttribute("aria-describedby", feedback.id);
      }
      live.className = `ec-feedback${result ? (result.correct ? " ec-is-right" : " ec-is-wrong") : ""}`;
      live.textContent = view?.summary ?? "";
      fieldset.disabled = find(form, ".ec-check").hidden = !!view;
      retry.hidden = !view;
      show.hidden = view?.stage !== "retry";
      after.hidden = !view?.answer;
    }

    /**
     * This question's entry with `changes` merged in and stored (a changed question starts a new
     * entry); with no changes, only read.
     * @param {Partial<Entry>} [changes]
     * @returns {Entry}
     */
    function remember(changes) {
      const saved = loadQuiz(quizId);
      const entry = Object.assign(saved[questionId]?.hash === hash ? saved[questionId] : { hash }, changes);
      if (changes) writeItem(quizId, JSON.stringify({ ...saved, [questionId]: entry }));
      return entry;
    }

    /**
     * Show the result of `answer` in `stage` and move the focus to what comes next.
     * @param {Answer} answer
     * @param {Stage} stage
     */
    function showResult(answer, stage) {
      const result = grade(question, answer, words);
      const view = feedbackView(type, result, stage, words);
      render(result, view);
      // Revealed: read on from the answer. After a wrong first try: the next step is "Try again".
      (view.answer ? after : retry).focus();
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const answer = readAnswer();
      const result = grade(question, answer, words);
      if (!result.answered) {
        live.textContent = result.summary;
        return;
      }
      const before = remember();
      const tries = (before.tries || 0) + 1;
      const first = before.first ?? result.correct;
      const stage = stageAfter(result.correct, tries);
      remember({ first, answer, correct: result.correct, tries, revealed: stage === "revealed" });
      showResult(answer, stage);
      onAnswered();
      announce("answered", { quiz: quizId, question: questionId, first, correct: result.correct });
    });

    // Try again: after a wrong first try the answer stays, to be changed; once revealed, a new round.
    retry.addEventListener("click", () => {
      if (remember({ answer: null }).revealed) {
        remember({ tries: 0, revealed: false });
        writeAnswer(null);
      }
      render(null, null);
      (controls.find((control) => control.checked && control.type === "radio") || controls[0]).focus();
    });

    show.addEventListener("click", () => showResult(remember({ revealed: true }).answer ?? null, "revealed"));

    const saved = remember();
    if (saved.answer != null) {
      writeAnswer(saved.answer);
      const result = grade(question, saved.answer, words);
      render(result, feedbackView(type, result, saved.revealed === false ? "retry" : "revealed", words));
    }
  }

  /** @param {HTMLElement} section  one <section class="ec-quiz"> */
  function initQuiz(section) {
    const data = readJson(section, "script.ec-quiz-data");
    /** @type {Record<string, QuestionData>} */
    const questions = data.questions;
    const words = readJson(section, "script.ec-words");
    const scoreLine = find(section, ".ec-quiz-score");
    /** @type {[string, string][]} */
    const pairs = Object.entries(questions).map(([id, question]) => [id, question.hash]);
    const onAnswered = () => {
      scoreLine.textContent = `${words.score.label} ${score(data.id, pairs, words).text}`;
    };
    if (!readItem("seed")) writeItem("seed", Math.random().toString(36).slice(2));
    find(section, ".ec-quiz-note").hidden = !!store;
    for (const form of findAll(section, "form.ec-q")) {
      const question = questions[form.dataset.qid || ""];
      if (question) initQuestion(/** @type {HTMLFormElement} */ (form), question, data.id, words, onAnswered);
    }
    scoreLine.hidden = false;
    onAnswered();
  }

  /** @param {HTMLElement} root  the progress page's <div class="ec-progress"> */
  function initProgress(root) {
    const words = readJson(root, "script.ec-words");
    const cpd = find(document, ".ec-cpd");
    const name = /** @type {HTMLInputElement} */ (find(document, "#ec-cpd-name"));
    const date = /** @type {HTMLInputElement} */ (find(document, "#ec-cpd-date"));
    find(root, ".ec-progress-note").hidden = !!store;

    function refresh() {
      const body = cpd && /** @type {HTMLTableSectionElement} */ (find(cpd, "tbody"));
      let minutes = 0;
      body?.replaceChildren();
      for (const row of findAll(root, "tr[data-quiz]")) {
        const counts = score(row.dataset.quiz || "", JSON.parse(row.dataset.questions || "[]"), words);
        find(row, ".ec-progress-status").textContent = counts.text;
        if (body && counts.total && counts.answered === counts.total) {
          const line = body.insertRow();
          for (const text of [find(row, "a, .ec-progress-title").textContent, `${counts.right} of ${counts.total}`,
            row.dataset.minutes]) line.insertCell().textContent = text || "";
          minutes += Number(row.dataset.minutes);
        }
      }
      if (!body) return;
      find(cpd, ".ec-cpd-empty").hidden = body.rows.length > 0;
      find(cpd, ".ec-cpd-total").textContent = String(Math.round(minutes));
    }

    find(root, ".ec-reset").addEventListener("click", () => {
      if (!window.confirm(words.ui["reset-confirm"])) return;
      memory = new Map();
      for (const key of Object.keys(store || {})) if (key.startsWith(PREFIX)) store?.removeItem(key);
      if (name) name.value = "";
      refresh();
      find(root, ".ec-reset-done").textContent = words.ui["reset-done"];
      announce("progress-cleared");
    });

    if (cpd) {
      name.value = readItem("cpd-name") ?? "";
      name.addEventListener("input", () => writeItem("cpd-name", name.value));
      date.value ||= new Date().toISOString().slice(0, 10);
      find(cpd, ".ec-print").addEventListener("click", () => window.print());
    }
    for (const element of findAll(document, ".ec-needs-js, .ec-nojs")) element.hidden = element.matches(".ec-nojs");
    refresh();
  }

  // Loaded with `defer` (sphinx_ext/__init__.py): the document is parsed.
  findAll(document, "section.ec-quiz").forEach(initQuiz);
  findAll(document, ".ec-progress").forEach(initProgress);
})();

// @ts-check
/* Practice tools: keep what a learner types in this browser only, print it, clear it, and list the
 * finished tools in the CPD record on the progress page.
 *
 * Storage: localStorage["evidence-course:v1:tool:<tool id>"] = JSON
 *   {"fields": {<field key>: text | true | <choice>}, "done": "YYYY-MM-DD" | null, "saved": <ISO time>}
 * After every save or clear, a bubbling CustomEvent("evidence-course:tool-saved", {detail: {tool}}) is
 * dispatched on document. Nothing is ever sent anywhere. If storage is blocked, the page says so and
 * the fields still work (and print) for as long as the page is open.
 */
(function () {
  "use strict";

  var PREFIX = "evidence-course:v1:tool:";
  var SAVED_EVENT = "evidence-course:tool-saved";

  /**
   * @typedef {{fields?: Object<string, string | boolean>, done?: string | null, saved?: string}} ToolRecord
   * @typedef {{id: string, title: string, href: string | null}} ToolEntry
   */

  /** localStorage, or null when the browser blocks it (it may throw just for being read). */
  var store = (function () {
    try {
      var s = window.localStorage, probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  })();

  /**
   * @param {ParentNode} root
   * @param {string} selector
   * @returns {any}
   */
  function $(root, selector) { return root.querySelector(selector); }
  /**
   * @param {ParentNode} root
   * @param {string} selector
   * @returns {any[]}
   */
  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  /**
   * @param {string} toolId
   * @returns {ToolRecord}
   */
  function readRecord(toolId) {
    if (!store) return {};
    try {
      var record = JSON.parse(store.getItem(PREFIX + toolId) || "null");
      return record && typeof record === "object" ? record : {};
    } catch (e) {
      return {};
    }
  }

  /**
   * Store (or, for null, remove) a tool's record.
   * @param {string} toolId
   * @param {ToolRecord | null} record
   * @returns {boolean} whether it was stored (or removed)
   */
  function writeRecord(toolId, record) {
    if (!store) return false;
    try {
      if (record) store.setItem(PREFIX + toolId, JSON.stringify(record));
      else store.removeItem(PREFIX + toolId);
      return true;
    } catch (e) {
      return false; /* full or blocked: the fields keep their values on the page */
    }
  }

  /** @param {string} toolId */
  function announce(toolId) {
    document.dispatchEvent(new CustomEvent(SAVED_EVENT, { bubbles: true, detail: { tool: toolId } }));
  }

  /** @returns {string} today as YYYY-MM-DD, in local time */
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  /**
   * @param {string | null | undefined} iso YYYY-MM-DD
   * @returns {string} e.g. "28 November 2026"
   */
  function longDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!parts) return iso || "";
    var d = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  /**
   * Textareas grow with their text, so everything typed shows on screen and in print.
   * @param {HTMLTextAreaElement} textarea
   */
  function fit(textarea) {
    textarea.style.height = "auto";
    textarea.style.height = textarea.scrollHeight + 2 + "px";
  }

  /**
   * The form's fields as {key: value}; empty ones left out.
   * @param {HTMLFormElement} form
   * @returns {Object<string, string | boolean>}
   */
  function collect(form) {
    /** @type {Object<string, string | boolean>} */
    var fields = {};
    $$(form, "[name]").forEach(function (el) {
      if (el.type === "radio") {
        if (el.checked) fields[el.name] = el.value;
      } else if (el.type === "checkbox") {
        if (el.checked) fields[el.name] = true;
      } else if (el.value.trim()) {
        fields[el.name] = el.value;
      }
    });
    return fields;
  }

  /**
   * @param {HTMLFormElement} form
   * @param {Object<string, string | boolean>} fields
   */
  function fill(form, fields) {
    $$(form, "[name]").forEach(function (el) {
      var value = Object.prototype.hasOwnProperty.call(fields, el.name) ? fields[el.name] : null;
      if (el.type === "radio") el.checked = value === el.value;
      else if (el.type === "checkbox") el.checked = value === true;
      else el.value = typeof value === "string" ? value : "";
    });
  }

  /** @param {HTMLElement} root a `.ec-tool` element */
  function initTool(root) {
    var toolId = root.getAttribute("data-tool") || "";
    var form = $(root, "form.ec-tool-form");
    var done = $(root, ".ec-tool-done");
    var saved = $(root, ".ec-tool-saved");
    var status = $(root, ".ec-tool-status");
    var record = readRecord(toolId);
    /** @type {number | null} */
    var timer = null;

    $$(root, ".ec-tool-nojs").forEach(function (el) { el.hidden = true; });
    $$(root, store ? ".ec-tool-js" : ".ec-tool-blocked").forEach(function (el) { el.hidden = false; });
    $(root, ".ec-tool-actions").hidden = false;

    fill(form, record.fields || {});
    done.checked = Boolean(record.done);
    $$(form, "textarea").forEach(fit);
    if (record.saved) saved.textContent = "Last saved in this browser: " + new Date(record.saved).toLocaleString("en-GB") + ".";

    function save() {
      timer = null;
      var fields = collect(form);
      var empty = Object.keys(fields).length === 0 && !done.checked;
      record = empty ? {} : {
        fields: fields,
        done: done.checked ? (record.done || today()) : null,
        saved: new Date().toISOString()
      };
      if (writeRecord(toolId, empty ? null : record)) {
        saved.textContent = empty ? "" : "Saved in this browser.";
      } else if (store) {
        saved.textContent = "Could not save: this browser's storage is full or blocked. Print the page to keep it.";
      }
      announce(toolId);
    }

    function later() {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(save, 300);
    }

    form.addEventListener("input", function (/** @type {Event} */ ev) {
      var target = /** @type {HTMLElement} */ (ev.target);
      if (target instanceof HTMLTextAreaElement) fit(target);
      later();
    });
    form.addEventListener("change", function () { later(); });
    form.addEventListener("submit", function (/** @type {Event} */ ev) { ev.preventDefault(); });
    /* Do not lose the last keystrokes when the page is left within the debounce time. */
    window.addEventListener("pagehide", function () { if (timer) save(); });

    done.addEventListener("change", function () {
      if (timer) window.clearTimeout(timer);
      save();
      status.textContent = done.checked
        ? "Marked as finished. It is listed in the CPD record on your progress page."
        : "No longer marked as finished.";
    });

    $(root, ".ec-tool-print").addEventListener("click", function () {
      $$(form, "textarea").forEach(fit);
      window.print();
    });

    $(root, ".ec-tool-clear").addEventListener("click", function () {
      var ask = "Clear everything you have typed in this tool? It will be removed from this browser. " +
        "This cannot be undone.";
      if (!window.confirm(ask)) {
        status.textContent = "Nothing was cleared.";
        return;
      }
      if (timer) window.clearTimeout(timer);
      timer = null;
      fill(form, {});
      done.checked = false;
      $$(form, "textarea").forEach(fit);
      record = {};
      writeRecord(toolId, null);
      saved.textContent = "";
      status.textContent = "Cleared. Nothing from this tool is kept in this browser.";
      announce(toolId);
      var first = $(form, "[name]");
      if (first) first.focus();
    });

    $$(form, "details").forEach(function (/** @type {HTMLDetailsElement} */ details) {
      details.addEventListener("toggle", function () { $$(details, "textarea").forEach(fit); });
    });
  }

  /**
   * Progress page: list the finished tools in the CPD record.
   * @param {HTMLScriptElement} script the `{practice-tools-record}` data
   */
  function initRecord(script) {
    /** @type {ToolEntry[]} */
    var tools;
    try { tools = JSON.parse(script.textContent); } catch (e) { return; }
    var box = $(document, ".ec-cpd-tools");
    if (!box) {
      box = document.createElement("div");
      box.className = "ec-cpd-tools";
      if (script.parentNode) script.parentNode.insertBefore(box, script.nextSibling);
    }

    function render() {
      var finished = tools.map(function (t) { return { tool: t, record: readRecord(t.id) }; })
        .filter(function (r) { return r.record.done; });
      box.textContent = "";
      var heading = document.createElement("h3");
      heading.textContent = "Practice tools completed";
      box.appendChild(heading);
      var table = document.createElement("table");
      var caption = document.createElement("caption");
      caption.className = "visually-hidden";
      caption.textContent = "Practice tools you have marked as finished";
      table.appendChild(caption);
      var head = table.createTHead().insertRow();
      ["Practice tool", "Marked as finished on"].forEach(function (text) {
        var th = document.createElement("th");
        th.scope = "col";
        th.textContent = text;
        head.appendChild(th);
      });
      var body = table.createTBody();
      finished.forEach(function (r) {
        var row = body.insertRow(), name = row.insertCell();
        if (r.tool.href) {
          var a = document.createElement("a");
          a.href = r.tool.href;
          a.textContent = r.tool.title;
          name.appendChild(a);
        } else {
          name.textContent = r.tool.title;
        }
        row.insertCell().textContent = longDate(r.record.done);
      });
      if (finished.length) box.appendChild(table);
      var note = document.createElement("p");
      note.className = "ec-cpd-tools-summary";
      if (!store) {
        note.textContent = "This browser is not letting the page store anything, so finished tools cannot be listed here.";
      } else {
        note.textContent = finished.length
          ? "You have finished " + finished.length + " of " + tools.length + " practice tools."
          : "No practice tool marked as finished yet. Each tool has a box to tick when you have finished it.";
      }
      box.appendChild(note);
    }

    render();
    document.addEventListener(SAVED_EVENT, render);
    document.addEventListener("evidence-course:progress-cleared", render);
    window.addEventListener("storage", function (/** @type {StorageEvent} */ ev) {
      if (!ev.key || ev.key.indexOf(PREFIX) === 0) render();
    });
  }

  function init() {
    $$(document, ".ec-tool[data-tool]").forEach(initTool);
    $$(document, "script.ec-tools-index").forEach(initRecord);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

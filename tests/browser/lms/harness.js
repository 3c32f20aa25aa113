/* A test learning platform: launches a SCORM package from its manifest with scorm-again as the API.
 *
 * The package is served under /package/, the platform's stored data under /lms/ (tests/browser/
 * lmsharness.py): GET /lms/state gives what the last successful commit stored (flattened CMI), which
 * is loaded into the API before launch, as a platform does on the learner's next visit. Query:
 * ?version=1.2|2004 (which API to offer), &mode=review (the platform shows a past attempt).
 * Sets window.harness = {launch, masteryScore, error}.
 */
(async function () {
  "use strict";
  const params = new URLSearchParams(window.location.search);
  const version = params.get("version") || "1.2";
  window.harness = { ready: false };
  const runtime = (src) => new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement("script"), { src: src, onload: resolve, onerror: reject });
    document.head.appendChild(script);
  });
  try {
    await runtime(version === "2004" ? "/scorm-again/scorm2004.min.js" : "/scorm-again/scorm12.min.js");
    const state = await (await fetch("/lms/state")).json();
    const xml = await (await fetch("/package/imsmanifest.xml")).text();
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    if (doc.querySelector("parsererror")) throw new Error("imsmanifest.xml is not well-formed");
    const root = doc.documentElement, ns = root.namespaceURI;
    const all = (el, tag) => Array.from(el.getElementsByTagNameNS(ns, tag));
    const organizations = all(root, "organizations")[0];
    const org = all(organizations, "organization")
      .find((o) => o.getAttribute("identifier") === organizations.getAttribute("default"));
    const item = all(org, "item").find((i) => i.hasAttribute("identifierref"));
    const resource = all(root, "resource")
      .find((r) => r.getAttribute("identifier") === item.getAttribute("identifierref"));
    const mastery = item.getElementsByTagNameNS("*", "masteryscore")[0];
    const measure = item.getElementsByTagNameNS("*", "minNormalizedMeasure")[0];
    /* what a platform knows before launch: who the learner is, and that this attempt counts */
    const learner = version === "2004"
      ? { "cmi.learner_id": "learner-1", "cmi.learner_name": "Learner, Test", "cmi.credit": "credit" }
      : { "cmi.core.student_id": "learner-1", "cmi.core.student_name": "Learner, Test", "cmi.core.credit": "credit" };
    if (params.get("mode")) learner[version === "2004" ? "cmi.mode" : "cmi.core.lesson_mode"] = params.get("mode");
    const settings = { lmsCommitUrl: "/lms/commit", dataCommitFormat: "flattened", autocommit: false,
      logLevel: 5, mastery_override: true };
    if (version === "2004") {
      window.API_1484_11 = new window.Scorm2004API(settings);
      window.API_1484_11.loadFromFlattenedJSON(Object.assign({}, learner, state), "");
      if (measure) window.API_1484_11.cmi.scaled_passing_score = measure.textContent.trim();
    } else {
      window.API = new window.Scorm12API(settings);
      window.API.loadFromFlattenedJSON(Object.assign({}, learner, state), "");
      if (mastery) window.API.cmi.student_data.mastery_score = mastery.textContent.trim();
    }
    const href = (resource.getAttribute("xml:base") || "") + resource.getAttribute("href");
    Object.assign(window.harness, { launch: href, masteryScore: mastery ? mastery.textContent.trim() : null });
    document.getElementById("sco").src = "/package/" + href;
    window.harness.ready = true;
  } catch (error) {
    window.harness.error = String(error);
  }
})();

"""The SCORM packages (``course scorm``): the zip and its manifest parsed and checked, the saved-progress
format (suspend.js under node) against the longest real progress, and every refusal with its fix.

The packages are built from the built book (``make book``); the browser tests (tests/browser/
test_scorm.py) launch them in a SCORM runtime.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote

import pytest
from course_under_test import BUILD_DIR, COURSE, copy_of_course
from offline_scan import external_css_urls, external_loads
from ruamel.yaml import YAML
from sphinx.errors import ConfigError

from evidence_course.model.bank import QuestionType
from evidence_course.model.errors import CourseDataError
from evidence_course.model.lms import lms_settings
from evidence_course.render.scorm import PackageError, write_scorm_packages
from evidence_course.render.scorm import package as scorm_package
from evidence_course.render.scorm.package import (
    FILE_NAMES,
    LAUNCH_PAGE,
    MAX_SEED,
    launch_config,
    site_files,
    worst_suspend_length,
)
from evidence_course.site.build import root_page
from evidence_course.sphinx_ext import lms as sphinx_lms

RUNNER = Path(__file__).parent / "scorm" / "codec-runner.js"
NS = {"1.2": {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
              "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
              "md": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"},
      "2004": {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
               "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
               "imsss": "http://www.imsglobal.org/xsd/imsss", "lom": "http://ltsc.ieee.org/xsd/LOM"}}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def packages(built_html: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scorm")
    return {p.scorm: p.path for p in write_scorm_packages(COURSE, BUILD_DIR, out)}


@pytest.fixture(scope="module")
def config(built_html: Path) -> dict[str, Any]:
    files = site_files(built_html)
    pages = [f for f in files if f.endswith(".html") and not f.startswith(("_static/", "_sources/"))]
    bank = COURSE.bank(check_sections=False)
    return launch_config(bank, lms_settings(COURSE), pages, root_page(COURSE), "1.2")


def manifest_of(path: Path) -> tuple[ET.Element, list[str]]:
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        return ET.fromstring(zf.read("imsmanifest.xml")), names


# --------------------------------------------------------------------------------------- the zip
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_manifest_lists_every_file_and_launches_a_sco(packages: dict[str, Path], version: str) -> None:
    root, names = manifest_of(packages[version])
    ns = NS[version]
    assert names[0] == "imsmanifest.xml", "the manifest is at the root (and first)"
    assert len(names) == len(set(names))
    assert root.tag == f"{{{ns['cp']}}}manifest"
    (resource,) = root.iter(f"{{{ns['cp']}}}resource")
    listed = [unquote(f.get("href")) for f in resource.iter(f"{{{ns['cp']}}}file")]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(n for n in names if n != "imsmanifest.xml"), "every file listed, no other"
    scormtype = "scormtype" if version == "1.2" else "scormType"
    assert resource.get(f"{{{ns['adlcp']}}}{scormtype}") == "sco"
    assert unquote(resource.get("href")) in names, "the launch page exists"
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids)) == 4, f"unique identifiers: {ids}"
    assert all(i[0].isalpha() and all(c.isalnum() or c in "-_." for c in i) for i in ids), "XML IDs"
    organizations = root.find(f"{{{ns['cp']}}}organizations")
    (organization,) = organizations.findall(f"{{{ns['cp']}}}organization")
    assert organizations.get("default") == organization.get("identifier")
    (item,) = organization.findall(f"{{{ns['cp']}}}item")
    assert item.get("identifierref") == resource.get("identifier")
    title = lms_settings(COURSE).title
    assert organization.findtext(f"{{{ns['cp']}}}title") == item.findtext(f"{{{ns['cp']}}}title") == title


def test_scorm_12_metadata_and_mastery_score(packages: dict[str, Path]) -> None:
    root, _ = manifest_of(packages["1.2"])
    ns, settings = NS["1.2"], lms_settings(COURSE)
    metadata = root.find(f"{{{ns['cp']}}}metadata")
    assert metadata.findtext(f"{{{ns['cp']}}}schema") == "ADL SCORM"
    assert metadata.findtext(f"{{{ns['cp']}}}schemaversion") == "1.2"
    general = metadata.find(f"{{{ns['md']}}}lom/{{{ns['md']}}}general")
    title = general.find(f"{{{ns['md']}}}title/{{{ns['md']}}}langstring")
    assert title.text == settings.title and title.get(XML_LANG) == "en"
    description = general.findtext(f"{{{ns['md']}}}description/{{{ns['md']}}}langstring")
    assert description == settings.description and "HMPPS" in description
    version = metadata.findtext(f"{{{ns['md']}}}lom/{{{ns['md']}}}lifecycle/{{{ns['md']}}}version/"
                                f"{{{ns['md']}}}langstring")
    assert version == root.get("version") and version.startswith("0.") and "+" in version
    (mastery,) = root.iter(f"{{{ns['adlcp']}}}masteryscore")
    assert float(mastery.text) == settings.pass_mark == 80
    text = zipfile.ZipFile(packages["1.2"]).read("imsmanifest.xml").decode()
    # Moodle's parser (mod/scorm/datamodels/scormlib.php) matches these prefixed names literally
    assert "<adlcp:masteryscore>80</adlcp:masteryscore>" in text and 'adlcp:scormtype="sco"' in text


def test_scorm_2004_pass_mark_is_the_primary_objective(packages: dict[str, Path]) -> None:
    root, _ = manifest_of(packages["2004"])
    ns = NS["2004"]
    assert root.findtext(f"{{{ns['cp']}}}metadata/{{{ns['cp']}}}schemaversion") == "2004 4th Edition"
    primary = next(root.iter(f"{{{ns['imsss']}}}primaryObjective"))
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext(f"{{{ns['imsss']}}}minNormalizedMeasure") == "0.8"


def test_the_package_is_the_built_book_plus_its_launch_page(packages: dict[str, Path],
                                                            built_html: Path) -> None:
    with zipfile.ZipFile(packages["1.2"]) as zf:
        names = set(zf.namelist())
        for name, path in site_files(built_html).items():
            assert zf.read(name) == path.read_bytes(), name
    extra = names - set(site_files(built_html))
    assert extra == {"imsmanifest.xml", LAUNCH_PAGE, "_lms/suspend.js", "_lms/launch.js", "_lms/launch.css"}


def test_launch_page_loads_nothing_from_another_host(packages: dict[str, Path]) -> None:
    with zipfile.ZipFile(packages["1.2"]) as zf:
        page = zf.read(LAUNCH_PAGE).decode()
        css = zf.read("_lms/launch.css").decode()
        scripts = [zf.read(f"_lms/{name}").decode() for name in ("suspend.js", "launch.js")]
    assert external_loads(page) == [] and external_css_urls(css) == []
    assert not any("http://" in script or "https://" in script for script in scripts)
    data = json.loads(page.split('id="ec-lms-config">', 1)[1].split("</script>", 1)[0])
    assert data["passMark"] == 80 and data["assessment"] == "final-assessment" and data["version"] == "1.2"
    assert data["start"] in data["pages"] and LAUNCH_PAGE not in data["pages"]


def test_packaging_twice_gives_the_same_bytes(packages: dict[str, Path], tmp_path: Path) -> None:
    again = write_scorm_packages(COURSE, BUILD_DIR, tmp_path, versions=("1.2",))[0]
    assert again.path.read_bytes() == packages["1.2"].read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAMES["1.2"]], "no temporary file left"


def test_course_scorm_command(built_html: Path, tmp_path: Path) -> None:
    shutil.copytree(built_html, tmp_path / "html")
    command = [sys.executable, "-m", "evidence_course.cli", "--root", str(COURSE.root),
               "--build-dir", str(tmp_path), "scorm"]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "course-scorm12.zip (SCORM 1.2" in proc.stdout and "SCORM package" in proc.stdout
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == sorted(FILE_NAMES.values())


# ----------------------------------------------------------------------- saved progress (suspend.js)
def run_codec(config: dict[str, Any], cases: list[dict[str, Any]]) -> list[Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the SCORM codec test needs it (see README)")
    proc = subprocess.run([node, str(RUNNER)], input=json.dumps({"config": config, "cases": cases}),
                          capture_output=True, text=True, check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def longest_progress(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every question of every quiz answered with the answer that takes most room."""
    progress: dict[str, dict[str, Any]] = {}
    for quiz, rows in config["quizzes"].items():
        progress[quiz] = {}
        for row in rows:
            qid, hash_, qtype, ids = row[:4]
            if qtype == "categorise":
                answer = {item: row[4][-1] for item in ids}
            elif qtype == "multiple":
                answer = list(ids)
            else:
                answer = ids[-1]
            progress[quiz][qid] = {"hash": hash_, "first": False, "correct": True, "answer": answer,
                                   "tries": 2, "revealed": True}
    return progress


def test_the_longest_progress_fits_in_scorm_12_and_comes_back(config: dict[str, Any]) -> None:
    progress, seed = longest_progress(config), "z" * MAX_SEED
    (text,) = run_codec(config, [{"op": "encode", "progress": progress, "seed": seed}])
    assert len(text) == worst_suspend_length(config) <= 4096
    (back,) = run_codec(config, [{"op": "decode", "text": text}])
    assert back == {"progress": progress, "seed": seed}


def test_progress_round_trips_answer_by_answer(config: dict[str, Any]) -> None:
    """Each shape of answer, partial ones and none, and entries that must be dropped."""
    bank = COURSE.bank(check_sections=False)
    progress: dict[str, dict[str, Any]] = {}
    for quiz in bank.values():
        for n, q in enumerate(quiz.questions):
            if q.type is QuestionType.CATEGORISE:
                items = [i.id for i in q.items]
                answer = {items[0]: q.categories[-1].id} if n % 2 else None  # partial, or after "Try again"
            elif q.type is QuestionType.MULTIPLE:
                answer = [q.options[0].id, q.options[-1].id]
            else:
                answer = q.options[n % len(q.options)].id
            entry = {"hash": q.content_hash, "first": n % 3 == 0, "correct": n % 2 == 0, "answer": answer,
                     "tries": n % 3}
            if n % 4:
                entry["revealed"] = n % 4 == 1  # true, false, or (n % 4 == 0) not there at all
            progress.setdefault(quiz.id, {})[q.id] = entry
    dropped = {"stale": {"hash": "0000000000", "first": True, "correct": True, "answer": "a"}}
    sent = {quiz: {**entries, **dropped} for quiz, entries in progress.items()}
    (text,) = run_codec(config, [{"op": "encode", "progress": sent, "seed": "k3j9x0a2b"}])
    texts = (text, "E1;;zzzzzz90.abc", '{"not": "ours"}', "E1;BAD SEED;")
    cases = [{"op": "decode", "text": t} for t in texts]
    decoded, garbage, other, bad_seed = run_codec(config, cases)
    assert decoded == {"progress": progress, "seed": "k3j9x0a2b"}, "a changed question is not restored"
    assert garbage == other == bad_seed == {"progress": {}, "seed": None}


def test_result_and_session_time(config: dict[str, Any]) -> None:
    quiz = config["assessment"]
    rows = config["quizzes"][quiz]
    n = len(rows)

    def with_right(k: int) -> dict[str, Any]:
        return {quiz: {r[0]: {"hash": r[1], "first": i < k, "correct": True, "answer": None}
                       for i, r in enumerate(rows)}}

    partial = {quiz: dict(list(with_right(n)[quiz].items())[:-1])}
    cases = [{"op": "result", "progress": with_right(n), "passMark": 80},
             {"op": "result", "progress": with_right(0), "passMark": 80},
             {"op": "result", "progress": partial, "passMark": 80},
             {"op": "result", "progress": with_right(n), "passMark": None},
             {"op": "sessionTime", "ms": 3_723_400, "version": "1.2"},
             {"op": "sessionTime", "ms": 3_723_400, "version": "2004"}]
    full, none, unfinished, no_mark, t12, t2004 = run_codec(config, cases)
    assert full == {"raw": 100, "right": n, "total": n, "passed": True}
    assert none == {"raw": 0, "right": 0, "total": n, "passed": False}
    assert unfinished is None, "no score until every question is answered"
    assert no_mark["passed"] is None, "no pass mark: completed, neither passed nor failed"
    assert (t12, t2004) == ("01:02:03", "PT1H2M3S")


# -------------------------------------------------------------------------------------- refusals
def set_config_line(course_root: Path, key: str, value: str) -> None:
    path = course_root / "_config.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"    {key}: {value}" if line.strip().startswith(f"{key}:") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("value", ["120", "eighty", "true"])
def test_a_bad_pass_mark_names_the_line_and_the_fix(tmp_path: Path, value: str) -> None:
    course = copy_of_course(tmp_path / "course")
    set_config_line(course.root, "course_pass_mark", value)
    with pytest.raises(CourseDataError) as caught:
        lms_settings(course)
    message = str(caught.value)
    line = next(i for i, text in enumerate((course.root / "_config.yml").read_text().splitlines(), 1)
                if "course_pass_mark:" in text)
    assert f"_config.yml:{line}:" in message and "course_pass_mark" in message and "Fix:" in message


def test_no_pass_mark_means_completed(tmp_path: Path) -> None:
    course = copy_of_course(tmp_path / "course")
    set_config_line(course.root, "course_pass_mark", "null")
    assert lms_settings(course).pass_mark is None


def test_sphinx_refuses_a_bad_pass_mark_too() -> None:
    sphinx_lms._check(None, SimpleNamespace(course_pass_mark=80))  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="between 0 and 100"):
        sphinx_lms._check(None, SimpleNamespace(course_pass_mark=101))  # type: ignore[arg-type]


def test_an_assessment_that_is_not_a_quiz_is_refused(tmp_path: Path, built_html: Path) -> None:
    course = copy_of_course(tmp_path / "course")
    set_config_line(course.root, "course_assessment", "no-such-quiz")
    shutil.copytree(built_html, tmp_path / "build" / "html")
    with pytest.raises(PackageError, match="no-such-quiz.*Fix: name one of"):
        write_scorm_packages(course, tmp_path / "build")


def test_a_book_older_than_the_bank_is_refused(tmp_path: Path, built_html: Path) -> None:
    course = copy_of_course(tmp_path / "course")
    quiz_file = next(course.quiz_dir.glob("*.yml"))
    yaml = YAML()
    doc = yaml.load(quiz_file)
    doc["questions"][0]["explanation"] = str(doc["questions"][0]["explanation"]) + " Changed."
    yaml.dump(doc, quiz_file)
    shutil.copytree(built_html, tmp_path / "build" / "html")
    with pytest.raises(PackageError, match="Fix: run `make book` first"):
        write_scorm_packages(course, tmp_path / "build")


def test_no_built_book_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="no built book"):
        write_scorm_packages(COURSE, tmp_path)


def test_progress_too_long_for_scorm_12_is_refused(tmp_path: Path, built_html: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(scorm_package.SUSPEND_LIMIT, "1.2", 100)
    with pytest.raises(PackageError, match="keeps 100. Fix"):
        write_scorm_packages(COURSE, BUILD_DIR, tmp_path, versions=("1.2",))
    assert not list(tmp_path.iterdir()), "nothing written"

"""Live workshop mode: the presenter's Python API, the course's Voilà configuration, and Voilà serving
the presenter and the participants' quiz (a protocol-level client stands in for browsers)."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import time
import urllib.request
from collections.abc import Coroutine, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from course_under_test import COURSE, ROOT

from evidence_course.live import voila
from evidence_course.live.presenter import Presenter, bar_widths, bars_html, join_html
from evidence_course.live.voila import start_voila, stop_voila, wait_until_serving
from evidence_course.netutil import free_port
from evidence_course.render import markup
from tools.workshop_bench.client import CONFIG_SCRIPT, crowd, kernel_message, read_page, visit
from tools.workshop_bench.run import kernels, wait_for_kernels

FIXTURES = ROOT / "tests" / "fixtures" / "workshop"
SLOW = FIXTURES / "slow_runner"  # every kernel message handled 20 ms late (voila.py there says how)
SHORT_IOPUB = FIXTURES / "short_iopub"  # Voilà's runner waits only 1 s for a cell's output
T = TypeVar("T")
QUICK_CULL = FIXTURES / "quick_cull"  # idle kernels culled after 4 s (12 s if never connected)


@pytest.fixture(scope="module")
def presenter() -> Presenter:
    return Presenter(COURSE, "what-works")


def test_one_question_at_a_time(presenter: Presenter) -> None:
    presenter.select_quiz("what-works")
    quiz = presenter.quiz
    assert presenter.index == 0 and presenter.prev_button.disabled
    assert str(markup.inline(quiz.questions[0].prompt)) in presenter.body.value
    presenter.next()
    assert presenter.question.id == quiz.questions[1].id
    assert "Question 2 of" in presenter.position.value
    presenter.previous()
    presenter.previous()
    assert presenter.index == 0
    presenter.go(len(quiz.questions) + 5)
    assert presenter.index == len(quiz.questions) - 1 and presenter.next_button.disabled
    presenter.next_button.click()
    assert presenter.index == len(quiz.questions) - 1


def test_reveal_shows_key_explanation_and_prompts(presenter: Presenter) -> None:
    presenter.select_quiz("what-works")
    q = presenter.question
    assert presenter.answer.value == "" and presenter.discussion.value == ""
    presenter.reveal_button.click()
    assert presenter.revealed
    key_text = next(o.text for o in q.options if o.id in q.keys)
    assert str(markup.inline(key_text)) in presenter.answer.value
    assert str(markup.inline(q.explanation)) in presenter.answer.value
    wrong_text = next(o.text for o in q.options if o.id not in q.keys)
    assert str(markup.inline(wrong_text)) not in presenter.answer.value
    assert presenter.prompts() and presenter.prompts()[0].text[:30] in presenter.discussion.value
    presenter.next()
    assert not presenter.revealed and presenter.answer.value == ""


def test_counts_become_bars(presenter: Presenter) -> None:
    presenter.select_quiz("what-works")
    presenter.set_count("a", 2)
    presenter.count_boxes["d"].value = 8  # typed into the box
    assert presenter.counts == {"a": 2, "b": 0, "c": 0, "d": 8}
    assert bar_widths(presenter.counts) == {"a": 25.0, "b": 0.0, "c": 0.0, "d": 100.0}
    assert "width:25.0%" in presenter.bars.value and "width:100.0%" in presenter.bars.value
    presenter.next()
    presenter.previous()
    assert presenter.counts["d"] == 8, "counts stay with their question"
    with pytest.raises(KeyError):
        presenter.set_count("zz", 1)
    presenter.set_count("a", -4)
    assert presenter.counts["a"] == 0


def test_bars_with_no_votes_and_categorise() -> None:
    assert bar_widths({"a": 0, "b": 0}) == {"a": 0.0, "b": 0.0}
    assert 'aria-label="A: 0 hands"' in bars_html({"a": "A"}, {"a": 0})
    p = Presenter(COURSE, "what-works")
    sort_index = next(i for i, q in enumerate(p.quiz.questions) if q.type.value == "categorise")
    p.go(sort_index)
    assert set(p.choices) == {c.id for c in p.question.categories}
    p.reveal()
    for item in p.question.items:
        assert str(markup.inline(item.text)) in p.answer.value


def test_voila_serves_the_presenter_offline() -> None:
    port = free_port()
    process, url = start_voila(COURSE, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = wait_until_serving(process, url)
        assert url.startswith("http://127.0.0.1:")
        outputs = re.findall(r'<script type="application/vnd\.voila\.cell-output\+json">\s*(.*?)\s*</script>',
                             page, re.DOTALL)
        shown = " ".join(d.get("text/html", "") for o in outputs for d in [json.loads(o).get("data", {})])
        assert "application/vnd.jupyter.widget-view+json" in page
        first = Presenter(COURSE).question  # the presenter opens on the first quiz in course order
        assert markup.plain(first.prompt) in markup.plain(shown) or str(markup.inline(first.prompt)) in shown
        external = re.findall(r'<(?:link|script)[^>]+(?:href|src)="(https?://[^"]+)"', page)
        assert external == [], f"the workshop page loads from outside: {external}"
        assert "cdn.jsdelivr.net" not in page and "cdnjs" not in page
        config = json.loads(CONFIG_SCRIPT.search(page).group(1))
        widgets_only = {"@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8"}
        assert {e["name"] for e in config["federated_extensions"]} <= widgets_only, "voila.json was not read"
        assert "static/index.css" not in page, "nbconvert's unused stylesheet is back"
        assert "window.WebSocket = class extends" in page, "ec-problem.js (the page watcher) is missing"
        assert "ec-join" not in page, "the projector's presenter shows no join panel outside room mode"
    finally:
        stop_voila(process, timeout=20)
    assert process.returncode is not None


def test_quiz_picker_lists_every_quiz() -> None:
    p = Presenter(COURSE)
    assert [value for _, value in p.picker.options] == list(p.bank)
    assert set(p.bank) == set(COURSE.bank(check_sections=False))
    p.picker.value = "what-doesnt-work"
    assert p.quiz.id == "what-doesnt-work" and p.index == 0


def test_presenter_is_loopback_only_by_default() -> None:
    """``make workshop`` for a projector: 127.0.0.1, no token, no pool, no join panel."""
    command = voila.voila_command(8866, COURSE.workshop_dir / voila.PRESENTER)
    assert "--Voila.ip=127.0.0.1" in command and "--Voila.port_retries=0" in command
    assert not any("token" in part or "preheat" in part for part in command)
    assert f"--Voila.config_file_paths={COURSE.workshop_dir}" in command
    assert Presenter(COURSE).join.value == ""


def test_course_config_is_the_one_every_voila_reads() -> None:
    config = json.loads((COURSE.workshop_dir / voila.CONFIG_FILE).read_text(encoding="utf-8"))
    assert config["VoilaConfiguration"]["template"] == voila.TEMPLATE
    assert config["VoilaExecutor"]["iopub_timeout"] >= 60, "Voilà's 4 s drops the quiz on a busy laptop"
    cull = config["MappingKernelManager"]
    assert cull["cull_connected"] is False, "a participant with the page open keeps their kernel"
    assert cull["cull_idle_timeout"] + cull["cull_interval"] <= 60, "closed pages' kernels go within a minute"
    command = voila.voila_command(1, COURSE.workshop_dir / voila.PARTICIPANT, config_dirs=[SLOW])
    paths = [part.split("=", 1)[1] for part in command if part.startswith("--Voila.config_file_paths=")]
    assert paths == [str(SLOW), str(COURSE.workshop_dir)], "a test's config must come first (it wins)"


def test_join_panel_shows_the_address_and_its_qr_code() -> None:
    url = "http://192.168.1.20:8867/?token=abc&x=<y>"
    html = join_html(url)
    assert "http://192.168.1.20:8867/?token=abc&amp;x=&lt;y&gt;" in html, "the address is shown, escaped"
    assert '<svg role="img"' in html and "<title>QR code for" in html and "<path" in html
    assert "http" not in html.split("<svg", 1)[1].split("<title>", 1)[0], "the QR code fetches nothing"


def test_read_page_tells_quiz_message_and_silence_apart() -> None:
    view = json.dumps({"output_type": "display_data",
                       "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "m1"}}})
    config = '<script id="jupyter-config-data" type="application/json">{"kernelId": "k1"}</script>'
    quiz = f'{config}<script type="application/vnd.voila.cell-output+json">{view}</script>'
    assert read_page(quiz) == ("k1", ["m1"], False)
    assert read_page(config + '<div class="ec-problem" data-ec-problem="missing">') == ("k1", [], True)
    assert read_page(config + "<p>intro only</p>") == ("k1", [], False), "silent: no quiz, no message"


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` on a fresh event loop in its own thread (other tests, such as Playwright's
    synchronous API, may leave an event loop running in this one)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@contextmanager
def participants_voila(config_dirs: Sequence[Path] = (),
                       **env: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """The participants' Voilà (live-quiz.ipynb, course config + ``config_dirs``) on a free loopback port."""
    process, url = start_voila(COURSE, None, voila.PARTICIPANT, tracebacks=False, config_dirs=config_dirs,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(process, url + "voila/static/voila.js")
        yield process, url
    finally:
        stop_voila(process, timeout=30)
    assert process.returncode is not None


def test_no_quiz_goes_missing_when_the_runner_is_slow() -> None:
    """3 people at once, each kernel message handled late: with the course's config all get the quiz."""
    with participants_voila([SLOW]) as (_process, url):
        visits = run(crowd(url, 3, answer=False, timeout=240))
    assert [v.outcome for v in visits] == ["quiz"] * 3, [v.detail for v in visits]


def test_a_quiz_lost_by_the_runner_is_a_message_never_silence() -> None:
    """The same slow runner with a 1 s wait (as Voilà's default on a busy laptop) loses the quiz output:
    every page then says so in words with Reload, none is silently empty."""
    with participants_voila([SHORT_IOPUB, SLOW]) as (_process, url):
        visits = run(crowd(url, 3, answer=False, timeout=240))
    assert [v.outcome for v in visits] == ["message"] * 3, [v.detail for v in visits]


def test_culling_frees_a_closed_pages_kernel_and_keeps_an_open_one() -> None:
    with participants_voila([QUICK_CULL]) as (process, url):

        async def two_then_one_leaves() -> tuple[str, str]:
            staying, leaving = await asyncio.gather(visit(url, answer=False), visit(url, answer=False))
            assert (staying.outcome, leaving.outcome) == ("quiz", "quiz")
            leaving.close()  # closing the tab: its kernel has no connection left
            await asyncio.sleep(0.2)
            freed = await asyncio.to_thread(wait_for_kernels, process.pid, 1, 30)
            assert freed is not None, "the closed page's kernel was not culled"
            await asyncio.sleep(3)  # several cull intervals: the open page's kernel must survive them
            alive = [k.cmdline() for k in kernels(process.pid)]
            staying.close()
            return staying.kernel_id, " ".join(alive[0]) if len(alive) == 1 else repr(alive)

        kept, alive = run(two_then_one_leaves())
        assert kept in alive, "the page still open lost its kernel"
        assert wait_for_kernels(process.pid, 0, 30) is not None


def test_code_sent_from_the_browser_is_refused(tmp_path: Path) -> None:
    """Voilà's protection stays on: an execute_request over the kernel WebSocket runs nothing, while a
    request Voilà allows (kernel_info_request), sent after it on the same channel, is answered."""
    marker = tmp_path / "code-from-the-browser.txt"

    async def try_to_run_code(url: str) -> list[str]:
        page = await visit(url, answer=False)
        assert page.outcome == "quiz" and page.socket is not None
        code = f"open({str(marker)!r}, 'w').write('ran')"
        for msg_type, content in (("execute_request", {"code": code, "silent": False, "store_history": False,
                                                        "user_expressions": {}, "allow_stdin": False,
                                                        "stop_on_error": True}),
                                  ("kernel_info_request", {})):
            await page.socket.write_message(json.dumps(kernel_message(msg_type, content, "test")))
        seen: list[str] = []
        while "kernel_info_reply" not in seen:
            raw = await asyncio.wait_for(page.socket.read_message(), 30)
            if isinstance(raw, str):
                seen.append(json.loads(raw)["header"]["msg_type"])
        page.close()
        return seen

    with participants_voila() as (_process, url):
        seen = run(try_to_run_code(url))
    assert "execute_reply" not in seen and "execute_input" not in seen, seen
    assert not marker.exists(), "code sent from the browser ran in the kernel"


def test_a_kernel_no_browser_has_reached_yet_is_not_culled_as_idle() -> None:
    """A page still on its way (fetched, never connected) keeps its kernel past the idle timeout (4 s
    here) and loses it only after the longer grace for unconnected kernels (12 s here)."""
    with participants_voila([QUICK_CULL]) as (process, url):
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - loopback
            _kernel, views, _problem = read_page(response.read().decode("utf-8"))
        assert views, "the page has its quiz"
        time.sleep(7)
        assert len(kernels(process.pid)) == 1, "culled as idle before any browser connected"
        assert wait_for_kernels(process.pid, 0, 30) is not None, "never culled at all"

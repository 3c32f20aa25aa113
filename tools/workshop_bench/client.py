"""A participant without a browser: Voilà's page over HTTP, then the kernel's WebSocket, as voila.js does.

One :func:`visit` is what one person's browser asks of the server when they open the live quiz:

1. ``GET`` the page (Voilà starts a kernel, or takes one from its pool, and streams the page while the
   notebook runs). The page either holds the quiz's widget view, or the template's message in words
   (``data-ec-problem``), or neither: a *silent* failure, the one thing that must never happen.
2. Open ``/api/kernels/<id>/channels`` and ask ipywidgets' control comm for every widget's state
   (``request_states``), which is what a browser needs to draw the quiz: "first question" is the time
   from the click on the link to that answer.
3. Answer the first single-choice question and press its "Check answer" button through the widget
   protocol (``update`` then ``custom`` click); "click-to-feedback" is the time until the kernel sends
   the feedback HTML back.

Nothing here knows about the course beyond the texts "Check answer" and ``ec-summary``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
OUTPUT_SCRIPT = re.compile(
    r'<script type="application/vnd\.voila\.cell-output\+json">\s*(.*?)\s*</script>', re.S)
CONFIG_SCRIPT = re.compile(
    r'<script id="jupyter-config-data" type="application/json">\s*(.*?)\s*</script>', re.S)
PROBLEM = 'data-ec-problem="'
FEEDBACK_MARK = "ec-summary"
CHECK_LABEL = "Check answer"
#: ipywidgets 8's control comm protocol (its ``__control_protocol_version__``); the kernel checks the major.
CONTROL_PROTOCOL = "1.0.0"

#: What a participant ends up seeing (``silent``: neither the quiz nor a message: must never happen).
OUTCOMES = ("quiz", "message", "silent", "error")


@dataclass
class Visit:
    """One participant's visit, timed from the moment they open the link."""

    outcome: str = "error"
    page_s: float | None = None
    first_question_s: float | None = None
    feedback_s: float | None = None
    kernel_id: str | None = None
    detail: str = ""
    socket: WebSocketClientConnection | None = field(default=None, repr=False)

    def close(self) -> None:
        """Close the kernel connection, as closing the browser tab does."""
        if self.socket is not None:
            self.socket.close()
            self.socket = None


def _with_token(url: str, token: str | None) -> str:
    if not token:
        return url
    return url + ("&" if "?" in url else "?") + f"token={token}"


def kernel_message(msg_type: str, content: dict[str, Any], session: str,
                   metadata: dict[str, Any] | None = None, channel: str = "shell") -> dict[str, Any]:
    """A Jupyter message as the kernel WebSocket takes it (JSON, no buffers), sent on ``channel``."""
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session, "username": "bench",
              "date": dt.datetime.now(dt.UTC).isoformat(), "version": "5.3"}
    return {"header": header, "parent_header": {}, "metadata": metadata or {}, "content": content,
            "channel": channel, "buffers": []}


async def _next_json(socket: WebSocketClientConnection, deadline: float) -> dict[str, Any] | None:
    """The next JSON (text) message from the kernel; binary frames are skipped. None when closed."""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no answer from the kernel in time")
        raw = await asyncio.wait_for(socket.read_message(), remaining)
        if raw is None:
            return None
        if isinstance(raw, str):
            return json.loads(raw)


async def _wait_comm(socket: WebSocketClientConnection, deadline: float, test: Any) -> dict[str, Any]:
    """The data of the first iopub ``comm_msg`` for which ``test(content)`` holds."""
    while True:
        message = await _next_json(socket, deadline)
        if message is None:
            raise ConnectionError("the kernel connection closed")
        if message.get("channel") == "iopub" and message["header"]["msg_type"] == "comm_msg":
            if test(message["content"]):
                return message["content"]["data"]
        elif message.get("channel") == "iopub" and message["header"]["msg_type"] == "status":
            if message["content"].get("execution_state") in ("dead", "restarting", "autorestarting"):
                raise ConnectionError(f"the kernel is {message['content']['execution_state']}")


def read_page(page: str) -> tuple[str | None, list[str], bool]:
    """The page's kernel id, the model ids of its widget views, and whether it shows a problem message."""
    config = CONFIG_SCRIPT.search(page)
    kernel_id = json.loads(config.group(1)).get("kernelId") if config else None
    views = []
    for raw in OUTPUT_SCRIPT.findall(page):
        data = json.loads(raw).get("data", {})
        if WIDGET_VIEW in data:
            views.append(data[WIDGET_VIEW]["model_id"])
    return kernel_id, views, PROBLEM in page


def _first_question(states: dict[str, Any]) -> tuple[str, str] | None:
    """Model ids of the first single-choice question's radio buttons and its "Check answer" button."""
    radio = next((mid for mid, s in states.items() if s["model_name"] == "RadioButtonsModel"), None)
    buttons = [mid for mid, s in states.items()
               if s["model_name"] == "ButtonModel" and s["state"].get("description") == CHECK_LABEL]
    if radio is None or not buttons:
        return None
    # The radio's question box holds its own Check button: the first Check button created after it.
    order = list(states)
    later = [b for b in buttons if order.index(b) > order.index(radio)]
    return radio, (later or buttons)[0]


async def visit(base_url: str, *, token: str | None = None, answer: bool = True,
                timeout: float = 300.0) -> Visit:
    """Open the quiz as one participant; the kernel connection stays open (``Visit.close`` ends it)."""
    result = Visit()
    start = time.monotonic()
    deadline = start + timeout
    client = AsyncHTTPClient(force_instance=True)
    try:
        response = await client.fetch(HTTPRequest(_with_token(base_url, token), request_timeout=timeout,
                                                  follow_redirects=False))
    except HTTPClientError as error:
        result.detail = f"HTTP {error.code}"
        return result
    except (TimeoutError, OSError) as error:
        result.detail = f"page: {error!r}"
        return result
    finally:
        client.close()
    page = response.body.decode("utf-8", "replace")
    result.page_s = time.monotonic() - start
    kernel_id, views, problem = read_page(page)
    result.kernel_id = kernel_id
    if not views:
        result.outcome = "message" if problem else "silent"
        result.detail = "the page has no quiz output"
        return result
    base = urlsplit(base_url)
    session = uuid.uuid4().hex
    ws_url = _with_token(f"ws://{base.netloc}/api/kernels/{kernel_id}/channels?session_id={session}", token)
    try:
        socket = await asyncio.wait_for(websocket_connect(ws_url), max(1.0, deadline - time.monotonic()))
        result.socket = socket
        control = uuid.uuid4().hex
        await socket.write_message(json.dumps(kernel_message(
            "comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}}, session,
            {"version": CONTROL_PROTOCOL})))
        await socket.write_message(json.dumps(kernel_message(
            "comm_msg", {"comm_id": control, "data": {"method": "request_states"}}, session)))
        data = await _wait_comm(socket, deadline, lambda c: c.get("comm_id") == control)
        states = data["states"]
        result.first_question_s = time.monotonic() - start
        if not all(view in states for view in views):
            result.outcome = "message"  # the page's script says "could not be shown" after its wait
            result.detail = "a widget view has no model in the kernel"
            return result
        result.outcome = "quiz"
        if answer:
            ids = _first_question(states)
            if ids is None:
                result.detail = "no single-choice question to answer"
                return result
            radio, button = ids
            await socket.write_message(json.dumps(kernel_message(
                "comm_msg", {"comm_id": radio, "data": {"method": "update", "state": {"index": 0},
                                                        "buffer_paths": []}}, session)))
            clicked = time.monotonic()
            await socket.write_message(json.dumps(kernel_message(
                "comm_msg", {"comm_id": button, "data": {"method": "custom", "content": {"event": "click"}}},
                session)))
            await _wait_comm(socket, deadline, lambda c: c.get("data", {}).get("method") == "update"
                             and FEEDBACK_MARK in str(c["data"].get("state", {}).get("value", "")))
            result.feedback_s = time.monotonic() - clicked
    except (OSError, ConnectionError, TimeoutError, HTTPClientError) as error:
        result.detail = f"kernel: {error!r}"
        if result.first_question_s is None:
            # The browser's script would show "connection lost" for a kernel it cannot reach.
            result.outcome = "message"
    return result


async def crowd(base_url: str, people: int, *, token: str | None = None, spread_s: float = 0.0,
                timeout: float = 300.0, answer: bool = True) -> list[Visit]:
    """``people`` visits, the i-th starting at ``spread_s * i / people`` seconds (all at once when 0)."""

    async def one(index: int) -> Visit:
        await asyncio.sleep(spread_s * index / people if people else 0)
        return await visit(base_url, token=token, timeout=timeout, answer=answer)

    return list(await asyncio.gather(*(one(i) for i in range(people))))

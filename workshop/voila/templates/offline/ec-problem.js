/* The workshop page never fails silently (inlined by index.html.j2, before Voilà's own scripts).
 *
 * It says, in words and with a Reload button, when
 *   - the page stopped arriving before the quiz (the server failed or stopped while rendering it),
 *   - the quiz is on the page but could not be drawn (widget error, or nothing drawn after 90 s),
 *   - the kernel behind the quiz died or restarted (its answers can no longer be checked),
 *   - the connection to the kernel closed and did not come back within 10 s.
 * A code cell that ended without output is already replaced by the same message on the server.
 * It watches Voilà's kernel WebSocket (a subclass that only listens) and changes nothing else.
 */
(function () {
  "use strict";
  var MESSAGES = {
    notloaded: "The quiz did not finish loading. The computer running the workshop may be too busy, or it stopped.",
    notdrawn: "The quiz could not be shown on this page.",
    stopped: "The quiz stopped on the workshop computer, so answers can no longer be checked.",
    lost: "The connection to the quiz was lost, so answers cannot be checked. Check that this device is still on the room's network."
  };
  var RECONNECT_GRACE_MS = 10000;
  var DRAW_TIMEOUT_MS = 90000;
  var STOPPED_STATES = ["dead", "restarting", "autorestarting"];
  var CHANNELS = /\/api\/kernels\/[^/?]+\/channels/;
  var leaving = false;
  var box = null;
  var lostTimer = null;

  function show(kind) {
    if (leaving || box) {
      return;
    }
    if (!document.body) {
      document.addEventListener("DOMContentLoaded", function () { show(kind); });
      return;
    }
    box = document.createElement("div");
    box.className = "ec-problem";
    box.setAttribute("role", "alert");
    box.setAttribute("data-ec-problem", kind);
    var text = document.createElement("p");
    var what = document.createElement("strong");
    what.textContent = MESSAGES[kind];
    text.appendChild(what);
    text.appendChild(document.createTextNode(" Select Reload to start again."));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ec-reload";
    button.textContent = "Reload";
    button.addEventListener("click", function () { window.location.reload(); });
    box.appendChild(text);
    box.appendChild(button);
    var loading = document.getElementById("loading");
    if (loading) {
      loading.style.display = "none";
    }
    document.body.insertBefore(box, document.body.firstChild);
  }

  function clear(kind) {
    if (box && box.getAttribute("data-ec-problem") === kind) {
      box.remove();
      box = null;
    }
  }

  /* The kernel's execution state from one WebSocket message (JSON text or the v1 binary framing). */
  function executionState(data) {
    try {
      var header, content;
      if (typeof data === "string") {
        var message = JSON.parse(data);
        header = message.header;
        content = message.content;
      } else if (data instanceof ArrayBuffer) {
        var view = new DataView(data);
        var offsets = [];
        for (var i = 0; i < 6; i++) {
          offsets.push(view.getUint32(8 * (i + 1), true));
        }
        var decoder = new TextDecoder();
        header = JSON.parse(decoder.decode(new Uint8Array(data, offsets[1], offsets[2] - offsets[1])));
        if (!header || header.msg_type !== "status") {
          return null;
        }
        content = JSON.parse(decoder.decode(new Uint8Array(data, offsets[4], offsets[5] - offsets[4])));
      }
      return header && header.msg_type === "status" && content ? content.execution_state : null;
    } catch (error) {
      return null;
    }
  }

  function watch(socket) {
    socket.addEventListener("open", function () {
      window.clearTimeout(lostTimer);
      lostTimer = null;
      clear("lost");
    });
    socket.addEventListener("close", function () {
      if (leaving || lostTimer) {
        return;
      }
      lostTimer = window.setTimeout(function () { show("lost"); }, RECONNECT_GRACE_MS);
    });
    socket.addEventListener("message", function (event) {
      if (STOPPED_STATES.indexOf(executionState(event.data)) >= 0) {
        show("stopped");
      }
    });
  }

  var NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      if (CHANNELS.test(String(url))) {
        watch(this);
      }
    }
  };

  window.addEventListener("pagehide", function () { leaving = true; });
  window.addEventListener("beforeunload", function () { leaving = true; });

  var expected = 0;
  document.addEventListener("DOMContentLoaded", function () {
    var outputs = document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]');
    outputs.forEach(function (output) {
      if (output.textContent.indexOf("application/vnd.jupyter.widget-view+json") >= 0) {
        expected += 1;
      }
    });
  });

  window.addEventListener("load", function () {
    var finished = document.getElementById("rendered_cells") && document.querySelector('script[src$="/voila.js"]');
    if (!finished) {
      show("notloaded");
      return;
    }
    if (!expected) {
      return;
    }
    var started = Date.now();
    var poll = window.setInterval(function () {
      var cells = document.getElementById("rendered_cells");
      var text = cells ? cells.textContent : "";
      if (text.indexOf("Error displaying widget") >= 0) {
        window.clearInterval(poll);
        show("notdrawn");
      } else if (document.querySelectorAll(".jp-OutputArea-output .jupyter-widgets").length >= expected) {
        window.clearInterval(poll);
      } else if (Date.now() - started > DRAW_TIMEOUT_MS) {
        window.clearInterval(poll);
        show("notdrawn");
      }
    }, 1000);
  });
}());

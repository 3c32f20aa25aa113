"""Voilà's own server application, plus the gzip its ``tornado_settings`` cannot switch on.

Voilà 0.5.13 copies ``Voila.tornado_settings`` into the Tornado application *after* creating it, so
``{"compress_response": true}`` (in ``workshop/voila.json``) never reaches Tornado's transforms and
every participant downloads about 5 MB of JavaScript uncompressed. :class:`CourseVoila` adds Tornado's
own :class:`~tornado.web.GZipContentEncoding` when that setting is on; nothing else changes. A hub's
Jupyter server reads the same setting at start-up (``ServerApp.tornado_settings``) and needs no help.

Run as ``python -m evidence_course.live.voila_server`` with Voilà's usual arguments.
"""

from __future__ import annotations

from tornado.web import GZipContentEncoding
from voila.app import Voila


class CourseVoila(Voila):
    """Voilà, with ``tornado_settings["compress_response"]`` honoured."""

    def listen(self) -> None:
        if self.tornado_settings.get("compress_response") and GZipContentEncoding not in self.app.transforms:
            self.app.transforms.append(GZipContentEncoding)
        super().listen()


main = CourseVoila.launch_instance

if __name__ == "__main__":
    main()

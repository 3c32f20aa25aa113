"""Voilà's own server application, plus the gzip its ``tornado_settings`` cannot switch on, and a
kernel manager that never culls a kernel whose page is still being made.

Voilà 0.5.13 copies ``Voila.tornado_settings`` into the Tornado application *after* creating it, so
``{"compress_response": true}`` (in ``workshop/voila.json``) never reaches Tornado's transforms and
every participant downloads about 5 MB of JavaScript uncompressed. :class:`CourseVoila` adds Tornado's
own :class:`~tornado.web.GZipContentEncoding` when that setting is on; nothing else changes. A hub's
Jupyter server reads the same setting at start-up (``ServerApp.tornado_settings``) and needs no help.

:class:`CourseKernelManager` (``VoilaConfiguration.multi_kernel_manager_class`` in ``voila.json``):
Jupyter's culling counts a kernel as idle from its last message, even while Voilà is still starting
it or running the notebook for a page nobody has connected to yet. Measured on a busy 2-core machine
(20 people over a minute, pages taking 60–70 s), a 30 s ``cull_idle_timeout`` culled 6 of them half-way
and their pages said "the quiz did not load". So a kernel that has never had a browser connected is
culled only after ``cull_unconnected_timeout``; once a page has connected and closed, the usual
``cull_idle_timeout`` frees its kernel within a minute.

Run as ``python -m evidence_course.live.voila_server`` with Voilà's usual arguments.
"""

from __future__ import annotations

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import GZipContentEncoding
from traitlets import Float
from voila.app import Voila


class CourseKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager, with a longer idle grace for kernels no browser has connected to yet."""

    cull_unconnected_timeout = Float(
        300.0, config=True,
        help="Seconds a kernel that never had a browser connected may stay idle before it is culled.")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._connected_once: set[str] = set()

    def notify_connect(self, kernel_id: str) -> None:
        """A browser connected to ``kernel_id``: from now on the usual idle timeout applies."""
        self._connected_once.add(kernel_id)
        super().notify_connect(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        kernel = self._kernels.get(kernel_id)
        if kernel is not None and kernel_id not in self._connected_once and hasattr(kernel, "last_activity"):
            if (utcnow() - kernel.last_activity).total_seconds() < self.cull_unconnected_timeout:
                return
        await super().cull_kernel_if_idle(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args: object, **kwargs: object) -> None:
        self._connected_once.discard(kernel_id)
        await super().shutdown_kernel(kernel_id, *args, **kwargs)


class CourseVoila(Voila):
    """Voilà, with ``tornado_settings["compress_response"]`` honoured."""

    def listen(self) -> None:
        if self.tornado_settings.get("compress_response") and GZipContentEncoding not in self.app.transforms:
            self.app.transforms.append(GZipContentEncoding)
        super().listen()


main = CourseVoila.launch_instance

if __name__ == "__main__":
    main()

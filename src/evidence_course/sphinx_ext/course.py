"""The course a Sphinx build renders, and the per-page state the extension keeps in Sphinx's env.

* ``course_root`` (config value, default: the source folder ``app.srcdir``): the folder holding
  ``evidence/``, ``quizzes/`` and ``facilitation/``.
* :class:`PageData`: what a page contributed while it was read (the claims it lists, the quiz files
  it counted), stored as an attribute of the build environment, forgotten when the page is re-read or
  removed and merged from parallel readers: Sphinx's :class:`EnvironmentCollector`, never a global.
* ``course_code_fingerprint`` (config value, not for users to set): a digest of the package's own code,
  templates and static files. Sphinx re-reads every page when a config value marked ``"env"`` differs
  from the last build's, so a changed renderer, template or learner-facing word never leaves pages
  rendered by the old code (the pages' sources did not change, so nothing else would tell Sphinx).
* :func:`add_html_node`: a node that HTML builders render from a template and every other builder
  renders from its children (a plain version that the search index reads too).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util.docutils import SphinxTranslator

from ..model.course import Course

T = TypeVar("T")


def course_of(env: BuildEnvironment) -> Course:
    """The course being built (one :class:`Course` per root, so claims are loaded once)."""
    root = env.config.course_root or env.srcdir
    return Course.at(Path(root))


class PageData(EnvironmentCollector, Generic[T]):
    """Per-page data in the env attribute :attr:`attr`: ``{docname: what :meth:`collect` found}``."""

    #: Name of the environment attribute (pickled with the environment between builds).
    attr: ClassVar[str]

    @classmethod
    def of(cls, env: BuildEnvironment) -> dict[str, T]:
        """The data of every page read so far."""
        if not hasattr(env, cls.attr):
            setattr(env, cls.attr, {})
        data: dict[str, T] = getattr(env, cls.attr)
        return data

    def collect(self, env: BuildEnvironment, doctree: nodes.document) -> T | None:
        """What the page read into ``doctree`` contributes (None: nothing)."""
        raise NotImplementedError

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        found = self.collect(app.env, doctree)
        if found is not None:
            self.of(app.env)[app.env.docname] = found

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str],
                    other: BuildEnvironment) -> None:
        theirs = self.of(other)
        self.of(env).update({doc: theirs[doc] for doc in docnames if doc in theirs})


def _plain(self: SphinxTranslator, node: nodes.Element) -> None:
    """Visit or depart: nothing of its own, the children are rendered as they are."""


def add_html_node(app: Sphinx, node: type[nodes.Element],
                  visit_html: Callable[[SphinxTranslator, nodes.Element], None]) -> None:
    """Register ``node``: ``visit_html`` writes its HTML (and raises SkipNode); the LaTeX, text, man and
    texinfo builders render its children (HTML builders of any name get the HTML: Sphinx falls back
    from the builder's name to its format)."""
    plain = (_plain, _plain)
    app.add_node(node, html=(visit_html, None), latex=plain, text=plain, man=plain, texinfo=plain)


#: The installed package whose code renders the pages.
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def code_fingerprint(package_dir: Path = PACKAGE_DIR) -> str:
    """A digest of every source, template and static file under ``package_dir`` (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def setup(app: Sphinx) -> None:
    """Register ``course_root`` (the folder holding ``evidence/``, ``quizzes/`` and ``facilitation/``)
    and ``course_code_fingerprint`` (see the module's docstring)."""
    app.add_config_value("course_root", None, "env", types=[str, type(None)])
    app.add_config_value("course_code_fingerprint", code_fingerprint(), "env", types=[str])

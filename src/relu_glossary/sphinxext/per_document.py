"""What an extension notes about each document on the build environment.

``PerDocument("relu_mentions")`` is a dict kept on the environment (pickled with
it), docname -> what was noted while reading that document.  ``connect(app)`` keeps
it right: a document's entry goes when Sphinx purges the document (it is read
again or removed), and the entries noted by parallel readers are brought into the
main environment.  Six extensions keep such a record; this is their one copy of
that bookkeeping.
"""

from __future__ import annotations

from sphinx.application import Sphinx


class PerDocument:
    def __init__(self, attribute: str):
        self.attribute = attribute

    def of(self, env) -> dict:
        """The record on ``env`` (made empty the first time)."""
        if not hasattr(env, self.attribute):
            setattr(env, self.attribute, {})
        return getattr(env, self.attribute)

    def connect(self, app: Sphinx) -> None:
        app.connect("env-purge-doc", self._purge)
        app.connect("env-merge-info", self._merge)

    def _purge(self, app: Sphinx, env, docname: str) -> None:
        self.of(env).pop(docname, None)

    def _merge(self, app: Sphinx, env, docnames, other) -> None:
        """``env-merge-info``: what a parallel reader noted, into the main env."""
        mine, theirs = self.of(env), self.of(other)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]

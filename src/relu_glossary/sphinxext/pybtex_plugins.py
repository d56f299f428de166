"""pybtex finds its plugins once per build, not once per citation.

sphinxcontrib-bibtex asks pybtex for its style plugins for every ``:footcite:``
(a term page cites one to three papers), and pybtex looks each one up among the
installed packages' entry points every time: 10-30 ms a lookup, most of the
time a term page with citations took to read (1,400 lookups at 1,000 terms).
The packages installed do not change during a build, so the answers are kept.
"""

from __future__ import annotations

from functools import cache

from sphinx.application import Sphinx


def _keeping(entry_points):
    """``entry_points(**selection)`` with each selection's answer kept."""

    @cache
    def select(selection: tuple):
        return entry_points(**dict(selection))

    def cached(**selection):
        return select(tuple(sorted(selection.items())))

    cached.relu_keeping = True
    return cached


def setup(app: Sphinx) -> None:
    try:
        from pybtex import plugin
    except ImportError:  # no sphinxcontrib-bibtex: nothing to speed up
        return
    # pybtex.plugin looks plugins up with its module's entry_points(group=..., name=...)
    found = getattr(plugin, "entry_points", None)
    if found is not None and not getattr(found, "relu_keeping", False):
        plugin.entry_points = _keeping(found)

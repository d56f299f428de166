"""pybtex: its plugins found once per build, and the site's bibliography style.

**Plugins.**

sphinxcontrib-bibtex asks pybtex for its style plugins for every ``:footcite:``
(a term page cites one to three papers), and pybtex looks each one up among the
installed packages' entry points every time: 10-30 ms a lookup, most of the
time a term page with citations took to read (1,400 lookups at 1,000 terms).
The packages installed do not change during a build, so the answers are kept.

**Style.** ``relu-plain`` (``bibtex_default_style``) is pybtex's ``plain`` with one
difference that BibTeX's own ``plain.bst`` makes too: a ``@mastersthesis`` with a
``type`` field shows that type.  pybtex honours ``type`` for ``@phdthesis`` only and
calls every other thesis a "Master's thesis"; Hochreiter's 1991 Diplomarbeit, the
vanishing-gradient page's source, is one.
"""

from __future__ import annotations

from functools import cache

from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.formatting.unsrt import date
from pybtex.style.template import field, first_of, optional_field, sentence
from sphinx.application import Sphinx

STYLE_NAME = "relu-plain"


class Style(PlainStyle):
    def get_mastersthesis_template(self, e):
        # pybtex's own template, with its fixed label made a default, as for @phdthesis
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[
                first_of[optional_field("type"), "Master's thesis"],
                field("school"),
                optional_field("address"),
                date,
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


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
    from pybtex import plugin

    plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, Style)  # again in a second build: a no-op
    # pybtex.plugin looks plugins up with its module's entry_points(group=..., name=...)
    found = getattr(plugin, "entry_points", None)
    if found is not None and not getattr(found, "relu_keeping", False):
        plugin.entry_points = _keeping(found)

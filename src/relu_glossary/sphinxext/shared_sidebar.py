"""The sidebar of a page in no toctree is drawn once per folder, not once per page.

The pydata and book themes draw the site's navigation on every page
(``generate_toctree_html``: Sphinx's toctree, then BeautifulSoup): 8 ms a page,
8 s of CPU in a 1,000-term build.  (The theme also renders each sidebar template
once more, with its own function, to drop the empty ones; conf.py names the
site's navigation template so that the theme skips it, or each page would still
draw its own.)  A page that no toctree reaches (a term page, ``:orphan:``;
search, genindex) has no current entry in it, so its
sidebar differs from another such page's only in its links, which depend on
the page's folder and on how the page links (the 404 page links from the site's
root: ``pathto`` is not the same there).  The 1,000 term pages of a large glossary
share one sidebar: it is drawn for the first and reused for the others.

Pages in the navigation are drawn as the theme draws them.  With a theme
that has no ``generate_toctree_html``, nothing changes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from sphinx.application import Sphinx

from relu_glossary.sphinxext.sitewide import in_navigation


class _Drawn:
    """This build's navigation, and the sidebars drawn for pages outside it."""

    def __init__(self, navigation: set[str]) -> None:
        self.navigation = navigation
        self.sidebars: dict[tuple, str] = {}


def _note_navigation(app: Sphinx, env) -> None:
    """``env-updated``: which documents the toctrees reach, for this build."""
    app.builder.relu_drawn_sidebars = _Drawn(in_navigation(env, app.config.root_doc))


def _shared(draw: Callable, drawn: _Drawn, links: tuple) -> Callable:
    def generate_toctree_html(kind: str, *args, **kwargs):
        if kind != "sidebar":  # "raw" returns a tree its caller may change
            return draw(kind, *args, **kwargs)
        key = (links, args, tuple(sorted(kwargs.items())))
        if key not in drawn.sidebars:
            drawn.sidebars[key] = str(draw(kind, *args, **kwargs))
        return drawn.sidebars[key]

    return generate_toctree_html


def _share_outside_navigation(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``, after the theme's: a page outside the navigation
    draws its sidebar through the folder's shared one."""
    drawn = getattr(app.builder, "relu_drawn_sidebars", None)
    draw = context.get("generate_toctree_html")
    if drawn is None or draw is None or pagename in drawn.navigation:
        return
    # how the page links to the root document stands for how it links to any
    links = (posixpath.dirname(pagename), context["pathto"](app.config.root_doc))
    context["generate_toctree_html"] = _shared(draw, drawn, links)


def setup(app: Sphinx) -> None:
    app.connect("env-updated", _note_navigation)
    app.connect("html-page-context", _share_outside_navigation, priority=600)  # the theme's is at 500

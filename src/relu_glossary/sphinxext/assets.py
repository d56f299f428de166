"""The glossary's own CSS and JavaScript.

Everything is served from the site itself (no CDN).  What a page needs of the
glossary's data comes with the page: hover previews (hover.py) and, on the
search page only, the names of every term (search.py).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).with_name("static")


def _add_static(app: Sphinx) -> None:
    """``builder-inited``: register the static folder."""
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))


def _use_search_scorer(app: Sphinx, config) -> None:
    """``config-inited``: rank term pages first (see static/search-scorer.js)."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(STATIC / "search-scorer.js")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _use_search_scorer)
    app.connect("builder-inited", _add_static)
    app.add_css_file("relu-glossary.css")
    app.add_js_file("relu-tooltips.js", loading_method="defer")

"""The glossary's own CSS and JavaScript, and the term summaries for hover definitions.

Everything is served from the site itself (no CDN).  The summaries file is
generated from the loaded glossary (event ``relu-glossary-loaded``), written only
when its text changed, and copied to ``_static/`` like any static file.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from relu_glossary.files import write_if_changed
from relu_glossary.glossary.markup import plain

STATIC = Path(__file__).with_name("static")
SUMMARIES = "relu-term-summaries.js"


def summaries_js(glossary) -> str:
    data = {
        t.id: {"label": t.label_ja, "summary": plain(t.summary), "names": t.names}
        for t in sorted(glossary.terms.values(), key=lambda t: t.id)
    }
    return "window.RELU_TERM_SUMMARIES = " + json.dumps(data, ensure_ascii=False, indent=0) + ";\n"


def _generated(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "relu_static"


def _add_static(app: Sphinx) -> None:
    """``builder-inited``: register the static folders."""
    for folder in (STATIC, _generated(app)):
        if str(folder) not in app.config.html_static_path:
            app.config.html_static_path.append(str(folder))


def _write_summaries(app: Sphinx, glossary) -> None:
    """``relu-glossary-loaded``: the summaries the hover definitions show."""
    write_if_changed(_generated(app) / SUMMARIES, summaries_js(glossary))


def _use_search_scorer(app: Sphinx, config) -> None:
    """``config-inited``: rank term pages first (see static/search-scorer.js)."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(STATIC / "search-scorer.js")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _use_search_scorer)
    app.connect("builder-inited", _add_static)
    app.connect("relu-glossary-loaded", _write_summaries)
    app.add_css_file("relu-glossary.css")
    app.add_js_file(SUMMARIES, loading_method="defer")
    app.add_js_file("relu-tooltips.js", loading_method="defer")

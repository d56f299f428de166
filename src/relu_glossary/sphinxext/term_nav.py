"""Previous and next links on term pages: the neighbouring terms in 五十音 order.

Term pages are in no toctree (see glossary.render.pages), so Sphinx gives them
no previous and next pages; a reader going through the glossary still finds the
neighbouring terms there, in the index's order.  Each term page's source names
its neighbours (``.. relu-neighbours:``), so a page is read and written again
exactly when its neighbours or their labels change.
"""

from __future__ import annotations

from html import escape

from sphinx.application import Sphinx

from relu_glossary.glossary import urls
from relu_glossary.glossary.render.pages import reading_order
from relu_glossary.sphinxext.generate import glossary_of


def _positions(glossary) -> tuple[list[str], dict[str, int]]:
    order = reading_order(glossary)
    return order, {term_id: i for i, term_id in enumerate(order)}


def _neighbours(glossary, term_id: str) -> tuple[str | None, str | None]:
    order, position = glossary.derived("reading positions", _positions)
    i = position.get(term_id)
    if i is None:
        return None, None
    return (order[i - 1] if i else None), (order[i + 1] if i + 1 < len(order) else None)


def _term_neighbours(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: a term page's previous and next terms, as the theme shows them."""
    glossary = glossary_of(app.env)
    if glossary is None or doctree is None or not pagename.startswith(urls.TERMS_DIR + "/"):
        return
    term_id = pagename.removeprefix(urls.TERMS_DIR + "/")
    if term_id not in glossary.terms or context.get("prev") or context.get("next"):
        return
    for key, other in zip(("prev", "next"), _neighbours(glossary, term_id), strict=True):
        if other is not None:
            link = app.builder.get_relative_uri(pagename, urls.docname(other))
            # the theme writes the title as HTML (Sphinx's titles are rendered markup)
            context[key] = {"link": link, "title": escape(glossary.terms[other].label_ja)}


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _term_neighbours)

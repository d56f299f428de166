"""Where every glossary page lives: the one place the URL scheme is spelled.

A term's page is ``terms/<id>.html`` and its anchor ``#term-<id>``, both made from
the permanent id, so adding, renaming or reordering terms changes no existing
link.  (The browser scripts match the same pattern: sphinxext/static/*.js.)
"""

from __future__ import annotations

import posixpath

TERMS_DIR = "terms"
INDEX_DIR = "glossary"
INDEX_DOC = f"{INDEX_DIR}/index"  # 五十音順, with every summary
ALPHABETICAL_DOC = f"{INDEX_DIR}/alphabetical"  # by English name
CATEGORIES_DOC = f"{INDEX_DIR}/categories"
RELATIONS_DOC = f"{INDEX_DIR}/relu-relations"


def docname(term_id: str) -> str:
    """The Sphinx document name of a term's page."""
    return f"{TERMS_DIR}/{term_id}"


def anchor(term_id: str) -> str:
    return f"term-{term_id}"


def page(term_id: str) -> str:
    """The page's path from the site root."""
    return f"{docname(term_id)}.html"


def link(term_id: str) -> str:
    """Path and anchor from the site root: what other documents link to."""
    return f"{page(term_id)}#{anchor(term_id)}"


def html(doc: str) -> str:
    """The path of any document's page from the site root."""
    return f"{doc}.html"


def relative(from_doc: str, path: str) -> str:
    """``path`` (from the site root) as seen from the page of document ``from_doc``."""
    target, _, fragment = path.partition("#")
    rel = posixpath.relpath(target, posixpath.dirname(from_doc) or ".")
    return rel + (f"#{fragment}" if fragment else "")

"""Hover previews: each page carries the previews of the terms it links to, and no others.

A single file of every term's summary, loaded by every page, grew with the
glossary on every page (and with its square over the site), and any edited
summary changed it, so every page was written again for its ``?v=``.  Now a page
holds, inline, the previews of the terms it links to (``relu-term-previews``,
JSON; see glossary.render.preview), and the script static/relu-tooltips.js shows
them.

Which terms a page links to is noted while it is read (``doctree-read``).  After
reading (``env-updated``), the pages that link to a term whose preview changed
are written again, without being read: a preview is part of those pages.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from relu_glossary.glossary import urls
from relu_glossary.glossary.render import preview
from relu_glossary.sphinxext.generate import glossary_of
from relu_glossary.sphinxext.per_document import PerDocument

ELEMENT_ID = "relu-term-previews"

#: Pages that show every linked term's summary beside its link: a preview there
#: would repeat the line it covers (and the 五十音 listing of 1,000 terms carried
#: 160 KB of them).
SHOWS_SUMMARIES = frozenset({urls.INDEX_DOC})


_LINKS = PerDocument("relu_term_links")
_links = _LINKS.of


def linked_terms(glossary, doctree: nodes.Node) -> list[str]:
    """Ids of the glossary terms a document's ``:term:`` references name."""
    found = set()
    for ref in doctree.findall(addnodes.pending_xref):
        if ref.get("refdomain") == "std" and ref.get("reftype") == "term":
            term = glossary.find(ref["reftarget"])
            if term is not None:
                found.add(term.id)
    return sorted(found)


def _note_links(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the terms this document links to."""
    glossary = glossary_of(app.env)
    docname = app.env.current_document.docname
    if glossary is not None:
        _links(app.env)[docname] = [] if docname in SHOWS_SUMMARIES else linked_terms(glossary, doctree)


def _pages_showing_changed_previews(app: Sphinx, env) -> list[str]:
    """``env-updated``: the pages that link to a term whose preview changed since
    the last build (they are written again; nothing is read again)."""
    glossary = glossary_of(env)
    # Previews are made from the glossary alone (and code its key covers): the
    # glossary the digests were made from needs no 1,000 digests again.
    key = getattr(env, "relu_glossary_key", None) if glossary else None
    if key is not None and getattr(env, "relu_preview_digests_of", None) == key:
        return []
    digests = {t.id: preview.digest(t) for t in glossary.terms.values()} if glossary else {}
    old, env.relu_preview_digests = getattr(env, "relu_preview_digests", None), digests
    env.relu_preview_digests_of = key
    if old is None:
        return []
    changed = {t for t in old.keys() | digests.keys() if old.get(t) != digests.get(t)}
    if not changed:
        return []
    return sorted(doc for doc, terms in _links(env).items() if doc in env.found_docs and changed.intersection(terms))


def _add_previews(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: the page's previews, as a JSON script element in its head."""
    glossary = glossary_of(app.env)
    terms = _links(app.env).get(pagename) if glossary is not None and doctree is not None else None
    if terms:
        payload = preview.previews_json([glossary.terms[t] for t in terms if t in glossary.terms])
        app.add_js_file(None, body=payload, type="application/json", id=ELEMENT_ID)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", _note_links)
    _LINKS.connect(app)
    app.connect("env-updated", _pages_showing_changed_previews)
    app.connect("html-page-context", _add_previews)

"""Where a term appears: the readings that are about it or mention it, found at build.

* ``doctree-read``: every reading (a notebook) records the terms its ``{term}``
  references name (after NFKC and case folding, as links resolve), and the terms
  it is about, from its front matter (``about: [dying-relu]``).
* ``.. relu-appears:: <term id>`` on a term page becomes, when the page is
  written, the list of those readings, linked, the readings about it first.
* ``env-get-updated``: a term page whose list changed is written again (without
  being re-read), so an edited notebook never leaves a stale list behind.
"""

from __future__ import annotations

import json

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from relu_glossary.glossary import urls
from relu_glossary.sphinxext.generate import glossary_of
from relu_glossary.sphinxext.hover import linked_terms
from relu_glossary.sphinxext.per_document import PerDocument


class appears_node(nodes.General, nodes.Element):
    """Stands where the list goes until every page has been read."""


class AppearsDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        return [appears_node(term=self.arguments[0])]


#: docname -> {"mentions": [term ids], "about": [term ids]}
_MENTIONS = PerDocument("relu_mentions")
_store = _MENTIONS.of


def _record(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the terms this page mentions and is about."""
    env = app.env
    glossary = glossary_of(env)
    docname = env.current_document.docname
    metadata = env.metadata.get(docname, {})
    if glossary is None or metadata.get("file_format") != "mystnb":
        return  # the readings are the notebooks
    mentions = linked_terms(glossary, doctree)
    about = metadata.get("about", [])
    if isinstance(about, str):  # myst-nb keeps a notebook's metadata as JSON text
        about = json.loads(about) if about.startswith("[") else [about]
    if mentions or about:
        _store(env)[docname] = {"mentions": mentions, "about": sorted(about)}


def readings_of(env, term_id: str) -> list[tuple[bool, str]]:
    """(is about it, docname) of every page mentioning ``term_id``: those about it first."""
    found = [(term_id in r["about"], doc) for doc, r in _store(env).items() if term_id in r["mentions"] + r["about"]]
    return sorted(found, key=lambda item: (not item[0], item[1]))


def _changed_lists(app: Sphinx, env) -> list[str]:
    """``env-get-updated``: term pages whose list differs from the one last written."""
    glossary = glossary_of(env)
    if glossary is None:
        return []
    now = {term_id: readings_of(env, term_id) for term_id in glossary.terms}
    before = getattr(env, "relu_appears_written", {})
    env.relu_appears_written = now
    changed = [urls.docname(t) for t, shown in now.items() if before.get(t) != shown]
    return sorted(doc for doc in changed if doc in env.all_docs)


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the placeholder becomes the list of readings."""
    for node in list(doctree.findall(appears_node)):
        readings = readings_of(app.env, node["term"])
        if not readings:
            node.replace_self(nodes.paragraph("", "この用語を扱う読みものはまだありません。"))
            continue
        items = nodes.bullet_list(classes=["relu-appears"])
        for about, doc in readings:
            title = app.env.titles[doc].astext()
            link = make_refnode(app.builder, docname, doc, "", nodes.inline(title, title))
            paragraph = nodes.paragraph("", "", link)
            if about:
                paragraph += nodes.Text("（この用語が主題の読みもの）")
            items += nodes.list_item("", paragraph)
        intro = nodes.paragraph("", "この用語が出てくる読みもの：")
        node.replace_self([intro, items])


def setup(app: Sphinx) -> None:
    app.add_node(appears_node)
    app.add_directive("relu-appears", AppearsDirective)
    app.connect("doctree-read", _record)
    _MENTIONS.connect(app)
    app.connect("env-get-updated", _changed_lists)
    app.connect("doctree-resolved", _fill)

"""reStructuredText made by a directive, as nodes, whatever parser reads the page.

A directive's ``parse_text_to_nodes`` uses the page's own parser: on a MyST page
(the front page, the notebooks) the reST a directive writes would be read as
Markdown.  Here it is read by docutils' reST parser, with the page's settings, so
Sphinx's roles (``:term:``, ``:math:``) resolve against the page being read.
(Directives that leave work to transforms, like ``rst-class``, have no place in
such text: the scratch document's transforms never run.)

The nodes are handed over to the page's document: a node the parser made keeps a
reference to its document, and the scratch one holds the page's settings with
Sphinx's whole environment in them.  Sphinx saves each page's doctree with a copy
of the settings without the environment, but a node still pointing at the scratch
document took the environment along: 1.8 MB in the front page's doctree at 1,000
terms, loaded again by every build for the navigation.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import Parser
from docutils.utils import new_document


def rst_to_nodes(text: str, document: nodes.document) -> list[nodes.Node]:
    scratch = new_document(document["source"], document.settings)
    Parser().parse(text, scratch)
    for node in scratch.findall():
        if node.__dict__.get("_document") is scratch:
            node.document = document
    return list(scratch.children)

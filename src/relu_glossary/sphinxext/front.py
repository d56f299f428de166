"""Pieces for pages written by hand (the front page): computed values, a term's
summary, the terms most connected to others.  All computed at build time.

* ``{relu-value}`relu.f(-3)``` shows a number the code computes (the expression is
  read by relu_glossary.claims, as YAML's {value} marks are); the page is re-read
  when that code changes.
* ``.. relu-summary:: relu`` shows the term's one-line definition (checked YAML)
  and a link to its page.
* ``.. relu-hubs:: 8`` lists the terms with the most relations, each with its summary.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from relu_glossary import claims
from relu_glossary.examples import fmt
from relu_glossary.glossary.render.rst import inline
from relu_glossary.sphinxext import code_fingerprints
from relu_glossary.sphinxext.generate import glossary_of, note_term_file
from relu_glossary.sphinxext.per_document import PerDocument
from relu_glossary.sphinxext.rst_nodes import rst_to_nodes

logger = logging.getLogger(__name__)

#: What a page with a {relu-value} runs, besides the activations it names.
VALUE_RUNS = ["import relu_glossary.claims, relu_glossary.properties"]


class ValueRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            value, _ = claims.evaluate(self.text, claims.namespace())
        except claims.ClaimError as err:
            logger.warning("relu-value: %s", err, location=self.get_location(), type="relu_glossary", subtype="value")
            return [nodes.literal(self.text, self.text)], []
        names = set(re.findall(r"[A-Za-z_]+", self.text))
        code_fingerprints.record(self.env, self.env.current_document.docname, VALUE_RUNS, names)
        shown = fmt(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
        return [nodes.inline(shown, shown, classes=["relu-value"])], []


class _GlossaryDirective(SphinxDirective):
    def rst(self, text: str) -> list[nodes.Node]:
        return rst_to_nodes(text, self.state.document)

    def glossary(self):
        glossary = glossary_of(self.env)
        if glossary is None:
            raise self.error("this page needs the glossary (relu_glossary_dir)")
        return glossary


class SummaryDirective(_GlossaryDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        glossary = self.glossary()
        term = glossary.terms.get(self.arguments[0])
        if term is None:
            raise self.error(f"no term with the id {self.arguments[0]!r}")
        note_term_file(self.env, term)
        paragraphs = self.rst(inline(term.summary, _resolver(glossary)) + "\n")
        for paragraph in paragraphs:
            paragraph["classes"].append("relu-lead")
        return paragraphs


class HubsDirective(_GlossaryDirective):
    """The terms with the most relations: where readers of a glossary about ReLU start."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        count = int(self.arguments[0])
        text = hubs_rst(self.glossary(), count)
        _hubs(self.env)[self.env.current_document.docname] = (count, text)
        return self.rst(text)


def _resolver(glossary):
    return lambda name: found.label_ja if (found := glossary.find(name)) else name


def hubs_rst(glossary, count: int) -> str:
    top = sorted(glossary.terms, key=lambda t: (-glossary.degree(t), glossary.terms[t].order_key()))[:count]
    lines = []
    for term_id in top:
        term = glossary.terms[term_id]
        summary = inline(term.summary, _resolver(glossary))
        lines.append(f"- :term:`{term.label_ja} <{term.label_ja}>` — {summary}")
    return "\n".join(lines) + "\n"


_HUBS = PerDocument("relu_hubs")
_hubs = _HUBS.of


def _outdated_hubs(app, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: a page listing hubs is read again when the list changes
    (any term's relations can move it), and only then."""
    glossary = glossary_of(env)
    if glossary is None:
        return []
    return [
        doc for doc, (count, text) in _hubs(env).items() if doc not in removed and hubs_rst(glossary, count) != text
    ]


def setup(app) -> None:
    app.add_role("relu-value", ValueRole())
    app.add_directive("relu-summary", SummaryDirective)
    app.add_directive("relu-hubs", HubsDirective)
    app.connect("env-get-outdated", _outdated_hubs)
    _HUBS.connect(app)

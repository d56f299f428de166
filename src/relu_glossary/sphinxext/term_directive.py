"""``.. relu-term:: <id>``: the anchor, the link targets and the JSON-LD of a term page.

Every label and alias becomes a ``std:term`` (so ``:term:`` and intersphinx find
it) pointing at the anchor ``term-<id>``: anchors come from the permanent id,
never from position, so adding or reordering terms changes no existing link.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from relu_glossary.glossary import urls
from relu_glossary.glossary.render import export
from relu_glossary.glossary.render.script_json import script_json
from relu_glossary.sphinxext.generate import glossary_of


class TermDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        term = glossary_of(self.env).terms[self.arguments[0]]
        anchor = urls.anchor(term.id)
        # The anchor becomes the page section's first id, so the heading's own
        # link (¶) and every :term: reference use the permanent id.
        section = self.state.parent
        section["ids"].insert(0, anchor)
        self.state.document.ids[anchor] = section
        std = self.env.domains.standard_domain
        for name in term.names:
            std.note_object("term", name, anchor, location=section)
        data = export.defined_term(term, self.config.html_baseurl or None)
        payload = script_json(data, sort_keys=True)
        jsonld = nodes.raw("", f'<script type="application/ld+json">{payload}</script>\n', format="html")
        return [jsonld]


def setup(app) -> None:
    app.add_directive("relu-term", TermDirective)

"""ReLU's relation map as inline SVG: the term on top, its four kinds of relations below.

Drawn from the glossary at build time with plain string building: no Graphviz
binary, no JavaScript.  Every related term is a link to its page; synonyms are
the term's own aliases (one page), so they are listed without links.  Text is
XML-escaped; colours come from the theme's CSS variables (relu-glossary.css),
so the map follows light and dark mode.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape, quoteattr

from relu_glossary.glossary import urls
from relu_glossary.glossary.model import RELATION_TYPES, Glossary

COLUMN_WIDTH = 220
GAP = 16
ROW = 36
BOX_HEIGHT = 30
TOP = 96


def _width(text: str, size: float = 16) -> float:
    """Approximate rendered width: East Asian characters are about one em wide."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def _fit(text: str, limit: float) -> str:
    if _width(text) <= limit:
        return text
    while text and _width(text + "…") > limit:
        text = text[:-1]
    return text + "…"


def svg(glossary: Glossary, term_id: str, page_doc: str = urls.RELATIONS_DOC) -> str:
    """The map of ``term_id``'s relations, its links relative to the page ``page_doc``."""
    term = glossary.terms[term_id]
    links = glossary.links(term_id)
    columns = []
    for rtype, heading in RELATION_TYPES.items():
        items = [(a.name, None) for a in term.aliases] if rtype == "synonym" else []
        items += [(glossary.terms[link.other].label_ja, link.other) for link in links[rtype]]
        columns.append((rtype, heading, items))
    width = len(columns) * (COLUMN_WIDTH + GAP) + GAP
    height = TOP + 40 + max(len(items) for _, _, items in columns) * ROW + GAP
    centre = width / 2
    out = [
        f'<svg class="relu-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="group" aria-labelledby="relu-map-title">',
        f'<title id="relu-map-title">{escape(term.label_ja)}と関係する用語の図</title>',
    ]
    title_w = _width(term.label_ja, 18) + 40
    out.append(
        f"<a href={quoteattr(urls.relative(page_doc, urls.link(term.id)))}>"
        f'<rect class="relu-map-root" x="{centre - title_w / 2:.1f}" y="12" width="{title_w:.1f}" '
        f'height="36" rx="8"/><text class="relu-map-root-label" x="{centre:.1f}" y="36" '
        f'text-anchor="middle">{escape(term.label_ja)}</text></a>'
    )
    for i, (rtype, heading, items) in enumerate(columns):
        x = GAP + i * (COLUMN_WIDTH + GAP)
        mid = x + COLUMN_WIDTH / 2
        out.append(
            f'<path class="relu-map-edge relu-map-{rtype}" d="M{centre:.1f} 48 C{centre:.1f} 70, '
            f'{mid:.1f} 60, {mid:.1f} {TOP - 20}"/>'
        )
        out.append(f'<g class="relu-map-group relu-map-{rtype}" role="list" aria-label={quoteattr(heading)}>')
        out.append(
            f'<text class="relu-map-heading" x="{mid:.1f}" y="{TOP - 4}" text-anchor="middle">'
            f"{escape(heading)}（{len(items)}）</text>"
        )
        for j, (label, target) in enumerate(items):
            y = TOP + 12 + j * ROW
            box = (
                f'<rect x="{x}" y="{y}" width="{COLUMN_WIDTH}" height="{BOX_HEIGHT}" rx="5"/>'
                f'<text x="{x + 10}" y="{y + 21}">{escape(_fit(label, COLUMN_WIDTH - 20))}</text>'
            )
            if target:
                href = quoteattr(urls.relative(page_doc, urls.link(target)))
                # a link cannot itself be a list item (axe: aria-allowed-role)
                out.append(f'<g role="listitem"><a href={href} aria-label={quoteattr(label)}>{box}</a></g>')
            else:
                out.append(f'<g role="listitem" aria-label={quoteattr(label)}>{box}</g>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)

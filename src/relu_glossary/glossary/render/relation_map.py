"""A term's relation map as inline SVG: the term, and its relations grouped by type.

Drawn from the glossary at build time with plain string building: no Graphviz
binary, no JavaScript.  It shows the term's neighbourhood only, however large
the glossary: the term at the top, a branch to each kind of relation, and the
related terms in a grid under each branch.  Every box is a link (a synonym that
is one of the term's own names links to the term's page), and no label is cut:
a long one wraps onto more lines and its box grows.

Two drawings of the same map are written: a wide one (three columns) and a
narrow one (two columns, 360 units wide) that the stylesheet shows on phones,
where the wide one would shrink its text below 12 px.  Text is XML-escaped;
colours come from the theme's CSS variables (relu-glossary.css), so the map
follows light and dark mode.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from relu_glossary.glossary import urls
from relu_glossary.glossary.model import RELATION_TYPES, Glossary

FONT = 16  # of the boxes' labels, in the drawing's units
LINE = 20  # line height of the labels
ROOT_FONT = 18
ROOT_LINE = 23
PAD = 12  # around the drawing
INDENT = 28  # of the groups, right of the trunk
GAP = 10  # between boxes
BOX_PAD = 8  # inside a box, around its text


@dataclass(frozen=True)
class Layout:
    name: str  # "wide" or "narrow": a class of the <svg>, and part of its ids
    width: int
    columns: int


WIDE = Layout("wide", 720, 3)
NARROW = Layout("narrow", 360, 2)


def text_width(text: str, size: float = FONT) -> float:
    """Rendered width, estimated on the generous side: East Asian characters are one
    em wide, others at most about two thirds of one."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.66 for c in text)


def wrap(text: str, limit: float, size: float = FONT) -> list[str]:
    """``text`` in lines no wider than ``limit``: Latin text breaks at spaces, a word
    or a run of Japanese that is too long between characters.  Nothing is dropped."""
    lines: list[str] = []
    line = ""
    for word in _words(text):
        if text_width((line + word).rstrip(), size) <= limit:
            line += word
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = word.lstrip()
        while text_width(line, size) > limit:  # a word longer than a line: cut between characters
            cut = len(line) - 1
            while cut > 1 and text_width(line[:cut], size) > limit:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _words(text: str) -> list[str]:
    """Break opportunities: after each space-separated Latin word (with its space),
    and between any two East Asian characters."""
    words: list[str] = []
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in "WF"
        if not words or wide or words[-1][-1].isspace() or unicodedata.east_asian_width(words[-1][-1]) in "WF":
            words.append(ch)
        else:
            words[-1] += ch
    return words


def _items(glossary: Glossary, term_id: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(type, heading, [(label, term id it links to)]) for each kind of relation."""
    term = glossary.terms[term_id]
    links = glossary.links(term_id)
    groups = []
    for rtype, heading in RELATION_TYPES.items():
        items = [(a.name, term.id) for a in term.aliases] if rtype == "synonym" else []
        items += [(glossary.terms[link.other].label_ja, link.other) for link in links[rtype]]
        groups.append((rtype, heading, items))
    return groups


def _box(x: float, y: float, w: float, h: float, lines: list[str], href: str, label: str) -> str:
    text = "".join(
        f'<text x="{x + BOX_PAD:.1f}" y="{y + BOX_PAD + (i + 0.8) * LINE:.1f}">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    # a link cannot itself be a list item (axe: aria-allowed-role)
    return (
        f'<g role="listitem"><a href={quoteattr(href)} aria-label={quoteattr(label)}>'
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="5"/>{text}</a></g>'
    )


def draw(glossary: Glossary, term_id: str, page_doc: str, layout: Layout) -> str:
    """One drawing of the map of ``term_id``, its links relative to the page ``page_doc``."""
    term = glossary.terms[term_id]

    def href(target: str) -> str:
        return urls.relative(page_doc, urls.link(target))

    inner = layout.width - 2 * PAD
    root_lines = wrap(term.label_ja, inner - 2 * BOX_PAD - 8, ROOT_FONT)
    root_w = min(inner, max(text_width(line, ROOT_FONT) for line in root_lines) + 2 * BOX_PAD + 8)
    root_h = len(root_lines) * ROOT_LINE + 2 * BOX_PAD
    ident = f"relu-map-title-{layout.name}"
    root_text = "".join(
        f'<text class="relu-map-root-label" x="{PAD + BOX_PAD + 4}" '
        f'y="{PAD + BOX_PAD + (i + 0.8) * ROOT_LINE:.1f}">{escape(line)}</text>'
        for i, line in enumerate(root_lines)
    )
    body = [
        f"<a href={quoteattr(href(term.id))}>"
        f'<rect class="relu-map-root" x="{PAD}" y="{PAD}" width="{root_w:.1f}" height="{root_h}" rx="8"/>'
        f"{root_text}</a>"
    ]
    trunk_x = PAD + 14
    column_w = (inner - INDENT - (layout.columns - 1) * GAP) / layout.columns
    y = PAD + root_h + 24
    branch_ys = []
    for rtype, heading, items in _items(glossary, term_id):
        branch_ys.append(y + 6)
        body.append(f'<path class="relu-map-edge relu-map-{rtype}" d="M{trunk_x} {y + 6} H{PAD + INDENT - 4}"/>')
        body.append(f'<g class="relu-map-group relu-map-{rtype}" role="list" aria-label={quoteattr(heading)}>')
        body.append(
            f'<text class="relu-map-heading" x="{PAD + INDENT}" y="{y + 12}">{escape(heading)}（{len(items)}）</text>'
        )
        y += 26
        for start in range(0, len(items), layout.columns):
            row = items[start : start + layout.columns]
            wrapped = [wrap(label, column_w - 2 * BOX_PAD) for label, _ in row]
            h = max(len(lines) for lines in wrapped) * LINE + 2 * BOX_PAD
            for i, ((label, target), lines) in enumerate(zip(row, wrapped, strict=True)):
                x = PAD + INDENT + i * (column_w + GAP)
                body.append(_box(x, y, column_w, h, lines, href(target), label))
            y += h + GAP
        body.append("</g>")
        y += 14
    trunk = f'<path class="relu-map-edge" d="M{trunk_x} {PAD + root_h} V{branch_ys[-1]}"/>'
    height = y - 14 + PAD
    head = (
        f'<svg class="relu-map relu-map-{layout.name}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {layout.width} {height:.0f}" width="{layout.width}" height="{height:.0f}" '
        f'role="group" aria-labelledby="{ident}">'
        f'<title id="{ident}">{escape(term.label_ja)}と関係する用語の図</title>'
    )
    return "\n".join([head, trunk, *body, "</svg>"])


def svg(glossary: Glossary, term_id: str, page_doc: str = urls.RELATIONS_DOC) -> str:
    """The map of ``term_id``'s relations: the wide drawing and the narrow one."""
    return "\n".join(draw(glossary, term_id, page_doc, layout) for layout in (WIDE, NARROW))

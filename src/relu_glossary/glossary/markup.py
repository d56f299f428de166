"""The marks glossary text understands, parsed; and the text without them.

In YAML text fields, ``{term}`名前``` links to a term and ``$...$`` is inline
math; everything else is plain text.  Renderers (render/rst.py for pages,
render/export.py for the JSON exports) decide how each part is written.

Two more marks are computed when the glossary is loaded, and replaced by what
they show before anything is rendered (see :func:`computed` and
relu_glossary.claims): ``{value}`sigmoid.max_abs_grad``` shows a number the
code computes, ``{claim}`最大でも 1/4 <sigmoid.max_abs_grad == 1/4>``` shows its
sentence, which the check refuses when the expression is false.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\{term\}`(?P<term>[^`]+)`|\$(?P<math>[^$]+)\$")
#: {value}`expression` and {claim}`sentence <expression>`: the sentence ends at
#: its first "<", the expression at the last ">" (it may compare: <0 < x < 1>)
COMPUTED = re.compile(r"\{value\}`(?P<value>[^`]+)`|\{claim\}`(?P<sentence>[^`<]+?)\s*<(?P<claim>[^`]+)>`")


@dataclass(frozen=True)
class Text:
    value: str


@dataclass(frozen=True)
class TermRef:
    name: str


@dataclass(frozen=True)
class Math:
    latex: str


def parse(text: str) -> list[Text | TermRef | Math]:
    """Split ``text`` into plain text, term references and inline math."""
    parts: list[Text | TermRef | Math] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            parts.append(Text(text[pos : m.start()]))
        parts.append(TermRef(m["term"].strip()) if m["term"] else Math(m["math"].strip()))
        pos = m.end()
    if pos < len(text):
        parts.append(Text(text[pos:]))
    return parts


def term_refs(text: str) -> list[str]:
    return [p.name for p in parse(text) if isinstance(p, TermRef)]


def plain(text: str) -> str:
    """Glossary text without its marks: {term}`x` -> x, $x$ -> x."""
    out = []
    for part in parse(" ".join(text.split())):
        out.append(part.name if isinstance(part, TermRef) else part.latex if isinstance(part, Math) else part.value)
    return "".join(out)


@dataclass(frozen=True)
class Computed:
    """One {value} or {claim} mark: where it is in the text and what it asks."""

    start: int
    end: int
    expression: str
    sentence: str | None  # None for a {value}


def computed(text: str) -> list[Computed]:
    return [
        Computed(m.start(), m.end(), (m["value"] or m["claim"]).strip(), m["sentence"].strip() if m["claim"] else None)
        for m in COMPUTED.finditer(text)
    ]

"""The two marks glossary text understands, parsed; and the text without them.

In YAML text fields, ``{term}`名前``` links to a term and ``$...$`` is inline
math; everything else is plain text.  Renderers (render/rst.py for pages,
render/export.py for the JSON exports) decide how each part is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\{term\}`(?P<term>[^`]+)`|\$(?P<math>[^$]+)\$")


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

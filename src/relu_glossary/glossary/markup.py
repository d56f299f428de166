"""The two marks glossary text understands, and safe reStructuredText output.

In YAML text fields, ``{term}`名前``` links to a term and ``$...$`` is inline
math; everything else is plain text.  Plain text is written to the generated
reStructuredText with every ASCII punctuation character backslash-escaped, so
nothing a maintainer types can become markup or raw HTML: ``<script>`` shows as
the characters ``<script>``.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

_TOKEN = re.compile(r"\{term\}`(?P<term>[^`]+)`|\$(?P<math>[^$]+)\$")
_PUNCTUATION = set(string.punctuation)


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
            parts.append(Text(text[pos:m.start()]))
        parts.append(TermRef(m["term"].strip()) if m["term"] else Math(m["math"].strip()))
        pos = m.end()
    if pos < len(text):
        parts.append(Text(text[pos:]))
    return parts


def term_refs(text: str) -> list[str]:
    return [p.name for p in parse(text) if isinstance(p, TermRef)]


def escape(text: str) -> str:
    """Plain text as reStructuredText that renders exactly as ``text``."""
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in text)


def _role(name: str, content: str) -> str:
    # "\ " before and after lets a role touch Japanese text with no space,
    # and renders as nothing.
    return f"\\ :{name}:`{content}`\\ "


def inline(text: str, resolve=lambda name: name) -> str:
    """One line of glossary text as reStructuredText.  ``resolve`` maps a
    referenced name to the name to link (e.g. a term's Japanese label)."""
    out = []
    for part in parse(" ".join(text.split())):
        if isinstance(part, Text):
            out.append(escape(part.value))
        elif isinstance(part, TermRef):
            # names cannot hold ` < > (the schema and the checks refuse them),
            # so they are safe inside the role as they are
            out.append(_role("term", f"{part.name} <{resolve(part.name)}>"))
        else:
            out.append(_role("math", part.latex.replace("`", "")))
    return "".join(out).strip()


def paragraphs(text: str, resolve=lambda name: name) -> list[str]:
    """Paragraphs (separated by blank lines) as reStructuredText lines."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return [inline(_join_lines(b.splitlines()), resolve) for b in blocks]


def _join_lines(lines: list[str]) -> str:
    """Join wrapped lines: Japanese needs no space at a line break, English does."""
    out = ""
    for line in (raw.strip() for raw in lines):
        if out and line and out[-1].isascii() and line[0].isascii():
            out += " "
        out += line
    return out

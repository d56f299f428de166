"""Glossary text as reStructuredText that renders exactly as written.

Plain text is written with every ASCII punctuation character backslash-escaped,
so nothing a maintainer types can become markup or raw HTML: ``<script>`` shows
as the characters ``<script>``.  The marks (see glossary.markup) become the
``:term:`` and ``:math:`` roles.
"""

from __future__ import annotations

import re
import string
import unicodedata

from relu_glossary.glossary.markup import TermRef, Text, parse

_PUNCTUATION = set(string.punctuation)
#: What str.splitlines (and so docutils) breaks lines at.
_LINE_BREAKS = set("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def escape(text: str) -> str:
    """Plain text as reStructuredText that renders exactly as ``text``: every ASCII
    punctuation character backslash-escaped, and every line break (``\\r``, U+2028
    and the other characters docutils splits lines at) a space, so that text can
    never start a line of its own, a directive for one.  (The glossary check
    refuses such characters; this is the second lock.)"""
    return "".join("\\" + ch if ch in _PUNCTUATION else " " if ch in _LINE_BREAKS else ch for ch in text)


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
    """Paragraphs (separated by blank lines) as reStructuredText lines, each on one
    line.  (A line break inside a Japanese paragraph then reads as a space, which
    sphinxext.typography removes between Japanese characters, as in notebooks.)"""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return [inline(" ".join(b.split()), resolve) for b in blocks]


def title(text: str, char: str) -> list[str]:
    """A section title (plain text) underlined with ``char``, and a blank line."""
    line = escape(text)
    # East Asian characters are two columns wide; docutils counts them so.
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    return [line, char * max(width, 4), ""]

"""What a hover preview of a term shows: its label and its summary, math as MathML.

Plain data for JSON: ``[label, parts]`` where each part is a string (text, shown
as text) or ``{"m": mathml}`` (markup from :func:`.mathml.to_mathml`: escaped
text and MathML's presentation elements only).  The page script builds the
preview from these with text nodes and an XML parse of the math, never by
writing strings into the page as HTML.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from relu_glossary.glossary.markup import Math, TermRef, parse
from relu_glossary.glossary.model import Term
from relu_glossary.glossary.render.mathml import to_mathml
from relu_glossary.glossary.render.script_json import script_json


@lru_cache(maxsize=4096)
def summary_parts(summary: str) -> tuple:
    """The summary as text and math parts ({term} references become their text)."""
    parts: list = []
    for part in parse(" ".join(summary.split())):
        if isinstance(part, Math):
            parts.append({"m": to_mathml(part.latex)})
            continue
        text = part.name if isinstance(part, TermRef) else part.value
        if parts and isinstance(parts[-1], str):
            parts[-1] += text
        else:
            parts.append(text)
    return tuple(parts)


def preview(term: Term) -> list:
    return [term.label_ja, list(summary_parts(term.summary))]


def digest(term: Term) -> str:
    """Changes exactly when the term's preview does."""
    return hashlib.sha256(json.dumps(preview(term), ensure_ascii=False).encode()).hexdigest()[:16]


def previews_json(terms: list[Term]) -> str:
    """The previews of ``terms`` as JSON for the page's <script> element."""
    data = {t.id: preview(t) for t in sorted(terms, key=lambda t: t.id)}
    return script_json(data, separators=(",", ":"))

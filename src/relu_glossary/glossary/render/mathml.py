"""LaTeX to MathML that can only ever be math: escaped text, known elements, no links.

latex2mathml builds an element tree and then un-escapes its whole serialisation
(to keep the character references it writes), so ``\\text{<img onerror=…>}``
came out as a live ``<img>`` inside ``<mtext>``, which browsers parse as HTML;
``\\href`` and ``\\style`` became attributes.  Here the tree is taken before
that step, every element and attribute is checked against MathML's
presentation vocabulary, character references become characters, and the tree
is serialised with ordinary XML escaping.

:func:`problems` says why a formula is refused (``\\href``, ``\\url``, styling,
commands the converter does not know and would show as raw text); the glossary
check uses it, so YAML with such math never reaches a page.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from xml.etree.ElementTree import Element, tostring

from latex2mathml.converter import convert_to_element
from latex2mathml.tokenizer import tokenize

#: MathML presentation elements latex2mathml writes.
ELEMENTS = frozenset(
    "math mrow mi mn mo ms mtext mspace msub msup msubsup munder mover munderover mfrac msqrt mroot "
    "mtable mtr mtd mstyle mpadded mphantom menclose merror mmultiscripts mprescripts none semantics "
    "annotation".split()
)
#: Attributes that change how math looks, never what a page does (no href, no style, no class).
ATTRIBUTES = frozenset(
    "xmlns display mathvariant stretchy fence separator form largeop movablelimits accent accentunder "
    "lspace rspace minsize maxsize symmetric width height depth linebreak columnalign rowalign "
    "columnlines rowlines columnspacing rowspacing frame framespacing displaystyle scriptlevel "
    "notation mathsize voffset linethickness".split()
)
#: Commands that link, style or inject rather than typeset.
REFUSED = frozenset(
    r"\href \url \style \class \cssId \html \htmlClass \htmlId \htmlStyle \htmlData \unicode \require"
    r" \mmlToken \data \includegraphics".split()
)
_REFERENCE = re.compile(r"&#x?[0-9A-Fa-f]+;|&[a-z]+;")


class UnsafeMathML(ValueError):
    """latex2mathml wrote something outside the allowed vocabulary."""


def _clean(text: str | None) -> str | None:
    # latex2mathml writes symbols as character references ("&#x0003C;") in the
    # text; make them characters, and let serialisation escape what needs it
    return None if text is None else html.unescape(text) if _REFERENCE.search(text) else text


def _sanitise(element: Element) -> None:
    for node in element.iter():
        if node.tag not in ELEMENTS:
            raise UnsafeMathML(f"unexpected element <{node.tag}>")
        for name in list(node.attrib):
            if name not in ATTRIBUTES:
                del node.attrib[name]
        node.text, node.tail = _clean(node.text), _clean(node.tail)


# Both are pure functions of their text, and the same formulas ($x$, $a$, the
# registry's) come back on many pages: each is converted once per process.
@lru_cache(maxsize=8192)
def to_mathml(latex: str, display: str = "inline") -> str:
    """``latex`` as MathML markup that is safe to put in a page as it is."""
    root = convert_to_element(latex, display=display)
    _sanitise(root)
    return tostring(root, encoding="unicode", short_empty_elements=True)


def problems(latex: str) -> list[str]:
    """Why ``latex`` is refused; an empty list when it renders as math."""
    return list(_problems(latex))


@lru_cache(maxsize=8192)
def _problems(latex: str) -> tuple[str, ...]:
    return tuple(_find_problems(latex))


def _find_problems(latex: str) -> list[str]:
    try:
        tokens = tokenize(latex)
    except Exception as err:  # latex2mathml raises many kinds on malformed LaTeX
        return [f"cannot read the formula: {err}"]
    refused = sorted({t for t in tokens if t in REFUSED})
    if refused:
        return [f"{', '.join(refused)} is not allowed in a formula (no links, styles or raw markup in math)"]
    try:
        root = convert_to_element(latex)
        _sanitise(root)
    except Exception as err:
        return [f"cannot render the formula as MathML: {err}"]
    unknown = sorted({node.text for node in root.iter() if node.text and node.text.startswith("\\")})
    if unknown:
        return [f"unknown LaTeX command {', '.join(unknown)}; it would show as raw text"]
    return []

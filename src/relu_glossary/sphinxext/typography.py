"""Japanese typography: no space between two Japanese characters or beside a
full-width mark, and no line that starts with a closing mark.

Japanese is written without spaces, but sources are not: a paragraph wrapped in
a notebook or a YAML field keeps its line breaks, which browsers show as spaces
("ビルド時に プロジェクト"), and authors put spaces around links and roles
("ReLU の {term}`導関数` は").  This transform removes whitespace whose nearest
characters on both sides are Japanese (kana, kanji, full-width punctuation),
in every page, whatever its source; text in code, math and raw HTML is left as
it is, and counts as a barrier (the space beside a formula stays).  Full-width
marks carry their own spacing, so whitespace after a closing one (。、）) or before
an opening one (（「) goes whatever is on the other side: "です。 ReLU は" read as
a double gap, where a wrapped line put "ReLU" at the start of a source line.

A browser may break a line between a formula and the 。 after it (a formula is
an atomic box, so the rule that keeps 。 off the start of a line does not apply
to it): "関数 f(x) = x" at a line's end, "。回帰の…" at the next one's start.  So a
formula is kept on one line with the closing marks after it and the opening
marks before it (class ``relu-nobr``).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

# Kana, CJK ideographs, CJK symbols and punctuation (、。「」), full-width forms (（）：).
_JAPANESE = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# (docutils keeps a backslash-escaped space as "\x00 " until the page is written;
# it shows as nothing, so it counts as whitespace here)
_BETWEEN = re.compile(rf"(?<=[{_JAPANESE}])[\s\x00]+(?=[{_JAPANESE}])")
#: Full-width marks, which carry their own spacing: closing ones (a line must not
#: start with one) and opening ones (a line must not end with one).
_CLOSING = "。、，．）」』】〕！？：；"
_OPENING = "（「『【〔"
_BESIDE_MARK = re.compile(rf"(?<=[{_CLOSING}])[\s\x00]+|[\s\x00]+(?=[{_OPENING}])")
#: Inline content that is not prose: left alone, and not joined across.
_VERBATIM = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block, nodes.raw, nodes.comment,
             nodes.doctest_block, nodes.system_message)  # fmt: skip
_BARRIER = "\x02"  # stands for a verbatim node: neither Japanese nor whitespace


def join(text: str) -> str:
    """``text`` without whitespace between two Japanese characters or beside a mark."""
    return _BESIDE_MARK.sub("", _BETWEEN.sub("", text))


def _dropped(text: str) -> str:
    """``text`` with \x01 in place of each character :func:`join` drops (same length)."""
    for rule in (_BETWEEN, _BESIDE_MARK):
        text = rule.sub(lambda match: "\x01" * len(match.group(0)), text)
    return text


def _runs(block: nodes.Element) -> list[nodes.Text | None]:
    """The block's text nodes in reading order, None where verbatim content stands."""
    out: list[nodes.Text | None] = []
    for child in block.children:
        if isinstance(child, _VERBATIM):
            out.append(None)
        elif isinstance(child, nodes.Text):
            out.append(child)
        elif isinstance(child, nodes.Element) and not isinstance(child, nodes.Structural):
            out += _runs(child)
    return out


def _join_block(block: nodes.Element) -> None:
    runs = _runs(block)
    texts = [str(t) if t is not None else _BARRIER for t in runs]
    # mark the whitespace to drop with \x01, keeping every position where it was
    joined = _dropped("".join(texts))
    position = 0
    for node, text in zip(runs, texts, strict=True):
        kept = joined[position : position + len(text)]
        position += len(text)
        if node is not None and "\x01" in kept:
            new = "".join(ch for ch, mark in zip(text, kept, strict=True) if mark != "\x01")
            # by identity: Text nodes are strings, and parent.replace() finds the
            # first child *equal* to this one (another "\n" earlier in the line)
            parent = node.parent
            parent[next(i for i, child in enumerate(parent.children) if child is node)] = nodes.Text(new)


class JoinJapanese(SphinxPostTransform):
    """Runs on every document as it is written (reST, MyST and notebooks alike),
    after cross-references are resolved: a {doc} link's text is the page's title,
    known only then ("{doc}`comparison` の" reads "活性化関数の比較の")."""

    default_priority = 800  # after the references resolver (10)

    def apply(self, **kwargs) -> None:
        for block in list(self.document.findall(nodes.TextElement)):
            if isinstance(block, _VERBATIM) or isinstance(block.parent, nodes.TextElement):
                continue  # verbatim, or inside a block handled as a whole
            _join_block(block)


_CLOSING_AT_START = re.compile(rf"^[\x00\s]*[{_CLOSING}]+")
_OPENING_AT_END = re.compile(rf"[{_OPENING}]+[\x00\s]*$")


def keep_marks_with_formula(math: nodes.math) -> None:
    """Put ``math`` and the punctuation that touches it into one unbreakable span."""
    parent = math.parent
    index = parent.index(math)
    after = parent[index + 1] if index + 1 < len(parent) else None
    before = parent[index - 1] if index > 0 else None
    closing = _CLOSING_AT_START.match(str(after)) if isinstance(after, nodes.Text) else None
    opening = _OPENING_AT_END.search(str(before)) if isinstance(before, nodes.Text) else None
    if not closing and not opening:
        return
    kept = nodes.inline(classes=["relu-nobr"])
    if opening:
        kept += nodes.Text(opening.group(0))
    parent[index] = kept
    kept += math
    if closing:
        kept += nodes.Text(closing.group(0))
    # the texts around keep what did not move into the span; by position, not by
    # value (parent.replace() finds the first *equal* text, maybe another one)
    if closing:
        _set_text(parent, index + 1, str(after)[closing.end() :])
    if opening:
        _set_text(parent, index - 1, str(before)[: opening.start()])


def _set_text(parent: nodes.Element, index: int, text: str) -> None:
    if text:
        parent[index] = nodes.Text(text)
    else:
        del parent[index]


class KeepPunctuationWithFormulas(SphinxPostTransform):
    """After the spaces are joined (a space between a formula and 。 is not Japanese
    on both sides, so it stays; the span keeps it too)."""

    default_priority = 801

    def apply(self, **kwargs) -> None:
        for math in list(self.document.findall(nodes.math)):
            keep_marks_with_formula(math)


def setup(app) -> None:
    app.add_post_transform(JoinJapanese)
    app.add_post_transform(KeepPunctuationWithFormulas)

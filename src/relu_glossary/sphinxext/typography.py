"""Japanese typography: no space between two Japanese characters.

Japanese is written without spaces, but sources are not: a paragraph wrapped in
a notebook or a YAML field keeps its line breaks, which browsers show as spaces
("ビルド時に プロジェクト"), and authors put spaces around links and roles
("ReLU の {term}`導関数` は").  This transform removes whitespace whose nearest
characters on both sides are Japanese (kana, kanji, full-width punctuation),
in every page, whatever its source; text in code, math and raw HTML is left as
it is, and counts as a barrier (the space beside a formula stays).
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
#: Inline content that is not prose: left alone, and not joined across.
_VERBATIM = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block, nodes.raw, nodes.comment,
             nodes.doctest_block, nodes.system_message)  # fmt: skip
_BARRIER = "\x02"  # stands for a verbatim node: neither Japanese nor whitespace


def join(text: str) -> str:
    """``text`` without whitespace between two Japanese characters."""
    return _BETWEEN.sub("", text)


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
    joined = _BETWEEN.sub(lambda m: "\x01" * len(m.group(0)), "".join(texts))
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


def setup(app) -> None:
    app.add_post_transform(JoinJapanese)

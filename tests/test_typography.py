"""No space between two Japanese characters, whatever wrote the text (sphinxext.typography)."""

from __future__ import annotations

import re

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from docutils.utils import Reporter

from relu_glossary.sphinxext.typography import _JAPANESE, _join_block, join
from tools.browser import chromium, new_page, serve

SPACE_BETWEEN = re.compile(rf"[{_JAPANESE}] +[{_JAPANESE}]")


def _joined(rst: str) -> str:
    doc = publish_doctree(rst, settings_overrides={"report_level": Reporter.SEVERE_LEVEL + 1})
    for paragraph in doc.findall(nodes.paragraph):
        _join_block(paragraph)
    return doc.astext().replace("\x00", "")


@pytest.mark.parametrize(
    "source, shown",
    [
        ("ビルド時に\nプロジェクトの", "ビルド時にプロジェクトの"),  # a line break in a wrapped paragraph
        ("ReLU の *導関数* は", "ReLU の導関数は"),  # spaces an author put around markup
        ("最大\\ :emphasis:`1/4`\\ です", "最大1/4です"),  # escaped spaces (generated pages)
        ("です。\n\n次の段落", "です。\n\n次の段落"),  # paragraphs stay paragraphs
        ("値 ``x = 1`` を", "値 x = 1 を"),  # code is a barrier: the spaces beside it stay
        ("ReLU は\nLeaky ReLU と", "ReLU は\nLeaky ReLU と"),  # beside Latin letters nothing changes
        ("一つ目\n二つ目\n三つ目", "一つ目二つ目三つ目"),  # several breaks, each its own text node
    ],
)
def test_whitespace_between_japanese_characters_goes(source, shown):
    assert _joined(source) == shown


def test_the_plain_text_rule():
    assert join("出力\u3000の 値") == "出力の値" and join("x の y") == "x の y"


def test_no_page_of_the_site_shows_a_space_between_two_japanese_characters(site):
    """As a reader sees it: the text the browser lays out, on every page."""
    found = {}
    with serve(site) as base, chromium() as browser:
        page = new_page(browser)
        for path in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
            page.goto(base + path, wait_until="domcontentloaded")
            hits = SPACE_BETWEEN.findall(page.evaluate("document.body.innerText"))
            if hits:
                found[path] = hits[:5]
        page.context.close()
    assert found == {}

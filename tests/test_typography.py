"""No space between two Japanese characters, whatever wrote the text, and no line
that starts with the 。 after a formula (sphinxext.typography)."""

from __future__ import annotations

import re

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from docutils.utils import Reporter

from relu_glossary.sphinxext.typography import _CLOSING, _JAPANESE, _OPENING, _join_block, join, keep_marks_with_formula
from tools.browser import chromium, new_page, serve

SPACE_BETWEEN = re.compile(rf"[{_JAPANESE}] +[{_JAPANESE}]|[{_CLOSING}] +\S|\S +[{_OPENING}]")


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
        ("です。\nReLU は", "です。ReLU は"),  # after a full-width mark, whatever follows
        ("関係）と、 ``SKOS`` で", "関係）と、SKOS で"),  # ... code included
        ("ReLU （整流", "ReLU（整流"),  # before an opening mark
    ],
)
def test_whitespace_between_japanese_characters_goes(source, shown):
    assert _joined(source) == shown


def test_the_plain_text_rule():
    assert join("出力\u3000の 値") == "出力の値" and join("x の y") == "x の y"
    assert join("です。 ReLU （整流") == "です。ReLU（整流" and join("a, b (c)") == "a, b (c)"


def _kept(rst: str) -> list[str]:
    """The paragraph's children as text, the unbreakable spans in [brackets]."""
    doc = publish_doctree(rst, settings_overrides={"report_level": Reporter.SEVERE_LEVEL + 1})
    for math in list(doc.findall(nodes.math)):
        keep_marks_with_formula(math)
    paragraph = next(iter(doc.findall(nodes.paragraph)))
    return [f"[{child.astext()}]" if _unbreakable(child) else child.astext() for child in paragraph.children]


def _unbreakable(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and "relu-nobr" in node["classes"]


@pytest.mark.parametrize(
    "source, kept",
    [
        ("関数 :math:`f(x) = x`。回帰で使う", ["関数 ", "[f(x) = x。]", "回帰で使う"]),
        ("式（:math:`a`）を", ["式", "[（a）]", "を"]),
        ("値 :math:`a`\\ 、次に", ["値 ", "[a、]", "次に"]),  # the escaped space of generated pages moves in
        ("最後に :math:`a`", ["最後に ", "a"]),  # nothing to keep with: left alone
        (":math:`a` と :math:`b`。", ["a", " と ", "[b。]"]),
    ],
)
def test_a_formula_keeps_the_marks_that_touch_it(source, kept):
    assert _kept(source) == kept


#: Each inline formula beside a closing mark after it (。、）) or an opening one before
#: it (（「): the mark must be on the formula's line, as the rule for text keeps it.
LINE_BREAKS_AT_FORMULAS = """() => {
  const CLOSING = "。、，．）」』】〕！？：；", OPENING = "（「『【〔";
  const found = [];
  const charBox = (node, offset) => {
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    return range.getClientRects()[0];
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const neighbour = (math, step) => {
    walker.currentNode = math;
    let node;
    while ((node = walker[step]())) if (!math.contains(node) && node.data.trim()) return node;
    return null;
  };
  for (const math of document.querySelectorAll("math:not([display=block])")) {
    const boxes = math.getClientRects();
    if (!boxes.length) continue;
    const first = boxes[0], last = boxes[boxes.length - 1];
    const after = neighbour(math, "nextNode");
    const i = after ? after.data.search(/[^\\s\\u0000]/) : -1;
    if (i >= 0 && CLOSING.includes(after.data[i]) && charBox(after, i).top >= last.bottom - 2) {
      found.push(`${after.data[i]} starts a line after ${math.textContent.trim().slice(0, 20)}`);
    }
    const before = neighbour(math, "previousNode");
    const j = before ? before.data.search(/[^\\s\\u0000][\\s\\u0000]*$/) : -1;
    if (j >= 0 && OPENING.includes(before.data[j]) && charBox(before, j).bottom <= first.top + 2) {
      found.push(`${before.data[j]} ends a line before ${math.textContent.trim().slice(0, 20)}`);
    }
  }
  return found;
}"""


def test_no_page_shows_a_space_between_japanese_characters_or_a_mark_torn_from_its_formula(site):
    """As a reader sees it, on a phone (where lines are short and breaks many): the
    text the browser lays out, and where it breaks lines, on every page."""
    spaces, breaks = {}, {}
    with serve(site) as base, chromium() as browser:
        page = new_page(browser, width=412)
        for path in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
            page.goto(base + path, wait_until="domcontentloaded")
            page.evaluate("document.fonts.ready")
            if hits := SPACE_BETWEEN.findall(page.evaluate("document.body.innerText")):
                spaces[path] = hits[:5]
            if hits := page.evaluate(LINE_BREAKS_AT_FORMULAS):
                breaks[path] = hits[:5]
        page.context.close()
    assert spaces == {}
    assert breaks == {}

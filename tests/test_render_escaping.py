"""Renderers without Sphinx: glossary text stays text in reST, and math stays math in MathML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from docutils.core import publish_doctree
from docutils.utils import Reporter
from hypothesis import given
from hypothesis import strategies as st

from relu_glossary.glossary.render import mathml
from relu_glossary.glossary.render.rst import escape, inline
from relu_glossary.glossary.render.script_json import script_json

# Text a maintainer might type: Japanese, ASCII punctuation (all of reST's markup
# characters), directive and role lookalikes, HTML.
TEXT = st.text(
    alphabet=st.sampled_from(list("abcxyz019 .:-_*`|[]<>&\\/#!=+?{}()'\"$%@^~") + list("ReLU関数の（）、。")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and s == s.strip())
HOSTILE = [
    ".. raw:: html\n\n   <script>alert(1)</script>",
    ".. include:: ../../../../etc/hostname",
    "`x <javascript:alert(1)>`_",
    ":raw-html:`<b>`",
    "<script>alert(1)</script>",
    "1. not a list",
    "- not a bullet",
    "|subst| and [#]_ and *em* and **strong**",
    "line\rbreak\u2028.. raw:: html\u2029<img src=x onerror=alert(1)>",
]


def _paragraph_text(rst: str) -> str:
    doc = publish_doctree(rst, settings_overrides={"report_level": Reporter.SEVERE_LEVEL + 1})
    paragraphs = list(doc.findall(lambda n: n.tagname == "paragraph"))
    assert len(paragraphs) == 1 and len(doc.children) == 1, doc.pformat()
    assert all(n.tagname in ("paragraph", "#text") for n in paragraphs[0].findall()), doc.pformat()
    return paragraphs[0].astext()


@given(TEXT)
def test_escaped_text_reads_back_as_the_same_text(text):
    assert _paragraph_text(f"x {escape(text)} x") == f"x {text} x"


@pytest.mark.parametrize("text", HOSTILE)
def test_directives_roles_and_markup_stay_one_paragraph_of_text(text):
    shown = _paragraph_text(f"x {escape(text)} x")
    for line_break in "\n\r\u2028\u2029":
        text = text.replace(line_break, " ")
    assert shown == f"x {text} x"


def test_term_and_math_marks_become_roles_and_nothing_else():
    rst = inline("前 {term}`ReLU` と $\\max(0, x)$ と <b>x</b>", resolve=lambda name: "ReLU")
    assert rst == "前 \\ :term:`ReLU <ReLU>`\\  と \\ :math:`\\max(0, x)`\\  と \\<b\\>x\\<\\/b\\>"


# --- MathML --------------------------------------------------------------------------


def _tree(markup: str) -> ET.Element:
    """The MathML as a tree, tags without their namespace."""
    root = ET.fromstring(markup)
    for node in root.iter():
        node.tag = node.tag.rpartition("}")[2]
    return root


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"\text{<img/src/onerror=alert(1)>}", "<img/src/onerror=alert(1)>"),
        (r"\text{<script>alert(1)</script>}", "<script>alert(1)</script>"),
        (r"\text{&lt;b&gt;}", "<b>"),
    ],
)
def test_text_inside_math_is_escaped_text(latex, text):
    markup = mathml.to_mathml(latex)
    assert "<img" not in markup and "<script" not in markup and "<b>" not in markup
    assert [t.text for t in _tree(markup).iter("mtext")] == [text]


@pytest.mark.parametrize("latex", [r"\href{javascript:alert(1)}{x}", r"\url{javascript:x}", r"\style{color:red}{x}",
                                   r"\class{evil}{x}", r"\unicode{x3c}", r"\cssId{a}{x}"])  # fmt: skip
def test_links_styles_and_raw_characters_are_refused_and_never_rendered(latex):
    assert mathml.problems(latex)
    for node in _tree(mathml.to_mathml(latex)).iter():
        assert set(node.attrib) <= mathml.ATTRIBUTES and "href" not in node.attrib and "style" not in node.attrib


def test_commands_the_converter_does_not_know_are_refused():
    assert "unknown LaTeX command \\foo" in mathml.problems(r"\foo{x}")[0]
    assert mathml.problems(r"\max(0, x) + \frac{1}{2}\operatorname{erf}(x)") == []


@given(st.lists(st.sampled_from(list("\\{}<>&\"'^_ xabc12=/:;") + [r"\text", r"\href", r"\frac", "&lt;"]),
               max_size=30).map("".join))  # fmt: skip
def test_any_latex_gives_well_formed_mathml_of_known_elements_or_a_refusal(latex):
    try:
        markup = mathml.to_mathml(latex)
    except Exception:
        assert mathml.problems(latex)  # what cannot be rendered is refused by the check
        return
    for node in _tree(markup).iter():  # parses as XML: no raw markup in any text
        assert node.tag in mathml.ELEMENTS and set(node.attrib) <= mathml.ATTRIBUTES


class _ScriptText(HTMLParser):
    """The text of each <script> element, as a browser's tokenizer splits them."""

    def __init__(self):
        super().__init__()
        self.scripts, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script"
        if self._in:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.scripts[-1] += data


@given(st.lists(st.one_of(TEXT, st.sampled_from(HOSTILE + ["</script><img src=x onerror=alert(1)>", "<!--"]))))
def test_json_in_a_script_element_is_one_element_holding_the_same_data(texts):
    data = {"names": texts, "nested": [{"note": t} for t in texts]}
    for options in ({}, {"sort_keys": True}, {"separators": (",", ":")}):
        payload = script_json(data, **options)
        assert "<" not in payload
        parser = _ScriptText()
        parser.feed(f'<script type="application/json">{payload}</script><p>after</p>')
        assert parser.scripts == [payload] and json.loads(parser.scripts[0]) == data

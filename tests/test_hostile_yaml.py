"""YAML text is text: hostile terms that the check lets through are built with the
site's real configuration, and a browser finds that no script of theirs ran,
whatever a reader hovers or searches, and that the payloads show as text.
(What the check refuses is in test_glossary_check.py.)"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from helpers import (
    ALL_SEARCH_SNIPPETS_SHOWN,
    REPO,
    SEARCH_FINISHED,
    scroll_to_the_end,
    sphinx_build,
    texts_as_the_browser_reads_them,
    write_glossary,
)

from tools.browser import goto, new_page, serve

# Each payload, if it ever ran, would set window.__pwned or open a dialog.
SCRIPT = "<script>window.__pwned='script'</script>"
IMG = "<img src=x onerror=\"window.__pwned='img'\">"
BREAKOUT = "</script><script>window.__pwned='jsonld'</script>"
MATH_IMG = r"$\text{<img/src/onerror=window.__pwned=1>}$"  # no spaces: latex2mathml makes them nbsp
RST = ".. raw:: html\n\n  <script>alert('rst')</script>"
MYST = "```{raw} html\n<script>alert('myst')</script>\n```"

HOSTILE = {
    # the ReLU page and its relation map show relations, notes and aliases
    "relu": {
        "id": "relu",
        "label": {"ja": "ReLU'\"&amp;", "en": "javascript:alert(1)"},
        "reading": "れるー",
        "aliases": [{"name": "&lt;b&gt; javascript:alert('alias')", "note": IMG}],
        "summary": f"{BREAKOUT} {MATH_IMG}",
        "definition": f"{SCRIPT} and [x](javascript:alert('md')) and `x <javascript:alert(2)>`_\n\n{RST}\n\n{MYST}\n",
        "function": "relu",
        "category": "activation",
        "relations": {"related": [{"target": "beta", "note": f"{SCRIPT} {{term}}`ベータ関数` javascript:alert(1)"}]},
    },
    "beta": {
        "id": "beta",
        "label": {"ja": "ベータ関数", "en": "Beta function"},
        "reading": "べーたかんすう",
        "summary": f"{IMG} {MATH_IMG}",
        # quotes stay unescaped in MathML's <mtext>: text, not an attribute
        "definition": 'ベータの定義 $\\text{ class="onlyprint"}$ のあとの説明文。',
        "category": "concept",
    },
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile glossary built with the project's own conf.py (theme, page
    weight, tooltips, search), as `make html` would."""
    root = tmp_path_factory.mktemp("hostile")
    gl = write_glossary(root / "gl", {name: yaml.safe_dump(data, allow_unicode=True) for name, data in HOSTILE.items()})
    src = root / "docs"
    src.mkdir()
    (src / "index.rst").write_text(
        "Hostile\n=======\n\n:term:`ReLU'\"&amp;` :term:`ベータ関数`\n\n.. toctree::\n\n   glossary/index\n"
        "   glossary/relu-relations\n",
        encoding="utf-8",
    )
    result = sphinx_build(REPO, src, root / "out", "-D", f"relu_glossary_dir={gl}")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "out" / "html"


PAGES = [
    "index.html",
    "terms/relu.html",
    "terms/beta.html",
    "glossary/index.html",
    "glossary/alphabetical.html",
    "glossary/categories.html",
    "glossary/relu-relations.html",
]


class _Elements(HTMLParser):
    """Every element's attributes and every script's type and text, as a browser parses them."""

    def __init__(self):
        super().__init__()
        self.attributes: list[tuple[str, str]] = []
        self.scripts: list[tuple[str, str]] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name) for name, _ in attrs]
        if tag == "script":
            self._script = dict(attrs).get("type", "")
            self.scripts.append((self._script, ""))

    def handle_data(self, data):
        if self._script is not None:
            self.scripts[-1] = (self._script, self.scripts[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def test_payloads_are_in_the_html_only_as_text(hostile_site):
    for page in PAGES:
        elements = _Elements()
        elements.feed((hostile_site / page).read_text(encoding="utf-8"))
        assert [(tag, name) for tag, name in elements.attributes if name.startswith("on")] == [], page
        for kind, text in elements.scripts:
            if kind in ("application/ld+json", "application/json"):  # JSON-LD, hover previews: data
                json.loads(text)  # still one valid JSON value: nothing broke out of it
            else:
                assert "__pwned" not in text and "alert(" not in text, page
    relu = (hostile_site / "terms" / "relu.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned='script'&lt;/script&gt;" in relu
    assert 'href="javascript:' not in relu


class _ImageAlts(HTMLParser):
    """Each image's alt, as a browser reads the attribute."""

    def __init__(self):
        super().__init__()
        self.alts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt", ""))


def test_the_plot_alt_holds_the_label_as_text(hostile_site):
    """The alt names the term by its YAML label, set on the image node: quotes and
    an entity stay those characters, and the reST around it stays as written."""
    images = _ImageAlts()
    images.feed((hostile_site / "terms" / "relu.html").read_text(encoding="utf-8"))
    label = HOSTILE["relu"]["label"]["ja"]
    assert [alt for alt in images.alts if alt.startswith(f"{label} のグラフ。左は関数 relu(x)")], images.alts


def _guarded(browser, url: str):
    page = new_page(browser)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    goto(page, url)
    return page, dialogs


@pytest.mark.parametrize("path", PAGES)
def test_no_script_runs_when_reading_and_hovering_every_link(hostile_site, browser, path):
    with serve(hostile_site) as base:
        page, dialogs = _guarded(browser, base + path)
        # every link gets what a mouse and a keyboard give it: the hover definitions
        # build their boxes from the glossary's text then
        page.evaluate("""() => { for (const a of document.querySelectorAll('a')) {
            a.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); a.focus();
            a.dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
        } }""")
        for link in page.locator("article a.reference.internal").all()[:40]:
            link.hover(timeout=2000)
        text = page.inner_text("body")
        pwned = page.evaluate("window.__pwned")
        page.context.close()
    assert pwned is None and dialogs == []
    if path == "terms/relu.html":
        assert SCRIPT in text and "javascript:alert('alias')" in text  # shown, as text


@pytest.mark.parametrize("query", ["script", "pwned", "javascript", "onerror", "alert"])
def test_no_script_runs_when_searching_for_the_payload(hostile_site, browser, query):
    with serve(hostile_site) as base:
        page, dialogs = _guarded(browser, base + "search.html?q=" + quote(query))
        # the results and their snippets (HTML from the hostile pages) arrive after the page
        page.wait_for_function(SEARCH_FINISHED, timeout=15_000)
        scroll_to_the_end(page)  # snippets are fetched as their results come near the view
        page.wait_for_function(ALL_SEARCH_SNIPPETS_SHOWN, timeout=15_000)
        assert page.locator("ul.search li").count() > 0
        # an <img onerror> in a snippet would run once its image has failed to load
        page.wait_for_function("() => [...document.images].every((image) => image.complete)")
        page.wait_for_timeout(200)
        pwned = page.evaluate("window.__pwned")
        snippets = page.eval_on_selector_all("ul.search li > p.context", "ps => ps.map((p) => p.textContent)")
        elements = page.locator("ul.search li p.context script, ul.search li p.context img").count()
        page.context.close()
    assert pwned is None and dialogs == []
    # the snippets (cut from the pages' texts, search_text.py) show the payloads as text
    assert elements == 0
    if query == "onerror":
        assert any("onerror=" in snippet for snippet in snippets), snippets


def test_the_texts_of_the_hostile_pages_are_what_the_browser_reads(hostile_site, browser):
    """The snippets' texts (search_text.py) of pages full of markup-like text are the
    text the browser reads of them, to the last word."""
    with serve(hostile_site) as base:
        texts, read = texts_as_the_browser_reads_them(browser, base, hostile_site)
    assert "terms/beta.html" in texts and "のあとの説明文" in texts["terms/beta.html"]
    assert texts == read

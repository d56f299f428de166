"""The published site in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlparse

import pytest
from helpers import PAGE_KINDS, REPO, SEARCH_FINISHED, texts_as_the_browser_reads_them

from relu_glossary.glossary.load import load
from relu_glossary.glossary.markup import plain
from relu_glossary.sphinxext import search_parts, search_text
from relu_glossary.sphinxext.search import NAMES as TERM_NAMES_FILE
from tools.browser import goto, new_page, serve


def search(browser, base: str, query: str) -> list[str]:
    """The results' links, in order, once the search has listed them all.  The page
    it fetches for each result's snippet is not waited for: the order is known
    without them (the snippets have their own test)."""
    page = new_page(browser)
    page.goto(base + "search.html?q=" + quote(query), wait_until="load")
    page.wait_for_function(SEARCH_FINISHED, timeout=15_000)
    hrefs = page.eval_on_selector_all("ul.search li a", "els => els.map(e => e.getAttribute('href'))")
    page.context.close()
    return hrefs


@pytest.mark.parametrize(
    "query, page",
    [
        ("勾配消失", "terms/vanishing-gradient.html"),  # a compound's part
        ("勾配消失問題", "terms/vanishing-gradient.html"),
        ("活性化", "terms/activation-function.html"),  # the front of a compound
        ("初期化", "terms/he-initialization.html"),
        ("シグモイド", "terms/sigmoid.html"),  # katakana
        ("死んだ", "terms/dying-relu.html"),  # kana + kanji
        ("整流線形ユニット", "terms/relu.html"),  # an alias
        ("ランプ関数", "terms/relu.html"),
        ("ＲｅＬＵ", "terms/relu.html"),  # full-width
        ("leaky relu", "terms/leaky-relu.html"),  # English, any case
        ("He initialization", "terms/he-initialization.html"),
        ("Swish", "terms/silu.html"),
    ],
)
def test_search_puts_the_term_page_first(browser, base, query, page):
    results = search(browser, base, query)
    assert results and results[0].split("#")[0] == page, results[:5]


def test_a_one_kanji_query_finds_the_terms_named_with_it(browser, base):
    """Single kanji are indexed in titles only (sphinxext.search): 層 finds the
    layers, not every page that mentions a layer."""
    results = [r.split("#")[0] for r in search(browser, base, "層")]
    named = {"terms/hidden-layer.html", "terms/output-layer.html", "terms/deep-learning.html"}
    assert named <= set(results[: len(named) + 2]), results[:8]


def test_search_for_a_common_part_finds_many_terms(browser, base):
    results = search(browser, base, "関数")
    assert len([r for r in results if r.startswith("terms/")]) >= 15


def _results_and_index_files(browser, base: str, query: str, whole: bool) -> tuple[list[str], list[str], list[str]]:
    """The results' links for ``query``, the index files the page fetched, and the
    query's words as Sphinx split them (language_data.js): as
    built (the parts its query needs), or with the search page changed to load
    Sphinx's whole searchindex.js as Sphinx's own page does."""
    page = new_page(browser)
    if whole:

        def whole_index(route):
            text = route.fetch().text()
            loader = re.compile(r"<script>\(\(\) => \{\n  /\* sphinxext/search_parts\.py.*?\}\)\(\);</script>", re.S)
            assert loader.search(text), "the search page has no parts loader"
            # the whole index, and the names the loader would have loaded with the parts
            names = f'<script defer src="_static/{TERM_NAMES_FILE}"></script>'
            whole = names + '<script defer src="searchindex.js"></script>'
            route.fulfill(body=loader.sub(whole, text), content_type="text/html")

        page.route("**/search.html?*", whole_index)
    fetched: list[str] = []  # paths below the site's root
    page.on("request", lambda r: fetched.append(r.url[len(base) :].split("?")[0]))
    page.goto(base + "search.html?q=" + quote(query), wait_until="load")
    page.wait_for_function(SEARCH_FINISHED, timeout=15_000)
    hrefs = page.eval_on_selector_all("ul.search li a", "els => els.map(e => e.getAttribute('href'))")
    words = page.evaluate("splitQuery(new URLSearchParams(location.search).get('q'))")
    page.context.close()
    # a part by its name, before the hash of its file (_search/ja04.<hash>.js)
    parts = [path.split("/")[1].split(".")[0] for path in fetched if path.startswith(search_parts.FOLDER + "/")]
    index_files = sorted(parts + [path for path in fetched if path == "searchindex.js"])
    return hrefs, index_files, words


@pytest.mark.parametrize("query", ["relu", "He初期化 勾配消失", "-relu 関数", "層"])
def test_the_search_page_loads_the_parts_of_its_query_and_finds_what_the_whole_index_finds(browser, base, query):
    results, files, words = _results_and_index_files(browser, base, query, whole=False)
    whole_results, whole_files, _ = _results_and_index_files(browser, base, query, whole=True)
    assert whole_files == ["searchindex.js"]
    assert results and results == whole_results
    wanted = {search_parts.BASE, *(search_parts.part_of(w) for w in words)}
    assert files == sorted(wanted)


def test_the_terms_names_load_with_a_query_only(browser, base):
    """The names are for the ranking (the alias queries above rank their term
    first): a search page opened without a query loads neither them nor the index."""
    loaded = {}
    for query in ("", "relu"):
        page = new_page(browser)
        fetched: list[str] = []
        page.on("request", lambda r, fetched=fetched: fetched.append(urlparse(r.url).path))
        page.goto(base + "search.html" + (f"?q={query}" if query else ""), wait_until="load")
        if query:
            page.wait_for_function(SEARCH_FINISHED, timeout=15_000)
        page.context.close()
        loaded[query] = {path.rsplit("/", 1)[1] for path in fetched if "/_static/" in path or "/_search/" in path}
    assert TERM_NAMES_FILE in loaded["relu"]
    assert TERM_NAMES_FILE not in loaded[""]
    assert not [file for file in loaded[""] if file.startswith(search_parts.BASE + ".")], loaded[""]


def _tooltip_text(page) -> str | None:
    tip = page.query_selector("#relu-term-tooltip")
    return None if tip is None or not tip.is_visible() else tip.inner_text()


def test_hover_and_focus_show_the_term_summary(browser, base):
    page = new_page(browser)
    goto(page, base + "terms/relu.html")
    link = page.locator("article a[href='activation-function.html#term-activation-function']").first
    link.hover()
    term = load(REPO / "glossary").glossary.terms["activation-function"]
    assert _tooltip_text(page) == f"{term.label_ja} — {plain(term.summary)}"
    page.mouse.move(0, 0)
    assert _tooltip_text(page) is None
    link.focus()
    assert "活性化関数" in (_tooltip_text(page) or "")
    assert link.get_attribute("aria-describedby") == "relu-term-tooltip"
    page.keyboard.press("Escape")
    assert _tooltip_text(page) is None
    page.context.close()


def test_an_alias_link_shows_its_terms_summary(browser, base):
    page = new_page(browser)
    goto(page, base + "notebooks/history.html")
    alias = page.locator("article a", has_text="整流線形ユニット").first
    assert alias.get_attribute("href") == "../terms/relu.html#term-relu"
    alias.hover()
    assert (_tooltip_text(page) or "").startswith("ReLU — 負の入力を 0 に")
    page.context.close()


def _visit(browser, url: str, dark: bool = False):
    page = new_page(browser, dark=dark)
    requests, failures = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failures.append(f"failed {r.url}"))
    goto(page, url)
    return page, requests, failures


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_pages_request_nothing_from_other_hosts_and_nothing_missing(browser, base, kind):
    page, requests, failures = _visit(browser, base + PAGE_KINDS[kind])
    page.context.close()
    host = urlparse(base).netloc
    assert [u for u in requests if urlparse(u).netloc not in (host, "")] == []
    assert failures == []


def test_site_works_from_a_sub_path(browser, site):
    with serve(site, prefix="docs/relu") as sub:
        page, _, failures = _visit(browser, sub + "terms/relu.html")
        assert failures == []
        with page.expect_navigation(wait_until="load"):
            page.click("a[href='leaky-relu.html#term-leaky-relu']")
        assert page.url.startswith(sub + "terms/leaky-relu.html")
        page.context.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_axe_reports_no_violations(browser, base, kind, dark):
    from axe_playwright_python.sync_playwright import Axe

    page, _, _ = _visit(browser, base + PAGE_KINDS[kind], dark=dark)
    assert page.evaluate("document.documentElement.dataset.theme") == ("dark" if dark else "light")
    results = Axe().run(page)
    page.context.close()
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['html'][:120]})"
        for v in results.response["violations"]
    ]
    assert violations == []


def test_every_image_has_alt_text_and_the_page_is_japanese(browser, base):
    for path in ("terms/relu.html", "notebooks/dying-relu.html", "notebooks/relu.html"):
        page, _, _ = _visit(browser, base + path)
        assert page.evaluate("document.documentElement.lang") == "ja"
        missing = page.eval_on_selector_all("article img", "els => els.filter(e => !e.alt).map(e => e.src)")
        assert missing == []
        page.context.close()


def test_keyboard_reaches_links_with_a_visible_focus_ring(browser, base):
    page = new_page(browser)
    goto(page, base + "terms/relu.html")
    rings = []
    for _ in range(12):
        page.keyboard.press("Tab")
        rings.append(
            page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            return [e.tagName, s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none'];
        }""")
        )
    page.context.close()
    focused_links = [visible for tag, visible in rings if tag in ("A", "BUTTON", "INPUT")]
    assert len(focused_links) >= 8 and all(focused_links), rings


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("term", ["relu", "gelu", "relu6"])
def test_an_activation_page_shows_its_plot_in_the_first_screen(browser, base, term, width, height):
    page = new_page(browser, width=width, height=height)
    goto(page, base + f"terms/{term}.html")
    box = page.eval_on_selector("img.relu-plot", "e => e.getBoundingClientRect().toJSON()")
    page.context.close()
    assert box["top"] > 0 and box["bottom"] <= height, box


UI_TEXT = """() => {
  const out = new Set();
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('article, script, style, svg.relu-map, .bd-sidebar-primary nav, .bd-toc, #search-results')) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (e.getAttribute(a)) out.add(e.getAttribute(a));
    for (const n of e.childNodes) if (n.nodeType === 3 && n.textContent.trim()) out.add(n.textContent.trim());
  }
  return [...out];
}"""


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_word_of_the_interface_is_japanese(browser, base, site, kind):
    """Outside the content nothing is written in English only: buttons, labels,
    tooltips, placeholders, the footer.  (Term names, ReLU, and key names are names.)"""
    terms = json.loads((site / "glossary.json").read_text(encoding="utf-8"))["terms"]
    names = {"Ctrl", *(n for t in terms for n in (t["label"]["ja"], t["label"]["en"], *t["aliases"]))}
    page = new_page(browser)
    goto(page, base + "search.html?q=relu")  # leaves highlight terms behind
    goto(page, base + PAGE_KINDS[kind])
    texts = page.evaluate(UI_TEXT)
    page.context.close()
    english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t) and not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", t)]
    english = [t for t in english if t not in names]
    assert english == []


def test_each_pages_text_for_the_snippets_is_what_the_browser_reads_of_it(browser, base, site):
    """The text a snippet is cut from (_texts/<page>.txt, search_text.py) is, for
    every page of the site, the text of the page's article as the browser reads it,
    without what the snippet leaves out (the script's htmlToText), white space
    collapsed."""
    texts, read = texts_as_the_browser_reads_them(browser, base, site)
    assert len(texts) > 60 and "terms/relu.html" in texts and "notebooks/relu.html" in texts
    assert texts == read
    # every text is a page's: none is left of a page the site no longer has
    assert len(list((site / search_text.TEXT_FOLDER).rglob("*.txt"))) == len(texts)


def test_search_snippets_start_with_the_pages_own_text(browser, base):
    page = new_page(browser)
    goto(page, base + "search.html?q=" + quote("勾配消失"))
    page.wait_for_selector("ul.search li p.context", timeout=15_000)
    snippets = page.eval_on_selector_all("ul.search li p.context", "els => els.map(e => e.textContent)")
    icon, text_start = page.evaluate("""() => {
        const form = [...document.querySelectorAll('form.bd-search')].find(f => f.getBoundingClientRect().width > 0);
        const input = form.querySelector('input');
        return [form.querySelector('svg').getBoundingClientRect().right,
                input.getBoundingClientRect().left + parseFloat(getComputedStyle(input).paddingLeft)];
    }""")
    page.context.close()
    assert snippets and not any(label in s for s in snippets for label in ("システムの設定", "表示の色", "System"))
    assert icon <= text_start  # the magnifying glass stays left of the query


def test_hover_previews_show_math_as_mathml_never_latex(browser, base):
    """Every term linked from the alphabetical listing: its preview shows no LaTeX
    (no backslash command, no $), and a summary with math shows a <math> element."""
    page = new_page(browser)
    goto(page, base + "glossary/alphabetical.html")
    previews = page.evaluate("""() => {
        const out = {};
        for (const a of document.querySelectorAll("article a.reference.internal")) {
            const m = a.href.match(/\\/terms\\/([a-z0-9-]+)\\.html#term-/);
            if (!m || m[1] in out) continue;
            a.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
            const tip = document.getElementById("relu-term-tooltip");
            out[m[1]] = tip && !tip.hidden
                ? {text: tip.textContent, math: tip.querySelectorAll("math").length,
                   mathml: [...tip.querySelectorAll("math")].every(e => e.namespaceURI.endsWith("/Math/MathML"))}
                : null;
            a.dispatchEvent(new MouseEvent("mouseout", {bubbles: true}));
        }
        return out;
    }""")
    page.context.close()
    assert len(previews) >= 50 and all(previews.values()), [k for k, v in previews.items() if not v]
    latex = {k: v["text"] for k, v in previews.items() if re.search(r"\\[A-Za-z]|\$|_\{|\^\{", v["text"])}
    assert latex == {}
    assert previews["relu"]["math"] == 1 and previews["relu"]["mathml"] and "max" in previews["relu"]["text"]
    assert sum(v["math"] > 0 for v in previews.values()) >= 5


RELATION_MAP_TEXT = """() => {
    const out = [];
    for (const svg of document.querySelectorAll("svg.relu-map")) {
        const box = svg.getBoundingClientRect();
        if (box.width === 0) continue;  // the drawing for the other screen size
        const scale = box.width / svg.viewBox.baseVal.width;
        for (const text of svg.querySelectorAll("text")) {
            const px = parseFloat(getComputedStyle(text).fontSize) * scale;
            const item = text.closest("a");
            const rect = item && item.querySelector("rect");
            const t = text.getBBox(), r = rect ? rect.getBBox() : null;
            out.push({layout: svg.classList[1], text: text.textContent, px,
                      inside: !r || (t.x >= r.x - 0.5 && t.x + t.width <= r.x + r.width + 0.5),
                      link: !text.closest("g[role=listitem]") || item !== null});
        }
    }
    return out;
}"""


@pytest.mark.parametrize("width, layout", [(390, "relu-map-narrow"), (1280, "relu-map-wide")])
def test_relation_map_text_is_readable_and_whole(browser, base, width, layout):
    """On a 390 px phone the narrow drawing is shown: text at 12 px or more, every
    label inside its box (nothing cut), every box a link; the wide one on a desktop."""
    page = new_page(browser, width=width, height=800)
    goto(page, base + "glossary/relu-relations.html")
    page.evaluate("document.fonts.ready")
    texts = page.evaluate(RELATION_MAP_TEXT)
    page.context.close()
    assert texts and {t["layout"] for t in texts} == {layout}
    assert [t for t in texts if t["px"] < 12] == []
    assert [t["text"] for t in texts if not t["inside"]] == []
    assert all(t["link"] for t in texts)


def _ink(page, selector: str) -> int:
    """Dark pixels in an element's screenshot: how much ink its text takes."""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(page.locator(selector).first.screenshot())).convert("L")
    return sum(image.histogram()[:128])


def _platform_fonts(page, selector: str) -> set[str]:
    """The fonts Chromium drew the first matching element's text with (DevTools)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    cdp.send("CSS.enable")
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"] for font in fonts}


def test_japanese_text_is_drawn_in_a_font_the_page_names_and_headings_stay_bold(browser, base):
    """Fonts the system had to search for, run by run, made a term page's layout
    take twice as long: the stack names Japanese fonts before the generic family,
    and not the system's UI font.  The font this project installs comes first, so
    Chromium on Linux looks up no missing family before it (each one cost a lookup
    per size and weight), and the text is drawn in it.
    IPAex named directly drew headings without bold: they must stay bold."""
    page = new_page(browser)
    goto(page, base + "glossary/index.html")
    stack = page.evaluate("getComputedStyle(document.querySelector('article li p')).fontFamily")
    families = [name.strip().strip('"') for name in stack.split(",")]
    before_generic = families[: families.index("sans-serif")]
    assert before_generic[0] == "ReLU IPAexGothic", stack
    assert {"Hiragino Sans", "Meiryo", "Noto Sans CJK JP"} <= set(before_generic[1:]), stack
    # the system's UI font, asked for once per size (a fifth of a term page's layout)
    assert "system-ui" not in families, stack
    code = page.evaluate(
        """() => {
            const code = document.querySelector('article').appendChild(document.createElement('code'));
            code.textContent = 'relu(x) = max(0, x)';
            return getComputedStyle(code).fontFamily;
        }"""
    )
    code_families = [name.strip().strip('"') for name in code.split(",")]
    assert code_families[0] == "DejaVu Sans Mono", code
    assert "ReLU IPAexGothic" in code_families[: code_families.index("monospace")], code
    assert "ui-monospace" not in code_families, code
    assert _platform_fonts(page, "article li p") == {"IPAexGothic"}
    assert _platform_fonts(page, "article > code") == {"DejaVu Sans Mono"}
    bold = _ink(page, "article h3")
    page.evaluate("document.querySelector('article h3').style.fontWeight = '400'")
    assert bold > 1.15 * _ink(page, "article h3")
    page.context.close()

"""How the site looks in Chromium: the pruned stylesheet changes no pixel, nothing
moves on a first visit, the first paint is in the reader's colour scheme.
(Apart from tests/test_browser.py so that the two test workers share the page loads.)"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import pytest
from helpers import (
    ALL_SEARCH_SNIPPETS_SHOWN,
    LAYOUT_SHIFTS,
    PAGE_KINDS,
    PHONE,
    SEARCH_FINISHED,
    SEARCH_SNIPPETS_SHOWN,
    layout_shift,
    scroll_to_the_end,
)

from relu_glossary.sphinxext import search_text
from tools.browser import FONTS_AND_IMAGES, goto, new_page


def _with_the_themes_stylesheets(page, site: Path) -> None:
    """Serve every page as the theme wrote it: the bundle's link replaced by links to
    the stylesheets it was made from (the bundle names them in its first line)."""
    first = (site / "_static" / "relu-site.css").read_text(encoding="utf-8").splitlines()[0]
    sources = first.removeprefix("/* sources: ").split(" -- ")[0].split()

    def rewrite(route):
        response = route.fetch()
        html = response.text()
        start = html.index('<link rel="stylesheet" href="')
        end = html.index(">", start) + 1
        prefix = html[start:end].split('href="')[1].split("_static/relu-site.css")[0]
        links = "".join(f'<link rel="stylesheet" href="{prefix}{name}" />' for name in sources)
        route.fulfill(response=response, body=html[:start] + links + html[end:])

    page.route("**/*.html", rewrite)


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "mobile"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_pages_look_the_same_with_the_pruned_bundle_as_with_the_themes_stylesheets(browser, base, site, dark, width):
    """The bundle drops most of the theme's rules; not one pixel may change.

    A lost rule changes the same pixels on every load.  Chromium's raster noise does
    not repeat: CI once counted 299 px on one inline-code pill of a table (a scroll
    container) in one of two loads of the same page.  So a pair over the limit is
    taken again, up to three times, and the page fails only if every pair differs."""
    for kind in ("top", "term", "notebook", "glossary index"):
        attempts = []
        for _ in range(3):
            count, where = _pixels_differing(
                *(_screenshot(browser, base, site, kind, dark, width, original) for original in (False, True))
            )
            attempts.append(f"{count} px in {where}")
            if count <= 256:
                break
        else:
            pytest.fail(f"{kind} renders differently with the pruned stylesheet: {'; '.join(attempts)}")


def _screenshot(browser, base: str, site: Path, kind: str, dark: bool, width: int, original: bool) -> bytes:
    """A full-page picture of one kind of page, with the bundle or (``original``)
    with the theme's own stylesheets."""
    page = new_page(browser, dark=dark, width=width)
    if original:
        _with_the_themes_stylesheets(page, site)
    goto(page, base + PAGE_KINDS[kind])
    # every plot decoded and every font in place before the picture is taken
    page.evaluate(FONTS_AND_IMAGES)
    shot = page.screenshot(full_page=True, animations="disabled")
    page.context.close()
    return shot


def _pixels_differing(png_a: bytes, png_b: bytes) -> tuple[int, tuple | None]:
    """How many pixels differ, and the box around them.  Not zero-tolerance: loading
    the very same page twice, Chromium now and then antialiases a rounded corner
    differently (a 3×16 px sliver of the search field was seen; CI once counted
    130 px on a long notebook page); a lost rule changes thousands."""
    from PIL import Image, ImageChops

    a, b = (Image.open(io.BytesIO(png)).convert("RGB") for png in (png_a, png_b))
    if a.size != b.size:
        return a.size[0] * a.size[1], (a.size, b.size)
    mask = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v else 0)
    return mask.histogram()[255], mask.getbbox()


@pytest.mark.parametrize("kind", ["term", "notebook"])
def test_a_first_visit_on_a_phone_does_not_jump(browser, base, kind):
    """Nothing stored, a phone-sized screen: scripts and plots arrive after the
    first paint and must not move the text (Lighthouse's layout shift)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)
    goto(page, base + PAGE_KINDS[kind])
    page.wait_for_timeout(800)  # what comes late (scripts, plots) has arrived and settled
    shifts = page.evaluate("window.__shifts")
    context.close()
    assert layout_shift(shifts) < 0.005, shifts


#: Counts the pages the search parses for its snippets.
_COUNT_PARSES = """
window.__parses = 0;
const parse = DOMParser.prototype.parseFromString;
DOMParser.prototype.parseFromString = function (...args) { window.__parses += 1; return parse.apply(this, args); };
"""


def test_search_results_do_not_jump_as_their_snippets_arrive(browser, base):
    """Each result's snippet comes from its page's text, fetched after the result is
    listed: the room for it is kept (a phone measured a layout shift of 0.06 to 0.08
    on this search, each snippet pushing the results below it down).  No page is
    parsed for it; a result inside a page (#section) parses that page, once."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)
    page.add_init_script(_COUNT_PARSES)
    goto(page, base + "search.html?q=relu")
    page.wait_for_function(SEARCH_FINISHED, timeout=15_000)
    page.wait_for_function(SEARCH_SNIPPETS_SHOWN, timeout=15_000)
    page.wait_for_timeout(300)
    shifts, parses, snippets, inside = page.evaluate(
        """[window.__shifts, window.__parses, document.querySelectorAll('ul.search li > p.context').length,
            [...document.querySelectorAll('ul.search li')]
                .filter((li) => li.querySelector(':scope > p.context'))
                .filter((li) => li.querySelector(':scope > a').href.includes('#'))
                .length]"""
    )
    context.close()
    assert snippets >= 10
    assert layout_shift(shifts) < 0.005, shifts
    assert parses == inside < snippets


def test_search_fetches_the_pages_of_the_results_near_the_screen_only(browser, base):
    """Sphinx fetched the page of every result for its snippet at once (79 pages for
    "relu" at 1,000 terms); a phone now fetches the texts of those within two screens
    below the view, and the others as the reader scrolls to them, each once: the
    page's text (search_text.py), or the page itself for a result inside it."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if request.resource_type == "fetch" else None)
    goto(page, base + "search.html?q=relu")
    page.wait_for_function(SEARCH_FINISHED, timeout=15_000)
    page.wait_for_function(SEARCH_SNIPPETS_SHOWN, timeout=15_000)
    page.wait_for_timeout(300)
    far, far_with_snippets = page.evaluate("""() => {
        const far = [...document.querySelectorAll('ul.search li')]
            .filter((li) => li.getBoundingClientRect().top > 3.5 * innerHeight);
        return [far.length, far.filter((li) => li.querySelector(':scope > p.context')).length];
    }""")
    early = set(fetched)
    scroll_to_the_end(page)
    page.wait_for_function(ALL_SEARCH_SNIPPETS_SHOWN, timeout=15_000)
    links = page.eval_on_selector_all("ul.search li > a", "links => links.map((a) => a.getAttribute('href'))")
    context.close()
    files = {
        base + (link.split("#")[0] if "#" in link else f"{search_text.TEXT_FOLDER}/{link.removesuffix('.html')}.txt")
        for link in links
    }
    assert any("#" not in link for link in links)
    assert far > 10 and far_with_snippets == 0, (far, far_with_snippets)
    assert len(early) <= len(links) - far, (len(early), len(links), far)
    assert sorted(fetched) == sorted(files), "each result's text (or page) fetched, once"


def test_a_host_answering_a_missing_text_with_a_page_gets_the_pages_snippets(browser, base):
    """A host may answer a file it does not have with its "not found" page (status
    200, HTML): that is no page's text, so the snippet is made from the result's page
    itself, as when the text is missing."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    not_found = "<!DOCTYPE html><html><head><title>Not found</title></head><body><p>Not found</p></body></html>"
    page.route(
        f"**/{search_text.TEXT_FOLDER}/**", lambda route: route.fulfill(body=not_found, content_type="text/html")
    )
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if request.resource_type == "fetch" else None)
    goto(page, base + "search.html?q=relu")
    page.wait_for_function(SEARCH_FINISHED, timeout=15_000)
    page.wait_for_function(SEARCH_SNIPPETS_SHOWN, timeout=15_000)
    snippets = page.eval_on_selector_all("ul.search li > p.context", "ps => ps.map((p) => p.textContent)")
    context.close()
    assert snippets and not any("Not found" in s or "<" in s for s in snippets), snippets
    assert base + "terms/relu.html" in fetched
    assert any("ReLU" in s for s in snippets)


def test_a_snippet_shows_the_word_found_within_its_three_lines_on_a_phone(browser, base):
    """Sphinx opens a snippet 120 characters before the word found: on a phone,
    past the three lines a snippet shows."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    goto(page, base + "search.html?q=" + quote("劣勾配"))
    page.wait_for_function(SEARCH_FINISHED, timeout=15_000)
    page.wait_for_function(SEARCH_SNIPPETS_SHOWN, timeout=15_000)
    hidden = page.evaluate("""() => [...document.querySelectorAll('ul.search li > p.context')].flatMap((p) => {
        const box = p.getBoundingClientRect(), first = p.querySelector('.highlighted');
        return first && first.getBoundingClientRect().bottom > box.bottom + 1 ? [p.textContent.slice(0, 60)] : [];
    })""")
    found = page.locator("ul.search li > p.context .highlighted").count()
    context.close()
    assert found >= 5
    assert hidden == []


def test_a_snippet_marks_the_query_whole_where_the_page_has_it_whole(browser, base):
    """Sphinx marked each pair of characters of a Japanese query: 整流線形ユニット
    marked ット inside ネットワーク beside the whole word, and a snippet opened at
    the first pair it found.  Where the page has the whole word, only it is marked."""
    query = "整流線形ユニット"
    context = browser.new_context(**PHONE)
    page = context.new_page()
    goto(page, base + "search.html?q=" + quote(query))
    page.wait_for_function(SEARCH_FINISHED, timeout=15_000)
    page.wait_for_function(SEARCH_SNIPPETS_SHOWN, timeout=15_000)
    rows = page.eval_on_selector_all(
        "ul.search li > p.context",
        "ps => ps.map((p) => [p.textContent, [...p.querySelectorAll('.highlighted')].map((h) => h.textContent)])",
    )
    context.close()
    whole = [(text, marks) for text, marks in rows if query in text]
    assert len(whole) >= 3, rows
    assert all(set(marks) == {query} for _, marks in whole), whole


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_first_visit_is_in_the_readers_colour_scheme_before_any_script_runs(browser, base, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.route("**/*.js*", lambda route: route.abort())  # only the inline head script runs
    page.goto(base + PAGE_KINDS["notebook"])
    theme = page.evaluate("document.documentElement.dataset.theme")
    context.close()
    assert theme == scheme


#: Each icon of the page, in document order: its element, classes and box.
_ICON_BOXES = """() => [...document.querySelectorAll("i[class*='fa-'], svg.svg-inline--fa")].map((icon) => {
    const box = icon.getBoundingClientRect(), around = icon.parentElement.getBoundingClientRect();
    return {
        tag: icon.tagName.toLowerCase(),
        icon: icon.getAttribute("class"),
        box: [box.x, box.y, box.width, box.height].map(Math.round),
        parent: [around.x, around.y, around.width, around.height].map(Math.round),
    };
})"""


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "mobile"])
def test_icons_are_in_their_final_place_before_any_script_runs(browser, base, width):
    """Pages are written with their icons drawn as SVG.  When the icon script swapped
    them in, they had another size than the font had drawn them at (the search
    button shrank 5 px, the sidebar's search icon appeared late): a layout shift on
    every first visit.  Without the script, every icon is where it ends up."""
    drawn, blocked = {}, []

    def block(route):
        blocked.append(route.request.url)
        route.abort()

    for script in (False, True):
        page = new_page(browser, width=width)
        if not script:
            page.route("**/fontawesome.js*", block)
        goto(page, base + PAGE_KINDS["term"])
        drawn[script] = page.evaluate(_ICON_BOXES)
        page.context.close()
    assert len(blocked) == 1  # the page asks for the icon script, and did not get it
    assert len(drawn[False]) >= 10 and {icon["tag"] for icon in drawn[False]} == {"svg"}
    assert drawn[False] == drawn[True]

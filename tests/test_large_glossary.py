"""A glossary of a few hundred terms (tools/synthetic.py) rebuilds as a small one
does: a no-op build reads and writes no page; editing one term writes its page
and the pages that show it, and no other.  Behaviour only: no timings here
(`make bench` measures them)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from helpers import SEARCH_FINISHED, build, copy_project

from tools import synthetic
from tools.browser import new_page, serve

TERMS = 300
#: Pages Sphinx writes on every build, whatever changed.
ALWAYS_WRITTEN = {"genindex.html", "search.html"}


def _stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _written(before: dict[str, int], site: Path) -> set[str]:
    return {page for page, stamp in _stamps(site).items() if before.get(page) != stamp}


def _read(log: str) -> tuple[int, int]:
    added, changed = re.search(r"updating environment: (?:\[[^\]]*\] )?(\d+) added, (\d+) changed", log).groups()
    return int(added), int(changed)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """The project without its notebooks, its glossary grown to TERMS terms, built once."""
    root = tmp_path_factory.mktemp("large")
    project = copy_project(root / "p", notebooks=[])
    synthetic.write(project / "glossary", TERMS)
    out = root / "out"
    result = build(project, out, "-j", "auto")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return project, out / "html", out


def _linking(site: Path, term_id: str) -> set[str]:
    """The pages with a link to the term (from terms/ itself the link has no folder)."""
    pattern = re.compile(rf'href="(?:[^"]*/)?{re.escape(term_id)}\.html#term-{re.escape(term_id)}"')
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if pattern.search(p.read_text(encoding="utf-8")) and p.name not in ALWAYS_WRITTEN
    }


def test_the_glossary_has_the_size_asked_for(large):
    project, site, _ = large
    assert len(list((project / "glossary").glob("*.yaml"))) == TERMS
    assert len(list(site.glob("terms/*.html"))) == TERMS


def test_a_noop_rebuild_reads_and_writes_no_page(large):
    project, site, out = large
    generated = sorted((project / "docs").glob("terms/*.rst")) + sorted((project / "docs").glob("glossary/*.rst"))
    sources = {p: p.stat().st_mtime_ns for p in generated}
    before = _stamps(site)
    result = build(project, out, "-j", "auto")
    assert result.returncode == 0, result.stderr[-2000:]
    assert _read(result.stdout) == (0, 0)
    assert _written(before, site) <= ALWAYS_WRITTEN
    assert {p: p.stat().st_mtime_ns for p in generated} == sources


def test_editing_one_term_writes_its_page_and_the_pages_that_show_it(large):
    project, site, out = large
    # a synthetic term that other terms relate to and link to, not a hub
    term = next(
        p
        for p in sorted((project / "glossary").glob(f"{synthetic.PREFIX}*.yaml"))
        if 2 <= len(_linking(site, p.stem)) <= 12
    )
    shows = _linking(site, term.stem) | {f"terms/{term.stem}.html"}
    text = term.read_text(encoding="utf-8")
    term.write_text(text.replace("\nsummary: ", "\nsummary: 編集した要約。", 1), encoding="utf-8")
    before = _stamps(site)
    result = build(project, out, "-j", "auto")
    assert result.returncode == 0, result.stderr[-2000:]
    written = _written(before, site) - ALWAYS_WRITTEN
    # and index.html: Sphinx writes again a page whose toctree lists a page read
    # again (glossary/index, which shows every summary), for its title may have changed
    assert written == shows | {"index.html"}
    # read again: the pages whose source shows the summary (its page, the index,
    # relations without a note of their own); the others are only written again
    added, changed = _read(result.stdout)
    assert added == 0 and 2 <= changed <= len(shows)
    page = (site / f"terms/{term.stem}.html").read_text(encoding="utf-8")
    assert "編集した要約。" in page
    for other in shows - {f"terms/{term.stem}.html"}:
        assert "編集した要約。" in (site / other).read_text(encoding="utf-8"), other  # in its hover previews


def test_term_pages_are_in_no_navigation(large):
    """The sidebar of every page lists the top-level pages, not the terms."""
    _, site, _ = large
    for page in ("index.html", "terms/relu.html", "glossary/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        nav = re.search(r'<nav class="bd-links bd-docs-nav".*?</nav>', html, flags=re.S).group(0)
        assert "terms/" not in nav, page


def test_a_search_for_a_terms_name_lists_its_page_first(large, browser):
    """At a few hundred terms, where the index is in parts and a query loads a few of
    them: a term's Japanese label, English label and alias each rank its page first."""
    project, site, _ = large
    terms = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((project / "glossary").glob("syn-*.yaml"))]
    labels = Counter(t["label"]["ja"] for t in terms) + Counter(t["label"]["en"] for t in terms)
    chosen = [t for t in terms if labels[t["label"]["ja"]] == labels[t["label"]["en"]] == 1][::50]
    assert len(chosen) >= 4
    with serve(site) as base:
        for term in chosen:
            alias = term.get("aliases", [None])[0]
            alias = alias if isinstance(alias, str) else None if alias is None else alias["name"]
            for query in filter(None, (term["label"]["ja"], term["label"]["en"], alias)):
                page = new_page(browser)
                page.goto(base + "search.html?q=" + quote(query), wait_until="load")
                page.wait_for_function(SEARCH_FINISHED, timeout=15_000)
                first = page.eval_on_selector("ul.search li a", "a => a.getAttribute('href')")
                page.context.close()
                assert first.split("#")[0] == f"terms/{term['id']}.html", query


#: Whether the element is drawn now: false inside a part of the page the browser
#: skips (content-visibility: auto, off screen).
_DRAWN = "e => e.checkVisibility({contentVisibilityAuto: true})"
#: Drawn, and in the top half of the screen.
_LANDED = f"e => ({_DRAWN})(e) && e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().top < innerHeight / 2"


@pytest.mark.parametrize("listing", ["glossary/index.html", "glossary/alphabetical.html", "glossary/categories.html"])
def test_a_listings_far_groups_are_laid_out_only_when_a_reader_goes_there(large, browser, listing):
    """At a few hundred terms, a phone lays out the groups near the screen, not the
    whole listing; the jump line still takes the reader to the last group, drawn,
    once the groups on the way have their real heights.  (With the lists alone
    skipped, a jump to わ行 ended 1,300 px above it at 300 terms, 5,300 at 1,000.)"""
    _, site, _ = large
    with serve(site) as base:
        for look_first in (True, False):  # asked before the jump, the browser lands elsewhere
            page = new_page(browser, width=412, height=823)
            page.goto(base + listing, wait_until="load")
            groups = page.locator("p.relu-jump ~ section")
            heading = groups.last.locator("h2, h3").first
            page.wait_for_timeout(300)  # a few frames after load, for the browser to decide
            if look_first:
                assert groups.count() >= 3
                assert not heading.evaluate(_DRAWN), "the last group was laid out before anyone went there"
            else:
                page.locator("p.relu-jump a").last.click()
                page.wait_for_function(_LANDED, arg=heading.element_handle(), timeout=5_000)
            page.context.close()

"""What the tests share: paths, project copies and builds, a small glossary.

Test modules import from here, never from each other.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _node() -> str:
    """Node.js, to run the site's JavaScript outside a browser: the machine's, or the
    one Playwright (a test dependency) ships for its driver, so that the tests that
    need it run on every machine and never skip."""
    import playwright

    bundled = Path(playwright.__file__).parent / "driver" / "node"
    return shutil.which("node") or str(bundled)


NODE = _node()
ROOTS = Path(__file__).resolve().parent / "roots"
#: The address a test build publishes under, where one is needed.
BASEURL = "https://relu.test/glossary/"
#: One page of each kind, for the browser tests.
PAGE_KINDS = {
    "top": "index.html",
    "glossary index": "glossary/index.html",
    "term": "terms/relu.html",
    "relations": "glossary/relu-relations.html",
    "notebook": "notebooks/comparison.html",
    "search": "search.html?q=relu",
}

#: A phone as Lighthouse's mobile test emulates it (browser.new_context(**PHONE)).
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}

#: Records each layout shift of a page (add it as an init script) with what moved:
#: the element and its rectangles before and after, for a failing test's message.
LAYOUT_SHIFTS = """
window.__shifts = [];
const describe = (s) => `${s.node ? s.node.nodeName + "." + (s.node.className || "") : "?"} `
    + `${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`;
new PerformanceObserver(list => list.getEntries().forEach(e => window.__shifts.push(
    {value: e.value, at: Math.round(e.startTime), moved: e.sources.map(describe)})))
    .observe({type: "layout-shift", buffered: true});
"""


#: Sphinx's search retitles its results (from "Searching" to "Search Results", in the
#: page's language) once every result is listed.
SEARCH_FINISHED = """() => document.querySelector('#search-results h2')?.textContent
    === Documentation.gettext('Search Results')"""
#: ... and each listed page near the view has its snippet, once the page was fetched
#: (a result from an index entry shows its description instead).  Snippets are
#: fetched for the results within two screens below the view (search-scorer.js);
#: this waits for those starting within one screen below it.
SEARCH_SNIPPETS_SHOWN = """() => [...document.querySelectorAll('ul.search li')]
    .filter(li => li.getBoundingClientRect().top < 2 * innerHeight)
    .every(li => li.querySelector(':scope > p.context, :scope > span'))"""
#: ... and every listed page has its snippet (after :func:`scroll_to_the_end`).
ALL_SEARCH_SNIPPETS_SHOWN = """() => [...document.querySelectorAll('ul.search li')]
    .every(li => li.querySelector(':scope > p.context, :scope > span'))"""


def search_index(site: Path) -> dict:
    """The site's whole search index, as Sphinx wrote it (``Search.setIndex({...})``)."""
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(index[index.index("(") + 1 : index.rindex(")")])


def texts_as_the_browser_reads_them(browser, base: str, site: Path) -> tuple[dict, dict]:
    """For every document of the site (the pages its search index lists): its text
    file (_texts/<page>.txt, search_text.py, or None), and the text of its article
    as the browser parses it, without what a snippet leaves out (the search page's
    htmlToText) and with white space collapsed as the snippet's script does."""
    from relu_glossary.sphinxext.search_text import TEXT_FOLDER
    from tools.browser import goto, new_page

    pages = sorted(f"{name}.html" for name in search_index(site)["docnames"])
    files = {p: site / TEXT_FOLDER / (p.removesuffix(".html") + ".txt") for p in pages}
    page = new_page(browser)
    goto(page, base + "index.html")
    read = page.evaluate(
        """async (pages) => Promise.all(pages.map(async (path) => {
            const html = await (await fetch(path)).text();
            const article = new DOMParser().parseFromString(html, 'text/html').querySelector('article.bd-article');
            const left = '.headerlink, script, style, .onlyprint, .relu-explorer';
            article.querySelectorAll(left).forEach((e) => e.remove());
            return article.textContent.replace(/\\s+/g, ' ').trim();
        }))""",
        pages,
    )
    page.context.close()
    texts = {p: f.read_text(encoding="utf-8") if f.is_file() else None for p, f in files.items()}
    return texts, dict(zip(pages, read, strict=True))


def scroll_to_the_end(page) -> None:
    """Scroll a screen at a time to the bottom of the page, as a reader would."""
    for _ in range(200):
        if page.evaluate("innerHeight + scrollY >= document.documentElement.scrollHeight - 2"):
            return
        page.evaluate("scrollBy(0, innerHeight)")
        page.wait_for_timeout(50)
    raise AssertionError("the bottom of the page was not reached")


def layout_shift(shifts: list[dict]) -> float:
    """The page's cumulative layout shift, from what ``LAYOUT_SHIFTS`` recorded."""
    return sum(s["value"] for s in shifts)


# --- whole projects, built as `make html` builds them (a separate process) ----------


#: The environment variable naming the folder of plots the test run's builds share
#: (tests/conftest.py makes it).
SHARED_PLOTS = "RELU_TEST_PLOTS"


def shared_plots() -> list[str]:
    """sphinx-build options that keep term-page plots in the test run's one folder.
    A plot is kept under the code and inputs that drew it, so a build of a copy
    with edited code draws its own; the others draw each plot once per run, not
    once per build (a third of a build without notebooks)."""
    folder = os.environ.get(SHARED_PLOTS)
    return ["-D", f"relu_glossary_plot_cache={folder}"] if folder else []


def sphinx_build(confdir: Path, srcdir: Path, outdir: Path, *extra: str, env: dict | None = None):
    """Run sphinx-build strictly, as `make html` does, capturing its output."""
    cmd = [sys.executable, "-m", "sphinx", "--no-color", "-c", str(confdir), "-d", str(outdir / "doctrees"),
           "-W", "--keep-going", "-n", "-b", "html", *extra, str(srcdir), str(outdir / "html")]  # fmt: skip
    # a default build (no site address) unless the caller gives one
    full = {k: v for k, v in os.environ.items() if k != "RELU_GLOSSARY_BASEURL"}
    full.update({"SOURCE_DATE_EPOCH": "0", "PYTHONHASHSEED": "0", **(env or {})})
    return subprocess.run(cmd, capture_output=True, text=True, env=full, cwd=confdir)


def copy_project(dst: Path, notebooks: list[str] | None = None) -> Path:
    """A copy of the project (sources, glossary, code) that builds on its own;
    ``notebooks`` keeps only those readings."""
    dst.mkdir(parents=True)
    for name in ("conf.py", "docs", "glossary", "src"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dst / name, ignore=shutil.ignore_patterns(
                "terms", "_generated", "__pycache__", "*.egg-info"))  # fmt: skip
        else:
            shutil.copy2(src, dst / name)
    if notebooks is not None:
        for nb in (dst / "docs" / "notebooks").glob("*.md"):
            if nb.stem not in notebooks:
                nb.unlink()
        index = dst / "docs" / "index.md"
        text = index.read_text(encoding="utf-8")
        text = re.sub(r"notebooks/(\S+)\n", lambda m: m.group(0) if m.group(1) in notebooks else "", text)
        index.write_text(text, encoding="utf-8")
    return dst


def build(project: Path, out: Path, *extra: str, env: dict | None = None):
    """Build a copy made by :func:`copy_project`, importing relu_glossary from the copy's src/."""
    return sphinx_build(
        project, project / "docs", out, *shared_plots(), *extra, env={"PYTHONPATH": str(project / "src"), **(env or {})}
    )


def differences(left: Path, right: Path) -> list[str]:
    """Paths (relative) that are in one tree only, or whose bytes differ."""
    found: list[str] = []

    def compare(cmp: filecmp.dircmp, rel: str) -> None:
        found.extend(f"{rel}{name}" for name in cmp.left_only + cmp.right_only + cmp.common_funny)
        _, differ, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{rel}{name}" for name in differ + errors)
        for name, sub in cmp.subdirs.items():
            compare(sub, f"{rel}{name}/")

    compare(filecmp.dircmp(left, right, ignore=[]), "")
    return sorted(found)


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in a file, as a developer would."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_activations(project: Path, old: str, new: str) -> None:
    edit(project / "src" / "relu_glossary" / "activations.py", old, new)


def pages_plotting(project: Path, function: str) -> set[str]:
    """The term pages whose plot draws ``function``: as their own function, or as the
    reference dashed behind another (plotting.functions_drawn)."""
    from relu_glossary.plotting import functions_drawn

    pages = set()
    for path in (project / "glossary").glob("*.yaml"):
        found = re.search(r"^function: (\S+)$", path.read_text(encoding="utf-8"), re.M)
        if found and function in functions_drawn(found.group(1)):
            pages.add(f"terms/{path.stem}")
    return pages


def page_text(path: Path) -> str:
    """A built page's text, tags removed and whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def worked_examples(path: Path) -> list[tuple[str, ...]]:
    """A term page's worked examples, one (x, f(x), f'(x), ...) tuple per input:
    the table lays inputs out in columns, a row per function."""
    html = path.read_text(encoding="utf-8")
    table = re.search(r'<table class="relu-examples.*?</table>', html, re.S)
    assert table, f"{path} has no worked examples"
    rows = [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ][1:]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(0), re.S)
    ]
    return list(zip(*rows, strict=True))


# --- a small glossary, built in this process with sphinx.testing ----------------------

GOOD = {
    "alpha": """\
        id: alpha
        label:
          ja: アルファ関数
          en: Alpha function
        reading: あるふぁかんすう
        aliases: [α関数]
        summary: テスト用の用語。
        definition: アルファの定義。{term}`ベータ関数` と並ぶ。
        function: relu
        category: activation
        citations: [nair2010rectified]
        relations:
          related:
            - target: beta
              note: アルファ関数とベータ関数を並べて読む。
        """,
    "beta": """\
        id: beta
        label:
          ja: ベータ関数
          en: Beta function
        reading: べーたかんすう
        summary: もう一つのテスト用の用語。
        definition: ベータの定義。
        category: concept
        """,
}


def write_glossary(directory: Path, files: dict[str, str]) -> Path:
    """A glossary folder with the project's schema and bibliography and these terms."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "glossary" / "term.schema.json", directory)
    shutil.copy(REPO / "glossary" / "references.bib", directory)
    for name, text in files.items():
        (directory / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return directory


def small_project(root: Path, files: dict[str, str], index_body: str = "") -> Path:
    """tests/roots/glossary (the content extension on Sphinx's default theme) with
    these terms in gl/ and ``index_body`` appended to its index page."""
    if not root.exists():
        shutil.copytree(ROOTS / "glossary", root)
    write_glossary(root / "gl", files)
    index = root / "index.rst"
    base = (ROOTS / "glossary" / "index.rst").read_text(encoding="utf-8")
    if index.read_text(encoding="utf-8") != base + index_body:
        index.write_text(base + index_body, encoding="utf-8")
    return root


@dataclass
class SmallBuild:
    outdir: Path
    status: str
    warnings: str
    builder: object = None  # what an extension left on it, for tests to read


def build_small(root: Path, confoverrides: dict | None = None) -> SmallBuild:
    """Build a :func:`small_project` in this process with sphinx.testing."""
    from sphinx.testing.util import SphinxTestApp

    status, warnings = StringIO(), StringIO()
    app = SphinxTestApp("html", srcdir=root, builddir=root / "_build", confoverrides=confoverrides or {},
                        status=status, warning=warnings)  # fmt: skip
    try:
        app.build()
    finally:
        app.cleanup()
    return SmallBuild(Path(app.outdir), status.getvalue(), warnings.getvalue(), app.builder)

"""Rebuilds do only what changed; a serial build in another folder gives the parallel
build's site byte for byte; the icon subset is complete."""

from __future__ import annotations

import pickle
import re

import pytest
from helpers import build, copy_project, differences, edit_activations, pages_plotting

from relu_glossary.pageweight import icons
from relu_glossary.sphinxext import search_parts


def _read(log: str) -> list[str]:
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", log)


@pytest.fixture(scope="module")
def first_build(site, tmp_path_factory):
    """A copy of the project in another folder, built once serially (the session's
    site is built in parallel), and how its site differs from the session's,
    compared before any test here edits the copy."""
    root = tmp_path_factory.mktemp("incremental")
    project = copy_project(root / "p")
    out = root / "out"
    result = build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, out, differences(site, out / "html")


@pytest.fixture
def built(first_build):
    project, out, _ = first_build
    return project, out


def test_a_serial_build_elsewhere_is_the_parallel_site_byte_for_byte(first_build):
    """Reading in parallel or not, and the folder the project is in, change no byte."""
    project, out, different = first_build
    assert different == []
    assert not any(str(project.parent) in p.read_text(errors="ignore") for p in (out / "html").rglob("*.html"))


def test_noop_rebuild_reads_executes_and_rewrites_nothing(built):
    project, out = built
    generated = sorted((project / "docs").glob("terms/*.rst")) + sorted((project / "docs").glob("glossary/*.rst"))
    plots = sorted((project / "docs" / "_generated").rglob("*.svg"))
    # browsers keep their cached copies (no page changed: the index is not dumped again)
    html = out / "html"
    assets = [html / "_static" / "relu-site.css", html / "searchindex.js", *(html / "_search").glob("*.js")]
    before = {p: p.stat().st_mtime_ns for p in generated + plots + assets}
    result = build(project, out)
    assert result.returncode == 0
    assert "0 added, 0 changed, 0 removed" in result.stdout
    assert _read(result.stdout) == [] and "Executed notebook" not in result.stdout + result.stderr
    assert {p: p.stat().st_mtime_ns for p in generated + plots + assets} == before
    # the bundle's store of each file's words knows every file as it is now (pages
    # Sphinx wrote again, with the same words, included), so no later build reads
    # the site's pages again to find their words
    with open(out / "doctrees" / "relu-site-words.pickle", "rb") as f:
        _, kept = pickle.load(f)
    on_disk = {p.relative_to(html).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns) for p in html.rglob("*.html")}
    assert {rel: kept["files"][rel][0] for rel in on_disk} == on_disk


def test_editing_one_terms_definition_rereads_only_its_page(built):
    project, out = built
    term = project / "glossary" / "sparsity.yaml"
    search_page = (out / "html" / "search.html").read_text(encoding="utf-8")
    stale = out / "html" / "_search" / "ja99.0123456789.js"  # as if an earlier version had split the index finer
    stale.write_text('RELU_SEARCH_PART("ja99",{});\n', encoding="utf-8")
    files = search_parts.names_on_disk(out / "html" / "_search")
    term.write_text(
        term.read_text(encoding="utf-8").replace("スパース性（疎性）は", "スパース性（疎性、sparseness）は"),
        encoding="utf-8",
    )
    result = build(project, out)
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(r"updating environment: 0 added, 1 changed, 0 removed", result.stdout)
    assert "sparseness" in (out / "html" / "terms" / "sparsity.html").read_text(encoding="utf-8")
    # a new word: its part has a new file, the old one is gone, the search page names it
    now = search_parts.names_on_disk(out / "html" / "_search")
    assert sorted(now) == sorted(search_parts.NAMES) and not stale.exists()
    assert [name for name in search_parts.NAMES if now[name] != files[name]] == [search_parts.LATIN]
    assert '"sparseness":' in (out / "html" / "_search" / now[search_parts.LATIN]).read_text(encoding="utf-8")
    assert now[search_parts.LATIN] in (out / "html" / "search.html").read_text(encoding="utf-8")
    assert now[search_parts.LATIN] not in search_page


def test_editing_a_summary_rereads_the_pages_that_show_it(built):
    project, out = built
    term = project / "glossary" / "sparsity.yaml"
    old = "値の多くがちょうど 0 である性質。"
    shown_in = {
        p.relative_to(project / "docs").with_suffix("").as_posix()
        for p in (project / "docs").glob("*/*.rst")
        if old.replace(" ", "") in p.read_text(encoding="utf-8").replace(" ", "")
    }
    term.write_text(
        term.read_text(encoding="utf-8").replace(old, "成分の多くがちょうど 0 である性質。"), encoding="utf-8"
    )
    result = build(project, out)
    assert result.returncode == 0, result.stderr[-2000:]
    changed = int(re.search(r"updating environment: 0 added, (\d+) changed", result.stdout).group(1))
    assert {"terms/sparsity", "glossary/index"} <= shown_in
    assert changed == len(shown_in)


def test_pages_use_only_icons_in_the_subset(site):
    used = set()
    for page in site.rglob("*.html"):
        used |= set(re.findall(r'class="[^"]*\bfa-solid\b[^"]*\bfa-([a-z0-9-]+)', page.read_text(encoding="utf-8")))
    used -= {"lg", "fw", "solid"}
    assert used and used <= set(icons.ICONS)
    subset = (site / "_static" / "scripts" / "fontawesome.js").read_text(encoding="utf-8")
    assert len(subset) < 20_000 and all(f'"{name}"' in subset for name in icons.ICONS)


def test_editing_one_activation_reruns_only_the_pages_that_use_it(built):
    from relu_glossary.sphinxext.codedeps import code_cells, names_in

    project, out = built
    edit_activations(
        project,
        "    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))",
        "    return np.where(x > 0, 1.0 * x, alpha * np.expm1(np.minimum(x, 0)))",
    )
    result = build(project, out)
    assert result.returncode == 0, result.stderr[-2000:]
    stale = re.search(r"code changed for \d+ page\(s\): (.*)", result.stdout).group(1).split(", ")
    using_elu = {
        f"notebooks/{nb.stem}"
        for nb in (project / "docs" / "notebooks").glob("*.md")
        if "elu" in names_in(code_cells(nb.read_text(encoding="utf-8")))
    }
    assert set(stale) == pages_plotting(project, "elu") | using_elu
    assert {"terms/elu", "terms/selu"} <= set(stale)  # SELU's plot draws ELU dashed
    assert result.stdout.count("Executed notebook") + result.stderr.count("Executed notebook") == len(using_elu)

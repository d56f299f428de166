"""An incremental build leaves exactly the site a clean build of the same sources
leaves: built the way `make html` builds (relu_glossary.sitebuild), compared byte
for byte after a term is deleted, a notebook deleted, one re-run and a term added."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import BASEURL, copy_project, differences, shared_plots

from relu_glossary.sphinxext.leftovers import leftovers
from relu_glossary.sphinxext.search_text import TEXT_FOLDER

GENERATED = ("terms", "glossary", "_generated")  # under docs/: written by the build

NEW_TERM = """\
id: added-term
label:
  ja: 追加された用語
  en: Added term
reading: ついかされたようご
summary: テストで追加した用語。
definition: テストで追加した用語の定義。{term}`ReLU` と並べて読む。
category: concept
relations:
  related:
    - target: relu
      note: 追加された用語と ReLU をテストで関係づけた。
"""


def sitebuild(project: Path, build: Path, plots: list[str]) -> subprocess.CompletedProcess:
    """`make html` for ``project``: Sphinx (-j auto) into build/staging/html, then build/html;
    ``plots``: where plots are kept (sphinx-build options)."""
    staging = build / "staging" / "html"
    sphinx = [sys.executable, "-m", "sphinx", "--no-color", "-c", str(project), "-d", str(build / "doctrees")]
    sphinx += ["-W", "--keep-going", "-n", "-j", "auto", *plots]
    sphinx += ["-b", "html", str(project / "docs"), str(staging)]
    env = {
        **os.environ,
        "PYTHONPATH": str(project / "src"),
        "SOURCE_DATE_EPOCH": "0",
        "PYTHONHASHSEED": "0",
        "RELU_GLOSSARY_BASEURL": BASEURL,
    }
    command = [sys.executable, "-m", "relu_glossary.sitebuild", str(staging), str(build / "html"), "--", *sphinx]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert result.stdout.splitlines()[-1] == f"site: {build}/html/index.html"
    return result


def _edit(project: Path) -> None:
    glossary, docs = project / "glossary", project / "docs"
    (glossary / "softsign.yaml").unlink()  # a leaf: no term links to it; it has a plot
    (docs / "notebooks" / "dying-relu.md").unlink()
    index = docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("notebooks/dying-relu\n", ""), encoding="utf-8")
    notebook = docs / "notebooks" / "relu.md"  # re-run, with another plot
    text = notebook.read_text(encoding="utf-8")
    assert 'function_figure("relu")' in text
    notebook.write_text(text.replace('function_figure("relu")', 'function_figure("leaky_relu")'), encoding="utf-8")
    (glossary / "added-term.yaml").write_text(NEW_TERM, encoding="utf-8")


def test_leftovers_are_the_files_no_current_page_makes(tmp_path):
    files = [
        "index.html",
        "_private.html",  # a "_" name at the top: kept, as the "_" folders are
        "terms/relu.html",
        "terms/removed.html",
        "genindex.html",
        "_static/theme.js",
        "_static/page.html",
        "_images/used.svg",
        "_images/old.svg",
        "_downloads/ab/data.csv",
        "reports/notebooks/relu.err.log",
        "sitemap.xml",
        "_search/base.0123456789.js",
        "_texts/terms/relu.txt",
        "_texts/terms/removed.txt",  # the text of a removed page (search_text)
        "_texts/genindex.txt",
    ]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = leftovers(
        tmp_path,
        pages={"index", "terms/relu", "genindex"},
        images={"used.svg"},
        downloads=set(),
        reports=set(),
    )
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "_downloads/ab/data.csv",
        "_images/old.svg",
        "_texts/terms/removed.txt",
        "reports/notebooks/relu.err.log",
        "terms/removed.html",
    ]


def test_an_incremental_build_is_the_clean_build_of_the_same_sources(tmp_path):
    project = copy_project(tmp_path / "p", notebooks=["relu", "dying-relu"])
    incremental = tmp_path / "incremental"
    sitebuild(project, incremental, shared_plots())
    before = incremental / "html"
    assert (before / "terms" / "softsign.html").is_file() and (before / "notebooks" / "dying-relu.html").is_file()

    _edit(project)
    result = sitebuild(project, incremental, shared_plots())
    assert "Executed notebook" in result.stdout + result.stderr  # relu.md ran again

    clean_project = tmp_path / "q"
    shutil.copytree(
        project,
        clean_project,
        ignore=lambda folder, names: [
            n for n in names if n == "__pycache__" or (Path(folder) == project / "docs" and n in GENERATED)
        ],
    )
    clean = tmp_path / "clean"
    sitebuild(clean_project, clean, [])  # clean: its own plots too, none kept under a stale key

    assert differences(incremental / "html", clean / "html") == []

    # a page's text removed by hand, its page unchanged, is written by the next build
    text = incremental / "staging" / "html" / TEXT_FOLDER / "terms" / "elu.txt"
    text.unlink()
    sitebuild(project, incremental, shared_plots())
    assert text.is_file() and differences(incremental / "html", clean / "html") == []
    site = clean / "html"
    assert not (site / "terms" / "softsign.html").exists() and (site / "terms" / "added-term.html").is_file()

"""Pages in no toctree share their folder's sidebar (sphinxext.shared_sidebar):
the same bytes as the theme draws for each, drawn once."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import GOOD, build_small, small_project

from relu_glossary.sphinxext import shared_sidebar

BOOK = {"html_theme": "sphinx_book_theme"}


def _build(root: Path):
    built = build_small(root, BOOK)
    return {p.relative_to(built.outdir).as_posix(): p.read_bytes() for p in built.outdir.rglob("*.html")}, built


# sphinx-book-theme 1.4's footnote transform reads Transform.app, deprecated in
# Sphinx 9 (a warning only an in-process build sees; not this project's code)
@pytest.mark.filterwarnings("ignore:'sphinx_book_theme._transforms.HandleFootnoteTransform.app' is deprecated")
def test_pages_outside_the_navigation_are_written_as_the_theme_writes_them(tmp_path, monkeypatch):
    shared, built = _build(small_project(tmp_path / "shared", GOOD))
    drawn = built.builder.relu_drawn_sidebars
    terms = [page for page in shared if page.startswith("terms/")]
    assert len(terms) >= 2 and not any(t.removesuffix(".html") in drawn.navigation for t in terms)
    # one sidebar for every term page, one for search/genindex in the root folder
    assert len(drawn.sidebars) == 2
    assert all(b'<nav class="bd-links bd-docs-nav"' in shared[t] for t in terms)

    monkeypatch.setattr(shared_sidebar, "_share_outside_navigation", lambda *args: None)
    drawn_each, _ = _build(small_project(tmp_path / "each", GOOD))
    assert shared.keys() == drawn_each.keys()
    assert [page for page in shared if shared[page] != drawn_each[page]] == []

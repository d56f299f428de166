"""Pages in no toctree share their folder's sidebar (sphinxext.shared_sidebar):
the same bytes as the theme draws for each, drawn once."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import GOOD, REPO, build_small, small_project
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

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


@pytest.mark.filterwarnings("ignore:'sphinx_book_theme._transforms.HandleFootnoteTransform.app' is deprecated")
def test_with_the_sites_templates_no_page_draws_the_navigation_twice(tmp_path, monkeypatch):
    """pydata-sphinx-theme renders every sidebar template once more per page, to drop
    the empty ones.  The site's navigation template is named so that the theme skips
    it (conf.py, html_sidebars); otherwise each page outside the navigation drew the
    whole navigation for that check, and shared its sidebar only afterwards."""
    drawn_for: list[str] = []
    draw = StandaloneHTMLBuilder._get_local_toctree

    def counted(self, docname, *args, **kwargs):
        drawn_for.append(docname)
        return draw(self, docname, *args, **kwargs)

    monkeypatch.setattr(StandaloneHTMLBuilder, "_get_local_toctree", counted)
    site_conf = eval_config_file(REPO / "conf.py", Tags())
    site_templates = {
        "templates_path": [str(REPO / "docs" / "_templates")],
        "html_sidebars": site_conf["html_sidebars"],
    }
    built = build_small(small_project(tmp_path / "site", GOOD), {**BOOK, **site_templates})

    shared = built.builder.relu_drawn_sidebars
    outside = [page for page in drawn_for if page not in shared.navigation]
    assert sorted(set(drawn_for)) == sorted(drawn_for), "a page drew the navigation twice"
    assert len(outside) == len(shared.sidebars) == 2, outside  # the first term page; genindex for the root folder

"""What a published site needs: sitemap, canonical and Open Graph, 404, robots, favicon,
deploy configuration, and the linking examples of the authors' page, built for real."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import BASEURL, REPO, sphinx_build

pytestmark = pytest.mark.slow


def test_sitemap_lists_every_term_page_with_absolute_urls(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{BASEURL}terms/relu.html" in urls and f"{BASEURL}index.html" in urls
    assert all(u.startswith(BASEURL) for u in urls)
    assert not any(u.endswith(("search.html", "404.html")) for u in urls)


def test_term_page_head_has_canonical_open_graph_and_favicon(site):
    html = (site / "terms" / "relu.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASEURL}terms/relu.html" />' in html
    assert f'<meta property="og:url" content="{BASEURL}terms/relu.html" />' in html
    assert re.search(r'<meta property="og:description" content="負の入力を 0 に', html)
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', html)
    assert (site / "_static" / "favicon.svg").is_file()


def test_robots_points_at_the_sitemap(site):
    assert (site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {BASEURL}sitemap.xml\n"


def test_404_page_uses_absolute_paths_so_it_works_at_any_depth(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "ページが見つかりません" in html
    assert 'href="/glossary/_static/' in html or 'src="/glossary/_static/' in html


def test_deploy_configurations_build_with_the_project_command():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make html" for step in steps)
    assert any(step.get("with", {}).get("path") == "_build/html" for step in steps)
    rtd = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
    assert "sphinx -c . " in rtd["build"]["jobs"]["build"]["html"][0]


def test_the_linking_examples_build_against_the_site(site, tmp_path):
    """docs/_examples is what the authors' page shows; build it as another project would."""
    examples = REPO / "docs" / "_examples"
    src = tmp_path / "other"
    src.mkdir()
    conf = (examples / "conf.py").read_text(encoding="utf-8")
    # same mapping, but the inventory comes from the freshly built site
    conf = conf.replace(
        '("https://example.org/relu-glossary/", None)',
        f'("https://example.org/relu-glossary/", {str(site / "objects.inv")!r})',
    )
    (src / "conf.py").write_text(conf + '\nlanguage = "ja"\n', encoding="utf-8")
    shutil.copy(examples / "page.rst", src / "rst_page.rst")
    shutil.copy(examples / "page.md", src / "md_page.md")
    (src / "index.rst").write_text("Other\n=====\n\n.. toctree::\n\n   rst_page\n   md_page\n", encoding="utf-8")
    for name in ("rst_page.rst",):
        text = (src / name).read_text(encoding="utf-8")
        (src / name).write_text("RST\n===\n\n" + text, encoding="utf-8")
    (src / "md_page.md").write_text("# MyST\n\n" + (src / "md_page.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = sphinx_build(src, src, tmp_path / "out")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    rst_html = (tmp_path / "out" / "html" / "rst_page.html").read_text(encoding="utf-8")
    md_html = (tmp_path / "out" / "html" / "md_page.html").read_text(encoding="utf-8")
    assert rst_html.count("https://example.org/relu-glossary/terms/relu.html#term-relu") == 3
    assert "terms/he-initialization.html#term-he-initialization" in rst_html
    assert md_html.count("https://example.org/relu-glossary/terms/relu.html#term-relu") == 2
    # the plain-link examples point at pages and anchors that exist
    for name in ("mkdocs.md", "page.html"):
        for path, anchor in re.findall(
            r"https://example\.org/relu-glossary/([\w/.-]+)#([\w-]+)", (examples / name).read_text(encoding="utf-8")
        ):
            assert f'id="{anchor}"' in (site / path).read_text(encoding="utf-8")


def _head(html: str) -> str:
    return html[: html.index("</head>")]


@pytest.mark.parametrize("page", ["index.html", "terms/relu.html", "notebooks/comparison.html", "404.html"])
def test_first_paint_waits_for_one_stylesheet_and_no_script(site, page):
    """Everything else in <head> is deferred, and the search index stays on the search page."""
    head = _head((site / page).read_text(encoding="utf-8"))
    stylesheets = re.findall(r'<link[^>]*rel="stylesheet"[^>]*>', head)
    assert len(stylesheets) == 1 and "_static/relu-site.css?v=" in stylesheets[0]
    blocking = [
        src
        for tag, src in re.findall(r'(<script[^>]*src="([^"]+)"[^>]*>)', head)
        if " defer" not in tag and " async" not in tag
    ]
    assert blocking == []
    assert "const DOCUMENTATION_OPTIONS" in head  # inline: the scripts after it need it at once
    assert "searchindex.js" not in head
    assert "DOCUMENTATION_OPTIONS.pagename" in head  # the theme's inline scripts are still there


def test_the_bundle_keeps_a_fraction_of_the_theme_css_and_its_urls_resolve(site):
    bundle = (site / "_static" / "relu-site.css").read_text(encoding="utf-8")
    sources = bundle.splitlines()[0].removeprefix("/* sources: ").split(" -- ")[0].split()
    assert "_static/styles/pydata-sphinx-theme.css" in sources and "_static/relu-glossary.css" in sources
    original = sum(len((site / name).read_bytes()) for name in sources)
    assert len(bundle.encode()) < original / 2
    assert "#relu-term-tooltip" in bundle  # kept: the element exists only once a script adds it
    for url in set(re.findall(r'url\(["\']?([^"\')]+)["\']?\)', bundle)):
        if not url.startswith("data:"):
            assert (site / "_static" / url.split("?")[0].split("#")[0]).is_file(), url

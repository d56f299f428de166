"""What a published site needs: with its address, a sitemap, canonical and Open
Graph URLs, robots.txt; without one (the default build), no absolute URL at all;
404, favicon, deploy configuration, the linking examples built for real, and
pages that paint after one request."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from helpers import BASEURL, GOOD, REPO, build_small, small_project, sphinx_build

from relu_glossary.sphinxext.publishing import BASEURL_MARK, UNKNOWN_BASEURL


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A small glossary built with a site address, as the deploy workflows build."""
    built = build_small(small_project(tmp_path_factory.mktemp("published") / "p", GOOD),
                        {"html_baseurl": BASEURL})  # fmt: skip
    assert built.warnings == ""
    return built.outdir


def test_sitemap_lists_every_page_with_absolute_urls(published):
    root = ET.parse(published / "sitemap.xml").getroot()
    urls = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{BASEURL}terms/alpha.html" in urls and f"{BASEURL}index.html" in urls
    assert all(u.startswith(BASEURL) for u in urls) and urls == sorted(urls)


def test_term_page_head_has_canonical_and_open_graph_urls(published):
    html = (published / "terms" / "alpha.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASEURL}terms/alpha.html" />' in html
    assert f'<meta property="og:url" content="{BASEURL}terms/alpha.html" />' in html
    assert re.search(r'<meta property="og:description" content="テスト用の用語。', html)
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert jsonld["url"] == f"{BASEURL}terms/alpha.html"


def test_exports_name_the_address_once_and_link_relatively(published):
    data = json.loads((published / "glossary.json").read_text(encoding="utf-8"))
    assert data["base_url"] == BASEURL and {t["url"] for t in data["terms"]} == {"terms/alpha.html", "terms/beta.html"}
    skos = json.loads((published / "glossary.jsonld").read_text(encoding="utf-8"))
    assert skos["@context"]["@base"] == BASEURL


def test_robots_points_at_the_sitemap(published):
    assert (published / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {BASEURL}sitemap.xml\n"


def test_a_default_build_publishes_no_address(site):
    """Without RELU_GLOSSARY_BASEURL: no placeholder domain, no absolute URL of its own."""
    placeholder = re.compile(r"example\.(org|com|net)|\.example\b|relu\.test")
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file()
             and p.suffix in (".html", ".js", ".json", ".jsonld", ".xml", ".txt", ".css")}  # fmt: skip
    leaks = [p.relative_to(site).as_posix() for p, text in texts.items() if placeholder.search(text)]
    assert leaks == []
    assert not (site / "sitemap.xml").exists()
    html = (site / "terms" / "relu.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in html and "og:url" not in html
    assert json.loads((site / "glossary.json").read_text(encoding="utf-8"))["base_url"] is None
    assert (site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert "terms/relu.html#term-relu" in html and UNKNOWN_BASEURL.split("<")[1].split(">")[0] in (
        site / "linking.html").read_text(encoding="utf-8")  # fmt: skip


def test_404_page_uses_absolute_paths_so_it_works_at_any_depth(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "ページが見つかりません" in html
    # no address known: paths from the server's root, right wherever the 404 is served
    assert 'href="/_static/' in html and 'href="../' not in html


def test_deploy_configurations_build_with_the_project_command():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make html" for step in steps)
    assert any(step.get("with", {}).get("path") == "_build/html" for step in steps)
    rtd = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
    assert "sphinx -c . " in rtd["build"]["jobs"]["build"]["html"][0]


def test_the_linking_examples_build_against_the_site(site, tmp_path):
    """docs/_examples is what the authors' page shows (with the site's address in
    place of the mark); build it as another project would."""
    examples = REPO / "docs" / "_examples"
    here = "https://relu.example/glossary/"
    src = tmp_path / "other"
    src.mkdir()

    def example(name: str) -> str:
        return (examples / name).read_text(encoding="utf-8").replace(BASEURL_MARK, here)

    # the same mapping, but the inventory comes from the freshly built site
    conf = example("conf.py").replace(f'("{here}", None)', f'("{here}", {str(site / "objects.inv")!r})')
    assert str(site) in conf
    (src / "conf.py").write_text(conf + '\nlanguage = "ja"\n', encoding="utf-8")
    (src / "rst_page.rst").write_text("RST\n===\n\n" + example("page.rst"), encoding="utf-8")
    (src / "md_page.md").write_text("# MyST\n\n" + example("page.md"), encoding="utf-8")
    (src / "index.rst").write_text("Other\n=====\n\n.. toctree::\n\n   rst_page\n   md_page\n", encoding="utf-8")
    result = sphinx_build(src, src, tmp_path / "out")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    rst_html = (tmp_path / "out" / "html" / "rst_page.html").read_text(encoding="utf-8")
    md_html = (tmp_path / "out" / "html" / "md_page.html").read_text(encoding="utf-8")
    # ReLU by its label and three aliases (Japanese and English)
    assert rst_html.count(f"{here}terms/relu.html#term-relu") == 4
    assert md_html.count(f"{here}terms/relu.html#term-relu") == 2
    # the plain-link examples point at pages and anchors that exist
    for name in ("mkdocs.md", "page.html"):
        for path, anchor in re.findall(re.escape(here) + r"([\w/.-]+)#([\w-]+)", example(name)):
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


@pytest.mark.parametrize(
    "page", ["index.html", "terms/leaky-relu.html", "notebooks/comparison.html", "glossary/index.html"]
)
def test_the_first_paint_waits_for_the_whole_article(site, page):
    """A busy phone's parser stops part-way through a page and the browser paints
    what it has: a table with half its rows, whose columns widen when the rest
    arrives (with eight times less CPU, 3 loads in 16 of Leaky ReLU's page moved
    its examples table or header).  Rendering waits for the element after the article."""
    html = (site / page).read_text(encoding="utf-8")
    expected = re.findall(r'<link rel="expect" href="#([^"]+)" blocking="render" />', _head(html))
    assert len(expected) == 1
    assert re.search(rf'</article>\s*<div id="{expected[0]}"></div>', html)
    assert html.count(f'id="{expected[0]}"') == 1


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

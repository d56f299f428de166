"""``sitemap.xml``: every page of the site, whichever pages this build wrote.

sphinx-sitemap, used before, listed the pages written by the current build: after
an incremental build that re-ran a few notebooks the sitemap shrank from 64 URLs
to 10, then 4.  This one lists every document Sphinx knows (``env.found_docs``),
sorted by URL, so an incremental build writes the file a clean build writes.
It also needs no helper process (sphinx-sitemap started a multiprocessing
Manager, which outlived an interrupted build).
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from xml.sax.saxutils import escape

from sphinx.application import Sphinx

from relu_glossary.files import write_if_changed

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(base: str, links: list[str]) -> str:
    """The sitemap of the pages at ``links`` (relative URLs) under ``base``."""
    urls = "".join(f"<url><loc>{escape(base + link)}</loc></url>" for link in sorted(links))
    return f"<?xml version='1.0' encoding='utf-8'?>\n<urlset xmlns=\"{NAMESPACE}\">{urls}</urlset>"


def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write sitemap.xml (when the site has a base URL to give)."""
    base = app.config.html_baseurl
    if exception is not None or app.builder.format != "html" or not base:
        return
    base = base.rstrip("/") + "/"
    excludes = app.config.relu_glossary_sitemap_excludes
    links = [app.builder.get_target_uri(docname) for docname in app.env.found_docs]
    links = [link for link in links if not any(fnmatch.fnmatch(link, pattern) for pattern in excludes)]
    write_if_changed(Path(app.outdir) / "sitemap.xml", sitemap(base, links))


def setup(app: Sphinx) -> None:
    app.add_config_value("relu_glossary_sitemap_excludes", [], "html", types=[list])
    app.connect("build-finished", _write_sitemap)

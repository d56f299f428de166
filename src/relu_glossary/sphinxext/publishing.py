"""What a published site needs, and nothing it cannot know: exports, robots.txt,
Open Graph, the linking examples (the sitemap is sitemap.py's).

The site's address comes only from ``html_baseurl`` (conf.py reads
``RELU_GLOSSARY_BASEURL``; the deploy workflows set it).  A build without one
never invents an address: the exports use relative URLs, and the sitemap and
Open Graph tags, which need absolute ones, are left out (the build says so in
one line).  With one, sphinxext-opengraph is set up here.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from relu_glossary.files import cached, write_all_if_changed, write_if_changed
from relu_glossary.glossary.render import export
from relu_glossary.sphinxext.generate import cache_dir, glossary_of

logger = logging.getLogger(__name__)

#: docs/_examples holds the linking examples with this mark where the site's
#: address goes; the linking page shows the copies written to docs/_generated/linking.
BASEURL_MARK = "%BASEURL%"
#: What the examples show when the build does not know the address.
UNKNOWN_BASEURL = "https://<この用語集の公開先>/"
EXAMPLES_SOURCE = "_examples"
EXAMPLES_OUT = "_generated/linking"


def _say_what_is_left_out(app: Sphinx) -> None:
    """``builder-inited``: one line when the build publishes no absolute URL."""
    if not app.config.html_baseurl:
        logger.info(
            "RELU_GLOSSARY_BASEURL is not set: no canonical links, sitemap or Open Graph tags; "
            "exports and link snippets use relative URLs"
        )


def _open_graph_at_the_site(app: Sphinx, config) -> None:
    """``config-inited``: Open Graph URLs start from the site's address."""
    if config.html_baseurl and not config.ogp_site_url:
        config.ogp_site_url = config.html_baseurl


def _write_linking_examples(app: Sphinx) -> None:
    """``builder-inited``: the examples of docs/linking.md, with the site's address."""
    base = app.config.html_baseurl or UNKNOWN_BASEURL
    source = Path(app.srcdir, EXAMPLES_SOURCE)
    if not source.is_dir():
        return
    for path in sorted(source.iterdir()):
        if path.is_file():
            text = path.read_text(encoding="utf-8").replace(BASEURL_MARK, base)
            write_if_changed(Path(app.srcdir, EXAMPLES_OUT, path.name), text)
            app.env.note_dependency(str(path))


def _write_exports(app: Sphinx, exception) -> None:
    """``build-finished``: glossary.json, glossary.jsonld and robots.txt at the site root."""
    if exception is not None or app.builder.format != "html":
        return
    glossary = glossary_of(app.env)
    if glossary is None:
        return
    base = app.config.html_baseurl or None
    out = Path(app.outdir)

    def exports() -> dict[str, str]:
        return {
            name: json.dumps(data, ensure_ascii=False, indent=1) + "\n"
            for name, data in (
                ("glossary.json", export.to_json(glossary, base)),
                ("glossary.jsonld", export.to_skos(glossary, base)),
            )
        }

    # made again only when the glossary (or the code) changed: 1 s at 1,000 terms;
    # and not read back to be compared while the files are as they were left
    key = f"{getattr(app.env, 'relu_glossary_key', '')} {base}"
    kept = cache_dir(app)
    write_all_if_changed(
        out, lambda: cached(kept / "exports.pickle", key, exports), key, kept / "exports-written.pickle"
    )
    robots = "User-agent: *\nAllow: /\n" + (f"Sitemap: {base}sitemap.xml\n" if base else "")
    write_if_changed(out / "robots.txt", robots)


def setup(app: Sphinx) -> None:
    if app.config.html_baseurl:  # conf.py's value is known while extensions are set up
        app.setup_extension("sphinxext.opengraph")
        app.connect("config-inited", _open_graph_at_the_site)
    app.connect("builder-inited", _say_what_is_left_out)
    app.connect("builder-inited", _write_linking_examples)
    app.connect("build-finished", _write_exports)

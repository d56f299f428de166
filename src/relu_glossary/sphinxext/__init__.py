"""The content extension: the glossary's pages, the executable parts, math and search.

Works with any HTML theme.  Each module wires plain-Python code to Sphinx events:
``generate`` (the glossary's pages), ``term_directive`` and
``function_directive`` (what a term page shows), ``term_nav`` (previous and
next terms: term pages are in no toctree), ``hover`` (each page's previews of
the terms it links to), ``claim_directive`` (prose checked against the numbers
it interprets), ``front`` (computed pieces for pages written by hand),
``explorer`` (the reader's own calculator, from
``explorer_markup`` and the JavaScript port of ``activations``), ``per_document``
(what they note about each page, kept across parallel reads), ``code_fingerprints`` (re-read a
page when the code it runs changed), ``notebooks``, ``execution`` (failures of
notebook cells as one line each, outputs bounded), ``interrupt`` (SIGTERM and
SIGINT stop every process of the build), ``gc_freeze`` (a sphinx-build process keeps
what lives through the build out of the garbage collector's way), ``mathml``, ``typography`` (no space between
two Japanese characters), ``translations`` (the interface in Japanese), ``search`` and ``search_text`` (each
page's text for the search's snippets), ``assets`` (the
site's own CSS and scripts), ``publishing`` and ``sitemap`` (exports, robots.txt,
Open Graph and the sitemap), and two that make an incremental
build the clean build: ``sitewide`` (every page written again when the
navigation changes) and ``leftovers`` (files of removed pages go);
``shared_sidebar`` draws the sidebar of pages in no toctree once per folder.  ``codedeps``,
``ngrams`` and ``cell_outputs`` are plain Python they use; ``pybtex_plugins``
holds the bibliography style and keeps pybtex from searching the installed
packages on every citation.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from relu_glossary import __version__
from relu_glossary.sphinxext import (
    appears,
    assets,
    claim_directive,
    code_fingerprints,
    execution,
    explorer,
    front,
    function_directive,
    gc_freeze,
    generate,
    hover,
    interrupt,
    leftovers,
    mathml,
    notebooks,
    publishing,
    pybtex_plugins,
    search,
    search_text,
    shared_sidebar,
    sitemap,
    sitewide,
    term_directive,
    term_nav,
    translations,
    typography,
)


def setup(app: Sphinx) -> dict:
    generate.setup(app)
    code_fingerprints.setup(app)
    term_directive.setup(app)
    term_nav.setup(app)
    hover.setup(app)
    function_directive.setup(app)
    appears.setup(app)
    front.setup(app)
    claim_directive.setup(app)
    explorer.setup(app)
    notebooks.setup(app)
    execution.setup(app)
    interrupt.setup(app)
    gc_freeze.setup(app)
    leftovers.setup(app)
    mathml.setup(app)
    typography.setup(app)
    translations.setup(app)
    search.setup(app)
    search_text.setup(app)
    sitemap.setup(app)
    sitewide.setup(app)
    shared_sidebar.setup(app)
    assets.setup(app)
    publishing.setup(app)
    pybtex_plugins.setup(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 5,  # 5: env.relu_explorer_labels (explorer.py); 4: env.relu_term_links (hover.py)
    }

"""Sphinx adapter for the ReLU glossary: wires the plain-Python modules to events."""

from __future__ import annotations

from sphinx.application import Sphinx

from relu_glossary import __version__
from relu_glossary.sphinxext import (assets, code_fingerprints, explorer, function_directive, glossary, image_sizes,
                                    mathml, notebooks, search, stylesheet, term_directive)


def setup(app: Sphinx) -> dict:
    glossary.setup(app)
    code_fingerprints.setup(app)
    term_directive.setup(app)
    function_directive.setup(app)
    explorer.setup(app)
    notebooks.setup(app)
    mathml.setup(app)
    image_sizes.setup(app)
    search.setup(app)
    assets.setup(app)
    stylesheet.setup(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 2,
    }

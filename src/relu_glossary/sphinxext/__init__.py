"""Sphinx adapter for the ReLU glossary: wires the plain-Python modules to events."""

from __future__ import annotations

from sphinx.application import Sphinx

from relu_glossary import __version__
from relu_glossary.sphinxext import notebooks


def setup(app: Sphinx) -> dict:
    notebooks.setup(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }

"""The YAML glossary: read, check and model the terms (plain Python, no Sphinx)."""

from relu_glossary.glossary.load import Result, load
from relu_glossary.glossary.model import Glossary, Term, normalise

__all__ = ["Glossary", "Result", "Term", "load", "normalise"]

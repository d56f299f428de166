"""The bibliography style: pybtex's plain, with a thesis's own type."""

from __future__ import annotations

import pytest
from helpers import REPO
from pybtex.database import parse_string
from pybtex.style.formatting.plain import Style as PlainStyle

from relu_glossary.sphinxext.pybtex_plugins import Style

BIBLIOGRAPHY = parse_string((REPO / "glossary" / "references.bib").read_text(encoding="utf-8"), "bibtex")
THESIS = """\
@mastersthesis{{key,
  author = {{Muster, Erika}},
  title  = {{Ein {{T}}itel}},
  school = {{Universit{{\\"a}}t}},
  {type}year   = {{1999}}
}}
"""


def formatted(style, entries) -> list[str]:
    return [entry.text.render_as("text") for entry in style.format_entries(entries)]


@pytest.mark.parametrize(
    "type_field, shown",
    [("type = {Diplomarbeit},\n  ", "Diplomarbeit, Universität, 1999."), ("", "Master's thesis, Universität, 1999.")],
    ids=["with a type", "without"],
)
def test_a_masters_thesis_shows_its_type_as_bibtex_does(type_field, shown):
    entry = parse_string(THESIS.format(type=type_field), "bibtex").entries["key"]
    assert formatted(Style(), [entry]) == [f"Erika Muster. Ein Titel. {shown}"]


def test_every_other_entry_reads_as_in_pybtexs_plain_style():
    others = [entry for entry in BIBLIOGRAPHY.entries.values() if entry.type != "mastersthesis"]
    assert len(others) > 30
    assert formatted(Style(), others) == formatted(PlainStyle(), others)


def test_hochreiters_thesis_is_cited_as_a_diplomarbeit(site):
    page = (site / "terms" / "vanishing-gradient.html").read_text(encoding="utf-8")
    assert "Netzen. Diplomarbeit, Institut für Informatik" in page
    assert not [path.name for path in site.rglob("*.html") if "Master's thesis" in path.read_text(encoding="utf-8")]

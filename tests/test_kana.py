"""五十音 order: the readings' sort key agrees with ICU's Japanese collation, and the
index, the previous/next links and the rows agree with each other (no Sphinx)."""

from __future__ import annotations

import json
import re

import icu
from helpers import REPO
from hypothesis import given
from hypothesis import strategies as st

from relu_glossary.glossary import load, urls
from relu_glossary.glossary.kana import kana_row, reading_order_key
from relu_glossary.glossary.model import Glossary, Term
from relu_glossary.glossary.render.pages import reading_order, render

JAPANESE = icu.Collator.createInstance(icu.Locale("ja_JP"))


def _icu(reading: str) -> bytes:
    return JAPANESE.getSortKey(reading)


def test_the_glossary_index_lists_the_terms_in_dictionary_order():
    glossary = load(REPO / "glossary").glossary
    readings = [glossary.terms[term_id].reading for term_id in reading_order(glossary)]
    assert readings == sorted(readings, key=_icu)
    # the cases code-point order got wrong: が with か, ー read as its vowel
    assert readings.index("かがくしゅう") < readings.index("がくしゅうりつ") < readings.index("かくれそう")
    assert readings.index("じぇるー") < readings.index("しぐもいどかんすう")
    assert readings.index("ぱーせぷとろん") < readings.index("はいぱぼりっくたんじぇんと")


def _schema_characters() -> str:
    """Every character term.schema.json lets a reading hold."""
    schema = json.loads((REPO / "glossary" / "term.schema.json").read_text(encoding="utf-8"))
    pattern = re.compile(schema["properties"]["reading"]["pattern"])
    return "".join(c for c in map(chr, range(0x20, 0x3100)) if pattern.fullmatch(c))


_readings = st.text(alphabet=_schema_characters(), min_size=1, max_size=6)


def test_the_schema_allows_kana_of_both_scripts_and_the_marks():
    allowed = _schema_characters()
    assert {"あ", "ゖ", "ア", "ヺ", "ー", "・", " "} <= set(allowed) and "a" not in allowed


@given(_readings, _readings)
def test_any_two_readings_sort_as_icu_sorts_them(a, b):
    assert (reading_order_key(a) < reading_order_key(b)) == (_icu(a) < _icu(b)), (a, b)
    assert (reading_order_key(a) == reading_order_key(b)) == (_icu(a) == _icu(b)), (a, b)


def test_a_reading_files_under_the_row_of_its_first_kana():
    rows = {
        "がくしゅう": "か",  # voiced: with its row
        "ぱーせぷとろん": "は",
        "ゔぁ": "あ",
        "ぁ": "あ",  # small: with its large kana
        "っ": "た",
        "ゃ": "や",
        "ザビエル": "さ",  # katakana
        "ゐ": "わ",
        "ヷいん": "わ",  # no hiragana of its own
        " か": "か",
        "ー": "他",
        "・あ": "他",
    }
    assert {reading: kana_row(reading) for reading in rows} == rows


def _term(term_id: str, reading: str) -> Term:
    return Term(term_id, f"用語{term_id}", f"Term {term_id}", reading, "要約。", "定義。", "concept")


def test_the_previous_and_next_links_follow_the_index():
    """Readings that sort first in a dictionary but file under no row (・, ー) are
    listed last, under その他: the previous/next chain must list them last too."""
    readings = {"a": "・あ", "b": "かい", "c": "ーあ", "d": "がい", "e": "あい", "f": " わ", "g": "ヷいん", "h": "ん"}
    glossary = Glossary({i: _term(i, r) for i, r in readings.items()}, [])
    order = reading_order(glossary)
    index = render(glossary)[f"{urls.INDEX_DOC}.rst"]
    listed = re.findall(r":term:`用語(\w)", index.split("五十音順", 1)[1])
    assert listed == order
    assert order == ["e", "b", "d", "f", "g", "h", "a", "c"]

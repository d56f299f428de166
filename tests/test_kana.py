"""五十音 order: the readings' sort key agrees with ICU's Japanese collation (no Sphinx)."""

from __future__ import annotations

import icu
from helpers import REPO
from hypothesis import given
from hypothesis import strategies as st

from relu_glossary.glossary import load
from relu_glossary.glossary.kana import kana_row, reading_order_key
from relu_glossary.glossary.render.pages import reading_order

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


# Kana a reading is made of: plain, voiced, half-voiced, small, katakana and the
# long-vowel mark (never first, never after ん, where it has no vowel to lengthen).
_KANA = (
    "あいうえおかがきぎくけこさしじすせそたちつってでとなにのはばぱひびぴふへほまみむめも"
    "やゃゆゅよょらりるれろわゐゑをんぁぃぇゔカガキヴー"
)
_readings = st.text(alphabet=_KANA, min_size=1, max_size=6).filter(
    lambda r: not r.startswith("ー") and "んー" not in r and "ンー" not in r
)


@given(_readings, _readings)
def test_any_two_readings_sort_as_icu_sorts_them(a, b):
    assert (reading_order_key(a) < reading_order_key(b)) == (_icu(a) < _icu(b)), (a, b)
    assert (reading_order_key(a) == reading_order_key(b)) == (_icu(a) == _icu(b)), (a, b)


def test_a_reading_files_under_the_row_of_its_first_kana():
    readings = ["がくしゅう", "ぱーせぷとろん", "ゔぁ", "ぁ", "っ", "ゃ", "ザビエル", "ゐ", "ー", ""]
    rows = {r: kana_row(r) for r in readings}
    assert rows == {
        "がくしゅう": "か",
        "ぱーせぷとろん": "は",
        "ゔぁ": "あ",
        "ぁ": "あ",
        "っ": "た",
        "ゃ": "や",
        "ザビエル": "さ",
        "ゐ": "わ",
        "ー": "他",
        "": "他",
    }

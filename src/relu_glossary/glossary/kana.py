"""Readings in kana: the 五十音 row a term files under, and dictionary order.

Dictionary order (JIS X 4061, as Japanese dictionaries and ICU's ``ja`` collation
sort) is not code-point order: が sorts with か (かがくしゅう before がくしゅう before
かくれそう), a small kana with its large one, and the long-vowel mark ー as the vowel
it lengthens (れるー as れるう).  Sorting by code point put every が-word after every
か-word and ー after ん.  The tests check this key against ICU's ``ja`` collation;
the site does not carry ICU (75 MB) to sort a few readings.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_VOICING = {"\u3099": 1, "\u309a": 2}  # combining ゛ and ゜ (after NFD)
_SMALL_TO_LARGE = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
#: The 五十音 table: each row's kana in the columns あ い う え お (・ where a row has none).
_TABLE = {
    "あ": "あいうえお",
    "か": "かきくけこ",
    "さ": "さしすせそ",
    "た": "たちつてと",
    "な": "なにぬねの",
    "は": "はひふへほ",
    "ま": "まみむめも",
    "や": "や・ゆ・よ",
    "ら": "らりるれろ",
    "わ": "わゐ・ゑを",
}
_ROW_OF = {kana: row for row, kanas in _TABLE.items() for kana in kanas if kana != "・"} | {"ん": "わ"}
#: The vowel a kana ends in: what a long-vowel mark after it lengthens (ん has none).
_VOWEL_OF = {kana: vowel for kanas in _TABLE.values() for kana, vowel in zip(kanas, "あいうえお", strict=True)}
del _VOWEL_OF["・"]


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _base(kana: str) -> tuple[str, int]:
    """A hiragana without its voicing mark, made large, and the mark (0 none, 1 ゛, 2 ゜)."""
    decomposed = unicodedata.normalize("NFD", kana)
    return decomposed[0].translate(_SMALL_TO_LARGE), _VOICING.get(decomposed[1:2], 0)


def kana_row(reading: str) -> str:
    """The 五十音 row (あ, か, さ, ...) a reading files under, or 他: voiced and small
    kana go with their row (が under か, ぁ under あ)."""
    first = to_hiragana(reading.strip())[:1]
    return _ROW_OF.get(_base(first)[0], "他") if first else "他"


@cache  # a glossary sorts its terms' relations by it once per term
def reading_order_key(reading: str) -> tuple:
    """Sort key for dictionary order: compare the kana with voicing marks removed,
    small kana made large and ー read as its vowel; then, where those are equal,
    unvoiced before ゛ before ゜, then ー before small before large
    (かー, かぁ, かあ).  Katakana sort as hiragana."""
    letters, marks, sizes = [], [], []
    for kana in to_hiragana(unicodedata.normalize("NFKC", reading)):
        letter, mark = _base(kana)
        if kana == "ー" and letters:
            letter, size = _VOWEL_OF.get(letters[-1], letters[-1]), 0
        else:
            size = 1 if letter != unicodedata.normalize("NFD", kana)[0] else 2
        letters.append(letter)
        marks.append(mark)
        sizes.append(size)
    return "".join(letters), tuple(marks), tuple(sizes)

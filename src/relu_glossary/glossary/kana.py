"""Readings in kana: the 五十音 row a term files under, and dictionary order.

Dictionary order (JIS X 4061, as Japanese dictionaries and ICU's ``ja`` collation
sort) is not code-point order: が sorts with か (かがくしゅう before がくしゅう before
かくれそう), a small kana with its large one, and the long-vowel mark ー as the vowel
it lengthens (れるー as れるう).  Sorting by code point put every が-word after every
か-word and ー after ん.  The tests check this key against ICU's ``ja`` collation
over every character a reading may hold; the site does not carry ICU (75 MB) to
sort a few readings.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_VOICING = {"\u3099": 1, "\u309a": 2}  # combining ゛ and ゜, apart after NFD (が = か + ゛)
_SMALL_TO_LARGE = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
#: The 五十音 table: each row's kana in the columns あ い う え お ("" where a row has none).
_TABLE = {
    "あ": ("あ", "い", "う", "え", "お"),
    "か": ("か", "き", "く", "け", "こ"),
    "さ": ("さ", "し", "す", "せ", "そ"),
    "た": ("た", "ち", "つ", "て", "と"),
    "な": ("な", "に", "ぬ", "ね", "の"),
    "は": ("は", "ひ", "ふ", "へ", "ほ"),
    "ま": ("ま", "み", "む", "め", "も"),
    "や": ("や", "", "ゆ", "", "よ"),
    "ら": ("ら", "り", "る", "れ", "ろ"),
    "わ": ("わ", "ゐ", "", "ゑ", "を"),
}
#: The rows in the index's order; readings that start with no kana come last.
ROWS = (*_TABLE, "他")
_ROW_OF = {kana: row for row, kanas in _TABLE.items() for kana in kanas if kana} | {"ん": "わ"}
#: The vowel a kana ends in: what a long-vowel mark after it lengthens (ん has none).
_VOWEL_OF = {kana: vowel for kanas in _TABLE.values() for kana, vowel in zip(kanas, "あいうえお", strict=True) if kana}
#: What sorts before every kana, in ICU's order: a space, ・, and a ー that follows
#: no vowel (at the start, after ん, ・ or a space).  Stand-ins below ぁ (U+3041).
_BEFORE_KANA = {" ": " ", "・": "!", "ー": '"'}


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _letters(reading: str) -> str:
    """Hiragana with voicing marks apart (NFD first: ヷ is ワ + ゛, and has no hiragana)."""
    return to_hiragana(unicodedata.normalize("NFD", unicodedata.normalize("NFKC", reading)))


def kana_row(reading: str) -> str:
    """The 五十音 row (あ, か, さ, ...) a reading files under, or 他: voiced and small
    kana go with their row (が under か, ぁ under あ, ヷ under わ)."""
    first = _letters(reading.strip())[:1]
    return _ROW_OF.get(first.translate(_SMALL_TO_LARGE), "他")


@cache
def reading_order_key(reading: str) -> tuple:
    """Sort key for dictionary order: compare the kana with voicing marks removed,
    small kana made large and ー read as its vowel; then, where those are equal,
    unvoiced before ゛ before ゜, then ー before small before large
    (かー, かぁ, かあ).  Katakana sort as hiragana."""
    letters, marks, sizes = [], [], []
    for c in _letters(reading):
        if c in _VOICING and letters:
            marks[-1] = _VOICING[c]
            continue
        if c == "ー":
            letter, size = _VOWEL_OF.get(letters[-1] if letters else "", _BEFORE_KANA["ー"]), 0
        elif c in _BEFORE_KANA:
            letter, size = _BEFORE_KANA[c], 2
        else:
            letter = c.translate(_SMALL_TO_LARGE)
            size = 1 if letter != c else 2
        letters.append(letter)
        marks.append(0)
        sizes.append(size)
    return "".join(letters), tuple(marks), tuple(sizes)


@cache  # a glossary sorts its terms' relations by it once per term
def index_order_key(reading: str) -> tuple:
    """Where a reading sits in the glossary's 五十音 index: its row, then dictionary
    order within the row (a reading that starts with no kana is listed under 他, last)."""
    return ROWS.index(kana_row(reading)), reading_order_key(reading.strip())

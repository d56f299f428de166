"""Split text into search tokens: words for Latin script, character n-grams for Japanese.

Japanese is written without spaces, and a dictionary-based splitter cuts
compounds in ways a reader's query will not match (勾配消失 is not a word of
勾配消失問題 to such a splitter).  Indexing every pair of adjacent characters
finds any query of two or more characters as a sequence of pairs, whatever the
compound; single kanji are indexed too, for one-character queries (値, 層).
The browser splits the query with the same rules (``SPLIT_QUERY_JS``), so index
and query always agree.

Tokens that every page has are left out of both, as they tell no page from
another and cost a place in the index for every page (a quarter of the index
at 1,000 terms): single kana (の, は, ー) and the pairs of kana that grammar puts
in every sentence (``STOP_PAIRS``: です, ます, する, ...).  A query made only of
them finds nothing; any other query keeps the rest of its pairs.

So are the pairs that straddle two words rather than lie in one: where kana
meets a kanji after it (の研, と比: a particle, then a word), hiragana meets
katakana (のソ, トの), or a kanji meets a particle that never spells a word with
it (数の, 値を: ``PARTICLES``).  Other kanji followed by hiragana stay, as they
spell one word (大き, 使う, 上が, 特に, 最も).  A query loses the same pairs, so it
still finds every page that holds it; at 1,000 terms the straddling pairs were a
sixth of the index.
"""

from __future__ import annotations

import re
import unicodedata

# Kana, CJK ideographs (with 々 and the prolonged sound mark ー): scripts written without spaces.
_JAPANESE = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[A-Za-z0-9_]+|[{_JAPANESE}]+")
_LATIN = re.compile(r"[A-Za-z0-9_]+")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")

#: Pairs of kana in nearly every Japanese sentence: endings, particles, demonstratives.
STOP_PAIRS = frozenset(
    "です ます まし した して する され れる られ ある あり いる いう こと もの ため よう など から "
    "まで より ので ない なる なり なっ この その これ それ とい とし では には とは での への との でも "
    "ても だけ おり てい てお った って につ にな をし がる れた れて れま りま".split()
)


#: Particles that follow a noun and are never its okurigana (unlike が in 上がる,
#: に in 特に or も in 最も).
PARTICLES = frozenset("のをはでとへや")


def _script(char: str) -> str:
    return "hiragana" if _HIRAGANA.match(char) else "katakana" if _KANA.match(char) else "kanji"


def _kept(token: str) -> bool:
    if len(token) == 1:
        return not _KANA.match(token)
    first, second = _script(token[0]), _script(token[1])
    if first != second and not (first == "kanji" and second == "hiragana" and token[1] not in PARTICLES):
        return False  # across two words (の研, トの, 数の); other kanji + hiragana spell one (大き)
    return token not in STOP_PAIRS


def index_tokens(text: str) -> list[str]:
    """Tokens to index: Latin words, and the 1- and 2-character n-grams of a
    Japanese run, but for single kana and ``STOP_PAIRS``."""
    out = []
    for run in _TOKEN.findall(unicodedata.normalize("NFKC", text)):
        if _LATIN.fullmatch(run):
            out.append(run.lower())
            continue
        out.extend(c for c in run if _kept(c))
        out.extend(pair for i in range(len(run) - 1) if _kept(pair := run[i : i + 2]))
    return out


SPLIT_QUERY_JS = r"""
/* The query is split as the index was (relu_glossary.sphinxext.ngrams): Latin words, and the
   2-character n-grams of a Japanese run (the character itself for a one-character run),
   without single kana, the pairs every page has and the pairs across two words. */
var splitQuery = (query) => {
  const stop = new Set("STOP_PAIRS".split(" "));
  const script = (c) => (/[\u3040-\u309f]/.test(c) ? "h" : /[\u30a0-\u30ff]/.test(c) ? "k" : "c");
  const oneWord = (t) =>
    script(t[0]) === script(t[1]) || (script(t[0]) === "c" && script(t[1]) === "h" && !"PARTICLES".includes(t[1]));
  const kept = (t) => (t.length === 1 ? !/[\u3040-\u30ff]/.test(t) : oneWord(t) && !stop.has(t));
  const out = [];
  const token = /[A-Za-z0-9_]+|[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  for (const match of query.normalize("NFKC").matchAll(token)) {
    const run = match[0];
    if (/^[A-Za-z0-9_]+$/.test(run)) out.push(run.toLowerCase());
    else if (run.length === 1) { if (kept(run)) out.push(run); }
    else for (let i = 0; i + 1 < run.length; i++) { if (kept(run.slice(i, i + 2))) out.push(run.slice(i, i + 2)); }
  }
  return out;
};
""".replace("STOP_PAIRS", " ".join(sorted(STOP_PAIRS))).replace("PARTICLES", "".join(sorted(PARTICLES)))

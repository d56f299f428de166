"""Split text into search tokens: words for Latin script, character n-grams for Japanese.

Japanese is written without spaces, and a dictionary-based splitter cuts
compounds in ways a reader's query will not match (勾配消失 is not a word of
勾配消失問題 to such a splitter).  Indexing every single character and every
pair of adjacent characters finds any query of two or more characters as a
sequence of pairs, whatever the compound.  The browser splits the query with the
same rules (``SPLIT_QUERY_JS``), so index and query always agree.
"""

from __future__ import annotations

import re
import unicodedata

# Kana, CJK ideographs (with 々 and the prolonged sound mark ー): scripts written without spaces.
_JAPANESE = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[A-Za-z0-9_]+|[{_JAPANESE}]+")
_LATIN = re.compile(r"[A-Za-z0-9_]+")


def index_tokens(text: str) -> list[str]:
    """Tokens to index: Latin words, and every 1- and 2-character n-gram of a Japanese run."""
    out = []
    for run in _TOKEN.findall(unicodedata.normalize("NFKC", text)):
        if _LATIN.fullmatch(run):
            out.append(run.lower())
            continue
        out.extend(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


SPLIT_QUERY_JS = r"""
/* The query is split as the index was (relu_glossary.sphinxext.ngrams): Latin words, and the
   2-character n-grams of a Japanese run (the character itself for a one-character run). */
var splitQuery = (query) => {
  const out = [];
  const token = /[A-Za-z0-9_]+|[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  for (const match of query.normalize("NFKC").matchAll(token)) {
    const run = match[0];
    if (/^[A-Za-z0-9_]+$/.test(run)) out.push(run.toLowerCase());
    else if (run.length === 1) out.push(run);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
};
"""

"""The search index in parts, so that the search page loads what its query needs.

Sphinx's search page loads the whole index (``searchindex.js``) before it answers:
at 1,000 terms that is 180 KB gzip, most of a second on a phone's slow line.
Three quarters of it are the lists of pages of the words of the pages' text,
of which a query needs a few.  So the index is also written in parts, in
``_search/`` (gzip sizes at 1,000 synthetic terms):

* ``base``: everything but the words of the pages' text (the pages' names and
  titles, the words of the titles, the headings): what every query needs (44 KB);
* ``latin``: the Latin words of the text (a Latin query also matches words that
  contain it, ``relu`` in ``relu6``, so they stay together) (26 KB);
* ``ja00`` .. ``ja15``: the Japanese words of the text (n-grams of at most two
  characters, which match only themselves), by a hash of the word (8-12 KB each).

A search for ``relu`` loads 70 KB of index, one for 勾配消失 about 75 KB.

The search page (docs/_templates/search.html) runs :func:`loader_js` in its
head: it splits the query as Sphinx will (``ngrams.SPLIT_QUERY_JS``), loads the
base and the parts of the query's words, and, once the page's scripts have run,
hands Sphinx the index they make, which answers that query exactly as the whole
index does.  If a part cannot be loaded, Sphinx gets the whole index instead.
The page loads the parts by ``<script>``, as Sphinx loads its index, so search
still works from ``file://``.  Each part's file is named by a hash of its
content (``ja04.<hash>.js``): a cached search page asks for the parts of its
own build, never for a mix of two, and an unchanged part stays in the cache.
``searchindex.js`` is still written, whole, as Sphinx writes it.

Plain Python: the Sphinx glue is in ``sphinxext.search``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from relu_glossary.glossary.render.script_json import script_json
from relu_glossary.sphinxext.ngrams import SPLIT_QUERY_JS

FOLDER = "_search"
BASE, LATIN = "base", "latin"
#: Japanese parts: at 1,000 terms each holds 8-12 KB gzip of the 110 KB.
JAPANESE_PARTS = 16
NAMES = (BASE, LATIN, *(f"ja{i:02d}" for i in range(JAPANESE_PARTS)))


def part_of(word: str) -> str:
    """The part a word of the text is in (``partOf`` in :data:`LOADER_JS` agrees).
    A word with any Latin in it goes with the Latin words: a Latin query word
    matches inside other words (a keyword ``ReLU関数`` for ``relu``)."""
    if any(char.isascii() for char in word):
        return LATIN
    h = 0
    for char in word:
        h = (h * 31 + ord(char)) % JAPANESE_PARTS
    return f"ja{h:02d}"


def split_index(index: dict) -> dict[str, dict]:
    """Sphinx's frozen index (``IndexBuilder.freeze()``) as parts, one per name in
    :data:`NAMES`: the base without ``terms``, and ``terms`` shared out by word."""
    parts: dict[str, dict] = {name: {} for name in NAMES}
    parts[BASE] = {key: value for key, value in index.items() if key != "terms"}
    for word, pages in sorted(index["terms"].items()):
        parts[part_of(word)][word] = pages
    return parts


def part_js(name: str, data: dict) -> str:
    # JSON is a JavaScript expression; the file is a script, never inlined in HTML
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f'RELU_SEARCH_PART("{name}",{text});\n'


def file_name(name: str, text: str) -> str:
    """``ja04.<hash of the text>.js``: a new name whenever the part changes."""
    return f"{name}.{hashlib.sha256(text.encode()).hexdigest()[:10]}.js"


def names_on_disk(folder: Path) -> dict[str, str]:
    """The file of each part in ``folder`` (``{"ja04": "ja04.<hash>.js"}``)."""
    return dict(sorted((path.name.split(".")[0], path.name) for path in folder.glob("*.js")))


LOADER_JS = """(() => {
  /* sphinxext/search_parts.py: load the parts of the index this query needs */
  const config = CONFIG;
  /*SPLIT_QUERY*/
  const query = new URLSearchParams(location.search).get("q") || "";
  if (!query) return;  // Sphinx searches for nothing: nothing to load (Search.init)
  const partOf = (word) => {
    if (/[\\x00-\\x7f]/.test(word)) return config.latin;
    let h = 0;
    for (const c of word) h = (h * 31 + c.codePointAt(0)) % config.japaneseParts;
    return "ja" + String(h).padStart(2, "0");
  };
  const wanted = [...new Set([config.base, ...splitQuery(query).map(partOf)])];
  const parts = new Map();
  let ready = false, failed = false, handed = false;
  // The terms' names, for the ranking (search-scorer.js), only when there is a query.
  let namesPending = Boolean(config.names);
  // Only once every deferred script has run: searchtools.js starts the search as soon
  // as it has an index, and the search needs language_data.js (its stemmer, the scorer).
  const hand = () => {
    if (handed || !ready || namesPending) return;
    if (!(failed || wanted.every((name) => parts.has(name)))) return;
    handed = true;
    if (failed) return Search.loadIndex(config.whole);  // a part is missing: the whole index
    const index = parts.get(config.base);
    index.terms = {};
    for (const [name, terms] of parts) if (name !== config.base) Object.assign(index.terms, terms);
    Search.setIndex(index);
  };
  window.RELU_SEARCH_PART = (name, data) => {
    parts.set(name, data);
    hand();
  };
  document.addEventListener("DOMContentLoaded", () => {
    ready = true;
    hand();
  });
  for (const name of wanted) {
    const script = document.createElement("script");
    script.src = `${config.folder}/${config.files[name]}`;
    script.onerror = () => {
      failed = true;
      hand();
    };
    document.head.append(script);
  }
  if (config.names) {
    const script = document.createElement("script");
    script.src = config.names;
    // without the names the search still answers, ranked as Sphinx ranks
    script.onload = script.onerror = () => {
      namesPending = false;
      hand();
    };
    document.head.append(script);
  }
})();"""


def loader_js(
    files: dict[str, str], folder: str = FOLDER, whole: str = "searchindex.js", names: str | None = None
) -> str:
    """The search page's inline script: ``files`` names each part's file
    (:func:`file_name`); ``folder`` and ``whole`` are the URLs of the parts' folder
    and of the whole index, from the search page; ``names``, if given, the URL of
    the terms' names, loaded with the parts and waited for as they are."""
    files = dict(sorted(files.items()))  # the same page whichever build wrote the parts
    config = {"base": BASE, "latin": LATIN, "japaneseParts": JAPANESE_PARTS, "folder": folder, "whole": whole}
    config |= {"names": names, "files": files}
    # inline in the page's HTML: written as any JSON in a <script> element is
    return LOADER_JS.replace("CONFIG", script_json(config)).replace("/*SPLIT_QUERY*/", SPLIT_QUERY_JS.strip())

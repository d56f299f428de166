"""The index in parts (sphinxext.search_parts), without Sphinx: the parts hold the
whole index and nothing twice, and the search page's loader (run in Node, with a
stand-in page) asks for exactly the parts its query's words are in and hands
Sphinx the index they make."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from helpers import NODE

from relu_glossary.sphinxext.ngrams import SPLIT_QUERY_JS, index_tokens
from relu_glossary.sphinxext.search_parts import (
    BASE,
    LATIN,
    NAMES,
    file_name,
    loader_js,
    part_js,
    part_of,
    split_index,
)

INDEX = {
    "docnames": ["index", "terms/relu", "terms/vanishing-gradient"],
    "filenames": ["index.md", "terms/relu.rst", "terms/vanishing-gradient.rst"],
    "titles": ["用語集", "ReLU", "勾配消失問題"],
    "titleterms": {"relu": 1, "勾配": 2, "層": [0, 2]},
    "alltitles": {"ReLU": [[1, None]]},
    "terms": {
        word: pages
        for word, pages in [
            *((w, [0, 1]) for w in ("relu", "relu6", "leaky", "x", "relu関数")),
            *((w, 2) for w in index_tokens("勾配消失問題は学習を止める")),
            *((w, [1, 2]) for w in index_tokens("正規化と初期化の関数")),
        ]
    },
    "objects": {},
    "objtypes": {},
    "objnames": {},
    "indexentries": {},
    "envversion": {"sphinx": 65},
}


def test_the_parts_hold_the_whole_index_and_each_word_once():
    parts = split_index(INDEX)
    assert list(parts) == list(NAMES)
    assert parts[BASE] == {k: v for k, v in INDEX.items() if k != "terms"}
    words = [w for name in NAMES[1:] for w in parts[name]]
    assert sorted(words) == sorted(INDEX["terms"]) and len(words) == len(set(words))
    for name in NAMES[1:]:
        assert all(part_of(w) == name and parts[name][w] == INDEX["terms"][w] for w in parts[name])
    # "relu" matches inside "relu6" and inside a keyword "relu関数": together
    assert set(parts[LATIN]) == {"relu", "relu6", "leaky", "x", "relu関数"}
    assert len({part_of(w) for w in INDEX["terms"] if not w.isascii()}) > 3  # Japanese words are spread out


def test_a_part_is_a_script_that_hands_its_words_on_named_by_its_content():
    text = part_js("ja03", {"勾配": [1, 2]})
    assert text == 'RELU_SEARCH_PART("ja03",{"勾配":[1,2]});\n'
    assert re.fullmatch(r"ja03\.[0-9a-f]{10}\.js", file_name("ja03", text))
    assert file_name("ja03", text) != file_name("ja03", text.replace("2]", "3]"))


#: The loader in Node: a stand-in document records the scripts it adds.  Then, in the
#: order a page may see them: some parts arrive (FIRST of them), the page's deferred
#: scripts run (DOMContentLoaded), the other parts arrive, or fail (FAIL: their
#: script's onerror).  The stand-in Search records what it is given.
RUN_LOADER = """
const [query, parts, first, fail] = JSON.parse(process.argv[1]);
globalThis.location = {search: "?q=" + encodeURIComponent(query)};
const added = [], listeners = [];
globalThis.window = globalThis;
globalThis.document = {
  createElement: () => ({}),
  head: {append: (script) => added.push(script)},
  addEventListener: (event, f) => listeners.push(f),
};
LOADER
const got = [], calls = [];
globalThis.Search = {setIndex: (index) => got.push(index), loadIndex: (url) => calls.push(url)};
const arrive = (script) => {
  const name = script.src.split("/").pop().split(".")[0];
  if (fail.includes(name)) script.onerror();
  else RELU_SEARCH_PART(name, JSON.parse(JSON.stringify(parts[name])));
};
added.slice(0, first).forEach(arrive);
const before = got.length + calls.length;  // nothing may be handed on before the page's scripts ran
listeners.forEach((f) => f());
added.slice(first).forEach(arrive);
console.log(JSON.stringify({added: added.map((s) => s.src), got, calls, before, words: splitQuery(query)}));
"""


def _files(parts: dict) -> dict[str, str]:
    return {name: file_name(name, part_js(name, data)) for name, data in parts.items()}


def run_loader(query: str, parts: dict, first: int = 0, fail: tuple[str, ...] = ()) -> dict:
    # the query's words as Sphinx will split them (the splitter at top level, beside the loader's own)
    script = SPLIT_QUERY_JS + RUN_LOADER.replace("LOADER", loader_js(_files(parts)))
    argument = json.dumps([query, parts, first, list(fail)])
    result = subprocess.run([NODE, "-e", script, argument], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


QUERIES = ["relu", "ReLU6", "勾配消失", "He初期化 と 正規化", "-relu 関数", "xyzzy", "の", "層"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_loader_asks_for_the_parts_of_the_querys_words_and_hands_on_their_index(query):
    parts = split_index(INDEX)
    out = run_loader(query, parts, first=1)
    assert set(out["words"]) <= set(index_tokens(query))
    wanted = {BASE, *(part_of(w) for w in out["words"])}
    assert sorted(out["added"]) == sorted(f"_search/{_files(parts)[name]}" for name in wanted)
    assert out["before"] == 0 and out["calls"] == []
    assert len(out["got"]) == 1  # handed on once, when the page is ready and every part is in
    index = out["got"][0]
    assert {k: v for k, v in index.items() if k != "terms"} == parts[BASE]
    assert index["terms"] == {w: p for w, p in INDEX["terms"].items() if part_of(w) in wanted}
    # every word of the query the whole index has is there, with the same pages
    assert all(index["terms"][w] == INDEX["terms"][w] for w in out["words"] if w in INDEX["terms"])


def test_every_part_in_before_the_pages_scripts_ran_waits_for_them():
    """The race a reviewer found: the last part came after searchtools.js but before
    language_data.js, and the search started without its stemmer and scorer."""
    out = run_loader("勾配消失", split_index(INDEX), first=4)
    assert len(out["added"]) == 4 and out["before"] == 0 and len(out["got"]) == 1


@pytest.mark.parametrize("first", [0, 3])
def test_a_part_that_cannot_be_loaded_gives_sphinx_the_whole_index(first):
    parts = split_index(INDEX)
    failing = part_of("消失")
    out = run_loader("勾配消失", parts, first=first, fail=(failing,))
    assert out["got"] == [] and out["calls"] == ["searchindex.js"] and out["before"] == 0


def test_no_query_loads_nothing():
    out = run_loader("", split_index(INDEX))
    assert out["added"] == out["got"] == out["calls"] == out["words"] == []

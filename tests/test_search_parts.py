"""The index in parts (sphinxext.search_parts), without Sphinx: the parts hold the
whole index and nothing twice, and the search page's loader (run in Node, with a
stand-in page) asks for exactly the parts its query's words are in and hands
Sphinx the index they make."""

from __future__ import annotations

import json
import subprocess

import pytest
from helpers import NODE

from relu_glossary.sphinxext.ngrams import SPLIT_QUERY_JS, index_tokens
from relu_glossary.sphinxext.search_parts import BASE, LATIN, NAMES, digest, loader_js, part_js, part_of, split_index

INDEX = {
    "docnames": ["index", "terms/relu", "terms/vanishing-gradient"],
    "filenames": ["index.md", "terms/relu.rst", "terms/vanishing-gradient.rst"],
    "titles": ["用語集", "ReLU", "勾配消失問題"],
    "titleterms": {"relu": 1, "勾配": 2, "層": [0, 2]},
    "alltitles": {"ReLU": [[1, None]]},
    "terms": {
        word: pages
        for word, pages in [
            *((w, [0, 1]) for w in ("relu", "relu6", "leaky", "x")),
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
    assert set(parts[LATIN]) == {"relu", "relu6", "leaky", "x"}  # "relu" matches inside "relu6": together
    assert len({part_of(w) for w in INDEX["terms"] if not w.isascii()}) > 3  # Japanese words are spread out


def test_a_part_is_a_script_that_hands_its_words_on():
    text = part_js("ja03", {"勾配": [1, 2]})
    assert text == 'RELU_SEARCH_PART("ja03",{"勾配":[1,2]});\n'
    assert digest([text]) != digest([text.replace("2]", "3]")]) and len(digest([text])) == 12


#: The loader in Node: a stand-in document records the scripts it adds; each is then
#: "loaded" (its part handed on), searchtools.js's Search records the index it gets.
RUN_LOADER = """
const [query, parts] = JSON.parse(process.argv[1]);
globalThis.location = {search: "?q=" + encodeURIComponent(query)};
const added = [], listeners = [];
globalThis.window = globalThis;
globalThis.document = {
  createElement: () => ({}),
  head: {append: (script) => added.push(script.src)},
  addEventListener: (event, f) => listeners.push(f),
};
LOADER
const got = [];
globalThis.Search = {setIndex: (index) => got.push(index)};
for (const src of added) {
  const name = src.split("/").pop().split(".")[0];
  RELU_SEARCH_PART(name, JSON.parse(JSON.stringify(parts[name])));
}
listeners.forEach((f) => f());
console.log(JSON.stringify({added, got, words: splitQuery(query)}));
"""


def run_loader(query: str, parts: dict) -> dict:
    # the query's words as Sphinx will split them (the splitter at top level, beside the loader's own)
    script = SPLIT_QUERY_JS + RUN_LOADER.replace("LOADER", loader_js("0123456789ab"))
    result = subprocess.run([NODE, "-e", script, json.dumps([query, parts])], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


QUERIES = ["relu", "ReLU6", "勾配消失", "He初期化 と 正規化", "-relu 関数", "xyzzy", "の", "層"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_loader_asks_for_the_parts_of_the_querys_words_and_hands_on_their_index(query):
    parts = split_index(INDEX)
    out = run_loader(query, parts)
    assert set(out["words"]) <= set(index_tokens(query))
    wanted = {BASE, *(part_of(w) for w in out["words"])}
    assert sorted(out["added"]) == sorted(f"_search/{name}.js?v=0123456789ab" for name in wanted)
    assert len(out["got"]) == 1  # handed on once, whichever came last
    index = out["got"][0]
    assert {k: v for k, v in index.items() if k != "terms"} == parts[BASE]
    assert index["terms"] == {w: p for w, p in INDEX["terms"].items() if part_of(w) in wanted}
    # every word of the query the whole index has is there, with the same pages
    assert all(index["terms"][w] == INDEX["terms"][w] for w in out["words"] if w in INDEX["terms"])


def test_no_query_loads_nothing():
    assert run_loader("", split_index(INDEX)) == {"added": [], "got": [], "words": []}

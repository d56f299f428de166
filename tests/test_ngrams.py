"""Search tokens: what the index holds (Python) and what a query asks for (the
browser's splitQuery, run in Node) agree, so a query that a page contains
always finds the page; and what every page says is not in the index."""

from __future__ import annotations

import json
import random
import subprocess

from helpers import NODE

from relu_glossary.sphinxext.ngrams import SPLIT_QUERY_JS, STOP_PAIRS, index_tokens

TEXTS = [
    "ReLU は入力 x が正ならそのまま、0 以下なら 0 を返す関数です。",
    "勾配消失問題を和らげるために、He初期化とバッチ正規化を使います。",
    "死んだReLU は、ユニットへの入力がどのデータに対しても負になる現象です。",
    "Leaky ReLU の負の側の傾き a は 0.01 がよく使われる。しきい値を超えると発火する。",
    "ランプ関数（ramp function）は、整流線形ユニットとも呼ばれます。れるー",
]


def split_queries(queries: list[str]) -> list[list[str]]:
    script = SPLIT_QUERY_JS + "\nconsole.log(JSON.stringify(JSON.parse(process.argv[1]).map(splitQuery)));"
    result = subprocess.run([NODE, "-e", script, json.dumps(queries)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _inside_a_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and _latin(text[i - 1]) and _latin(text[i])


def test_every_query_a_text_contains_finds_the_text():
    rng = random.Random(0)
    pairs = []
    for text in TEXTS:
        while len([p for p in pairs if p[0] == text]) < 60:
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randint(1, 8))
            if _inside_a_word(text, start) or _inside_a_word(text, end):
                continue  # Latin is indexed by whole words, as Sphinx does
            pairs.append((text, text[start:end]))
    tokens = split_queries([query for _, query in pairs])
    for (text, query), asked in zip(pairs, tokens, strict=True):
        assert set(asked) <= set(index_tokens(text)), (query, asked)


def test_queries_for_terms_keep_their_telling_parts():
    asked = dict(zip(["勾配消失", "ReLUの", "値", "です", "の", "しきい値"], split_queries(
        ["勾配消失", "ReLUの", "値", "です", "の", "しきい値"]), strict=True))  # fmt: skip
    assert asked["勾配消失"] == ["勾配", "配消", "消失"]
    assert asked["ReLUの"] == ["relu"] and asked["値"] == ["値"]
    assert asked["です"] == [] and asked["の"] == []  # in every page: they would find every page
    assert asked["しきい値"] == ["しき", "きい"]  # い値 lies across two words, as in the index


def test_pairs_across_two_words_are_not_indexed():
    tokens = set(index_tokens("ReLUの研究と、ソフトプラスの勾配を比べる"))
    assert {"研究", "勾配", "ソフ", "プラ", "比べ"} <= tokens  # inside words, kanji + okurigana
    assert not {"の研", "の勾", "を比", "スの", "究と", "配を"} & tokens  # a particle and a word beside it
    assert {"上が", "特に", "最も"} <= set(index_tokens("上がる、特に、最も"))  # okurigana, not particles


def test_single_kana_and_grammar_pairs_are_not_indexed():
    tokens = index_tokens("これは関数です。")
    assert "関数" in tokens and "関" in tokens
    assert not {"こ", "れ", "は", "で", "す", "これ", "です"} & set(tokens)
    assert all(len(pair) == 2 for pair in STOP_PAIRS)

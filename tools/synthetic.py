"""A glossary grown to any size: synthetic terms added beside the real ones.

For `make bench` (builds at 100 and 1,000 terms) and the tests that check a
large glossary behaves as a small one does.  Deterministic: the same seed and
size write the same files.  The terms pass ``relu-glossary check``: Japanese
labels made of katakana and a kanji word, with their readings (every 五十音 row
starts some of them), English labels (a few starting with a digit), aliases,
summaries and definitions with ``{term}`` references and math, relations of
every type declared in both directions (to earlier and to later terms), hubs
with 50+ relations (ReLU among them), some terms with a registered function
and parameters, and citations from glossary/references.bib.

    python -m tools.synthetic glossary-copy/ 1000   # adds terms until there are 1,000
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from pathlib import Path

import yaml

from relu_glossary.glossary.kana import to_hiragana
from relu_glossary.glossary.model import normalise

#: Katakana syllables by the 五十音 row they file under (voiced ones with their row), with romaji.
ROWS = {
    "あ": "ア:a イ:i ウ:u エ:e オ:o",
    "か": "カ:ka キ:ki ク:ku ケ:ke コ:ko ガ:ga ギ:gi グ:gu ゲ:ge ゴ:go",
    "さ": "サ:sa シ:shi ス:su セ:se ソ:so ザ:za ジ:ji ズ:zu ゼ:ze ゾ:zo",
    "た": "タ:ta チ:chi ツ:tsu テ:te ト:to ダ:da デ:de ド:do",
    "な": "ナ:na ニ:ni ヌ:nu ネ:ne ノ:no",
    "は": "ハ:ha ヒ:hi フ:fu ヘ:he ホ:ho バ:ba ビ:bi ブ:bu ベ:be ボ:bo パ:pa ピ:pi プ:pu ペ:pe ポ:po",
    "ま": "マ:ma ミ:mi ム:mu メ:me モ:mo",
    "や": "ヤ:ya ユ:yu ヨ:yo",
    "ら": "ラ:ra リ:ri ル:ru レ:re ロ:ro",
    "わ": "ワ:wa",
}
SYLLABLES = {row: [tuple(s.split(":")) for s in text.split()] for row, text in ROWS.items()}
ALL_SYLLABLES = [s for row in SYLLABLES.values() for s in row] + [("ン", "n")]

#: (label word, its reading, English word, category it suits)
WORDS = [
    ("関数", "かんすう", "function", "activation"),
    ("活性化", "かっせいか", "activation", "activation"),
    ("ユニット", "ゆにっと", "unit", "activation"),
    ("層", "そう", "layer", "architecture"),
    ("ネットワーク", "ねっとわーく", "network", "architecture"),
    ("正則化", "せいそくか", "regularization", "technique"),
    ("初期化", "しょきか", "initialization", "technique"),
    ("最適化", "さいてきか", "optimization", "algorithm"),
    ("法", "ほう", "method", "algorithm"),
    ("勾配", "こうばい", "gradient", "concept"),
    ("損失", "そんしつ", "loss", "concept"),
    ("分布", "ぶんぷ", "distribution", "concept"),
    ("問題", "もんだい", "problem", "phenomenon"),
    ("現象", "げんしょう", "phenomenon", "phenomenon"),
    ("性", "せい", "property", "property"),
    ("近似", "きんじ", "approximation", "property"),
    ("学習", "がくしゅう", "learning", "field"),
    ("理論", "りろん", "theory", "field"),
]
MATH = [r"\max(0, x)", r"\sigma(x)", r"x^2", r"\frac{1}{n}", r"a x", r"e^{x} - 1", r"2/n_\text{in}", r"\tanh x"]
NOUNS = (
    "重み 勾配 出力 入力 損失 分散 平均 傾き 層 ユニット 学習率 誤差 確率 分布 閾値 特徴 表現 "
    "データ 精度 雑音 正則化項 初期値 計算量 メモリ 収束 汎化 過学習 活性 信号 符号"
).split()
VERBS = "保つ 抑える 速める 安定させる 近似する 比べる 調べる 減らす 広げる 揃える".split()
ADJECTIVES = "小さく 大きく 滑らかに 安定に 速く 扱いやすく わかりやすく".split()
#: Parameter values inside the explorer's slider ranges (sphinxext/explorer_markup.py).
PARAMETER_VALUES = {
    "negative_slope": [0.02, 0.05, 0.1, 0.2, 0.3],
    "weight": [0.1, 0.2, 0.5],
    "lower": [0.05, 0.1],
    "upper": [0.3, 0.4],
    "alpha": [0.5, 1.5, 2.0],
    "beta": [0.5, 2.0, 3.0],
    "threshold": [10.0, 30.0],
    "approximate": ["tanh"],
}
HUB_SIZE = 55  # relations of each synthetic hub
RELU_EVERY = 10  # one synthetic term in ten relates to ReLU
FUNCTION_EVERY = 15
PREFIX = "syn-"  # ids of synthetic terms start with it: never a real term's


class _Names:
    """Labels and aliases already taken, compared as the glossary compares them."""

    def __init__(self, taken: set[str]):
        self.taken = {normalise(n) for n in taken}

    def free(self, *names: str) -> bool:
        keys = [normalise(n) for n in names]
        return len(set(keys)) == len(keys) and not any(k in self.taken for k in keys)

    def take(self, *names: str) -> None:
        self.taken.update(normalise(n) for n in names)


def _existing(directory: Path) -> dict[str, dict]:
    terms = {}
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        terms[data["id"]] = data
    return terms


def _names_of(data: dict) -> list[str]:
    aliases = [a if isinstance(a, str) else a["name"] for a in data.get("aliases", [])]
    return [data["label"]["ja"], data["label"]["en"], *aliases]


def _declared(data: dict) -> set[tuple[str, frozenset]]:
    """(type, pair) of every relation a term file declares."""
    out = set()
    for rtype, items in data.get("relations", {}).items():
        for item in items:
            out.add((rtype, frozenset((data["id"], item if isinstance(item, str) else item["target"]))))
    return out


class Generator:
    def __init__(self, existing: dict[str, dict], total: int, seed: int, bib_keys: list[str]):
        self.rng = random.Random(seed)
        self.existing = existing
        self.bib_keys = bib_keys
        self.names = _Names({n for d in existing.values() for n in _names_of(d)})
        self.count = max(0, total - len(existing))
        self.terms: dict[str, dict] = {}
        self.relations: set[tuple[str, frozenset]] = set().union(*(_declared(d) for d in existing.values()))
        self.degree: Counter[str] = Counter()

    # --- names ------------------------------------------------------------------------

    def _label(self, i: int) -> tuple[str, str, str, str]:
        """(Japanese label, reading, English label, category); the first syllable
        walks through the 五十音 rows so that every row has terms."""
        row = list(SYLLABLES)[i % len(SYLLABLES)]
        for attempt in range(1000):
            first = self.rng.choice(SYLLABLES[row])
            rest = [self.rng.choice(ALL_SYLLABLES) for _ in range(self.rng.randint(1, 3 + attempt // 50))]
            if self.rng.random() < 0.2:
                rest.insert(self.rng.randrange(len(rest) + 1), ("ー", ""))
            kana = "".join(s[0] for s in [first, *rest])
            romaji = "".join(s[1] for s in [first, *rest])
            word, reading, english, category = self.rng.choice(WORDS)
            label = kana + word
            en = f"{romaji.capitalize()} {english}"
            if i % 50 == 7:
                en = f"{self.rng.randint(2, 9)}-{en}"  # filed under "#" in the alphabetical list
            if self.names.free(label, en):
                self.names.take(label, en)
                return label, to_hiragana(kana) + reading, en, category
        raise RuntimeError("no free name found")

    def _id(self, en: str) -> str:
        base = PREFIX + re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")
        term_id, n = base, 2
        while term_id in self.terms or term_id in self.existing:
            term_id, n = f"{base}-{n}", n + 1
        return term_id

    def _aliases(self, label: str, en: str) -> list:
        aliases: list = []
        kana = re.match(r"[ァ-ヺー]+", label)
        if kana and self.rng.random() < 0.4:
            hira = to_hiragana(kana.group(0)) + label[kana.end() :]
            if self.names.free(hira):
                self.names.take(hira)
                aliases.append({"name": hira, "lang": "ja", "note": "ひらがなで書く表記。"})
        if self.rng.random() < 0.5:
            acronym = "".join(w[0] for w in re.findall(r"[A-Za-z]+", en)).upper() + "-" + str(self.rng.randint(1, 999))
            if self.names.free(acronym):
                self.names.take(acronym)
                aliases.append(acronym if self.rng.random() < 0.5 else {"name": acronym, "lang": "en"})
        return aliases

    # --- text -------------------------------------------------------------------------

    def _ref(self, pool: list[str]) -> str:
        other = self.rng.choice(pool)
        data = self.existing.get(other) or self.terms[other]
        return f"{{term}}`{data['label']['ja']}`"

    def _summary(self, label: str, pool: list[str]) -> str:
        kind = self.rng.randrange(4)
        if kind == 0:
            return f"{label}は、{self._ref(pool)} と組み合わせて使われる{self._noun()}。"
        if kind == 1:
            return f"入力 $x$ を ${self.rng.choice(MATH)}$ のように扱う、{label}の基本形。"
        if kind == 2:
            return f"{self._noun()}を{self.rng.choice(VERBS)}ために{self._noun()}を変える{self._noun()}。"
        return f"{self._ref(pool)} の性質を調べるときに現れる、{label}という用語。"

    def _noun(self) -> str:
        return self.rng.choice(NOUNS)

    def _sentence(self, label: str, pool: list[str]) -> str:
        """One sentence of a definition, from varied patterns: real definitions share
        few sentences, and the search index grows with the words each page has."""
        a, b, c = self._noun(), self._noun(), self._noun()
        return self.rng.choice(
            [
                f"{label}は{a}の{b}を{self.rng.choice(VERBS)}ための{c}です。",
                f"{self._ref(pool)} と違い、{a}が大きいときにも{b}が{self.rng.choice(ADJECTIVES)}なります。",
                f"式では ${self.rng.choice(MATH)}$ と書き、{a}ごとに{b}を求めます。",
                f"{a}と{b}の関係は、{self._ref(pool)} を使うと{self.rng.choice(ADJECTIVES)}見えます。",
                f"{self.rng.randint(1950, 2024)}年ごろに{a}の研究から広まりました。",
                f"実装では {self._ref(pool)} や {self._ref(pool)} と比べて選ばれます。",
                f"{c}を{self.rng.choice(VERBS)}とき、{label}の{a}が問題になることがあります。",
                f"たとえば{a}が ${self.rng.choice(MATH)}$ のとき、{b}は{c}に近づきます。",
            ]
        )

    def _definition(self, label: str, pool: list[str]) -> str:
        paragraphs = [
            "".join(self._sentence(label, pool) for _ in range(self.rng.randint(2, 3)))
            for _ in range(self.rng.randint(2, 3))
        ]
        return "\n\n".join(paragraphs) + "\n"

    # --- relations --------------------------------------------------------------------

    def _relate(self, source: str, target: str, rtype: str | None = None) -> bool:
        """Declare a relation in ``source``'s file, unless it is there already or
        would contradict one (synonym and antonym of the same pair)."""
        if source == target:
            return False
        rtype = rtype or self.rng.choice(["synonym", "antonym", "cooccurring", "related", "related"])
        pair = frozenset((source, target))
        clash = {"synonym": "antonym", "antonym": "synonym"}.get(rtype)
        if (rtype, pair) in self.relations or (clash and (clash, pair) in self.relations):
            return False
        self.relations.add((rtype, pair))
        self.degree.update(pair)
        item: dict | str = target
        if self.rng.random() < 0.5:
            aspect = self.rng.choice(["式", "実装", "歴史"])
            # a note names both terms: it is shown on both pages (glossary/load.py)
            names = [(self.terms.get(t) or self.existing[t])["label"]["ja"] for t in (source, target)]
            item = {"target": target, "note": f"{names[0]} と {names[1]} は {aspect} の点で比べられる。"}
        self.terms[source].setdefault("relations", {}).setdefault(rtype, []).append(item)
        return True

    def generate(self) -> dict[str, dict]:
        # names first, so that text and relations may point at later terms too
        for i in range(self.count):
            label, reading, en, category = self._label(i)
            term_id = self._id(en)
            self.terms[term_id] = {
                "id": term_id,
                "label": {"ja": label, "en": en},
                "reading": reading,
                "category": category,
            }
        ids = list(self.terms)
        pool = list(self.existing) + ids
        for i, (term_id, data) in enumerate(self.terms.items()):
            aliases = self._aliases(data["label"]["ja"], data["label"]["en"])
            if aliases:
                data["aliases"] = aliases
            data["summary"] = self._summary(data["label"]["ja"], pool)
            data["definition"] = self._definition(data["label"]["ja"], pool)
            if i % FUNCTION_EVERY == 3:
                self._function(data)
            if self.rng.random() < 0.3:
                data["citations"] = self.rng.sample(self.bib_keys, self.rng.randint(1, 2))
            for _ in range(self.rng.randint(1, 4)):  # to any term: earlier, later or a real one
                self._relate(term_id, self.rng.choice(pool))
            if i % RELU_EVERY == 0 and "relu" in self.existing:
                self._relate(term_id, "relu", self.rng.choice(["cooccurring", "related"]))
        # hubs: one synthetic term in 200 gets relations from at least HUB_SIZE others
        for hub in ids[::199]:  # 199: hubs fall in different 五十音 rows
            sources = [s for s in ids if s != hub]
            for source in self.rng.sample(sources, len(sources)):
                if self.degree[hub] >= HUB_SIZE:
                    break
                self._relate(source, hub, self.rng.choice(["cooccurring", "related"]))
        return self.terms

    def _function(self, data: dict) -> None:
        from relu_glossary import registry

        name = self.rng.choice(list(registry.ACTIVATIONS))
        data["function"] = name
        spec = registry.get(name)
        if spec.parameters and self.rng.random() < 0.6:
            key = self.rng.choice(list(spec.parameters))
            data["parameters"] = {key: self.rng.choice(PARAMETER_VALUES[key])}


class _Dumper(yaml.SafeDumper):
    """Paragraphs as literal blocks (``|``), as the real term files are written."""


_Dumper.add_representer(
    str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None)
)


def _bib_keys(directory: Path) -> list[str]:
    text = (directory / "references.bib").read_text(encoding="utf-8")
    return re.findall(r"^@\w+\{([^,]+),", text, flags=re.M)


def write(directory: Path, total: int, seed: int = 15) -> list[Path]:
    """Add synthetic terms to the glossary in ``directory`` until it holds ``total``
    terms; return the files written.  Terms already synthetic are kept."""
    directory = Path(directory)
    existing = _existing(directory)
    terms = Generator(existing, total, seed, _bib_keys(directory)).generate()
    written = []
    for term_id, data in terms.items():
        path = directory / f"{term_id}.yaml"
        text = "# yaml-language-server: $schema=term.schema.json\n" + yaml.dump(
            data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000
        )
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="a glossary folder (a copy: files are added to it)")
    parser.add_argument("total", type=int, help="how many terms the glossary holds afterwards")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    written = write(args.directory, args.total, args.seed)
    print(f"{len(written)} synthetic terms written to {args.directory}")


if __name__ == "__main__":
    main()

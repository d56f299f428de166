"""The glossary as built into the real site (pages, exports, links), and small
glossaries built in this process with the content extension alone."""

from __future__ import annotations

import json
import re
import textwrap
from html import unescape
from pathlib import Path

from helpers import GOOD, build_small, search_index, small_project, sphinx_build
from sphinx.util.inventory import InventoryFile

from relu_glossary.glossary import normalise
from relu_glossary.sphinxext import search_parts

# Every entry of the four lists of seed 000 (同意語, 対義語, 共起語, 関連用語), as written
# there; duplicates across lists are merged by the glossary.  Some entries pair two
# names ("CNN / 畳み込みニューラルネットワーク"): each name must be found.
SEED_000_TERMS = [
    # 同意語
    "ReLU",
    "Rectified Linear Unit",
    "Rectified Linear Activation Function",
    "整流線形関数",
    "整流線形ユニット",
    "整流活性化関数",
    # 対義語
    "反転ReLU",
    "min(0, x)",
    "ReLU(-x)",
    "左半分ReLU",
    "完全ゼロ関数",
    "Leaky ReLU",
    "リーキーReLU",
    "シグモイド活性化",
    "tanh活性化",
    # 共起語
    "活性化関数",
    "PReLU",
    "ELU",
    "SELU",
    "GeLU",
    "Swish",
    "Mish",
    "HardSwish",
    "死んだReLU",
    "勾配消失問題",
    "勾配伝播",
    "He初期化",
    "Xavier初期化",
    "バッチ正規化",
    "Batch Normalization",
    "CNN",
    "畳み込みニューラルネットワーク",
    "ディープラーニング",
    "深層学習",
    "ニューラルネットワーク",
    "非線形性",
    "計算コストが低い",
    # 関連用語
    "RReLU",
    "ReLU6",
    "Softplus",
    "GELU",
    "Dying ReLU",
    "He Initialization",
    "Xavier Initialization",
    "Backpropagation",
    "Activation Function",
    "Non-linear Activation",
    "Piecewise Linear",
    "Subgradient of ReLU",
    "Sparsity",
    "Zero-centered Issue",
]
# Terms the other seeds rely on.
OTHER_SEED_TERMS = [
    "ランプ関数",
    "正規化線形関数",
    "SiLU",
    "Softmax",
    "恒等関数",
    "勾配爆発",
    "ステップ関数",
    "パーセプトロン",
    "シグモイド関数",
    "tanh",
    "Transformer",
    "過学習",
    "学習率",
    "出力層",
]


def test_glossary_json_covers_every_seed_term(site):
    data = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    names = {normalise(n): t["id"] for t in data["terms"] for n in (t["label"]["ja"], t["label"]["en"], *t["aliases"])}
    missing = [n for n in SEED_000_TERMS + OTHER_SEED_TERMS if normalise(n) not in names]
    assert not missing
    ids = {t["id"] for t in data["terms"]}
    for term in data["terms"]:
        assert term["url"] == f"terms/{term['id']}.html" and (site / term["url"]).is_file()
        for rel in term["relations"]:
            assert rel["type"] in {"synonym", "antonym", "cooccurring", "related"}
            assert rel["target"] in ids
    relu = next(t for t in data["terms"] if t["id"] == "relu")
    by_type = {
        k: {r["target"] for r in relu["relations"] if r["type"] == k} for k in ("antonym", "cooccurring", "related")
    }
    assert {"negative-part", "reflected-relu", "zero-function", "leaky-relu", "sigmoid", "tanh"} == by_type["antonym"]
    assert len(by_type["cooccurring"]) == 20 and len(by_type["related"]) == 21


def test_skos_export_declares_subproperties_of_related(site):
    data = json.loads((site / "glossary.jsonld").read_text(encoding="utf-8"))
    props = {n["@id"]: n for n in data["@graph"] if n.get("@type") == "rdf:Property"}
    assert {"vocab#antonym", "vocab#cooccurring", "vocab#synonym"} <= set(props)
    assert all(p["rdfs:subPropertyOf"] == {"@id": "skos:related"} for p in props.values())
    relu = next(n for n in data["@graph"] if n.get("skos:notation") == "relu")
    assert {"@value": "整流線形ユニット", "@language": "ja"} in relu["skos:altLabel"]
    assert {"@id": "terms/tanh.html"} in relu["antonym"]
    assert data["@context"]["@vocab"] == "vocab#" and "@base" not in data["@context"]  # no address known


def test_term_page_has_everything_a_reader_needs(site):
    html = (site / "terms" / "relu.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert '<section id="term-relu">' in html and "<math" in html
    for expected in (
        "れるー",
        "整流線形ユニット",
        "対義語",
        "共起語",
        "関連用語",
        "Nair",
        "このページへのリンク",
        ":external+relu:term:`ReLU`",
        "{external+relu:term}`ReLU`",
    ):
        assert expected in text, expected
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    data = json.loads(jsonld)
    assert data["@type"] == "DefinedTerm" and data["termCode"] == "relu" and "ランプ関数" in data["alternateName"]
    assert "cdn.jsdelivr" not in html and "mathjax" not in html.lower()


def test_relations_page_groups_relu_terms_by_type(site):
    html = (site / "glossary" / "relu-relations.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2>(.*?)<a", html)
    assert headings == ["同意語", "対義語", "共起語", "関連用語"]  # Japanese only, no "（cooccurring）"
    assert "ランプ関数" in html and "terms/negative-part.html#term-negative-part" in html


def test_relation_map_links_every_related_term(site):
    """Both drawings (wide, and narrow for phones): every box a link, no label cut."""
    html = (site / "glossary" / "relu-relations.html").read_text(encoding="utf-8")
    svgs = {m.group(1): m.group(0) for m in re.finditer(r'<svg class="relu-map relu-map-(\w+)".*?</svg>', html, re.S)}
    assert set(svgs) == {"wide", "narrow"}
    data = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    relu = next(t for t in data["terms"] if t["id"] == "relu")
    for svg in svgs.values():
        groups = dict(
            re.findall(
                r'<g class="relu-map-group relu-map-(\w+)" role="list" aria-label="[^"]+">\s*'
                r"<text[^>]*>[^<（]+（(\d+)）</text>",
                svg,
            )
        )
        for rtype in ("antonym", "cooccurring", "related"):
            assert int(groups[rtype]) == sum(r["type"] == rtype for r in relu["relations"])
        assert int(groups["synonym"]) == len(relu["aliases"])
        hrefs = re.findall(r'<g role="listitem"><a href="\.\./(terms/[\w-]+\.html)#term-[\w-]+"', svg)
        # the aliases are ReLU's own names: their boxes link to its page
        assert len(hrefs) == len(relu["relations"]) + len(relu["aliases"])
        assert hrefs.count("terms/relu.html") == len(relu["aliases"])
        assert all((site / h).is_file() for h in hrefs)
        assert "<script" not in svg and "…" not in svg
        labels = re.findall(r'<a href="[^"]+" aria-label="([^"]+)">(.*?)</a>', svg, flags=re.S)
        for label, box in labels:  # every line of a wrapped label, in order, is the whole label
            shown = "".join(re.findall(r"<text[^>]*>([^<]*)</text>", box))
            assert unescape(shown).replace(" ", "") == unescape(label).replace(" ", ""), label


def test_three_listings_each_list_every_term_once_and_link_one_another(site):
    data = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    ids = sorted(t["id"] for t in data["terms"])
    listings = {"index": ("あ行", "か行"), "alphabetical": (">A<", ">R<"), "categories": ("活性化関数", "現象")}
    for name, headings in listings.items():
        html = (site / "glossary" / f"{name}.html").read_text(encoding="utf-8")
        main = html[html.index('<article class="bd-article"') : html.index("</article>")]
        for heading in headings:
            assert heading in main, (name, heading)
        # every term once, and nothing else, in the listing itself
        listed = re.findall(r'<li><p><a class="reference internal" href="\.\./terms/([a-z0-9-]+)\.html#term-\1"', main)
        assert sorted(listed) == ids, name
        others = set(listings) - {name}
        assert {f'href="{other}.html"' for other in others} <= set(re.findall(r'href="[a-z]+\.html"', main)), name
    index = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    relu = next(t for t in data["terms"] if t["id"] == "relu")
    assert relu["summary"][:12] in index  # the 五十音 listing carries the summaries,
    assert 'id="relu-term-previews"' not in index  # so no previews repeat them there
    assert 'id="relu-term-previews"' in (site / "glossary" / "alphabetical.html").read_text(encoding="utf-8")


# --- small glossaries: the content extension alone, built in this process -------------


def anchors(outdir: Path) -> dict[str, str]:
    with open(outdir / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", lambda a, b: b)
    return {name: item.uri if hasattr(item, "uri") else item[2] for name, item in inv["std:term"].items()}


def test_term_references_resolve_after_nfkc_and_case_folding(tmp_path):
    body = ":term:`ＡＬＰＨＡ　ＦＵＮＣＴＩＯＮ` :term:`alpha function` :term:`Ａlpha function` :term:`α関数`\n"
    built = build_small(small_project(tmp_path / "p", GOOD, body))
    assert built.warnings == ""
    html = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('href="terms/alpha.html#term-alpha"') == 4


def test_yaml_text_is_escaped_never_markup(tmp_path):
    files = dict(GOOD)
    files["beta"] = GOOD["beta"].replace(
        "definition: ベータの定義。", 'definition: "<script>alert(1)</script> *not bold* `x` :math:`y`"'
    )
    built = build_small(small_project(tmp_path / "p", files))
    assert built.warnings == ""
    html = (built.outdir / "terms" / "beta.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *not bold* `x` :math:`y`" in html
    assert "<script>alert" not in html


def test_adding_a_term_at_the_front_changes_no_anchor(tmp_path):
    root = small_project(tmp_path / "p", GOOD)
    before = anchors(build_small(root).outdir)
    assert before["アルファ関数"].endswith("terms/alpha.html#term-alpha")
    assert before["α関数"] == before["アルファ関数"]
    # a new term that sorts first in every order (id, reading, English label)
    (root / "gl" / "aaa.yaml").write_text(
        textwrap.dedent("""\
        id: aaa
        label: {ja: ああ関数, en: AAA function}
        reading: ああかんすう
        summary: 先頭に並ぶ用語。
        definition: 先頭。
        category: concept
        relations: {related: [alpha, beta]}
        """),
        encoding="utf-8",
    )
    built = build_small(root)
    assert built.warnings == ""
    after = anchors(built.outdir)
    assert {k: after[k] for k in before} == before
    assert after["ああ関数"].endswith("terms/aaa.html#term-aaa")


def test_bad_glossary_stops_the_build_with_the_check_messages(tmp_path):
    """A separate process, as `make html` runs it: the exit status and the output."""
    files = dict(GOOD)
    files["alpha"] = GOOD["alpha"].replace("target: beta", "target: betta")
    root = small_project(tmp_path / "p", files)
    result = sphinx_build(root, root, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"gl/alpha\.yaml:14:15: error: relations\.related\[0\]\.target: unknown term 'betta'", output)
    assert "1 problem(s) in" in output and "the site was not built" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "html" / "index.html").exists()


def test_noop_rebuild_rewrites_no_generated_page(tmp_path):
    root = small_project(tmp_path / "p", GOOD)
    build_small(root)
    generated = sorted(root.glob("*/*.rst"))
    mtimes = {p: p.stat().st_mtime_ns for p in generated}
    built = build_small(root)
    assert {p: p.stat().st_mtime_ns for p in generated} == mtimes
    assert "0 added, 0 changed, 0 removed" in built.status


def test_second_project_links_through_intersphinx(site, tmp_path):
    src = tmp_path / "other"
    src.mkdir()
    (src / "conf.py").write_text(
        textwrap.dedent(f"""\
        extensions = ["sphinx.ext.intersphinx"]
        language = "ja"
        intersphinx_mapping = {{"relu": ("https://relu.example/", {str(site / "objects.inv")!r})}}
        intersphinx_disabled_reftypes = ["*"]
        """),
        encoding="utf-8",
    )
    (src / "index.rst").write_text(
        textwrap.dedent("""\
        Other
        =====

        :external+relu:term:`整流線形ユニット`, :external+relu:term:`ReLU`,
        :external+relu:term:`Leaky ReLU`, :external+relu:term:`He initialization`,
        :external+relu:term:`ランプ関数`, :external+relu:term:`勾配消失問題`.
        """),
        encoding="utf-8",
    )
    result = sphinx_build(src, src, tmp_path / "out")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    html = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert html.count("https://relu.example/terms/relu.html#term-relu") == 3
    assert "https://relu.example/terms/leaky-relu.html#term-leaky-relu" in html
    assert "https://relu.example/terms/he-initialization.html#term-he-initialization" in html
    assert "https://relu.example/terms/vanishing-gradient.html#term-vanishing-gradient" in html


def test_a_generated_folder_that_is_a_link_stops_the_build_and_is_left_alone(tmp_path):
    """The build writes term pages into terms/ and deletes stale ones there: never
    through a symbolic link into a folder elsewhere."""
    root = small_project(tmp_path / "p", GOOD)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.rst").write_text("keep me\n", encoding="utf-8")
    (root / "terms").symlink_to(elsewhere, target_is_directory=True)
    result = sphinx_build(root, root, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"terms is a symbolic link \(to .*elsewhere\); expected a real folder", output)
    assert "Traceback" not in output
    assert [p.name for p in elsewhere.iterdir()] == ["precious.rst"]


# --- what a reader of a term page gets (issue 12) --------------------------------------


def test_an_activation_page_leads_with_summary_plot_examples_and_both_formulas(site):
    html = (site / "terms" / "leaky-relu.html").read_text(encoding="utf-8")
    order = [html.index(marker) for marker in ('class="relu-summary', 'class="relu-plot', 'relu-examples',
                                               'relu-formulas', ">定義<a")]  # fmt: skip
    assert order == sorted(order)
    formulas = re.search(r'<div class="relu-formulas.*?</div>\s*</div>\s*</div>', html, flags=re.S).group(0)
    assert formulas.count("<math") == 2 and "導関数" in formulas


def test_frameworks_are_listed_with_their_differences(site):
    text = re.sub(r"<[^>]+>", "", (site / "terms" / "gelu.html").read_text(encoding="utf-8"))
    assert "torch.nn.functional.gelu(x, approximate='none')" in text
    assert "jax.nn.gelu(x, approximate=True)" in text and "tanh 近似" in text


def test_each_related_term_appears_once_with_a_badge_per_kind(site):
    html = (site / "terms" / "relu.html").read_text(encoding="utf-8")
    section = html[html.index('id="id4"') if 'id="id4"' in html else html.index("関係する用語") :]
    items = re.findall(r'<li><p><a class="reference internal" href="leaky-relu\.html#term-leaky-relu"', section)
    assert len(items) == 1
    badges = re.search(r'href="leaky-relu\.html#term-leaky-relu".*?</p>', section, flags=re.S).group(0)
    assert [b for b in ("対義語", "共起語", "関連用語") if f'<span class="relu-badge">{b}</span>' in badges] == [
        "対義語", "共起語", "関連用語"]  # fmt: skip
    aliases = re.findall(r"<strong>整流線形ユニット</strong>", html)
    assert len(aliases) == 1  # listed once, with its note


def test_a_term_page_lists_the_readings_and_terms_that_refer_to_it(site):
    html = (site / "terms" / "dying-relu.html").read_text(encoding="utf-8")
    appears = html[html.index("この用語が出てくる読みもの") :]
    assert re.search(
        r'href="\.\./notebooks/dying-relu\.html">.*?死んだReLU.*?</a>（この用語が主題の読みもの）', appears
    )
    assert "この用語に触れている用語" in appears and "relu.html#term-relu" in appears.split("関係する用語")[0]
    relu = (site / "terms" / "relu.html").read_text(encoding="utf-8")
    assert 'href="../glossary/relu-relations.html"' in relu  # the ReLU page links to the relation map


def test_what_belongs_to_other_pages_is_left_out_of_a_term_pages_search_entry(site):
    """Relations, where the term appears and the link snippets name other pages and
    terms (their own pages hold them): they carry no-search, which Sphinx's indexer
    skips; the definition stays in."""
    html = (site / "terms" / "relu.html").read_text(encoding="utf-8")
    sections = {
        m.group(2): "no-search" in m.group(1) for m in re.finditer(r"<section([^>]*)>\s*<h2[^>]*>([^<]*)", html)
    }
    assert {k: sections[k] for k in ("関係する用語", "この用語が出てくるところ", "このページへのリンク", "定義")} == {
        "関係する用語": True,
        "この用語が出てくるところ": True,
        "このページへのリンク": True,
        "定義": False,
    }
    data = search_index(site)
    relu = data["docnames"].index("terms/relu")
    # on ReLU's page "swish" is only in a relation, "markdown" only in a link snippet;
    # both are in the index for the pages that do speak of them
    for word in ("swish", "markdown"):
        entry = data["terms"][word]
        pages = entry if isinstance(entry, list) else [entry]
        assert pages and relu not in pages, word


def test_single_kanji_are_indexed_in_titles_only(site):
    data = search_index(site)
    assert not [word for word in data["terms"] if len(word) == 1 and not word.isascii()]
    assert "層" in data["titleterms"] and "勾配" in data["terms"]


def test_the_index_parts_are_the_whole_index_and_the_search_page_names_their_files(site):
    """The search page loads the index in parts (sphinxext.search_parts): together
    they are exactly Sphinx's searchindex.js, each file is named by its content,
    and the page names the files on disk."""
    whole = search_index(site)
    files = search_parts.names_on_disk(site / search_parts.FOLDER)
    assert sorted(files) == sorted(search_parts.NAMES)
    assert len(list((site / search_parts.FOLDER).iterdir())) == len(files)
    parts = {}
    for name, file in files.items():
        text = (site / search_parts.FOLDER / file).read_text(encoding="utf-8")
        assert file == search_parts.file_name(name, text)
        found, data = re.fullmatch(r'RELU_SEARCH_PART\("(\w+)",(.*)\);\n', text, re.S).groups()
        assert found == name
        parts[name] = json.loads(data)
    merged = {**parts[search_parts.BASE], "terms": {}}
    for name in search_parts.NAMES[1:]:
        merged["terms"].update(parts[name])
    assert merged == whole
    page = (site / "search.html").read_text(encoding="utf-8")
    assert '<script defer src="searchindex.js">' not in page
    assert f'"files": {json.dumps(files)}' in page  # in the order of their names, whatever the build

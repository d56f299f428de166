"""`relu-glossary check`: every kind of bad input gets path:line:column and exit 1."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import GOOD, REPO, write_glossary

from relu_glossary.cli import main
from relu_glossary.glossary import load


@pytest.fixture
def gdir(tmp_path: Path) -> Path:
    """A small valid glossary (schema and bibliography copied from the project)."""
    return write_glossary(tmp_path / "glossary", GOOD)


def run_check(directory: Path, capsys) -> tuple[int, str, str]:
    code = main(["check", str(directory)])
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_glossary_passes_with_a_summary_line(gdir, capsys):
    code, out, err = run_check(gdir, capsys)
    assert code == 0, err
    assert re.fullmatch(r".*: 2 terms, 1 relations, no problems\n", out)


def test_project_glossary_is_valid(capsys):
    code, _, err = run_check(REPO / "glossary", capsys)
    assert code == 0, err


#: alpha's relation note in the small glossary (helpers.GOOD)
NOTE = "note: アルファ関数とベータ関数を並べて読む。"


def _replace(gdir: Path, name: str, old: str, new: str) -> None:
    path = gdir / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# (description, mutation, expected "line:column: error: ..." regex for alpha.yaml or the named file)
CASES = [
    (
        "yaml syntax",
        lambda d: _replace(d, "alpha", "aliases: [α関数]", "aliases: [α関数"),
        r"alpha\.yaml:\d+:\d+: error: YAML syntax error",
    ),
    (
        "tab indentation",
        lambda d: _replace(d, "alpha", "  ja: アルファ関数", "\tja: アルファ関数"),
        r"alpha\.yaml:3:1: error: tab character in indentation",
    ),
    (
        "duplicate key",
        lambda d: _replace(d, "alpha", "category: activation", "category: activation\ncategory: concept"),
        r"alpha\.yaml:11:1: error: duplicate key 'category' \(first written on line 10\)",
    ),
    (
        "empty file",
        lambda d: (d / "alpha.yaml").write_text("# nothing yet\n", encoding="utf-8"),
        r"alpha\.yaml:1:1: error: the file is empty",
    ),
    (
        "not utf-8",
        lambda d: (d / "alpha.yaml").write_bytes("id: alpha\nsummary: 関数\n".encode("shift_jis")),
        r"alpha\.yaml:2:10: error: byte 0x.. is not valid UTF-8",
    ),
    (
        "unsafe tag",
        lambda d: _replace(
            d, "alpha", "summary: テスト用の用語。", "summary: !!python/object/apply:os.system ['touch pwned']"
        ),
        r"alpha\.yaml:7:10: error: tag '!!python/object/apply:os.system' is not allowed",
    ),
    (
        "entity expansion bomb",
        lambda d: (d / "alpha.yaml").write_text(
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
            encoding="utf-8",
        ),
        r"alpha\.yaml:1:4: error: anchor '&a' is not allowed",
    ),
    (
        "unknown field",
        lambda d: _replace(d, "alpha", "category: activation", "category: activation\ncategroy: x"),
        r"alpha\.yaml:11:1: error: unknown field 'categroy'; expected one of: .* — did you mean 'category'\?",
    ),
    (
        "missing field",
        lambda d: _replace(d, "alpha", "summary: テスト用の用語。\n", ""),
        r"alpha\.yaml:1:1: error: missing required field 'summary'",
    ),
    (
        "null field",
        lambda d: _replace(d, "alpha", "summary: テスト用の用語。", "summary:"),
        r"alpha\.yaml:7:9: error: summary: expected a string, got nothing \(null\); the field is empty",
    ),
    (
        "yaml 1.1 boolean",
        lambda d: _replace(d, "alpha", "  en: Alpha function", "  en: no"),
        r"alpha\.yaml:4:7: error: label\.en: expected a string, got a boolean; YAML reads unquoted yes/no",
    ),
    (
        "wrong type",
        lambda d: _replace(d, "alpha", "aliases: [α関数]", "aliases: α関数"),
        r"alpha\.yaml:6:10: error: aliases: expected a list, got a string",
    ),
    (
        "bad id",
        lambda d: _replace(d, "alpha", "id: alpha", "id: Alpha Function"),
        r"alpha\.yaml:1:5: error: id: 'Alpha Function' is not allowed; expected lowercase ASCII",
    ),
    (
        "id differs from file",
        lambda d: _replace(d, "beta", "id: beta", "id: gamma"),
        r"beta\.yaml:1:5: error: id 'gamma' differs from the file name 'beta\.yaml'",
    ),
    (
        "duplicate id",
        lambda d: (d / "alpha2.yaml").write_text(
            (d / "alpha.yaml")
            .read_text(encoding="utf-8")
            .replace("ja: アルファ関数", "ja: 別名")
            .replace("en: Alpha function", "en: Other")
            .replace("[α関数]", "[]"),
            encoding="utf-8",
        ),
        r"alpha2\.yaml:1:5: error: duplicate id 'alpha' \(also in .*alpha\.yaml:1:5\)",
    ),
    (
        "duplicate label after NFKC",
        lambda d: _replace(d, "beta", "en: Beta function", "en: ＡＬＰＨＡ　Ｆｕｎｃｔｉｏｎ"),
        r"beta\.yaml:4:7: error: label\.en: name 'ＡＬＰＨＡ　Ｆｕｎｃｔｉｏｎ' is already used "
        r"\(the same as 'Alpha function' after NFKC",
    ),
    (
        "unknown relation target",
        lambda d: _replace(d, "alpha", "target: beta", "target: betta"),
        r"alpha\.yaml:14:15: error: relations\.related\[0\]\.target: unknown term 'betta'.* did you mean 'beta'\?",
    ),
    (
        "relation target by label",
        lambda d: _replace(d, "alpha", "target: beta", "target: ベータ関数"),
        r"alpha\.yaml:14:15: error: .*'ベータ関数' is a name of 'beta': write its id",
    ),
    (
        "self relation",
        lambda d: _replace(d, "alpha", "target: beta", "target: alpha"),
        r"alpha\.yaml:14:15: error: relations\.related\[0\]\.target: a term cannot be related to itself",
    ),
    (
        "contradictory relations",
        lambda d: (
            _replace(d, "alpha", "  related:", "  synonym: [beta]\n  related:"),
            _replace(d, "beta", "category: concept", "category: concept\nrelations:\n  antonym: [alpha]"),
        ),
        r"beta\.yaml:10:13: error: .*'alpha' and 'beta' are declared both antonym and synonym",
    ),
    (
        "relation written twice",
        lambda d: _replace(d, "beta", "category: concept", "category: concept\nrelations:\n  related: [alpha]"),
        r"beta\.yaml:10:13: error: .*already declared at .*alpha\.yaml:14:15; relations hold both ways",
    ),
    (
        "unknown function",
        lambda d: _replace(d, "alpha", "function: relu", "function: reluu"),
        r"alpha\.yaml:9:11: error: function: unknown activation 'reluu'.* did you mean 'relu'\?",
    ),
    (
        "parameter of another function",
        lambda d: _replace(d, "alpha", "function: relu", "function: elu\nparameters: {negative_slope: 0.2}"),
        r"alpha\.yaml:10:14: error: parameters: 'negative_slope' is not a parameter of elu; expected one of: alpha",
    ),
    (
        "parameter that is not a number",
        lambda d: _replace(d, "alpha", "function: relu", 'function: elu\nparameters: {alpha: "1\\n.. raw:: html"}'),
        r"alpha\.yaml:10:21: error: parameters\.alpha: alpha must be a finite number, not '1\\n\.\. raw:: html'",
    ),
    (
        "parameter that is a boolean",
        lambda d: _replace(d, "alpha", "function: relu", "function: elu\nparameters: {alpha: yes}"),
        r"alpha\.yaml:10:21: error: parameters\.alpha: expected a number or a string, got a boolean",
    ),
    (
        "parameter that is infinite",
        lambda d: _replace(d, "alpha", "function: relu", "function: elu\nparameters: {alpha: .inf}"),
        r"alpha\.yaml:10:21: error: parameters\.alpha: alpha must be a finite number, not inf",
    ),
    (
        "parameter word not allowed",
        lambda d: _replace(d, "alpha", "function: relu", "function: gelu\nparameters: {approximate: erf}"),
        r"alpha\.yaml:10:27: error: parameters\.approximate: approximate must be one of none, tanh, not 'erf'",
    ),
    (
        "carriage return in a label",
        lambda d: _replace(d, "alpha", "  ja: アルファ関数", '  ja: "アルファ\\r.. include:: /etc/hostname"'),
        r"alpha\.yaml:3:7: error: label\.ja: U\+000D \(a control character\) is not allowed; expected visible text",
    ),
    (
        "line separator in a label",
        lambda d: _replace(d, "alpha", "  en: Alpha function", '  en: "Alpha\\u2028.. raw:: html"'),
        r"alpha\.yaml:4:7: error: label\.en: U\+2028 \(LINE SEPARATOR\) is not allowed",
    ),
    (
        "zero-width space in a name",
        lambda d: _replace(d, "alpha", "aliases: [α関数]", 'aliases: ["Re\\u200bLU"]'),
        r"alpha\.yaml:6:11: error: aliases\[0\]: U\+200B \(ZERO WIDTH SPACE\) is not allowed",
    ),
    (
        "bidi override in a name",
        lambda d: _replace(d, "alpha", "aliases: [α関数]", 'aliases: ["\\u202eULeR"]'),
        r"alpha\.yaml:6:11: error: aliases\[0\]: U\+202E \(RIGHT-TO-LEFT OVERRIDE\) is not allowed",
    ),
    (
        "bidi isolate in a note",
        lambda d: _replace(d, "alpha", NOTE, 'note: "アルファ関数とベータ関数を並べて\\u2066読む。"'),
        r"alpha\.yaml:15:13: error: relations\.related\[0\]\.note: U\+2066 \(LEFT-TO-RIGHT ISOLATE\)",
    ),
    (
        "a relation's note that names one term only",
        lambda d: _replace(d, "alpha", NOTE, "note: 並べて読むとよい関数。"),
        r"alpha\.yaml:15:13: error: relations\.related\[0\]\.note: the note does not name 'アルファ関数' or "
        r"'ベータ関数'; expected a note that names both terms \(a label or an alias\): it is shown on both "
        r"terms' pages, each time under a link to the other",
    ),
    (
        "a relation's note that names the other term only",
        lambda d: _replace(d, "alpha", NOTE, "note: ベータ関数と並べて読む。"),
        r"alpha\.yaml:15:13: error: relations\.related\[0\]\.note: the note does not name 'アルファ関数';",
    ),
    (
        "a relation's note that names a term only inside the other's name",
        lambda d: (
            _replace(d, "beta", "category: concept", "category: concept\naliases: [改良アルファ関数]"),
            _replace(d, "alpha", NOTE, "note: 改良アルファ関数と並べて読む。"),
        ),
        r"alpha\.yaml:15:13: error: relations\.related\[0\]\.note: the note does not name 'アルファ関数';",
    ),
    (
        "blank label",
        lambda d: _replace(d, "alpha", "  ja: アルファ関数", '  ja: " "'),
        r"alpha\.yaml:3:7: error: label\.ja: is blank; expected text",
    ),
    (
        "link in math",
        lambda d: _replace(
            d, "alpha", "definition: アルファの定義。", "definition: 式 $\\href{javascript:alert(1)}{x}$。"
        ),
        r"alpha\.yaml:8:13: error: definition: \$\\href\{javascript:alert\(1\)\}\{x\}\$: \\href is not allowed",
    ),
    (
        "style in a formula",
        lambda d: _replace(d, "alpha", "category: activation", "category: activation\nformula: '\\style{c:r}{x}'"),
        r"alpha\.yaml:11:10: error: formula: \$\\style\{c:r\}\{x\}\$: \\style is not allowed",
    ),
    (
        "unknown command in math",
        lambda d: _replace(d, "alpha", "summary: テスト用の用語。", "summary: テスト $\\url{x}$"),
        r"alpha\.yaml:7:10: error: summary: .*\\url is not allowed",
    ),
    (
        "unknown citation",
        lambda d: _replace(d, "alpha", "[nair2010rectified]", "[nair2010rectifed]"),
        r"alpha\.yaml:11:13: error: citations\[0\]: unknown citation key 'nair2010rectifed'"
        r".* did you mean 'nair2010rectified'\?",
    ),
    (
        "unknown term in text",
        lambda d: _replace(d, "alpha", "{term}`ベータ関数`", "{term}`ベータ関係`"),
        r"alpha\.yaml:8:13: error: definition: \{term\}`ベータ関係` names no term.* did you mean 'ベータ関数'\?",
    ),
    (
        "bad category",
        lambda d: _replace(d, "alpha", "category: activation", "category: activations"),
        r"alpha\.yaml:10:11: error: category: 'activations' is not one of .* did you mean 'activation'\?",
    ),
]


@pytest.mark.parametrize("mutate, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_reported_with_position(gdir, capsys, mutate, expected):
    mutate(gdir)
    code, _, err = run_check(gdir, capsys)
    assert code == 1
    assert re.search(expected, err), err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].endswith(f"problem(s) in {gdir}")


def test_unsafe_tag_is_never_executed(gdir, capsys, tmp_path):
    marker = tmp_path / "pwned"
    _replace(gdir, "alpha", "summary: テスト用の用語。", f"summary: !!python/object/apply:os.system ['touch {marker}']")
    assert run_check(gdir, capsys)[0] == 1
    assert not marker.exists()


def test_console_script_reports_without_traceback(gdir):
    _replace(gdir, "alpha", "target: beta", "target: betta")
    script = Path(sys.executable).with_name("relu-glossary")
    result = subprocess.run([str(script), "check", str(gdir)], capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(r"alpha\.yaml:14:15: error: ", result.stderr)
    assert "Traceback" not in result.stderr


DEEP = "lists and mappings nested deeper than 32 levels; expected a term's few levels"


@pytest.mark.parametrize(
    "levels, summary, column",
    [
        # The root mapping is level 1, so the 32nd "[" is too deep.  (600 gave a RecursionError.)
        (600, lambda n: "[" * n + "]" * n, 41),
        (40, lambda n: "\n" + "  - " * n + "x", 127),  # block sequences, one inside the next
        (40, lambda n: "{a: " * n + "x" + "}" * n, 134),
    ],
    ids=["flow-sequences", "block-sequences", "flow-mappings"],
)
def test_deep_nesting_is_refused_at_its_position(gdir, capsys, levels, summary, column):
    _replace(gdir, "beta", "summary: もう一つのテスト用の用語。", f"summary: {summary(levels)}")
    code, _, err = run_check(gdir, capsys)
    assert code == 1
    assert re.search(rf"beta\.yaml:\d+:{column}: error: {re.escape(DEEP)}", err), err
    assert "Traceback" not in err


def test_a_hundred_thousand_levels_are_refused_fast_without_a_crash(gdir):
    """100,000 levels crashed libyaml's composer (segmentation fault) after two minutes."""
    n = 100_000
    _replace(gdir, "beta", "summary: もう一つのテスト用の用語。", "summary: " + "[" * n + "]" * n)
    script = Path(sys.executable).with_name("relu-glossary")
    started = time.perf_counter()
    result = subprocess.run([str(script), "check", str(gdir)], capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1, result.stderr[-2000:]
    expected = f"{gdir}/beta.yaml:6:41: error: {DEEP} (relations → type → list → item is the deepest)"
    assert expected in result.stderr.splitlines(), result.stderr  # (alpha.yaml's links to beta fail too)
    assert "Traceback" not in result.stderr
    assert elapsed < 10  # the interpreter's start-up, mostly (2 minutes before)


def test_every_problem_is_reported_not_just_the_first(gdir, capsys):
    _replace(gdir, "alpha", "function: relu", "function: reluu")
    _replace(gdir, "beta", "category: concept", "category: konzept")
    code, _, err = run_check(gdir, capsys)
    assert code == 1
    assert "alpha.yaml" in err and "beta.yaml" in err


def test_a_relation_note_may_name_a_term_by_an_alias_or_a_term_mark(gdir, capsys):
    _replace(gdir, "alpha", NOTE, "note: α関数と {term}`ベータ関数` を並べて読む。")
    code, _, err = run_check(gdir, capsys)
    assert code == 0, err


def test_a_note_names_both_when_one_name_holds_the_other(gdir, capsys):
    _replace(gdir, "beta", "category: concept", "category: concept\naliases: [改良アルファ関数]")
    _replace(gdir, "alpha", NOTE, "note: アルファ関数を改良した改良アルファ関数。")
    code, _, err = run_check(gdir, capsys)
    assert code == 0, err


@pytest.mark.parametrize(
    "note, names, other_names, named",
    [
        ("PReLU は傾きを学ぶ。", ["ReLU"], ["PReLU"], False),  # inside the other's name only
        ("ReLU と PReLU。", ["ReLU"], ["PReLU"], True),
        ("the prelu family", ["ReLU", "PReLU family"], ["PReLU"], True),  # a name that holds the other's
        ("ｐｒｅｌｕ と ＲｅＬＵ", ["ReLU"], ["PReLU"], True),  # compared after NFKC and case folding
    ],
)
def test_a_note_names_a_term_outside_the_other_terms_names(note, names, other_names, named):
    from relu_glossary.glossary.load import _names_itself
    from relu_glossary.glossary.model import normalise

    assert _names_itself(normalise(note), names, other_names) is named


def test_model_relations_hold_both_ways(gdir):
    g = load(gdir).glossary
    assert [(link.type, link.other, link.note) for link in g.links("beta")["related"]] == [
        ("related", "alpha", "アルファ関数とベータ関数を並べて読む。")
    ]
    assert [link.other for link in g.links("alpha")["related"]] == ["beta"]


def test_a_terms_degree_counts_its_relations_both_ways():
    g = load(REPO / "glossary").glossary
    degrees = {t: g.degree(t) for t in g.terms}
    assert degrees == {t: sum(map(len, g.links(t).values())) for t in g.terms}
    assert max(degrees.values()) > 10 and g.degree("no-such-term") == 0


def test_find_matches_after_nfkc_and_case_folding(gdir):
    g = load(gdir).glossary
    assert g.find("ＡＬＰＨＡ　ＦＵＮＣＴＩＯＮ").id == "alpha"
    assert g.find("α関数").id == "alpha"
    assert g.find("nothing") is None


def test_what_is_derived_from_a_glossary_is_made_once(tmp_path):
    glossary = load(write_glossary(tmp_path / "gl", GOOD)).glossary
    made = []

    def ids(g):
        made.append(1)
        return sorted(g.terms)

    assert glossary.derived("ids", ids) == glossary.derived("ids", ids) == ["alpha", "beta"]
    assert made == [1]

"""Claims: expressions over computed values, read without eval, checked in YAML and notebooks."""

from __future__ import annotations

import re

import pytest
from helpers import GOOD, write_glossary

from relu_glossary.claims import ClaimError, claim, evaluate, namespace
from relu_glossary.cli import main


def test_a_claim_reports_the_values_it_was_checked_with():
    kept = claim("0.5 < ratio < 2", ratio=3.7)
    assert not kept.holds and repr(kept) == "does not hold: 0.5 < ratio < 2; ratio = 3.7"
    assert claim("a < b", a=1, b=2).holds


def test_a_function_passed_to_a_claim_is_reported_by_what_was_read_of_it():
    from relu_glossary.claims import Function

    kept = claim("relu.mean > 1", relu=Function("relu"))
    assert not kept.holds and repr(kept) == "does not hold: relu.mean > 1; relu.mean = 0.398942"


def test_functions_and_their_properties_are_names():
    names = namespace("sigmoid")
    assert evaluate("this.max_abs_grad == 1/4", names)[0] is True
    assert evaluate("relu.grad(2) == 1 and relu.grad(-2) == 0", names)[0] is True
    value, used = evaluate("relu.f(-3)", names)
    assert value == 0.0 and used == {"relu.f(-3)": 0.0}
    assert evaluate("step.continuous", names)[0] is False


def test_a_call_may_set_the_functions_parameters_by_name():
    names = namespace("celu")
    value, used = evaluate("elu.grad(-1e-9, alpha=2)", names)
    assert abs(value - 2) < 1e-8 and list(used) == ["elu.grad(-1e-09, alpha=2)"]
    assert evaluate("abs(this.grad(-1e-9, alpha=2) - this.grad(1e-9, alpha=2)) < 1e-6", names)[0] is True
    assert evaluate('gelu.f(1, approximate="tanh") != gelu.f(1)', names)[0] is True


BAD_PARAMETERS = ["elu.grad(-1, beta=2)", 'elu.grad(-1, alpha="x")', "elu.grad(-1, alpha=inf)",
                  'gelu.f(1, approximate="cubic")', "relu.f(1, **{})", "abs(1, x=2)"]  # fmt: skip


@pytest.mark.parametrize("expression", BAD_PARAMETERS)
def test_parameters_are_checked_as_the_yaml_checks_them(expression):
    with pytest.raises(ClaimError):
        evaluate(expression, namespace())


def test_a_yaml_claim_may_compare_with_less_and_greater_than(tmp_path):
    from relu_glossary.glossary import load

    closer = "definition: 平均は {claim}`ReLU より 0 に近い <0 < elu.mean < relu.mean>`。"
    text = GOOD["alpha"].replace("definition: アルファの定義。", closer)
    result = load(write_glossary(tmp_path / "g", {**GOOD, "alpha": text}))
    assert result.ok, result.problems
    assert result.glossary.terms["alpha"].definition.startswith("平均は ReLU より 0 に近い。")


def test_a_vector_of_probabilities_can_be_indexed_summed_and_rounded():
    names = namespace()
    first, used = evaluate("sig(softmax(2, 1, -1)[0], 3)", names)
    assert first == 0.705 and used == {}
    assert evaluate("abs(sum(softmax(2, 1, -1)) - 1) < 1e-15", names)[0] is True
    assert evaluate("softmax(0, 0)[-1] == 1/2", names)[0] is True
    assert evaluate("sig(this.mean_square, 4) == 1", namespace("selu"))[0] is True


@pytest.mark.parametrize("expression", ["softmax(1, 2)[2]", "softmax(1, 2)[0.5]", "relu.f(1)[0]", "softmax()",
                                        "sig(1, 40)", "sum(3)"])  # fmt: skip
def test_vectors_are_read_only_as_vectors(expression):
    with pytest.raises(ClaimError):
        evaluate(expression, namespace())


@pytest.mark.parametrize("expression", [
    "__import__('os').system('touch /tmp/pwned')", "open('/etc/passwd')", "relu.__class__", "[x for x in ()]",
    "relu._spec", "lambda: 1", "'a' * 10**9", "relu.f(1, 2)", "exec", "relu.f.__globals__",
])  # fmt: skip
def test_nothing_but_arithmetic_over_names_can_run(expression):
    with pytest.raises(ClaimError):
        evaluate(expression, namespace())


GOOD_CLAIM = GOOD["alpha"].replace(
    "definition: アルファの定義。",
    "definition: 傾きは {claim}`正の側で 1 <this.grad(2) == 1>`、最大 {value}`sigmoid.max_abs_grad`。",
)


def test_yaml_values_and_claims_are_computed_when_the_glossary_is_checked(tmp_path, capsys):
    from relu_glossary.glossary import load

    gdir = write_glossary(tmp_path / "g", {**GOOD, "alpha": GOOD_CLAIM})
    result = load(gdir)
    assert result.ok, result.problems
    assert result.glossary.terms["alpha"].definition == "傾きは 正の側で 1、最大 0.25。{term}`ベータ関数` と並ぶ。"


@pytest.mark.parametrize("expression, expected", [
    ("this.grad(2) == 2",
     r"alpha\.yaml:8:13: error: claim does not hold: 正の側で 1 \(this\.grad\(2\) == 2; this\.grad\(2\) = 1\)"),
    ("this.slope", r"alpha\.yaml:8:13: error: definition: relu has no property 'slope'"),
    ("__import__('os')", r"alpha\.yaml:8:13: error: definition: .* is not allowed in a claim"),
])  # fmt: skip
def test_a_false_or_unreadable_claim_is_a_problem_at_its_field(tmp_path, capsys, expression, expected):
    gdir = write_glossary(tmp_path / "g", {**GOOD, "alpha": GOOD_CLAIM.replace("this.grad(2) == 1", expression)})
    assert main(["check", str(gdir)]) == 1
    assert re.search(expected, capsys.readouterr().err)


def test_a_claims_message_quotes_its_sentence_as_the_page_shows_it():
    """An {eval} of IPython's Markdown holds a text/plain and a text/markdown child
    until the builder picks one; the message quotes what the HTML page will show."""
    from types import SimpleNamespace

    from docutils import nodes

    from relu_glossary.sphinxext.claim_directive import _as_shown

    def shown_as(mime_type: str, text: str) -> nodes.container:
        return nodes.container("", nodes.Text(text), mime_type=mime_type)

    bundle = nodes.container(
        "",
        shown_as("text/plain", "<IPython.core.display.Markdown object>"),
        shown_as("text/markdown", "elu、selu"),
        nb_element="mime_bundle",
    )
    holder = nodes.container("", nodes.paragraph("", "", nodes.Text("上の表の "), bundle, nodes.Text(" より速い。")))
    html = SimpleNamespace(builder=SimpleNamespace(name="html"), config=SimpleNamespace(nb_mime_priority_overrides=()))
    assert _as_shown(holder, html) == "上の表の elu、selu より速い。"
    assert "IPython" in holder.astext()  # the page's own nodes are left as they were

"""The ``relu-explorer`` directive and its markup (sphinxext.explorer_markup), built in a
small project (tests/roots/explorer) without a browser."""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOTS, sphinx_build

from relu_glossary import registry
from relu_glossary.examples import fmt
from relu_glossary.registry import Activation
from relu_glossary.sphinxext import explorer_markup as explorer


def test_every_registered_parameter_has_a_control():
    for spec in registry.ACTIVATIONS.values():
        assert explorer.missing_parameters(spec) == [], spec.name


def test_a_parameter_without_a_control_is_reported():
    spec = Activation("new", abs, abs, "", "", {"gamma": 1.0, "alpha": 1.0})
    assert explorer.missing_parameters(spec) == ["gamma"]


def _explorer(name="leaky_relu", x=-3.0, vs="elu", **params):
    spec = registry.get(name)
    return explorer.Explorer(
        spec=spec,
        label=name,
        x=x,
        parameters={**spec.parameters, **params},
        vs=vs,
        others={n: (n.upper(), s) for n, s in registry.ACTIVATIONS.items() if n != name},
    )


def test_markup_shows_pythons_values_and_labels_every_control():
    html = _explorer(negative_slope=0.2).html()
    shown = dict(re.findall(r'data-relu-value="([a-z-]+)">([^<]*)<', html))
    assert shown == {
        "f": fmt(registry.get("leaky_relu")(-3.0, negative_slope=0.2)),
        "grad": "0.2",
        "vs": fmt(registry.get("elu")(-3.0)),
        "vs-grad": fmt(registry.get("elu").grad(-3.0)),
    }
    ids = re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', html)
    for control_id in ids:  # a <label for> or aria-labelledby pointing at one
        labelled_by = re.search(rf'id="{control_id}"[^>]*aria-labelledby="([^"]+)"', html)
        assert f'<label for="{control_id}"' in html or (labelled_by and f'id="{labelled_by[1]}"' in html), control_id
    assert 'aria-live="polite"' in html and "pst-js-only" in html


def test_markup_carries_the_registrys_names_and_defaults():
    html = _explorer(negative_slope=0.2).html()
    data = json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)[1])
    assert data["function"] == "leaky_relu" and data["parameters"] == {"negative_slope": 0.2}
    assert set(data["functions"]) == set(registry.ACTIVATIONS)
    for name, spec in registry.ACTIVATIONS.items():
        assert data["functions"][name]["parameters"] == dict(spec.parameters)
        assert data["functions"][name]["kinks"] == list(spec.kinks)
    assert data["controls"]["negative_slope"] == {"low": 0.0, "high": 1.0, "step": 0.01, "label": "負の側の傾き"}


def test_no_compare_function_keeps_the_rows_in_place():
    html = _explorer(vs="").html()
    assert html.count("data-empty") == 2 and '<option value="" selected>なし</option>' in html


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil

    root = tmp_path_factory.mktemp("explorer") / "src"
    shutil.copytree(ROOTS / "explorer", root)
    result = sphinx_build(root, root, root.parent / "out")
    return result.stdout + result.stderr, root.parent / "out" / "html"


@pytest.mark.parametrize(
    "line, message",
    [
        (3, "unknown function 'relu7'; known: relu, relu6"),
        (6, "leaky_relu's parameter 'negative_slope' has no slider range; add it to PARAMETERS"),
        (9, "elu has no parameter negative_slope; its parameters: alpha"),
        (13, "cannot compare gelu with 'elu7'"),
    ],
)
def test_problems_are_warnings_with_a_location_and_a_type(built, line, message):
    log, _ = built
    assert re.search(
        rf"bad\.md:{line}: WARNING: relu-explorer: {re.escape(message)}.*\[relu_glossary\.explorer\]", log
    ), log


def test_a_wrong_option_value_is_reported_where_it_is_written(built):
    log, _ = built  # the typed option's converter refuses it; MyST names the line
    assert re.search(r'option\.md:4: WARNING: .*approximate.*"fast" unknown; choose from "none", or "tanh"', log), log


def test_a_second_explorer_on_a_page_is_refused(built):
    log, html = built
    assert re.search(r"twice\.md:6: WARNING: relu-explorer: one explorer per page", log), log
    assert (html / "twice.html").read_text(encoding="utf-8").count('data-relu-explorer="') == 1


def test_pages_with_problems_get_no_explorer(built):
    _, html = built
    assert "data-relu-explorer" not in (html / "bad.html").read_text(encoding="utf-8")


def test_the_explorer_starts_where_the_options_say(built):
    _, html = built
    page = (html / "good.html").read_text(encoding="utf-8")
    assert f'data-relu-value="f">{fmt(registry.get("elu")(-2.0, alpha=2.0))}<' in page
    assert f'data-relu-value="vs">{fmt(registry.get("selu")(-2.0))}<' in page
    assert '<option value="selu" selected>' in page


def test_scripts_and_styles_only_where_there_is_an_explorer(built):
    from relu_glossary.sphinxext.explorer import page_style

    _, html = built
    good, plain = ((html / f"{name}.html").read_text(encoding="utf-8") for name in ("good", "plain"))
    for script in ("relu-activations.js", "relu-explorer.js"):
        assert re.search(rf'<script defer="defer" src="_static/{re.escape(script)}\?v=', good)
        assert script not in plain
    # the styles are in the page's <head>, after the one stylesheet everything waits for
    head = good[: good.index("</head>")]
    assert f"<style>{page_style()}</style>" in head and head.index("relu-site.css") < head.index(
        f"<style>{page_style()}"
    )
    assert len(re.findall(r'<link[^>]*rel="stylesheet"', head)) == 1
    assert (
        ".relu-explorer" not in plain and "relu-explorer-plot" not in (html / "_static" / "relu-site.css").read_text()
    )

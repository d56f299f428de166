"""A term page's plot is the same bytes whichever process draws it, and is kept
under the code and inputs that drew it: what lets a build (and the test run's
builds, tests/helpers.shared_plots) draw each picture once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import GOOD, build_small, small_project

from relu_glossary import plotting
from relu_glossary.examples import fmt
from relu_glossary.registry import ACTIVATIONS, get
from relu_glossary.sphinxext import code_fingerprints
from relu_glossary.sphinxext.function_directive import _figure_svg, _plot_key

DRAW = (
    "import sys; from relu_glossary.plotting import figure_svg, function_figure; "
    "sys.stdout.write(figure_svg(function_figure('elu', alpha=0.5)))"
)


def test_a_plot_is_the_same_bytes_in_any_process():
    """Two interpreters with different hash seeds draw the same SVG (matplotlib
    names its clip paths and glyphs from a salt the site style fixes)."""
    drawn = [
        subprocess.run(
            [sys.executable, "-c", DRAW],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert drawn[0].startswith("<?xml") and drawn[0] == drawn[1]
    assert drawn[0] == plotting.figure_svg(plotting.function_figure("elu", alpha=0.5))


def _kept(folder, name: str, params: dict) -> str:
    return _figure_svg(folder, _plot_key(name, params), name, params)


def test_a_kept_plot_is_drawn_again_only_for_other_code_or_inputs(tmp_path, monkeypatch):
    drawn = []
    monkeypatch.setattr(plotting, "figure_svg", lambda figure: drawn.append(figure) or f"<svg>{len(drawn)}</svg>")
    first = _kept(tmp_path, "leaky_relu", {"negative_slope": 0.1})
    assert _kept(tmp_path, "leaky_relu", {"negative_slope": 0.1}) == first and len(drawn) == 1
    _kept(tmp_path, "leaky_relu", {"negative_slope": 0.2})
    assert len(drawn) == 2
    monkeypatch.setattr(code_fingerprints, "fingerprint", lambda code, names: "the code, edited")
    _kept(tmp_path, "leaky_relu", {"negative_slope": 0.1})
    assert len(drawn) == 3 and len(list(tmp_path.glob("*.svg"))) == 3


def test_a_plot_is_drawn_again_when_the_function_dashed_behind_it_changes(monkeypatch):
    """Leaky ReLU's plot draws ReLU dashed: editing ReLU changes the picture."""
    assert plotting.functions_drawn("leaky_relu") == {"leaky_relu", "relu"}
    edited: set[str] = set()
    monkeypatch.setattr(code_fingerprints, "fingerprint", lambda code, names: f"edited: {sorted(names & edited)}")
    before = _plot_key("leaky_relu", {})
    edited.add("relu")  # only ReLU's code changes
    assert _plot_key("leaky_relu", {}) != before


def _with_function(function: str) -> dict[str, str]:
    return GOOD | {"alpha": GOOD["alpha"].replace("function: relu", f"function: {function}")}


def test_a_build_removes_the_plots_no_page_uses_from_its_own_folder_only(tmp_path):
    root = small_project(tmp_path / "p", GOOD)
    own = tmp_path / "p" / "_build" / "doctrees" / "relu-plots"
    build_small(root)
    relu = {p.name for p in own.glob("*.svg")}
    assert len(relu) == 1

    small_project(root, _with_function("leaky_relu"))  # the page now plots another function
    build_small(root)
    leaky = {p.name for p in own.glob("*.svg")}
    assert len(leaky) == 1 and leaky != relu

    shared = tmp_path / "shared"
    for function in ("relu", "leaky_relu"):
        small_project(root, _with_function(function))
        build_small(root, {"relu_glossary_plot_cache": str(shared)})
    assert len(list(shared.glob("*.svg"))) == 2  # a shared folder keeps every build's plots


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_the_alt_text_tells_what_the_figure_draws(name):
    """A screen reader hears what a sighted reader sees: the parameters drawn, the
    mode shown, and each dot of the function's own curves, with its value."""
    spec = get(name)
    figure = plotting.function_figure(name)
    text = plotting.alt_text(name)
    for value in spec.parameters.values():
        assert (value if isinstance(value, str) else fmt(value)) in text
    assert spec.mode in text
    _, derivative_panel = figure.axes
    dots = [
        (line.get_xdata()[0], line.get_ydata()[0])
        for line in derivative_panel.lines
        if line.get_marker() == "o" and line.get_color() != plotting.REFERENCE_COLOUR
    ]
    for x, y in dots:
        assert f"x = {fmt(x)} で {fmt(y)}" in text, (name, x, y)
    assert ("右の図の点" in text) == bool(dots)

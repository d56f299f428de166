"""The site's one plot style: a function beside its derivative, as deterministic SVG.

Used by the term pages (through the Sphinx extension) and by the notebooks, so that
every plot on the site has the same x-range, colours and labels.  Figures are
built with ``matplotlib.figure.Figure`` directly (no pyplot state), so a build can
make them in any order and get the same bytes.
"""

from __future__ import annotations

import io
import re

import matplotlib
import matplotlib_fontja  # noqa: F401  registers IPAexGothic: Japanese labels without tofu
import numpy as np
from matplotlib.figure import Figure

from relu_glossary.registry import Activation, get

X_RANGE = (-5.0, 5.0)
# Okabe–Ito colours: distinguishable with colour-blindness, dark enough on white.
FUNCTION_COLOUR = "#0072B2"
DERIVATIVE_COLOUR = "#D55E00"

STYLE = {
    "font.family": "IPAexGothic",
    "font.size": 11,
    "axes.grid": True,
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#111111",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    # An opaque white card stays legible on the theme's dark background too.
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "lines.linewidth": 2.2,
    # The minus sign U+2212 is in IPAexGothic; ASCII '-' would look like a hyphen.
    "axes.unicode_minus": True,
    # Same input, same SVG ids: the published site is byte-reproducible.
    "svg.hashsalt": "relu-glossary",
    "svg.fonttype": "path",  # glyphs as outlines: no font needed in the browser
}


def _segments(x: np.ndarray, kinks: tuple[float, ...]) -> list[np.ndarray]:
    """Split ``x`` at the kinks, leaving the kinks out, so that a jump is not
    drawn as a vertical line."""
    edges = [k for k in kinks if x[0] < k < x[-1]]
    parts = np.split(x, np.searchsorted(x, edges, side="left"))
    return [p[~np.isin(p, edges)] for p in parts]


def _jumps_at(fn, k: float, params) -> bool:
    eps = 1e-9
    return abs(fn(k - eps, **params) - fn(k + eps, **params)) > 1e-6


def _draw(ax, x, spec: Activation, fn, colour, params):
    for part in _segments(x, spec.kinks):
        if part.size:
            ax.plot(part, fn(part, **params), color=colour)
    for k in spec.kinks:
        if x[0] < k < x[-1] and _jumps_at(fn, k, params):
            # where the curve jumps, a dot shows the value the code returns at k
            ax.plot([k], [fn(k, **params)], "o", color=colour, markersize=5)
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_xlim(*X_RANGE)
    ax.set_xlabel("入力 x")


def function_figure(name: str, **params) -> Figure:
    """A figure with ``name`` on the left and its derivative on the right."""
    spec = get(name)
    params = {**spec.parameters, **params}
    x = np.linspace(*X_RANGE, 801)  # step 1/80: hits 0 and the integer kinks exactly
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(7.6, 3.1), layout="constrained")
        ax_f, ax_d = fig.subplots(1, 2)
        _draw(ax_f, x, spec, spec.function, FUNCTION_COLOUR, params)
        ax_f.set_title(f"関数  {name}(x)")
        ax_f.set_ylabel("出力")
        _draw(ax_d, x, spec, spec.derivative, DERIVATIVE_COLOUR, params)
        ax_d.set_title(f"導関数  {name}′(x)")
        ax_d.set_ylabel("傾き")
    return fig


# Okabe–Ito palette, in order, for figures with several curves.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]


def compare_figure(curves: list[tuple[str, str, dict]], title: str = "") -> Figure:
    """Several functions (left) and their derivatives (right) on shared axes.
    ``curves`` holds (label, function name, parameters)."""
    x = np.linspace(*X_RANGE, 801)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(7.6, 3.4), layout="constrained")
        ax_f, ax_d = fig.subplots(1, 2)
        for (label, name, params), colour in zip(curves, PALETTE, strict=False):
            spec = get(name)
            params = {**spec.parameters, **params}
            for ax, fn in ((ax_f, spec.function), (ax_d, spec.derivative)):
                parts = _segments(x, spec.kinks)
                for i, part in enumerate(parts):
                    ax.plot(part, fn(part, **params), color=colour, label=label if i == 0 else None)
        for ax, heading in ((ax_f, "関数"), (ax_d, "導関数")):
            ax.axhline(0, color="#555555", linewidth=0.8)
            ax.axvline(0, color="#555555", linewidth=0.8)
            ax.set_xlim(*X_RANGE)
            ax.set_xlabel("入力 x")
            ax.set_title(heading)
        ax_f.legend(fontsize=9)
        if title:
            fig.suptitle(title)
    return fig


def line_figure(
    series: dict[str, np.ndarray], xlabel: str, ylabel: str, *, logy: bool = False, x=None, title: str = ""
) -> Figure:
    """Curves of an experiment, one per labelled series, in the site style."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(7.0, 3.4), layout="constrained")
        ax = fig.subplots()
        for (label, y), colour in zip(series.items(), PALETTE, strict=False):
            xs = np.arange(1, len(y) + 1) if x is None else x
            ax.plot(xs, y, color=colour, label=label)
        if logy:
            ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.legend(fontsize=9)
    return fig


def alt_text(name: str) -> str:
    """Alt text describing :func:`function_figure` for screen readers."""
    spec = get(name)
    lo, hi = X_RANGE
    text = f"{name} のグラフ。左は関数 {name}(x)、右は導関数 {name}′(x)。横軸は入力 x（{lo:g} から {hi:g}）。"
    if spec.kinks:
        kinks = "、".join(f"x = {k:g}" for k in spec.kinks)
        text += f"{kinks} で微分できないため、導関数はそこで区切り、コードが返す値を点で示す。"
    return text


def figure_svg(fig: Figure) -> str:
    """Serialise ``fig`` as SVG text that depends only on the figure's content."""
    buf = io.StringIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    # matplotlib writes its own version into a comment; drop it so that an
    # upgrade does not change every picture's bytes for nothing.
    return re.sub(r"<!-- Created with matplotlib .*? -->\n", "", buf.getvalue())


def use_in_notebook() -> None:
    """Make notebook figures SVG in the site style (call once in a hidden cell)."""
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    matplotlib.rcParams.update(STYLE)
    set_matplotlib_formats("svg", metadata={"Date": None, "Creator": None})

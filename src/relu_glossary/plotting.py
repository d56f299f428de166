"""The site's one plot style: a function beside its derivative, as deterministic SVG.

Used by the term pages (through the Sphinx extension) and by the notebooks, so that
every plot on the site has the same x-range, colours and labels.  Figures are
built with ``matplotlib.figure.Figure`` directly (no pyplot state), so a build can
make them in any order and get the same bytes.
"""

from __future__ import annotations

import io
import math
import re

import matplotlib
import matplotlib_fontja  # noqa: F401  registers IPAexGothic: Japanese labels without tofu
import numpy as np
from matplotlib.figure import Figure

from relu_glossary.registry import Activation, get

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


def _grid(x_range: tuple[float, float]) -> np.ndarray:
    """Points 1/80 apart: they hit 0 and the integer kinks exactly."""
    lo, hi = x_range
    return np.linspace(lo, hi, round((hi - lo) * 80) + 1)


# Curves that coincide somewhere (ReLU and Leaky ReLU for x > 0) must stay apart:
# each has its own dash pattern and width, the first widest, so a curve drawn on
# top of another leaves the other's edges showing.
LINESTYLES = ["-", (0, (6, 2)), (0, (1.5, 1.5)), (0, (7, 2, 1.5, 2)), (0, (3, 1.5)), (0, (10, 2, 2, 2, 2, 2))]
REFERENCE_COLOUR = "#666666"


def _style(i: int, count: int) -> dict:
    width = 3.4 - 1.8 * i / max(count - 1, 1)
    return {"linestyle": LINESTYLES[i % len(LINESTYLES)], "linewidth": width, "zorder": 2 + i}


def _draw(ax, x, spec: Activation, fn, params, **style):
    kinks = spec.kinks_with(params)
    label = style.pop("label", None)
    for i, part in enumerate(_segments(x, kinks)):
        if part.size:
            ax.plot(part, fn(part, **params), label=label if i == 0 else None, **style)
    for k in kinks:
        if x[0] < k < x[-1] and _jumps_at(fn, k, params):
            # where the curve jumps, a dot shows the value the code returns at k
            ax.plot([k], [fn(k, **params)], "o", color=style.get("color"), markersize=5, zorder=10)


def _axes(ax, x_range, xlabel="入力 x"):
    ax.axhline(0, color="#555555", linewidth=0.8, zorder=1)
    ax.axvline(0, color="#555555", linewidth=0.8, zorder=1)
    ax.set_xlim(*x_range)
    ax.set_xlabel(xlabel)


def _limits(spec: Activation, params) -> list[float]:
    """Finite bounds the function approaches but never takes (ELU's -α, tanh's ±1):
    drawn dotted.  (Known for the default parameters, where they are computed.)"""
    from relu_glossary.properties import compute

    if params != dict(spec.parameters):
        return []
    p = compute(spec.name)
    return [v for v, attained in ((p.lower, p.lower_attained), (p.upper, p.upper_attained))
            if math.isfinite(v) and not attained and v != 0]  # fmt: skip


def function_figure(name: str, **params) -> Figure:
    """A figure with ``name`` on the left and its derivative on the right, over
    the x range that shows its defining feature, with a reference function dashed."""
    spec = get(name)
    params = {**spec.parameters, **params}
    x = _grid(spec.plot_range)
    reference = get(spec.reference) if spec.reference else None
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(7.6, 3.3), layout="constrained")
        ax_f, ax_d = fig.subplots(1, 2)
        for ax, fn, colour in ((ax_f, spec.function, FUNCTION_COLOUR), (ax_d, spec.derivative, DERIVATIVE_COLOUR)):
            if reference is not None:
                ref_fn = reference.function if fn is spec.function else reference.derivative
                _draw(ax, x, reference, ref_fn, dict(reference.parameters), color=REFERENCE_COLOUR,
                      linewidth=1.3, linestyle=(0, (4, 2)), zorder=3, label=f"{reference.name}（比較）")  # fmt: skip
            _draw(ax, x, spec, fn, params, color=colour, zorder=2, label=name)
            _axes(ax, spec.plot_range)
        for value in _limits(spec, params):
            ax_f.axhline(value, color=FUNCTION_COLOUR, linewidth=1.0, linestyle=":", zorder=1)
        ax_f.set_title(f"関数  {name}(x)")
        ax_f.set_ylabel("出力")
        ax_d.set_title(f"導関数  {name}′(x)")
        ax_d.set_ylabel("傾き")
        if reference is not None:
            ax_f.legend(fontsize=8, loc="best")
    return fig


# Okabe–Ito palette, in order, for figures with several curves.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]


def compare_figure(curves: list[tuple[str, str, dict]], title: str = "", x_range=(-5.0, 5.0)) -> Figure:
    """Several functions (left) and their derivatives (right) on shared axes.
    ``curves`` holds (label, function name, parameters); each curve has its own
    colour, dash pattern and width, so curves that coincide stay apart."""
    if len(curves) > len(PALETTE):
        raise ValueError(f"at most {len(PALETTE)} curves can be told apart, not {len(curves)}")
    x = _grid(x_range)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(7.6, 3.9), layout="constrained")
        ax_f, ax_d = fig.subplots(1, 2)
        for i, ((label, name, params), colour) in enumerate(zip(curves, PALETTE, strict=False)):
            spec = get(name)
            params = {**spec.parameters, **params}
            style = {"color": colour, **_style(i, len(curves))}
            _draw(ax_f, x, spec, spec.function, params, label=label, **style)
            _draw(ax_d, x, spec, spec.derivative, params, **style)
        for ax, heading in ((ax_f, "関数"), (ax_d, "導関数")):
            _axes(ax, x_range)
            ax.set_title(heading)
        fig.legend(loc="outside lower center", ncols=min(len(curves), 4), fontsize=9, handlelength=3.2)
        if title:
            fig.suptitle(title)
    return fig


def line_figure(
    series: dict[str, np.ndarray], xlabel: str, ylabel: str, *, logy: bool = False, x=None, title: str = ""
) -> Figure:
    """Curves of an experiment, one per labelled series, in the site style; series
    that coincide stay apart (dash patterns and widths, as compare_figure)."""
    if len(series) > len(PALETTE):
        raise ValueError(f"at most {len(PALETTE)} series can be told apart, not {len(series)}")
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(7.0, 3.4), layout="constrained")
        ax = fig.subplots()
        for i, ((label, y), colour) in enumerate(zip(series.items(), PALETTE, strict=False)):
            xs = np.arange(1, len(y) + 1) if x is None else x
            ax.plot(xs, y, color=colour, label=label, **_style(i, len(series)))
        if logy:
            ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.legend(fontsize=9, handlelength=3.2)
    return fig


def functions_drawn(name: str) -> set[str]:
    """The functions :func:`function_figure` draws for ``name``: it and the reference
    dashed behind it.  Editing either changes the picture."""
    reference = get(name).reference
    return {name} | ({reference} if reference else set())


def alt_text(name: str, label: str | None = None, **params) -> str:
    """Alt text describing :func:`function_figure` for screen readers.  ``label`` is
    the term's name as its page is titled (a screen reader spells ``leaky_relu``
    out); the curves keep the code's names, as the figure and its caption do."""
    from relu_glossary.examples import fmt

    spec = get(name)
    params = {**spec.parameters, **params}
    lo, hi = spec.plot_range
    text = f"{label or name} のグラフ。左は関数 {name}(x)、右は導関数 {name}′(x)。"
    text += f"横軸は入力 x（{fmt(lo)} から {fmt(hi)}）。"
    if params:
        values = "、".join(f"{k} = {v if isinstance(v, str) else fmt(v)}" for k, v in params.items())
        text += f"パラメータは {values}。"  # a word (GELU's approximate) is one of the registry's choices
    text += spec.mode
    if spec.reference:
        text += f"比較のため {spec.reference} を灰色の破線で重ねる。"
    limits = _limits(spec, params)
    if limits:
        text += "点線は関数が近づく値 " + "、".join(fmt(v) for v in limits) + "。"
    shown = [k for k in spec.kinks_with(params) if lo < k < hi]
    jumps = [k for k in shown if _jumps_at(spec.function, k, params)]
    kinks = [k for k in shown if k not in jumps]
    if jumps:
        text += "、".join(f"x = {fmt(k)}" for k in jumps) + " で値が跳び、そこで返す値を点で示す。"
    if kinks:
        text += "、".join(f"x = {fmt(k)}" for k in kinks) + " で折れ曲がり、導関数はそこで値が跳ぶ。"
        # _draw marks, on the derivative's panel, the value the code returns where it jumps
        dots = [k for k in kinks if _jumps_at(spec.derivative, k, params)]
        if dots:
            values = "、".join(f"x = {fmt(k)} で {fmt(spec.derivative(k, **params))}" for k in dots)
            text += f"右の図の点は、そこでコードが返す導関数の値（{values}）。"
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

"""What a term page shows of its activation, computed at build time by the project's code.

* ``.. relu-plot:: <term id>`` — the plot of the function and its derivative, the
  worked examples (x, f(x), f′(x) as the code returns them) and where it is not
  differentiable: the lead of the page.
* ``.. relu-formulas:: <term id>`` — the function's formula beside its derivative's.
* ``.. relu-properties:: <term id>`` — parameters and constants, and the
  properties computed from the code (relu_glossary.properties).

Each page records a fingerprint of the code it runs (code_fingerprints): edit the
function in ``activations.py`` and the next build re-reads the page, redraws its
picture (a file named by a hash of its own bytes) and recomputes its tables,
leaving the other functions' pages alone.  Parameters come typed from the model.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from relu_glossary import examples, plotting, properties, registry
from relu_glossary.files import write_if_changed
from relu_glossary.sphinxext import code_fingerprints
from relu_glossary.sphinxext.generate import glossary_of, note_term_file
from relu_glossary.sphinxext.per_document import PerDocument
from relu_glossary.sphinxext.rst_nodes import rst_to_nodes

PLOT_DIR = "_generated/plots"


class _TermFunction(SphinxDirective):
    """A directive about the activation of the term whose id is its argument."""

    required_arguments = 1

    def setup_term(self):
        term = glossary_of(self.env).terms[self.arguments[0]]
        self.name = term.function
        self.spec = registry.get(self.name)
        # typed values from the model (load checked them against the registry)
        self.given = dict(term.parameters)
        self.params = {**self.spec.parameters, **self.given}
        note_term_file(self.env, term)  # the parameters are not in the page's source
        code_fingerprints.record(
            self.env, self.env.current_document.docname, code_fingerprints.TERM_PAGE_RUNS, {self.name}
        )
        return term

    def nodes_from(self, lines: list[str]) -> list[nodes.Node]:
        return rst_to_nodes("\n".join(lines), self.state.document)


class PlotDirective(_TermFunction):
    def run(self) -> list[nodes.Node]:
        term = self.setup_term()
        name, params = self.name, self.params
        # the plot also draws a reference function: editing it re-reads this page
        docname, runs = self.env.current_document.docname, code_fingerprints.TERM_PAGE_RUNS
        code_fingerprints.record(self.env, docname, runs, plotting.functions_drawn(name))
        image = self._plot()
        lines = [
            f".. figure:: {image}",
            "   :class: relu-plot",
            "",
            f"   左が関数、右が導関数。``relu_glossary.activations.{name}`` と "
            f"``{name}_grad`` をビルド時に実行して描いた。",
            "",
        ]
        rows = examples.rows(name, **params)
        mode = "（推論時：``training=False``）" if name == "rrelu" else ""
        lines += [
            f".. list-table:: 計算例（ビルド時に計算）{mode}",
            "   :stub-columns: 1",
            "   :class: relu-examples",
            "",
            "   * - 入力 x",
            *(f"     - {examples.fmt(x)}" for x, _, _ in rows),
            f"   * - ``{name}(x)``",
            *(f"     - {examples.fmt(y)}" for _, y, _ in rows),
            f"   * - ``{name}_grad(x)``",
            *(f"     - {examples.fmt(dy)}" for _, _, dy in rows),
            "",
            *self._kink_note(),
        ]
        result = self.nodes_from(lines)
        # The alt names the term by its label, YAML text: set on the node, never
        # pasted into the reST above, where it would be markup.
        (plot,) = (image for node in result for image in node.findall(nodes.image))
        plot["alt"] = plotting.alt_text(name, term.label_ja, **params)
        return result

    def _plot(self) -> str:
        # Named by its own bytes: a picture can never be served stale, and moving
        # code around without changing a curve changes no file name.
        kept_as = _plot_key(self.name, self.params)
        svg = _figure_svg(_plot_folder(self.env.config, self.env.doctreedir), kept_as, self.name, self.params)
        _PLOTS_USED.of(self.env).setdefault(self.env.current_document.docname, set()).add(kept_as)
        key = hashlib.sha256(svg.encode()).hexdigest()[:16]
        rel = f"{PLOT_DIR}/{self.name}-{key}.svg"
        write_if_changed(Path(self.env.srcdir, rel), svg)
        return "/" + rel

    def _kink_note(self) -> list[str]:
        """Where the derivative (or the function) jumps, and what the table shows there."""
        p = properties.compute(self.name)
        kinks = self.spec.kinks_with(self.params)
        jumps = [k for k in kinks if k in p.jumps]
        bends = [k for k in kinks if k not in jumps]
        parts = []
        for points, why in ((jumps, "で値が跳ぶ（不連続な）ので"), (bends, "で折れ曲がっていて")):
            if points:
                where = "、".join(f"\\ :math:`x = {examples.fmt(k)}`\\ " for k in points)
                parts.append(f"{where} {why}")  # a space between the formula and で, as in the prose
        if not parts:
            return []
        how = "PyTorch の自動微分と同じ値" if self.spec.kinks_as_pytorch else "コードが決めた一つの値"
        return [f"{'、'.join(parts)}微分できない。計算例の導関数の行は、そこでは {how}を示す。", ""]


class FormulasDirective(_TermFunction):
    def run(self) -> list[nodes.Node]:
        term = self.setup_term()
        # built as nodes: the YAML's formula is LaTeX for the math renderer, never reST
        box = nodes.container(classes=["relu-formulas"])
        for caption, latex in (("関数", term.formula or self.spec.latex), ("導関数", self.spec.derivative_latex)):
            formula = nodes.container(classes=["relu-formula"])
            formula += nodes.paragraph(caption, caption, classes=["relu-formula-caption"])
            formula += nodes.math_block(latex, latex, docname=self.env.docname, label=None, number=None, nowrap=False)
            box += formula
        return [box]


class PropertiesDirective(_TermFunction):
    def run(self) -> list[nodes.Node]:
        self.setup_term()
        lines = []
        shown = {**self.params, **self.spec.constants}
        if shown:
            lines += [
                ".. list-table:: パラメータと定数（コードの値）",
                "   :header-rows: 1",
                "   :class: relu-params",
                "",
                "   * - 名前",
                "     - 値",
            ]
            for key, value in shown.items():
                text = examples.fmt_exact(value) if isinstance(value, float) else str(value)
                lines += [f"   * - ``{key}``", f"     - {text}"]
            lines.append("")
        # the properties are those of the defaults; a term with its own parameters shows none
        if not self.given:
            lines += self._properties()
        return self.nodes_from(lines)

    def _properties(self) -> list[str]:
        p = properties.compute(self.name)
        yes_no = {True: "はい", False: "いいえ"}
        if p.increasing and p.decreasing:
            monotone = "定数"
        elif p.increasing or p.decreasing:
            monotone = "増加（減らない）" if p.increasing else "減少（増えない）"
        else:
            monotone = "単調でない"
        steepest = examples.fmt(p.max_abs_grad)  # as many digits as f'(0) above: they may be equal
        if not p.max_abs_grad_attained:
            # "mathematically": the code may still return it, at a kink (SELU's f'(0))
            # or where it rounds (softplus's slope is exactly 1 past its threshold)
            steepest += "（上限。数式の上では到達しない）"
        if p.jumps:
            steepest += "（値が跳ぶ点を除く）"
        rows = [
            ("出力の範囲", p.output_range),
            (
                "標準正規分布の入力に対する出力の平均",
                examples.fmt(p.mean_normal, 4) + ("（ゼロ中心）" if p.zero_centred else ""),
            ),
            ("単調性", monotone),
            ("連続", yes_no[p.continuous]),
            ("導関数が連続（C¹）", yes_no[p.c1]),
            (":math:`f'(0)` としてコードが返す値", examples.fmt(p.grad_at_0)),
            (":math:`|f'(x)|` の最大値", steepest),
        ]
        lines = [
            ".. list-table:: 性質（ビルド時にコードから計算）",
            "   :header-rows: 1",
            "   :class: relu-properties",
            "",
            "   * - 性質",
            "     - 値",
        ]
        for label, value in rows:
            lines += [f"   * - {label}", f"     - {value}"]
        return lines + [""]


def _plot_folder(config, doctreedir) -> Path:
    """Where drawn plots are kept: ``relu_glossary_plot_cache``, else beside the doctrees."""
    return Path(config.relu_glossary_plot_cache or Path(doctreedir) / "relu-plots")


def _plot_key(name: str, params: dict) -> str:
    """What a plot is kept under: the fingerprint of the code it runs and its inputs."""
    import matplotlib

    code = code_fingerprints.fingerprint(code_fingerprints.TERM_PAGE_RUNS, plotting.functions_drawn(name))
    inputs = f"{code} {matplotlib.__version__} {name} {sorted(params.items())!r}"
    return hashlib.sha256(inputs.encode()).hexdigest()[:32]


def _figure_svg(folder: Path, key: str, name: str, params: dict) -> str:
    """The plot of ``name`` with ``params``, drawn once and kept in ``folder`` under
    ``key`` (:func:`_plot_key`; a third of a second each, and with more terms than
    registered functions, terms share them).  The parallel readers of a build share
    the folder: a picture is drawn at most once per reader."""
    path = folder / f"{key}.svg"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    svg = plotting.figure_svg(plotting.function_figure(name, **params))
    write_if_changed(path, svg)
    return svg


#: The kept plots each page uses (their keys), so that a build can remove the ones
#: no page uses any more: each edit of the code they run draws them all anew.
_PLOTS_USED = PerDocument("relu_plots_used")


def _remove_unused_plots(app, exception) -> None:
    """``build-finished``: remove from the build's own plot folder the plots no page
    uses.  A folder given in ``relu_glossary_plot_cache`` is left alone: builds of
    other projects keep theirs in it."""
    if exception is not None or app.config.relu_glossary_plot_cache:
        return
    used = set().union(*_PLOTS_USED.of(app.env).values())
    for path in _plot_folder(app.config, app.doctreedir).glob("*.svg"):
        if path.stem not in used:
            path.unlink()


def setup(app) -> None:
    # Plots are kept under the code and inputs that drew them, so builds of several
    # copies of a project can share one folder: the test suite's dozen builds draw
    # each picture once (22 plots, a third of a build without notebooks).  Moving
    # the folder changes no page, hence no rebuild ("").
    app.add_config_value("relu_glossary_plot_cache", "", "", types=frozenset({str}))
    _PLOTS_USED.connect(app)
    app.connect("build-finished", _remove_unused_plots)
    app.add_directive("relu-plot", PlotDirective)
    app.add_directive("relu-formulas", FormulasDirective)
    app.add_directive("relu-properties", PropertiesDirective)

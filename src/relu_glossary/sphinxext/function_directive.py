"""``.. relu-function:: <term id>``: the plot and worked examples of a term's activation.

Everything shown is computed here, at build time, by ``relu_glossary``'s own
code.  The page records a fingerprint of the code it runs (code_fingerprints):
edit the function in ``activations.py`` and the next build re-reads the page,
redraws its picture (a file named by a hash of its own bytes) and recomputes its
table, leaving the other functions' pages alone.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from relu_glossary import examples, plotting, properties, registry
from relu_glossary.files import write_if_changed
from relu_glossary.sphinxext import code_fingerprints
from relu_glossary.sphinxext.generate import glossary_of

PLOT_DIR = "_generated/plots"


class FunctionDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        term = glossary_of(self.env).terms[self.arguments[0]]
        name = term.function
        spec = registry.get(name)
        # typed values from the model (load checked them against the registry)
        given = dict(term.parameters)
        params = {**spec.parameters, **given}
        code_fingerprints.record(self.env, self.env.current_document.docname, code_fingerprints.TERM_PAGE_RUNS, {name})
        image = self._plot(name, params)
        return self.parse_text_to_nodes("\n".join(self._rst(name, spec, params, image, given)))

    def _plot(self, name: str, params: dict) -> str:
        # Named by its own bytes: a picture can never be served stale, and moving
        # code around without changing a curve changes no file name.  Drawing it
        # costs little, as the page is read only when its code changed.
        svg = plotting.figure_svg(plotting.function_figure(name, **params))
        key = hashlib.sha256(svg.encode()).hexdigest()[:16]
        rel = f"{PLOT_DIR}/{name}-{key}.svg"
        write_if_changed(Path(self.env.srcdir, rel), svg)
        return "/" + rel

    def _rst(self, name, spec, params, image, given) -> list[str]:
        lines = [
            f".. figure:: {image}",
            f"   :alt: {plotting.alt_text(name)}",
            "   :class: relu-plot",
            "",
            f"   左が関数、右が導関数。``relu_glossary.activations.{name}`` と "
            f"``{name}_grad`` をビルド時に実行して描いた。",
            "",
        ]
        shown = {**params, **spec.constants}
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
        mode = "（推論時：``training=False``）" if name == "rrelu" else ""
        lines += [
            f".. list-table:: 計算例（ビルド時に計算）{mode}",
            "   :header-rows: 1",
            "   :class: relu-examples",
            "",
            "   * - 入力 x",
            f"     - ``{name}(x)``",
            f"     - ``{name}_grad(x)``",
        ]
        for x, y, dy in examples.rows(name, **params):
            lines += [f"   * - {examples.fmt(x)}", f"     - {examples.fmt(y)}", f"     - {examples.fmt(dy)}"]
        lines += ["", *self._kink_note(spec, params)]
        # the properties are those of the defaults; a term with its own parameters shows none
        lines += self._properties(name) if not given else []
        return lines

    @staticmethod
    def _kink_note(spec, params) -> list[str]:
        """Where the derivative (or the function) jumps, and what the table shows there."""
        p = properties.compute(spec.name)
        parts = []
        for points, why in ((p.jumps, "で値が跳ぶ（不連続な）ので"), (p.kinks, "で折れ曲がっていて")):
            if points:
                where = "、".join(f"\\ :math:`x = {examples.fmt(k)}`\\ " for k in points)
                parts.append(f"{where}{why}")
        if not parts and not spec.kinks_with(params):
            return []
        how = "PyTorch の自動微分と同じ値" if spec.kinks_as_pytorch else "コードが決めた一つの値"
        return [f"{'、'.join(parts)}微分できない。計算例の表の導関数の列は、そこでは{how}を示す。", ""]

    @staticmethod
    def _properties(name) -> list[str]:
        p = properties.compute(name)
        yes_no = {True: "はい", False: "いいえ"}
        monotone = (
            "増加（減らない）"
            if p.increasing and not p.decreasing
            else ("減少（増えない）" if p.decreasing and not p.increasing else "定数" if p.increasing else "単調でない")
        )
        steepest = examples.fmt(p.max_abs_grad, 4)
        if not p.max_abs_grad_attained:
            steepest += "（上限。到達はしない）"
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


def setup(app) -> None:
    app.add_directive("relu-function", FunctionDirective)

"""``.. relu-function:: <term id>``: the plot and worked examples of a term's activation.

Everything shown is computed here, at build time, by ``relu_glossary``'s own
code.  The page records a fingerprint of the code it runs (code_fingerprints):
edit the function in ``activations.py`` and the next build re-reads the page,
redraws its picture (a file named by a hash of its own bytes) and recomputes its
table, leaving the other functions' pages alone.
"""

from __future__ import annotations

import hashlib
import os
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
        # code around without changing a curve changes no file name.
        svg = _figure_svg(Path(self.env.doctreedir) / "relu-plots", name, params)
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
                text = examples.fmt(value, 17) if isinstance(value, float) else str(value)
                lines += [f"   * - ``{key}``", f"     - {text}"]
            lines.append("")
        lines += [
            ".. list-table:: 計算例（ビルド時に計算）",
            "   :header-rows: 1",
            "   :class: relu-examples",
            "",
            "   * - 入力 x",
            f"     - ``{name}(x)``",
            f"     - ``{name}_grad(x)``",
        ]
        for x, y, dy in examples.rows(name, **{k: v for k, v in params.items()}):
            lines += [f"   * - {examples.fmt(x)}", f"     - {examples.fmt(y)}", f"     - {examples.fmt(dy)}"]
        lines.append("")
        # the properties are those of the defaults; a term with its own parameters shows none
        lines += self._properties(name) if not given else []
        if spec.kinks:
            kinks = "、".join(f"\\ :math:`x = {examples.fmt(k)}`\\ " for k in spec.kinks)
            lines += [f"{kinks}では微分できない。表の導関数の値はコードがそこで返す値（PyTorch と同じ選び方）。", ""]
        return lines

    @staticmethod
    def _properties(name) -> list[str]:
        p = properties.compute(name)
        yes_no = {True: "はい", False: "いいえ"}
        rows = [
            ("出力の範囲", p.output_range),
            (
                "標準正規分布の入力に対する出力の平均",
                examples.fmt(p.mean_normal, 4) + ("（ゼロ中心）" if p.zero_centred else ""),
            ),
            ("単調（減らない）", yes_no[p.monotonic]),
            ("連続", yes_no[p.continuous]),
            ("滑らか（導関数が連続、C¹）", yes_no[p.c1]),
            (":math:`f'(0)` としてコードが返す値", examples.fmt(p.grad_at_0)),
            (":math:`|f'(x)|` の最大値", examples.fmt(p.max_abs_grad, 4)),
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


def _figure_svg(folder: Path, name: str, params: dict) -> str:
    """The plot of ``name`` with ``params``, drawn once and kept in ``folder`` under
    the fingerprint of the code it runs (a third of a second each, and with more
    terms than registered functions, terms share them).  The parallel readers of a
    build share the folder, so each picture is drawn once per build at most."""
    import matplotlib

    code = code_fingerprints.fingerprint(code_fingerprints.TERM_PAGE_RUNS, {name})
    inputs = f"{code} {matplotlib.__version__} {name} {sorted(params.items())!r}"
    key = hashlib.sha256(inputs.encode()).hexdigest()[:32]
    path = folder / f"{key}.svg"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    svg = plotting.figure_svg(plotting.function_figure(name, **params))
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{key}.{os.getpid()}.tmp")  # readers in parallel write their own
    tmp.write_text(svg, encoding="utf-8")
    tmp.replace(path)
    return svg


def setup(app) -> None:
    app.add_directive("relu-function", FunctionDirective)

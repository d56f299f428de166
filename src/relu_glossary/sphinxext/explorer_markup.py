"""The explorer's markup: controls for x and for a function's parameters, the values
f(x) and f'(x), and a box for the plot.

Plain Python (no Sphinx).  Everything is rendered here, at build time, with the
values the Python module gives for the starting state: a reader without
JavaScript gets nothing of it (it is ``pst-js-only``), a reader with it sees the
explorer at its final size before static/relu-explorer.js starts, which then
recomputes the values with the port in static/relu-activations.js.  The names
and defaults of the parameters come from the registry, in a JSON block the
script checks the port against.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from relu_glossary.examples import fmt
from relu_glossary.glossary.render.script_json import script_json
from relu_glossary.registry import Activation

ID = "relu-explorer"  # one explorer per page (sphinxext.explorer warns about a second)


@dataclass(frozen=True)
class Range:
    """A number a slider moves between ``low`` and ``high``; the number field takes any."""

    low: float
    high: float
    step: float
    label: str


@dataclass(frozen=True)
class Choice:
    """One of a few strings, each shown with a few words of explanation."""

    choices: dict[str, str]
    label: str


X = Range(-6.0, 6.0, 0.1, "入力")
#: How a reader sets each parameter, by its name in relu_glossary.activations.  A
#: registered function whose parameter is missing here makes the build warn.
PARAMETERS: dict[str, Range | Choice] = {
    "negative_slope": Range(0.0, 1.0, 0.01, "負の側の傾き"),
    "weight": Range(0.0, 1.0, 0.01, "負の側の傾き（学習で決まる値）"),
    "lower": Range(0.0, 1.0, 0.01, "傾きの下限"),
    "upper": Range(0.0, 1.0, 0.01, "傾きの上限"),
    "alpha": Range(0.1, 3.0, 0.05, "負の側が近づく値 −α"),
    "beta": Range(0.1, 5.0, 0.1, "角の鋭さ"),
    "threshold": Range(1.0, 40.0, 1.0, "βx がこれを超えると x そのもの"),
    "approximate": Choice({"none": "none（正確な式）", "tanh": "tanh（tanh による近似式）"}, "式"),
}


def missing_parameters(spec: Activation) -> list[str]:
    return [name for name in spec.parameters if name not in PARAMETERS]


def _number(value: float) -> str:
    return repr(float(value))  # round-trips, and is a valid HTML floating-point number


@dataclass(frozen=True)
class Explorer:
    """One explorer: the function, where it starts, and what it can be compared with."""

    spec: Activation
    label: str
    x: float
    parameters: dict  # the starting values (defaults unless the directive says)
    vs: str  # the function compared with at the start, or ""
    others: dict  # name -> (label, Activation): the compare list

    def data(self) -> dict:
        """What the script needs: the registry's names, defaults and kinks, and the slider ranges."""
        functions = {
            name: {"parameters": dict(spec.parameters), "kinks": list(spec.kinks)}
            for name, spec in {self.spec.name: self.spec, **{n: s for n, (_, s) in self.others.items()}}.items()
        }
        controls = {"x": vars(X)} | {name: vars(PARAMETERS[name]) for name in self.spec.parameters}
        return {
            "function": self.spec.name,
            "x": self.x,
            "parameters": self.parameters,
            "vs": self.vs,
            "functions": functions,
            "controls": controls,
        }

    def html(self) -> str:
        name = self.spec.name
        # not sorted: the URL fragment lists x first, then the parameters as the registry does
        data = script_json(self.data())
        lines = [
            f'<div class="{ID} pst-js-only" id="{ID}" role="group" aria-labelledby="{ID}-title"'
            f' data-relu-explorer="{escape(name)}">',
            f'<p class="{ID}-title" id="{ID}-title">動かしてみる：{escape(self.label)}</p>',
        ]
        if self.spec.mode:  # a line under the title: the mode the explorer leaves fixed
            lines.append(f'<p class="{ID}-note">{escape(self.spec.mode)}</p>')
        lines += [
            f'<script type="application/json" class="{ID}-data">{data}</script>',
            f'<div class="{ID}-controls">',
            self._slider("x", X, self.x, "入力 <var>x</var>"),
        ]
        for key, control in ((k, PARAMETERS[k]) for k in self.spec.parameters):
            label = f"<code>{escape(key)}</code>（{escape(control.label)}）"
            value = self.parameters[key]
            lines.append(
                self._slider(key, control, value, label)
                if isinstance(control, Range)
                else self._select(key, list(control.choices.items()), value, label)
            )
        options = [("", "なし")] + [(n, f"{label}（{n}）") for n, (label, _) in self.others.items()]
        lines += [self._select("vs", options, self.vs, "比べる関数"), "</div>", self._values(), self._plots(), "</div>"]
        return "\n".join(lines) + "\n"

    @staticmethod
    def _slider(key: str, r: Range, value: float, label: str) -> str:
        # The visible label names the number field; the slider shares it.
        return (
            f'<div class="{ID}-field"><label for="{ID}-{key}" id="{ID}-{key}-label">{label}</label>'
            f'<input type="range" id="{ID}-{key}-range" min="{_number(r.low)}" max="{_number(r.high)}"'
            f' step="{_number(r.step)}" value="{_number(value)}" aria-labelledby="{ID}-{key}-label"'
            f' data-relu-range="{key}">'
            f'<input type="number" id="{ID}-{key}" step="any" value="{_number(value)}" data-relu-input="{key}"></div>'
        )

    @staticmethod
    def _select(key: str, options: list[tuple[str, str]], value: str, label: str) -> str:
        items = "".join(
            f'<option value="{escape(v)}"{" selected" if v == value else ""}>{escape(text)}</option>'
            for v, text in options
        )
        return (
            f'<div class="{ID}-field"><label for="{ID}-{key}">{label}</label>'
            f'<select id="{ID}-{key}" data-relu-input="{key}">{items}</select></div>'
        )

    def _values(self) -> str:
        """f(x) and f'(x) as Python computes them for the starting state (the script
        recomputes them), then the compared function's (empty rows if there is none)."""
        name = self.spec.name
        rows = [
            ("f", f"{name}(x)", fmt(self.spec(self.x, **self.parameters))),
            ("grad", f"{name}_grad(x)", fmt(self.spec.grad(self.x, **self.parameters))),
        ]
        other = self.others[self.vs][1] if self.vs else None
        rows += [
            ("vs", f"{self.vs}(x)", fmt(other(self.x)) if other else ""),
            ("vs-grad", f"{self.vs}_grad(x)", fmt(other.grad(self.x)) if other else ""),
        ]
        # The compared function's rows keep their place when there is none (no jump).
        # The swatch before each name is the legend: the line style of that curve.
        cells = "".join(
            f'<span class="{ID}-row {ID}-{"vs" if key.startswith("vs") else "main"}"'
            f'{"" if value else " data-empty"}><code data-relu-name="{key}">{escape(label)}</code>'
            f' = <span data-relu-value="{key}">{escape(value)}</span></span>'
            for key, label, value in rows
        )
        inputs = " ".join([f"{ID}-x", *(f"{ID}-{k}" for k in self.spec.parameters), f"{ID}-vs"])
        return f'<output class="{ID}-values" for="{inputs}" aria-live="polite">{cells}</output>'

    def _plots(self) -> str:
        # Empty until the script draws; the viewBox reserves the box, so nothing moves.
        return "".join(
            [
                f'<div class="{ID}-plots">',
                *(
                    f'<svg class="{ID}-plot" data-relu-plot="{key}" viewBox="0 0 320 224" role="img"'
                    f' aria-label="{escape(text)}"></svg>'
                    for key, text in (
                        ("f", f"{self.spec.name}(x) のグラフ"),
                        ("grad", f"{self.spec.name}_grad(x) のグラフ"),
                    )
                ),
                "</div>",
            ]
        )

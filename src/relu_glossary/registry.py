"""Find an activation function, its derivative and its formula by name.

The glossary refers to functions by these names (``function: leaky_relu``), and
the generated pages and notebooks look them up here.  Pure Python: no Sphinx.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from relu_glossary import activations as act


@dataclass(frozen=True)
class Activation:
    """One elementwise activation function and what the site shows about it."""

    name: str
    function: Callable
    derivative: Callable
    latex: str
    derivative_latex: str
    #: Default keyword arguments, as in ``torch.nn.functional``.
    parameters: Mapping[str, float | str] = field(default_factory=dict)
    #: The words a text parameter may take (``approximate``: none or tanh).
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Points where the function is not differentiable (its derivative, or the
    #: function itself, jumps there), with the default parameters.
    kinks: tuple[float, ...] = ()
    #: Whether PyTorch's autograd returns, at the kinks, the values ``*_grad`` does
    #: (tests/test_frameworks.py checks it); False where PyTorch has no such function.
    kinks_as_pytorch: bool = True
    #: The x range its plot shows: wide enough for its defining feature (ReLU6's cap,
    #: ELU's saturation, Softsign's slow approach to ±1).
    plot_range: tuple[float, float] = (-5.0, 5.0)
    #: A function its plot shows beside it, dashed, for contrast.
    reference: str | None = None
    #: Inputs its page evaluates besides the standard ones (examples.STANDARD_INPUTS):
    #: those that tutorials about it commonly use.
    example_inputs: tuple[float, ...] = ()
    #: Fixed constants that are not parameters, shown beside them (SELU's λ and α).
    constants: Mapping[str, float] = field(default_factory=dict)
    #: The weight initialisation that suits it: "he" (variance 2/n) for the ReLU
    #: family, "xavier" (1/n) otherwise.
    initialisation: str = "xavier"
    #: Where the site computes one mode of it, not all of it, which mode that is
    #: (RReLU: inference; its random training slope is drawn nowhere).  The explorer
    #: shows it under its title, and the plot's alt text says it.
    mode: str = ""

    def __call__(self, x, **overrides):
        return self.function(x, **{**self.parameters, **overrides})

    def grad(self, x, **overrides):
        return self.derivative(x, **{**self.parameters, **overrides})

    def kinks_with(self, params: Mapping) -> tuple[float, ...]:
        """The kinks for these parameters: ELU has one at 0 unless α = 1."""
        if self.name == "elu" and params.get("alpha", 1.0) != 1.0:
            return (0.0,)
        return self.kinks

    def parameter_problem(self, key: str, value) -> str | None:
        """Why ``value`` cannot be given as parameter ``key``, or None if it can."""
        if key not in self.parameters:
            return f"'{key}' is not a parameter of {self.name}"
        if key in self.choices:
            if value not in self.choices[key]:
                return f"{key} must be one of {', '.join(self.choices[key])}, not {value!r}"
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"{key} must be a finite number, not {value!r}"
        return None


def _spec(
    name,
    latex,
    derivative_latex,
    parameters=None,
    kinks=(),
    *,
    choices=None,
    example_inputs=(),
    constants=None,
    initialisation="xavier",
    kinks_as_pytorch=True,
    plot_range=(-5.0, 5.0),
    reference=None,
    mode="",
):
    return Activation(
        name=name,
        function=getattr(act, name),
        derivative=getattr(act, f"{name}_grad"),
        latex=latex,
        derivative_latex=derivative_latex,
        parameters=MappingProxyType(dict(parameters or {})),
        choices=MappingProxyType(dict(choices or {})),
        kinks=tuple(kinks),
        example_inputs=tuple(example_inputs),
        kinks_as_pytorch=kinks_as_pytorch,
        plot_range=tuple(plot_range),
        reference=reference,
        constants=MappingProxyType(dict(constants or {})),
        initialisation=initialisation,
        mode=mode,
    )


# Inputs the Python tutorials about ReLU and Leaky ReLU run their code on.
_TUTORIAL_INPUTS = (-20.0, -10.0, 15.0)


_ACTIVATIONS = [
    _spec(
        "relu",
        r"\max(0, x)",
        r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        kinks=[0.0],
        example_inputs=_TUTORIAL_INPUTS,
        initialisation="he",
    ),
    _spec(
        "relu6",
        r"\min(\max(0, x), 6)",
        r"\begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}",
        kinks=[0.0, 6.0],
        example_inputs=(5.0, 6.0, 8.0),  # up to the cap and past it
        plot_range=(-3.0, 9.0),
        reference="relu",
    ),
    _spec(
        "leaky_relu",
        r"\begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}",
        r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
        {"negative_slope": 0.01},
        kinks=[0.0],
        example_inputs=_TUTORIAL_INPUTS,
        initialisation="he",
        reference="relu",
    ),
    _spec(
        "prelu",
        r"\begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}\ (a\ \text{は学習される})",
        r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
        {"weight": 0.25},
        kinks=[0.0],
        initialisation="he",
    ),
    _spec(
        "rrelu",
        r"\begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases},\ a \sim U(l, u)",
        r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
        {"lower": 1.0 / 8, "upper": 1.0 / 3},
        kinks=[0.0],
        mode="推論時（training=False）の値：負の側の傾きは (lower + upper) / 2。",
    ),
    _spec(
        "elu",
        r"\begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
        r"\begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
        {"alpha": 1.0},
        initialisation="he",
        example_inputs=(-5.0,),
        plot_range=(-7.0, 3.0),  # the approach to -α
        reference="relu",
    ),
    _spec(
        "selu",
        r"\lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
        r"\lambda \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
        kinks=[0.0],
        constants={"λ (scale)": act.SELU_SCALE, "α (alpha)": act.SELU_ALPHA},
        example_inputs=(-5.0,),
        plot_range=(-7.0, 3.0),  # the approach to -λα
        reference="elu",
    ),
    _spec(
        "celu",
        r"\max(0, x) + \min\bigl(0, \alpha (e^{x/\alpha} - 1)\bigr)",
        r"\begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
        {"alpha": 1.0},
        example_inputs=(-5.0,),
        plot_range=(-7.0, 3.0),
        reference="relu",
    ),
    _spec(
        "gelu",
        r"x \, \Phi(x) = \frac{x}{2} \left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)",
        r"\Phi(x) + x \, \varphi(x)",
        {"approximate": "none"},
        choices={"approximate": ("none", "tanh")},
        reference="relu",
    ),
    _spec(
        "silu",
        r"x \, \sigma(x) = \frac{x}{1 + e^{-x}}",
        r"\sigma(x) \bigl(1 + x (1 - \sigma(x))\bigr)",
        reference="relu",
    ),
    _spec(
        "mish",
        r"x \tanh(\operatorname{softplus}(x))",
        r"\tanh(s) + x \operatorname{sech}^2(s) \, \sigma(x),\ s = \operatorname{softplus}(x)",
        reference="relu",
    ),
    _spec(
        "hardswish",
        r"x \, \frac{\operatorname{ReLU6}(x + 3)}{6}",
        r"\begin{cases} 0 & x \le -3 \\ \frac{2x + 3}{6} & -3 < x < 3 \\ 1 & x \ge 3 \end{cases}",
        kinks=[-3.0, 3.0],
        example_inputs=(-4.0, 3.0, 4.0),  # both flat parts and the corner
        reference="silu",
    ),
    _spec(
        "hardsigmoid",
        r"\frac{\operatorname{ReLU6}(x + 3)}{6}",
        r"\begin{cases} \frac{1}{6} & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}",
        kinks=[-3.0, 3.0],
        example_inputs=(-4.0, 3.0, 4.0),
        reference="sigmoid",
    ),
    # Softplus is smooth everywhere.  Like PyTorch, the code returns x itself where
    # βx > threshold (the true value differs by log1p(e^-threshold), 2e-9 at 20):
    # a switch in the arithmetic, not a kink of the function.
    _spec(
        "softplus",
        r"\frac{1}{\beta} \log\left(1 + e^{\beta x}\right)",
        r"\sigma(\beta x)",
        {"beta": 1.0, "threshold": 20.0},
        example_inputs=(5.0, 25.0),  # near x, and past the threshold
        reference="relu",
    ),
    _spec(
        "sigmoid",
        r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        r"\sigma(x) \bigl(1 - \sigma(x)\bigr)",
        example_inputs=(-5.0, 5.0),
        plot_range=(-8.0, 8.0),
    ),
    _spec(
        "tanh",
        r"\tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        r"1 - \tanh^2 x",
        example_inputs=(-5.0, 5.0),
        reference="sigmoid",
    ),
    _spec(
        "softsign",
        r"\frac{x}{1 + |x|}",
        r"\frac{1}{(1 + |x|)^2}",
        example_inputs=(-10.0, 10.0),
        plot_range=(-15.0, 15.0),  # its slow approach to ±1
        reference="tanh",
    ),
    _spec("identity", r"x", r"1"),
    _spec(
        "step",
        r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        r"0 \quad (x \ne 0)",
        kinks=[0.0],
        kinks_as_pytorch=False,  # torch.heaviside has no derivative
    ),
    _spec(
        "negative_part",
        r"\min(0, x)",
        r"\begin{cases} 0 & x > 0 \\ 1 & x < 0 \end{cases}",
        kinks=[0.0],
        kinks_as_pytorch=False,
        reference="relu",
    ),
    _spec(
        "reflected_relu",
        r"\operatorname{ReLU}(-x) = \max(0, -x)",
        r"\begin{cases} 0 & x > 0 \\ -1 & x < 0 \end{cases}",
        kinks=[0.0],
        kinks_as_pytorch=False,
        reference="relu",
    ),
    _spec("zero", r"0", r"0"),
]

#: name -> Activation, in a fixed order (the order pages list them in).
ACTIVATIONS: Mapping[str, Activation] = MappingProxyType({a.name: a for a in _ACTIVATIONS})


def get(name: str) -> Activation:
    """The activation called ``name``; KeyError names the known ones."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise KeyError(f"unknown activation {name!r}; known: {', '.join(ACTIVATIONS)}") from None

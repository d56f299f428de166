"""What each registered activation is called in PyTorch, Keras and JAX.

For every name in :data:`relu_glossary.registry.ACTIVATIONS`, :data:`FRAMEWORKS`
lists the framework functions and layers, the defaults they use, which of their
parameters is which of ours, and where their default or definition differs from
this site's.  A framework that has no such function has an explicit row with
``name=None``.

Plain data: nothing here imports a framework.  ``tests/test_frameworks.py``
checks every row with ``verified=True`` against the installed libraries (the
versions in :data:`CHECKED_WITH`): the name resolves, the defaults are the
signature's, the default call gives this site's function with ``default_is``,
``same_as_site`` gives this site's default, and each documented difference is
really there.  JAX rows are ``verified=False``: JAX is not a test dependency
(the test module's docstring says why); they were checked by hand once with
the JAX version in :data:`CHECKED_WITH`, by running the same test with JAX
installed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["CHECKED_WITH", "FRAMEWORKS", "FRAMEWORK_ORDER", "Api", "display_rows"]

FRAMEWORK_ORDER = ("PyTorch", "Keras", "JAX")

#: The library versions the rows were checked against.  Keras was run on its
#: torch backend: where a Keras function's numbers depend on the backend, the
#: row's note says so.
CHECKED_WITH = MappingProxyType({"PyTorch": "2.13.0", "Keras": "3.15.1", "JAX": "0.10.2"})


@dataclass(frozen=True)
class Api:
    """One framework function or layer class (or the lack of one)."""

    framework: str
    #: Dotted name, e.g. ``"torch.nn.functional.leaky_relu"``; None: the framework has none.
    name: str | None
    #: The framework's defaults for the parameters that change the result, as its signature has them.
    defaults: Mapping[str, Any] = field(default_factory=dict)
    #: Framework parameter name -> this site's parameter name.
    params: Mapping[str, str] = field(default_factory=dict)
    #: This site's parameters that the framework's default call equals: ``{}`` means
    #: this site's own defaults, None means no choice of our parameters does.
    default_is: Mapping[str, Any] | None = field(default_factory=dict)
    #: Code that gives this site's default, where the framework's default differs.
    same_as_site: str | None = None
    #: Required positional arguments after ``x``, as code.
    args: tuple[str, ...] = ()
    #: Other names the framework exports for the same object.
    aliases: tuple[str, ...] = ()
    #: In Japanese: how the framework's default or definition differs from this site's.
    note: str = ""
    #: Checked by tests/test_frameworks.py in every ``make test``.
    verified: bool = True

    @property
    def is_class(self) -> bool:
        """A layer/module class (``torch.nn.ReLU``) rather than a function."""
        return self.name is not None and self.name.rsplit(".", 1)[-1][:1].isupper()

    @property
    def code(self) -> str | None:
        """The call with its defaults written out: ``jax.nn.gelu(x, approximate=True)``."""
        if self.name is None:
            return None
        kwargs = [f"{k}={v!r}" for k, v in self.defaults.items()]
        if self.is_class:
            return f"{self.name}({', '.join(kwargs)})"
        return f"{self.name}({', '.join(['x', *self.args, *kwargs])})"


_SITE_DEFAULTS = MappingProxyType({})  # default_is when omitted: the default call is the site's default


def _api(framework, name, defaults=None, params=None, *, default_is=_SITE_DEFAULTS, **kw) -> Api:
    if default_is is not None:
        default_is = MappingProxyType(dict(default_is))
    return Api(
        framework, name, MappingProxyType(dict(defaults or {})), MappingProxyType(dict(params or {})), default_is, **kw
    )


def _torch(name, module, defaults=None, params=None, **kw):
    """The functional and the module, when both take the same parameters."""
    return (
        _api("PyTorch", f"torch.nn.functional.{name}", defaults, params, **kw),
        _api("PyTorch", f"torch.nn.{module}", defaults, params, **kw),
    )


def _keras(name, defaults=None, params=None, **kw):
    return (_api("Keras", f"keras.activations.{name}", defaults, params, **kw),)


def _jax(name, defaults=None, params=None, **kw):
    return (_api("JAX", f"jax.nn.{name}", defaults, params, verified=False, **kw),)


def _none(*frameworks):
    return tuple(_api(fw, None, note="対応する関数はない。", verified=fw != "JAX") for fw in frameworks)


_SOFTPLUS_NO_THRESHOLD = (
    "beta と threshold の引数はない (β = 1)。"
    "x > 20 でも x に切り替えず log(1 + e^x) を計算するので、"
    "本サイト (threshold=20) とは x が 20 を少し超えたところで最大 2e-9 ほど違う。"
)

_FRAMEWORKS: dict[str, tuple[Api, ...]] = {
    "relu": (*_torch("relu", "ReLU"), *_keras("relu"), _api("Keras", "keras.layers.ReLU"), *_jax("relu")),
    "relu6": (*_torch("relu6", "ReLU6"), *_keras("relu6"), *_jax("relu6")),
    "leaky_relu": (
        *_torch("leaky_relu", "LeakyReLU", {"negative_slope": 0.01}, {"negative_slope": "negative_slope"}),
        *_keras(
            "leaky_relu",
            {"negative_slope": 0.2},
            {"negative_slope": "negative_slope"},
            default_is={"negative_slope": 0.2},
            same_as_site="keras.activations.leaky_relu(x, negative_slope=0.01)",
            note="既定の negative_slope が 0.2 (本サイトと PyTorch は 0.01)。",
        ),
        _api(
            "Keras",
            "keras.layers.LeakyReLU",
            {"negative_slope": 0.3},
            {"negative_slope": "negative_slope"},
            default_is={"negative_slope": 0.3},
            same_as_site="keras.layers.LeakyReLU(negative_slope=0.01)",
            note="既定の negative_slope が 0.3 (本サイトと PyTorch は 0.01、"
            "関数の keras.activations.leaky_relu は 0.2)。",
        ),
        *_jax("leaky_relu", {"negative_slope": 0.01}, {"negative_slope": "negative_slope"}),
    ),
    "prelu": (
        _api(
            "PyTorch",
            "torch.nn.functional.prelu",
            params={"weight": "weight"},
            args=("weight",),
            note="傾き weight はテンソルで渡す必須の引数で、既定値はない。",
        ),
        _api("PyTorch", "torch.nn.PReLU", {"init": 0.25}, {"init": "weight"}),
        _api(
            "Keras",
            "keras.layers.PReLU",
            {"alpha_initializer": "Zeros"},
            {"alpha_initializer": "weight"},
            default_is={"weight": 0.0},
            same_as_site="keras.layers.PReLU(alpha_initializer=keras.initializers.Constant(0.25))",
            note="傾きの初期値は alpha_initializer で決まり、既定は 'Zeros' (傾き 0: 学習が進むまでは ReLU と同じ)。"
            "本サイトと PyTorch の初期値は 0.25。",
        ),
        *_none("JAX"),
    ),
    "rrelu": (
        _api(
            "PyTorch",
            "torch.nn.functional.rrelu",
            {"lower": 1.0 / 8, "upper": 1.0 / 3, "training": False},
            {"lower": "lower", "upper": "upper"},
        ),
        _api(
            "PyTorch",
            "torch.nn.RReLU",
            {"lower": 1.0 / 8, "upper": 1.0 / 3},
            {"lower": "lower", "upper": "upper"},
            default_is=None,
            same_as_site="torch.nn.RReLU().eval()",
            note="作ったばかりのモジュールは訓練モードで、負の側の傾きを呼び出しのたびに U(lower, upper) から引く。"
            "本サイトの値 (傾き (lower + upper) / 2) になるのは .eval() の後。",
        ),
        *_none("Keras", "JAX"),
    ),
    "elu": (
        *_torch("elu", "ELU", {"alpha": 1.0}, {"alpha": "alpha"}),
        *_keras("elu", {"alpha": 1.0}, {"alpha": "alpha"}),
        _api("Keras", "keras.layers.ELU", {"alpha": 1.0}, {"alpha": "alpha"}),
        *_jax("elu", {"alpha": 1.0}, {"alpha": "alpha"}),
    ),
    "selu": (*_torch("selu", "SELU"), *_keras("selu"), *_jax("selu")),
    "celu": (
        *_torch("celu", "CELU", {"alpha": 1.0}, {"alpha": "alpha"}),
        *_keras("celu", {"alpha": 1.0}, {"alpha": "alpha"}),
        *_jax("celu", {"alpha": 1.0}, {"alpha": "alpha"}),
    ),
    "gelu": (
        *_torch("gelu", "GELU", {"approximate": "none"}, {"approximate": "approximate"}),
        *_keras(
            "gelu",
            {"approximate": False},
            {"approximate": "approximate"},
            note="approximate は真偽値: False が本サイトの 'none' (厳密)、True が 'tanh'。",
        ),
        _api(
            "Keras",
            "keras.ops.gelu",
            {"approximate": True},
            {"approximate": "approximate"},
            default_is={"approximate": "tanh"},
            same_as_site="keras.ops.gelu(x, approximate=False)",
            note="既定が approximate=True で tanh 近似 (本サイトの approximate='tanh')。"
            "同じ Keras でも keras.activations.gelu の既定は False (厳密)。",
        ),
        *_jax(
            "gelu",
            {"approximate": True},
            {"approximate": "approximate"},
            default_is={"approximate": "tanh"},
            same_as_site="jax.nn.gelu(x, approximate=False)",
            note="既定が approximate=True で tanh 近似 (本サイトの approximate='tanh')。"
            "本サイトと PyTorch の既定は厳密な x Φ(x)。",
        ),
    ),
    "silu": (
        *_torch("silu", "SiLU"),
        *_keras("silu", aliases=("keras.activations.swish",)),
        *_jax("silu", aliases=("jax.nn.swish",)),
    ),
    "mish": (*_torch("mish", "Mish"), *_keras("mish"), *_jax("mish")),
    "hardswish": (
        *_torch("hardswish", "Hardswish"),
        *_keras("hard_silu", aliases=("keras.activations.hard_swish",)),
        *_jax("hard_silu", aliases=("jax.nn.hard_swish",)),
    ),
    "hardsigmoid": (*_torch("hardsigmoid", "Hardsigmoid"), *_keras("hard_sigmoid"), *_jax("hard_sigmoid")),
    "softplus": (
        *_torch("softplus", "Softplus", {"beta": 1.0, "threshold": 20.0}, {"beta": "beta", "threshold": "threshold"}),
        *_keras(
            "softplus",
            note="beta と threshold の引数はない (β = 1)。x > 20 で x に切り替えるかどうかはバックエンド次第で、"
            "ここで確かめた torch バックエンドでは切り替える (本サイトと同じ値)。",
        ),
        *_jax("softplus", default_is={"threshold": float("inf")}, note=_SOFTPLUS_NO_THRESHOLD),
    ),
    "sigmoid": (*_torch("sigmoid", "Sigmoid"), *_keras("sigmoid"), *_jax("sigmoid")),
    "tanh": (*_torch("tanh", "Tanh"), *_keras("tanh"), *_jax("tanh")),
    "softsign": (*_torch("softsign", "Softsign"), *_keras("softsign"), *_jax("soft_sign")),
    "identity": (
        _api("PyTorch", "torch.nn.Identity"),
        *_keras("linear"),
        _api("Keras", "keras.layers.Identity"),
        *_jax("identity"),
    ),
    # No framework calls the step function an activation; each has the maths
    # function heaviside, whose second argument is the value at x = 0.
    "step": (
        _api(
            "PyTorch",
            "torch.heaviside",
            args=("torch.tensor(0.0)",),
            note="活性化関数としての名前はなく、数学関数 heaviside で書く (第 2 引数が x = 0 での値)。"
            "PyTorch は heaviside の微分を実装していない。",
        ),
        _api(
            "Keras",
            "keras.ops.heaviside",
            args=("0.0",),
            note="活性化関数としての名前はなく、数学関数 heaviside で書く (第 2 引数が x = 0 での値)。"
            "torch バックエンドでは float64 の入力にも float32 で返す。",
        ),
        _api(
            "JAX",
            "jax.numpy.heaviside",
            args=("0.0",),
            verified=False,
            note="活性化関数としての名前はなく、数学関数 heaviside で書く (第 2 引数が x = 0 での値)。",
        ),
    ),
    "negative_part": _none(*FRAMEWORK_ORDER),
    "reflected_relu": _none(*FRAMEWORK_ORDER),
    "zero": _none(*FRAMEWORK_ORDER),
}

#: registry name -> framework rows, in FRAMEWORK_ORDER.
FRAMEWORKS: Mapping[str, tuple[Api, ...]] = MappingProxyType(_FRAMEWORKS)


def display_rows(name: str) -> list[dict[str, Any]]:
    """Rows for the term page of activation ``name``: plain data, no markup.

    Each row: ``framework``, ``code`` (the call with its defaults, or None where the
    framework has no such function), ``aliases``, ``same_as_site`` (code that gives
    this site's default, or None), ``note`` (Japanese, "" where nothing differs),
    ``verified`` (checked by the test suite against the installed library).
    """
    return [
        {
            "framework": a.framework,
            "code": a.code,
            "aliases": a.aliases,
            "same_as_site": a.same_as_site,
            "note": a.note,
            "verified": a.verified,
        }
        for a in FRAMEWORKS[name]
    ]

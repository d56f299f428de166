"""Activation functions and their derivatives, in plain NumPy.

Names and default parameters follow ``torch.nn.functional`` so that readers
recognise them.  Every function here:

* takes an array (any shape) and returns an array of the same shape; a floating
  input keeps its dtype (float32 stays float32), an integer input becomes float64;
* takes a Python scalar and returns a Python ``float`` -- documentation then shows
  ``0.0``, never ``np.float64(0.0)``;
* is correct over the whole float range: no overflow or invalid-value warnings at
  ``±1e308`` or ``±inf``, ``nan`` propagates, limits are exact
  (``softplus(1000.0) == 1000.0``, ``sigmoid(-1000.0) == 0.0``);
* never returns ``-0.0`` (see :func:`_elementwise`).

Derivatives are named ``<name>_grad``.  At a kink (a point where the function is
not differentiable) each one returns a single documented value, chosen to match
what PyTorch's autograd returns, so that the site agrees with the library
readers train with.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np

# Klambauer et al. (2017), eq. 14: the fixed point of the self-normalising map.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

_SQRT_2 = math.sqrt(2.0)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
# Beyond |x| = 1e100 the gate of the GELU tanh approximation is exactly 0 or 1
# in float64, so clipping x there changes no result and keeps x**3 finite.
_GELU_TANH_CLIP = 1e100
#: The cubic coefficient of the GELU tanh approximation (Hendrycks & Gimpel):
#: Φ(x) ≈ (1 + tanh(√(2/π) (x + 0.044715 x³))) / 2.
GELU_TANH_COEFF = 0.044715

# Vectorised libm erfc: NumPy has none, and SciPy would be a 40 MB dependency
# for one function.  Accurate to an ulp or two over the whole range.
_erfc = np.vectorize(math.erfc, otypes=[np.float64])


def _elementwise(fn: Callable[..., np.ndarray]) -> Callable[..., Any]:
    """Give ``fn`` (written for float ndarrays) the module's input/output contract."""

    @functools.wraps(fn)
    def wrapper(x, *args, **kwargs):
        as_python_float = isinstance(x, (int, float)) and not isinstance(x, np.generic)
        as_numpy_scalar = isinstance(x, np.generic)
        arr = np.asarray(x)
        if arr.dtype.kind == "c":
            raise TypeError(f"{fn.__name__}: complex input is not supported")
        if arr.dtype.kind != "f":
            arr = arr.astype(np.float64)
        out = np.asarray(fn(arr, *args, **kwargs), dtype=arr.dtype)
        # IEEE: -0.0 + 0.0 == +0.0 and every other value is unchanged, so this one
        # addition removes negative zeros (x * 0 for negative x, min(0, -0.0), ...).
        out = out + arr.dtype.type(0.0)
        if as_python_float:
            return float(out)
        if as_numpy_scalar:
            return out[()]
        return out

    return wrapper


def _product_vanishing_at_minus_inf(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    """``x * g(x)`` for a gate ``g`` that tends to 0 as x -> -inf.

    Where the gate has underflowed to 0 the product's limit is 0; computing
    ``-inf * 0`` would give nan and an invalid-value warning instead.
    """
    safe_x = np.where(g == 0, 0.0, x).astype(x.dtype, copy=False)
    return safe_x * g


def _sigmoid(x: np.ndarray) -> np.ndarray:
    # exp(-|x|) never overflows; the two branches are the same function written
    # so that neither divides inf by inf.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(x.dtype, copy=False)


def _softplus(x: np.ndarray) -> np.ndarray:
    # log(1 + e^x) = max(x, 0) + log1p(e^-|x|): exact at both ends, no overflow.
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


# --- the ReLU family ------------------------------------------------------------


@_elementwise
def relu(x):
    """max(0, x).  ``np.maximum`` propagates nan; relu(-inf) is 0."""
    return np.maximum(x, 0)


@_elementwise
def relu_grad(x):
    """1 for x > 0, 0 for x < 0; **0 at x = 0** (PyTorch's choice, any value in [0, 1] is a subgradient)."""
    return np.where(np.isnan(x), x, (x > 0).astype(x.dtype))


@_elementwise
def relu6(x):
    """min(max(0, x), 6)."""
    return np.clip(x, 0, 6)


@_elementwise
def relu6_grad(x):
    """1 on (0, 6), 0 elsewhere; **0 at both kinks x = 0 and x = 6** (as PyTorch)."""
    return np.where(np.isnan(x), x, ((x > 0) & (x < 6)).astype(x.dtype))


@_elementwise
def leaky_relu(x, negative_slope=0.01):
    """x for x > 0, negative_slope * x otherwise."""
    return np.where(x > 0, x, x * negative_slope)


@_elementwise
def leaky_relu_grad(x, negative_slope=0.01):
    """1 for x > 0, negative_slope otherwise; **negative_slope at x = 0** (as PyTorch)."""
    return np.where(np.isnan(x), x, np.where(x > 0, 1.0, negative_slope))


@_elementwise
def prelu(x, weight=0.25):
    """Leaky ReLU whose slope ``weight`` is learned (scalar or broadcastable array)."""
    return np.where(x > 0, x, x * np.asarray(weight, dtype=x.dtype))


@_elementwise
def prelu_grad(x, weight=0.25):
    """d/dx: 1 for x > 0, weight otherwise; **weight at x = 0** (as PyTorch)."""
    w = np.asarray(weight, dtype=x.dtype)
    return np.where(np.isnan(x), x, np.where(x > 0, 1.0, w))


def _rrelu_slopes(x, lower, upper, training, generator):
    if not training:
        return np.asarray((lower + upper) / 2.0, dtype=x.dtype)
    if generator is None:
        raise ValueError(
            "rrelu(training=True) needs an explicit numpy Generator, "
            "e.g. np.random.default_rng(0), so that results are reproducible"
        )
    return generator.uniform(lower, upper, size=x.shape).astype(x.dtype)


@_elementwise
def rrelu(x, lower=1.0 / 8, upper=1.0 / 3, training=False, generator=None):
    """Randomised leaky ReLU: the negative slope is drawn from U(lower, upper) per
    element when training, and is (lower + upper) / 2 otherwise."""
    return np.where(x > 0, x, x * _rrelu_slopes(x, lower, upper, training, generator))


@_elementwise
def rrelu_grad(x, lower=1.0 / 8, upper=1.0 / 3, training=False, generator=None):
    """1 for x > 0, the slope in use otherwise (a generator in the same state as the
    forward call's gives the same slopes)."""
    slopes = _rrelu_slopes(x, lower, upper, training, generator)
    return np.where(np.isnan(x), x, np.where(x > 0, 1.0, slopes))


@_elementwise
def elu(x, alpha=1.0):
    """x for x > 0, alpha * (e^x - 1) otherwise (expm1 keeps precision near 0)."""
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


@_elementwise
def elu_grad(x, alpha=1.0):
    """1 for x > 0, alpha * e^x otherwise; **alpha at x = 0** (as PyTorch)."""
    return np.where(np.isnan(x), x, np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0))))


@_elementwise
def selu(x):
    """SELU_SCALE * elu(x, SELU_ALPHA)."""
    elu_part = np.where(x > 0, x, SELU_ALPHA * np.expm1(np.minimum(x, 0)))
    with np.errstate(over="ignore"):
        # Above max-float / 1.0507 the true value is beyond float range: inf is right.
        return SELU_SCALE * elu_part


@_elementwise
def selu_grad(x):
    """SELU_SCALE for x > 0, SELU_SCALE * SELU_ALPHA * e^x otherwise (left value at 0)."""
    left = SELU_SCALE * SELU_ALPHA * np.exp(np.minimum(x, 0))
    return np.where(np.isnan(x), x, np.where(x > 0, SELU_SCALE, left))


@_elementwise
def celu(x, alpha=1.0):
    """max(0, x) + min(0, alpha * (e^(x/alpha) - 1)): ELU made C¹ for every alpha."""
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0) / alpha))


@_elementwise
def celu_grad(x, alpha=1.0):
    """1 for x > 0, e^(x/alpha) otherwise; both sides give 1 at x = 0."""
    return np.where(np.isnan(x), x, np.where(x > 0, 1.0, np.exp(np.minimum(x, 0) / alpha)))


# --- smooth gates ---------------------------------------------------------------


def _gelu_tanh_inner(x):
    xc = np.clip(x, -_GELU_TANH_CLIP, _GELU_TANH_CLIP)
    return _SQRT_2_OVER_PI * (xc + GELU_TANH_COEFF * xc**3), xc


def _check_approximate(approximate):
    if approximate not in ("none", "tanh"):
        raise ValueError(f"approximate must be 'none' or 'tanh', got {approximate!r}")


@_elementwise
def gelu(x, approximate="none"):
    """x * Φ(x) with Φ the standard normal CDF; ``approximate="tanh"`` is the
    Hendrycks & Gimpel approximation used by GPT-2 and BERT implementations."""
    _check_approximate(approximate)
    x64 = x.astype(np.float64)
    if approximate == "none":
        # Φ(x) = erfc(-x/√2)/2 keeps relative precision for very negative x.
        gate = 0.5 * _erfc(-x64 / _SQRT_2)
    else:
        inner, _ = _gelu_tanh_inner(x64)
        # 1 + tanh(z) = 2 * sigmoid(2z), without the cancellation for z << 0.
        gate = _sigmoid(2.0 * inner)
    return _product_vanishing_at_minus_inf(x64, gate)


@_elementwise
def gelu_grad(x, approximate="none"):
    """Φ(x) + x φ(x) (exact) or the derivative of the tanh form."""
    _check_approximate(approximate)
    x64 = x.astype(np.float64)
    if approximate == "none":
        cdf = 0.5 * _erfc(-x64 / _SQRT_2)
        # x φ(x) -> 0 at both infinities; the clip keeps x*x finite (φ is 0 there).
        xc = np.clip(x64, -40.0, 40.0)
        return cdf + xc * _INV_SQRT_2PI * np.exp(-0.5 * xc * xc)
    inner, xc = _gelu_tanh_inner(x64)
    s = _sigmoid(2.0 * inner)  # = (1 + tanh(inner)) / 2
    dinner = _SQRT_2_OVER_PI * (1.0 + 3 * GELU_TANH_COEFF * xc * xc)
    # d/dx [x s] = s + x * 2 s (1 - s) * dinner; the second term vanishes outside the clip.
    return s + xc * 2.0 * s * (1.0 - s) * dinner


@_elementwise
def silu(x):
    """x * sigmoid(x), also called Swish (with β = 1)."""
    return _product_vanishing_at_minus_inf(x, _sigmoid(x))


@_elementwise
def silu_grad(x):
    """s + x s (1 - s) with s = sigmoid(x)."""
    s = _sigmoid(x)
    return s + _product_vanishing_at_minus_inf(x, s * (1.0 - s))


@_elementwise
def mish(x):
    """x * tanh(softplus(x))."""
    return _product_vanishing_at_minus_inf(x, np.tanh(_softplus(x)))


@_elementwise
def mish_grad(x):
    """tanh(sp) + x * sech²(sp) * sigmoid(x), sp = softplus(x)."""
    t = np.tanh(_softplus(x))
    return t + _product_vanishing_at_minus_inf(x, (1.0 - t * t) * _sigmoid(x))


@_elementwise
def hardswish(x):
    """x * relu6(x + 3) / 6: a piecewise-quadratic stand-in for SiLU."""
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x >= 3, x, np.where(x <= -3, 0.0, xc * (xc + 3.0) / 6.0))


@_elementwise
def hardswish_grad(x):
    """0 for x < -3, x/3 + 1/2 on (-3, 3), 1 for x > 3.  At the kinks this takes
    the outer piece's value (0 at x = -3, 1 at x = 3), as PyTorch's autograd does."""
    xc = np.clip(x, -3.0, 3.0)
    inner = xc / 3.0 + 0.5
    return np.where(np.isnan(x), x, np.where(x <= -3, 0.0, np.where(x >= 3, 1.0, inner)))


@_elementwise
def hardsigmoid(x):
    """relu6(x + 3) / 6, a piecewise-linear stand-in for the sigmoid."""
    return np.clip(x / 6.0 + 0.5, 0.0, 1.0)


@_elementwise
def hardsigmoid_grad(x):
    """1/6 on (-3, 3), 0 elsewhere; **0 at both kinks** (as PyTorch)."""
    return np.where(np.isnan(x), x, np.where((x > -3) & (x < 3), 1.0 / 6.0, 0.0))


@_elementwise
def softplus(x, beta=1.0, threshold=20.0):
    """log(1 + e^(βx)) / β, and x itself where βx > threshold (as PyTorch)."""
    # Compare x with threshold/β rather than βx with threshold: βx can overflow.
    linear = x > threshold / beta
    bx = beta * np.minimum(x, threshold / beta)
    smooth = _softplus(bx) / beta
    return np.where(linear, x, smooth)


@_elementwise
def softplus_grad(x, beta=1.0, threshold=20.0):
    """sigmoid(βx), and 1 where βx > threshold."""
    linear = x > threshold / beta
    s = _sigmoid(beta * np.minimum(x, threshold / beta))
    return np.where(np.isnan(x), x, np.where(linear, 1.0, s))


@_elementwise
def sigmoid(x):
    """1 / (1 + e^-x), the logistic function."""
    return _sigmoid(x)


@_elementwise
def sigmoid_grad(x):
    """sigmoid(x) (1 - sigmoid(x)); at most 1/4, reached at x = 0."""
    s = _sigmoid(x)
    return s * (1.0 - s)


@_elementwise
def tanh(x):
    """Hyperbolic tangent."""
    return np.tanh(x)


@_elementwise
def tanh_grad(x):
    """1 - tanh²(x); at most 1, reached at x = 0."""
    t = np.tanh(x)
    return 1.0 - t * t


@_elementwise
def softsign(x):
    """x / (1 + |x|)."""
    # Replacing ±inf by ±max-float gives exactly ±1.0 and avoids inf/inf.
    finite = np.clip(x, -np.finfo(x.dtype).max, np.finfo(x.dtype).max)
    return finite / (1.0 + np.abs(finite))


@_elementwise
def softsign_grad(x):
    """1 / (1 + |x|)²."""
    return (1.0 / (1.0 + np.abs(x))) ** 2


# --- reference points and contrasts: the functions glossaries list as ReLU's "opposites"


@_elementwise
def identity(x):
    """f(x) = x: the linear 'activation' of a regression output layer."""
    return x.copy()


@_elementwise
def identity_grad(x):
    """1 everywhere."""
    return np.where(np.isnan(x), x, 1.0)


@_elementwise
def step(x):
    """Heaviside step, 1 for x > 0 and 0 otherwise (the perceptron's activation)."""
    return np.where(np.isnan(x), x, (x > 0).astype(x.dtype))


@_elementwise
def step_grad(x):
    """0 wherever it exists; at x = 0 (a jump) there is no derivative and 0 is returned."""
    return np.where(np.isnan(x), x, 0.0)


@_elementwise
def negative_part(x):
    """min(0, x): passes negatives and blocks positives, the mirror image of ReLU's job."""
    return np.minimum(x, 0)


@_elementwise
def negative_part_grad(x):
    """1 for x < 0, 0 for x > 0; **0 at x = 0**, the same convention as relu_grad."""
    return np.where(np.isnan(x), x, (x < 0).astype(x.dtype))


@_elementwise
def reflected_relu(x):
    """relu(-x) = max(0, -x): ReLU mirrored left to right."""
    return np.maximum(-x, 0)


@_elementwise
def reflected_relu_grad(x):
    """-1 for x < 0, 0 for x > 0; **0 at x = 0**, the same convention as relu_grad."""
    return np.where(np.isnan(x), x, -(x < 0).astype(x.dtype))


@_elementwise
def zero(x):
    """f(x) = 0 for every number (nan still propagates)."""
    return np.where(np.isnan(x), x, 0.0)


@_elementwise
def zero_grad(x):
    """0 everywhere."""
    return np.where(np.isnan(x), x, 0.0)


def softmax(x, axis=-1):
    """exp(x_i) / Σ_j exp(x_j) along ``axis``: not elementwise, each slice sums to 1.

    Subtracting the maximum first makes it exact for large inputs; a slice whose
    maximum is +inf gives nan, because no probability vector is its limit.
    """
    arr = np.asarray(x)
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    shift = np.max(arr, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(shift), shift, 0.0)  # all -inf slice stays nan-free below
    e = np.exp(arr - shift)
    total = np.sum(e, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        # 0/0 for an all -inf slice is nan on purpose: there is no distribution.
        return (e / total).astype(arr.dtype, copy=False)

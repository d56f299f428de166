"""Properties of an activation function, computed from the code instead of typed.

Articles' tables (bounded, zero-centred, monotonic, smooth, ...) are re-derived
here by evaluating the registered function and its derivative.  Every number
carries how far it can be from the true value of the code's function, and a
value within that bound of 0 is reported as 0: quadrature noise is not data.

* The mean under N(0, 1) is integrated piece by piece between the points where
  the function is not smooth (its kinks and jumps), with Gauss–Legendre rules of
  two orders; their difference plus the rounding of the sum bounds the error.
  (The trapezoid rule across a jump was off by 2×10⁻⁴ for the step function.)
* A function that takes only a few values has a set as its range ({0, 1}),
  not an interval.
* Extrema inside the real line are located on a grid, then refined.

Plain NumPy; deterministic.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from relu_glossary.registry import Activation, get

#: Where extrema and monotonicity are looked for.  Wide enough for every
#: registered function's shape, narrow enough that float64 has not rounded an
#: asymptote into an attained value (tanh(20) == 1.0 exactly).
GRID = np.linspace(-12.0, 12.0, 24_001)
#: Mean outputs within this of 0 are called zero-centred.
ZERO_CENTRED_TOLERANCE = 0.01
#: A function taking at most this many values has a finite range (shown as a set).
FEW_VALUES = 3
_EPS = 1e-7
#: The normal density is below 1e-31 beyond ±12: the tails add nothing a double can hold.
_TAIL = 12.0
_NODES = {n: np.polynomial.legendre.leggauss(n) for n in (48, 96)}


@dataclass(frozen=True)
class Bounded:
    """A computed number and a bound on its error."""

    value: float
    error: float

    @property
    def shown(self) -> float:
        """The value, or exactly 0 when 0 is within the error bound."""
        return 0.0 if abs(self.value) <= self.error else self.value


@dataclass(frozen=True)
class Properties:
    name: str
    lower: float  # inf over the real line (may be -inf)
    upper: float  # sup over the real line (may be inf)
    lower_attained: bool
    upper_attained: bool
    values: tuple[float, ...] | None  # every value it takes, when there are only a few
    mean: Bounded  # E[f(Z)] for Z ~ N(0, 1)
    second_moment: Bounded  # E[f(Z)²] for Z ~ N(0, 1)
    increasing: bool  # never decreases
    decreasing: bool  # never increases
    continuous: bool
    c1: bool  # continuously differentiable
    grad_at_0: float
    max_abs_grad: float
    max_abs_grad_attained: bool
    kinks: tuple[float, ...]  # where the derivative jumps
    jumps: tuple[float, ...]  # where the function itself jumps

    @property
    def mean_normal(self) -> float:
        return self.mean.shown

    @property
    def mean_square(self) -> float:
        return self.second_moment.shown

    @property
    def monotonic(self) -> bool:
        return self.increasing or self.decreasing

    @property
    def bounded_below(self) -> bool:
        return math.isfinite(self.lower)

    @property
    def bounded_above(self) -> bool:
        return math.isfinite(self.upper)

    @property
    def zero_centred(self) -> bool:
        return abs(self.mean_normal) < ZERO_CENTRED_TOLERANCE

    @property
    def output_range(self) -> str:
        from relu_glossary.examples import fmt

        if self.values is not None:
            return "{" + ", ".join(fmt(v) for v in self.values) + "}"
        lo = "(−∞" if not self.bounded_below else ("[" if self.lower_attained else "(") + fmt(self.lower, 5)
        hi = "∞)" if not self.bounded_above else fmt(self.upper, 5) + ("]" if self.upper_attained else ")")
        return f"{lo}, {hi}"


def _gauss_legendre(fn, a: float, b: float, n: int) -> tuple[float, float]:
    """∫_a^b fn and the sum of |terms| (for the rounding bound)."""
    nodes, weights = _NODES[n]
    x = 0.5 * (b - a) * nodes + 0.5 * (a + b)
    terms = 0.5 * (b - a) * weights * fn(x)
    return float(np.sum(terms)), float(np.sum(np.abs(terms)))


def _mean(spec: Activation, breaks: tuple[float, ...], power: int = 1) -> Bounded:
    """E[f(Z)^power] = ∫ f^power φ, piece by piece between the points where f is
    not smooth (each piece is further cut in unit intervals, where the rules
    converge fast)."""

    def integrand(x):
        return spec(x) ** power * np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)

    edges = sorted({-_TAIL, _TAIL, *(b for b in breaks if -_TAIL < b < _TAIL), *np.arange(-_TAIL, _TAIL)})
    coarse = fine = magnitude = 0.0
    for a, b in itertools.pairwise(edges):
        coarse += _gauss_legendre(integrand, a, b, 48)[0]
        value, size = _gauss_legendre(integrand, a, b, 96)
        fine += value
        magnitude += size
    # rule error (estimated by the lower order) + rounding of the terms and of f itself
    error = abs(fine - coarse) + 8 * np.finfo(float).eps * magnitude + 1e-300
    return Bounded(fine, error)


def _refined_extremum(fn, x: float, lowest: bool) -> float:
    """The extreme value of ``fn`` near a grid point, on a 1000 times finer grid."""
    step = GRID[1] - GRID[0]
    fine = np.linspace(x - step, x + step, 2001)
    values = fn(fine)
    return float(values.min() if lowest else values.max())


def _discontinuities(spec: Activation) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """(kinks, jumps): registered points where the derivative, or the function, jumps."""
    kinks, jumps = [], []
    for k in spec.kinks:
        if abs(spec(k - _EPS) - spec(k + _EPS)) > 1e-5:
            jumps.append(k)
        elif abs(spec.grad(k - _EPS) - spec.grad(k + _EPS)) > 1e-5:
            kinks.append(k)
    return tuple(kinks), tuple(jumps)


@cache
def compute(name: str) -> Properties:
    spec = get(name)
    y = spec(GRID)
    at_minus_inf, at_plus_inf = spec(-math.inf), spec(math.inf)
    i_min, i_max = int(np.argmin(y)), int(np.argmax(y))
    finite_min = _refined_extremum(spec, GRID[i_min], True) if 0 < i_min < len(GRID) - 1 else float(y[i_min])
    finite_max = _refined_extremum(spec, GRID[i_max], False) if 0 < i_max < len(GRID) - 1 else float(y[i_max])
    lower = min(finite_min, at_minus_inf, at_plus_inf)
    upper = max(finite_max, at_minus_inf, at_plus_inf)
    distinct = np.unique(np.concatenate([y, [at_minus_inf, at_plus_inf]]))
    kinks, jumps = _discontinuities(spec)
    # |f'|: the largest value the code returns, and the one-sided limits at kinks
    # and at ±∞, which a supremum may only approach (softplus, SELU, HardSwish)
    dy = np.abs(spec.grad(GRID))
    limits = [abs(spec.grad(x)) for k in (*kinks, *jumps) for x in (k - 1e-9, k + 1e-9)]
    limits += [abs(spec.grad(-math.inf)), abs(spec.grad(math.inf))]
    steepest = max(float(dy.max()), *limits)
    away = np.abs(GRID) < _TAIL - 1  # attained means: by some x, not only in a limit
    for k in (*kinks, *jumps):
        away &= np.abs(GRID - k) > 1e-2
    attained = bool(np.isclose(dy[away].max(), steepest, rtol=1e-12, atol=0)) if away.any() else False
    return Properties(
        name=name,
        lower=lower,
        upper=upper,
        lower_attained=finite_min == lower,
        upper_attained=finite_max == upper,
        values=tuple(float(v) for v in distinct) if len(distinct) <= FEW_VALUES else None,
        mean=_mean(spec, (*kinks, *jumps)),
        second_moment=_mean(spec, (*kinks, *jumps), power=2),
        increasing=bool(np.all(np.diff(y) >= 0)),
        decreasing=bool(np.all(np.diff(y) <= 0)),
        continuous=not jumps,
        c1=not jumps and not kinks,
        grad_at_0=spec.grad(0.0),
        max_abs_grad=steepest,
        max_abs_grad_attained=attained,
        kinks=kinks,
        jumps=jumps,
    )

"""Properties of an activation function, computed from the code instead of typed.

The seeds' tables (bounded, zero-centred, monotonic, smooth, ...) are re-derived
here by evaluating the registered function and its derivative.  Plain NumPy;
deterministic (a fixed grid and Gauss–Hermite quadrature, no random numbers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from relu_glossary.examples import fmt
from relu_glossary.registry import Activation, get

#: Where interior extrema and monotonicity are looked for.  Wide enough for every
#: registered function's shape, narrow enough that float64 has not rounded an
#: asymptote into an attained value (tanh(20) == 1.0 exactly).
GRID = np.linspace(-12.0, 12.0, 24_001)
_EPS = 1e-7
_NORMAL_PDF = np.exp(-0.5 * GRID**2) / math.sqrt(2 * math.pi)


@dataclass(frozen=True)
class Properties:
    name: str
    lower: float  # inf over the real line (may be -inf)
    upper: float  # sup over the real line (may be inf)
    lower_attained: bool
    upper_attained: bool
    mean_normal: float  # E[f(Z)] for Z ~ N(0, 1)
    monotonic: bool  # non-decreasing everywhere
    continuous: bool
    c1: bool  # continuously differentiable
    grad_at_0: float
    max_abs_grad: float

    @property
    def bounded_below(self) -> bool:
        return math.isfinite(self.lower)

    @property
    def bounded_above(self) -> bool:
        return math.isfinite(self.upper)

    @property
    def zero_centred(self) -> bool:
        """Mean output within 0.01 of zero for standard normal input."""
        return abs(self.mean_normal) < 0.01

    @property
    def output_range(self) -> str:
        lo = "(−∞" if not self.bounded_below else ("[" if self.lower_attained else "(") + fmt(self.lower, 4)
        hi = "∞)" if not self.bounded_above else fmt(self.upper, 4) + ("]" if self.upper_attained else ")")
        return f"{lo}, {hi}"


def _mean_normal(spec: Activation) -> float:
    # ∫ f(x) φ(x) dx by the trapezoid rule on the grid: kinks do not spoil it
    # (unlike Gauss–Hermite), and φ(12) ≈ 1e-32 makes the tails negligible.
    return float(np.trapezoid(spec(GRID) * _NORMAL_PDF, GRID))


def compute(name: str) -> Properties:
    spec = get(name)
    y = spec(GRID)
    at_minus_inf, at_plus_inf = spec(-math.inf), spec(math.inf)
    finite_min, finite_max = float(y.min()), float(y.max())
    lower = min(finite_min, at_minus_inf, at_plus_inf)
    upper = max(finite_max, at_minus_inf, at_plus_inf)
    dy = spec.grad(GRID)
    continuous = c1 = True
    for k in spec.kinks:
        left, right = spec(k - _EPS), spec(k + _EPS)
        continuous &= abs(left - right) < 1e-5
        c1 &= abs(spec.grad(k - _EPS) - spec.grad(k + _EPS)) < 1e-5
    return Properties(
        name=name,
        lower=lower,
        upper=upper,
        lower_attained=finite_min == lower,
        upper_attained=finite_max == upper,
        mean_normal=_mean_normal(spec),
        monotonic=bool(np.all(np.diff(y) >= 0)),
        continuous=bool(continuous),
        c1=bool(c1 and continuous),
        grad_at_0=spec.grad(0.0),
        max_abs_grad=float(np.abs(dy).max()),
    )

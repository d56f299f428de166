"""Worked examples: the inputs every activation page shows, and how numbers print.

Plain Python.  Numbers are formatted the way a reader writes them: ``0`` and
``-0.1``, never ``np.float64(0.0)`` or ``-0.0``.
"""

from __future__ import annotations

import math
from fractions import Fraction

from relu_glossary.registry import get

#: Inputs every activation page evaluates (each function adds its own: registry).
STANDARD_INPUTS = (-3.0, -1.0, 0.0, 0.5, 1.0, 2.0)


#: Exponents are written as superscripts: 2.5×10⁻⁸, as in print.
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def fmt(value: float, digits: int = 6) -> str:
    """A float as plain text with up to ``digits`` significant digits."""
    value = float(value) + 0.0  # -0.0 + 0.0 == +0.0
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}×10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    return text.replace("-", "−")


def fmt_exact(value: float) -> str:
    """A parameter or constant as written in code: a simple fraction as a fraction
    (1/3, not 0.33333333333333331), anything else with every digit it has."""
    fraction = Fraction(value).limit_denominator(1000)
    if fraction.denominator > 1 and float(fraction) == value and len(fmt(value, 17)) > 6:
        return f"{fraction.numerator}/{fraction.denominator}".replace("-", "−")
    return fmt(value, 17)


class Shown(str):
    """Text that displays without quotes: notebooks quote it in prose with {eval}."""

    def __repr__(self) -> str:
        return str(self)


def shown(value: float, digits: int = 6) -> Shown:
    """``fmt(value)`` for inline use in notebook prose (``{eval}`name```)."""
    return Shown(fmt(value, digits))


def inputs_for(name: str) -> list[float]:
    return sorted(set(STANDARD_INPUTS) | set(get(name).example_inputs))


def rows(name: str, **params) -> list[tuple[float, float, float]]:
    """(x, f(x), f'(x)) for each example input, computed by the activation module."""
    spec = get(name)
    return [(x, spec(x, **params), spec.grad(x, **params)) for x in inputs_for(name)]

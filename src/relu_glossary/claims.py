"""Words are claims, and claims are code: sentences that interpret computed numbers,
checked where the numbers are computed.

A claim is a small expression over named values, "0.5 < ratio < 2", evaluated
at build time.  Notebooks compute their values in cells and make claims with
:func:`claim`; their prose states the sentence in a ``{claim}`` block, and the
build fails with ``path:line: claim does not hold: <the sentence> (<the values>)``
when it is false.  Glossary YAML states ``{claim}`sentence <expression>``` and
shows numbers with ``{value}`expression``` over the registered functions
(``sigmoid.max_abs_grad``, ``relu.grad(2)``): see :func:`namespace`.

Expressions are read by :func:`evaluate`, never by ``eval``: numbers, names,
comparisons, arithmetic, ``and``/``or``/``not``, attributes of a function
(its properties), calls of ``f``/``grad`` with a number and, by name, any of the
function's parameters (``elu.grad(-1e-9, alpha=2)``: a number, or one of the
words a text parameter allows), and ``abs``, ``min``,
``max``, ``sqrt``, ``exp``, ``log``; ``softmax(2, 1, -1)`` is the vector of
probabilities (index it, ``[0]``, or ``sum`` it) and ``sig(x, 3)`` rounds to
3 significant digits.  Nothing a YAML file says can run code.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field

from relu_glossary.examples import fmt

_COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
            ast.Eq: operator.eq, ast.NotEq: operator.ne}  # fmt: skip
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Pow: operator.pow}  # fmt: skip
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Not: operator.not_}


def _softmax(*logits: float) -> tuple[float, ...]:
    """The probabilities of these logits, by the site's softmax (a vector, not elementwise)."""
    import numpy as np

    from relu_glossary.activations import softmax

    if not logits:
        raise ClaimError("softmax needs at least one logit")
    return tuple(float(p) for p in softmax(np.array(logits, dtype=np.float64)))


def _significant(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant digits (what a page shows)."""
    if not isinstance(digits, int) or not 1 <= digits <= 17:
        raise ClaimError(f"digits must be a whole number from 1 to 17, not {digits!r}")
    return float(f"{value:.{digits}g}")


FUNCTIONS = {"abs": abs, "min": min, "max": max, "sqrt": math.sqrt, "exp": math.exp, "log": math.log,
             "sum": lambda values: math.fsum(values), "softmax": _softmax, "sig": _significant}  # fmt: skip
CONSTANTS = {"pi": math.pi, "e": math.e, "inf": math.inf}


class ClaimError(ValueError):
    """An expression that cannot be read or evaluated; the message says why."""


class Function:
    """A registered activation as claims see it: ``relu.f(2)``, ``relu.grad(-1)``, and
    its computed properties (``relu.lower``, ``sigmoid.max_abs_grad``, ``relu.c1``)."""

    PROPERTIES = ("lower", "upper", "lower_attained", "upper_attained", "mean", "mean_square", "increasing",
                  "decreasing", "monotonic", "continuous", "c1", "grad_at_0", "max_abs_grad", "max_abs_grad_attained",
                  "zero_centred", "bounded_below", "bounded_above")  # fmt: skip

    def __init__(self, name: str):
        from relu_glossary.registry import get

        self.name = name
        self._spec = get(name)

    def f(self, x: float, **parameters) -> float:
        return float(self._spec(float(x), **self._checked(parameters)))

    def grad(self, x: float, **parameters) -> float:
        return float(self._spec.grad(float(x), **self._checked(parameters)))

    def _checked(self, parameters: dict) -> dict:
        for key, value in parameters.items():
            if problem := self._spec.parameter_problem(key, value):
                raise ClaimError(problem)
        return parameters

    def property(self, name: str):
        from relu_glossary.properties import compute

        if name not in self.PROPERTIES:
            raise ClaimError(f"{self.name} has no property {name!r}; known: {', '.join(self.PROPERTIES)}")
        value = getattr(compute(self.name), "mean_normal" if name == "mean" else name)
        return value


def namespace(this: str | None = None) -> dict[str, object]:
    """Every registered function by name, and ``this`` for a term's own function."""
    from relu_glossary.registry import ACTIVATIONS

    names: dict[str, object] = {name: Function(name) for name in ACTIVATIONS}
    if this is not None:
        names["this"] = names[this]
    return names


def _value(node: ast.AST, names: Mapping[str, object], used: dict[str, object]):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in names:
            value = names[node.id]
            if not isinstance(value, Function):
                used[node.id] = value
            return value
        if node.id in CONSTANTS:
            return CONSTANTS[node.id]
        raise ClaimError(f"unknown name {node.id!r}")
    if isinstance(node, ast.Attribute):
        owner = _value(node.value, names, used)
        if not isinstance(owner, Function):
            raise ClaimError(f"{ast.unparse(node.value)} has no properties")
        value = owner.property(node.attr)
        used[ast.unparse(node)] = value
        return value
    if isinstance(node, ast.Call):
        args = [_value(a, names, used) for a in node.args]
        if isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and not node.keywords:
            return FUNCTIONS[node.func.id](*args)
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("f", "grad") and len(args) == 1:
            owner = _value(node.func.value, names, used)
            if isinstance(owner, Function) and all(k.arg for k in node.keywords):
                parameters = {k.arg: _parameter(k.value, names, used) for k in node.keywords}
                value = getattr(owner, node.func.attr)(args[0], **parameters)
                used[ast.unparse(node)] = value
                return value
        raise ClaimError(f"cannot call {ast.unparse(node.func)}")
    if isinstance(node, ast.Subscript):
        owner = _value(node.value, names, used)
        index = _value(node.slice, names, used)
        if not isinstance(owner, tuple) or not isinstance(index, int) or not -len(owner) <= index < len(owner):
            raise ClaimError(f"{ast.unparse(node)}: only a whole-number index into a vector (softmax(…)[0]) is allowed")
        return owner[index]
    if isinstance(node, ast.Compare):
        left = _value(node.left, names, used)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = _value(right_node, names, used)
            if type(op) not in _COMPARE:
                raise ClaimError(f"comparison {type(op).__name__} is not allowed")
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        values = [_value(v, names, used) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_value(node.left, names, used), _value(node.right, names, used))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_value(node.operand, names, used))
    raise ClaimError(f"{ast.unparse(node)!r} is not allowed in a claim (numbers, names, comparisons, arithmetic)")


def _parameter(node: ast.AST, names: Mapping[str, object], used: dict[str, object]):
    """A parameter's value in a call: a word (``approximate="tanh"``) or a number."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return _value(node, names, used)


def evaluate(expression: str, names: Mapping[str, object]) -> tuple[object, dict[str, object]]:
    """The value of ``expression``, and the named values it used (for the message)."""
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as err:
        raise ClaimError(f"cannot read {expression!r}: {err.msg}") from None
    used: dict[str, object] = {}
    try:
        return _value(tree.body, names, used), used
    except (ArithmeticError, TypeError, ValueError) as err:
        if isinstance(err, ClaimError):
            raise
        raise ClaimError(f"cannot evaluate {expression!r}: {err}") from None


def _shown(value) -> str:
    return fmt(value) if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Claim:
    """What a claim expects and the values it was checked with."""

    holds: bool
    expected: str
    values: dict[str, object] = field(default_factory=dict)

    @property
    def detail(self) -> str:
        values = "; ".join(f"{name} = {_shown(value)}" for name, value in self.values.items())
        return f"{self.expected}; {values}" if values else self.expected

    def __repr__(self) -> str:
        # what the {claim} directive reads back from the kernel
        return f"{'holds' if self.holds else 'does not hold'}: {self.detail}"


def claim(expected: str, **values) -> Claim:
    """In a notebook: ``relu_kept = claim("0.5 < ratio < 2", ratio=ratio)``; a
    function passed by name (``relu=Function("relu")``) is reported by the
    properties the claim read (``relu.mean = 0.398942``), not as an object."""
    result, used = evaluate(expected, values)
    shown = {k: v for k, v in values.items() if not isinstance(v, Function)}
    return Claim(bool(result), expected, {**shown, **{k: v for k, v in used.items() if k not in values}})

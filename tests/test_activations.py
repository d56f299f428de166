"""The activation module against high-precision references and its own contract."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relu_glossary import activations as act
from relu_glossary.registry import ACTIVATIONS, get

mp.mp.dps = 50

SELU_A = mp.mpf("1.6732632423543772848170429916717")
SELU_L = mp.mpf("1.0507009873554804934193349852946")
RRELU_EVAL_SLOPE = (mp.mpf(1) / 8 + mp.mpf(1) / 3) / 2


def _gelu_tanh(x):
    inner = mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3)
    # (1 + tanh z) / 2 written as 1 / (1 + e^-2z): no cancellation for z << 0
    return x / (1 + mp.exp(-2 * inner))


def _gelu(x):
    # mpmath's erfc cannot take |x| ~ 1e300; Φ(x) is 0 or 1 to ~1e-10^11 digits there.
    if abs(x) > 1e6:
        return x if x > 0 else mp.mpf(0)
    return x / 2 * mp.erfc(-x / mp.sqrt(2))


def _softplus(x):
    # torch semantics: linear above the threshold (beta = 1, threshold = 20)
    return x if x > 20 else mp.log1p(mp.exp(x))


# Independent definitions, written from the formulas, evaluated with 50 digits.
REFERENCE = {
    "relu": lambda x: max(mp.mpf(0), x),
    "relu6": lambda x: min(max(mp.mpf(0), x), mp.mpf(6)),
    "leaky_relu": lambda x: x if x > 0 else mp.mpf("0.01") * x,
    "prelu": lambda x: x if x > 0 else mp.mpf("0.25") * x,
    "rrelu": lambda x: x if x > 0 else RRELU_EVAL_SLOPE * x,
    "elu": lambda x: x if x > 0 else mp.expm1(x),
    "selu": lambda x: SELU_L * (x if x > 0 else SELU_A * mp.expm1(x)),
    "celu": lambda x: max(mp.mpf(0), x) + min(mp.mpf(0), mp.expm1(x)),
    "gelu": _gelu,
    "silu": lambda x: x / (1 + mp.exp(-x)),
    "mish": lambda x: x * mp.tanh(mp.log1p(mp.exp(x))),
    "hardswish": lambda x: x * min(max(mp.mpf(0), x + 3), mp.mpf(6)) / 6,
    "hardsigmoid": lambda x: min(max(mp.mpf(0), x + 3), mp.mpf(6)) / 6,
    "softplus": _softplus,
    "sigmoid": lambda x: 1 / (1 + mp.exp(-x)),
    "tanh": mp.tanh,
    "softsign": lambda x: x / (1 + abs(x)),
    "identity": lambda x: x,
    "step": lambda x: mp.mpf(1) if x > 0 else mp.mpf(0),
    "negative_part": lambda x: min(mp.mpf(0), x),
    "reflected_relu": lambda x: max(mp.mpf(0), -x),
    "zero": lambda x: mp.mpf(0),
}

# The registry and the references must cover the same functions.
assert set(REFERENCE) == set(ACTIVATIONS)

GRID = sorted(
    set(np.linspace(-12, 12, 97).tolist())
    | {
        -1e308,
        -1e200,
        -1e100,
        -1e10,
        -1000.0,
        -745.0,
        -700.0,
        -60.0,
        -30.0,
        -20.5,
        -6.0,
        -3.0,
        -1e-300,
        -5e-324,
        0.0,
        5e-324,
        1e-300,
        3.0,
        6.0,
        20.5,
        30.0,
        60.0,
        700.0,
        710.0,
        1000.0,
        1e10,
        1e100,
        1e200,
        1e308,
    }
)
TINY = 1e-300


def assert_matches(name: str, got: float, want: mp.mpf, x: float, rtol: float) -> None:
    want_f = float(want)
    if abs(want_f) < TINY:  # the true value is below what float64 keeps precisely
        assert abs(got) < TINY, f"{name}({x!r}) = {got!r}, expected ≈ {want_f!r}"
        return
    err = abs(got - want_f) / abs(want_f)
    assert err <= rtol, f"{name}({x!r}) = {got!r}, expected {want_f!r} (rel. error {err:.1e})"


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_function_matches_high_precision_reference(name):
    spec = get(name)
    xs = np.array(GRID)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        got = spec(xs)
    # erfc's argument carries a rounding error that grows with |x|: GELU gets a
    # looser (still tight) bound; everything else is within a few ulp.
    rtol = 1e-12 if name == "gelu" else 4e-15
    for x, y in zip(GRID, got.tolist(), strict=True):
        assert_matches(name, y, REFERENCE[name](mp.mpf(x)), x, rtol)


def test_gelu_tanh_approximation_matches_reference():
    xs = np.array(GRID)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        got = act.gelu(xs, approximate="tanh")
    for x, y in zip(GRID, got.tolist(), strict=True):
        assert_matches("gelu[tanh]", y, _gelu_tanh(mp.mpf(x)), x, 1e-12)


def _kink_free(spec, x, margin=1e-3):
    return all(abs(x - k) > margin for k in spec.kinks)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_derivative_matches_high_precision_derivative(name):
    spec = get(name)
    ref = REFERENCE[name]
    xs = [x for x in GRID if abs(x) <= 12 and _kink_free(spec, x)]
    got = spec.grad(np.array(xs))
    for x, g in zip(xs, got.tolist(), strict=True):
        want = mp.diff(ref, mp.mpf(x))
        assert abs(g - float(want)) <= 1e-12 * max(1.0, abs(float(want))), (name, x, g, want)


@pytest.mark.parametrize(
    "name, x, expected",
    [
        # The value chosen at each kink (see the docstrings for why).
        ("relu", 0.0, 0.0),
        ("relu6", 0.0, 0.0),
        ("relu6", 6.0, 0.0),
        ("leaky_relu", 0.0, 0.01),
        ("prelu", 0.0, 0.25),
        ("step", 0.0, 0.0),
        ("hardswish", -3.0, 0.0),
        ("hardswish", 3.0, 1.0),
        ("hardsigmoid", -3.0, 0.0),
        ("hardsigmoid", 3.0, 0.0),
        ("negative_part", 0.0, 0.0),
        ("reflected_relu", 0.0, 0.0),
        ("selu", 0.0, float(SELU_L * SELU_A)),
    ],
)
def test_derivative_value_at_kinks(name, x, expected):
    assert get(name).grad(x) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    "name, x, expected",
    [
        ("relu", -math.inf, 0.0),
        ("relu", math.inf, math.inf),
        ("softplus", 1000.0, 1000.0),
        ("softplus", -math.inf, 0.0),
        ("softplus", math.inf, math.inf),
        ("sigmoid", -1000.0, 0.0),
        ("sigmoid", math.inf, 1.0),
        ("sigmoid", -math.inf, 0.0),
        ("gelu", -math.inf, 0.0),
        ("gelu", math.inf, math.inf),
        ("silu", -math.inf, 0.0),
        ("mish", -math.inf, 0.0),
        ("hardswish", -math.inf, 0.0),
        ("elu", -math.inf, -1.0),
        ("selu", -math.inf, -act.SELU_SCALE * act.SELU_ALPHA),
        ("tanh", math.inf, 1.0),
        ("softsign", math.inf, 1.0),
        ("softsign", -math.inf, -1.0),
        ("leaky_relu", -math.inf, -math.inf),
        ("relu6", math.inf, 6.0),
    ],
)
def test_limits_at_infinity(name, x, expected):
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert get(name)(x) == expected
        assert get(name).grad(x) == get(name).grad(x)  # not nan


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_nan_propagates(name):
    assert math.isnan(get(name)(math.nan))
    assert math.isnan(get(name).grad(math.nan))


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_no_negative_zero(name):
    xs = np.array([-math.inf, -1e308, -50.0, -1.0, -0.0, 0.0, -5e-324])
    for fn in (get(name), get(name).grad):
        out = fn(xs)
        zeros = out == 0
        assert not np.signbit(out[zeros]).any(), f"{name}: -0.0 in {out!r}"


def test_seed_001_implementation_is_what_we_avoid():
    # Seed 001's relu, x * (x > 0), gives -0.0 and nan; ours does not.
    xs = np.array([-3.0, -math.inf])
    with np.errstate(invalid="ignore"):
        seed = xs * (xs > 0.0)
    assert np.signbit(seed[0]) and math.isnan(seed[1])
    assert act.relu(xs).tolist() == [0.0, 0.0] and not np.signbit(act.relu(xs)).any()


# --- input / output contract ------------------------------------------------------


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_python_scalar_in_python_float_out(name):
    for x in (-3, -3.0, 0, 2.5, True):
        y = get(name)(x)
        assert type(y) is float, f"{name}({x!r}) returned {type(y).__name__}"
        assert type(get(name).grad(x)) is float


def test_documented_examples_print_plainly():
    assert repr(act.relu(-3)) == "0.0"
    assert act.relu(2) == 2.0 and act.relu(0.5) == 0.5
    assert act.leaky_relu(-10.0) == pytest.approx(-0.1) and act.leaky_relu(-20.0) == pytest.approx(-0.2)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_array_shape_and_dtype_preserved(name, dtype):
    x = np.linspace(-4, 4, 24, dtype=dtype).reshape(2, 3, 4)
    for fn in (get(name), get(name).grad):
        y = fn(x)
        assert isinstance(y, np.ndarray) and y.shape == x.shape and y.dtype == dtype


def test_numpy_scalar_keeps_its_dtype():
    y = act.relu(np.float32(-2.0))
    assert isinstance(y, np.float32) and y == 0.0


def test_integer_arrays_become_float64():
    assert act.relu(np.array([-2, 3])).dtype == np.float64


def test_complex_input_is_rejected():
    with pytest.raises(TypeError, match="complex"):
        act.relu(np.array([1j]))


def test_rrelu_training_needs_a_generator_and_is_reproducible():
    x = np.linspace(-5, -1, 50)
    with pytest.raises(ValueError, match="Generator"):
        act.rrelu(x, training=True)
    a = act.rrelu(x, training=True, generator=np.random.default_rng(7))
    b = act.rrelu(x, training=True, generator=np.random.default_rng(7))
    slopes = a / x
    assert np.array_equal(a, b)
    assert (slopes >= 1 / 8).all() and (slopes <= 1 / 3).all() and slopes.std() > 0
    grads = act.rrelu_grad(x, training=True, generator=np.random.default_rng(7))
    assert np.allclose(grads, slopes)


def test_gelu_rejects_unknown_approximation():
    with pytest.raises(ValueError, match="approximate"):
        act.gelu(1.0, approximate="fast")


def test_softmax_is_a_stable_probability_vector():
    p = act.softmax(np.array([[1000.0, 0.0, -math.inf], [1.0, 2.0, 3.0]]))
    assert np.allclose(p.sum(axis=-1), 1.0)
    assert p[0].tolist() == [1.0, 0.0, 0.0]
    want = [float(mp.exp(k) / (mp.e + mp.e**2 + mp.e**3)) for k in (1, 2, 3)]
    assert np.allclose(p[1], want, rtol=1e-15)


def test_registry_unknown_name_lists_known_ones():
    with pytest.raises(KeyError, match="relu6"):
        get("relu7")


# --- properties -------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(min_value=-20, max_value=20, allow_nan=False)


@given(finite)
def test_relu_splits_x_into_positive_and_negative_parts(x):
    assert act.relu(x) - act.relu(-x) == x
    assert act.relu(x) + act.negative_part(x) == x
    assert act.reflected_relu(x) == act.relu(-x)


@given(finite)
def test_relu_is_idempotent(x):
    assert act.relu(act.relu(x)) == act.relu(x)
    assert act.relu6(act.relu6(x)) == act.relu6(x)


@given(st.floats(min_value=0, max_value=1e300), finite)
def test_relu_is_positively_homogeneous(c, x):
    # relu(c x) = c relu(x) for c >= 0 (exact up to the rounding of the product)
    assert act.relu(c * x) == pytest.approx(c * act.relu(x), rel=1e-15, abs=0)


MONOTONE = [
    "relu",
    "relu6",
    "leaky_relu",
    "prelu",
    "rrelu",
    "elu",
    "selu",
    "celu",
    "softplus",
    "sigmoid",
    "tanh",
    "softsign",
    "hardsigmoid",
    "identity",
    "step",
    "negative_part",
    "zero",
]


@pytest.mark.parametrize("name", MONOTONE)
@given(a=finite, b=finite)
@settings(max_examples=60)
def test_monotone_functions_are_non_decreasing(name, a, b):
    lo, hi = min(a, b), max(a, b)
    assert get(name)(lo) <= get(name)(hi)


@pytest.mark.parametrize("name", ["gelu", "silu", "mish", "hardswish"])
def test_self_gated_functions_are_not_monotone(name):
    # Each dips below zero and comes back: f(-1) < 0 = f(0) > f(-10) would fail monotone.
    f = get(name)
    assert f(-1.0) < f(-10.0) or f(-1.0) < f(-4.0)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
@given(x=moderate)
@settings(max_examples=60)
def test_derivative_agrees_with_finite_differences(name, x):
    spec = get(name)
    if not _kink_free(spec, x, margin=1e-3):
        return
    h = 1e-6
    fd = (spec(x + h) - spec(x - h)) / (2 * h)
    assert spec.grad(x) == pytest.approx(fd, rel=1e-5, abs=1e-7)


def test_sigmoid_derivative_is_at_most_one_quarter():
    xs = np.linspace(-50, 50, 200_001)
    assert act.sigmoid_grad(xs).max() == 0.25 == act.sigmoid_grad(0.0)
    assert act.relu_grad(xs).max() == 1.0

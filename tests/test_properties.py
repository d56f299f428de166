"""Computed properties agree with what can be derived by hand."""

from __future__ import annotations

import math

import pytest

from relu_glossary.properties import compute


def test_relu_properties():
    p = compute("relu")
    assert p.output_range == "[0, ∞)"
    assert p.bounded_below and not p.bounded_above and p.monotonic and p.continuous and not p.c1
    assert p.mean_normal == pytest.approx(1 / math.sqrt(2 * math.pi), abs=1e-6)  # E[max(0, Z)]
    assert p.grad_at_0 == 0.0 and p.max_abs_grad == 1.0


def test_sigmoid_and_tanh():
    s, t = compute("sigmoid"), compute("tanh")
    assert s.output_range == "(0, 1)" and t.output_range == "(−1, 1)"
    assert s.max_abs_grad == 0.25 and t.max_abs_grad == 1.0
    assert not s.zero_centred and t.zero_centred and s.c1 and t.c1


@pytest.mark.parametrize("name, mean", [("gelu", 1 / (2 * math.sqrt(math.pi))), ("selu", 0.0)])
def test_mean_output_for_standard_normal_input(name, mean):
    assert compute(name).mean_normal == pytest.approx(mean, abs=1e-5)


def test_seed_004_zero_centred_claims_do_not_hold():
    # Seed 004's table marks ELU, SiLU, GELU and Mish as zero-centred; for a
    # standard normal input their mean outputs are clearly positive.
    for name in ("elu", "silu", "gelu", "mish"):
        assert compute(name).mean_normal > 0.15 and not compute(name).zero_centred


def test_non_monotone_smooth_gates_have_attained_negative_minimum():
    p = compute("hardswish")
    assert p.output_range == "[−0.375, ∞)" and not p.monotonic and not p.c1
    assert compute("silu").lower == pytest.approx(-0.2784645427610738, rel=1e-6)


def test_step_is_not_continuous():
    assert not compute("step").continuous


@pytest.mark.parametrize(
    "name, mean",
    [
        ("step", 0.5),  # a jump: the trapezoid rule across it gave 0.4998
        ("relu", 1 / math.sqrt(2 * math.pi)),
        ("hardswish", math.erf(3 / math.sqrt(2)) / 6),
        ("elu", 1 / math.sqrt(2 * math.pi) + math.sqrt(math.e) * 0.5 * math.erfc(1 / math.sqrt(2)) - 0.5),
    ],
)
def test_means_are_exact_within_their_bound(name, mean):
    m = compute(name).mean
    assert abs(m.value - mean) <= m.error < 1e-13


@pytest.mark.parametrize("name", ["selu", "softsign", "tanh", "identity"])
def test_a_mean_within_its_error_bound_of_zero_is_zero(name):
    p = compute(name)
    assert p.mean_normal == 0.0 and abs(p.mean.value) <= p.mean.error and p.zero_centred


@pytest.mark.parametrize(
    "name, square",
    [
        ("relu", 0.5),  # half of E[Z²]: what He initialisation doubles back
        ("selu", 1.0),  # Klambauer et al. 2017: the fixed point has variance 1
        ("step", 0.5),
        ("identity", 1.0),
        ("tanh", 0.39429449039784),  # mpmath quad
    ],
)
def test_mean_squares_are_exact_within_their_bound(name, square):
    m = compute(name).second_moment
    assert abs(m.value - square) <= max(m.error, 1e-13) and m.error < 1e-13


def test_functions_with_a_few_values_have_a_set_as_range():
    assert compute("step").output_range == "{0, 1}" and compute("zero").output_range == "{0}"
    assert compute("relu6").output_range == "[0, 6]"


def test_monotone_either_way_and_where_derivatives_jump():
    assert compute("reflected_relu").decreasing and compute("reflected_relu").monotonic
    assert not compute("gelu").monotonic
    assert compute("softplus").kinks == () and compute("softplus").c1  # the threshold switch is not a kink
    assert compute("step").jumps == (0.0,) and not compute("step").continuous


def test_a_supremum_approached_only_in_a_limit_is_not_attained():
    assert compute("softplus").max_abs_grad == 1.0 and not compute("softplus").max_abs_grad_attained
    assert compute("hardswish").max_abs_grad == pytest.approx(1.5) and not compute("hardswish").max_abs_grad_attained
    assert compute("sigmoid").max_abs_grad == 0.25 and compute("sigmoid").max_abs_grad_attained

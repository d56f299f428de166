"""The explorer's number formatting and URL fragment (static/relu-explorer.js) in Node:
numbers must read exactly as relu_glossary.examples.fmt writes them on the page."""

from __future__ import annotations

import base64
import json
import math
import subprocess
from pathlib import Path

import numpy as np
import pytest
from helpers import NODE

from relu_glossary import activations
from relu_glossary.examples import fmt

SCRIPT = Path(activations.__file__).parent / "sphinxext" / "static" / "relu-explorer.js"


def node(program: str, data) -> object:
    """Run ``program`` (which sees ``data`` and ReluExplorer) and return what it prints as JSON."""
    code = (
        f"require({json.dumps(str(SCRIPT))});\nconst data = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        f"process.stdout.write(JSON.stringify({program}));"
    )
    out = subprocess.run([NODE, "-e", code], input=json.dumps(data), capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def values() -> np.ndarray:
    rng = np.random.default_rng(7)
    random = 10.0 ** rng.uniform(-320, 308, 3000) * rng.choice([-1, 1], 3000)
    # exactly halfway at 6 digits (Python rounds to even, toExponential away from zero), and the
    # edges of fixed notation (1e-4 and 1e6) and of rounding up to a new power of ten
    ties = [123456.5, 123457.5, 12345.25, 12345.75, 1234565.0, 1234575.0, 0.5, 2.5, 1.5, 1e22 + 2**21 * 5]
    edges = [1e-4, 9.999995e-5, 0.0001, 99999.95, 999999.5, 999999.4, 1e6, 1e16, 1e-5, 0.30000000000000004]
    specials = [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, 1.7976931348623157e308, -3.0, 0.01, 1 / 3]
    integers = rng.integers(-(10**9), 10**9, 2000).astype(float)
    return np.concatenate([random, ties, [-t for t in ties], edges, specials, integers, rng.normal(0, 10, 2000)])


@pytest.mark.parametrize("digits", [6, 3, 4, 17])
def test_fmt_writes_numbers_as_python_does(digits):
    xs = values()
    b64 = base64.b64encode(xs.astype("<f8").tobytes()).decode()
    got = node(
        "(() => { const b = Buffer.from(data.x, 'base64');"
        " return [...new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length))]"
        ".map(v => ReluExplorer.fmt(v, data.digits)); })()",
        {"x": b64, "digits": digits},
    )
    wrong = [(x, g, fmt(x, digits)) for x, g in zip(xs.tolist(), got, strict=True) if g != fmt(x, digits)]
    assert not wrong, wrong[:10]


SPEC = {
    "function": "leaky_relu",
    "functions": {"leaky_relu": {}, "elu": {}},
    "controls": {"x": {"low": -6}, "negative_slope": {"low": 0}},
}


@pytest.mark.parametrize(
    "fragment, state",
    [
        ("#x=-3&negative_slope=0.2&vs=elu", {"x": -3, "negative_slope": 0.2, "vs": "elu"}),
        ("#x=1e308", {"x": 1e308}),
        ("#x=%E2%88%923", {"x": -3}),  # U+2212, as the page writes numbers
        ("#x=-inf&vs=", {"x": "-Infinity", "vs": ""}),
        ("#term-leaky-relu", None),  # an anchor, not a state
        ("#x=abc&vs=relu7&alpha=2&vs=leaky_relu", None),  # nothing the explorer knows
        ("#constructor=1&x=constructor&vs=__proto__&__proto__=2", None),  # nor what objects inherit
    ],
)
def test_fragment_is_read_by_python_parameter_names(fragment, state):
    got = node("ReluExplorer.readFragment(data.hash, data.spec)", {"hash": fragment, "spec": SPEC})
    assert got == (state and {k: v if v != "-Infinity" else None for k, v in state.items()})


def test_fragment_round_trips():
    state = {"x": -2.9000000000000004, "params": {"negative_slope": 0.2}, "vs": "elu"}
    fragment = node("ReluExplorer.writeFragment(data.state, data.spec)", {"state": state, "spec": SPEC})
    assert fragment == "#x=-2.9000000000000004&negative_slope=0.2&vs=elu"
    back = node("ReluExplorer.readFragment(data.hash, data.spec)", {"hash": fragment, "spec": SPEC})
    assert back == {"x": -2.9000000000000004, "negative_slope": 0.2, "vs": "elu"}

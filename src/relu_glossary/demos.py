"""Small seeded NumPy experiments the notebooks run: gradient flow, dead units, init scale.

Each finishes in well under a second on one core and gives the same numbers on
every machine (explicit ``numpy.random.Generator`` seeds, float64).
"""

from __future__ import annotations

import math

import numpy as np

from relu_glossary.registry import get


def seed_implementations(xs) -> list[tuple[str, list]]:
    """The three ReLU implementations found in the seeds, run on ``xs`` as-is."""

    def builtin_max(x):  # seed 003: max(0.0, x), scalars only
        return max(0.0, x)

    def mask_multiply(x):  # seed 001: x * (x > 0.0)
        return x * (x > 0.0)

    results = []
    arr = np.asarray(xs, dtype=np.float64)
    with np.errstate(invalid="ignore"):  # the point is to show the nan it produces
        results.append(("max(0.0, x)", [builtin_max(float(x)) for x in arr]))
        results.append(("x * (x > 0.0)", [float(v) for v in mask_multiply(arr)]))
    results.append(("np.maximum(0, x)", [float(v) for v in np.maximum(0, arr)]))
    return results


def gradient_norms(name: str, depth: int = 30, width: int = 64, seed: int = 0) -> np.ndarray:
    """Norm of the gradient reaching each layer of a deep fully connected stack.

    Weights use the initialisation that suits the function (the registry's
    ``initialisation``: He for the ReLU family, Xavier otherwise), so what is
    measured is the activation's own effect on gradient flow.  Index 0 is the layer nearest the input.
    """
    rng = np.random.default_rng(seed)
    spec = get(name)
    gain = {"he": 2.0, "xavier": 1.0}[spec.initialisation]
    x = rng.standard_normal((256, width))
    weights, pre = [], []
    for _ in range(depth):
        w = rng.standard_normal((width, width)) * math.sqrt(gain / width)
        z = x @ w
        weights.append(w)
        pre.append(z)
        x = spec(z)
    grad = np.ones_like(x) / x.size
    norms = []
    for w, z in zip(reversed(weights), reversed(pre), strict=True):
        grad = grad * spec.grad(z)
        norms.append(float(np.linalg.norm(grad @ w.T)))
        grad = grad @ w.T
    return np.array(norms[::-1])


def train_small_network(
    name: str, learning_rate: float, steps: int = 200, seed: int = 0, hidden: int = 100, inputs: int = 10
) -> tuple[np.ndarray, np.ndarray]:
    """Train a one-hidden-layer regression net with full-batch gradient descent.

    Returns two arrays over the steps: the fraction of hidden units whose
    pre-activation is negative for *every* training input (for ReLU such a unit
    is dead: output 0 and gradient 0), and the mean squared error.
    """
    rng = np.random.default_rng(seed)
    spec = get(name)
    x = rng.standard_normal((256, inputs))
    y = np.tanh(x @ rng.standard_normal((inputs, 1))) + 0.1 * rng.standard_normal((256, 1))
    w1 = rng.standard_normal((inputs, hidden)) * math.sqrt(2.0 / inputs)
    b1 = np.zeros(hidden)
    w2 = rng.standard_normal((hidden, 1)) * math.sqrt(1.0 / hidden)
    b2 = np.zeros(1)
    inactive, losses = [], []
    for _ in range(steps):
        z = x @ w1 + b1
        h = spec(z)
        inactive.append(float(np.mean(np.all(z <= 0, axis=0))))
        err = (h @ w2 + b2) - y
        losses.append(float(np.mean(err * err)))
        g_out = 2 * err / len(x)
        g_z = (g_out @ w2.T) * spec.grad(z)
        w2 -= learning_rate * (h.T @ g_out)
        b2 -= learning_rate * g_out.sum(axis=0)
        w1 -= learning_rate * (x.T @ g_z)
        b1 -= learning_rate * g_z.sum(axis=0)
    return np.array(inactive), np.array(losses)


def activation_scale(name: str, init: str, depth: int = 50, width: int = 128, seed: int = 0) -> np.ndarray:
    """Root-mean-square of the activations after each layer, for ``init`` in
    {"he", "xavier"}: He draws weights with variance 2/n, Xavier with 1/n
    (its 2/(n_in + n_out) for square layers)."""
    variance = {"he": 2.0, "xavier": 1.0}[init] / width
    rng = np.random.default_rng(seed)
    spec = get(name)
    x = rng.standard_normal((128, width))
    scales = []
    for _ in range(depth):
        x = spec(x @ (rng.standard_normal((width, width)) * math.sqrt(variance)))
        scales.append(float(np.sqrt(np.mean(x * x))))
    return np.array(scales)


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown pipe table (notebooks display it with IPython's Markdown)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)

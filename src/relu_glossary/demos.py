"""Small seeded NumPy experiments the notebooks run: gradient flow, dead units,
signal propagation at initialisation.

Each finishes in well under a second on one core and gives the same numbers on
every machine (explicit ``numpy.random.Generator`` seeds, float64).  The sizes a
page quotes (width, depth, batch, learning rate, steps) are keyword arguments
without defaults, so the page passes the variables its prose shows.

Products are kept at most 64 × 64 × 64 multiply-adds (batch × width × width):
OpenBLAS computes those on one thread.  Above that it starts threads, which on
a busy machine wait for each other and made one run take seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from relu_glossary.registry import get

#: Weight variance × fan-in: He (2/n) and Xavier (1/n, Glorot's 2/(n_in + n_out)
#: for square layers).
INIT_GAIN = {"he": 2.0, "xavier": 1.0}


def tutorial_implementations(xs) -> list[tuple[str, list]]:
    """The three ReLU implementations found in tutorials, run on ``xs`` as-is."""

    def builtin_max(x):  # max(0.0, x), scalars only
        return max(0.0, x)

    def mask_multiply(x):  # x * (x > 0.0)
        return x * (x > 0.0)

    results = []
    arr = np.asarray(xs, dtype=np.float64)
    with np.errstate(invalid="ignore"):  # the point is to show the nan it produces
        results.append(("max(0.0, x)", [builtin_max(float(x)) for x in arr]))
        results.append(("x * (x > 0.0)", [float(v) for v in mask_multiply(arr)]))
    results.append(("np.maximum(0, x)", [float(v) for v in np.maximum(0, arr)]))
    return results


def gradient_norms(name: str, *, depth: int, width: int, batch: int, seed: int, upstream: str) -> np.ndarray:
    """Norm of the gradient at each layer of a deep fully connected stack, from
    the network's input (index 0) to its output (index ``depth``).

    Weights use the initialisation that suits the function (the registry's
    ``initialisation``: He for the ReLU family, Xavier otherwise), so what is
    measured is the activation's own effect on gradient flow.  ``upstream`` is
    the gradient arriving at the output: "random", a standard normal vector (the
    loss is a random linear read-out), or "mean", that of the mean of the
    outputs.  The mean sends back the all-ones direction, which lines up with
    ReLU's positive outputs: ReLU's gradient then grows over the layers because
    of the loss, not of the activation.
    """
    if upstream not in ("random", "mean"):
        raise ValueError(f"upstream must be 'random' or 'mean', not {upstream!r}")
    rng = np.random.default_rng(seed)
    spec = get(name)
    x = rng.standard_normal((batch, width))
    weights, pre = [], []
    for _ in range(depth):
        w = rng.standard_normal((width, width)) * math.sqrt(INIT_GAIN[spec.initialisation] / width)
        z = x @ w
        weights.append(w)
        pre.append(z)
        x = spec(z)
    upstream_grad = rng.standard_normal(x.shape) if upstream == "random" else np.full(x.shape, 1 / x.size)
    return _backward_norms(spec, weights, pre, upstream_grad)


def _backward_norms(spec, weights: list, pre: list, grad: np.ndarray) -> np.ndarray:
    """Backpropagate ``grad`` from the output through layers ``x @ w`` then the
    activation (``pre`` holds each layer's ``x @ w``); the norm of the gradient at
    each layer, from the input (index 0) to the output."""
    norms = [float(np.linalg.norm(grad))]
    for w, z in zip(reversed(weights), reversed(pre), strict=True):
        grad = (grad * spec.grad(z)) @ w.T
        norms.append(float(np.linalg.norm(grad)))
    return np.array(norms[::-1])


def train_small_network(
    name: str, *, learning_rate: float, steps: int, hidden: int, inputs: int, samples: int, init: str, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Train a one-hidden-layer regression net with full-batch gradient descent
    on ``samples`` points; the hidden layer's weights are drawn with variance
    ``INIT_GAIN[init] / inputs``, the output layer's with 1/hidden.

    Returns two arrays over the steps: the fraction of hidden units whose
    pre-activation is 0 or less for *every* training input (for ReLU such a unit
    is dead: output 0 and gradient 0), and the mean squared error.
    """
    rng = np.random.default_rng(seed)
    spec = get(name)
    x = rng.standard_normal((samples, inputs))
    y = np.tanh(x @ rng.standard_normal((inputs, 1))) + 0.1 * rng.standard_normal((samples, 1))
    w1 = rng.standard_normal((inputs, hidden)) * math.sqrt(INIT_GAIN[init] / inputs)
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


@dataclass(frozen=True)
class Propagation:
    """What happens to signals at initialisation, layer by layer (index 0 is the
    input, ``depth`` the output)."""

    rms: np.ndarray  # root-mean-square of the activations
    gradient: np.ndarray  # gradient norm, relative to the gradient at the output
    cosine: np.ndarray  # mean cosine between an input's activations and a nearby input's


def signal_propagation(
    name: str, init: str, *, depth: int, width: int, batch: int, noise: float, seed: int
) -> Propagation:
    """Forward and backward through ``depth`` square layers without biases, with
    weights of variance ``INIT_GAIN[init] / width``.

    Three measures, as in mean-field analyses of initialisation (Poole et al.
    2016; Schoenholz et al. 2017): the size of the activations; the size of a
    random gradient sent back from the output; and how alike the activations of
    two inputs ``noise`` apart stay (each input x, its neighbour x + noise·ε).
    """
    rng = np.random.default_rng(seed)
    spec = get(name)
    std = math.sqrt(INIT_GAIN[init] / width)
    x = rng.standard_normal((batch, width))
    near = x + noise * rng.standard_normal((batch, width))

    def rms(a):
        return float(np.sqrt(np.mean(a * a)))

    def cosine(a, b):
        norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
        return float(np.mean(np.sum(a * b, axis=1) / np.maximum(norms, np.finfo(float).tiny)))

    sizes, alike, weights, pre = [rms(x)], [cosine(x, near)], [], []
    for _ in range(depth):
        w = rng.standard_normal((width, width)) * std
        z = x @ w
        weights.append(w)
        pre.append(z)
        x, near = spec(z), spec(near @ w)
        sizes.append(rms(x))
        alike.append(cosine(x, near))
    gradient = _backward_norms(spec, weights, pre, rng.standard_normal(x.shape))
    return Propagation(np.array(sizes), gradient / gradient[-1], np.array(alike))


def mean_field(name: str, init: str, *, depth: int) -> Propagation:
    """What :func:`signal_propagation` tends to as the width grows (``cosine``
    is left empty).  A layer whose input has mean square a gives its
    pre-activations the variance q = gain · a and its outputs the mean square
    E[f(√q Z)²], Z ~ N(0, 1); it multiplies the mean squared gradient by
    gain · E[f′(√q Z)²] (Poole et al. 2016; Schoenholz et al. 2017).  The
    expectations are Gauss–Hermite sums (200 nodes; exact for ReLU: the nodes
    are symmetric and x² is a polynomial)."""
    spec = get(name)
    gain = INIT_GAIN[init]
    nodes, weights = np.polynomial.hermite_e.hermegauss(200)
    weights = weights / weights.sum()
    square, sizes, chis = 1.0, [1.0], []  # the input's mean square is 1
    for _ in range(depth):
        z = math.sqrt(gain * square) * nodes  # the pre-activations' spread
        chis.append(gain * float(np.sum(weights * spec.grad(z) ** 2)))
        square = float(np.sum(weights * spec(z) ** 2))
        sizes.append(math.sqrt(square))
    # the gradient at layer l has passed through layers l+1 … depth
    gradient = np.sqrt(np.concatenate([np.cumprod(chis[::-1])[::-1], [1.0]]))
    return Propagation(np.array(sizes), gradient, np.array([]))


def code_names(names: list[str]) -> str:
    """Function names as Markdown inline code, joined by 、 as a Japanese list is."""
    return "、".join(f"`{name}`" for name in names)


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown pipe table (notebooks display it with IPython's Markdown)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)

"""The framework table (``relu_glossary.frameworks``) against the real libraries.

PyTorch (the CPU build) and Keras 3 are test dependencies.  Keras runs on its
torch backend (``KERAS_BACKEND=torch``, set below before keras is imported), so a
Keras row is checked as Keras computes it on torch; where that depends on the
backend, the row's note says so.

JAX is not a test dependency, so its rows are ``verified=False`` and the checks
below skip them unless jax is importable.  Measured in fresh venvs on this
project's machine: torch 2.13.0+cpu with its dependencies adds about 865 MB to
the test venv and Keras 3 with its own about 60 MB (600 MB -> 1510 MB in all);
``pip install jax jaxlib`` (0.10.2, with scipy and opt-einsum) would add another
539 MB, most of it jaxlib (349 MB) and scipy (143 MB).  That is not light
(almost as much as the whole venv before torch), so the JAX rows were
checked by hand once, by running this module in a venv with jax 0.10.2
installed (all passed), and ``make test`` does not re-check them.

For every row with a function, each check runs the library:

* the dotted name (and each alias) resolves to the same real object;
* the defaults the table states are the signature's (``inspect.signature`` on the
  function or on the class's ``__init__``; PyTorch builtins without a Python
  signature are read from their ATen schema);
* the call the page shows, evaluated as written on float64 inputs, equals this
  site's function with ``default_is``; where that is not this site's default, it
  really differs on the grid, and ``same_as_site`` gives this site's default;
* each numeric parameter, set to a non-default value, does what ours of the
  mapped name does.

A row without a function is checked by looking for the name in the framework's
activation namespaces.  PyTorch's autograd is checked against our ``*_grad`` at
every non-kink grid point, and at every kink, where the site claims to return
PyTorch's value.
"""

from __future__ import annotations

import atexit
import importlib
import importlib.util
import inspect
import os
import shutil
import tempfile

# Keras picks its backend once, at import; and it writes keras.json into its home
# directory on first import, which must not be the user's ~/.keras.
os.environ["KERAS_BACKEND"] = "torch"
_keras_home = tempfile.mkdtemp(prefix="relu-glossary-keras-")
atexit.register(shutil.rmtree, _keras_home, True)
os.environ["KERAS_HOME"] = _keras_home

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from relu_glossary.frameworks import CHECKED_WITH, FRAMEWORK_ORDER, FRAMEWORKS, display_rows  # noqa: E402
from relu_glossary.registry import ACTIVATIONS, get  # noqa: E402

#: Frameworks installed by ``pip install -e '.[test]'``: their rows must be verified.
TEST_DEPENDENCIES = {"PyTorch", "Keras"}

GRID = np.array(
    sorted(
        {
            -1e300,
            -1e6,
            -1000.0,
            -50.0,
            -20.5,
            -20.0,
            -6.0,
            -3.5,
            -3.0,
            -2.0,
            -1.0,
            -0.5,
            -1e-8,
            0.0,
            1e-8,
            0.5,
            1.0,
            2.0,
            3.0,
            3.5,
            6.0,
            6.5,
            19.9,
            20.0,
            20.5,
            30.0,
            50.0,
            1000.0,
            1e6,
            1e300,
        }
        | {k for spec in ACTIVATIONS.values() for k in spec.kinks}
    )
)
# Both sides compute in float64, with different but correct formulas: 1e-12
# relative is a few thousand ulp.  The absolute 1e-14 covers results whose true
# value is below it, where a library's formula keeps no relative precision:
# PyTorch's exact GELU gives -4.88e-15 at x = -8 (true: -4.98e-15) and 0 at x = -20
# (true: -5.5e-88).
RTOL, ATOL = 1e-12, 1e-14
#: A numeric parameter is set to this to check that it means what ours means.
OTHER_VALUE = 0.27  # no default in the table, and within rrelu's lower <= upper


def close(a, b) -> bool:
    return bool(np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))


def resolve(dotted: str):
    """The object a dotted name refers to, importing the longest module prefix."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
            break
        except ModuleNotFoundError:
            continue
    for part in parts[i:]:
        obj = getattr(obj, part)
    return obj


class Runner:
    """Runs code shown for one framework on the grid; gives a NumPy array back."""

    def __init__(self, framework: str):
        self.namespace = {"torch": torch, "keras": keras}
        if framework == "JAX":
            jax = pytest.importorskip("jax")
            jnp = pytest.importorskip("jax.numpy")
            jax.config.update("jax_enable_x64", True)
            self.namespace["jax"] = jax
            self.array = jnp.asarray
        else:  # Keras runs on torch: both take torch tensors
            self.array = lambda xs: torch.tensor(xs, dtype=torch.float64)

    def run(self, code: str, **names):
        out = eval(code, {**self.namespace, "x": self.array(GRID), **names})
        if callable(out):  # a layer or module: apply it
            out = out(self.array(GRID))
        return self.numpy(out)

    @staticmethod
    def numpy(out) -> np.ndarray:
        if isinstance(out, torch.Tensor):
            out = out.detach()
        return np.asarray(out)


@pytest.fixture(scope="module", autouse=True)
def float64_everywhere():
    """New torch tensors and parameters (PReLU's weight) and Keras layers in float64."""
    dtype, floatx = torch.get_default_dtype(), keras.config.floatx()
    torch.set_default_dtype(torch.float64)
    keras.config.set_floatx("float64")
    yield
    torch.set_default_dtype(dtype)
    keras.config.set_floatx(floatx)


ROWS = [(name, i, api) for name, apis in FRAMEWORKS.items() for i, api in enumerate(apis)]
# Without jax, its rows are left out of the library checks below (one skip says so,
# in test_jax_version_is_the_one_checked) rather than skipped one by one.
HAVE_JAX = importlib.util.find_spec("jax") is not None
CHECKABLE = [r for r in ROWS if r[2].framework != "JAX" or HAVE_JAX]


def _params(rows):
    return [pytest.param(name, i, api, id=f"{name}-{api.name or api.framework + '-none'}") for name, i, api in rows]


WITH_FUNCTION = _params(r for r in CHECKABLE if r[2].name is not None)
WITHOUT_FUNCTION = _params(r for r in CHECKABLE if r[2].name is None)


def _runner(api) -> Runner:
    return Runner(api.framework)


def _differs_from_site(name, api) -> bool:
    spec = get(name)
    return api.default_is is None or {**spec.parameters, **api.default_is} != dict(spec.parameters)


# --- the table itself -------------------------------------------------------------


def test_every_activation_has_a_row_per_framework_in_order():
    assert list(FRAMEWORKS) == list(ACTIVATIONS)
    for name, apis in FRAMEWORKS.items():
        frameworks = [a.framework for a in apis]
        assert sorted(set(frameworks), key=FRAMEWORK_ORDER.index) == list(FRAMEWORK_ORDER), name
        assert frameworks == sorted(frameworks, key=FRAMEWORK_ORDER.index), name


@pytest.mark.parametrize("name, i, api", _params(ROWS))
def test_row_is_consistent(name, i, api):
    spec = get(name)
    assert api.verified == (api.framework in TEST_DEPENDENCIES)
    assert set(api.params.values()) <= set(spec.parameters), "maps to a parameter the site lacks"
    unmapped = set(spec.parameters) - set(api.params.values())
    if api.name is not None and (_differs_from_site(name, api) or unmapped):
        assert api.note, f"differs from the site (or lacks {sorted(unmapped)}) but has no note"
    if api.same_as_site is not None:
        assert _differs_from_site(name, api), "same_as_site given where nothing differs"
    row = display_rows(name)[i]
    assert (row["framework"], row["code"], row["note"]) == (api.framework, api.code, api.note)


def test_versions_are_the_ones_checked():
    assert torch.__version__.split("+")[0] == CHECKED_WITH["PyTorch"]
    assert keras.__version__ == CHECKED_WITH["Keras"]
    assert keras.backend.backend() == "torch"


def test_jax_version_is_the_one_checked():
    jax = pytest.importorskip("jax", reason="jax is not a test dependency: JAX rows are not checked")
    assert jax.__version__ == CHECKED_WITH["JAX"]


# --- names, defaults, values --------------------------------------------------------


@pytest.mark.parametrize("name, i, api", WITH_FUNCTION)
def test_name_and_aliases_resolve(name, i, api):
    _runner(api)  # skips JAX rows where jax is not installed
    obj = resolve(api.name)
    assert callable(obj)
    for alias in api.aliases:
        assert resolve(alias) is obj, f"{alias} is not {api.name}"


# PyTorch's in-place tensor ops end in "_" (torch.zero_ is not an activation).
NAMESPACES = {
    "PyTorch": ["torch.nn.functional", "torch.nn", "torch"],
    "Keras": ["keras.activations", "keras.layers", "keras.ops"],
    "JAX": ["jax.nn", "jax.numpy"],
}


@pytest.mark.parametrize("name, i, api", WITHOUT_FUNCTION)
def test_framework_really_has_no_such_function(name, i, api):
    _runner(api)
    wanted = name.replace("_", "").lower()
    for module in NAMESPACES[api.framework]:
        found = [n for n in dir(resolve(module)) if not n.endswith("_") and n.replace("_", "").lower() == wanted]
        assert not found, f"{module} has {found}: the table says {api.framework} has no {name}"


def signature_defaults(obj) -> dict:
    """Parameter name -> default (inspect.empty where required)."""
    try:
        sig = inspect.signature(obj.__init__ if inspect.isclass(obj) else obj)
        return {p.name: p.default for p in sig.parameters.values()}
    except ValueError:  # a PyTorch builtin (F.gelu, F.softplus, …): ask its ATen schema
        schema = getattr(torch.ops.aten, obj.__name__).default._schema
        return {a.name: a.default_value if a.has_default_value() else inspect.Parameter.empty for a in schema.arguments}


@pytest.mark.parametrize("name, i, api", WITH_FUNCTION)
def test_defaults_are_the_signatures(name, i, api):
    _runner(api)
    sig = signature_defaults(resolve(api.name))
    for param in api.params:
        assert param in sig, f"{api.name} has no parameter {param!r}: {sorted(sig)}"
    for param, want in api.defaults.items():
        got = sig.get(param, "<missing>")
        # 1 == 1.0 is the same default; True == 1 is not.
        assert got == want and isinstance(got, bool) == isinstance(want, bool), (
            f"{api.name}: {param} defaults to {got!r}, the table says {want!r}"
        )


# keras.ops.heaviside on the torch backend returns float32 for float64 input (its
# note says so); 0, 1 and the value at 0 chosen here are exact in float32.
FLOAT32_RESULT = {"keras.ops.heaviside"}


@pytest.mark.parametrize("name, i, api", WITH_FUNCTION)
def test_shown_call_gives_the_documented_function(name, i, api):
    runner, spec = _runner(api), get(name)
    # Required arguments named like one of ours (F.prelu's weight) get our default.
    names = {a: runner.array([spec.parameters[a]]) for a in api.args if a in spec.parameters}
    torch.manual_seed(0)  # nn.RReLU in training mode draws its slopes
    got = runner.run(display_rows(name)[i]["code"], **names)
    assert got.dtype == (np.float32 if api.name in FLOAT32_RESULT else np.float64)
    if api.default_is is not None:
        want = spec(GRID, **api.default_is)
        assert close(got, want), (
            f"differs from ours with {dict(api.default_is)} at x = {GRID[~np.isclose(got, want, RTOL, ATOL)]}"
        )
    if _differs_from_site(name, api):
        assert not close(got, spec(GRID)), "the note says this differs from the site, but it does not"


@pytest.mark.parametrize("name, i, api", [p for p in WITH_FUNCTION if p.values[2].same_as_site])
def test_same_as_site_gives_the_site_default(name, i, api):
    got = _runner(api).run(api.same_as_site)
    assert got.dtype == np.float64
    assert close(got, get(name)(GRID))


NUMERIC_PARAMS = [
    pytest.param(name, i, api, fw, ours, id=f"{p.id}-{fw}")
    for p in WITH_FUNCTION
    for name, i, api in [p.values]
    for fw, ours in api.params.items()
    if isinstance(api.defaults.get(fw), float)
]


@pytest.mark.parametrize("name, i, api, fw, ours", NUMERIC_PARAMS)
def test_parameter_means_the_same_as_ours(name, i, api, fw, ours):
    runner = _runner(api)
    obj = resolve(api.name)
    x = runner.array(GRID)
    if api.is_class:
        layer = obj(**{fw: OTHER_VALUE})
        if isinstance(layer, torch.nn.Module):
            layer.eval()  # nn.RReLU: the fixed slope, not random ones
        out = layer(x)
    else:
        out = obj(x, **{fw: OTHER_VALUE})
    got = runner.numpy(out)
    assert got.dtype == np.float64
    assert close(got, get(name)(GRID, **{ours: OTHER_VALUE}))


# --- derivatives: PyTorch's autograd against our *_grad -------------------------------


def _torch_function(name):
    """The PyTorch function row that computes the site's default, if any."""
    for api in FRAMEWORKS[name]:
        if api.framework == "PyTorch" and api.name and not api.is_class and not api.args and api.default_is == {}:
            return resolve(api.name)
    return None


def torch_grad(name, xs) -> np.ndarray:
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    if name == "prelu":
        y = torch.nn.functional.prelu(x, torch.tensor([get(name).parameters["weight"]], dtype=torch.float64))
    else:
        y = _torch_function(name)(x)
    y.sum().backward()
    return x.grad.numpy()


DIFFERENTIABLE = [n for n in ACTIVATIONS if n == "prelu" or _torch_function(n)]
# PyTorch's float64 hardsigmoid backward multiplies by 1/6 rounded to float32
# (0.1666666716…): 3e-8 relative.  Every other derivative agrees to 1e-15.
GRAD_RTOL = {"hardsigmoid": 1e-7}


@pytest.mark.parametrize("name", DIFFERENTIABLE)
def test_torch_autograd_matches_our_derivative_away_from_kinks(name):
    spec = get(name)
    xs = np.array([x for x in GRID if all(abs(x - k) > 1e-3 for k in spec.kinks)])
    got, want = torch_grad(name, xs), spec.grad(xs)
    ok = np.isclose(got, want, rtol=GRAD_RTOL.get(name, RTOL), atol=ATOL)
    assert ok.all(), f"x = {xs[~ok]}: torch {got[~ok]}, ours {want[~ok]}"


@pytest.mark.parametrize("name", [n for n in DIFFERENTIABLE if get(n).kinks])
def test_our_derivative_at_kinks_is_torch_autograds(name):
    """activations.py says each *_grad returns PyTorch's value at a kink."""
    spec = get(name)
    kinks = np.array(spec.kinks)
    got, want = torch_grad(name, kinks), spec.grad(kinks)
    assert np.allclose(got, want, rtol=1e-15, atol=0), (
        f"at x = {kinks.tolist()}: torch {got.tolist()}, ours {want.tolist()}"
    )


def test_torch_has_no_derivative_for_heaviside():
    """The step row's note says so; step_grad's 0 at x = 0 is the site's own choice."""
    x = torch.tensor(GRID, requires_grad=True)
    with pytest.raises(RuntimeError, match="not implemented"):
        torch.heaviside(x, torch.zeros((), dtype=torch.float64)).sum().backward()

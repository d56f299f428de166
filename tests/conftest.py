"""Fixtures: the real site built once per session; the hypothesis profile.

The suite runs in two pytest-xdist workers (``-n 2 --dist loadfile``: a file's
tests stay together and in order, as the incremental tests edit one copy in
turn).  What every worker needs, the site and the broken-notebooks build, is
made once by whichever worker comes first, under a file lock, and read by the
other (:func:`_once`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from helpers import REPO, ROOTS, SHARED_PLOTS, shared_plots, sphinx_build
from hypothesis import settings

from tools.browser import CHROMIUM, chromium, serve


def pytest_configure(config) -> None:
    """One folder of drawn plots for the run (helpers.shared_plots), made by the
    main process: the test workers it starts inherit its environment."""
    if SHARED_PLOTS not in os.environ:
        os.environ[SHARED_PLOTS] = tempfile.mkdtemp(prefix="relu-test-plots-")
        config.add_cleanup(lambda: shutil.rmtree(os.environ.pop(SHARED_PLOTS), ignore_errors=True))


# Same examples on every run: CI must not fail by luck.  (Hypothesis still
# explores hundreds of inputs; a new failure shows up on every machine.)
settings.register_profile("project", derandomize=True, deadline=None)
settings.load_profile("project")


def _once(tmp_path_factory, name: str, make: Callable[[Path], dict]) -> tuple[Path, dict]:
    """``make(folder)`` run once per test run, whichever worker asks first; the
    JSON-able dict it returns is kept beside the folder for the other workers."""
    shared = tmp_path_factory.getbasetemp()
    if shared.name.startswith("popen-gw"):
        shared = shared.parent  # xdist: each worker's temp folder is inside the run's
    folder, done = shared / name, shared / f"{name}.json"
    with FileLock(str(shared / f"{name}.lock")):
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # a worker that failed half-way
            folder.mkdir()
            done.write_text(json.dumps(make(folder)), encoding="utf-8")
    return folder, json.loads(done.read_text(encoding="utf-8"))


def _build_site(root: Path) -> dict:
    for name in ("conf.py", "docs", "glossary"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("terms", "_generated"))
        else:
            shutil.copy2(src, root / name)
    result = sphinx_build(root, root / "docs", root / "_build", "-j", "auto", *shared_plots())
    return {"returncode": result.returncode, "output": result.stdout[-3000:] + result.stderr[-6000:]}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run from a copy of the project with
    the strict settings and the parallel readers of `make html`, and no site
    address (the default build)."""
    root, result = _once(tmp_path_factory, "site", _build_site)
    assert result["returncode"] == 0, result["output"]
    return root / "_build" / "html"


#: A reading whose claims are computed in a cell: one holds, one does not.
CLAIMS_NOTEBOOK = """\
---
file_format: mystnb
kernelspec:
  name: python3
---

# Claims

```{code-cell} ipython3
from relu_glossary.claims import Function, claim

true = claim("relu.grad(2) == 1", relu=Function("relu"))
false = claim("share > 0.9", share=0.5)
```

```{claim} true
正の側の傾きは 1 です。
```

```{claim} false
ほとんどの出力が 0 です。
```
"""


def _build_broken_notebooks(folder: Path) -> dict:
    root = folder / "notebook-errors"
    shutil.copytree(ROOTS / "notebook-errors", root)
    (root / "claims.md").write_text(CLAIMS_NOTEBOOK, encoding="utf-8")
    pages = [f"page{i}" for i in range(6)]
    for page in pages:
        (root / f"{page}.md").write_text(f"# {page}\n\nText.\n", encoding="utf-8")
    (root / "page0.md").write_text("# page0\n\nA link to {doc}`nowhere`.\n", encoding="utf-8")
    toctree = "\n".join(["raises", "hidden", "stderr", "dies", "slow", "loud", "claims", *pages])
    (root / "index.md").write_text(f"# Failures\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    started = time.perf_counter()
    result = sphinx_build(
        REPO, root, folder / "out", "-j", "2", "-D", "relu_glossary_dir=", "-D", "nb_execution_timeout=5"
    )
    return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr,
            "elapsed": time.perf_counter() - started}  # fmt: skip


@pytest.fixture(scope="session")
def broken_notebooks(tmp_path_factory):
    """One build of every way a notebook can fail (tests/roots/notebook-errors: a cell
    that raises, a hidden one that raises, stderr, a kernel that dies, a cell past a
    5 s limit, 20 MB of output, a false claim) beside six plain pages, one with a
    warning of its own.  Parallel (-j 2: more than five documents to read), no
    glossary.  Each test reads what it needs of the one log: (root, output dir, result)."""
    folder, kept = _once(tmp_path_factory, "broken", _build_broken_notebooks)
    result = subprocess.CompletedProcess([], kept["returncode"], kept["stdout"], kept["stderr"])
    result.elapsed = kept["elapsed"]
    return folder / "notebook-errors", folder / "out", result


# --- the browser tests: Chromium and the session's site on a local server, per module ---


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "no Chromium: `make test` installs one (tools/provision.py)"
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def base(site):
    with serve(site) as url:
        yield url

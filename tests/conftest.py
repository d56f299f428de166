"""Fixtures: the real site built once per session; the hypothesis profile."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from helpers import REPO, ROOTS, sphinx_build
from hypothesis import settings

# Same examples on every run: CI must not fail by luck.  (Hypothesis still
# explores hundreds of inputs; a new failure shows up on every machine.)
settings.register_profile("project", derandomize=True, deadline=None)
settings.load_profile("project")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session from a copy of the project with
    the strict settings and the parallel readers of `make html`, and no site
    address (the default build)."""
    root = tmp_path_factory.mktemp("site")
    for name in ("conf.py", "docs", "glossary"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("terms", "_generated"))
        else:
            shutil.copy2(src, root / name)
    result = sphinx_build(root, root / "docs", root / "_build", "-j", "auto")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
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


@pytest.fixture(scope="session")
def broken_notebooks(tmp_path_factory):
    """One build of every way a notebook can fail (tests/roots/notebook-errors: a cell
    that raises, a hidden one that raises, stderr, a kernel that dies, a cell past a
    5 s limit, 20 MB of output, a false claim) beside six plain pages, one with a
    warning of its own.  Parallel (-j 2: more than five documents to read), no
    glossary.  Each test reads what it needs of the one log: (root, output dir, result)."""
    root = tmp_path_factory.mktemp("broken") / "notebook-errors"
    shutil.copytree(ROOTS / "notebook-errors", root)
    (root / "claims.md").write_text(CLAIMS_NOTEBOOK, encoding="utf-8")
    pages = [f"page{i}" for i in range(6)]
    for page in pages:
        (root / f"{page}.md").write_text(f"# {page}\n\nText.\n", encoding="utf-8")
    (root / "page0.md").write_text("# page0\n\nA link to {doc}`nowhere`.\n", encoding="utf-8")
    toctree = "\n".join(["raises", "hidden", "stderr", "dies", "slow", "loud", "claims", *pages])
    (root / "index.md").write_text(f"# Failures\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    out = root.parent / "out"
    started = time.perf_counter()
    result = sphinx_build(REPO, root, out, "-j", "2", "-D", "relu_glossary_dir=", "-D", "nb_execution_timeout=5")
    result.elapsed = time.perf_counter() - started
    return root, out, result

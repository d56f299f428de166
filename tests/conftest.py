"""Fixtures: the real site built once per session; the hypothesis profile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import REPO, sphinx_build
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

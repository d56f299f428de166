"""Shared fixtures: building the real site once per session, and small test roots."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Same examples on every run: CI must not fail by luck.  (Hypothesis still
# explores hundreds of inputs; a new failure shows up on every machine.)
settings.register_profile("project", derandomize=True, deadline=None)
settings.load_profile("project")

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots"
#: The base URL every test build publishes under (conf.py reads RELU_GLOSSARY_BASEURL).
BASEURL = "https://relu.test/glossary/"


def sphinx_build(confdir: Path, srcdir: Path, outdir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run sphinx-build exactly as `make html` does (strict), capturing its output."""
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "--no-color",
        "-c",
        str(confdir),
        "-d",
        str(outdir / "doctrees"),
        "-W",
        "--keep-going",
        "-n",
        "-b",
        "html",
        *extra,
        str(srcdir),
        str(outdir / "html"),
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "PYTHONHASHSEED": "0", "RELU_GLOSSARY_BASEURL": BASEURL}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=confdir)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """A copy of the project built once with the strict settings of `make html`."""
    root = tmp_path_factory.mktemp("site")
    for name in ("conf.py", "docs", "glossary"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("terms", "_generated"))
        elif src.exists():
            shutil.copy2(src, root / name)
    result = sphinx_build(root, root / "docs", root / "_build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    return root / "_build" / "html"


@pytest.fixture
def test_root(tmp_path):
    """Copy ``tests/roots/<name>`` to a temporary folder and return its path."""

    def make(name: str) -> Path:
        dst = tmp_path / name
        shutil.copytree(ROOTS / name, dst)
        return dst

    return make

"""Stopping `make html` while a notebook runs (SIGTERM or SIGINT; to make, to Sphinx
or to the whole process group) stops every process of the build within seconds,
leaves no socket folder or connection file behind, and says in one line that the
site was not updated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from helpers import BASEURL, REPO

from relu_glossary import sitebuild

NOTEBOOK = """---
file_format: mystnb
kernelspec:
  name: python3
---

# Slow

```{{code-cell}} ipython3
import os, pathlib, time
pathlib.Path({marker!r}).write_text(str(os.getpid()))
time.sleep({seconds})
```
"""


def _project(root: Path, seconds: int) -> Path:
    """A notebook that sleeps, and six pages: more than five documents to read, so
    that ``-j 2`` reads them in forked readers."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    pages = [f"page{i}" for i in range(6)]
    toctree = "\n".join(["slow", *pages])
    (docs / "index.md").write_text(f"# Slow build\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    for page in pages:
        (docs / f"{page}.md").write_text(f"# {page}\n\nText.\n", encoding="utf-8")
    marker = root / "kernel.pid"
    (docs / "slow.md").write_text(NOTEBOOK.format(marker=str(marker), seconds=seconds), encoding="utf-8")
    return marker


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.NoSuchProcess:
        return []


class Build:
    """`make html` of a small project, in a process group of its own, with its own
    temporary folder and Jupyter runtime folder (what it leaves there is its own)."""

    def __init__(self, root: Path, seconds: int, jobs: str = "2") -> None:
        self.marker = _project(root, seconds)
        self.tmp, self.runtime, self.build = root / "tmp", root / "runtime", root / "_build"
        self.tmp.mkdir()
        self.runtime.mkdir()
        self.log = root / "make.log"
        env = {
            **os.environ,
            "TMPDIR": str(self.tmp),
            "JUPYTER_RUNTIME_DIR": str(self.runtime),
            "RELU_GLOSSARY_BASEURL": BASEURL,
        }
        command = [
            "make",
            "--no-print-directory",
            "-C",
            str(REPO),
            "-o",
            ".venv/.installed",  # the test runs in that virtualenv: never rebuild it here
            "html",
            f"BUILD={self.build}",
            f"DOCS={root / 'docs'}",
            f"SPHINXOPTS=-j {jobs} -D relu_glossary_dir=",
        ]
        with self.log.open("w") as log:
            self.make = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        self.seen: dict[int, psutil.Process] = {}

    def wait_for_the_kernel(self, timeout: float = 240) -> None:
        """Until the notebook's cell runs, noting every process of the build."""
        deadline = time.monotonic() + timeout
        while not self.marker.is_file() or not self.marker.read_text():
            assert self.make.poll() is None, self.output()
            assert time.monotonic() < deadline, "the notebook did not start\n" + self.output()
            self._note_processes()
            time.sleep(0.2)
        self._note_processes()
        assert int(self.marker.read_text()) in self.seen  # the kernel is one of them

    def _note_processes(self) -> None:
        try:
            for process in psutil.Process(self.make.pid).children(recursive=True):
                self.seen.setdefault(process.pid, process)
        except psutil.NoSuchProcess:
            pass

    def sphinx(self) -> psutil.Process:
        """Sphinx's own process (its forked readers have the same command line)."""
        driver = next(p for p in self.seen.values() if "relu_glossary.sitebuild" in _cmdline(p))
        return next(p for p in driver.children() if any(a.endswith("sphinx-build") for a in _cmdline(p)))

    def running(self) -> list[str]:
        alive = []
        for process in self.seen.values():
            try:
                if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(f"{process.pid} {' '.join(_cmdline(process))[:120]}")
            except psutil.NoSuchProcess:
                pass
        return alive

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Whatever a failed test left running."""
        if self.make.poll() is None:
            self.make.kill()
        for process in self.seen.values():
            try:
                if process.is_running():
                    process.kill()
            except psutil.NoSuchProcess:
                pass
        self.make.wait()


@pytest.fixture
def build(tmp_path):
    builds = []

    def start(seconds: int = 600, jobs: str = "2") -> Build:
        builds.append(Build(tmp_path, seconds, jobs))
        return builds[-1]

    yield start
    for b in builds:
        b.stop()


def _assert_nothing_left(b: Build, signalled_at: float) -> None:
    deadline = signalled_at + 15
    while b.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert b.running() == [], b.output()
    assert list(b.tmp.iterdir()) == []  # nothing in TMPDIR: no socket folder, no connection file
    assert list(b.runtime.iterdir()) == []  # no kernel connection file


def _write_site(staging: Path, text: str, exit_code: int = 0) -> list[str]:
    """A command that 'builds' a one-page site into ``staging``, then exits with ``exit_code``."""
    code = f"import pathlib; p = pathlib.Path({str(staging)!r}); p.mkdir(parents=True, exist_ok=True)"
    return [sys.executable, "-c", f"{code}; (p / 'index.html').write_text({text!r}); raise SystemExit({exit_code})"]


def test_a_passed_build_replaces_the_site_and_a_failed_one_leaves_it(tmp_path, capsys):
    staging, site = tmp_path / "staging", tmp_path / "html"
    assert sitebuild.main([str(staging), str(site), "--", *_write_site(staging, "one")]) == 0
    assert capsys.readouterr().out.splitlines() == [f"site: {site}/index.html"]
    assert (site / "index.html").read_text() == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "staging"]  # no html.new, html.old

    assert sitebuild.main([str(staging), str(site), "--", *_write_site(staging, "two", exit_code=1)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"{site} was not updated (the build failed)"]
    assert (site / "index.html").read_text() == "one"


@pytest.mark.parametrize(
    "target, sig, jobs",
    [
        ("make", signal.SIGTERM, "2"),  # make passes SIGTERM to its recipe only
        ("group", signal.SIGTERM, "2"),
        ("group", signal.SIGINT, "2"),  # Ctrl-C at a terminal
        ("group", signal.SIGINT, "1"),  # the notebook runs in Sphinx's own process
        ("sphinx", signal.SIGINT, "2"),
    ],
    ids=["term-make", "term-group", "int-group", "int-group-serial", "int-sphinx"],
)
def test_an_interrupted_build_stops_everything_and_says_the_site_was_not_updated(build, target, sig, jobs):
    b = build(jobs=jobs)
    b.wait_for_the_kernel()
    signalled_at = time.monotonic()
    if target == "make":
        os.kill(b.make.pid, sig)
    elif target == "group":
        os.killpg(b.make.pid, sig)
    else:
        b.sphinx().send_signal(sig)
    b.make.wait(timeout=60)
    output = b.output()
    assert b.make.returncode != 0
    assert f"{b.build}/html was not updated (the build was interrupted)" in output.splitlines(), output
    assert "Traceback" not in output and "Exception" not in output, output
    assert not (b.build / "html").exists()
    _assert_nothing_left(b, signalled_at)


def test_sigint_to_make_alone_lets_the_build_finish_and_says_so(build):
    """make does not pass SIGINT on: it waits for its recipe, which completes and
    replaces the site; the last line of the build says so (make then stops)."""
    b = build(seconds=3)
    b.wait_for_the_kernel()
    os.kill(b.make.pid, signal.SIGINT)
    signalled_at = time.monotonic()
    b.make.wait(timeout=240)
    output = b.output()
    assert b.make.returncode == -signal.SIGINT
    assert f"site: {b.build}/html/index.html" in output.splitlines(), output
    assert (b.build / "html" / "slow.html").is_file()
    assert "Traceback" not in output
    _assert_nothing_left(b, signalled_at)

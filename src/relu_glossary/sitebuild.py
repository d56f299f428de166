"""``make html``: build into a staging folder, then replace the site with it, only
if the build passed.

    python -m relu_glossary.sitebuild STAGING SITE -- sphinx-build … STAGING

A failed or interrupted build never leaves a half-written site looking like a good
one, and the last line says what happened to SITE: ``site: SITE/index.html``, or
``SITE was not updated (the build failed)`` / ``(the build was interrupted)``.
(Before, an interrupted build's last words were Sphinx's "The HTML pages are in
_build/staging/html", and nothing said that _build/html was the old site.)

Signals: make passes SIGTERM to its recipe, this process, and to nothing else;
it is passed on to Sphinx (``sphinxext.interrupt`` then stops every process of
the build) and this process waits for Sphinx to finish stopping.  A Ctrl-C at a
terminal reaches every process at once, and the second SIGINT Sphinx gets from
here is ignored.  A SIGINT sent to make alone stops nothing: make waits for its
recipe to end, so the build completes and the site is replaced, as this says.

The build gets a temporary folder of its own (``TMPDIR``), removed when it ends
however it ends: a process stopped mid-way leaves nothing behind, not even what
a library had written in the instant it was stopped (jupyter_client's connection
file for a kernel being started, ``tmp….json``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

SIGNALS = (signal.SIGINT, signal.SIGTERM)


def replace_site(staging: Path, site: Path, stopped) -> bool:
    """Copy ``staging`` beside ``site``, then swap them with two renames; give up
    (returning False) if ``stopped()`` turns true before the swap."""
    new, old = site.with_name(site.name + ".new"), site.with_name(site.name + ".old")
    for leftover in (new, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(staging, new, symlinks=True)
    if stopped():
        shutil.rmtree(new, ignore_errors=True)
        return False
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)  # the swap is not to be cut in two
    try:
        if site.exists():
            site.rename(old)
        new.rename(site)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    shutil.rmtree(old, ignore_errors=True)
    return True


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 4 or args[2] != "--":
        print("usage: python -m relu_glossary.sitebuild STAGING SITE -- COMMAND …", file=sys.stderr)
        return 2
    staging, site, command = Path(args[0]), Path(args[1]), args[3:]
    tmp = tempfile.mkdtemp(prefix="relu-build-")
    try:
        code, interrupted_by = _run(command, {**os.environ, "TMPDIR": tmp})
        replaced = not interrupted_by and code == 0 and replace_site(staging, site, lambda: bool(interrupted_by))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if replaced:
        print(f"site: {site}/index.html")
        return 0
    if not interrupted_by:
        print(f"{site} was not updated (the build failed)", file=sys.stderr)
        return code or 1
    print(f"{site} was not updated (the build was interrupted)", file=sys.stderr)
    sys.stderr.flush()
    signal.signal(interrupted_by[0], signal.SIG_DFL)  # end by the signal, as the build did
    os.kill(os.getpid(), interrupted_by[0])
    return 128 + interrupted_by[0]


def _run(command: list[str], env: dict) -> tuple[int, list[int]]:
    """Run the build, passing on the signals this process gets; its exit code, and
    the signals that interrupted it (a list that grows while the site is replaced)."""
    received: list[int] = []
    child = subprocess.Popen(command, env=env)

    def pass_on(signum: int, frame) -> None:
        received.append(signum)
        if child.returncode is None:
            child.send_signal(signum)

    for sig in SIGNALS:
        signal.signal(sig, pass_on)
    code = child.wait()
    if code < 0 and not received:
        received.append(-code)  # Sphinx alone was signalled
    return code, received


if __name__ == "__main__":
    sys.exit(main())

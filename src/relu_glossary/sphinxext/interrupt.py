"""SIGTERM and SIGINT stop the whole build, and nothing of it outlives it.

Ctrl-C raises KeyboardInterrupt in Sphinx, which unwinds the build: exit handlers
run (``kernels.extension`` stops the kernel server and removes its socket folder,
``/tmp/relu-kernels-*``).  SIGTERM, which make passes to its recipe when it is
itself terminated, killed Sphinx on the spot instead: its parallel readers, the
kernel server and its kernels ran on, and the socket folder stayed.  Here:

* in Sphinx's process, the first SIGTERM or SIGINT kills the kernels it runs,
  terminates its parallel readers and raises KeyboardInterrupt (Sphinx says
  "Interrupted!").  Later ones are ignored, so that the unwinding is not itself cut
  short: make, ``relu_glossary.sitebuild`` and a signal to the process group may
  each send one.  At exit the process ends by that signal, so that whoever started
  it knows it was interrupted, not failed.
* in a parallel reader or writer (a fork of Sphinx's process), a signal kills the
  reader's kernels and ends it at once, quietly: Sphinx's process reports the
  interruption, once.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import signal
import sys
import threading

from sphinx.application import Sphinx

from relu_glossary.sphinxext import execution

SIGNALS = (signal.SIGINT, signal.SIGTERM)

_main_pid: int | None = None  # Sphinx's own process
_received: int | None = None  # the signal that stopped the build


def _on_signal(signum: int, frame) -> None:
    global _received
    execution.kill_kernels()
    if os.getpid() != _main_pid:
        os._exit(128 + signum)  # a forked reader: Sphinx's process speaks for the build
    if _received is not None:
        return
    _received = signum
    # Sphinx terminates its readers only when the interruption reaches it inside
    # ParallelTasks.join, not while it is handing out documents.
    for reader in multiprocessing.active_children():
        reader.terminate()
    raise KeyboardInterrupt


def _end_by_the_signal() -> None:
    """At exit, after the other exit handlers (registered later, run earlier)."""
    if _received is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        signal.signal(_received, signal.SIG_DFL)
        os.kill(os.getpid(), _received)


_previous: dict[int, object] = {}  # the handlers before ours, given back at the end


def _install(app: Sphinx, config) -> None:
    """``config-inited``: handle the signals (only where Python lets us: the main thread)."""
    global _main_pid
    if _previous or threading.current_thread() is not threading.main_thread():
        return
    if _main_pid is None:
        atexit.register(_end_by_the_signal)
    _main_pid = os.getpid()
    for sig in SIGNALS:
        _previous[sig] = signal.signal(sig, _on_signal)


def _restore(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the build's processes are done; a program that runs
    Sphinx in its own process (a test, sphinx-autobuild) gets its handlers back."""
    if os.getpid() == _main_pid:
        for sig, handler in _previous.items():
            signal.signal(sig, handler)
        _previous.clear()


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _install)
    app.connect("build-finished", _restore, priority=1000)  # after the handlers that stop processes

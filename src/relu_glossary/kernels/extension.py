"""Sphinx glue for the forked kernels: the kernel spec, the alias, the server's lifetime."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sphinx.application import Sphinx

from relu_glossary import __version__
from relu_glossary.files import write_if_changed
from relu_glossary.kernels import server
from relu_glossary.sphinxext.notebooks import is_notebook


def _alias_python3(app: Sphinx, config) -> None:
    """``config-inited``: notebooks say "python3"; run them in the forked kernel."""
    config.nb_kernel_rgx_aliases = {"python3": server.KERNEL_NAME, **(config.nb_kernel_rgx_aliases or {})}


def _install_kernel_spec(app: Sphinx) -> None:
    """``builder-inited``: the ``relu-python3`` kernel spec, found through $JUPYTER_PATH."""
    jupyter_dir = Path(app.doctreedir) / "jupyter"
    spec = jupyter_dir / "kernels" / server.KERNEL_NAME / "kernel.json"
    write_if_changed(spec, json.dumps(server.kernel_spec(), indent=1) + "\n")
    paths = [str(jupyter_dir), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))


_server: server.KernelServer | None = None  # while notebooks are being read


def _start_for_notebooks(app: Sphinx, env, docnames: list[str]) -> None:
    """``env-before-read-docs``: start the kernel server when notebooks are to be
    read (a no-op build starts nothing).  This runs in the main process, so the
    readers Sphinx forks with ``-j`` inherit its address."""
    global _server
    if _server is None and server.AVAILABLE and any(is_notebook(env, d) for d in docnames):
        _server = server.KernelServer()
        os.environ[server.SERVER_ENV] = _server.address


def _stop(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: stop the kernel server (and any kernel left running)."""
    global _server
    if _server is not None:
        os.environ.pop(server.SERVER_ENV, None)
        _server.close()
        _server = None


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _alias_python3)
    app.connect("builder-inited", _install_kernel_spec)
    app.connect("env-before-read-docs", _start_for_notebooks)
    app.connect("build-finished", _stop)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

"""Notebook integration: code dependencies and readable execution errors.

* Every notebook that imports the package depends on the source files it imports,
  so editing ``src/`` re-executes exactly those notebooks on the next build.
* (A cell that raises is reported by ``execution``, hidden cells included.)
* Kernels run with the build's own IPython profile, never the user's.
* With ``-j``, notebooks are spread among the parallel readers.
"""

from __future__ import annotations

import os
from pathlib import Path

from myst_nb.core.read import is_myst_markdown_notebook
from sphinx.application import Sphinx
from sphinx.util import logging

from relu_glossary.files import write_if_changed
from relu_glossary.registry import ACTIVATIONS
from relu_glossary.sphinxext import code_fingerprints
from relu_glossary.sphinxext.codedeps import activations_used, code_cells, data_files

logger = logging.getLogger(__name__)


def _note_code_dependencies(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: record the code the notebook runs (see code_fingerprints),
    and declare the data files its cells name as dependencies."""
    text = source[0]
    if not is_myst_markdown_notebook(text):
        return
    code = code_cells(text)
    code_fingerprints.record(app.env, docname, code, activations_used(code, ACTIVATIONS))
    here = Path(app.env.doc2path(docname)).parent
    for path in sorted(data_files(code, here)):
        app.env.note_dependency(str(path))


# ipykernel warns on every start that its ZeroMQ sockets use TCP without
# encryption.  nbclient binds them to 127.0.0.1 for the seconds a notebook runs,
# so the warning says nothing a maintainer can act on, and it buried the build's
# real messages.  Errors are still shown.
KERNEL_CONFIG = 'c.IPKernelApp.log_level = "ERROR"\n'


def _use_project_ipython_profile(app: Sphinx) -> None:
    """``builder-inited``: kernels get a profile of the build's own, never the
    user's ~/.ipython startup scripts, so every machine executes the same code."""
    ipython_dir = Path(app.doctreedir) / "ipython"
    write_if_changed(ipython_dir / "profile_default" / "ipython_kernel_config.py", KERNEL_CONFIG)
    os.environ["IPYTHONDIR"] = str(ipython_dir)  # inherited by the kernel processes


def is_notebook(env, docname: str) -> bool:
    path = Path(env.doc2path(docname))
    return path.suffix == ".md" and is_myst_markdown_notebook(path.read_text(encoding="utf-8"))


def spread(docnames: list[str], heavy: set[str]) -> list[str]:
    """Reorder ``docnames`` so the heavy ones are evenly spaced among the rest."""
    slow = [d for d in docnames if d in heavy]
    fast = [d for d in docnames if d not in heavy]
    if not slow:
        return list(docnames)
    step = len(fast) / len(slow)
    out, taken = [], 0
    for i, doc in enumerate(slow):
        upto = round((i + 0.5) * step)
        out += fast[taken:upto] + [doc]
        taken = upto
    return out + fast[taken:]


def _spread_notebooks(app: Sphinx, env, docnames: list[str]) -> None:
    """``env-before-read-docs``: with ``-j``, Sphinx hands each worker a run of up
    to ten consecutive documents, and the notebooks, being neighbours in name
    order, all landed in one run: one core executed every notebook.  Spacing them
    out lets both cores execute notebooks (the order of reading changes no output)."""
    if app.parallel > 1:
        docnames[:] = spread(docnames, {d for d in docnames if is_notebook(env, d)})


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _spread_notebooks)
    app.connect("builder-inited", _use_project_ipython_profile)
    app.connect("source-read", _note_code_dependencies)

"""Notebook kernels forked from a warm process: an optional Sphinx extension.

A kernel started the usual way is a new Python that imports ipykernel, IPython,
NumPy, matplotlib and this package before the notebook's first line runs: about
1.4 s of CPU for each of the site's notebooks, more than the notebooks' own code.
With ``relu_glossary.kernels`` in ``extensions``, one kernel server (``server``)
imports those modules once and forks a kernel for each notebook, through a
jupyter_client provisioner (``provisioner``); the outputs are the same.  Leave it
out and notebooks run in ordinary kernels.  Linux only (``os.pidfd_open``);
elsewhere kernels start the usual way.

This module stays free of Sphinx imports: the server process imports the package.
"""

from __future__ import annotations


def setup(app) -> dict:
    from relu_glossary.kernels import extension

    return extension.setup(app)

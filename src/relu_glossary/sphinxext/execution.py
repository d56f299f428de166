"""Notebook execution whose failures end in one line a maintainer can act on.

myst-nb executes the notebooks "inline" (conf.py), cell by cell, through nbclient.
Its inline client is replaced here by a subclass that:

* reports a cell that raised, at the cell, whether or not its output is shown;
* reports a kernel's death (``os._exit``, a crash, the out-of-memory killer) and a
  cell running past ``nb_execution_timeout`` as one warning,
  ``path:line: cell N: the kernel died (…)`` or ``… ran past 60 s …``
  ``[relu_glossary.notebook]``, and runs no later cell of that notebook.  Before,
  the death escaped from the reader as DeadKernelError: with ``-j`` a
  SphinxParallelError whose traceback named neither file nor cell, the reader's
  other warnings lost; a timeout named the file only, wrote a traceback file, and
  the kernel, asked to shut down while still running the cell, printed a ZMQError
  traceback.  A timed-out kernel is now killed at once.
* bounds each cell's outputs before myst-nb renders them, and merges streams in
  linear time (``cell_outputs``): a cell printing 100 MB on one line kept the
  reader busy for more than 11 minutes.
* keeps the kernels of this process in ``RUNNING``, so that ``interrupt`` can kill
  them when the build is stopped.

myst-nb has no hook for its client: ``myst_nb.sphinx_`` calls ``create_client``
from its own namespace, so that name is wrapped there (and its stream merging,
``myst_nb.core.render.coalesce_streams``, replaced by the same function in linear
time).  ``tests/test_notebook_failures.py`` holds both to myst-nb's behaviour.
"""

from __future__ import annotations

import signal

import myst_nb.core.render
import myst_nb.sphinx_
import nbformat
from myst_nb.core.execute.inline import NotebookClientInline
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from relu_glossary.sphinxext import cell_outputs

logger = logging.getLogger(__name__)

#: Kernel managers of the notebooks this process is executing.
RUNNING: set = set()


def kill_now(km) -> None:
    """Kill a notebook's kernel at once and remove its connection file.  Safe in a
    signal handler: no event loop, no message to the kernel."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    try:
        if process is not None and process.poll() is None:
            process.kill()
    except OSError:
        pass  # it has already gone
    km.cleanup_connection_file()


def kill_kernels() -> None:
    """``interrupt``: kill every kernel this process started."""
    for km in list(RUNNING):
        kill_now(km)


def _how_it_died(km) -> str:
    """`` (exit code 3)`` or `` (killed by SIGSEGV)``, as far as it is known."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    try:
        code = process.wait(timeout=2)
    except Exception:  # no process to ask, or it did not say in time
        return ""
    if code is None:
        return ""
    if code < 0:
        try:
            return f" (killed by {signal.Signals(-code).name})"
        except ValueError:
            return f" (killed by signal {-code})"
    return f" (exit code {code})"


class ReportingInlineClient(NotebookClientInline):
    """myst-nb's inline client, with the failures above reported and outputs bounded."""

    def start_client(self):
        self._stopped: str | None = None  # why the notebook stopped executing
        super().start_client()
        RUNNING.add(self._client.km)
        run_cell = self._client.execute_cell

        def execute_cell(cell, cell_index, **kwargs):
            if self._stopped is not None or cell.cell_type != "code":
                return cell  # after a failure nothing more is run
            try:
                run_cell(cell, cell_index, **kwargs)
            except DeadKernelError:
                self._stop(cell_index, "DeadKernelError", f"the kernel died{_how_it_died(self._client.km)}")
            except CellTimeoutError:
                kill_now(self._client.km)  # a busy kernel shut down gracefully printed a ZMQError traceback
                timeout = self.nb_config.execution_timeout
                self._stop(cell_index, "CellTimeoutError", f"ran past {timeout} s (nb_execution_timeout)")
            cell.outputs = cell_outputs.bound(cell.get("outputs", []))
            for output in cell.outputs:
                if output.get("output_type") == "error":
                    self._raised(cell_index, output)
            return cell

        self._client.execute_cell = execute_cell

    def _raised(self, cell_index: int, output) -> None:
        """A cell that raised, hidden or not: as the page is read, before any tag
        (remove-output, remove-cell) drops its output."""
        logger.warning(
            "a code cell raised %s: %s; fix the cell (or the code it calls) and rebuild",
            output.get("ename", "an exception"),
            output.get("evalue", ""),
            location=f"{self.path}:{self.cell_line(cell_index)}",
            type="relu_glossary",
            subtype="notebook",
        )

    def _stop(self, cell_index: int, error: str, what: str) -> None:
        self._stopped = error
        logger.warning(
            "cell %d: %s; the cells after it were not run",
            cell_index + 1,  # myst-nb's numbering (its stderr warnings say "cell N" too)
            what,
            location=f"{self.path}:{self.cell_line(cell_index)}",
            type="relu_glossary",
            subtype="notebook",
        )

    def eval_variable(self, name: str):
        if self._stopped is not None:  # the warning above has said why
            return [nbformat.v4.new_output("display_data", data={"text/plain": "(not computed)"})]
        return cell_outputs.bound(super().eval_variable(name))

    def close_client(self, exc_type, exc_val, exc_tb):
        km = self._client.km
        RUNNING.discard(km)
        if exc_type is not None:
            kill_now(km)
            if not issubclass(exc_type, Exception):
                # Interrupted: the build is ending.  nbclient's clean-up would run
                # the event loop the interruption has just broken out of.
                self._client.kc.stop_channels()
                return
        super().close_client(exc_type, exc_val, exc_tb)
        if self._stopped is not None and self.exec_metadata:
            self.exec_metadata = {**self.exec_metadata, "succeeded": False, "error": self._stopped}


def _create_client(notebook, source, nb_config, logger, read_fmt=None):
    client = _myst_create_client(notebook, source, nb_config, logger, read_fmt)
    if type(client) is NotebookClientInline:
        return ReportingInlineClient(notebook, client.path, nb_config, logger)
    return client


_myst_create_client = myst_nb.sphinx_.create_client


def setup(app: Sphinx) -> None:
    for module, name in ((myst_nb.sphinx_, "create_client"), (myst_nb.core.render, "coalesce_streams")):
        if not hasattr(module, name):
            raise ExtensionError(f"relu_glossary: myst-nb no longer has {module.__name__}.{name}; update execution.py")
    myst_nb.sphinx_.create_client = _create_client
    myst_nb.core.render.coalesce_streams = cell_outputs.coalesce_streams

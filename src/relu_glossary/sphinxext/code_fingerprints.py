"""Re-read a page exactly when the code it runs has changed.

A page that runs the package's code (a notebook, or a term page's
``relu-function``) records what it runs: its code and the activation names it
uses.  At ``env-get-outdated`` the fingerprint is computed again from the
current sources (:func:`.codedeps.fingerprint`); pages whose
fingerprint changed are re-read, and so re-executed.  Editing ``elu`` re-runs
the pages that use ELU, not every page that imports the module.

The extension's own code (how pages are generated and written) is a config value
(``relu_glossary_extension_code``, a digest) that rebuilds the environment: Sphinx
notices edits to conf.py but not to an extension, and pages made by the old code
would otherwise stay until ``make clean``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from relu_glossary.files import cached_text
from relu_glossary.sphinxext.codedeps import extension_files, files_digest, fingerprint, package_stats
from relu_glossary.sphinxext.per_document import PerDocument

logger = logging.getLogger(__name__)

#: What a term page's ``relu-function`` runs, besides the activation itself.
TERM_PAGE_RUNS = ["import relu_glossary.plotting, relu_glossary.examples, relu_glossary.properties"]
#: What ``relu-explorer`` runs: editing it re-reads only the pages with an explorer.
EXPLORER_RUNS = ["import relu_glossary.sphinxext.explorer_markup"]
#: The extensions whose code decides what pages contain.
EXTENSIONS = ("relu_glossary.sphinxext", "relu_glossary.pageweight")


_CODE_RUNS = PerDocument("relu_code_runs")
_store = _CODE_RUNS.of


def record(env, docname: str, code: list[str], names: set[str]) -> None:
    """Note, while reading ``docname``, that it runs ``code`` using ``names``."""
    run = _store(env).setdefault(docname, {"code": [], "names": []})
    code, names = sorted(set(run["code"]) | set(code)), sorted(set(run["names"]) | set(names))
    if "fingerprint" in run and (code, names) == (run["code"], run["names"]):
        return  # a term page's three directives record the same code
    run.update(code=code, names=names, fingerprint=fingerprint(code, set(names)))


def _outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: pages whose code changed since they were read.

    When no module of the package changed size or mtime since the last check, no
    fingerprint can have changed: a no-op build parses and hashes nothing."""
    stats = package_stats()
    if getattr(env, "relu_code_checked", None) == stats:
        return []
    stale = []
    for docname, run in sorted(_store(env).items()):
        if docname in changed or docname in removed:
            continue
        if fingerprint(run["code"], set(run["names"])) != run["fingerprint"]:
            stale.append(docname)
    if stale:
        logger.info("code changed for %d page(s): %s", len(stale), ", ".join(stale))
    env.relu_code_checked = stats
    return stale


def _digest_extension_code(app: Sphinx, config) -> None:
    """``config-inited``: the digest of the code that makes pages, except the code
    the pages run (see :func:`.codedeps.extension_files`).

    Finding those files parses every module (0.15 s); it is redone only when a
    module's size or mtime changed, so a no-op build pays for a few stat calls."""
    config.relu_glossary_extension_code = cached_text(
        Path(app.doctreedir) / "relu-extension-code",
        package_stats(),
        lambda: files_digest(set().union(*(extension_files(e, TERM_PAGE_RUNS + EXPLORER_RUNS) for e in EXTENSIONS))),
    )


def setup(app: Sphinx) -> None:
    app.add_config_value("relu_glossary_extension_code", "", "env", types=frozenset({str}))
    app.connect("config-inited", _digest_extension_code)
    app.connect("env-get-outdated", _outdated)
    _CODE_RUNS.connect(app)

"""Load the YAML glossary at ``builder-inited`` and write its pages.

* Problems in ``glossary/`` are printed as ``path:line:column: error: ...`` (the
  same lines as ``relu-glossary check``) and the build stops before reading or
  writing any page, so no half-built site is produced.
* The loaded glossary is kept on the environment (:func:`glossary_of`) for the
  directives and handlers that need it; parallel readers, forked after
  ``builder-inited``, inherit it.
* Generated pages are written only when their text changed: untouched pages keep
  their mtime and Sphinx does not re-read them.  While every page still has the
  size and mtime it was left with, they are not even read to be compared.
* The loaded glossary and the rendered pages are kept in the doctree folder
  (glossary.cache), under a digest of the term files and the code: a build that
  changed nothing reads no YAML and renders nothing, at any glossary size.
* ``{term}`` references that Sphinx cannot match exactly are matched after NFKC
  and case folding (``ＲｅＬＵ`` finds ReLU).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from relu_glossary.files import cached, not_a_real_folder_inside, write_all_if_changed
from relu_glossary.glossary import urls
from relu_glossary.glossary.cache import load_cached
from relu_glossary.glossary.model import Glossary
from relu_glossary.glossary.render.pages import render

logger = logging.getLogger(__name__)

#: Folders of the source tree the build writes into (and deletes stale files from).
GENERATED_FOLDERS = (urls.TERMS_DIR, urls.INDEX_DIR, "_generated", "_generated/plots", "_generated/linking")


class _ThisBuildOnly:
    """Holds the loaded glossary on the environment for this build and the processes
    it forks, but is saved with the environment as empty: every build loads the
    glossary again (from glossary.cache) before anything reads it, and a pickled
    copy cost 1.4 MB at 1,000 terms in each saved environment and in each parallel
    reader's return to the main process."""

    __slots__ = ("glossary",)

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary

    def __reduce__(self):
        return (_ThisBuildOnly, ())


def glossary_of(env) -> Glossary | None:
    """The glossary this build loaded (None in a project without one)."""
    holder = getattr(env, "relu_glossary", None)
    return holder.glossary if holder is not None else None


def note_term_file(env, term) -> None:
    """The page being read shows what ``term``'s file says beyond the page's own
    source (its parameters, its summary): read the page again when that file changes."""
    env.note_dependency(str(Path(env.relu_glossary_files, Path(term.path).name)))


def cache_dir(app: Sphinx) -> Path:
    """Where what is made from the glossary is kept between builds (glossary.cache)."""
    return Path(app.doctreedir, "relu-glossary")


def _generate(app: Sphinx) -> None:
    """``builder-inited``: check the glossary, then write its pages."""
    app.env.relu_glossary = _ThisBuildOnly()
    if not app.config.relu_glossary_dir:
        return  # a project without a glossary (the benchmark's empty baseline)
    directory = Path(app.confdir, app.config.relu_glossary_dir)
    result, key = load_cached(directory, cache_dir(app), display_base=Path(app.confdir))
    if not result.ok:
        for problem in result.problems:
            logger.error(problem.format(), type="relu_glossary", subtype="yaml")
        logger.error("%d problem(s) in %s/; the site was not built", len(result.problems), app.config.relu_glossary_dir)
        # Stop before any page is read or written.  Sphinx prints its own Python
        # traceback for every exception, SphinxError included; the messages
        # above are all a maintainer needs, so leave with a plain exit status.
        # Nothing has been pickled yet: the next build is still incremental.
        raise SystemExit(1)
    srcdir = Path(app.srcdir)
    refused = [why for folder in GENERATED_FOLDERS if (why := not_a_real_folder_inside(srcdir, folder))]
    for why in refused:
        message = "%s; the build writes generated pages there and removes stale ones, so it must be inside the source"
        logger.error(message, why, type="relu_glossary", subtype="files")
    if refused:
        raise SystemExit(1)
    glossary = result.glossary
    app.env.relu_glossary = _ThisBuildOnly(glossary)
    app.env.relu_glossary_files = directory  # where each term's <id>.yaml is
    app.env.relu_glossary_key = key  # what was read, for what is made from it (exports)
    app.emit("relu-glossary-loaded", glossary)
    baseurl, inventory = app.config.html_baseurl or "", app.config.relu_glossary_inventory_name
    pages_key = f"{key} {baseurl} {inventory}"
    pages = set(
        write_all_if_changed(
            srcdir,
            lambda: cached(
                cache_dir(app) / "pages.pickle",
                pages_key,
                lambda: render(glossary, baseurl=baseurl, inventory_name=inventory),
            ),
            pages_key,
            cache_dir(app) / "pages-written.pickle",
        )
    )
    for folder in (urls.TERMS_DIR, urls.INDEX_DIR):  # pages of removed terms must go
        for stale in (srcdir / folder).glob("*.rst"):
            if f"{folder}/{stale.name}" not in pages:
                stale.unlink()


def _resolve_normalised_term(app: Sphinx, env, node, contnode):
    """``missing-reference``: match a term after NFKC and case folding."""
    if node.get("refdomain") != "std" or node.get("reftype") != "term":
        return None
    glossary = glossary_of(env)
    term = glossary.find(node["reftarget"]) if glossary else None
    if term is None:
        return None
    return make_refnode(app.builder, node["refdoc"], urls.docname(term.id), urls.anchor(term.id), contnode)


def setup(app: Sphinx) -> None:
    # (app, glossary): for handlers that make files from the glossary (assets.py)
    app.add_event("relu-glossary-loaded")
    app.add_config_value("relu_glossary_dir", "glossary", "env", types=[str])
    app.add_config_value("relu_glossary_inventory_name", "relu", "env", types=[str])
    app.connect("builder-inited", _generate)
    app.connect("missing-reference", _resolve_normalised_term)

"""Files an earlier build wrote that this build's sources no longer make are removed.

Sphinx writes into the output folder and never deletes: after a term or a notebook
was removed, its page stayed in the site (one with an injected script; a notebook's
error log, with absolute paths, too), and so did every plot a changed page no
longer shows.  An incremental build must leave exactly the files a clean build of
the same sources writes.  At ``build-finished`` (before the stylesheet bundle
reads the pages for the rules they use) this removes:

* pages (``*.html`` outside the ``_``-folders) of no current document and not
  written by this build (the index, search and other pages Sphinx writes every time),
  and the texts of pages of no current document (``_texts/``, search_text);
* files in ``_images/`` and ``_downloads/`` that no current document uses;
* myst-nb's ``reports/`` error logs, except those of the notebooks whose last
  execution failed.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from relu_glossary.files import relative_files
from relu_glossary.sphinxext.search_text import TEXT_FOLDER

TEXTS = TEXT_FOLDER + "/"

_written: set[str] = set()  # pages written by this process during this build


def _note_page(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """``html-page-context``: Sphinx's process writes the pages that are not
    documents (index, search); documents may be written by forked writers."""
    _written.add(pagename)


def _used_files(mapping) -> set[str]:
    """Target names of a FilenameUniqDict (images) or DownloadFiles (downloads)."""
    return {target for _docnames, target in mapping.values()}


def _reports_kept(env) -> set[str]:
    kept = set()
    for docname, data in getattr(env, "nb_metadata", {}).items():
        if (data.get("exec_data") or {}).get("traceback"):
            kept.add(f"reports/{docname}.err.log")
    return kept


def leftovers(outdir: Path, pages: set[str], images: set[str], downloads: set[str], reports: set[str]) -> list[Path]:
    """The files under ``outdir`` that none of the given names keeps (all are
    relative to ``outdir``, in POSIX form; ``pages`` without ``.html``)."""
    found = []
    for rel, _path in relative_files(outdir):
        top = rel.split("/", 1)[0]
        if top == "_images":
            stale = rel.removeprefix("_images/") not in images
        elif top == "_downloads":
            stale = rel.removeprefix("_downloads/") not in downloads
        elif top == "reports":
            stale = rel not in reports
        elif rel.endswith(".html") and not top.startswith("_"):
            stale = rel.removesuffix(".html") not in pages
        elif rel.startswith(TEXTS) and rel.endswith(".txt"):
            stale = rel.removeprefix(TEXTS).removesuffix(".txt") not in pages
        else:
            stale = False
        if stale:
            found.append(outdir / rel)
    return sorted(found)


def _remove_leftovers(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remove what a clean build would not have written."""
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return  # (dirhtml and singlehtml name their pages otherwise)
    env, outdir = app.env, Path(app.outdir)
    stale = leftovers(
        outdir,
        pages=set(env.found_docs) | _written,
        images=_used_files(env.images),
        downloads=_used_files(env.dlfiles),
        reports=_reports_kept(env),
    )
    for path in stale:
        path.unlink()
    for folder in sorted({p.parent for p in stale}, key=lambda p: len(p.parts), reverse=True):
        while folder != outdir and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    _written.clear()


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _note_page)
    # before the stylesheet bundle (900) collects the words of every page
    app.connect("build-finished", _remove_leftovers, priority=800)

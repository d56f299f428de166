"""What every page shows of the whole site: when it changes, every page is written again.

Every page carries the site's navigation (the sidebar lists every page in a
toctree by its title; the previous and next links) and links the site's own
scripts by a checksum of their content (``relu-tooltips.js?v=…``).  Sphinx writes again
only the pages whose sources changed, so after a term or a notebook was added,
removed or retitled, or a summary edited, the other pages kept the old
navigation or a stale checksum: the incremental build was not the clean build.
When either changes, every page is written again.  Nothing is read again (the
reading, which runs notebooks and draws plots, is the expensive part); writing
the site's pages takes a few seconds.

Pages in no toctree (the term pages, ``:orphan:``) are in no navigation: adding,
removing or retitling one writes no other page on this account (the pages that
show it are read again, as their sources changed).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx


def in_navigation(env, root: str) -> set[str]:
    """The documents the toctrees reach from ``root`` (hidden toctrees too)."""
    seen, todo = set(), [root]
    while todo:
        docname = todo.pop()
        if docname in seen or docname not in env.found_docs:
            continue
        seen.add(docname)
        todo.extend(env.toctree_includes.get(docname, ()))
    return seen


def fingerprint(app: Sphinx, env) -> str:
    """A digest of the navigation (documents in it, titles, tables of contents with
    their toctrees) and of the static files the project adds (``html_static_path``)."""
    digest = hashlib.sha256()
    for docname in sorted(in_navigation(env, app.config.root_doc)):
        title = env.titles.get(docname)
        toc = env.tocs.get(docname)
        for part in (docname, title.astext() if title else "", toc.pformat() if toc else ""):
            digest.update(part.encode() + b"\0")
        digest.update("\0".join(env.toctree_includes.get(docname, [])).encode() + b"\1")
    for folder in app.config.html_static_path:
        root = Path(app.confdir, folder)
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _all_pages_if_changed(app: Sphinx, env) -> list[str]:
    """``env-updated``: every document, to be written again, if what every page
    shows has changed since the last build."""
    new = fingerprint(app, env)
    old, env.relu_sitewide = getattr(env, "relu_sitewide", None), new
    return sorted(env.found_docs) if old is not None and old != new else []


def setup(app: Sphinx) -> None:
    app.connect("env-updated", _all_pages_if_changed)

"""``html-page-context``: scripts load with ``defer``; documentation_options.js goes inline."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sphinx.application import Sphinx

#: The one script that must run where it stands: the inline scripts after it
#: assign to the DOCUMENTATION_OPTIONS object it defines.  It is 400 bytes, so
#: the page carries it inline rather than wait a round trip for it.
_RUNS_INLINE = "documentation_options.js"


def _defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Load Sphinx's and the extensions' scripts with ``defer``.

    They are added without it (doctools, copybutton, translations, …) and so block
    the first paint while they download: on a phone that was most of a second.
    Each of them waits for DOMContentLoaded anyway, and deferred scripts still run
    in document order, so nothing they do changes.  On the search page too: its
    template (docs/_templates/search.html) defers searchtools.js, which needs them."""
    scripts = []
    for js in context.get("script_files", []):
        attributes = getattr(js, "attributes", None)
        if attributes is None or not js.filename or "async" in attributes or "defer" in attributes:
            pass
        elif Path(str(js.filename)).name == _RUNS_INLINE:
            text = _static_text(str(app.outdir), str(js.filename))
            if text is not None:
                js = type(js)(None, priority=js.priority, body=text)
        else:
            # a copy: the same objects serve every page, the search page included
            js = type(js)(js.filename, priority=js.priority, **{**attributes, "defer": "defer"})
        scripts.append(js)
    context["script_files"] = _translations_after_doctools(scripts)


def _translations_after_doctools(scripts: list) -> list:
    """translations.js right after doctools.js, before the scripts that translate.

    Sphinx adds it last.  Deferred, the scripts run once the page is parsed, and
    doctools' ready() then calls back at once: sphinx_highlight.js wrote "Hide
    Search Matches" in English before the Japanese catalog had arrived."""
    names = [Path(str(getattr(js, "filename", "") or "")).name for js in scripts]
    if "translations.js" not in names or "doctools.js" not in names:
        return scripts
    translations = scripts[names.index("translations.js")]
    doctools = scripts[names.index("doctools.js")]
    rest = [js for js in scripts if js is not translations]
    at = rest.index(doctools)
    # Sphinx sorts the list by priority afterwards (a stable sort): doctools' priority keeps it there
    moved = type(translations)(translations.filename, priority=doctools.priority, **translations.attributes)
    return [*rest[: at + 1], moved, *rest[at + 1 :]]


@lru_cache(maxsize=8)
def _static_text(outdir: str, name: str) -> str | None:
    """A static file as Sphinx copied it into the output (before any page is written)."""
    path = Path(outdir) / name
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def setup(app: Sphinx) -> None:
    # last: the theme adds its inline scripts to the page in its own handler, and
    # they must land in the list this handler hands to the template
    app.connect("html-page-context", _defer_scripts, priority=900)

"""The glossary's own CSS and JavaScript, and the term summaries for hover definitions.

Everything is served from the site itself (no CDN).  The summaries file is
generated at ``builder-inited`` from the loaded glossary, written only when its
text changed, and copied to ``_static/`` like any static file.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from sphinx.application import Sphinx

from relu_glossary import icons
from relu_glossary.glossary.export import plain
from relu_glossary.files import write_if_changed
from relu_glossary.sphinxext.glossary import _LOADED

STATIC = Path(__file__).with_name("static")
SUMMARIES = "relu-term-summaries.js"


def summaries_js(glossary) -> str:
    data = {t.id: {"label": t.label_ja, "summary": plain(t.summary), "names": t.names}
            for t in sorted(glossary.terms.values(), key=lambda t: t.id)}
    return "window.RELU_TERM_SUMMARIES = " + json.dumps(data, ensure_ascii=False, indent=0) + ";\n"


def _add_static(app: Sphinx) -> None:
    """``builder-inited`` (after the glossary is loaded): register the static folders."""
    generated = Path(app.doctreedir) / "relu_static"
    glossary = _LOADED.get(str(app.srcdir))
    if glossary is not None:
        write_if_changed(generated / SUMMARIES, summaries_js(glossary))
    _write_icon_subset(generated)
    for folder in (STATIC, generated):
        if str(folder) not in app.config.html_static_path:
            app.config.html_static_path.append(str(folder))


def _write_icon_subset(generated: Path) -> None:
    """Write ``scripts/fontawesome.js`` and the solid webfont with only the icons
    the site uses.  Files in html_static_path are copied after the theme's, so
    these replace the theme's 1.5 MB script and 115 KiB font (see relu_glossary.icons)."""
    import pydata_sphinx_theme

    static = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static"
    script = static / "scripts" / "fontawesome.js"
    font = static / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
    css = static / "styles" / "pydata-sphinx-theme.css"
    if not (script.is_file() and font.is_file() and css.is_file()):
        return
    targets = (generated / "scripts" / "fontawesome.js",
               generated / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2")
    # Subsetting takes a second: redo it only when the theme's files or the icon list change.
    stamp = generated.parent / "relu-icon-subset.source"  # outside the published static folder
    key = " ".join(f"{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in (script, font, css)) \
        + " " + hashlib.sha256(Path(icons.__file__).read_bytes()).hexdigest()
    if all(t.is_file() for t in targets) and stamp.is_file() and stamp.read_text() == key:
        return
    text = script.read_text(encoding="utf-8")
    write_if_changed(targets[0], icons.subset_script(text))
    points = icons.codepoints(text, css.read_text(encoding="utf-8"))
    targets[1].parent.mkdir(parents=True, exist_ok=True)
    targets[1].write_bytes(icons.subset_font(font.read_bytes(), points))
    stamp.write_text(key)


#: The one script that must run where it stands: the inline scripts after it
#: assign to the DOCUMENTATION_OPTIONS object it defines.  It is 400 bytes, so
#: the page carries it inline rather than wait a round trip for it.
_RUNS_INLINE = "documentation_options.js"


def _defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: load Sphinx's and the extensions' scripts with ``defer``.

    They are added without it (doctools, copybutton, translations, …) and so block
    the first paint while they download: on a phone that was most of a second.
    Each of them waits for DOMContentLoaded anyway, and deferred scripts still run
    in document order, so nothing they do changes.  Not on the search page: the
    theme adds searchtools.js there after them, as a plain script that needs them."""
    if pagename == "search":
        return
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
    context["script_files"] = scripts


@lru_cache(maxsize=8)
def _static_text(outdir: str, name: str) -> str | None:
    """A static file as Sphinx copied it into the output (before any page is written)."""
    path = Path(outdir) / name
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def _use_search_scorer(app: Sphinx, config) -> None:
    """``config-inited``: rank term pages first (see static/search-scorer.js)."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(STATIC / "search-scorer.js")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _use_search_scorer)
    app.connect("builder-inited", _add_static, priority=600)  # after glossary._generate (500)
    # last: the theme adds its inline scripts to the page in its own handler, and
    # they must land in the list this handler hands to the template
    app.connect("html-page-context", _defer_scripts, priority=900)
    app.add_css_file("relu-glossary.css")
    app.add_js_file(SUMMARIES, loading_method="defer")
    app.add_js_file("relu-tooltips.js", loading_method="defer")

"""One small stylesheet for the whole site instead of the theme's nine.

Every page used to link nine stylesheets (the theme's two, one of them 64 KiB
gzip, plus Pygments, book theme, myst-nb, copybutton and ours); the browser
paints nothing until all have arrived, which cost a phone on 4G most of a
second.  After the build this module joins them, in the order the pages
linked them, into ``_static/relu-site.css`` and drops the rules that no page or
script of the site can match (see pageweight.cssprune); the template
(docs/_templates/layout.html) links that one file instead.

The file is rebuilt at the end of every build from every page in the output,
so a page written by an incremental build is covered too.  Its ``?v=`` is the
digest of the bundle itself, known only once it is written: pages are written
with the token of the bundle then in the output folder, and those whose token
differs are corrected afterwards.  (It was the digest of the source stylesheets
as they were when the pages were written, before pydata-sphinx-theme rewrites
pygments.css at build-finished: a fresh and a later build of the same commit gave
different tokens.)  A browser's cached copy never lacks a rule the page uses.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sphinx.application import Sphinx

from relu_glossary.files import cached_text, write_if_changed
from relu_glossary.pageweight import cssprune

BUNDLE = "_static/relu-site.css"
#: The theme links these first, from its own template (not through css_files).
THEME_FIRST = ("_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css")
_URL = re.compile(r"""url\(\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^'")\s]+))\s*\)""")
_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?([^"')]+)["']?\)?\s*;""")


def _bundled(css) -> bool:
    """A local, plain stylesheet for every medium: one the bundle can replace."""
    filename = str(getattr(css, "filename", css))
    attributes = getattr(css, "attributes", {})
    return (
        "://" not in filename
        and not filename.startswith("//")
        and attributes.get("rel", "stylesheet") == "stylesheet"
        and attributes.get("media", "all") == "all"
    )


def sources(builder) -> list[str]:
    """The stylesheets every page links, in the order it links them."""
    site_wide = sorted(builder.globalcontext.get("css_files", []), key=lambda css: css.priority)
    return [*THEME_FIRST, *(str(css.filename) for css in site_wide if _bundled(css))]


def _read_with_imports(path: Path, bundle_dir: Path, seen: frozenset[Path] = frozenset()) -> str:
    """The stylesheet as the bundle needs it: its ``@import``s of local files written
    in place (theme.css only imports basic.css; an @import inside a bundle would be
    ignored) and its relative ``url()``s (fonts, images) made relative to the bundle."""
    if path in seen or not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        target = match.group(1)
        if "://" in target:
            return match.group(0)
        return _read_with_imports((path.parent / target).resolve(), bundle_dir, seen | {path})

    def rebase(match: re.Match) -> str:
        quote, target = next((q, match[g]) for q, g in (('"', "dq"), ("'", "sq"), ("", "bare")) if match[g] is not None)
        if re.match(r"^([a-z][a-z0-9+.-]*:|/|#)", target, re.IGNORECASE):
            return match.group(0)  # absolute, data: or a fragment: the same from anywhere
        file = re.split(r"[?#]", target, maxsplit=1)[0]  # keep ?query and #fragment as they are
        moved = Path(os.path.relpath(path.parent / file, bundle_dir)).as_posix()
        return f"url({quote}{moved}{target[len(file) :]}{quote})"

    return _URL.sub(rebase, _IMPORT.sub(inline, text))


def joined(outdir: Path, files: list[str]) -> str:
    bundle_dir = (outdir / BUNDLE).parent.resolve()
    return "\n".join(_read_with_imports((outdir / name).resolve(), bundle_dir) for name in files)


def _token(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _token_in(outdir: Path) -> str:
    """The token of the bundle in the output folder ("" before the first build)."""
    path = outdir / BUNDLE
    return _token(path.read_text(encoding="utf-8")) if path.is_file() else ""


#: How a page links the bundle: ``…/_static/relu-site.css?v=TOKEN"``.
_LINK = re.compile(r'(relu-site\.css\?v=)([0-9a-f]*)(")')


def _link_bundle(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: the page links the bundle; stylesheets only this page
    adds (none today) keep their own links."""
    if app.builder.format != "html":
        return
    files = sources(app.builder)
    context["relu_stylesheet"] = f"{BUNDLE}?v={_token_in(Path(app.outdir))}"
    context["css_files"] = [
        css
        for css in context.get("css_files", [])
        if not (_bundled(css) and str(getattr(css, "filename", css)) in files)
    ]


def _pages(outdir: Path) -> list[Path]:
    return sorted(outdir.rglob("*.html"))


def _site_texts(outdir: Path):
    """Every page and script of the built site: the words rules are kept for.
    (searchindex.js sits outside _static and holds words, not markup.)  The
    bundle's token is left out: it is not a word of the page, and it changes."""
    for path in _pages(outdir):
        yield _LINK.sub(r"\1\3", path.read_text(encoding="utf-8", errors="replace"))
    for path in sorted((outdir / "_static").rglob("*.js")):
        yield path.read_text(encoding="utf-8", errors="replace")


def _set_token(outdir: Path, token: str) -> None:
    """Every page links the bundle by its current token (rewritten only where it differs)."""
    for path in _pages(outdir):
        text = path.read_text(encoding="utf-8")
        write_if_changed(path, _LINK.sub(lambda m: m[1] + token + m[3], text))


def _write_bundle(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the pruned bundle (only when its text changed)."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    files = sources(app.builder)
    css = joined(outdir, files)
    texts = list(_site_texts(outdir))
    # Collecting the words and pruning take a third of a second; when neither the
    # stylesheets nor the site changed (a no-op build), the last result is reused.
    key = hashlib.sha256("\0".join([css, *texts]).encode()).hexdigest()
    text = cached_text(
        Path(app.doctreedir) / "relu-site.css", key, lambda: cssprune.prune(css, cssprune.Vocabulary.of(texts))
    )
    header = f"/* sources: {' '.join(files)} -- joined, without the rules no page uses (pageweight.cssprune) */\n"
    write_if_changed(outdir / BUNDLE, header + text)
    _set_token(outdir, _token(header + text))


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _link_bundle, priority=900)  # after handlers that add CSS
    # after every other build-finished handler: pydata-sphinx-theme rewrites
    # pygments.css there (adding the dark-mode colours), and the bundle needs that
    app.connect("build-finished", _write_bundle, priority=900)

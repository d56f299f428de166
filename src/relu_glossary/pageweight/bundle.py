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

What each page contributes (the words of it that some selector needs) is kept
between builds with the page's size and mtime, so a build reads only the pages it
wrote: at 1,000 terms, reading every page twice on every build (for the words,
then for the token) made a no-op build pay for the whole site.  Pages get a new
token only when the bundle changed, or when they were written by this build.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from sphinx.application import Sphinx

from relu_glossary.files import cached, cached_text, keep, read_kept, relative_files, stamp, write_if_changed
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
    if not path.is_file():
        return ""
    stat = path.stat()
    return _token_of_file(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4)
def _token_of_file(path: str, size: int, mtime_ns: int) -> str:
    # asked for by every page written: read once per version of the file
    return _token(Path(path).read_text(encoding="utf-8"))


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


def _site_files(outdir: Path) -> dict[str, tuple[int, int]]:
    """Every page and script of the built site (the words rules are kept for), by
    path relative to ``outdir``, with its stamp: one walk of the folder, as a no-op
    build at 1,000 terms made five passes over 1,200 files.  (searchindex.js sits
    outside _static and holds words, not markup.)"""
    found = {
        rel: stamp(path)
        for rel, path in relative_files(outdir)
        if rel.endswith(".html") or (rel.startswith("_static/") and rel.endswith(".js"))
    }
    return dict(sorted(found.items()))


class _Words:
    """The words each file of the site contributes, kept with its size and mtime
    (in the doctree folder): files this build did not write are not read again."""

    def __init__(self, store: Path, names: frozenset[str], names_key: str):
        self.store, self.names, self.names_key = store, names, names_key
        kept = read_kept(store, names_key) or {}  # other names: every file is read again
        self.token = kept.get("token", "")
        self.files = kept.get("files", {})
        self.interned: dict[frozenset, frozenset] = {}
        self.reread = False  # whether a file was read again (its stamp changed)

    def changed(self, rel: str, now: tuple[int, int]) -> bool:
        """Whether the file differs from when it was last seen (ask before :meth:`of`)."""
        kept = self.files.get(rel)
        return kept is None or kept[0] != now

    def of(self, outdir: Path, rel: str, now: tuple[int, int]) -> frozenset[str]:
        """The words of the file at ``rel``, whose stamp is ``now``."""
        if self.changed(rel, now):
            # the bundle's token is not a word of the page, and it changes
            text = _LINK.sub(r"\1\3", (outdir / rel).read_text(encoding="utf-8", errors="replace"))
            words = cssprune.words_of(text, self.names)
            self.files[rel] = (now, self.interned.setdefault(words, words))
            self.reread = True
        return self.files[rel][1]

    def save(self, outdir: Path, files: dict[str, tuple[int, int]], token: str) -> None:
        """Keep the words of ``files`` (stamps as they are now on disk: a page given
        the new token has the words it had) and the token."""
        entries = {
            rel: (now, self.files[rel][1] if rel in self.files else self.of(outdir, rel, now))
            for rel, now in files.items()
        }
        keep(self.store, self.names_key, {"token": token, "files": entries})


def _set_token(outdir: Path, pages: list[str], token: str) -> None:
    """These pages link the bundle by its current token (rewritten only where it differs)."""
    for rel in pages:
        path = outdir / rel
        text = path.read_text(encoding="utf-8")
        write_if_changed(path, _LINK.sub(lambda m: m[1] + token + m[3], text))


def _write_bundle(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the pruned bundle (only when its text changed)."""
    if exception is not None or app.builder.format != "html":
        return
    outdir, doctrees = Path(app.outdir), Path(app.doctreedir)
    files = sources(app.builder)
    css = joined(outdir, files)
    css_key = hashlib.sha256(css.encode()).hexdigest()
    names = cached_names(doctrees / "relu-site-css-names.pickle", css, css_key)
    words = _Words(doctrees / "relu-site-words.pickle", names, css_key)
    site = _site_files(outdir)
    pages = [rel for rel in site if rel.endswith(".html")]
    written = [rel for rel in pages if words.changed(rel, site[rel])]  # by this build (or never seen)
    before = {rel: kept[1] for rel, kept in words.files.items()}
    now = {rel: words.of(outdir, rel, stamp) for rel, stamp in site.items()}
    if now == before and (outdir / BUNDLE).is_file():
        # The same stylesheets and words make the same bundle, and the pages written
        # link it by its token on disk, which stays.  The files read again are kept
        # with their new stamps (a no-op build writes the search page and a few
        # scripts again; a rebuild of every page, all of them), or the next build
        # would read them all again.
        if words.reread:
            words.save(outdir, site, words.token)
        return
    vocabulary = sorted(set().union(*now.values()))
    # Pruning takes a third of a second; when neither the stylesheets nor the words
    # of the site changed (a no-op build), the last result is reused.
    key = hashlib.sha256("\0".join([css, *vocabulary]).encode()).hexdigest()
    text = cached_text(
        doctrees / "relu-site.css", key, lambda: cssprune.prune(css, cssprune.Vocabulary.of_words(vocabulary))
    )
    header = f"/* sources: {' '.join(files)} -- joined, without the rules no page uses (pageweight.cssprune) */\n"
    write_if_changed(outdir / BUNDLE, header + text)
    token = _token(header + text)
    # pages written by this build were given the token of the bundle then on disk
    _set_token(outdir, pages if token != words.token else written, token)
    words.save(outdir, _site_files(outdir), token)  # the stamps after the new tokens


def cached_names(store: Path, css: str, css_key: str) -> frozenset[str]:
    """The names the stylesheets' selectors need (parsing them takes a fifth of a second)."""
    return cached(store, css_key, lambda: cssprune.selector_names(css))


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _link_bundle, priority=900)  # after handlers that add CSS
    # after every other build-finished handler: pydata-sphinx-theme rewrites
    # pygments.css there (adding the dark-mode colours), and the bundle needs that
    app.connect("build-finished", _write_bundle, priority=900)

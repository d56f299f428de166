"""Each page's text, for the search's snippets: ``_texts/<page>.txt``.

A search result's snippet is cut from its page's text (static/search-scorer.js).
Sphinx fetched the whole page for it and parsed it in the browser: for "relu" at
1,000 terms, the first screens of results fetched 14 pages (about 200 KB gzip) and
parsed each on the phone's main thread, 60 ms at 4x each.  The text of a page is a
fraction of it (ReLU's page: 6 KB gzip against 25 KB), and needs no parsing.

The text is the article's, as the browser's ``textContent`` reads it, without what
the snippet never showed (the script's ``htmlToText``): heading links ("#"),
scripts, styles, the explorer's controls and what is only printed.  Runs of white
space are one space, as the snippet shows them.  A result that points into a page
(``#section``) still fetches the page, for that section's text.

A text is written with its page, so it is as new as the page: a change to this
module's code rebuilds every page (code_fingerprints), and a page whose text is
missing (removed by hand) is written again.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sphinx.application import Sphinx

from relu_glossary.files import relative_files, write_if_changed

#: The texts' folder (static/search-scorer.js names it too).
TEXT_FOLDER = "_texts"

#: Elements left out with all they hold, by class (as htmlToText in search-scorer.js).
LEFT_OUT_CLASSES = frozenset({"headerlink", "relu-explorer", "onlyprint"})
#: Elements with no end tag (HTML's void elements).
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

# Sphinx writes HTML whose text and attribute values have "<" and ">" escaped: a
# tag is "<" up to the next ">", and a position is inside a tag when the last "<"
# before it is after the last ">".  (Quotes are not always escaped in text:
# MathML's <mtext> keeps them.)
_ANY_TAG = re.compile(r"<[^>]*>")
_NOT_TEXT = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.S | re.I)
_LEFT_OUT_CLASS = re.compile(
    r"""\sclass\s*=\s*"[^"]*(?<![\w-])(?:""" + "|".join(sorted(LEFT_OUT_CLASSES)) + r""")(?![\w-])[^"]*"[^>]*>"""
)
_TAG_NAME = re.compile(r"<([A-Za-z][^\s/>]*)")
#: What JavaScript's \s matches (the snippet's white space), which Python's does not quite.
_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")


def _end_of_element(body: str, start: int, tag: str) -> int:
    """Where the ``tag`` element whose start tag ends at ``start`` ends."""
    depth = 1
    for match in re.compile(rf"<(/?){re.escape(tag)}(?=[\s/>])[^>]*>", re.I).finditer(body, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(body)


def page_text(body: str) -> str:
    """The text of a page's article (``body``: its HTML, as Sphinx renders it)."""
    body = _NOT_TEXT.sub("", body)
    kept, position, search_from = [], 0, 0
    while (match := _LEFT_OUT_CLASS.search(body, search_from)) is not None:
        opening = body.rfind("<", 0, match.start())
        name = _TAG_NAME.match(body, opening) if opening >= 0 else None
        if name is None or opening < body.rfind(">", 0, match.start()):
            search_from = match.start() + 1  # words of the text, not a start tag's attribute
            continue
        tag = name.group(1)
        kept.append(body[position:opening])
        empty = tag.lower() in VOID or match.group(0).endswith("/>")
        position = search_from = match.end() if empty else _end_of_element(body, match.end(), tag)
    kept.append(body[position:])
    return _SPACE.sub(" ", html.unescape(_ANY_TAG.sub("", "".join(kept)))).strip(" ")


def text_path(outdir: Path, pagename: str) -> Path:
    return outdir / TEXT_FOLDER / f"{pagename}.txt"


def _write_text(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: a document's text, next to its page (the page is being
    written by this build; an unchanged text is not written again)."""
    if doctree is None or app.builder.name != "html" or "body" not in context:
        return  # not a document (index, search), or pages named otherwise (dirhtml)
    write_if_changed(text_path(Path(app.outdir), pagename), page_text(context["body"]))


def pages_without_text(outdir: Path, docnames: set[str]) -> list[str]:
    """The documents whose text is not in ``outdir`` (one walk of the texts' folder:
    2 ms at 1,000 terms)."""
    folder = outdir / TEXT_FOLDER
    texts = {rel.removesuffix(".txt") for rel, _path in relative_files(folder)} if folder.is_dir() else set()
    return sorted(docnames - texts)


def _write_pages_without_text(app: Sphinx, env) -> list[str]:
    """``env-updated``: the documents to write again, as their texts are missing."""
    return pages_without_text(Path(app.outdir), set(env.found_docs)) if app.builder.name == "html" else []


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _write_text)
    app.connect("env-updated", _write_pages_without_text)

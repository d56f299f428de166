"""Japanese search that finds compounds and their parts (see sphinxext.ngrams), an
index with no words of removed pages and single kanji in titles only, and every
term's names for the ranking.

What every term page says alike is left out of the index: the headings after its
title (定義, 式, 出典, ...) and the names of its facts (英語, 読み, ...), as are its
relations and link snippets (the ``no-search`` sections of glossary.render.pages).

The names (``_static/relu-term-names.js``) are loaded by the search page alone,
and only with a query, by the loader of the index's parts (sphinxext.search_parts):
the ranking (static/search-scorer.js) puts the page of a term one of whose names
is the query first.  No other page loads them, so a renamed term writes no page
again but the search page, for this file's ``?v=``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

from relu_glossary.files import write_if_changed
from relu_glossary.glossary import urls
from relu_glossary.sphinxext import search_parts
from relu_glossary.sphinxext.generate import glossary_of
from relu_glossary.sphinxext.ngrams import SPLIT_QUERY_JS, index_tokens

NAMES = "relu-term-names.js"


class SearchJapaneseNgram(SearchLanguage):
    lang = "ja"
    language_name = "Japanese"
    js_splitter_code = SPLIT_QUERY_JS

    def split(self, input: str) -> list[str]:
        return index_tokens(input)

    def word_filter(self, word: str) -> bool:
        # single kana/kanji are real tokens here; single Latin letters and bare numbers are noise
        return bool(word) and not word.isdigit() and (len(word) > 1 or not word.isascii())

    def stem(self, word: str) -> str:
        return word


def _single_kanji(word: str) -> bool:
    return len(word) == 1 and not word.isascii()


def _trim_index(app) -> list:
    """``html-collect-pages`` (before the index is written).

    Sphinx's index, carried over from the last build, keeps the words that only
    removed pages had, with an empty list of pages; a clean build has no such
    words, so they go.

    A single kanji is kept for titles only: in the text of the pages 値 or 層 is on
    half of them at 1,000 terms (a quarter of the index), a list no reader would
    go through, while in titles it finds the terms named with it (隠れ層).  A
    one-character query is then answered from the titles."""
    indexer = getattr(app.builder, "indexer", None)
    text, titles = getattr(indexer, "_mapping", {}), getattr(indexer, "_title_mapping", {})
    for word in [word for word, docnames in text.items() if not docnames or _single_kanji(word)]:
        del text[word]
    for word in [word for word, docnames in titles.items() if not docnames]:
        del titles[word]
    return []


def _pages_unchanged(app: Sphinx) -> None:
    """``builder-inited``: no page of the index is known to have changed yet."""
    app.env.relu_search_pages_changed = False


def _page_changed(app: Sphinx, *args) -> None:
    """``env-purge-doc`` (a page re-read or removed) and ``doctree-resolved`` (a
    page written): the index changes."""
    app.env.relu_search_pages_changed = True


def _keep_the_index_if_no_page_changed(app: Sphinx) -> list:
    """``html-collect-pages`` (before Sphinx dumps the index): when no page was read,
    written or removed, the index on disk is the one Sphinx would write again (0.2 s
    of a no-op build at 1,000 terms, a fifth of what it costs beyond an empty
    project's), so Sphinx is given no index to dump."""
    unchanged = not getattr(app.env, "relu_search_pages_changed", True)
    if unchanged and (Path(app.outdir) / "searchindex.js").is_file():
        app.builder.indexer = None
    return []


def _write_parts(app: Sphinx) -> list:
    """``html-collect-pages`` (after the index is trimmed, before the search page is
    written): the index in parts (sphinxext.search_parts), each in a file named by
    its content, so only a changed part is written, and the files of no current
    part are removed.  When no page changed, the parts on disk are the ones this
    build would write.  Only for this module's splitter, which the page's loader
    copies: another search language splits queries its own way."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None or app.builder.format != "html" or not isinstance(indexer.lang, SearchJapaneseNgram):
        return []
    folder = Path(app.outdir) / search_parts.FOLDER
    files = search_parts.names_on_disk(folder)
    if getattr(app.env, "relu_search_pages_changed", True) or sorted(files) != sorted(search_parts.NAMES):
        parts = search_parts.split_index(indexer.freeze())
        texts = {name: search_parts.part_js(name, parts[name]) for name in search_parts.NAMES}
        files = {name: search_parts.file_name(name, text) for name, text in texts.items()}
        for name, text in texts.items():
            write_if_changed(folder / files[name], text)
        for stale in set(folder.glob("*.js")) - {folder / file for file in files.values()}:
            stale.unlink()  # an earlier version of a part, or a part of an earlier split
    app.builder.relu_search_parts = files
    return []


def _parts_on_the_search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: the search page's script that loads the parts its
    query needs (docs/_templates/search.html)."""
    files = getattr(app.builder, "relu_search_parts", None)
    if pagename == "search" and files is not None:
        pathto = context["pathto"]
        names = getattr(app.builder, "relu_term_names", None)
        context["relu_search_loader"] = search_parts.loader_js(
            files,
            folder=pathto(search_parts.FOLDER, 1),
            whole=pathto("searchindex.js", 1),
            names=names and pathto(f"_static/{NAMES}", 1) + f"?v={names}",
        )


def _leave_out_what_every_term_page_says(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: a term page's headings after the title, and the names of its
    facts, are marked ``no-search`` (Sphinx's search leaves such nodes out)."""
    if not app.env.current_document.docname.startswith(urls.TERMS_DIR + "/"):
        return
    for section in doctree.findall(nodes.section):
        if section.parent is not doctree and section.children and isinstance(section[0], nodes.title):
            section[0]["classes"].append("no-search")
    for facts in doctree.findall(nodes.field_list):
        if "relu-facts" in facts["classes"]:
            for name in facts.findall(nodes.field_name):
                name["classes"].append("no-search")


def names_js(glossary) -> str:
    data = {t.id: t.names for t in sorted(glossary.terms.values(), key=lambda t: t.id)}
    return "window.RELU_TERM_NAMES = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


def _write_names(app: Sphinx) -> list:
    """``html-collect-pages`` (before the search page is written): the names file,
    and its version for the search page's URL of it."""
    glossary = glossary_of(app.env)
    if glossary is not None and app.builder.format == "html":
        text = names_js(glossary)
        write_if_changed(Path(app.outdir) / "_static" / NAMES, text)
        app.builder.relu_term_names = hashlib.sha256(text.encode()).hexdigest()[:10]
    return []


def _names_on_the_search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: without the parts' loader (another search language),
    the search page loads the names itself, before the scorer needs them."""
    if pagename == "search" and glossary_of(app.env) is not None and not hasattr(app.builder, "relu_search_parts"):
        app.add_js_file(NAMES)


def setup(app) -> None:
    app.add_search_language(SearchJapaneseNgram)  # replaces Sphinx's TinySegmenter-based "ja"
    app.connect("doctree-read", _leave_out_what_every_term_page_says)
    app.connect("builder-inited", _pages_unchanged)
    app.connect("env-purge-doc", _page_changed)
    app.connect("doctree-resolved", _page_changed)
    app.connect("html-collect-pages", _trim_index)
    app.connect("html-collect-pages", _write_parts, priority=600)
    app.connect("html-collect-pages", _keep_the_index_if_no_page_changed, priority=900)
    app.connect("html-collect-pages", _write_names)
    app.connect("html-page-context", _names_on_the_search_page)
    app.connect("html-page-context", _parts_on_the_search_page)

"""Japanese search that finds compounds and their parts (see sphinxext.ngrams), and
an index with no words of removed pages."""

from __future__ import annotations

from sphinx.search import SearchLanguage

from relu_glossary.sphinxext.ngrams import SPLIT_QUERY_JS, index_tokens


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


def _drop_words_of_removed_pages(app) -> list:
    """``html-collect-pages`` (before the index is written): Sphinx's index, carried
    over from the last build, keeps the words that only removed pages had, with an
    empty list of pages; a clean build has no such words."""
    indexer = getattr(app.builder, "indexer", None)
    for mapping in (getattr(indexer, "_mapping", {}), getattr(indexer, "_title_mapping", {})):
        for word in [word for word, docnames in mapping.items() if not docnames]:
            del mapping[word]
    return []


def setup(app) -> None:
    app.add_search_language(SearchJapaneseNgram)  # replaces Sphinx's TinySegmenter-based "ja"
    app.connect("html-collect-pages", _drop_words_of_removed_pages)

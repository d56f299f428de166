"""Drop the style rules a site cannot use, as PurgeCSS does, in plain Python.

The theme ships one 376 KB stylesheet (64 KiB gzip: all of Bootstrap and every
theme component) that blocks the first paint of every page; a glossary page uses
about a tenth of it.  A rule is kept when each class, id and element name its
selector requires appears as a word somewhere in the site's HTML or JavaScript,
so classes that scripts add later ("show", "collapsing", …) are kept too.  The
test is deliberately conservative:

* attribute selectors, pseudo-classes and everything inside ``:not()``, ``:is()``,
  ``:where()``, ``:has()`` are treated as matching (dark mode is
  ``html[data-theme=dark]``: it stays);
* at-rules other than the grouping ones (``@media``, ``@supports``, ``@layer``,
  ``@container``) are kept whole: fonts, keyframes, ``@property``;
* custom properties are never touched, they sit on ``:root`` and ``html``.

CSS is parsed with tinycss2 (the parser of WeasyPrint); this module only decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import tinycss2
from tinycss2 import ast

#: Class prefixes that scripts compose from pieces ("bs-tooltip-" + placement),
#: so the whole name never appears as one word.
COMPOSED_PREFIXES = ("bs-tooltip-", "bs-popover-")

_WORD = re.compile(r"[A-Za-z0-9_-]+")
_GROUPING = {"media", "supports", "layer", "container"}


@dataclass(frozen=True)
class Vocabulary:
    """Every word of the site's pages and scripts (tags compared in lower case)."""

    words: frozenset[str]
    lower: frozenset[str]

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        words: set[str] = set()
        for text in texts:
            words.update(_WORD.findall(text))
        return cls.of_words(words)

    @classmethod
    def of_words(cls, words: Iterable[str]) -> Vocabulary:
        words = frozenset(words)
        return cls(words, frozenset(w.lower() for w in words))

    def has_class(self, name: str) -> bool:
        return name in self.words or name.startswith(COMPOSED_PREFIXES)

    def has_tag(self, name: str) -> bool:
        return name.lower() in self.lower


def required_names(selector: list) -> tuple[set[str], set[str], set[str]]:
    """The classes, ids and element names a single complex selector requires,
    outside functional pseudo-classes and attribute brackets."""
    classes, ids, tags = set(), set(), set()
    previous = None
    for token in selector:
        if isinstance(token, ast.IdentToken):
            if isinstance(previous, ast.LiteralToken) and previous.value == ".":
                classes.add(token.value)
            elif not (isinstance(previous, ast.LiteralToken) and previous.value in (":", "::", "|")):
                tags.add(token.value)
        elif isinstance(token, ast.HashToken):
            ids.add(token.value)
        # FunctionBlock (:not(...)) and [attr] blocks are skipped: treated as matching
        if not isinstance(token, ast.WhitespaceToken):
            previous = token
        else:
            previous = None
    return classes, ids, tags


def _split_selectors(prelude: list) -> list[list]:
    groups: list[list] = [[]]
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return [g for g in groups if any(not isinstance(t, (ast.WhitespaceToken, ast.Comment)) for t in g)]


def _selector_used(selector: list, vocabulary: Vocabulary) -> bool:
    classes, ids, tags = required_names(selector)
    return (
        all(vocabulary.has_class(c) for c in classes)
        and all(i in vocabulary.words for i in ids)
        and all(vocabulary.has_tag(t) for t in tags)
    )


def _prune_rules(rules: list, vocabulary: Vocabulary) -> list[str]:
    out = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            kept = [s for s in _split_selectors(rule.prelude) if _selector_used(s, vocabulary)]
            if kept:
                selectors = ",".join(tinycss2.serialize(s).strip() for s in kept)
                out.append(f"{selectors}{{{tinycss2.serialize(rule.content).strip()}}}")
        elif isinstance(rule, ast.AtRule):
            if rule.lower_at_keyword in _GROUPING and rule.content is not None:
                inner = _prune_rules(
                    tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), vocabulary
                )
                if inner:
                    out.append(f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{''.join(inner)}}}")
            else:
                out.append(tinycss2.serialize([rule]).strip())
    return out


def selector_names(css: str) -> frozenset[str]:
    """Every class, id and element name any selector of ``css`` could require (tags
    in lower case too): the only words of a page that decide what is kept."""
    names: set[str] = set()

    def collect(rules: list) -> None:
        for rule in rules:
            if isinstance(rule, ast.QualifiedRule):
                for selector in _split_selectors(rule.prelude):
                    classes, ids, tags = required_names(selector)
                    names.update(classes, ids, tags, (t.lower() for t in tags))
            elif isinstance(rule, ast.AtRule) and rule.lower_at_keyword in _GROUPING and rule.content is not None:
                collect(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    collect(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return frozenset(names)


def words_of(text: str, names: frozenset[str]) -> frozenset[str]:
    """The words of ``text`` that are among ``names`` (a tag in any case)."""
    return frozenset(w for w in set(_WORD.findall(text)) if w in names or w.lower() in names)


def prune(css: str, vocabulary: Vocabulary) -> str:
    """``css`` without the rules no page of the vocabulary can match.

    Comments (the source-map link among them: the map no longer fits) are left out."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(_prune_rules(rules, vocabulary)) + "\n"

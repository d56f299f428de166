"""The glossary as plain Python objects: terms and their symmetric relations."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from relu_glossary.glossary.kana import index_order_key
from relu_glossary.glossary.markup import term_refs

#: Relation types in the order pages show them, with their Japanese headings.
RELATION_TYPES = {
    "synonym": "同意語",
    "antonym": "対義語",
    "cooccurring": "共起語",
    "related": "関連用語",
}

CATEGORIES = {
    "activation": "活性化関数",
    "phenomenon": "現象・問題",
    "technique": "手法",
    "algorithm": "アルゴリズム",
    "architecture": "アーキテクチャ",
    "concept": "概念",
    "property": "性質",
    "field": "分野",
}


def normalise(name: str) -> str:
    """The form two names are compared in: NFKC (full-width ＲｅＬＵ -> ReLU,
    （ -> () and case folding, with whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@dataclass(frozen=True)
class Alias:
    name: str
    lang: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Relation:
    """One declared relation; it holds in both directions."""

    type: str
    source: str
    target: str
    note: str | None = None


@dataclass(frozen=True)
class Term:
    id: str
    label_ja: str
    label_en: str
    reading: str
    summary: str
    definition: str
    category: str
    aliases: tuple[Alias, ...] = ()
    formula: str | None = None
    function: str | None = None
    parameters: tuple[tuple[str, float | str], ...] = ()
    citations: tuple[str, ...] = ()
    path: str = ""

    def order_key(self) -> tuple:
        """Where the term sits in the 五十音 index (by its reading), then by id."""
        return index_order_key(self.reading), self.id

    @property
    def names(self) -> list[str]:
        """Every name the term answers to: labels first, then aliases, no repeats."""
        seen, out = set(), []
        for name in (self.label_ja, self.label_en, *(a.name for a in self.aliases)):
            if normalise(name) not in seen:
                seen.add(normalise(name))
                out.append(name)
        return out


@dataclass(frozen=True)
class Link:
    """A relation seen from one term: its type, the other term and the note."""

    type: str
    other: str
    note: str | None


@dataclass
class Glossary:
    terms: dict[str, Term]
    relations: list[Relation]
    _by_name: dict[str, str] = field(default_factory=dict, repr=False)
    _by_term: dict[str, list[Link]] = field(default_factory=dict, repr=False)
    _referrers: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self._by_name = {normalise(n): t.id for t in self.terms.values() for n in t.names}
        # Each term's relations, indexed once: pages ask for them term by term,
        # and scanning every relation for every term grows with the square.
        self._by_term = {term_id: [] for term_id in self.terms}
        for rel in self.relations:
            self._by_term[rel.source].append(Link(rel.type, rel.target, rel.note))
            self._by_term[rel.target].append(Link(rel.type, rel.source, rel.note))
        # who mentions whom in their own words: summary, definition, alias notes
        self._referrers = {term_id: [] for term_id in self.terms}
        for term in sorted(self.terms.values(), key=Term.order_key):
            texts = [term.summary, term.definition, *(a.note for a in term.aliases if a.note)]
            mentioned = {found.id for text in texts for name in term_refs(text) if (found := self.find(name))}
            for other in sorted(mentioned - {term.id}):
                self._referrers[other].append(term.id)

    def find(self, name: str) -> Term | None:
        """The term with this id, label or alias (compared after :func:`normalise`)."""
        if name in self.terms:
            return self.terms[name]
        term_id = self._by_name.get(normalise(name))
        return self.terms[term_id] if term_id else None

    def links(self, term_id: str) -> dict[str, list[Link]]:
        """Relations of ``term_id`` grouped by type, each holding both ways,
        ordered by the other term's reading."""
        grouped: dict[str, list[Link]] = {t: [] for t in RELATION_TYPES}
        for link in self._by_term.get(term_id, ()):
            grouped[link.type].append(link)
        for links in grouped.values():
            links.sort(key=lambda link: self.terms[link.other].order_key())
        return grouped

    def degree(self, term_id: str) -> int:
        """How many relations ``term_id`` has, both ways (``links`` without the sorting)."""
        return len(self._by_term.get(term_id, ()))

    def derived(self, name: str, make):
        """``make(self)``, computed once for this glossary: what pages ask for one
        term at a time (an order, a table of labels) is not made again for each."""
        if name not in self._derived:
            self._derived[name] = make(self)
        return self._derived[name]

    def referrers(self, term_id: str) -> list[str]:
        """Terms whose summary, definition or alias notes link to ``term_id``, by reading."""
        return list(self._referrers.get(term_id, ()))

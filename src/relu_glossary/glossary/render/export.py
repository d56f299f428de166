"""Machine-readable exports of the glossary: JSON, SKOS JSON-LD, schema.org JSON-LD.

URLs are relative to the site root (where the exports are published), so a
build never needs to know, or invent, its address; the address is a separate
field when the build knows it (``base_url`` in JSON, ``@base`` in JSON-LD).
"""

from __future__ import annotations

from relu_glossary.glossary import urls
from relu_glossary.glossary.markup import plain
from relu_glossary.glossary.model import RELATION_TYPES, Glossary, Term

SITE_NAME = "ReLU 用語集"
#: Where the glossary's own relation properties live, relative to the site root.
VOCAB = "vocab#"


def to_json(g: Glossary, baseurl: str | None = None) -> dict:
    terms = []
    for t in sorted(g.terms.values(), key=lambda t: t.id):
        links = g.links(t.id)
        terms.append(
            {
                "id": t.id,
                "label": {"ja": t.label_ja, "en": t.label_en},
                "aliases": [a.name for a in t.aliases],
                "reading": t.reading,
                "summary": plain(t.summary),
                "url": urls.page(t.id),
                "category": t.category,
                "function": t.function,
                "relations": [
                    {"type": rtype, "target": link.other, "note": plain(link.note) if link.note else None}
                    for rtype in RELATION_TYPES
                    for link in links[rtype]
                ],
                "citations": list(t.citations),
            }
        )
    return {"base_url": baseurl or None, "terms": terms}


def _labels(t: Term) -> tuple[list[dict], list[dict]]:
    pref = [{"@value": t.label_ja, "@language": "ja"}, {"@value": t.label_en, "@language": "en"}]
    alt = [{"@value": a.name, "@language": a.lang} if a.lang else {"@value": a.name} for a in t.aliases]
    return pref, alt


def to_skos(g: Glossary, baseurl: str | None = None) -> dict:
    """The glossary as a SKOS concept scheme.  Antonym, co-occurrence and synonym
    between distinct terms are declared sub-properties of skos:related, so a
    SKOS-only reader still sees every link as 'related'.  Node ids are relative
    to the file (at the site root); the glossary's own properties live in
    ``vocab#`` there (``@vocab``)."""
    scheme = urls.html(urls.INDEX_DOC)
    graph: list[dict] = [
        {
            "@id": scheme,
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": {"@value": SITE_NAME, "@language": "ja"},
        }
    ]
    for rtype in ("synonym", "antonym", "cooccurring"):
        graph.append(
            {
                "@id": f"{VOCAB}{rtype}",
                "@type": "rdf:Property",
                "rdfs:subPropertyOf": {"@id": "skos:related"},
                "rdfs:label": {"@value": RELATION_TYPES[rtype], "@language": "ja"},
            }
        )
    for t in sorted(g.terms.values(), key=lambda t: t.id):
        pref, alt = _labels(t)
        node = {
            "@id": urls.page(t.id),
            "@type": "skos:Concept",
            "skos:inScheme": {"@id": scheme},
            "skos:notation": t.id,
            "skos:prefLabel": pref,
            "skos:definition": {"@value": plain(t.summary), "@language": "ja"},
        }
        if alt:
            node["skos:altLabel"] = alt
        for rtype, links in g.links(t.id).items():
            if links:
                prop = "skos:related" if rtype == "related" else rtype
                node[prop] = [{"@id": urls.page(link.other)} for link in links]
        graph.append(node)
    context = {
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "@vocab": VOCAB,
    }
    if baseurl:
        context["@base"] = baseurl
    return {"@context": context, "@graph": graph}


def defined_term(t: Term, baseurl: str | None = None) -> dict:
    """schema.org DefinedTerm for embedding in the term's own page: URLs absolute
    when the site's address is known, else relative to that page."""
    here = urls.docname(t.id)

    def url(path: str) -> str:
        return baseurl + path if baseurl else urls.relative(here, path)

    return {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url(urls.page(t.id)),
        "url": url(urls.page(t.id)),
        "name": t.label_ja,
        "termCode": t.id,
        "description": plain(t.summary),
        "alternateName": [n for n in t.names if n != t.label_ja],
        "inDefinedTermSet": {"@type": "DefinedTermSet", "name": SITE_NAME, "url": url(urls.html(urls.INDEX_DOC))},
        "inLanguage": "ja",
    }

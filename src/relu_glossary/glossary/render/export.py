"""Machine-readable exports of the glossary: JSON, SKOS JSON-LD, schema.org JSON-LD."""

from __future__ import annotations

from relu_glossary.glossary import urls
from relu_glossary.glossary.markup import plain
from relu_glossary.glossary.model import RELATION_TYPES, Glossary, Term

SITE_NAME = "ReLU 用語集"


def term_url(term_id: str, baseurl: str = "") -> str:
    return baseurl + urls.page(term_id)


def to_json(g: Glossary, baseurl: str = "") -> dict:
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
                "url": term_url(t.id, baseurl),
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
    return {"terms": terms}


def _labels(t: Term) -> tuple[list[dict], list[dict]]:
    pref = [{"@value": t.label_ja, "@language": "ja"}, {"@value": t.label_en, "@language": "en"}]
    alt = [{"@value": a.name, "@language": a.lang} if a.lang else {"@value": a.name} for a in t.aliases]
    return pref, alt


def to_skos(g: Glossary, baseurl: str = "") -> dict:
    """The glossary as a SKOS concept scheme.  Antonym, co-occurrence and synonym
    between distinct terms are declared sub-properties of skos:related, so a
    SKOS-only reader still sees every link as 'related'."""
    vocab = f"{baseurl}vocab#"
    graph: list[dict] = [
        {
            "@id": baseurl + urls.html(urls.INDEX_DOC),
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": {"@value": SITE_NAME, "@language": "ja"},
        }
    ]
    for rtype in ("synonym", "antonym", "cooccurring"):
        graph.append(
            {
                "@id": f"rg:{rtype}",
                "@type": "rdf:Property",
                "rdfs:subPropertyOf": {"@id": "skos:related"},
                "rdfs:label": {"@value": RELATION_TYPES[rtype], "@language": "ja"},
            }
        )
    for t in sorted(g.terms.values(), key=lambda t: t.id):
        pref, alt = _labels(t)
        node = {
            "@id": term_url(t.id, baseurl),
            "@type": "skos:Concept",
            "skos:inScheme": {"@id": baseurl + urls.html(urls.INDEX_DOC)},
            "skos:notation": t.id,
            "skos:prefLabel": pref,
            "skos:definition": {"@value": plain(t.summary), "@language": "ja"},
        }
        if alt:
            node["skos:altLabel"] = alt
        for rtype, links in g.links(t.id).items():
            if links:
                prop = "skos:related" if rtype == "related" else f"rg:{rtype}"
                node[prop] = [{"@id": term_url(link.other, baseurl)} for link in links]
        graph.append(node)
    return {
        "@context": {
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "rg": vocab,
        },
        "@graph": graph,
    }


def defined_term(t: Term, baseurl: str = "") -> dict:
    """schema.org DefinedTerm for embedding in the term's page."""
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": term_url(t.id, baseurl),
        "url": term_url(t.id, baseurl),
        "name": t.label_ja,
        "termCode": t.id,
        "description": plain(t.summary),
        "alternateName": [n for n in t.names if n != t.label_ja],
        "inDefinedTermSet": {"@type": "DefinedTermSet", "name": SITE_NAME, "url": baseurl + urls.html(urls.INDEX_DOC)},
        "inLanguage": "ja",
    }
    return data

"""Load a glossary directory: read every term file, check everything, build the model.

``load(directory)`` never raises for bad content: it returns the problems, each
``path:line:column``, and a Glossary only when there are none.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from relu_glossary import claims, registry
from relu_glossary.examples import fmt
from relu_glossary.glossary import markup, schema, yamlsource
from relu_glossary.glossary.model import Alias, Glossary, Relation, Term, normalise
from relu_glossary.glossary.problems import Problem, did_you_mean
from relu_glossary.glossary.render import mathml

BIB_NAME = "references.bib"


@dataclass
class Result:
    glossary: Glossary | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def _bib_keys(bib: Path, shown: str) -> tuple[set[str], list[Problem]]:
    if not bib.is_file():
        return set(), []
    from pybtex.database import parse_file
    from pybtex.scanner import PybtexSyntaxError

    try:
        return set(parse_file(str(bib), bib_format="bibtex").entries), []
    except PybtexSyntaxError as err:
        return set(), [Problem(shown, err.lineno or 1, 1, f"BibTeX syntax error: {err.error_type}")]
    except Exception as err:  # pybtex reports duplicate keys and the like this way
        return set(), [Problem(shown, 1, 1, f"BibTeX error: {err}")]


def _typed(value):
    """A parameter value as the function takes it: numbers as floats, words as they are."""
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _term(doc: yamlsource.Document) -> Term:
    d = doc.data
    aliases = tuple(
        Alias(a) if isinstance(a, str) else Alias(a["name"], a.get("lang"), a.get("note")) for a in d.get("aliases", [])
    )
    return Term(
        id=d["id"],
        label_ja=d["label"]["ja"],
        label_en=d["label"]["en"],
        reading=d["reading"],
        summary=d["summary"].strip(),
        definition=d["definition"].strip(),
        category=d["category"],
        aliases=aliases,
        formula=d.get("formula"),
        function=d.get("function"),
        parameters=tuple(sorted((k, _typed(v)) for k, v in d.get("parameters", {}).items())),
        citations=tuple(d.get("citations", [])),
        path=doc.path,
    )


def _relations(doc: yamlsource.Document):
    """(Relation, path-in-document) for each relation the document declares."""
    for rtype, items in doc.data.get("relations", {}).items():
        for i, item in enumerate(items):
            target, note, at = (
                (item, None, ("relations", rtype, i))
                if isinstance(item, str)
                else (item["target"], item.get("note"), ("relations", rtype, i, "target"))
            )
            yield Relation(rtype, doc.data["id"], target, note), at


class _Checker:
    def __init__(self, docs: list[yamlsource.Document], bib_keys: set[str], bib_checked: bool):
        self.docs = docs
        self.bib_keys = bib_keys
        self.bib_checked = bib_checked
        self.problems: list[Problem] = []

    def run(self) -> tuple[dict[str, Term], list[Relation]]:
        terms = self._ids()
        self._names()
        self._functions_and_citations()
        relations = self._relation_checks(terms)
        self._text_references(terms)
        return terms, relations

    def _text_references(self, terms: dict[str, Term]) -> None:
        """Every {term}`name` in a text field must name a term."""
        names = {normalise(n) for t in terms.values() for n in t.names}
        for doc in self.docs:
            for path, text in _text_fields(doc.data):
                for name in markup.term_refs(text):
                    if normalise(name) not in names and name not in terms:
                        known = sorted({n for t in terms.values() for n in t.names})
                        self.problems.append(
                            doc.problem(
                                path,
                                f"{_field(path)}: {{term}}`{name}` names no term; "
                                f"expected a label or alias of a glossary term{did_you_mean(name, known)}",
                            )
                        )

    def _ids(self) -> dict[str, Term]:
        terms: dict[str, Term] = {}
        first: dict[str, yamlsource.Document] = {}
        for doc in self.docs:
            term_id = doc.data["id"]
            stem = Path(doc.path).stem
            if term_id != stem:
                self.problems.append(
                    doc.problem(
                        ("id",), f"id '{term_id}' differs from the file name '{stem}.yaml'; expected them to be equal"
                    )
                )
            if term_id in first:
                other = first[term_id]
                line, col = other.position(("id",))
                self.problems.append(
                    doc.problem(
                        ("id",),
                        f"duplicate id '{term_id}' (also in {other.path}:{line}:{col}); expected ids to be unique",
                    )
                )
                continue
            first[term_id] = doc
            terms[term_id] = _term(doc)
        return terms

    def _names(self) -> None:
        owner: dict[str, tuple[yamlsource.Document, tuple, str]] = {}
        for doc in self.docs:
            d = doc.data
            named = [(("label", "ja"), d["label"]["ja"]), (("label", "en"), d["label"]["en"])]
            for i, alias in enumerate(d.get("aliases", [])):
                named.append(
                    (
                        ("aliases", i) if isinstance(alias, str) else ("aliases", i, "name"),
                        alias if isinstance(alias, str) else alias["name"],
                    )
                )
            for path, name in named:
                key = normalise(name)
                if key not in owner:
                    owner[key] = (doc, path, name)
                    continue
                other_doc, other_path, other_name = owner[key]
                if other_doc is doc and {path, other_path} == {("label", "ja"), ("label", "en")}:
                    continue  # "ReLU" may be both the Japanese and the English label
                line, col = other_doc.position(other_path)
                same = "" if other_name == name else f" (the same as '{other_name}' after NFKC and case folding)"
                self.problems.append(
                    doc.problem(
                        path,
                        f"{_field(path)}: name '{name}' is already used"
                        f"{same} by {other_doc.path}:{line}:{col}; "
                        "expected every label and alias to name one term",
                    )
                )

    def _functions_and_citations(self) -> None:
        known = list(registry.ACTIVATIONS)
        for doc in self.docs:
            d = doc.data
            fn = d.get("function")
            if fn is not None and fn not in registry.ACTIVATIONS:
                self.problems.append(
                    doc.problem(
                        ("function",),
                        f"function: unknown activation '{fn}'; "
                        f"expected a name from relu_glossary.activations{did_you_mean(fn, known)}",
                    )
                )
            elif fn is not None:
                spec = registry.get(fn)
                allowed = list(spec.parameters)
                for key, value in d.get("parameters", {}).items():
                    if key not in allowed:
                        self.problems.append(
                            doc.problem(
                                ("parameters", key),
                                f"parameters: '{key}' is not a parameter of {fn}; "
                                f"expected one of: {', '.join(allowed) or '(none)'}{did_you_mean(key, allowed)}",
                                key=True,
                            )
                        )
                    elif (why := spec.parameter_problem(key, value)) is not None:
                        self.problems.append(doc.problem(("parameters", key), f"parameters.{key}: {why}"))
            elif "parameters" in d:
                self.problems.append(
                    doc.problem(
                        ("parameters",), "parameters: given without a function; expected 'function' too", key=True
                    )
                )
            if self.bib_checked:
                for i, key in enumerate(d.get("citations", [])):
                    if key not in self.bib_keys:
                        self.problems.append(
                            doc.problem(
                                ("citations", i),
                                f"citations[{i}]: unknown citation key '{key}'; "
                                f"expected a key of {BIB_NAME}{did_you_mean(key, self.bib_keys)}",
                            )
                        )

    def _relation_checks(self, terms: dict[str, Term]) -> list[Relation]:
        seen: dict[tuple[str, frozenset], tuple[yamlsource.Document, tuple]] = {}
        kinds: dict[frozenset, dict[str, tuple[yamlsource.Document, tuple]]] = {}
        relations = []
        for doc in self.docs:
            for rel, at in _relations(doc):
                if rel.target not in terms:
                    named = next(
                        (t.id for t in terms.values() if normalise(rel.target) in map(normalise, t.names)), None
                    )
                    hint = (
                        f" — '{rel.target}' is a name of '{named}': write its id"
                        if named
                        else did_you_mean(rel.target, terms)
                    )
                    self.problems.append(
                        doc.problem(
                            at,
                            f"{_field(at)}: unknown term '{rel.target}'; "
                            f"expected the id of a term in the glossary{hint}",
                        )
                    )
                    continue
                if rel.target == rel.source:
                    self.problems.append(doc.problem(at, f"{_field(at)}: a term cannot be related to itself"))
                    continue
                pair = frozenset((rel.source, rel.target))
                if (rel.type, pair) in seen:
                    other_doc, other_at = seen[(rel.type, pair)]
                    line, col = other_doc.position(other_at)
                    self.problems.append(
                        doc.problem(
                            at,
                            f"{_field(at)}: the {rel.type} relation between '{rel.source}' and '{rel.target}' "
                            f"is already declared at {other_doc.path}:{line}:{col}; "
                            "relations hold both ways, write each once",
                        )
                    )
                    continue
                seen[(rel.type, pair)] = (doc, at)
                kinds.setdefault(pair, {})[rel.type] = (doc, at)
                self._note_names_both(doc, at, rel, terms)
                relations.append(rel)
        for pair, types in kinds.items():
            if "synonym" in types and "antonym" in types:
                doc, at = types["antonym"]
                other_doc, other_at = types["synonym"]
                line, col = other_doc.position(other_at)
                a, b = sorted(pair)
                self.problems.append(
                    doc.problem(
                        at,
                        f"{_field(at)}: '{a}' and '{b}' are declared both antonym and synonym "
                        f"(synonym at {other_doc.path}:{line}:{col}); expected one of the two",
                    )
                )
        return relations

    def _note_names_both(self, doc: yamlsource.Document, at: tuple, rel: Relation, terms: dict[str, Term]) -> None:
        """A relation is written once and shown on both terms' pages, each time under a
        link to the other term, with the same note: a note that describes only one
        side ("負の側に小さな傾きを残した変種") reads, on the other page, as if it
        described the other term.  So the note names both (a label or an alias)."""
        if not rel.note:
            return
        text = normalise(markup.plain(rel.note))
        pair = (rel.source, rel.target)
        unnamed = [t for t, other in (pair, pair[::-1]) if not _names_itself(text, terms[t].names, terms[other].names)]
        if unnamed:
            note_at = (*at[:-1], "note")
            self.problems.append(
                doc.problem(
                    note_at,
                    f"{_field(note_at)}: the note does not name "
                    + " or ".join(f"'{terms[t].label_ja}'" for t in unnamed)
                    + "; expected a note that names both terms (a label or an alias): it is shown on both "
                    "terms' pages, each time under a link to the other",
                )
            )


def _names_itself(text: str, names, other_names) -> bool:
    """Whether normalised ``text`` names a term by one of ``names`` outside the other
    term's names: "PReLU" names PReLU, not ReLU, though "ReLU" is inside it (and
    "PReLU family", if ReLU had that alias, would name ReLU)."""
    names = [normalise(n) for n in names]
    hiding = [o for o in map(normalise, other_names) if any(name in o and name != o for name in names)]
    if any(name in text for name in names if any(o in name for o in hiding)):
        return True  # a name of this term that holds the other's
    for longer in sorted(hiding, key=len, reverse=True):
        text = text.replace(longer, "\0")
    return any(name in text for name in names)


def _field(path) -> str:
    return schema._field(path)


def _computed(doc: yamlsource.Document) -> list[Problem]:
    """Compute every {value} and check every {claim}; the text keeps what they show.

    A claim that does not hold is a problem at its field: the sentence and the
    values it was checked with, so the maintainer sees what the code says now."""
    problems = []
    fn = doc.data.get("function")
    names = claims.namespace(fn if fn in registry.ACTIVATIONS else None)
    for path, text in list(_text_fields(doc.data)):
        shown, last = [], 0
        for mark in markup.computed(text):
            shown.append(text[last : mark.start])
            last = mark.end
            try:
                value, used = claims.evaluate(mark.expression, names)
            except claims.ClaimError as err:
                problems.append(doc.problem(path, f"{_field(path)}: {err}"))
                shown.append(mark.sentence or mark.expression)
                continue
            if mark.sentence is None:
                shown.append(fmt(value) if isinstance(value, (int, float)) else str(value))
                continue
            if not value:
                detail = claims.Claim(False, mark.expression, used).detail
                problems.append(doc.problem(path, f"claim does not hold: {mark.sentence} ({detail})"))
            shown.append(mark.sentence)
        if last:
            _set(doc.data, path, "".join(shown) + text[last:])
    return problems


def _set(data, path: tuple, value) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _characters(doc: yamlsource.Document) -> list[Problem]:
    """Only visible text: no character that hides, reorders or breaks a line.

    Zero-width and bidirectional controls let "Re\u200bLU" or "\u202eULeR"
    pass for ReLU beside the real one; line separators (\r, U+2028, …) break
    out of the line a name is written on.  Multi-line fields keep their "\n"."""
    problems = []
    for path, text in _strings(doc.data):
        multiline = path[0] in _MULTILINE or path[-1] == "note"
        bad = next((ch for ch in text if _invisible(ch) and not (ch == "\n" and multiline)), None)
        if bad is not None:
            name = unicodedata.name(bad, "a control character")
            problems.append(doc.problem(path, f"{_field(path)}: U+{ord(bad):04X} ({name}) is not allowed; "
                                              "expected visible text (no control, line-separator, "
                                              "zero-width or bidirectional characters)"))  # fmt: skip
        elif not text.strip():
            problems.append(doc.problem(path, f"{_field(path)}: is blank; expected text"))
    return problems


def _math(doc: yamlsource.Document) -> list[Problem]:
    """Every formula must render as math, and only as math (render.mathml)."""
    formulas = [(path, part.latex) for path, text in _text_fields(doc.data)
                for part in markup.parse(text) if isinstance(part, markup.Math)]  # fmt: skip
    if "formula" in doc.data:
        formulas.append((("formula",), doc.data["formula"]))
    return [doc.problem(path, f"{_field(path)}: ${latex}$: {why}") for path, latex in formulas
            for why in mathml.problems(latex)]  # fmt: skip


def _read_one(shown: str, raw: bytes, schema_path: Path) -> tuple[yamlsource.Document | None, list[Problem]]:
    """One file on its own: read, checked against the schema, its text checked.
    The document is None when it cannot take part in the checks across files."""
    doc, problems = yamlsource.read(shown, raw)
    if doc is None:
        return None, problems
    found = schema.check(doc, schema_path)
    if found:
        return None, problems + found
    problems += _computed(doc)  # first: the checks below see the text as shown
    return doc, problems + _characters(doc) + _math(doc)


#: Fields written as paragraphs; every other string is one line.
_MULTILINE = ("definition", "summary", "formula")


def _invisible(ch: str) -> bool:
    """Controls, format characters (zero-width, bidi), line and paragraph separators,
    surrogates, private-use and unassigned code points."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def _strings(value, path=()):
    """(path, string) of every string in a document, keys excluded."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def _text_fields(data: dict):
    """(path, text) of every field that may hold {term} references and $math$."""
    for key in ("summary", "definition"):
        yield (key,), data[key]
    for i, alias in enumerate(data.get("aliases", [])):
        if isinstance(alias, dict) and alias.get("note"):
            yield ("aliases", i, "note"), alias["note"]
    for rtype, items in data.get("relations", {}).items():
        for i, item in enumerate(items):
            if isinstance(item, dict) and item.get("note"):
                yield ("relations", rtype, i, "note"), item["note"]


def load(directory: Path | str, *, display_base: Path | None = None, memo: dict | None = None) -> Result:
    """Read and check every ``*.yaml`` term file in ``directory``.

    ``memo`` (optional) keeps what each file gave on its own, by its shown path
    and its bytes: a file that has not changed is not read again (glossary.cache
    keeps it between builds).  The checks across files always run."""
    directory = Path(directory)
    base = display_base or Path.cwd()
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    problems: list[Problem] = []
    schema_path = directory / schema.SCHEMA_NAME
    if not directory.is_dir():
        return Result(None, [Problem(_display(directory, base), 1, 1, "glossary directory not found")])
    if not schema_path.is_file():
        return Result(
            None,
            [
                Problem(
                    _display(schema_path, base), 1, 1, "the term schema is missing; expected it next to the term files"
                )
            ],
        )
    docs = []
    schema_bytes = schema_path.read_bytes()
    for path in files:
        shown = _display(path, base)
        raw = path.read_bytes()
        key = (shown, hashlib.sha256(schema_bytes + b"\0" + raw).hexdigest())
        if memo is None or key not in memo:
            result = _read_one(shown, raw, schema_path)
            if memo is not None:
                memo[key] = result
        doc, found = memo[key] if memo is not None else result
        problems += found
        if doc is not None:
            docs.append(doc)
    bib = directory / BIB_NAME
    bib_keys, bib_problems = _bib_keys(bib, _display(bib, base))
    problems += bib_problems
    checker = _Checker(docs, bib_keys, bib_checked=bib.is_file() and not bib_problems)
    terms, relations = checker.run()
    problems += checker.problems
    if not files:
        problems.append(Problem(_display(directory, base), 1, 1, "no term files (*.yaml) found"))
    if problems:
        return Result(None, sorted(set(problems)))
    return Result(Glossary(terms, relations), [])

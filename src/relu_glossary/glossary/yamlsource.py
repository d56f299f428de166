"""Read one YAML file into plain data plus the line/column of every value.

Glossary files are data written by people, so this reader is strict where plain
YAML loaders are lenient or dangerous: it rejects duplicate keys (which PyYAML
silently overwrites), tabs in indentation, anchors and aliases (no
entity-expansion bombs), and any explicit tag (``!!python/...`` is never
constructed, let alone executed).  Only the scalar values are constructed, with
PyYAML's safe constructor.  YAML 1.1 rules apply, as in PyYAML: an unquoted
``no`` is the boolean false, and the schema check then says so.

Nesting is refused past ``MAX_DEPTH`` while the events stream in, before any
node is composed: libyaml's scanner does work proportional to the depth for
every token (100,000 levels took two minutes) and the composer recurses (the C
stack overflowed: a segmentation fault), so deep input must never reach either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from relu_glossary.glossary.problems import Problem

# libyaml parses about ten times faster than the pure-Python parser and reports
# the same marks; every build reads every file, so use it where PyYAML has it.
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The implicit tags YAML resolves plain scalars to; any other tag was written
# explicitly by the author and is refused.
_PLAIN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

#: A term nests four levels at most (relations → type → list → item); far more
#: than that is a mistake, and every reader stays far from Python's recursion limit.
MAX_DEPTH = 32

Path_ = tuple  # a path into the data: ("relations", "antonym", 0, "target")


@dataclass
class Document:
    """The data of one file, and where each value and key was written."""

    path: str
    data: Any
    value_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of ``path``, or of its nearest written ancestor."""
        table = self.key_pos if key else self.value_pos
        path = tuple(path)
        while path not in table and path:
            path = path[:-1]
        return table.get(path, self.value_pos.get((), (1, 1)))

    def problem(self, path: Path_, message: str, key: bool = False) -> Problem:
        line, column = self.position(path, key)
        return Problem(self.path, line, column, message)


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark is harmless
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                path,
                line,
                column,
                f"byte 0x{raw[err.start]:02x} is not valid UTF-8; expected the file to be saved as UTF-8",
            )
        ]


def _tabs_in_indentation(path: str, text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    path, number, indent.index("\t") + 1, "tab character in indentation; YAML indents with spaces only"
                )
            )
    return problems


def _refused_events(path: str, text: str) -> list[Problem]:
    """Anchors, aliases and tags, and nesting past MAX_DEPTH (which ends the
    reading at once: the parser is lazy, so the rest of the text is never scanned)."""
    problems = []
    depth = 0
    for event in yaml.parse(text, Loader=_PARSER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(
                    Problem(
                        path,
                        *_pos(event.start_mark),
                        f"lists and mappings nested deeper than {MAX_DEPTH} levels; expected a term's few levels "
                        "(relations → type → list → item is the deepest)",
                    )
                )
                return problems
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                Problem(
                    path,
                    *_pos(event.start_mark),
                    f"alias '*{event.anchor}' is not allowed; write the value out "
                    "(glossary files use no anchors or aliases)",
                )
            )
        elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            problems.append(
                Problem(
                    path,
                    *_pos(event.start_mark),
                    f"anchor '&{event.anchor}' is not allowed; glossary files use no anchors or aliases",
                )
            )
        tagged = isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag
        if tagged and event.tag not in ("!", *_PLAIN_TAGS):
            problems.append(
                Problem(
                    path,
                    *_pos(event.start_mark),
                    f"tag '{event.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed; glossary files hold "
                    "plain strings, lists and mappings",
                )
            )
    return problems


class _Builder:
    """Turn composed nodes into Python data, recording positions."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def build(self, node, path: Path_ = ()) -> Any:
        self.doc.value_pos.setdefault(path, _pos(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._constructor.construct_object(node, deep=True)

    def _mapping(self, node, path):
        result: dict[str, Any] = {}
        seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            key_at = _pos(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.doc.path, *key_at, "a key must be a plain name"))
                continue
            key = str(key_node.value)
            if key in seen:
                line, _ = seen[key]
                self.problems.append(
                    Problem(
                        self.doc.path,
                        *key_at,
                        f"duplicate key '{key}' (first written on line {line}); expected each key once",
                    )
                )
                continue
            seen[key] = key_at
            self.doc.key_pos[path + (key,)] = key_at
            result[key] = self.build(value_node, path + (key,))
        return result


def read(path: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse ``raw`` (the bytes of ``path``); return the document or the problems."""
    text, problems = _decode(path, raw)
    if text is None:
        return None, problems
    problems = _tabs_in_indentation(path, text)
    if problems:
        return None, problems
    try:
        problems = _refused_events(path, text)
        if problems:
            return None, problems
        root = yaml.compose(text, Loader=_PARSER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        detail = " ".join(part for part in (err.context, err.problem) if part)
        return None, [Problem(path, line, column, f"YAML syntax error: {detail}")]
    except yaml.YAMLError as err:
        return None, [Problem(path, 1, 1, f"YAML error: {err}")]
    if root is None:
        return None, [
            Problem(path, 1, 1, "the file is empty; expected a mapping of term fields (id, label, summary, ...)")
        ]
    doc = Document(path, None)
    builder = _Builder(doc)
    doc.data = builder.build(root)
    return (None if builder.problems else doc), builder.problems

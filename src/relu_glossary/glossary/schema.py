"""Check one document against ``glossary/term.schema.json``, in a maintainer's words.

The schema is the single source of the field rules (the YAML language server
reads the same file); this module only turns jsonschema's errors into messages
that name the field, what was found and what was expected.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema

from relu_glossary.glossary.problems import Problem, did_you_mean
from relu_glossary.glossary.yamlsource import Document

SCHEMA_NAME = "term.schema.json"


@lru_cache(maxsize=4)
def validator_for(schema_path: Path) -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _field(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _type_name(value) -> str:
    if value is None:
        return "nothing (null)"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


def _expected(schema: dict) -> str:
    return schema.get("description", "")


def _leaf(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For oneOf, the error of the branch whose type matches what was written."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        want = "object" if isinstance(error.instance, dict) else "string"
        for sub in error.context:
            branch = error.validator_value[sub.relative_schema_path[0]]
            resolved_type = branch.get("type") or ("string" if "$ref" in branch else None)
            if resolved_type == want:
                return _leaf(sub)
    return error


def _message(error: jsonschema.ValidationError, doc: Document) -> Problem:
    error = _leaf(error)
    path = tuple(error.absolute_path)
    name = _field(path)
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        props = error.schema.get("properties", {})
        parts = [
            f"missing required field '{k}'" + (f" ({_expected(props[k])})" if _expected(props.get(k, {})) else "")
            for k in missing
        ]
        where = f" in {name}" if path else ""
        return doc.problem(path, "; ".join(parts) + where)
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        key = extra[0]
        return doc.problem(
            path + (key,),
            f"unknown field '{key}'{' in ' + name if path else ''}; "
            f"expected one of: {', '.join(allowed)}{did_you_mean(key, allowed)}",
            key=True,
        )
    if kind in ("type", "oneOf"):
        expected = error.schema.get("type") if kind == "type" else "a string or a mapping"
        names = {"string": "a string", "object": "a mapping", "array": "a list", "number": "a number"}
        if isinstance(expected, list):  # ["number", "string"]: a parameter's value
            expected = " or ".join(names.get(e, e) for e in expected)
        else:
            expected = names.get(expected, expected)
        msg = f"{name}: expected {expected}, got {_type_name(value)}"
        if isinstance(value, bool) and expected == "a string":
            msg += "; YAML reads unquoted yes/no/on/off/true/false as booleans — put the text in quotes"
        elif value is None:
            msg += "; the field is empty — write a value or remove the field"
        return doc.problem(path, msg)
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        return doc.problem(path, f"{name}: {value!r} is not one of {', '.join(options)}{did_you_mean(value, options)}")
    if kind == "pattern":
        hints = {
            "id": "lowercase ASCII letters, digits and single hyphens, e.g. 'leaky-relu'",
            "reading": "hiragana or katakana only, e.g. 'れる'",
        }
        hint = hints.get(path[-1] if path else "", "")
        if not hint:
            hint = "no backquote, angle bracket or line break (names are used inside link syntax)"
        return doc.problem(path, f"{name}: {value!r} is not allowed; expected {hint}")
    if kind == "minLength":
        return doc.problem(path, f"{name}: is an empty string; expected text")
    if kind == "maxLength":
        return doc.problem(
            path,
            f"{name}: is {len(value)} characters long; expected at most "
            f"{error.validator_value} (it is shown in lists and tooltips)",
        )
    return doc.problem(path, f"{name}: {error.message}")


def check(doc: Document, schema_path: Path) -> list[Problem]:
    validator = validator_for(schema_path)
    if not isinstance(doc.data, dict):
        return [doc.problem((), f"expected a mapping of term fields (id, label, ...), got {_type_name(doc.data)}")]
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
    return [_message(e, doc) for e in errors]

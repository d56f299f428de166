"""The loaded glossary and its rendered pages, kept between builds.

Reading and checking 1,000 term files takes seconds (YAML with positions, the
JSON schema, every formula through the MathML converter), and rendering their
pages about one more: a build that changed nothing must not pay that.  Both are
kept in a folder (the build's doctree folder) under a key made of the bytes of
every input: the term files, the schema and the bibliography, and the code that
reads and renders them.  When one term file changed, only that file is read
again (``load``'s memo); the checks across files run again.

Plain Python, no Sphinx.  A missing or unreadable cache is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from relu_glossary.files import keep, read_kept
from relu_glossary.glossary.load import BIB_NAME, Result, load
from relu_glossary.glossary.schema import SCHEMA_NAME

_PACKAGE = Path(__file__).resolve().parents[1]
#: The code whose output is kept: the glossary package, and the numeric core that
#: computes the {value}s and checks the {claim}s in the term files (every module
#: but the Sphinx glue, which reads nothing that is kept here).
_CODE = sorted(p for p in _PACKAGE.rglob("*.py") if "sphinxext" not in p.relative_to(_PACKAGE).parts)
_VERSION = 1  # of the cache files' layout


def _code_digest() -> bytes:
    digest = hashlib.sha256(str(_VERSION).encode())
    for dist in ("pyyaml", "jsonschema", "latex2mathml", "pybtex"):
        try:
            digest.update(f"{dist} {metadata.version(dist)}\0".encode())
        except metadata.PackageNotFoundError:
            pass
    for path in _CODE:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def input_key(directory: Path, display_base: Path | None, code: bytes) -> str:
    """A digest of everything ``load`` reads, and of the code that reads it (``code``)."""
    digest = hashlib.sha256(code)
    digest.update(f"{directory.resolve()}\0{display_base}\0".encode())
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    for path in [*files, directory / SCHEMA_NAME, directory / BIB_NAME]:
        data = path.read_bytes() if path.is_file() else b"(none)"
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def load_cached(directory: Path, cache_dir: Path, *, display_base: Path | None = None) -> tuple[Result, str]:
    """``load(directory)``, from ``cache_dir`` when no input changed; and the key."""
    directory, cache_dir = Path(directory), Path(cache_dir)
    code = _code_digest()  # read once: it hashes every module of the package
    key = input_key(directory, display_base, code)
    kept = read_kept(cache_dir / "glossary.pickle", key)
    if kept is not None:
        return kept, key
    # Each file's own result is kept under the code that made it: when the code
    # changed, every file is read again (its claims may no longer hold).
    memo = read_kept(cache_dir / "files.pickle", code)
    used: dict = {}
    result = load(directory, display_base=display_base, memo=_Recording(memo if isinstance(memo, dict) else {}, used))
    keep(cache_dir / "files.pickle", code, used)  # only this build's files: removed ones go
    keep(cache_dir / "glossary.pickle", key, result)
    return result, key


class _Recording(dict):
    """A memo that also notes every entry this load used."""

    def __init__(self, known: dict, used: dict):
        super().__init__(known)
        self.used = used

    def __getitem__(self, key):
        value = super().__getitem__(key)
        self.used[key] = value
        return value

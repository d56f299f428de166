"""Writing generated files so that an unchanged one keeps its mtime."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` only when it differs (atomically); return whether
    it was written.  Sphinx and browsers compare mtimes: an untouched file makes
    no rebuild and no download."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True


def cached_text(path: Path, key: str, make: Callable[[], str]) -> str:
    """``make()``, kept at ``path`` with the ``key`` it was made for (in ``*.key``
    beside it): made again only when the key differs.  For work a no-op build
    should not repeat."""
    stamp = path.with_name(path.name + ".key")
    if path.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return path.read_text(encoding="utf-8")
    text = make()
    write_if_changed(path, text)
    stamp.write_text(key, encoding="utf-8")
    return text

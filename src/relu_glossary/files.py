"""Writing generated files so that an unchanged one keeps its mtime, and keeping
what a build made for the next one under the key it was made for."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path


def _temporary(path: Path) -> Path:
    """Where ``path`` is written before it replaces the file: a name of this process's
    own, as parallel readers may write the same file at once (two terms with one plot)."""
    return path.with_name(f"{path.name}.{os.getpid()}.tmp")


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` only when it differs (atomically); return whether
    it was written.  Sphinx and browsers compare mtimes: an untouched file makes
    no rebuild and no download."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path)
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True


def relative_files(root: Path) -> Iterator[tuple[str, str]]:
    """Every file below ``root``: its path relative to ``root`` (POSIX) and its full
    path, as strings (at 1,000 terms a site has 1,200 files: ``Path`` objects for
    each cost more than the walk)."""
    for folder, _dirs, names in os.walk(root):
        below = Path(folder).relative_to(root).as_posix()
        prefix = "" if below == "." else below + "/"
        for name in names:
            yield prefix + name, os.path.join(folder, name)


def stamp(path: Path) -> tuple[int, int] | None:
    """A file's size and mtime (ns), or None when there is no file."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def write_all_if_changed(root: Path, texts: Callable[[], dict[str, str]], key: str, record: Path) -> list[str]:
    """Write ``texts()`` ({path relative to ``root``: text}), each file only when
    its text differs, and return the paths.  The files' stamps are kept at
    ``record`` under ``key`` (what ``texts`` was made from): while every file
    still has the stamp it had then, nothing is made, read or written.  (A no-op
    build at 1,000 terms read and compared its 1,000 generated pages: 70 ms.)"""
    kept = read_kept(record, (str(root), key))
    # (a file gone before its stamp was taken was kept as None: never "as left")
    if kept is not None and all(was is not None and stamp(root / rel) == was for rel, was in kept.items()):
        return list(kept)
    made = texts()
    for rel, text in made.items():
        write_if_changed(root / rel, text)
    keep(record, (str(root), key), {rel: stamp(root / rel) for rel in made})
    return list(made)


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


def read_kept(path: Path, key):
    """What ``keep(path, key, value)`` kept, or None when it is missing, unreadable
    or kept under another key (then it is made again, never trusted)."""
    try:
        with Path(path).open("rb") as f:
            kept = pickle.load(f)
    except Exception:  # missing, truncated or from another version
        return None
    return kept[1] if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key else None


def keep(path: Path, key, value) -> None:
    """Pickle ``value`` at ``path`` with the ``key`` it was made for (atomically)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path)
    with tmp.open("wb") as f:
        pickle.dump((key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def cached(path: Path, key, make: Callable[[], object]):
    """``make()``, kept at ``path`` with ``key``: made again when the key differs."""
    kept = read_kept(path, key)
    if kept is not None:
        return kept
    value = make()
    keep(path, key, value)
    return value


def not_a_real_folder_inside(root: Path, relative: str) -> str | None:
    """Why ``root/relative`` cannot hold generated files: a symbolic link on the
    way, or a place outside ``root`` (the build writes and deletes files there,
    and must never do so in a folder a link points at).  None when it can."""
    path = Path(root)
    for part in Path(relative).parts:
        path = path / part
        if path.is_symlink():
            return f"{path} is a symbolic link (to {path.readlink()}); expected a real folder"
        if path.exists() and not path.is_dir():
            return f"{path} is not a folder"
    if path.exists() and not path.resolve().is_relative_to(Path(root).resolve()):
        return f"{path} is outside {root}"
    return None

"""Which source files of this package a piece of Python code depends on.

Pages that run the package's code (notebooks, generated term pages) declare these
files as dependencies, so that editing ``src/`` makes exactly those pages rebuild:
jupyter-cache and Sphinx alone only notice changes to the page's own text.
Plain Python (ast + importlib); no Sphinx.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import re
from functools import cache
from pathlib import Path

PACKAGE = "relu_glossary"

_CODE_CELL = re.compile(r"^(`{3,}|~{3,})\{code-cell\}[^\n]*\n(.*?)^\1", re.S | re.M)


def code_cells(myst_text: str) -> list[str]:
    """The Python sources of the ``{code-cell}`` blocks of a MyST notebook,
    without their options (``:tags: ...`` lines or a ``---`` YAML block)."""
    return [_strip_options(m.group(2)) for m in _CODE_CELL.finditer(myst_text)]


def _strip_options(body: str) -> str:
    lines = body.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]
    while lines and (lines[0].startswith(":") or not lines[0].strip()):
        lines = lines[1:]
    return "\n".join(lines)


def _imported_modules(code: str) -> set[str]:
    # Notebook cells may hold IPython magics (%config ...): drop those lines.
    python = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    try:
        tree = ast.parse(python)
    except SyntaxError:
        return set()  # the kernel will report it, with the cell, when it runs
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # "from relu_glossary import activations" imports a submodule
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {m for m in found if m == PACKAGE or m.startswith(PACKAGE + ".")}


def _module_file(module: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None  # a name imported from a module, not a module
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    return Path(spec.origin)


@cache
def _closure(module: str) -> frozenset[Path]:
    """The files of ``module`` and of the package modules it imports, transitively
    (import cycles, as between a package and its submodules, are fine)."""
    files, todo, seen = set(), [module], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name)
        if path is not None:
            files.add(path)
            todo.extend(_imported_modules(path.read_text(encoding="utf-8")))
    return frozenset(files)


def source_files(code: str | list[str]) -> set[Path]:
    """Files of this package that ``code`` (one source or a list of cells)
    imports, directly or through each other."""
    files: set[Path] = set()
    for cell in [code] if isinstance(code, str) else code:
        for module in _imported_modules(cell):
            files |= _closure(module)
    return files


def extension_files(extension: str, run_by_pages: list[str]) -> set[Path]:
    """The package files the Sphinx ``extension`` module imports (directly or through
    each other), except those imported by ``run_by_pages``, the code its pages run:
    pages track that code themselves, file by file or function by function."""
    return set(_closure(extension)) - source_files(run_by_pages)


def package_stats() -> str:
    """Size and mtime of every module of the package: a few stat calls that tell
    whether any of them may have changed, before anything is parsed or hashed."""
    package = Path(__file__).parents[1]
    stats = ((path, path.stat()) for path in sorted(package.rglob("*.py")))
    return "\n".join(f"{path.relative_to(package)} {s.st_size} {s.st_mtime_ns}" for path, s in stats)


def files_digest(files: set[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def data_files(code: str | list[str], base: Path) -> set[Path]:
    """Existing files named by string literals in ``code`` (relative to ``base``,
    the directory a notebook runs in): the data a page reads."""
    found = set()
    for cell in [code] if isinstance(code, str) else code:
        found |= _named_files(cell, base)
    return found


def _named_files(code: str, base: Path) -> set[Path]:
    python = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    try:
        tree = ast.parse(python)
    except SyntaxError:
        return set()
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and 0 < len(node.value) < 200
            and "\n" not in node.value
        ):
            candidate = base / node.value
            if candidate.is_file():
                found.add(candidate.resolve())
    return found


# --- per-function fingerprints -------------------------------------------------
#
# activations.py holds every function, so a file-level dependency would rebuild
# every page when one function changes.  Instead a page records a fingerprint of
# the functions it uses (each with the private helpers and constants it
# references, transitively) plus the other modules it imports; the extension
# re-reads the page when that fingerprint changes.

ACTIVATIONS_MODULE = f"{PACKAGE}.activations"


def _top_level_sources(path: Path) -> tuple[dict[str, str], dict[str, set[str]], str]:
    """Per top-level name: its source and the top-level names it references;
    plus the code every function shares (imports, decorators' helpers)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    # Whole lines, decorators included (they change what a function computes).
    # Slicing one list of lines, not ast.get_source_segment, which re-splits
    # the file for every node: that alone cost 0.4 s of every no-op build.
    lines = source.splitlines(keepends=True)
    sources, refs, shared = {}, {}, []
    for node in tree.body:
        names = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        text = "".join(lines[first - 1 : node.end_lineno])
        if not names:
            if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
                shared.append(text)  # imports and the like; docstrings change no result
            continue
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        used |= {d.id for d in getattr(node, "decorator_list", []) if isinstance(d, ast.Name)}
        for name in names:
            sources[name] = text
            refs[name] = used
    return sources, refs, "\n".join(shared)


@cache
def function_fingerprints() -> dict[str, str]:
    """``name -> sha256`` of each public activation function's own code."""
    path = _module_file(ACTIVATIONS_MODULE)
    sources, refs, shared = _top_level_sources(path)

    def closure(name: str, seen: set[str]) -> set[str]:
        if name in seen or name not in sources:
            return seen
        seen.add(name)
        for used in refs[name]:
            closure(used, seen)
        return seen

    prints = {}
    for name in sources:
        if name.startswith("_"):
            continue
        h = hashlib.sha256(shared.encode())
        for part in sorted(closure(name, set())):
            h.update(sources[part].encode())
        prints[name] = h.hexdigest()
    return prints


def fingerprint(code: str | list[str], activation_names: set[str]) -> str:
    """Fingerprint of the code a page runs: every package module it imports except
    activations.py (whole files), plus the activation functions it names (and
    their derivatives), function by function."""
    h = hashlib.sha256(_files_fingerprint(tuple([code] if isinstance(code, str) else code)).encode())
    prints = function_fingerprints()
    for name in sorted(activation_names):
        for fn in (name, f"{name}_grad"):
            h.update(f"{fn}:{prints.get(fn, '')}".encode())
    return h.hexdigest()


@cache
def _files_fingerprint(cells: tuple[str, ...]) -> str:
    """The files part of :func:`fingerprint`, once per code in a process (like
    :func:`function_fingerprints`): every function term page runs the same code,
    and hashing its files again for each of them made a no-op build of 1,000
    terms re-read a thousand files."""
    activations_file = _module_file(ACTIVATIONS_MODULE)
    h = hashlib.sha256()
    for path in sorted(source_files(list(cells))):
        if path != activations_file:
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def names_in(code: str | list[str]) -> set[str]:
    """Identifiers, attribute names and short string literals in ``code``: the
    names it may use an activation by (``relu(x)``, ``get("relu")``)."""
    found: set[str] = set()
    for cell in [code] if isinstance(code, str) else code:
        python = "\n".join(line for line in cell.splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(python)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                found.add(node.id)
            elif isinstance(node, ast.Attribute):
                found.add(node.attr)
            elif isinstance(node, ast.alias):
                found.add(node.asname or node.name.split(".")[-1])
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 40:
                found.add(node.value)
    return {n.removesuffix("_grad") for n in found}


def activations_used(code: str | list[str], registered) -> set[str]:
    """The registered activations ``code`` may run: those it names, or every one
    when it reads the registry itself (``for name, spec in ACTIVATIONS.items()``),
    whose page then changes with any of them."""
    names = names_in(code)
    return set(registered) if "ACTIVATIONS" in names else names & set(registered)

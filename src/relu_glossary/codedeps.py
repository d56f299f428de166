"""Which source files of this package a piece of Python code depends on.

Pages that run the package's code (notebooks, generated term pages) declare these
files as dependencies, so that editing ``src/`` makes exactly those pages rebuild:
jupyter-cache and Sphinx alone only notice changes to the page's own text.
Plain Python (ast + importlib); no Sphinx.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from functools import lru_cache
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
        lines = lines[end + 1:]
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


@lru_cache(maxsize=None)
def _closure(module: str) -> frozenset[Path]:
    path = _module_file(module)
    if path is None:
        return frozenset()
    files = {path}
    for dep in _imported_modules(path.read_text(encoding="utf-8")):
        if dep != module:
            files |= _closure(dep)
    return frozenset(files)


def source_files(code: str | list[str]) -> set[Path]:
    """Files of this package that ``code`` (one source or a list of cells)
    imports, directly or through each other."""
    files: set[Path] = set()
    for cell in [code] if isinstance(code, str) else code:
        for module in _imported_modules(cell):
            files |= _closure(module)
    return files


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
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and 0 < len(node.value) < 200 \
                and "\n" not in node.value:
            candidate = (base / node.value)
            if candidate.is_file():
                found.add(candidate.resolve())
    return found

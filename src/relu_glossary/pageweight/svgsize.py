"""The size an SVG file asks to be drawn at, in CSS pixels.

Pages give their SVG plots ``width`` and ``height`` attributes from it, so the
browser reserves the plot's box before the file arrives and the text below does
not jump when it does (Lighthouse counted that jump as layout shift on phones).
"""

from __future__ import annotations

import re
from pathlib import Path

# CSS pixels per unit (CSS Values 3: 1in = 96px = 72pt)
_UNITS = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}
_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_LENGTH = r'\s{name}\s*=\s*["\']\s*([0-9.]+)\s*([a-z]*)\s*["\']'


def svg_size(text: str) -> tuple[int, int] | None:
    """``(width, height)`` of the root ``<svg>`` element, rounded to whole pixels;
    ``None`` when it has no absolute width and height (e.g. ``100%``, or none)."""
    root = _ROOT.search(text)
    if not root:
        return None
    size = []
    for name in ("width", "height"):
        match = re.search(_LENGTH.format(name=name), root.group(0))
        if not match or match.group(2) not in _UNITS:
            return None
        size.append(round(float(match.group(1)) * _UNITS[match.group(2)]))
    return (size[0], size[1]) if all(size) else None


def svg_file_size(path: Path) -> tuple[int, int] | None:
    """:func:`svg_size` of a file, reading only its head (the root element is near the top)."""
    with path.open(encoding="utf-8", errors="replace") as file:
        return svg_size(file.read(4096))

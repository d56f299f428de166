"""A problem found in the glossary, located as ``path:line:column``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: error: {self.message}"


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` for the closest candidate, or ``""``."""
    close = difflib.get_close_matches(str(name), list(candidates), n=1, cutoff=0.6)
    return f" — did you mean {close[0]!r}?" if close else ""

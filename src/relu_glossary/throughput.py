"""Load the committed activation throughput figures for the comparison page.

The build never times anything (timings would make pages differ between
builds).  `make bench` measures (tools/throughput.py) and writes a JSON file
that is committed with the machine and date it was measured on; the comparison
notebook reads it with :func:`load`.
"""

from __future__ import annotations

import json
from pathlib import Path

DATA_FILE = Path("docs/_data/throughput.json")


def load(path: Path | str = DATA_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))

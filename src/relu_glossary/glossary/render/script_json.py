"""JSON to write inside an HTML ``<script>`` element (JSON-LD, previews, explorer data).

A script element ends at the first ``</script`` in it, and ``<!--`` changes how
the rest is parsed, whatever the JSON means.  Every ``<`` is written as
``\\u003c``: the text cannot end or bend the element, and ``JSON.parse`` reads
the same data.
"""

from __future__ import annotations

import json


def script_json(data, **dumps) -> str:
    """``json.dumps(data, **dumps)`` (not ASCII-escaped) with every "<" escaped."""
    return json.dumps(data, ensure_ascii=False, **dumps).replace("<", "\\u003c")

"""A MyST notebook's claims: prose that interprets a computed value, checked at build.

````md
```{claim} relu_kept
ReLU では比が {eval}`ratio_shown` で、ほぼ 1 のまま保たれます。
```
````

``relu_kept`` is a variable of the notebook's kernel holding a
:class:`relu_glossary.claims.Claim` (``claim("0.5 < ratio < 2", ratio=ratio)``).
The block shows its sentence like any paragraph; when the claim does not hold,
the build warns (``-W`` makes it fail) with the sentence's file and line:
``path:line: claim does not hold: <the sentence> (<the values>)``.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from relu_glossary.sphinxext import typography

logger = logging.getLogger(__name__)

_VERDICT = re.compile(r"^'?(holds|does not hold): (.*?)'?$", re.S)


def _verdict(document, name: str) -> tuple[bool, str] | str:
    """(holds, detail) of the kernel's variable ``name``, or why it cannot be read."""
    from myst_nb.core.variables import RetrievalError
    from myst_nb.ext.eval import retrieve_eval_data

    try:
        outputs = retrieve_eval_data(document, name)
    except RetrievalError as err:
        return f"cannot read the claim {name!r}: {err}"
    text = "".join(str(o.data.get("text/plain", "")) for o in outputs).strip()
    match = _VERDICT.match(text)
    if match is None:
        return f"{name!r} is not a claim (relu_glossary.claims.claim); it is {text[:80]!r}"
    return match.group(1) == "holds", match.group(2)


def _as_shown(holder: nodes.Element, app) -> str:
    """The sentence as the page shows it.  An {eval} of an object with several formats
    (IPython's Markdown: text/plain "<IPython.core.display.Markdown object>" and
    text/markdown) holds one child per format until the builder picks one: pick it the
    same way here."""
    from myst_nb.core.render import get_mime_priority

    priority = get_mime_priority(app.builder.name, app.config.nb_mime_priority_overrides)
    shown = holder.deepcopy()
    for bundle in [n for n in shown.findall(nodes.container) if n.get("nb_element") == "mime_bundle"]:
        formats = [child["mime_type"] for child in bundle.children]
        best = next((formats.index(m) for m in priority if m in formats), None)
        bundle.children = [bundle.children[best]] if best is not None else []
    return typography.join(" ".join(shown.astext().split()))


class ClaimDirective(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        holder = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, holder)
        sentence = _as_shown(holder, self.env.app)
        verdict = _verdict(self.state.document, self.arguments[0])
        location = self.get_location()
        if isinstance(verdict, str):
            logger.warning(verdict, location=location, type="relu_glossary", subtype="claim")
        elif not verdict[0]:
            logger.warning("claim does not hold: %s (%s)", sentence, verdict[1],
                           location=location, type="relu_glossary", subtype="claim")  # fmt: skip
        return list(holder.children)


def setup(app) -> None:
    app.add_directive("claim", ClaimDirective)

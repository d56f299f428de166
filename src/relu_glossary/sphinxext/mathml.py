"""Render math to MathML at build time (``html_math_renderer = "mathml"``).

Sphinx's default loads MathJax from a CDN: a request to another host on every
page with a formula, and nothing shown offline.  MathML is rendered by the
browser itself and read by screen readers as math.  The conversion is
glossary.render.mathml's: escaped, checked, never markup.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging

from relu_glossary.glossary.render.mathml import problems, to_mathml

logger = logging.getLogger(__name__)


def _mathml(translator, node, latex: str, display: str) -> str:
    refused = problems(latex)
    if not refused:
        try:
            return to_mathml(latex, display=display)
        except Exception as err:  # latex2mathml raises many kinds on unsupported LaTeX
            refused = [str(err)]
    logger.warning("cannot render %r as MathML: %s", latex, "; ".join(refused),
                   location=node, type="relu_glossary", subtype="math")  # fmt: skip
    return f"<code>{translator.encode(latex)}</code>"


def _visit_inline(translator, node: nodes.math) -> None:
    translator.body.append(_mathml(translator, node, node.astext(), "inline"))
    raise nodes.SkipNode


def _visit_block(translator, node: nodes.math_block) -> None:
    body = _mathml(translator, node, node.astext(), "block")
    # tabindex: a wide formula scrolls sideways, and keyboard users must reach it too
    translator.body.append(f'<div class="math-display" role="group" tabindex="0">{body}</div>\n')
    raise nodes.SkipNode


def setup(app) -> None:
    app.add_html_math_renderer("mathml", (_visit_inline, None), (_visit_block, None))

"""SVG images get ``width`` and ``height`` attributes (see pageweight.svgsize).

Sphinx writes an SVG image's ``width``/``height`` as attributes when the node has
them; relu-glossary.css gives such images ``height: auto``, so they still shrink
with the column and keep their proportions.  Sphinx would also wrap a sized image
in a link to itself, as if it were a thumbnail; ``no-scaled-link`` prevents that.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from relu_glossary.pageweight.svgsize import svg_file_size


def _size_svg_images(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: size every SVG image that has no size of its own."""
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if not uri.lower().endswith(".svg") or "width" in image or "height" in image or "scale" in image:
            continue
        path = Path(uri) if Path(uri).is_absolute() else Path(app.srcdir) / uri
        size = svg_file_size(path) if path.is_file() else None
        if size:
            image["width"], image["height"] = (str(n) for n in size)
            # a sized image is not a thumbnail: no link to "the full-size" file
            image["classes"].append("no-scaled-link")


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", _size_svg_images)

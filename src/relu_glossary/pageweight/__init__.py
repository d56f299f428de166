"""Page weight: an optional Sphinx extension that makes every page lighter and
faster to paint, with the same look.  Add ``relu_glossary.pageweight`` to
``extensions`` after the content extension; leave it out and the site is the same
site, heavier.

* ``bundle``: one pruned stylesheet instead of the theme's nine (``cssprune``);
* ``icon_subset``: Font Awesome cut to the icons the site shows, and those drawn
  into the pages, so that nothing moves when a script would swap them in (``icons``);
* ``image_sizes``: SVG plots reserve their box before they load (``svgsize``);
* ``scripts``: scripts deferred, the tiny options script inlined.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from relu_glossary import __version__
from relu_glossary.pageweight import bundle, icon_subset, image_sizes, scripts


def setup(app: Sphinx) -> dict:
    icon_subset.setup(app)
    image_sizes.setup(app)
    scripts.setup(app)
    bundle.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

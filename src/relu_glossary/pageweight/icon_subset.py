"""``builder-inited``: the theme's Font Awesome script and webfont, cut to the site's icons,
and every page written with its icons drawn (see pageweight.icons).

Files in html_static_path are copied after the theme's, so the script and font
written here replace the theme's 1.5 MB script and 115 KiB font; the folder also
holds relu-icons.css, the rules of the icons drawn into the pages.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx

from relu_glossary.files import write_if_changed
from relu_glossary.pageweight import icons


def _write_icon_subset(app: Sphinx) -> None:
    import pydata_sphinx_theme

    generated = Path(app.doctreedir) / "relu_static"
    static = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static"
    script = static / "scripts" / "fontawesome.js"
    font = static / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
    css = static / "styles" / "pydata-sphinx-theme.css"
    if not (script.is_file() and font.is_file() and css.is_file()):
        return  # another theme: nothing to cut
    if str(generated) not in app.config.html_static_path:
        app.config.html_static_path.append(str(generated))
    targets = (
        generated / "scripts" / "fontawesome.js",
        generated / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2",
        _outlines_file(app),
    )
    # Subsetting takes a second: redo it only when the theme's files or the icon list change.
    stamp = generated.parent / "relu-icon-subset.source"  # outside the published static folder
    key = (
        " ".join(f"{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in (script, font, css))
        + " "
        + hashlib.sha256(Path(icons.__file__).read_bytes()).hexdigest()
    )
    if all(t.is_file() for t in targets) and stamp.is_file() and stamp.read_text() == key:
        return
    text = script.read_text(encoding="utf-8")
    outlines = icons.extract(text)
    write_if_changed(targets[0], icons.subset_script(outlines))
    write_if_changed(targets[2], json.dumps(outlines))
    points = icons.codepoints(text, css.read_text(encoding="utf-8"))
    targets[1].parent.mkdir(parents=True, exist_ok=True)
    targets[1].write_bytes(icons.subset_font(font.read_bytes(), points))
    stamp.write_text(key)


def _draw_icons_in_pages(app: Sphinx) -> None:
    """Pages are written with their icons as SVG.  Sphinx has no event for a page's
    rendered text, so the builder's template renderer is wrapped: every page goes
    through it once, just before it is written."""
    outlines = _outlines_file(app)
    if app.builder.name not in _WEB_PAGES or not _on_pydata_theme(app) or not outlines.is_file():
        return  # pages of another kind (e-book XHTML, …) or of a theme without these icons
    templates = app.builder.templates
    # read here, not from the theme's 1.5 MB script: 0.1 s less on every build
    drawn = {name: tuple(outline) for name, outline in json.loads(outlines.read_text(encoding="utf-8")).items()}
    render = templates.render

    def render_with_icons_drawn(template: str, context: dict) -> str:
        return icons.draw_icons(render(template, context), drawn)

    templates.render = render_with_icons_drawn
    write_if_changed(Path(app.doctreedir) / "relu_static" / ICONS_STYLESHEET, icons.ICONS_CSS)
    app.add_css_file(ICONS_STYLESHEET)


#: The builders whose pages are HTML for a browser (epub's XHTML would need xmlns on each SVG).
_WEB_PAGES = ("html", "dirhtml", "singlehtml")


def _on_pydata_theme(app: Sphinx) -> bool:
    """Whether the theme is pydata-sphinx-theme or built on it (sphinx-book-theme is),
    whose templates hold the icons and whose CSS styles them."""
    return any(Path(folder).name == "pydata_sphinx_theme" for folder in app.builder.theme.get_theme_dirs())


def _outlines_file(app: Sphinx) -> Path:
    """The icons' outlines as read from the theme's script, kept outside the
    published static folder."""
    return Path(app.doctreedir) / "relu-icon-outlines.json"


#: The rules the drawn icons need (Font Awesome's script injected them itself).
ICONS_STYLESHEET = "relu-icons.css"


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _write_icon_subset)
    app.connect("builder-inited", _draw_icons_in_pages)

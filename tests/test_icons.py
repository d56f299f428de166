"""The icon subset: the outlines and glyphs come from the theme's own Font Awesome."""

from __future__ import annotations

import io
from pathlib import Path

import pydata_sphinx_theme
from fontTools.ttLib import TTFont

from relu_glossary.pageweight import icons

STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static"


def test_every_icon_is_found_in_the_theme_script():
    data = icons.extract((STATIC / "scripts/fontawesome.js").read_text(encoding="utf-8"))
    assert set(data) == set(icons.ICONS)
    for width, height, path in data.values():
        assert 0 < width <= 640 and height == 512 and path.startswith("M")


def test_font_subset_keeps_exactly_the_needed_glyphs_and_is_small():
    script = (STATIC / "scripts/fontawesome.js").read_text(encoding="utf-8")
    css = (STATIC / "styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    points = icons.codepoints(script, css)
    assert 0xF0C9 in points  # bars, drawn by the script
    assert len(points) >= 20  # plus the theme's admonition/link icons
    original = (STATIC / "vendor/fontawesome/webfonts/fa-solid-900.woff2").read_bytes()
    subset = icons.subset_font(original, points)
    assert len(subset) < len(original) / 10
    cmap = TTFont(io.BytesIO(subset)).getBestCmap()
    assert set(cmap) == points & set(TTFont(io.BytesIO(original)).getBestCmap())


def test_the_subset_is_the_same_bytes_whenever_it_is_made(monkeypatch):
    """fontTools stamps a saved font with the time (or SOURCE_DATE_EPOCH): a build
    without it wrote a new font, and a new bundle checksum, every time."""
    original = (STATIC / "vendor/fontawesome/webfonts/fa-solid-900.woff2").read_bytes()
    made = []
    for epoch in ("0", "2000000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        made.append(icons.subset_font(original, {0xF0C9, 0xF00D}))
    assert made[0] == made[1]
    assert TTFont(io.BytesIO(made[0]))["head"].modified == TTFont(io.BytesIO(original))["head"].modified


DRAWN = {"sun": (512, 512, "M1 2z"), "angle-left": (256, 512, "M3 4z")}


def test_a_page_is_written_with_its_icons_drawn_as_the_script_would():
    html = (
        '<button><i class="theme-switch fa-solid fa-sun fa-lg" data-mode="light"'
        ' title="&quot;ライト&quot;"></i></button>'
        '<a><i class="fa-solid fa-angle-left"></i>前へ</a>'
    )
    assert icons.draw_icons(html, DRAWN) == (
        '<button><svg class="svg-inline--fa theme-switch fa-solid fa-sun fa-lg" data-mode="light"'
        ' title="&quot;ライト&quot;" viewBox="0 0 512 512" aria-hidden="true" focusable="false">'
        '<path fill="currentColor" d="M1 2z"></path></svg></button>'
        '<a><svg class="svg-inline--fa fa-solid fa-angle-left" viewBox="0 0 256 512" aria-hidden="true"'
        ' focusable="false"><path fill="currentColor" d="M3 4z"></path></svg>前へ</a>'
    )


def test_what_is_not_a_known_icon_is_left_as_it_is():
    html = (
        '<i class="fa-solid fa-rocket"></i>'  # not in the subset: the page keeps the <i>
        '<i class="fa-solid fa-sun">text</i>'  # not an empty icon element
        "<i>fa-sun</i>"  # prose in italics
        '<span class="fa-solid fa-sun"></span>'  # the theme's CSS draws spans from the font
    )
    assert icons.draw_icons(html, DRAWN) == html


def test_the_drawn_icons_are_sized_from_the_stylesheet_as_font_awesome_sizes_them():
    script = (STATIC / "scripts/fontawesome.js").read_text(encoding="utf-8")
    assert "width: var(--fa-width, 1.25em);" in script  # Font Awesome's own rule for an inline SVG
    assert "width: var(--fa-width, 1.25em);" in icons.ICONS_CSS
    assert "<style>" not in icons.subset_script(icons.extract(script))  # the rules are in the stylesheet from the start


def test_a_drawn_icon_has_one_of_each_attribute_the_drawing_sets():
    """An icon link's <i> carries its own aria-hidden; the script's setAttribute
    replaces it, and so does the drawing."""
    drawn = icons.draw_icons('<i class="fa-solid fa-sun" aria-hidden="true" title="t"></i>', DRAWN)
    assert drawn.count("aria-hidden=") == 1 and drawn.count("focusable=") == 1 and 'title="t"' in drawn

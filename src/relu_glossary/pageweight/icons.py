"""A subset of the theme's Font Awesome: only the icons the site shows, drawn in the page.

pydata-sphinx-theme loads all of Font Awesome as a 1.5 MB script (540 KiB
gzip, two thirds of every page's weight) to draw about a dozen icons, and a
115 KiB webfont for the icons its CSS draws.  This module reads the icon
outlines from that same script at build time.  Each page is written with the
SVGs the script would put in place of its ``<i class="fa-...">`` icons
(``draw_icons``), so the first paint shows the final icons: swapped in by the
script, they had another size than the font's and the header moved on every
first visit.  A small script with the same outlines still draws any icon a
script adds later, and the webfont is cut down to the characters the CSS can
show.  Plain Python; no Sphinx.
"""

from __future__ import annotations

import json
import re

#: Every icon the theme and the site use (a test checks the built pages use no other).
ICONS = (
    "magnifying-glass",
    "sun",
    "moon",
    "circle-half-stroke",
    "bars",
    "list",
    "chevron-down",
    "arrow-up",
    "angle-right",
    "angle-left",
    "outdent",
    "xmark",
    "copy",
    "check",
)


def codepoints(fontawesome_js: str, theme_css: str, names=ICONS) -> set[int]:
    """The Font Awesome characters the site can show: those of the icons it draws
    and those the theme's CSS puts in ``content`` (admonition, link and breadcrumb
    icons, declared as ``--pst-icon-*`` variables)."""
    points = set()
    for name in names:
        match = re.search(r'[{,]"?' + re.escape(name) + r'"?:\[\d+,\d+,\[[^\]]*\],"([0-9a-f]+)"', fontawesome_js)
        if match:
            points.add(int(match.group(1), 16))
    for value in re.findall(r'--pst-icon-[a-z-]+:"([^"]*)"', theme_css):
        points.update(ord(c) for c in value if ord(c) >= 0xE000)
    return points


def subset_font(woff2: bytes, points: set[int]) -> bytes:
    """The Font Awesome webfont cut down to ``points`` (fontTools; woff2 needs brotli)."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    # the theme's own date, not the build's: the same icons give the same bytes
    font = TTFont(io.BytesIO(woff2), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=False)
    return out.getvalue()


def extract(fontawesome_js: str, names=ICONS) -> dict[str, tuple[int, int, str]]:
    """``name -> (width, height, svg path)`` from Font Awesome's bundled script."""
    icons = {}
    for name in names:
        pattern = r'[{,]"?' + re.escape(name) + r'"?:\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]'
        match = re.search(pattern, fontawesome_js)
        if match is None:
            raise ValueError(f"icon {name!r} not found in the theme's Font Awesome")
        icons[name] = (int(match.group(1)), int(match.group(2)), match.group(3))
    return icons


#: An <i> icon of the theme's templates: its classes, then any other attributes.
_ICON_ELEMENT = re.compile(r'<i class="([^"]*\bfa-[^"]*)"([^>]*)></i>')
#: Attributes the drawing sets itself (an icon link's <i> has its own aria-hidden).
_SET_BY_THE_DRAWING = re.compile(r'\s(?:aria-hidden|focusable|viewBox)="[^"]*"')


def draw_icons(html: str, drawn: dict[str, tuple[int, int, str]]) -> str:
    """``html`` with each ``<i class="fa-... fa-NAME">`` of ``drawn`` replaced by the
    SVG the script makes of it (same classes, same attributes): what the reader
    sees once the script has run, there from the first paint."""

    def svg(match: re.Match) -> str:
        classes, attributes = match.groups()
        name = next((c[3:] for c in classes.split() if c.startswith("fa-") and c[3:] in drawn), None)
        if name is None:
            return match.group(0)
        width, height, path = drawn[name]
        attributes = _SET_BY_THE_DRAWING.sub("", attributes)  # as the script's setAttribute replaces them
        return (
            f'<svg class="svg-inline--fa {classes}"{attributes} viewBox="0 0 {width} {height}" aria-hidden="true"'
            f' focusable="false"><path fill="currentColor" d="{path}"></path></svg>'
        )

    return _ICON_ELEMENT.sub(svg, html)


SUBSET_JS = """/* Font Awesome icons used by this site, extracted at build time from the theme's
 * copy of Font Awesome Free (icons: CC BY 4.0, https://fontawesome.com/license/free).
 * The pages are written with their icons drawn; this draws those that scripts add:
 * it replaces <i class="fa-... fa-NAME"> with the inline SVG the full library would draw. */
(() => {
  "use strict";
  const icons = %s;
  const svgNS = "http://www.w3.org/2000/svg";
  function draw(root) {
    const found = root.querySelectorAll ? root.querySelectorAll("i[class*='fa-']") : [];
    for (const i of found) {
      const name = [...i.classList]
        .filter((c) => c.startsWith("fa-"))
        .map((c) => c.slice(3))
        .find((n) => Object.hasOwn(icons, n));
      if (!name) continue;
      const [w, h, d] = icons[name];
      const svg = document.createElementNS(svgNS, "svg");
      for (const attr of i.attributes) svg.setAttribute(attr.name, attr.value);  // data-mode, title, ...
      svg.setAttribute("class", "svg-inline--fa " + i.getAttribute("class"));
      svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      const path = document.createElementNS(svgNS, "path");
      path.setAttribute("fill", "currentColor");
      path.setAttribute("d", d);
      svg.appendChild(path);
      i.replaceWith(svg);
    }
  }
  const start = () => {
    draw(document);
    new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach((n) => draw(n))))
      .observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
"""

#: The rules Font Awesome's script injects itself, which the drawn icons need from
#: the first paint (a stylesheet of the site, see pageweight.icon_subset).
#: Every icon is 1.25em wide unless it says otherwise (--fa-width, which the theme's
#: CSS sets for .fa-fw), as in Font Awesome 7's own rule.
ICONS_CSS = """/* Font Awesome's rules for its inline SVG icons (see relu_glossary.pageweight.icons). */
svg.svg-inline--fa { display: inline-block; height: 1em; overflow: visible; vertical-align: -0.125em; box-sizing: content-box; width: var(--fa-width, 1.25em); }
svg.svg-inline--fa.fa-lg { font-size: 1.25em; line-height: 0.05em; vertical-align: -0.2em; }
"""


def subset_script(outlines: dict[str, tuple[int, int, str]]) -> str:
    """The script that draws the icons of ``outlines`` (:func:`extract`) that scripts add."""
    data = {k: list(v) for k, v in outlines.items()}
    return SUBSET_JS % json.dumps(data, separators=(",", ":"))

"""`make screenshots`: the main pages at desktop and mobile width, light and dark."""

from __future__ import annotations

import sys
from pathlib import Path

from tools.browser import FONTS_AND_IMAGES, chromium, goto, new_page, serve

PAGES = {
    "index": "index.html",
    "glossary": "glossary/index.html",
    "term-relu": "terms/relu.html",
    # the explorer in a shared state (the page opens scrolled to it)
    "explorer-leaky-relu": "terms/leaky-relu.html#x=-3&negative_slope=0.2&vs=elu",
    "explorer-gelu": "terms/gelu.html#x=-1.5&vs=silu",
    "relations": "glossary/relu-relations.html",
    "notebook-relu": "notebooks/relu.html",
    "notebook-comparison": "notebooks/comparison.html",
    "search": "search.html?q=勾配消失",
}
WIDTHS = {"desktop": 1280, "mobile": 390}


def main(site: str, out: str) -> None:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with serve(Path(site)) as base, chromium() as browser:
        for name, path in PAGES.items():
            for width_name, width in WIDTHS.items():
                for dark in (False, True):
                    page = new_page(browser, dark=dark, width=width)
                    goto(page, base + path)
                    _scroll_through(page)
                    page.evaluate(FONTS_AND_IMAGES)
                    file = out_dir / f"{name}-{width_name}-{'dark' if dark else 'light'}.png"
                    page.screenshot(path=str(file), full_page=True)
                    page.context.close()
                    print(file)


def _scroll_through(page) -> None:
    """Scroll to the end and back: what is drawn when it comes into view (the
    explorer's plots) is then in the full-page picture."""
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height, page.viewport_size["height"]):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(50)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(100)


if __name__ == "__main__":
    main(*sys.argv[1:3])

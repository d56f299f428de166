"""The size an SVG asks for (relu_glossary.svgsize), and the pages that use it."""

from __future__ import annotations

import re

import pytest

from relu_glossary.pageweight.svgsize import svg_size
from relu_glossary.plotting import figure_svg, function_figure


@pytest.mark.parametrize(
    "root, size",
    [
        ('<svg width="72pt" height="36pt" xmlns="http://www.w3.org/2000/svg">', (96, 48)),
        ("<svg height='20px' width='30px'>", (30, 20)),
        ('<svg width="1in" height="2.54cm">', (96, 96)),
        ('<svg width="300" height="150">', (300, 150)),
        ('<svg\n  width="10.4pt"\n  height="10pt">', (14, 13)),
    ],
)
def test_absolute_sizes_become_css_pixels(root, size):
    assert svg_size('<?xml version="1.0"?>\n' + root + "<g/></svg>") == size


@pytest.mark.parametrize(
    "root",
    [
        '<svg width="100%" height="50%">',  # relative: the page decides
        '<svg viewBox="0 0 10 10">',  # no size at all
        '<svg width="10em" height="2em">',  # depends on the font
        '<svg width="0" height="10">',
    ],
)
def test_sizes_the_page_must_decide_are_left_alone(root):
    assert svg_size(root + "</svg>") is None


def test_only_the_root_element_counts():
    nested = '<svg viewBox="0 0 1 1"><svg width="5pt" height="5pt"/></svg>'
    assert svg_size(nested) is None


def test_a_site_plot_asks_for_its_figure_size():
    figure = function_figure("relu")
    width, height = (inches * 96 for inches in figure.get_size_inches())
    assert svg_size(figure_svg(figure)) == (round(width), round(height))


def _svg_images(html: str) -> list[str]:
    return [tag for tag in re.findall(r"<img\b[^>]*>", html) if re.search(r'src="[^"]+\.svg"', tag)]


@pytest.mark.parametrize("page", ["terms/relu.html", "notebooks/relu.html", "notebooks/dying-relu.html"])
def test_site_plots_reserve_their_box_and_link_nowhere(site, page):
    html = (site / page).read_text(encoding="utf-8")
    images = _svg_images(html)
    assert images
    for tag in images:
        src = re.search(r'src="([^"]+)"', tag).group(1)
        width, height = (int(re.search(rf'\b{a}="(\d+)"', tag).group(1)) for a in ("width", "height"))
        assert (width, height) == svg_size((site / page).parent.joinpath(src).read_text(encoding="utf-8"))
    assert not re.search(r'<a [^>]*href="[^"]*\.svg"', html)  # not wrapped as thumbnails

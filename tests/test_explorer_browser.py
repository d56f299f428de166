"""The explorer in Chromium, on the built site: the values it shows against the Python
module, driven by the URL fragment and by the keyboard; accessibility, layout and weight."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from helpers import LAYOUT_SHIFTS, PHONE, layout_shift

from relu_glossary.examples import fmt
from relu_glossary.registry import ACTIVATIONS, get
from tools.browser import goto, new_page

LEAKY = "terms/leaky-relu.html"
SHARED = LEAKY + "#x=-3&negative_slope=0.2&vs=elu"
SCRIPTS = ("relu-activations.js", "relu-explorer.js")
BUDGET = 15 * 1024  # gzip bytes for all of the explorer's code


def visit(browser, url: str, **kwargs):
    page = new_page(browser, **kwargs)
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    goto(page, url)
    drawn(page)
    return page, errors, requests


def drawn(page) -> None:
    """Bring the explorer into view (its plots are drawn when it comes near) and wait for them."""
    page.locator("#relu-explorer").scroll_into_view_if_needed()
    page.wait_for_selector(".relu-explorer-plot path.main", state="attached", timeout=5000)


SHOWN = """keys => Object.fromEntries(keys.map((key) => {
    const found = document.querySelectorAll(`[data-relu-value="${key}"]`);
    if (found.length !== 1) throw new Error(`${found.length} elements show ${key}`);
    return [key, found[0].innerText];
}))"""


def shown(page) -> dict[str, str]:
    """The values as the page shows them, as visible text, in one round trip."""
    return page.evaluate(SHOWN, ["f", "grad", "vs", "vs-grad"])


def python(name, x, vs=None, **params) -> dict[str, str]:
    spec = get(name)
    values = {"f": fmt(spec(x, **params)), "grad": fmt(spec.grad(x, **params))}
    if vs:
        values |= {"vs": fmt(get(vs)(x)), "vs-grad": fmt(get(vs).grad(x))}
    return values


def test_a_shared_link_opens_in_its_state_with_pythons_values(browser, base):
    page, errors, _ = visit(browser, base + SHARED)
    assert shown(page) == python("leaky_relu", -3.0, "elu", negative_slope=0.2)
    assert shown(page)["f"] == "−0.6"
    assert page.locator('[data-relu-value="f"]').is_visible()
    assert [page.input_value(f"#relu-explorer-{k}") for k in ("x", "negative_slope", "vs")] == ["-3", "0.2", "elu"]
    # screen readers: the values are the text of a polite live region, named by the calls
    output = page.locator("output.relu-explorer-values")
    assert output.get_attribute("aria-live") == "polite"
    assert "leaky_relu(x) = −0.6" in output.inner_text()
    # and each plot's name says what it draws: the interval, the marked x, the dashed comparison
    assert page.locator('[data-relu-plot="f"]').get_attribute("aria-label") == (
        "leaky_relu(x) のグラフ。横軸は −6 から 6。x = −3 に印。破線は elu(x)"
    )
    # the shared state is in view
    assert page.locator("#relu-explorer").evaluate("e => e.getBoundingClientRect().top") < 900
    assert errors == []
    page.context.close()


def _focus_ring(page) -> bool:
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }""")


def _active(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_keyboard_drives_the_explorer_and_the_url_follows(browser, base):
    page, errors, _ = visit(browser, base + LEAKY)
    assert shown(page) == python("leaky_relu", -1.0) | {"vs": "", "vs-grad": ""}
    page.click("#relu-explorer-title")  # the start of sequential focus navigation
    page.keyboard.press("Tab")
    assert _active(page) == "relu-explorer-x-range" and _focus_ring(page)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert shown(page)["f"] == python("leaky_relu", -0.7)["f"]
    assert page.input_value("#relu-explorer-x") == "-0.7"
    page.wait_for_function("location.hash === '#x=-0.7&negative_slope=0.01'")

    page.keyboard.press("Tab")
    assert _active(page) == "relu-explorer-x" and _focus_ring(page)
    page.keyboard.press("Control+A")
    page.keyboard.type("-3")
    page.keyboard.press("Tab")
    assert _active(page) == "relu-explorer-negative_slope-range" and _focus_ring(page)
    page.keyboard.press("Home")
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    assert page.input_value("#relu-explorer-negative_slope") == "0.2"
    page.keyboard.press("Tab")
    assert _active(page) == "relu-explorer-vs" and _focus_ring(page)
    page.keyboard.type("E")  # the first option that starts with E: ELU（elu）
    assert page.input_value("#relu-explorer-vs") == "elu"
    assert shown(page) == python("leaky_relu", -3.0, "elu", negative_slope=0.2)
    page.wait_for_function("location.hash === '#x=-3&negative_slope=0.2&vs=elu'")
    assert errors == []
    page.context.close()


def _term_pages(site: Path) -> dict[str, str]:
    data = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    return {t["function"]: t["url"] for t in data["terms"] if t["function"]}


#: Visits each fragment in turn (the explorer redraws on ``hashchange``, before the
#: listener added here runs) and returns what the page shows for each: one round
#: trip per page rather than four per state.
VISIT_FRAGMENTS = (
    """async (fragments) => {
    const shown = """
    + SHOWN
    + """;
    const results = [];
    for (const fragment of fragments) {
        await new Promise((done, fail) => {
            window.addEventListener("hashchange", done, {once: true});
            setTimeout(() => fail(new Error(`no hashchange for ${fragment}`)), 5000);
            location.hash = fragment;
        });
        const field = document.querySelector("#relu-explorer-x");
        results.push({
            field: field.value,
            shown: shown(["f", "grad", "vs", "vs-grad"]),
            paths: [...document.querySelectorAll(".relu-explorer-plot path")].map((p) => p.getAttribute("d")),
        });
    }
    return results;
}"""
)


def test_every_function_page_computes_pythons_values_in_the_browser(browser, base, site):
    pages = _term_pages(site)
    assert set(pages) == set(ACTIVATIONS)
    page = new_page(browser)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    finite = (2.5, -0.3, 1e-7, -40.0, 1e308, -1.7976931348623157e308)
    unsayable = ("inf", "-inf", "nan")  # only a URL can say these; the number field stays empty
    for name, path in pages.items():
        spec = get(name)
        goto(page, base + path)
        drawn(page)
        assert shown(page)["f"] == fmt(spec(-1.0)), name
        # new states through the fragment: the port recomputes, the page shows Python's numbers
        vs = "silu" if name == "gelu" else "gelu"
        fragments = [f"#x={x!r}&vs={vs}" for x in finite] + [f"#x={x}" for x in unsayable]
        results = page.evaluate(VISIT_FRAGMENTS, fragments)
        for x, result in zip(finite, results[: len(finite)], strict=True):
            assert float(result["field"]) == x, (name, x, result["field"])
            assert result["shown"] == python(name, x, vs), (name, x)
            paths = result["paths"]
            assert len(paths) == 4 and all(d and "NaN" not in d and "Infinity" not in d for d in paths), (name, x)
        for x, result in zip(unsayable, results[len(finite) :], strict=True):
            assert result["field"] == "" and result["shown"]["f"] == fmt(spec(float(x))), (name, x)
    assert errors == []
    page.context.close()


def test_the_explorer_refuses_a_port_that_differs_from_the_registry(browser, base):
    """The page carries the registry's names and defaults; where the port's differ
    (a parameter renamed on one side only), the explorer does not pretend."""
    page = new_page(browser)

    def edited(route):
        html = route.fetch().text()
        html = html.replace(
            '"leaky_relu": {"parameters": {"negative_slope": 0.01}', '"leaky_relu": {"parameters": {"slope": 0.01}'
        )
        html = html.replace('"elu": {"parameters": {"alpha": 1.0}', '"elu": {"parameters": {"alpha": 2.0}')
        route.fulfill(body=html, content_type="text/html")

    page.route("**/leaky-relu.html", edited)
    goto(page, base + LEAKY)
    assert "ブラウザーでは計算できません" in page.inner_text("#relu-explorer-title")
    assert page.locator("#relu-explorer-x").is_disabled()
    page.unroute("**/leaky-relu.html")

    page.route(
        "**/terms/prelu.html",
        lambda route: route.fulfill(
            body=route.fetch()
            .text()
            .replace('"elu": {"parameters": {"alpha": 1.0}', '"elu": {"parameters": {"alpha": 2.0}'),
            content_type="text/html",
        ),
    )
    goto(page, base + "terms/prelu.html#vs=elu")
    assert page.locator("#relu-explorer-vs option[value=elu]").count() == 0  # dropped, not computed wrongly
    assert page.input_value("#relu-explorer-vs") == "" and page.locator("#relu-explorer-x").is_enabled()
    page.context.close()


def test_gelu_parameters_by_fragment(browser, base):
    page, errors, _ = visit(browser, base + "terms/gelu.html#x=-2.2&approximate=tanh&vs=silu")
    assert shown(page) == python("gelu", -2.2, "silu", approximate="tanh")
    assert page.input_value("#relu-explorer-approximate") == "tanh"
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("path", [SHARED, "terms/gelu.html#x=-1.5&vs=silu", "notebooks/smooth.html"])
def test_axe_reports_no_violations(browser, base, path, dark):
    from axe_playwright_python.sync_playwright import Axe

    page, _, _ = visit(browser, base + path, dark=dark)
    results = Axe().run(page, context={"include": [["#relu-explorer"]]})
    page.context.close()
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['html'][:120]})"
        for v in results.response["violations"]
    ]
    assert violations == []


def _contrast(a: str, b: str) -> float:
    def luminance(rgb: str) -> float:
        channels = [int(v) / 255 for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_curves_stand_out_from_the_plot_in_both_modes(browser, base, dark):
    """WCAG 1.4.11 (graphics, 3:1), which axe does not check in SVG."""
    page, _, _ = visit(browser, base + SHARED, dark=dark)
    colours = page.evaluate("""() => {
        const svg = document.querySelector('.relu-explorer-plot');
        const s = (sel, p) => getComputedStyle(svg.querySelector(sel))[p];
        return {bg: getComputedStyle(svg).backgroundColor, main: s('path.main', 'stroke'), vs: s('path.vs', 'stroke'),
                text: s('text.tick', 'fill')}; }""")
    page.context.close()
    for key in ("main", "vs"):
        assert _contrast(colours[key], colours["bg"]) >= 3, colours
    assert _contrast(colours["text"], colours["bg"]) >= 4.5, colours


@pytest.mark.parametrize("path", [LEAKY, SHARED, "notebooks/smooth.html"])
def test_nothing_moves_when_the_explorer_starts(browser, base, path):
    """On a phone, first visit: neither the script starting nor the plots being drawn
    when the explorer comes into view may move anything."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)
    goto(page, base + path)
    page.wait_for_timeout(800)  # what comes late (scripts) has arrived and settled
    drawn(page)
    page.wait_for_timeout(300)
    shifts = page.evaluate("window.__shifts")
    context.close()
    assert layout_shift(shifts) < 0.005, shifts


def test_without_javascript_the_static_plot_and_table_remain(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + SHARED)
    assert not page.locator("#relu-explorer").is_visible()
    assert page.locator("img.relu-plot").is_visible() and page.locator("table.relu-examples").is_visible()
    context.close()


def test_the_explorer_is_not_printed(browser, base):
    page, _, _ = visit(browser, base + SHARED)
    page.emulate_media(media="print")
    assert not page.locator("#relu-explorer").is_visible() and page.locator("img.relu-plot").is_visible()
    page.context.close()


def test_the_explorers_code_is_small_and_only_where_it_is_used(browser, base, site):
    from relu_glossary.sphinxext.explorer import page_style

    sizes = {
        name: len(gzip.compress((site / "_static" / name).read_bytes(), compresslevel=9, mtime=0)) for name in SCRIPTS
    } | {"styles": len(gzip.compress(page_style().encode(), compresslevel=9, mtime=0))}
    assert sum(sizes.values()) <= BUDGET, sizes
    _, _, requests = visit(browser, base + SHARED)
    assert all(any(name in url for url in requests) for name in SCRIPTS), requests
    for path in ("terms/sparsity.html", "index.html", "notebooks/comparison.html"):
        page = new_page(browser)
        loaded = []
        page.on("request", lambda r, loaded=loaded: loaded.append(r.url))
        goto(page, base + path)
        assert page.evaluate(
            "document.querySelectorAll('style').length === 0 || ![...document.querySelectorAll('style')]"
            ".some(s => s.textContent.includes('.relu-explorer'))"
        ), path
        page.context.close()
        assert not any(name in url for name in SCRIPTS for url in loaded), path

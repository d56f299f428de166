"""Pruning the theme's stylesheet: a rule stays when a page or script could match it."""

from __future__ import annotations

from relu_glossary.pageweight.cssprune import Vocabulary, prune

SITE = Vocabulary.of(
    [
        '<html><body><div class="card show-me" id="main"><p>text</p></div></body></html>',
        'el.classList.add("collapsing")',
    ]
)


def rules(css: str) -> list[str]:
    return [line for line in prune(css, SITE).splitlines() if line]


def test_a_rule_for_classes_on_the_pages_is_kept_and_one_for_absent_classes_is_dropped():
    assert rules(".card{color:red}.navbar{color:blue}") == [".card{color:red}"]


def test_classes_that_only_scripts_add_are_kept():
    assert rules(".collapsing{height:0}") == [".collapsing{height:0}"]


def test_only_the_usable_selectors_of_a_list_remain():
    assert rules(".card, .navbar p, div > p{margin:0}") == [".card,div > p{margin:0}"]


def test_ids_and_element_names_count_too_in_any_case():
    assert rules("#main{x:1}#sidebar{x:2}DIV p{x:3}table td{x:4}") == ["#main{x:1}", "DIV p{x:3}"]


def test_states_attributes_and_negations_are_assumed_to_match():
    css = (
        "html[data-theme=dark] .card{a:1}.card:hover{a:2}.card::before{a:3}div:not(.navbar){a:4}.card:is(.navbar){a:5}"
    )
    assert rules(css) == [
        "html[data-theme=dark] .card{a:1}",
        ".card:hover{a:2}",
        ".card::before{a:3}",
        "div:not(.navbar){a:4}",
        ".card:is(.navbar){a:5}",
    ]


def test_media_blocks_are_pruned_inside_and_dropped_when_empty():
    css = "@media (min-width: 960px){.card{a:1}.navbar{a:2}}@media print{.navbar{a:3}}"
    assert rules(css) == ["@media (min-width: 960px){.card{a:1}}"]


def test_fonts_keyframes_and_custom_properties_are_kept_whole():
    css = "@font-face{font-family:x;src:url(x.woff2)}@keyframes spin{to{transform:rotate(1turn)}}:root{--c:red}"
    assert rules(css) == [
        "@font-face{font-family:x;src:url(x.woff2)}",
        "@keyframes spin{to{transform:rotate(1turn)}}",
        ":root{--c:red}",
    ]


def test_classes_scripts_compose_from_parts_are_kept():
    assert rules(".bs-tooltip-top{a:1}.bs-other{a:2}") == [".bs-tooltip-top{a:1}"]


def test_the_words_selectors_need_prune_as_all_the_words_do():
    """The bundle keeps, for each page, only its words some selector names (cssprune.words_of)."""
    from relu_glossary.pageweight.cssprune import selector_names, words_of

    css = (
        "#main{x:1}#sidebar{x:2}DIV p{x:3}table td{x:4}.card:hover{a:2}div:not(.navbar){a:4}"
        "@media (min-width: 960px){.card{a:1}.navbar{a:2}}.collapsing{h:0}.bs-tooltip-top{a:1}"
    )
    texts = [
        '<html><body><DIV class="card show-me" id="main"><p>text</p></DIV></body></html>',
        'el.classList.add("collapsing")',
    ]
    names = selector_names(css)
    assert {"main", "sidebar", "DIV", "div", "card", "navbar", "collapsing"} <= names
    kept = set().union(*(words_of(text, names) for text in texts))
    assert kept <= names | {w for w in kept if w.lower() in names}
    assert prune(css, Vocabulary.of_words(kept)) == prune(css, Vocabulary.of(texts))

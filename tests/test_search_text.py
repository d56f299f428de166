"""The text of a page for the search's snippets (sphinxext.search_text): what the
browser's textContent reads of the article, without what the snippet leaves out.
(test_browser checks every page of the site against the browser itself.)"""

from __future__ import annotations

import pytest

from relu_glossary.sphinxext.search_text import page_text


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("<section><h1>ReLU</h1>\n<p>負の入力を 0 に</p></section>", "ReLU 負の入力を 0 に"),
        # a heading's link, and elements inside a left-out element, go with it
        ('<h2>定義<a class="headerlink" href="#id1" title="Link">#</a></h2>', "定義"),
        ('<div class="relu-explorer pst-js-only"><div><label>x</label><div>y</div></div></div>後', "後"),
        ('<div class="a onlyprint b"><p>印刷だけ</p></div><p>画面</p>', "画面"),
        # a class that only begins with a left-out one stays
        ('<div class="relu-explorer-data">残る</div>', "残る"),
        # scripts, styles and comments hold no text; void elements end nothing
        ('<p>a<script type="application/json">{"x": "<b>"}</script>b</p>', "ab"),
        ('<style>p{color:red}</style><!-- <p>no</p> --><p>c<br>d<img alt="e">f</p>', "cdf"),
        # references are read; runs of white space (a no-break space too, as the
        # script's \s reads it) are one space
        ("<p>x &lt; 0 &amp;&#160;y\n\n  &gt; 1</p>", "x < 0 & y > 1"),
        # an empty element inside a left-out one (MathML writes <mspace/>)
        ('<span class="onlyprint"><math><mspace width="1em"/><mi>x</mi></math></span>z', "z"),
        # text that reads as markup (a term's YAML) stays the text it is
        (
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; class=&quot;headerlink&quot; &lt;!-- x --&gt;</p>",
            '<script>alert(1)</script> class="headerlink" <!-- x -->',
        ),
        ('<img alt="a class=&quot;onlyprint&quot;">b', "b"),
        ("", ""),
    ],
)
def test_page_text(body, text):
    assert page_text(body) == text


def test_a_left_out_element_inside_one_of_its_kind_ends_at_its_own_end():
    body = '<div><div class="relu-explorer"><div><div>a</div></div>b</div>c</div><div>d</div>'
    assert page_text(body) == "cd"

"""The text of a page for the search's snippets (sphinxext.search_text): what the
browser's textContent reads of the article, without what the snippet leaves out.
(test_browser checks every page of the site against the browser itself.)"""

from __future__ import annotations

import pytest

from relu_glossary.sphinxext.search_text import TEXT_FOLDER, page_text, pages_without_text


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
        # ... and only those: a byte order mark is one, U+0085 is not (Python's \s differs)
        ("<p>a\ufeffb\u3000 c\x85d</p>", "a b c\x85d"),
        # quotes in text are text: MathML's <mtext> keeps them unescaped
        ('<math><mtext> class="onlyprint"</mtext></math> 後の説明', 'class="onlyprint" 後の説明'),
        # an empty element inside a left-out one (MathML writes <mspace/>)
        ('<span class="onlyprint"><math><mspace width="1em"/><mi>x</mi></math></span>z', "z"),
        # text that reads as markup (a term's YAML) stays the text it is
        (
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; class=&quot;headerlink&quot; &lt;!-- x --&gt;</p>",
            '<script>alert(1)</script> class="headerlink" <!-- x -->',
        ),
        ('<img alt="a class=&quot;onlyprint&quot;">b', "b"),
        # ... before any tag, too
        (' class="onlyprint">a', 'class="onlyprint">a'),
        ("", ""),
    ],
)
def test_page_text(body, text):
    assert page_text(body) == text


def test_a_left_out_element_inside_one_of_its_kind_ends_at_its_own_end():
    body = '<div><div class="relu-explorer"><div><div>a</div></div>b</div>c</div><div>d</div>'
    assert page_text(body) == "cd"


def test_the_pages_whose_text_is_missing_are_found(tmp_path):
    for name in ("index", "terms/relu", "terms/removed"):
        (tmp_path / TEXT_FOLDER / f"{name}.txt").parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / TEXT_FOLDER / f"{name}.txt").write_text("x")
    assert pages_without_text(tmp_path, {"index", "terms/relu", "terms/elu", "linking"}) == ["linking", "terms/elu"]
    assert pages_without_text(tmp_path / "nothing", {"index"}) == ["index"]

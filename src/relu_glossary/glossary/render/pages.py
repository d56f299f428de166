"""The generated reStructuredText pages: one per term, the three listings, ReLU's relations.

Plain Python: takes a Glossary, returns ``{relative path: text}``.  The Sphinx
extension writes these files (only when their text changed) and Sphinx reads
them like any other page.  Every piece of YAML text goes through
:mod:`.rst`, which escapes it.

The relations and the link snippets of a term page are left out of the search
index (Sphinx's ``no-search`` class): the index stays proportional to what
each page says of its own term.

Term pages are in no toctree (``:orphan:``): a reader reaches them from the
index, from the relations of other terms and from links in the text.  A
toctree listing every term put every term into the navigation every page
renders, so each page cost time and bytes in proportion to the glossary (a
1,000-term site took minutes to write).  Each term page names its neighbours in
reading order in a comment: the previous and next links (sphinxext.term_nav)
come from there, and a page is read again when they change.
"""

from __future__ import annotations

from collections import defaultdict

from relu_glossary.frameworks import display_rows
from relu_glossary.glossary import urls
from relu_glossary.glossary.kana import ROWS, kana_row
from relu_glossary.glossary.markup import plain
from relu_glossary.glossary.model import CATEGORIES, RELATION_TYPES, Glossary, Term
from relu_glossary.glossary.render.relation_map import svg as relation_map_svg
from relu_glossary.glossary.render.rst import escape, inline, paragraphs, title

#: The term whose relations get a page of their own, with the relation map.
RELATION_PAGE_TERM = "relu"

#: ASCII names of the rows, for anchors (docutils drops non-ASCII characters from ids).
_ROW_IDS = dict(zip(ROWS, ["a", "ka", "sa", "ta", "na", "ha", "ma", "ya", "ra", "wa", "other"], strict=True))


def reading_order(glossary: Glossary) -> list[str]:
    """Term ids in 五十音 order of their readings: the index's order, and the
    order the previous and next links of term pages follow."""
    return [t.id for t in sorted(glossary.terms.values(), key=Term.order_key)]


def neighbours_comment(prev: Term | None, next_: Term | None) -> str:
    """The comment a term page carries about its neighbours (see term_nav)."""
    parts = [f"{k} {t.id} {t.label_ja}" for k, t in (("prev", prev), ("next", next_)) if t is not None]
    return ".. relu-neighbours: " + " / ".join(parts) if parts else ".. relu-neighbours: none"


def _letter(t: Term) -> str:
    first = t.label_en[:1].upper()
    return first if first.isascii() and first.isalpha() else "#"


#: Lists this long are laid out by the browser only when scrolled near (relu-long-list
#: in relu-glossary.css): the listings of 1,000 terms and a hub's
#: relations open as fast as a short page.
LONG_LIST = 20


def _bullets(items: list[str]) -> list[str]:
    """A bullet list of reST items, marked as long when it is."""
    head = [".. rst-class:: relu-long-list", ""] if len(items) >= LONG_LIST else []
    return head + [f"- {item}" for item in items] + [""]


def _jump(targets: list[tuple[str, str]]) -> list[str]:
    """A line of links to the sections that follow (``(text, label)`` pairs)."""
    links = " · ".join(f":ref:`{escape(text)} <{label}>`" for text, label in targets)
    return [".. rst-class:: relu-jump", "", links, ""]


def _header(term_or_source: str) -> list[str]:
    return [
        f".. This page is generated from {term_or_source} by relu_glossary.sphinxext.",
        "   Edit the YAML file, not this one.",
        "",
    ]


class _Renderer:
    def __init__(self, glossary: Glossary, baseurl: str, inventory_name: str):
        self.g = glossary
        self.in_reading_order = [glossary.terms[term_id] for term_id in reading_order(glossary)]
        self.baseurl = baseurl
        self.inv = inventory_name

    def resolve(self, name: str) -> str:
        """The registered name a {term} reference links to (its term's Japanese label)."""
        term = self.g.find(name)
        return term.label_ja if term else name

    def link(self, term_id: str) -> str:
        t = self.g.terms[term_id]
        # "\ " on both sides: the role may touch Japanese text and brackets
        return f"\\ :term:`{t.label_ja} <{t.label_ja}>`\\ "

    def term_page(self, t: Term, prev: Term | None = None, next_: Term | None = None) -> str:
        """The lead first (summary, plot, worked examples, formulas), then the facts,
        the definition, what the code says, where the term appears, its relations."""
        lines = [":orphan:", f":og:description: {escape(plain(t.summary))}", ""] + _header(t.path)
        lines += [neighbours_comment(prev, next_), ""]
        lines += [".. role:: relu-badge", "", *title(t.label_ja, "=")]
        lines += [f".. relu-term:: {t.id}", "", ".. meta::", f"   :description: {escape(plain(t.summary))}", ""]
        lines += [".. rst-class:: relu-summary", "", inline(t.summary, self.resolve), ""]
        if t.function:
            lines += [f".. relu-plot:: {t.id}", "", f".. relu-formulas:: {t.id}", ""]
        lines += self.facts(t)
        lines += title("定義", "-")
        for para in paragraphs(t.definition, self.resolve):
            lines += [para, ""]
        if t.formula and not t.function:
            lines += title("式", "-")
            lines += [".. math::", ""] + [f"   {line}" for line in t.formula.splitlines()] + [""]
        if t.function:
            lines += title("試してみる", "-")
            lines += [f".. relu-explorer:: {t.function}", f"   :term: {t.id}", ""]
            lines += title("性質", "-")
            lines += [f".. relu-properties:: {t.id}", ""]
            lines += self.frameworks(t)
        lines += self.appears(t)
        lines += self.relations(t.id)
        if t.id == RELATION_PAGE_TERM:
            lines += [f"関係を図で見るには\\ :doc:`/{urls.RELATIONS_DOC}`\\ へ。", ""]
        if t.citations:
            lines += title("出典", "-")
            lines += [f"この用語の出典：\\ :footcite:`{','.join(t.citations)}`", "", ".. footbibliography::", ""]
        lines += self.link_box(t)
        return "\n".join(lines)

    def facts(self, t: Term) -> list[str]:
        """Names, reading, kind and code name, compactly; each alias once, with its note."""
        rows = [("英語", escape(t.label_en)), ("読み", escape(t.reading)), ("分類", escape(CATEGORIES[t.category]))]
        if t.function:
            rows.append(("コード", f"``relu_glossary.activations.{t.function}``"))
        lines = [".. rst-class:: relu-facts", ""]
        lines += [f":{name}: {value}" for name, value in rows]
        if t.aliases:
            lines.append(":別名:")
            for a in t.aliases:
                lines.append(f"   - **{escape(a.name)}**" + (f" — {inline(a.note, self.resolve)}" if a.note else ""))
        return lines + [""]

    def frameworks(self, t: Term) -> list[str]:
        """The same function in PyTorch, Keras and JAX (relu_glossary.frameworks, checked
        against the libraries by the tests), with where their defaults differ."""
        rows = display_rows(t.function)
        if not rows:
            return []
        lines = title("フレームワークでは", "-")
        lines += [
            ".. list-table::",
            "   :header-rows: 1",
            "   :class: relu-frameworks",
            "",
            "   * - フレームワーク",
            "     - 書き方（既定の引数）",
            "     - このサイトとの違い",
        ]
        for row in rows:
            code = f"``{row['code']}``" if row["code"] else "（なし）"
            parts = [escape(row["note"].rstrip("。")) if row["note"] else "同じ"]
            if row["same_as_site"]:
                # "\ " ends the literal before Japanese punctuation, which reST does not accept there
                parts.append(f"このサイトと同じにするには ``{row['same_as_site']}``\\ ")
            if not row["verified"]:
                parts.append("テストでは未確認")
            differs = "。".join(parts) + "。"
            lines += [f"   * - {escape(row['framework'])}", f"     - {code}", f"     - {differs}"]
        return lines + [""]

    def appears(self, t: Term) -> list[str]:
        """The readings that mention the term (found at build, relu-appears) and the
        terms whose text refers to it (from the glossary)."""
        referrers = self.g.referrers(t.id)
        # out of the search index, like the relations: other pages' titles and terms'
        # names, which their own pages hold (a hub's page listed a hundred of them)
        lines = [".. rst-class:: no-search", "", *title("この用語が出てくるところ", "-")]
        lines += [f".. relu-appears:: {t.id}", ""]
        if referrers:
            lines += ["この用語に触れている用語：" + "、".join(self.link(other) for other in referrers), ""]
        return lines

    def relations(self, term_id: str) -> list[str]:
        """Each related term once, with a badge for every kind of relation it holds
        and each relation's note."""
        grouped = self.g.links(term_id)
        by_other: dict[str, list] = {}
        for rtype in RELATION_TYPES:
            for link in grouped[rtype]:
                by_other.setdefault(link.other, []).append(link)
        if not by_other:
            return []
        # Left out of the search index (no-search): the relations repeat other terms'
        # summaries and notes, which their own pages hold, and made a hub's page
        # match every query about its neighbours.
        lines = [".. rst-class:: no-search", "", *title("関係する用語", "-")]
        order = sorted(by_other, key=lambda other: self.g.terms[other].order_key())
        if len(order) >= LONG_LIST:
            lines += [".. rst-class:: relu-long-list", ""]
        for other in order:
            links = by_other[other]
            badges = "".join(f"\\ :relu-badge:`{RELATION_TYPES[link.type]}`" for link in links)
            lines.append(f"- {self.link(other)}{badges}")
            notes = [(link, inline(link.note, self.resolve)) for link in links if link.note]
            if not notes:
                lines += ["", f"  {inline(self.g.terms[other].summary, self.resolve)}"]
            for link, note in notes:
                lines += ["", f"  - {RELATION_TYPES[link.type]}：{note}"]
            lines.append("")
        return lines

    def relation_groups(self, term_id: str) -> list[str]:
        """The relations page's lists: by kind, aliases as synonyms."""
        grouped = self.g.links(term_id)
        term = self.g.terms[term_id]
        lines = []
        for rtype, heading in RELATION_TYPES.items():
            items = []
            if rtype == "synonym":
                items += [
                    f"**{escape(a.name)}**" + (f" — {inline(a.note, self.resolve)}" if a.note else "")
                    for a in term.aliases
                ]
            for link in grouped[rtype]:
                other = self.g.terms[link.other]
                note = inline(link.note, self.resolve) if link.note else inline(other.summary, self.resolve)
                items.append(f"{self.link(link.other)} — {note}")
            if items:
                lines += title(heading, "-")
                lines += _bullets(items)
        return lines

    def link_box(self, t: Term) -> list[str]:
        # without the site's address the snippet shows the path to add to it
        url, html_caption = (
            (self.baseurl + urls.link(t.id), "HTML")
            if self.baseurl
            else (urls.link(t.id), "HTML（公開先の URL に続けるパス）")
        )
        name = t.label_ja
        # the snippets are the same on every page: not worth a place in the search index
        lines = [".. rst-class:: no-search", ""] + title("このページへのリンク", "-")
        lines += [
            "ほかの文書からこの用語を参照するときは、次のどれかをコピーしてください。"
            "Sphinx と MyST では、どの別名を書いても同じページに着きます。",
            "",
        ]
        for caption, lang, code in [
            ("Sphinx（reStructuredText、intersphinx）", "rst", f":external+{self.inv}:term:`{name}`"),
            ("MyST Markdown（intersphinx）", "md", f"{{external+{self.inv}:term}}`{name}`"),
            (html_caption, "html", f'<a href="{url}">{name}</a>'),
        ]:
            lines += [f".. code-block:: {lang}", f"   :caption: {escape(caption)}", "", f"   {code}", ""]
        return lines

    def _index_header(self, heading: str, doc: str) -> list[str]:
        """Title and the line that links the three listings to one another."""
        lines = _header("glossary/*.yaml") + title(heading, "=")
        others = [
            f":doc:`{name} </{other}>`"
            for name, other in (
                ("五十音順", urls.INDEX_DOC),
                ("アルファベット順", urls.ALPHABETICAL_DOC),
                ("分類別", urls.CATEGORIES_DOC),
            )
            if other != doc
        ]
        lines += [
            f"この用語集には {len(self.g.terms)} 語が収められています。"
            f"ほかに\\ {others[0]}\\ と\\ {others[1]}\\ の一覧があります。",
            "",
        ]
        return lines

    # Three listings, three pages: one page listing every term three times weighed
    # 850 KB of HTML at 1,000 terms, and a phone spent a second laying it out.
    def index_page(self) -> str:
        """Every term in 五十音 order, by row, each with its summary."""
        terms = self.in_reading_order
        lines = self._index_header("用語一覧", urls.INDEX_DOC)
        lines += [".. toctree::", "   :hidden:", "", f"   /{urls.ALPHABETICAL_DOC}", f"   /{urls.CATEGORIES_DOC}", ""]
        lines += title("五十音順", "-")
        rows: dict[str, list[Term]] = defaultdict(list)
        for t in terms:
            rows[kana_row(t.reading)].append(t)
        present = [row for row in ROWS if rows.get(row)]
        lines += _jump([(row if row != "他" else "その他", f"glossary-row-{_ROW_IDS[row]}") for row in present])
        for row in present:
            lines += [f".. _glossary-row-{_ROW_IDS[row]}:", ""]
            lines += title(f"{row}行" if row != "他" else "その他", "~")
            lines += _bullets([f"{self.link(t.id)} — {inline(t.summary, self.resolve)}" for t in rows[row]])
        return "\n".join(lines)

    def alphabetical_page(self) -> str:
        """Every term by the first letter of its English name."""
        terms = sorted(self.g.terms.values(), key=lambda t: (t.label_en.casefold(), t.id))
        lines = self._index_header("アルファベット順の用語一覧", urls.ALPHABETICAL_DOC)
        by_letter: dict[str, list[Term]] = defaultdict(list)
        for t in terms:
            by_letter[_letter(t)].append(t)
        letters = sorted(by_letter)
        lines += _jump([(letter, f"glossary-letter-{_letter_id(letter)}") for letter in letters])
        for letter in letters:
            lines += [f".. _glossary-letter-{_letter_id(letter)}:", ""]
            lines += title(letter, "-")
            lines += _bullets([f"{self.link(t.id)}（{escape(t.label_en)}）" for t in by_letter[letter]])
        return "\n".join(lines)

    def categories_page(self) -> str:
        """Every term under its category, in 五十音 order within it."""
        terms = self.in_reading_order
        lines = self._index_header("分類別の用語一覧", urls.CATEGORIES_DOC)
        groups = [(c, h, [t for t in terms if t.category == c]) for c, h in CATEGORIES.items()]
        groups = [g for g in groups if g[2]]
        lines += _jump([(heading, f"glossary-category-{category}") for category, heading, _ in groups])
        for category, heading, members in groups:
            lines += [f".. _glossary-category-{category}:", ""]
            lines += title(heading, "-")
            lines += _bullets([self.link(t.id) for t in members])
        return "\n".join(lines)

    def relations_page(self) -> str:
        relu = self.g.terms[RELATION_PAGE_TERM]
        lines = _header(relu.path)
        lines += title(f"{relu.label_ja}の関係語", "=")
        lines += [
            f"{self.link(relu.id)} と関係する用語を、四つの種類に分けて並べています。"
            "同意語は同じ概念の別名で、用語集では一つのページにまとめています。"
            "図の用語を選ぶと、その用語のページに移ります。",
            "",
        ]
        lines += [".. raw:: html", ""]
        lines += ["   " + line for line in relation_map_svg(self.g, relu.id).splitlines()] + [""]
        lines += self.relation_groups(relu.id)
        return "\n".join(lines)


def _letter_id(letter: str) -> str:
    return letter.lower() if letter != "#" else "other"


def render(glossary: Glossary, *, baseurl: str = "", inventory_name: str = "relu") -> dict[str, str]:
    """Every generated page, keyed by its path relative to the Sphinx source dir."""
    r = _Renderer(glossary, baseurl, inventory_name)
    order = r.in_reading_order
    pages = {}
    for i, t in enumerate(order):
        prev, next_ = order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None
        pages[f"{urls.docname(t.id)}.rst"] = r.term_page(t, prev, next_)
    pages[f"{urls.INDEX_DOC}.rst"] = r.index_page()
    pages[f"{urls.ALPHABETICAL_DOC}.rst"] = r.alphabetical_page()
    pages[f"{urls.CATEGORIES_DOC}.rst"] = r.categories_page()
    if RELATION_PAGE_TERM in glossary.terms:
        pages[f"{urls.RELATIONS_DOC}.rst"] = r.relations_page()
    return pages

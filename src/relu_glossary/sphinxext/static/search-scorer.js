/* Search ranking for the glossary (html_search_scorer).  Sphinx's defaults, plus:
 * a page whose title is or contains the whole query, or a term page one of
 * whose names (label or alias) is or contains it, ranks first; term pages rank
 * above pages that merely mention the term.  Names come from relu-term-names.js,
 * which the search page loads with a query's parts (sphinxext/search_parts.py). */
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score] = result;
    const normal = (s) => (s || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
    const query = normal(new URLSearchParams(window.location.search).get("q"));
    const name = normal(title);
    // the best of: the query is the title or a name (60), or is part of one (30 / 25)
    let boost = !query ? 0 : name === query ? 60 : name.includes(query) ? 30 : 0;
    const match = docname.match(/^terms\/([a-z0-9-]+)$/);
    if (match) {
      const names = window.RELU_TERM_NAMES || {};
      if (query && Object.hasOwn(names, match[1])) {
        const normals = names[match[1]].map(normal);
        if (normals.includes(query)) boost = Math.max(boost, 60);
        else if (normals.some((n) => n.includes(query))) boost = Math.max(boost, 25);
      }
      boost += 10;  // a term's own page before pages that mention it
    }
    return score + boost;
  },
  // Sphinx's default weights, unchanged
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};

/* Snippets.  Sphinx's htmlToText, and the snippet its makeSearchSummary cut from
 * the text (summaryOf below, called by the snippets' code further down), changed
 * in three ways:
 * - the theme's buttons in the page's main element ("System Settings", the
 *   contents toggle) are left out: the snippet starts with the page's own text;
 * - each result's page is parsed once (Sphinx's would parse it again after ours
 *   removed the buttons: a third of a phone's work on a search of a large glossary);
 * - the snippet opens 30 characters before the first word found, not 120 before
 *   the last, so that its three lines (relu-glossary.css) show the match on a
 *   phone too; and a page without text gets an empty snippet, not none, which
 *   releases the room kept for it.
 * Assigned as soon as this runs (after searchtools.js, before the index arrives
 * and the first result's page is fetched). */
if (typeof Search !== "undefined") {
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page
      .querySelectorAll(".headerlink, script, style, .bd-header-article, .onlyprint, .relu-explorer, .prev-next-area")
      .forEach((e) => e.remove());
    const content = (anchor && page.querySelector(`[role="main"] ${anchor}`)) || page.querySelector('[role="main"]');
    return content ? content.textContent : "";
  };
}

/* What to mark of the query in a page's text: of each of the query's words, the
 * longest pieces the text holds (two characters at least, or the word if shorter).
 * Sphinx marks every term its splitter made, and for a Japanese word those are its
 * pairs of characters: 整流線形ユニット marked ット inside ネットワーク beside
 * the whole word.  A compound the text has only in parts (勾配 ... 消失) still has
 * them marked.  Lower case, as Sphinx's _highlightText wants them. */
function marksIn(text, words) {
  const lower = text.toLowerCase();
  const marks = new Set();
  for (const word of words) {
    const chars = Array.from(word.toLowerCase()).slice(0, 40); // a pasted paragraph is not a word
    for (let length = chars.length; length >= Math.min(2, chars.length); length--) {
      const pieces = [];
      for (let i = 0; i + length <= chars.length; i++) pieces.push(chars.slice(i, i + length).join(""));
      const held = pieces.filter((piece) => lower.includes(piece));
      if (held.length) {
        held.forEach((piece) => marks.add(piece));
        break;
      }
    }
  }
  return [...marks];
}

/* The snippet of a page's text: three lines from 30 characters before the first word
 * found (the page's text: its own, or the text file search_text.py writes). */
function summaryOf(text, keywords) {
  const lower = text.toLowerCase();
  const found = [...keywords].map((k) => lower.indexOf(k.toLowerCase())).filter((i) => i > -1);
  const start = found.length ? Math.max(Math.min(...found) - 30, 0) : 0;
  const summary = document.createElement("p");
  summary.classList.add("context");
  summary.textContent = (start ? "..." : "") + text.substr(start, 240).trim() + (start + 240 < text.length ? "..." : "");
  return summary;
}

/* Snippets for the results near the screen only.  Sphinx fetches and parses the page of
 * every result as soon as it lists it: for "relu" at 1,000 terms that is 79 pages,
 * about 1 MB, and a phone's processor busy for seconds (4.8 s of main thread at 4x
 * throttling, most of it for results no one scrolls to).  Here Sphinx is told to list
 * the results without snippets, and each result's snippet is fetched when it comes
 * within two screens of the view.  The room for it is kept meanwhile
 * (relu-glossary.css).  A site that turned snippets off (html_show_search_summary)
 * gets none.
 *
 * The snippet of a whole page is cut from the page's text (_texts/<page>.txt,
 * sphinxext/search_text.py): a quarter of the page's bytes, and nothing to parse.
 * A result that points into a page (#section), or a page without its text file,
 * fetches the page itself, as Sphinx would have, for the snippet Sphinx would make. */
if (typeof Search !== "undefined" && DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY) {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false; // read by Sphinx for each result it lists
  const options = DOCUMENTATION_OPTIONS;
  const fetched = new Map(); // each file fetched once, for all its results
  // a file's text, or null; ``type``: the only content type taken (a host may answer a
  // missing file with its HTML "not found" page, which is no page's text)
  const fetchText = (url, type = "") => {
    if (!fetched.has(url))
      fetched.set(
        url,
        fetch(url)
          .then((response) =>
            response.ok && (response.headers.get("content-type") || "").startsWith(type) ? response.text() : null,
          )
          .catch(() => null),
      );
    return fetched.get(url);
  };
  // the text file of the page at ``path`` (a link from this page), if the site has them
  const textFileOf = (path) => {
    if (options.BUILDER !== "html") return null; // search_text.py names texts after html pages
    const root = new URL(document.documentElement.dataset.content_root || "./", location.href).href;
    const page = new URL(path, location.href).href;
    if (!page.startsWith(root) || !page.endsWith(options.LINK_SUFFIX)) return null;
    return `${root}_texts/${page.slice(root.length, page.length - options.LINK_SUFFIX.length)}.txt`;
  };
  const watch = (list, query) => {
    // the query's words as its reader typed them, less the excluded ones (-word)
    const words = query.split(/\s+/).filter((word) => word && !word.startsWith("-"));
    const fill = (item) => {
      const [path, id] = item.querySelector(":scope > a").getAttribute("href").split("#");
      const anchor = id === undefined ? "" : `#${id}`;
      // the page Sphinx would have fetched: its file, not its link (searchtools.js, _displayItem)
      const url =
        options.BUILDER === "dirhtml" ? path : path.slice(0, path.length - options.LINK_SUFFIX.length) + options.FILE_SUFFIX;
      const textFile = anchor ? null : textFileOf(path);
      (textFile ? fetchText(textFile, "text/plain") : Promise.resolve(null))
        .then((text) =>
          text !== null
            ? text
            : // an empty snippet when the page is missing too: the room kept for it is released
              fetchText(url).then((html) => Search.htmlToText(html || "", anchor)),
        )
        .then((text) => {
          const marks = marksIn(text, words);
          item.appendChild(summaryOf(text, marks));
          if (SPHINX_HIGHLIGHT_ENABLED) marks.forEach((mark) => _highlightText(item, mark, "highlighted"));
        });
    };
    const near = new IntersectionObserver(
      (entries) => {
        for (const entry of entries)
          if (entry.isIntersecting) {
            near.unobserve(entry.target);
            fill(entry.target);
          }
      },
      { rootMargin: "200% 0px" },
    );
    new MutationObserver((changes) => {
      for (const change of changes)
        for (const added of change.addedNodes)
          // a result from an index entry shows its description instead (Sphinx adds it first)
          if (added.tagName === "LI" && !added.querySelector(":scope > span")) near.observe(added);
    }).observe(list, { childList: true });
  };
  // Sphinx runs each search through Search.query, once the list it fills is on the page
  const query = Search.query;
  Search.query = (text) => {
    watch(Search.output, text);
    query(text);
  };
}

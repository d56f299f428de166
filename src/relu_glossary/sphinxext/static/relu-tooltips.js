/* Hover and keyboard-focus definitions for links to glossary terms.
 * Each page carries the previews of the terms it links to, as JSON in
 * <script type="application/json" id="relu-term-previews"> (sphinxext/hover.py):
 * {id: [label, parts]}, a part being text or {m: MathML}.  The preview is built
 * from text nodes and from the MathML parsed as XML: no string from the glossary
 * is ever written into the page as HTML.  Nothing is loaded from another host. */
(() => {
  "use strict";
  // matched against the resolved URL, so relative links from any folder work
  const termLink = /\/terms\/([a-z0-9-]+)\.html#term-([a-z0-9-]+)$/;
  const MATHML = "http://www.w3.org/1998/Math/MathML";
  let previews = null;
  let tip = null;

  /* Read when first needed: on the alphabetical and category listings the previews
   * of 1,000 terms are 160 KB of JSON, not worth parsing before anyone hovers. */
  function readPreviews() {
    if (previews) return previews;
    const data = document.getElementById("relu-term-previews");
    try {
      previews = data ? JSON.parse(data.textContent) : {};
    } catch {
      previews = {};
    }
    return previews;
  }

  /* A <math> element from the build's MathML; null if it is anything but MathML.
   * The build writes MathML elements and presentation attributes only
   * (glossary/render/mathml.py); this checks again, as a second lock. */
  function math(markup) {
    const doc = new DOMParser().parseFromString(markup, "application/xml");
    const root = doc.documentElement;
    if (doc.getElementsByTagName("parsererror").length || root.localName !== "math") return null;
    for (const el of [root, ...root.getElementsByTagName("*")]) {
      if (el.namespaceURI !== MATHML) return null;
      for (const attr of el.attributes) if (/^(on|href|xlink|src|style)/i.test(attr.name)) return null;
    }
    return document.importNode(root, true);
  }

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "relu-term-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(link) {
    const match = link.href.match(termLink);
    if (!match || match[1] !== match[2] || !Object.hasOwn(readPreviews(), match[1])) return;
    const [label, parts] = previews[match[1]];
    const t = tooltip();
    t.textContent = "";
    const name = document.createElement("strong");
    name.textContent = label;
    t.append(name, document.createTextNode(" — "));
    for (const part of parts) {
      if (typeof part === "string") t.append(document.createTextNode(part));
      else if (part && typeof part.m === "string") {
        const node = math(part.m);
        if (node) t.append(node);
      }
    }
    t.hidden = false;
    const box = link.getBoundingClientRect();
    t.style.left = `${Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - t.offsetWidth - 8))}px`;
    t.style.top = `${window.scrollY + box.bottom + 6}px`;
    link.setAttribute("aria-describedby", t.id);
  }

  function hide(link) {
    if (tip) tip.hidden = true;
    if (link) link.removeAttribute("aria-describedby");
  }

  // One listener for all links (event delegation): the glossary index has
  // thousands of term links, and a listener on each cost a long task on a phone.
  const termAnchor = (target) => {
    const link = target instanceof Element ? target.closest("a.reference.internal") : null;
    return link && termLink.test(link.href) ? link : null;
  };
  document.addEventListener("DOMContentLoaded", () => {
    document.addEventListener("mouseover", (event) => {
      const link = termAnchor(event.target);
      if (link && !link.contains(event.relatedTarget)) show(link);
    });
    document.addEventListener("mouseout", (event) => {
      const link = termAnchor(event.target);
      if (link && !link.contains(event.relatedTarget)) hide(link);
    });
    document.addEventListener("focusin", (event) => { const link = termAnchor(event.target); if (link) show(link); });
    document.addEventListener("focusout", (event) => { const link = termAnchor(event.target); if (link) hide(link); });
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(null); });
  });
})();

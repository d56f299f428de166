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
  let previews = {};
  let tip = null;

  function readPreviews() {
    const data = document.getElementById("relu-term-previews");
    try {
      return data ? JSON.parse(data.textContent) : {};
    } catch {
      return {};
    }
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
    if (!match || match[1] !== match[2] || !Object.hasOwn(previews, match[1])) return;
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

  document.addEventListener("DOMContentLoaded", () => {
    previews = readPreviews();
    for (const link of document.querySelectorAll("a.reference.internal")) {
      if (!termLink.test(link.href)) continue;
      link.addEventListener("mouseenter", () => show(link));
      link.addEventListener("focus", () => show(link));
      link.addEventListener("mouseleave", () => hide(link));
      link.addEventListener("blur", () => hide(link));
    }
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(null); });
  });
})();

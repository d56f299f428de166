/* Hover and keyboard-focus definitions for links to glossary terms.
 * The summaries come from relu-term-summaries.js, written at build time from
 * the YAML glossary; nothing is loaded from another host. */
(() => {
  "use strict";
  const summaries = window.RELU_TERM_SUMMARIES || {};
  // matched against the resolved URL, so relative links from any folder work
  const termLink = /\/terms\/([a-z0-9-]+)\.html#term-([a-z0-9-]+)$/;
  let tip = null;

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
    if (!match || match[1] !== match[2] || !summaries[match[1]]) return;
    const entry = summaries[match[1]];
    const t = tooltip();
    t.textContent = "";
    const name = document.createElement("strong");
    name.textContent = entry.label;
    t.append(name, document.createTextNode(" — " + entry.summary));
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

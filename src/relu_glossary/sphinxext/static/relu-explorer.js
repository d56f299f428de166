/* relu-explorer.js: move x and the parameters of an activation and see f(x), f′(x)
 * and their plots, computed in the browser by relu-activations.js.
 *
 * The markup comes from relu_glossary/sphinxext/explorer_markup.py, already at its final size and
 * showing the values Python computed for the starting state; this script only
 * fills in text and the two SVG plots, so nothing moves when it starts.  The
 * state lives in the URL fragment, keyed by the Python parameter names
 * (#x=-3&negative_slope=0.2&vs=elu), so a reader can share exactly what they see. */
(() => {
  "use strict";
  const MINUS = "\u2212";

  /* relu_glossary.examples.fmt: Python's "%.6g" (ties to even, fixed notation for
   * exponents -4 to 5), then ×10ⁿ (superscript exponent) and the minus sign U+2212. */
  const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  const sup = (e) => (e < 0 ? "⁻" : "") + [...String(Math.abs(e))].map((d) => SUPERSCRIPTS[d]).join("");
  function fmt(value, digits = 6) {
    value = Number(value) + 0;
    if (Number.isNaN(value)) return "nan";
    if (!Number.isFinite(value)) return value > 0 ? "∞" : MINUS + "∞";
    if (value === 0) return "0";
    const [s, e] = rounded(Math.abs(value), digits);
    let text;
    if (e >= -4 && e < digits) {
      const whole = e >= 0 ? s.slice(0, e + 1) : "0";
      const fraction = (e >= 0 ? s.slice(e + 1) : "0".repeat(-e - 1) + s).replace(/0+$/, "");
      text = fraction ? `${whole}.${fraction}` : whole;
    } else {
      const rest = s.slice(1).replace(/0+$/, "");
      text = `${s[0]}${rest ? "." + rest : ""}×10${sup(e)}`;
    }
    return (value < 0 ? MINUS : "") + text;
  }

  // The significant digits and the decimal exponent of a > 0.  toExponential rounds
  // a value exactly halfway between two candidates away from zero, Python to even.
  function rounded(a, digits) {
    const [m, e] = a.toExponential(digits - 1).split("e");
    let n = BigInt(m.replace(".", ""));
    if (n % 2n === 1n && halfway(a, n, Number(e) - digits + 1)) n -= 1n;
    return [String(n), Number(e)];
  }

  // Is a exactly (n - 1/2) × 10^k?  a = M × 2^E exactly, so compare integers.
  function halfway(a, n, k) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, a);
    const bits = view.getBigUint64(0);
    const biased = Number(bits >> 52n);
    let left = (bits & ((1n << 52n) - 1n)) | (biased ? 1n << 52n : 0n);
    const twoPower = (biased || 1) - 1075 + 1;  // a × 2 = left × 2^twoPower
    let right = 2n * n - 1n;
    if (twoPower >= 0) left <<= BigInt(twoPower); else right <<= BigInt(-twoPower);
    if (k >= 0) right *= 10n ** BigInt(k); else left *= 10n ** BigInt(-k);
    return left === right;
  }

  /* The URL fragment: only keys the explorer knows; anything else (#term-relu,
   * a heading) is left alone. */
  const SPECIAL = {inf: Infinity, "+inf": Infinity, "-inf": -Infinity, nan: NaN};
  function parseNumber(text) {
    const t = String(text).trim().replace(MINUS, "-");
    if (Object.hasOwn(SPECIAL, t.toLowerCase())) return SPECIAL[t.toLowerCase()];
    if (t === "NaN") return NaN;
    return t === "" || Number.isNaN(Number(t)) ? undefined : Number(t);  // undefined: not (yet) a number
  }

  function readFragment(hash, spec) {
    const found = {};
    for (const part of hash.replace(/^#/, "").split("&")) {
      const at = part.indexOf("=");
      if (at < 0) continue;
      let key, value;
      try {
        [key, value] = [decodeURIComponent(part.slice(0, at)), decodeURIComponent(part.slice(at + 1))];
      } catch (error) {
        continue;
      }
      // own keys only: "constructor" or "__proto__" in a URL must not reach the prototype
      const control = Object.hasOwn(spec.controls, key) ? spec.controls[key] : null;
      if (key === "vs") {
        if (value === "" || (Object.hasOwn(spec.functions, value) && value !== spec.function)) found.vs = value;
      } else if (control && control.choices) {
        if (Object.hasOwn(control.choices, value)) found[key] = value;
      } else if (control && parseNumber(value) !== undefined) {
        found[key] = parseNumber(value);
      }
    }
    return Object.keys(found).length ? found : null;
  }

  const shortNumber = (v) => String(v).replace("e+", "e");
  function writeFragment(state, spec) {
    const parts = Object.keys(spec.controls).map((key) => {
      const value = key === "x" ? state.x : state.params[key];
      return `${key}=${encodeURIComponent(typeof value === "number" ? shortNumber(value) : value)}`;
    });
    if (state.vs) parts.push(`vs=${encodeURIComponent(state.vs)}`);
    return "#" + parts.join("&");
  }

  /* Plots: f on one panel, f′ on the other; the compared function dashed. */
  const W = 320, H = 224, LEFT = 42, RIGHT = 8, TOP = 22, BOTTOM = 22;

  // Differences are taken of halves: near ±1.8e308 a difference itself would overflow.
  function niceTicks(lo, hi) {
    const raw = (hi / 2 - lo / 2) / 2;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((k) => k * magnitude).find((s) => s >= raw);
    const ticks = [];
    for (let v = Math.ceil(lo / step) * step; v - step * 1e-9 <= hi && Number.isFinite(v); v += step) {
      ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return ticks;
  }

  function panel(curves, markers, xRange, title) {
    const [x0, x1] = xRange;
    let y0 = 0, y1 = 0;  // every function here passes near 0: keep the axis in view
    for (const c of curves) for (const [, y] of c.points) {
      if (Number.isFinite(y)) { y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    }
    if (y1 / 2 - y0 / 2 < 1e-12) { y0 -= 1; y1 += 1; }
    const pad = (y1 / 2 - y0 / 2) * 0.16;
    [y0, y1] = [Math.max(y0 - pad, -Number.MAX_VALUE), Math.min(y1 + pad, Number.MAX_VALUE)];
    const px = (x) => LEFT + (x / 2 - x0 / 2) / (x1 / 2 - x0 / 2) * (W - LEFT - RIGHT);
    const py = (y) => TOP + (y1 / 2 - y / 2) / (y1 / 2 - y0 / 2) * (H - TOP - BOTTOM);
    const r = (v) => Math.round(v * 10) / 10;
    const out = [`<text class="title" x="${LEFT}" y="14">${title}</text>`];
    for (const t of niceTicks(y0, y1)) {
      out.push(`<line class="${t === 0 ? "zero" : "grid"}" x1="${LEFT}" x2="${W - RIGHT}" y1="${r(py(t))}" y2="${r(py(t))}"/>`,
        `<text class="tick" x="${LEFT - 4}" y="${r(py(t)) + 3.5}" text-anchor="end">${fmt(t, 3)}</text>`);
    }
    for (const t of niceTicks(x0, x1)) {
      out.push(`<line class="${t === 0 ? "zero" : "grid"}" x1="${r(px(t))}" x2="${r(px(t))}" y1="${TOP}" y2="${H - BOTTOM}"/>`,
        `<text class="tick" x="${r(px(t))}" y="${H - 7}" text-anchor="middle">${fmt(t, 3)}</text>`);
    }
    for (const c of curves) {
      let d = "", pen = "M";
      for (const [x, y] of c.points) {
        if (!Number.isFinite(y)) { pen = "M"; continue; }
        d += `${pen}${r(px(x))} ${r(Math.max(-1e4, Math.min(1e4, py(y))))}`;
        pen = "L";
      }
      out.push(`<path class="${c.kind}" d="${d}"/>`);
    }
    const [m0] = markers;
    if (Number.isFinite(m0.x) && m0.x >= x0 && m0.x <= x1) {
      out.push(`<line class="guide" x1="${r(px(m0.x))}" x2="${r(px(m0.x))}" y1="${TOP}" y2="${H - BOTTOM}"/>`);
    }
    for (const m of markers) {
      if (Number.isFinite(m.x) && Number.isFinite(m.y) && m.x >= x0 && m.x <= x1) {
        out.push(`<circle class="marker-${m.kind}" cx="${r(px(m.x))}" cy="${r(py(m.y))}" r="4"/>`);
      }
    }
    return out.join("");
  }

  function start(root) {
    const port = globalThis.ReluActivations;
    const spec = JSON.parse(root.querySelector(".relu-explorer-data").textContent);
    // The page lists the registry's functions and parameters: use only those the port has, with the same defaults.
    const same = (name) => port && port[name] &&
      JSON.stringify(port[name].parameters, Object.keys(port[name].parameters).sort()) ===
      JSON.stringify(spec.functions[name].parameters, Object.keys(spec.functions[name].parameters).sort());
    if (!same(spec.function)) {
      root.querySelector(".relu-explorer-title").textContent += "（この関数はブラウザーでは計算できません）";
      root.querySelectorAll("input, select").forEach((e) => { e.disabled = true; });
      return;
    }
    for (const option of root.querySelectorAll("[data-relu-input=vs] option")) {
      if (option.value && !same(option.value)) {
        option.remove();
        delete spec.functions[option.value];  // and a URL cannot choose it either
      }
    }
    const state = {x: spec.x, params: {...spec.parameters}, vs: spec.vs};
    const inputs = [...root.querySelectorAll("[data-relu-input]")];
    const ranges = [...root.querySelectorAll("[data-relu-range]")];

    function value(key) { return key === "x" ? state.x : key === "vs" ? state.vs : state.params[key]; }
    function set(key, v) { if (key === "x") state.x = v; else if (key === "vs") state.vs = v; else state.params[key] = v; }
    function showControls(except) {
      for (const e of [...inputs, ...ranges]) {
        const key = e.dataset.reluInput || e.dataset.reluRange;
        const v = value(key);
        if (e === except) continue;
        if (typeof v !== "number") e.value = v;
        else if (Number.isFinite(v)) e.value = shortNumber(v);
        else if (e.type === "range") e.value = v > 0 ? e.max : v < 0 ? e.min : e.value;
        else e.value = "";  // a number field cannot show ±∞ or nan; the values below do
      }
    }

    const safe = (fn) => { try { return fn(); } catch (error) { return NaN; } };
    const setText = (element, text) => { if (element.textContent !== text) element.textContent = text; };

    function render() {
      const main = port[spec.function], other = state.vs ? port[state.vs] : null;
      const show = (key, label, v) => {
        setText(root.querySelector(`[data-relu-name="${key}"]`), label);
        setText(root.querySelector(`[data-relu-value="${key}"]`), v);
      };
      show("f", `${spec.function}(x)`, fmt(safe(() => main.f(state.x, state.params))));
      show("grad", `${spec.function}_grad(x)`, fmt(safe(() => main.grad(state.x, state.params))));
      for (const row of root.querySelectorAll(".relu-explorer-vs")) row.toggleAttribute("data-empty", !other);
      if (other) {
        show("vs", `${state.vs}(x)`, fmt(other.f(state.x)));
        show("vs-grad", `${state.vs}_grad(x)`, fmt(other.grad(state.x)));
      }
      if (inView) draw();
    }

    function draw() {
      const main = port[spec.function], other = state.vs ? port[state.vs] : null;
      // the plotted interval: [-6, 6], widened to keep x in view
      const half = Number.isFinite(state.x) ? Math.min(Math.max(6, Math.abs(state.x) * 1.25), Number.MAX_VALUE) : 6;
      const kinks = [spec.function, state.vs].filter(Boolean).flatMap((n) => spec.functions[n].kinks);
      const xs = [];
      for (let i = 0; i <= 240; i++) xs.push(half * (i / 120 - 1));
      xs.push(...kinks.filter((k) => Math.abs(k) < half), ...(Math.abs(state.x) < half ? [state.x] : []));
      xs.sort((a, b) => a - b);
      for (const which of ["f", "grad"]) {
        const curves = [{kind: "main", points: xs.map((x) => [x, safe(() => main[which](x, state.params))])}];
        const markers = [{kind: "main", x: state.x, y: safe(() => main[which](state.x, state.params))}];
        if (other) {
          curves.push({kind: "vs", points: xs.map((x) => [x, other[which](x)])});
          markers.push({kind: "vs", x: state.x, y: other[which](state.x)});
        }
        const svg = root.querySelector(`[data-relu-plot="${which}"]`);
        const name = which === "f" ? spec.function : `${spec.function}_grad`;
        svg.innerHTML = panel(curves, markers, [-half, half], which === "f" ? "f(x)" : "f′(x)");
        // what a sighted reader sees: the interval drawn, the marked x, the dashed comparison
        svg.setAttribute("aria-label", `${name}(x) のグラフ。横軸は ${fmt(-half)} から ${fmt(half)}。x = ${fmt(state.x)} に印` +
          (other ? `。破線は ${which === "f" ? state.vs : state.vs + "_grad"}(x)` : ""));
      }
    }

    // The plots are drawn once the explorer comes near the screen: on a page opened
    // at its top, starting costs the first paint nothing (a phone at 4× slower CPU
    // took 30-100 ms for them).
    let inView = false;
    const watcher = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      inView = true;
      watcher.disconnect();
      draw();
    }, {rootMargin: "300px"});
    watcher.observe(root);

    let timer = 0;
    function remember() {  // replaceState, not a history entry per slider step; not 60 times a second either
      clearTimeout(timer);
      timer = setTimeout(() => history.replaceState(history.state, "", writeFragment(state, spec)), 150);
    }

    for (const e of [...inputs, ...ranges]) {
      const key = e.dataset.reluInput || e.dataset.reluRange;
      e.addEventListener(e.tagName === "SELECT" ? "change" : "input", () => {
        const v = e.tagName === "SELECT" ? e.value : parseNumber(e.value);
        if (v === undefined) return;  // half-typed ("-", "1e"): wait for more
        set(key, v);
        showControls(e);
        render();
        remember();
      });
    }
    function fromFragment() {
      const found = readFragment(location.hash, spec);
      if (!found) return false;
      for (const [key, v] of Object.entries(found)) set(key, v);
      showControls(null);
      render();
      return true;
    }
    window.addEventListener("hashchange", fromFragment);
    if (fromFragment()) {
      root.scrollIntoView({block: "start"});
    } else {
      showControls(null);
      render();
    }
  }

  globalThis.ReluExplorer = {fmt, readFragment, writeFragment};
  if (typeof document !== "undefined") {
    document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("[data-relu-explorer]").forEach(start));
  }
})();

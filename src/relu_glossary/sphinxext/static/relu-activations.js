/* relu-activations.js: relu_glossary.activations in JavaScript, for the explorer.
 *
 * Each function follows the Python one operation for operation (same formula,
 * same order, same constants), so that the two differ only where their
 * elementary functions (exp, expm1, log1p, tanh, erfc) round differently.
 * tests/test_explorer_port.py compares them on 10,000+ points per function.
 * The same contract as the Python module: nan propagates, exact limits at
 * ±inf, no overflow at ±1e308, and never -0.0 (clean() below).
 *
 * ReluActivations[name] = {f(x, params), grad(x, params), parameters}; params
 * is keyed by the Python parameter names, and missing ones take the defaults.
 * Works in a page (window) and in Node (globalThis). */
(() => {
  "use strict";
  const SELU_ALPHA = 1.6732632423543772848170429916717;
  const SELU_SCALE = 1.0507009873554804934193349852946;
  const SQRT_2 = Math.SQRT2;
  const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
  const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
  const GELU_TANH_CLIP = 1e100;
  const MAX = Number.MAX_VALUE;

  // -0 + 0 is +0 and every other value is unchanged (as _elementwise in Python).
  const clean = (y) => y + 0;
  const clip = (x, lo, hi) => Math.min(Math.max(x, lo), hi);
  const nanOr = (x, y) => (Number.isNaN(x) ? x : y);

  function sigmoid(x) {
    const e = Math.exp(-Math.abs(x));
    return x >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
  const softplus = (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  // x * g(x) for a gate that tends to 0 at -inf: -inf * 0 would be nan.
  const vanishing = (x, g) => (g === 0 ? 0 : x) * g;

  /* erfc, after fdlibm's s_erf.c (Sun Microsystems, 1993: "Permission to use,
   * copy, modify, and distribute this software is freely granted, provided
   * that this notice is preserved"), the algorithm glibc's erfc and so
   * CPython's math.erfc descend from.  JavaScript has no erfc of its own. */
  const view = new DataView(new ArrayBuffer(8));
  function highWordOnly(x) {  // x with the low 32 bits of its mantissa cleared
    view.setFloat64(0, x);
    view.setUint32(4, 0);
    return view.getFloat64(0);
  }
  const poly = (z, c) => c.reduceRight((acc, k) => acc * z + k, 0);
  const ERX = 8.45062911510467529297e-01;
  const PP = [1.28379167095512558561e-01, -3.25042107247001499370e-01, -2.84817495755985104766e-02,
    -5.77027029648944159157e-03, -2.37630166566501626084e-05];
  const QQ = [1, 3.97917223959155352819e-01, 6.50222499887672944485e-02, 5.08130628187576562776e-03,
    1.32494738004321644526e-04, -3.96022827877536812320e-06];
  const PA = [-2.36211856075265944077e-03, 4.14856118683748331666e-01, -3.72207876035701323847e-01,
    3.18346619901161753674e-01, -1.10894694282396677476e-01, 3.54783043256182359371e-02,
    -2.16637559486879084300e-03];
  const QA = [1, 1.06420880400844228286e-01, 5.40397917702171048937e-01, 7.18286544141962662868e-02,
    1.26171219808761642112e-01, 1.36370839120290507362e-02, 1.19844998467991074170e-02];
  const RA = [-9.86494403484714822705e-03, -6.93858572707181764372e-01, -1.05586262253232909814e+01,
    -6.23753324503260060396e+01, -1.62396669462573470355e+02, -1.84605092906711035994e+02,
    -8.12874355063065934246e+01, -9.81432934416914548592e+00];
  const SA = [1, 1.96512716674392571292e+01, 1.37657754143519042600e+02, 4.34565877475229228821e+02,
    6.45387271733267880336e+02, 4.29008140027567833386e+02, 1.08635005541779435134e+02,
    6.57024977031928170135e+00, -6.04244152148580987438e-02];
  const RB = [-9.86494292470009928597e-03, -7.99283237680523006574e-01, -1.77579549177547519889e+01,
    -1.60636384855821916062e+02, -6.37566443368389627722e+02, -1.02509513161107724954e+03,
    -4.83519191608651397019e+02];
  const SB = [1, 3.03380607434824582924e+01, 3.25792512996573918826e+02, 1.53672958608443695994e+03,
    3.19985821950859553908e+03, 2.55305040643316442583e+03, 4.74528541206955367215e+02,
    -2.24409524465858183362e+01];
  // fdlibm compares the high word of |x| with 0x4006DB6D: the same as |x| < this
  const ERFC_SPLIT = (() => { view.setUint32(0, 0x4006DB6D); view.setUint32(4, 0); return view.getFloat64(0); })();

  function erfc(x) {
    if (Number.isNaN(x)) return x;
    if (x === Infinity) return 0;
    if (x === -Infinity) return 2;
    const a = Math.abs(x);
    if (a < 0.84375) {
      if (a < 2 ** -56) return 1 - x;
      const z = x * x;
      const y = poly(z, PP) / poly(z, QQ);
      if (x < 0.25) return 1 - (x + x * y);
      return 0.5 - (x * y + (x - 0.5));
    }
    if (a < 1.25) {
      const s = a - 1;
      const pq = poly(s, PA) / poly(s, QA);
      return x > 0 ? (1 - ERX) - pq : 1 + (ERX + pq);
    }
    if (a >= 28) return x > 0 ? 0 : 2;
    if (x <= -6) return 2;
    const s = 1 / (a * a);
    const rs = a < ERFC_SPLIT ? poly(s, RA) / poly(s, SA) : poly(s, RB) / poly(s, SB);
    // exp(-a² - 0.5625 + R/S), with a² split so that its rounding error is kept
    const z = highWordOnly(a);
    const r = Math.exp(-z * z - 0.5625) * Math.exp((z - a) * (z + a) + rs);
    return x > 0 ? r / a : 2 - r / a;
  }

  /* x³ correctly rounded, as NumPy's x**3 nearly always is (pow from glibc or SVML);
   * V8's Math.pow rounds differently in ~10% of cases, x*x*x in ~30%.  Dekker's
   * exact products: x² = h + l, then h·x = p + e, and x³ = p + (e + l·x). */
  function split(a) {
    const c = 134217729 * a;  // 2^27 + 1
    const h = c - (c - a);
    return [h, a - h];
  }
  function exactProduct(a, b) {
    const p = a * b;
    const [ah, al] = split(a);
    const [bh, bl] = split(b);
    return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
  }
  function cube(x) {
    const [h, l] = exactProduct(x, x);
    const [p, e] = exactProduct(h, x);
    return p + (e + l * x);
  }
  function geluTanhInner(x) {
    const xc = clip(x, -GELU_TANH_CLIP, GELU_TANH_CLIP);  // beyond, the gate is exactly 0 or 1
    return [SQRT_2_OVER_PI * (xc + 0.044715 * cube(xc)), xc];
  }
  function checkApproximate(approximate) {
    if (approximate !== "none" && approximate !== "tanh") {
      throw new RangeError(`approximate must be 'none' or 'tanh', got ${approximate}`);
    }
  }
  const rreluSlope = (p) => (p.lower + p.upper) / 2;

  /* [name, parameters, f(x, p), grad(x, p)], in the registry's order. */
  const TABLE = [
    ["relu", {}, (x) => Math.max(x, 0), (x) => nanOr(x, x > 0 ? 1 : 0)],
    ["relu6", {}, (x) => clip(x, 0, 6), (x) => nanOr(x, x > 0 && x < 6 ? 1 : 0)],
    ["leaky_relu", {negative_slope: 0.01},
      (x, p) => (x > 0 ? x : x * p.negative_slope), (x, p) => nanOr(x, x > 0 ? 1 : p.negative_slope)],
    ["prelu", {weight: 0.25}, (x, p) => (x > 0 ? x : x * p.weight), (x, p) => nanOr(x, x > 0 ? 1 : p.weight)],
    ["rrelu", {lower: 1 / 8, upper: 1 / 3},
      (x, p) => (x > 0 ? x : x * rreluSlope(p)), (x, p) => nanOr(x, x > 0 ? 1 : rreluSlope(p))],
    ["elu", {alpha: 1},
      (x, p) => (x > 0 ? x : p.alpha * Math.expm1(Math.min(x, 0))),
      (x, p) => nanOr(x, x > 0 ? 1 : p.alpha * Math.exp(Math.min(x, 0)))],
    ["selu", {},
      (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(Math.min(x, 0))),
      (x) => nanOr(x, x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(Math.min(x, 0)))],
    ["celu", {alpha: 1},
      (x, p) => (x > 0 ? x : p.alpha * Math.expm1(Math.min(x, 0) / p.alpha)),
      (x, p) => nanOr(x, x > 0 ? 1 : Math.exp(Math.min(x, 0) / p.alpha))],
    ["gelu", {approximate: "none"},
      (x, p) => {
        checkApproximate(p.approximate);
        // Φ(x) = erfc(-x/√2)/2 keeps relative precision for very negative x
        const gate = p.approximate === "none" ? 0.5 * erfc(-x / SQRT_2) : sigmoid(2 * geluTanhInner(x)[0]);
        return vanishing(x, gate);
      },
      (x, p) => {
        checkApproximate(p.approximate);
        if (p.approximate === "none") {
          const xc = clip(x, -40, 40);  // x φ(x) -> 0 at ±inf; keeps x*x finite
          return 0.5 * erfc(-x / SQRT_2) + xc * INV_SQRT_2PI * Math.exp(-0.5 * xc * xc);
        }
        const [inner, xc] = geluTanhInner(x);
        const s = sigmoid(2 * inner);
        const dinner = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * xc * xc);
        return s + xc * 2 * s * (1 - s) * dinner;
      }],
    ["silu", {}, (x) => vanishing(x, sigmoid(x)),
      (x) => { const s = sigmoid(x); return s + vanishing(x, s * (1 - s)); }],
    ["mish", {}, (x) => vanishing(x, Math.tanh(softplus(x))),
      (x) => { const t = Math.tanh(softplus(x)); return t + vanishing(x, (1 - t * t) * sigmoid(x)); }],
    ["hardswish", {},
      (x) => { const xc = clip(x, -3, 3); return x >= 3 ? x : x <= -3 ? 0 : xc * (xc + 3) / 6; },
      (x) => nanOr(x, x <= -3 ? 0 : x >= 3 ? 1 : clip(x, -3, 3) / 3 + 0.5)],  // kinks: PyTorch's outer pieces
    ["hardsigmoid", {}, (x) => clip(x / 6 + 0.5, 0, 1), (x) => nanOr(x, x > -3 && x < 3 ? 1 / 6 : 0)],
    ["softplus", {beta: 1, threshold: 20},
      // compare x with threshold/β rather than βx with threshold: βx can overflow
      (x, p) => (x > p.threshold / p.beta ? x : softplus(p.beta * Math.min(x, p.threshold / p.beta)) / p.beta),
      (x, p) => nanOr(x, x > p.threshold / p.beta ? 1 : sigmoid(p.beta * Math.min(x, p.threshold / p.beta)))],
    ["sigmoid", {}, sigmoid, (x) => { const s = sigmoid(x); return s * (1 - s); }],
    ["tanh", {}, Math.tanh, (x) => { const t = Math.tanh(x); return 1 - t * t; }],
    ["softsign", {},
      (x) => { const f = clip(x, -MAX, MAX); return f / (1 + Math.abs(f)); },  // ±inf gives ±1, not inf/inf
      (x) => { const r = 1 / (1 + Math.abs(x)); return r * r; }],
    ["identity", {}, (x) => x, (x) => nanOr(x, 1)],
    ["step", {}, (x) => nanOr(x, x > 0 ? 1 : 0), (x) => nanOr(x, 0)],
    ["negative_part", {}, (x) => Math.min(x, 0), (x) => nanOr(x, x < 0 ? 1 : 0)],
    ["reflected_relu", {}, (x) => Math.max(-x, 0), (x) => nanOr(x, x < 0 ? -1 : 0)],
    ["zero", {}, (x) => nanOr(x, 0), (x) => nanOr(x, 0)],
  ];

  const activations = {};
  for (const [name, parameters, f, grad] of TABLE) {
    const withDefaults = (params) => ({...parameters, ...params});
    activations[name] = Object.freeze({
      parameters: Object.freeze(parameters),
      f: (x, params) => clean(f(+x, withDefaults(params))),
      grad: (x, params) => clean(grad(+x, withDefaults(params))),
    });
  }
  // erfc is not an activation; the tests check it on its own (non-enumerable)
  Object.defineProperty(activations, "erfc", {value: erfc});
  globalThis.ReluActivations = Object.freeze(activations);
})();

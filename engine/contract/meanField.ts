/**
 * The mean-field maps of a deep random network (Poole et al. 2016; Schoenholz et al. 2017) for any
 * activation phi given by its value and slope, by one fast Gaussian quadrature:
 *   length map      q -> sigma_w^2 E[phi(sqrt(q) z)^2] + sigma_b^2, its slope sigma_w^2 E[u phi(u) phi'(u)] / q
 *                   (= chi_1 + sigma_w^2 E[phi phi''] by Stein's lemma, so no phi'' is needed)
 *   correlation map c -> (sigma_w^2 E[phi(u_1) phi(u_2)] + sigma_b^2) / q, its slope sigma_w^2 E[phi'(u_1) phi'(u_2)].
 * Quadrature: Gauss-Legendre panels over z in [-8, 8], split at the Gaussian's shoulders (z = +-3)
 * and at the activation's own scales mapped to z (u = 0, where ELU and SELU have their kink, and
 * u = +-2, +-6, where tanh, sigmoid and GELU bend and saturate). Splitting at u = 0 keeps SELU's
 * jump in phi' on a panel edge; splitting at u = +-2, +-6 keeps the nodes dense where phi bends
 * however large q is (a plain rule over z spaces its nodes sqrt(q) apart in u: the cause of
 * nonsense at large sigma_w^2). The pair integral is nested: u_2 given u_1 is N(c u_1, q (1 - c^2)),
 * the same panelled rule in the inner variable.
 * Pure: no imports outside the contract, so the page runs it.
 */

export const SMOOTH_ACTIVATIONS = ['tanh', 'sigmoid', 'gelu', 'elu', 'selu'] as const;
/** erf(sqrt(pi) x / 2) rides along: its closed forms (chaosActivations.ts) test this quadrature at any q. */
export type SmoothName = (typeof SMOOTH_ACTIVATIONS)[number] | 'erf';

/** SELU's constants (Klambauer et al. 2017), as engine/ops/selu.ts has them. */
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_LAMBDA = 1.0507009873554804934193349852946;
const INV_SQRT2 = 0.7071067811865476;
const INV_SQRT_2PI = 0.3989422804014327; // GELU's density

/** erf to about 1e-15 (the engine's series below 3, a continued fraction above; copied here: the contract imports nothing outside itself). */
export function erfContract(x: number): number {
  const ax = Math.abs(x);
  let v: number;
  if (ax < 3) {
    const x2 = ax * ax;
    let term = ax, sum = ax;
    for (let n = 1; n < 200; n++) { term *= (2 * x2) / (2 * n + 1); sum += term; if (term < sum * 1e-17) break; }
    v = 1.1283791670955126 * Math.exp(-x2) * sum;
  } else {
    // erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), Lentz.
    const tiny = 1e-300;
    let f = ax, C = ax, D = 0;
    for (let k = 1; k < 300; k++) {
      const a = k / 2;
      D = ax + a * D; D = D === 0 ? tiny : 1 / D;
      C = ax + a / C; if (C === 0) C = tiny;
      const delta = C * D; f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    v = 1 - (0.5641895835477563 * Math.exp(-ax * ax)) / f;
  }
  return x < 0 ? -v : v;
}

/** Writes phi(u[i]) into v[i] and phi'(u[i]) into d[i] for i < n: one pass, one transcendental where possible. */
export type Fill = (u: Float64Array, n: number, v: Float64Array, d: Float64Array) => void;

export const FILLS: Readonly<Record<SmoothName, Fill>> = {
  erf: (u, n, v, d) => { for (let i = 0; i < n; i++) { const x = u[i]; v[i] = erfContract(0.886226925452758 * x); d[i] = Math.exp(-0.7853981633974483 * x * x); } },
  tanh: (u, n, v, d) => { for (let i = 0; i < n; i++) { const t = Math.tanh(u[i]); v[i] = t; d[i] = 1 - t * t; } },
  sigmoid: (u, n, v, d) => { for (let i = 0; i < n; i++) { const s = 1 / (1 + Math.exp(-u[i])); v[i] = s; d[i] = s * (1 - s); } },
  gelu: (u, n, v, d) => {
    for (let i = 0; i < n; i++) {
      const x = u[i], cdf = 0.5 * (1 + erfContract(x * INV_SQRT2));
      v[i] = x * cdf; d[i] = cdf + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }
  },
  elu: (u, n, v, d) => { for (let i = 0; i < n; i++) { const x = u[i]; if (x > 0) { v[i] = x; d[i] = 1; } else { v[i] = Math.expm1(x); d[i] = Math.exp(x); } } },
  selu: (u, n, v, d) => {
    for (let i = 0; i < n; i++) {
      const x = u[i];
      if (x > 0) { v[i] = SELU_LAMBDA * x; d[i] = SELU_LAMBDA; } else { v[i] = SELU_LAMBDA * SELU_ALPHA * Math.expm1(x); d[i] = SELU_LAMBDA * SELU_ALPHA * Math.exp(x); }
    }
  },
};

/** lim E[phi(u)^2] / q as q -> infinity: 0 for the bounded ones, 1/2 for GELU and ELU (ReLU-like), lambda^2 / 2 for SELU. */
const GROWTH: Readonly<Record<SmoothName, number>> = { tanh: 0, erf: 0, sigmoid: 0, gelu: 0.5, elu: 0.5, selu: (SELU_LAMBDA * SELU_LAMBDA) / 2 };

const ODD: ReadonlySet<SmoothName> = new Set(['tanh', 'erf']);

/** phi(0) and phi'(0): what the maps become as q -> 0. */
const AT_ZERO: Readonly<Record<SmoothName, readonly [number, number]>> = {
  erf: [0, 1], tanh: [0, 1], sigmoid: [0.5, 0.25], gelu: [0, 0.5], elu: [0, 1], selu: [0, SELU_LAMBDA],
};

/** Gauss-Legendre nodes and weights on [-1, 1] (Newton on P_n from Chebyshev guesses). */
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n), w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5)), dp = 1;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = t;
      for (let k = 2; k <= n; k++) { const p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k; p0 = p1; p1 = p2; }
      dp = (n * (t * p1 - p0)) / (t * t - 1);
      const dt = p1 / dp;
      t -= dt;
      if (Math.abs(dt) < 1e-16) break;
    }
    x[i] = t; w[i] = 2 / ((1 - t * t) * dp * dp);
  }
  return { x, w };
}

/**
 * Quadrature settings. Analytic activations (tanh, sigmoid, erf, GELU) use the trapezoid rule over
 * zeta in [-8, 8]: for a Gaussian times a function analytic in a strip of half-width d it converges
 * like exp(-2 pi d / h), and tanh(mu + sigma zeta) has its poles at distance pi / (2 sigma), so the
 * step is h = min(0.5, step / sigma) (step 0.5: about 1e-9). ELU and SELU, entire on either side of
 * their kink at u = 0 but not across it, use Gauss-Legendre panels cut at the kink, at the Gaussian's
 * own scale (zeta = +-1.5, +-4.5) and, once sigma > 1.5, at u = -2, -6 where e^u bends.
 * Tests may change these to check convergence.
 */
export const QUADRATURE = { step: 0.3, nodes: 10 };
/** The grid's coarser rule (colour only; about 1e-5 relative, far below what a colour resolves). */
export const COARSE = { step: 0.55, nodes: 7, tolerance: 1e-7 };
let step = QUADRATURE.step, nodesNow = QUADRATURE.nodes, tolerance = 1e-10;
const Z_MAX = 8;
const MAX_NODES = 2001;
const Z_CUTS = [-4.5, -1.5, 1.5, 4.5];
const U_BENDS = [-6, -2];
let GL = gaussLegendre(QUADRATURE.nodes), glNodes = QUADRATURE.nodes;

const KINKED: ReadonlySet<SmoothName> = new Set(['elu', 'selu']);
/** Distance of the nearest complex singularity from the real axis in u (tanh: pi/2; sigmoid: pi). */
const STRIP: Readonly<Record<SmoothName, number>> = { tanh: 1, erf: 1, gelu: 1, sigmoid: 2, elu: 1, selu: 1 };

/**
 * Fills u[] and w[] with the nodes u = mu + sigma zeta and weights (Gaussian density included, summing
 * to 1) of E[g(mu + sigma zeta)], zeta ~ N(0, 1); returns the node count. Trapezoid nodes are
 * symmetric about zeta = 0 with an odd count (the pair integral's symmetry uses that).
 */
function rule(act: SmoothName, mu: number, sigma: number, u: Float64Array, w: Float64Array): number {
  let n = 0, total = 0;
  if (!KINKED.has(act)) {
    const h0 = Math.min(0.5, (step * STRIP[act]) / Math.max(sigma, 1e-300));
    const half = Math.min((MAX_NODES - 1) / 2, Math.ceil(Z_MAX / h0)), h = Z_MAX / half;
    for (let k = -half; k <= half; k++) {
      const z = k * h;
      u[n] = mu + sigma * z;
      total += w[n] = Math.exp(-0.5 * z * z);
      n++;
    }
  } else {
    if (glNodes !== nodesNow) { GL = gaussLegendre(nodesNow); glNodes = nodesNow; }
    const cuts = [-Z_MAX, Z_MAX, ...Z_CUTS];
    if (sigma > 0) {
      const add = (b: number) => { const z = (b - mu) / sigma; if (z > -Z_MAX && z < Z_MAX) cuts.push(z); };
      add(0);
      if (sigma > 1.5) for (const b of U_BENDS) add(b);
    }
    cuts.sort((x, y) => x - y);
    for (let p = 0; p + 1 < cuts.length; p++) {
      const a = cuts[p], b = cuts[p + 1];
      if (b - a < 1e-12) continue;
      const half = 0.5 * (b - a), mid = 0.5 * (a + b);
      for (let k = 0; k < glNodes; k++) {
        const z = mid + half * GL.x[k];
        u[n] = mu + sigma * z;
        total += w[n] = half * GL.w[k] * Math.exp(-0.5 * z * z);
        n++;
      }
    }
  }
  for (let i = 0; i < n; i++) w[i] /= total;
  return n;
}

// Scratch buffers: the page is single-threaded, and nothing here re-enters.
const U1 = new Float64Array(MAX_NODES), W1 = new Float64Array(MAX_NODES), V1 = new Float64Array(MAX_NODES), D1 = new Float64Array(MAX_NODES);
const U2 = new Float64Array(MAX_NODES), W2 = new Float64Array(MAX_NODES), V2 = new Float64Array(MAX_NODES), D2 = new Float64Array(MAX_NODES);

export interface LengthMoments {
  /** E[phi(u)^2], u ~ N(0, q). */
  readonly m2: number;
  /** E[phi'(u)^2]. */
  readonly d2: number;
  /** d/dq E[phi(u)^2] = E[u phi phi'] / q (the limit phi'(0)^2 at q = 0 when phi(0) = 0). */
  readonly slope: number;
}

export function lengthMoments(act: SmoothName, q: number): LengthMoments {
  if (!(q > 0)) {
    const [v0, d0] = AT_ZERO[act];
    return { m2: v0 * v0, d2: d0 * d0, slope: v0 === 0 ? d0 * d0 : Infinity };
  }
  const n = rule(act, 0, Math.sqrt(q), U1, W1);
  FILLS[act](U1, n, V1, D1);
  let m2 = 0, d2 = 0, s = 0;
  for (let i = 0; i < n; i++) { const w = W1[i], v = V1[i], d = D1[i]; m2 += w * v * v; d2 += w * d * d; s += w * U1[i] * v * d; }
  return { m2, d2, slope: s / q };
}

/** E[phi(u_1) phi(u_2)] and E[phi'(u_1) phi'(u_2)], u_1, u_2 ~ N(0, q) with correlation c. */
export function pairMoments(act: SmoothName, q: number, c: number): { phi: number; dphi: number } {
  const fill = FILLS[act], s = Math.sqrt(q), r = s * Math.sqrt(Math.max(0, (1 - c) * (1 + c)));
  const n = rule(act, 0, s, U1, W1);
  fill(U1, n, V1, D1);
  // An odd phi (tanh, erf): the integrands are even under (u_1, u_2) -> (-u_1, -u_2) and the outer
  // rule is symmetric with its middle node at 0, so the nodes u_1 < 0 count twice.
  const odd = ODD.has(act), middle = n >> 1, upto = odd ? middle + 1 : n;
  let phi = 0, dphi = 0;
  for (let i = 0; i < upto; i++) {
    const m = rule(act, c * U1[i], r, U2, W2);
    fill(U2, m, V2, D2);
    let a = 0, b = 0;
    for (let j = 0; j < m; j++) { a += W2[j] * V2[j]; b += W2[j] * D2[j]; }
    const twice = odd && i < middle ? 2 : 1;
    phi += twice * W1[i] * V1[i] * a; dphi += twice * W1[i] * D1[i] * b;
  }
  return { phi, dphi };
}

/**
 * The length map's stable fixed point reached from q_0 = 1 (the map is increasing in q, so its
 * iterates move monotonically to the first fixed point on their side); Infinity where q_l grows
 * without bound (past 1e8), 0 where the signal fades. Safeguarded Newton inside a bracket.
 */
export function fixedPointQ(act: SmoothName, sw2: number, sb2: number, q0 = 1): number {
  const h = (q: number) => { const m = lengthMoments(act, q); return { h: sw2 * m.m2 + sb2 - q, dh: sw2 * m.slope - 1 }; };
  const start = h(q0);
  if (start.h === 0) return q0;
  let lo: number, hi: number;
  if (start.h < 0) {
    // The fixed point lies below q0: 0 itself without biases when the map's slope at 0 is at most 1.
    const zero = h(0);
    if (sb2 === 0 && AT_ZERO[act][0] === 0 && zero.dh <= 0) {
      // The slope at 0 <= 1, but the map may still have a positive fixed point below q0: bisect for a sign change from the left.
      if (h(1e-12).h <= 0) return 0;
    }
    lo = sb2 === 0 ? 1e-12 : 0; hi = q0;
  } else {
    // Rising from q0 with h' >= 0 while the map grows faster than q at infinity: h never turns (concave
    // h keeps a slope above its asymptote, convex h above its slope at q0), so q_l grows without bound.
    if (sw2 * GROWTH[act] > 1 && start.dh >= 0) return Infinity;
    lo = q0; hi = 2 * q0 + sb2;
    while (h(hi).h > 0) { lo = hi; hi *= 4; if (hi > 1e8) return Infinity; }
  }
  // h > 0 at lo, h < 0 at hi.
  let q = 0.5 * (lo + hi);
  for (let i = 0; i < 200; i++) {
    const { h: v, dh } = h(q);
    if (v > 0) lo = q; else hi = q;
    let next = q - v / dh;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - q) <= tolerance * 1e-3 * Math.max(q, 1e-10) || hi - lo <= tolerance * 1e-3 * hi) return next;
    q = next;
  }
  return q;
}

export interface SmoothPoint {
  readonly qStar: number;
  readonly chi1: number;
  /** The correlation map's stable fixed point (1 in the ordered phase). */
  readonly cStar: number;
  /** -1 / log(sigma_w^2 E[phi'(u_1) phi'(u_2)]) at c* (Infinity where that slope is >= 1). */
  readonly xiC: number;
  /** -1 / log(the length map's slope at q*). */
  readonly xiQ: number;
}

const depth = (slope: number) => (slope >= 1 ? Infinity : -1 / Math.log(slope));

/**
 * The correlation map at q*. Its denominator is sigma_w^2 E[phi^2] + sigma_b^2 by the same outer rule
 * (the inner weights sum to 1, so the pair rule at c = 1 is that 1D rule): m(1) = 1 to rounding, and
 * no spurious root near c = 1 comes from two rules disagreeing.
 */
function correlationAt(act: SmoothName, sw2: number, sb2: number, q: number) {
  const norm = sw2 * lengthMoments(act, q).m2 + sb2;
  return (c: number) => { const p = pairMoments(act, q, c); return { m: (sw2 * p.phi + sb2) / norm, slope: (sw2 * p.dphi * q) / norm }; };
}

/**
 * Everything the plane shows at one point. start: a c known to lie at or left of c* (a neighbour's),
 * else 0. In the chaotic phase c* is the root of g(c) = m(c) - c below 1: m is convex on [0, 1]
 * (its Hermite series has non-negative coefficients) with m(0) >= 0 and slope chi_1 > 1 at c = 1,
 * so g > 0 left of c* and < 0 between c* and 1; safeguarded Newton inside that bracket.
 */
export function smoothPoint(act: SmoothName, sw2: number, sb2: number, start = 0, coarse = false): SmoothPoint {
  step = coarse ? COARSE.step : QUADRATURE.step; nodesNow = coarse ? COARSE.nodes : QUADRATURE.nodes; tolerance = coarse ? COARSE.tolerance : 1e-10;
  try { return point(act, sw2, sb2, start); } finally { step = QUADRATURE.step; nodesNow = QUADRATURE.nodes; tolerance = 1e-10; }
}

function point(act: SmoothName, sw2: number, sb2: number, start: number): SmoothPoint {
  const qStar = fixedPointQ(act, sw2, sb2);
  if (!Number.isFinite(qStar)) return { qStar, chi1: NaN, cStar: NaN, xiC: NaN, xiQ: NaN };
  const mom = lengthMoments(act, qStar);
  const chi1 = sw2 * mom.d2, xiQ = depth(sw2 * mom.slope);
  if (chi1 <= 1 || qStar === 0) return { qStar, chi1, cStar: 1, xiC: depth(chi1), xiQ };
  const map = correlationAt(act, sw2, sb2, qStar);
  let c = start > 0 && start < 1 ? start : 0, at = map(c);
  if (at.m - c <= 0) { c = 0; at = map(0); }
  // Newton from the left: g = m - c is convex and decreasing there, so the iterates climb to c* without overshooting.
  for (let i = 0; i < 60; i++) {
    const g = at.m - c, next = c - g / (at.slope - 1);
    // Within the tolerance (1e-10; the grid's 1e-7) of c*: stop (the slope there differs from the slope at c* far below what xi_c shows).
    if (Math.abs(next - c) < tolerance) break;
    if (!(next > c && next < 1 - 1e-13 && at.slope < 1)) return bracketed(map, c, qStar, chi1, xiQ);
    c = next; at = map(c);
  }
  return { qStar, chi1, cStar: c, xiC: depth(at.slope), xiQ };
}

/** The safeguard: bisection and Newton inside [lo, hi] with g(lo) > 0 > g(hi) (c* can sit within chi_1 - 1 of 1 near the edge). */
function bracketed(map: (c: number) => { m: number; slope: number }, lo: number, qStar: number, chi1: number, xiQ: number): SmoothPoint {
  let hi = 1;
  for (let d = 1e-2; d >= 1e-12; d /= 10) { const c = 1 - d; if (c > lo && map(c).m - c < 0) { hi = c; break; } }
  if (hi === 1) return { qStar, chi1, cStar: 1, xiC: depth(chi1), xiQ };
  let c = 0.5 * (lo + hi), at = map(c);
  for (let i = 0; i < 200; i++) {
    const g = at.m - c;
    if (g > 0) lo = c; else hi = c;
    let next = c - g / (at.slope - 1);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const done = Math.abs(next - c) < tolerance || hi - lo < tolerance;
    c = next; at = map(c);
    if (done) break;
  }
  return { qStar, chi1, cStar: c, xiC: depth(at.slope), xiQ };
}

/** The correlation map's iteration c_1..c_depth from c_0 at q* (the length already at its fixed point). */
export function correlationTrajectory(act: SmoothName, c0: number, n: number, sw2: number, sb2: number): number[] {
  const q = fixedPointQ(act, sw2, sb2);
  const out: number[] = [];
  if (!Number.isFinite(q) || q === 0) return Array.from({ length: n }, () => c0);
  const map = correlationAt(act, sw2, sb2, q);
  let c = c0;
  for (let l = 0; l < n; l++) out.push(c = map(c).m);
  return out;
}

/**
 * c_l of the pre-activations at layers 1..n for two inputs of correlation c_0 and second moment
 * inputQ per coordinate, the length iterated alongside (the transient before q* included):
 * q_1 = sigma_w^2 inputQ + sigma_b^2, c_1 = (sigma_w^2 inputQ c_0 + sigma_b^2) / q_1, then both maps.
 */
export function pairPropagation(act: SmoothName, c0: number, n: number, sw2: number, sb2: number, inputQ = 1): number[] {
  let q = sw2 * inputQ + sb2, c = q === 0 ? c0 : (sw2 * inputQ * c0 + sb2) / q;
  const out = [c];
  for (let l = 1; l < n; l++) {
    if (q < 1e-300 || !Number.isFinite(q)) { out.push(c); continue; }
    const phi = pairMoments(act, q, c).phi, m2 = lengthMoments(act, q).m2;
    const next = sw2 * m2 + sb2;
    c = next === 0 ? c : (sw2 * phi + sb2) / next;
    q = next;
    out.push(c);
  }
  return out;
}

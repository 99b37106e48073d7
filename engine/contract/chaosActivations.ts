/**
 * The mean-field plane (sigma_w^2, sigma_b^2) for other activations than tanh, in closed form
 * (Poole et al. 2016; Schoenholz et al. 2017; the erf and ReLU kernels of Williams 1997 and
 * Cho & Saul 2009), with u_1, u_2 ~ N(0, q), correlation c:
 * - erf(sqrt(pi)/2 x), tanh's slope at 0 and its saturation, whose integrals are exact:
 *     E[phi(u_1) phi(u_2)] = (2/pi) asin(pi q c / (2 + pi q)),
 *     E[phi'(u_1) phi'(u_2)] = 1 / sqrt((1 + pi q / 2)^2 - (pi q c / 2)^2);
 *   an ordered and a chaotic phase like tanh's.
 * - linear: q* = sigma_b^2 / (1 - sigma_w^2), chi_1 = sigma_w^2, c_l -> 1 geometrically below
 *   sigma_w^2 = 1; above it q_l grows without bound while c_l stays where it was: no chaos.
 * - ReLU: q_l = (sigma_w^2 / 2) q_{l-1} + sigma_b^2, chi_1 = sigma_w^2 / 2. Below sigma_w^2 = 2 with
 *   biases: ordered, xi_c = -1 / log(sigma_w^2 / 2). Without biases, or at sigma_w^2 >= 2 (q_l grows,
 *   the bias fades), the correlation map is the arc-cosine map c -> (sqrt(1 - c^2) + (pi - acos c) c) / pi,
 *   slope 1 at c = 1: correlations creep to 1 polynomially (xi_c infinite) and never decorrelate.
 * Depth scales: xi_c (correlations), xi_q = -1 / log(the length map's slope at q*), and the
 * gradients' xi_grad = -1 / log chi_1 (Schoenholz et al. eq. 13; infinite at the edge).
 * Pure: the page runs it.
 */
import { tanhChaosPoint, tanhCriticalSw2 } from './chaosPlane.ts';

export const PLANE_ACTIVATIONS = ['tanh', 'erf', 'relu', 'linear'] as const;
export type PlaneActivation = (typeof PLANE_ACTIVATIONS)[number];

export const PLANE_TITLES: Readonly<Record<PlaneActivation, string>> = { tanh: 'tanh', erf: 'erf(√π x / 2)', relu: 'ReLU', linear: 'linear' };

export type Regime = 'ordered' | 'chaotic' | 'edge' | 'unbounded' | 'marginal';

export interface PlanePoint {
  readonly sw2: number;
  readonly sb2: number;
  /** Infinity where the length map has no fixed point (q_l grows without bound). */
  readonly qStar: number;
  readonly chi1: number;
  readonly cStar: number;
  /** Infinity at the edge and where the correlation map is marginal (ReLU's, linear's). */
  readonly xiC: number;
  readonly xiQ: number;
  readonly xiGrad: number;
  readonly regime: Regime;
}

const depth = (slope: number) => (slope >= 1 ? Infinity : -1 / Math.log(slope));

function regimeOf(chi1: number): Regime {
  return chi1 < 1 - 1e-9 ? 'ordered' : chi1 > 1 + 1e-9 ? 'chaotic' : 'edge';
}

/** The length map of tanh: its slope at q* is chi_1 + sigma_w^2 E[phi'' phi] (Schoenholz et al. eq. 5). */
function tanhPoint(sw2: number, sb2: number): PlanePoint {
  const p = tanhChaosPoint(sw2, sb2);
  let slope = p.chi1;
  if (p.qStar > 0) {
    const n = 121, a = 9, h = (2 * a) / (n - 1), s = Math.sqrt(p.qStar);
    let t = 0;
    for (let i = 0; i < n; i++) {
      const z = -a + i * h, th = Math.tanh(s * z);
      t += (h * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI) * (-2 * th * (1 - th * th)) * th;
    }
    slope += sw2 * t;
  }
  return { ...p, xiQ: depth(slope), xiGrad: depth(p.chi1), regime: regimeOf(p.chi1) };
}

/** erf(sqrt(pi)/2 x): E[phi(u)^2] = (2/pi) asin(pi q / (2 + pi q)). */
const erfM2 = (q: number) => (2 / Math.PI) * Math.asin((Math.PI * q) / (2 + Math.PI * q));
const erfPair = (q: number, c: number) => (2 / Math.PI) * Math.asin((Math.PI * q * c) / (2 + Math.PI * q));
const erfDPair = (q: number, c: number) => 1 / Math.sqrt((1 + (Math.PI * q) / 2) ** 2 - ((Math.PI * q * c) / 2) ** 2);

/** The root of a decreasing-through-zero f on [lo, hi] by bisection (80 halvings: below double precision). */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) > 0) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

export function erfFixedPointQ(sw2: number, sb2: number): number {
  if (sb2 === 0 && sw2 <= 1) return 0; // the slope of sigma_w^2 E[phi^2] at q = 0 is sigma_w^2
  // h(q) = sigma_w^2 E[phi^2] + sigma_b^2 - q is concave, positive just above 0, negative past sigma_w^2 + sigma_b^2.
  return bisect((q) => sw2 * erfM2(q) + sb2 - q, sb2 === 0 ? 1e-300 : 0, sw2 + sb2 + 1);
}

function erfPoint(sw2: number, sb2: number): PlanePoint {
  const q = erfFixedPointQ(sw2, sb2);
  const chi1 = sw2 * erfDPair(q, 1);
  // The length map's slope: d/dq sigma_w^2 (2/pi) asin(x), x = pi q / (2 + pi q), dx/dq = 2 pi / (2 + pi q)^2.
  const x = (Math.PI * q) / (2 + Math.PI * q);
  const qSlope = sw2 * (2 / Math.PI) * ((2 * Math.PI) / (2 + Math.PI * q) ** 2) / Math.sqrt(1 - x * x);
  if (chi1 <= 1 || q === 0) return { sw2, sb2, qStar: q, chi1, cStar: 1, xiC: depth(chi1), xiQ: depth(qSlope), xiGrad: depth(chi1), regime: regimeOf(chi1) };
  const m = (c: number) => (sw2 * erfPair(q, c) + sb2) / q - c;
  // m is convex on [0, 1] with m(1) = 0 and slope chi_1 > 1 there: one root below 1 (0 itself without biases).
  const cStar = m(1e-12) <= 0 ? 0 : bisect(m, 0, 1 - 1e-9);
  return { sw2, sb2, qStar: q, chi1, cStar, xiC: depth(sw2 * erfDPair(q, cStar)), xiQ: depth(qSlope), xiGrad: depth(chi1), regime: 'chaotic' };
}

function linearPoint(sw2: number, sb2: number): PlanePoint {
  const chi1 = sw2;
  if (sw2 >= 1 && !(sw2 === 1 && sb2 === 0)) return { sw2, sb2, qStar: Infinity, chi1, cStar: NaN, xiC: Infinity, xiQ: Infinity, xiGrad: depth(chi1), regime: 'unbounded' };
  const qStar = sw2 === 1 ? 0 : sb2 / (1 - sw2);
  // Without biases q* = 0 and c_{l+1} = c_l exactly: the map is the identity.
  if (sb2 === 0) return { sw2, sb2, qStar, chi1, cStar: NaN, xiC: Infinity, xiQ: depth(sw2), xiGrad: depth(chi1), regime: 'marginal' };
  return { sw2, sb2, qStar, chi1, cStar: 1, xiC: depth(sw2), xiQ: depth(sw2), xiGrad: depth(chi1), regime: 'ordered' };
}

function reluPoint(sw2: number, sb2: number): PlanePoint {
  const chi1 = sw2 / 2;
  if (sw2 >= 2 && !(sw2 === 2 && sb2 === 0)) return { sw2, sb2, qStar: Infinity, chi1, cStar: 1, xiC: Infinity, xiQ: Infinity, xiGrad: depth(chi1), regime: 'unbounded' };
  const qStar = sw2 === 2 ? 0 : sb2 / (1 - sw2 / 2);
  if (sb2 === 0) return { sw2, sb2, qStar, chi1, cStar: 1, xiC: Infinity, xiQ: depth(chi1), xiGrad: depth(chi1), regime: 'marginal' };
  return { sw2, sb2, qStar, chi1, cStar: 1, xiC: depth(chi1), xiQ: depth(chi1), xiGrad: depth(chi1), regime: 'ordered' };
}

export function planePoint(act: PlaneActivation, sw2: number, sb2: number): PlanePoint {
  switch (act) {
    case 'tanh': return tanhPoint(sw2, sb2);
    case 'erf': return erfPoint(sw2, sb2);
    case 'linear': return linearPoint(sw2, sb2);
    case 'relu': return reluPoint(sw2, sb2);
  }
}

/** sigma_w^2 on the boundary chi_1 = 1 (for linear and ReLU: where q* stops existing). */
export function criticalSw2(act: PlaneActivation, sb2: number): number {
  switch (act) {
    case 'tanh': return tanhCriticalSw2(sb2);
    case 'erf': return bisect((w) => 1 - planePoint('erf', w, sb2).chi1, 0.25, 8);
    case 'linear': return 1;
    case 'relu': return 2;
  }
}

/** The regions either side of the boundary. */
export function planeSides(act: PlaneActivation): readonly [string, string] {
  return act === 'tanh' || act === 'erf' ? ['ordered', 'chaotic'] : ['ordered', 'q unbounded'];
}


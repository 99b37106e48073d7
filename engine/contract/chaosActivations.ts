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
 * - leaky ReLU, slope a below 0: E[phi(u_1) phi(u_2)] = q (a c + (1 - a)^2 J(c)), J(c) the arc-cosine kernel
 *   (sqrt(1 - c^2) + (pi - acos c) c) / (2 pi); chi_1 = sigma_w^2 (1 + a^2) / 2, everything as for ReLU
 *   with the line sigma_w^2 = 2 / (1 + a^2) (He's with the leaky gain) in place of 2.
 * - tanh, sigmoid, GELU, ELU, SELU: no closed form; meanField.ts's quadrature (chaosPlane.ts). GELU,
 *   ELU and SELU grow linearly, so past a line q_l grows without bound as for ReLU.
 * - ReLU: q_l = (sigma_w^2 / 2) q_{l-1} + sigma_b^2, chi_1 = sigma_w^2 / 2. Below sigma_w^2 = 2 with
 *   biases: ordered, xi_c = -1 / log(sigma_w^2 / 2). Without biases, or at sigma_w^2 >= 2 (q_l grows,
 *   the bias fades), the correlation map is the arc-cosine map c -> (sqrt(1 - c^2) + (pi - acos c) c) / pi,
 *   slope 1 at c = 1: correlations creep to 1 polynomially (xi_c infinite) and never decorrelate.
 * Depth scales: xi_c (correlations), xi_q = -1 / log(the length map's slope at q*), and the
 * gradients' xi_grad = -1 / log chi_1 (Schoenholz et al. eq. 13; infinite at the edge).
 * Pure: the page runs it.
 */
import { smoothChaosPoint, smoothCriticalSw2 } from './chaosPlane.ts';
import { fixedPointQ, lengthMoments, pairPropagation, SMOOTH_ACTIVATIONS, type SmoothName } from './meanField.ts';
import { LEAKY_SLOPE } from './names.ts';

/** Every activation a link may choose, and erf (a closed form for comparison, no layer). */
export const PLANE_ACTIVATIONS = ['tanh', 'sigmoid', 'gelu', 'elu', 'selu', 'erf', 'relu', 'leaky_relu', 'linear'] as const;
export type PlaneActivation = (typeof PLANE_ACTIVATIONS)[number];

export const PLANE_TITLES: Readonly<Record<PlaneActivation, string>> = {
  tanh: 'tanh', sigmoid: 'sigmoid', gelu: 'GELU', elu: 'ELU', selu: 'SELU', erf: 'erf(√π x / 2)', relu: 'ReLU', leaky_relu: 'leaky ReLU', linear: 'linear',
};

export const isSmooth = (act: PlaneActivation): act is Exclude<SmoothName, 'erf'> => (SMOOTH_ACTIVATIONS as readonly string[]).includes(act);

/** The activations whose plane is computed by quadrature (a slower grid) rather than in closed form. */
export type QuadratureActivation = Exclude<SmoothName, 'erf'>;

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

/** A smooth activation's point by quadrature; 'unbounded' where q* does not exist. coarse: the grid's rule. */
export function smoothPlanePoint(act: QuadratureActivation, sw2: number, sb2: number, start = 0, coarse = false): PlanePoint {
  const p = smoothChaosPoint(act, sw2, sb2, start, coarse);
  if (!Number.isFinite(p.qStar)) return { ...p, cStar: NaN, chi1: NaN, xiC: Infinity, xiQ: Infinity, xiGrad: NaN, regime: 'unbounded' };
  const m = lengthMoments(act, p.qStar);
  const xiQ = p.qStar === 0 ? depth(p.chi1) : depth(sw2 * m.slope);
  return { ...p, xiQ, xiGrad: depth(p.chi1), regime: regimeOf(p.chi1) };
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

/** ReLU (a = 0) and leaky ReLU (a = LEAKY_SLOPE): chi_1 = sigma_w^2 (1 + a^2) / 2, the line where it is 1 separates vanishing from growing lengths. */
function reluPoint(sw2: number, sb2: number, a = 0): PlanePoint {
  const k = (1 + a * a) / 2, chi1 = sw2 * k, line = 1 / k;
  if (sw2 >= line && !(sw2 === line && sb2 === 0)) return { sw2, sb2, qStar: Infinity, chi1, cStar: 1, xiC: Infinity, xiQ: Infinity, xiGrad: depth(chi1), regime: 'unbounded' };
  const qStar = sw2 === line ? 0 : sb2 / (1 - chi1);
  if (sb2 === 0) return { sw2, sb2, qStar, chi1, cStar: 1, xiC: Infinity, xiQ: depth(chi1), xiGrad: depth(chi1), regime: 'marginal' };
  return { sw2, sb2, qStar, chi1, cStar: 1, xiC: depth(chi1), xiQ: depth(chi1), xiGrad: depth(chi1), regime: 'ordered' };
}

/** The degenerate line of ReLU-like activations: sigma_w^2 = 2 / (1 + a^2). */
export const leakyLine = (a = LEAKY_SLOPE) => 2 / (1 + a * a);

/** E[phi(u_1) phi(u_2)] / q for phi = max(x, a x): a c + (1 - a)^2 (sqrt(1 - c^2) + (pi - acos c) c) / (2 pi). */
export function leakyKernel(c: number, a: number): number {
  const cc = Math.max(-1, Math.min(1, c));
  return a * cc + ((1 - a) ** 2 * (Math.sqrt(Math.max(0, 1 - cc * cc)) + (Math.PI - Math.acos(cc)) * cc)) / (2 * Math.PI);
}

export function planePoint(act: PlaneActivation, sw2: number, sb2: number): PlanePoint {
  switch (act) {
    case 'erf': return erfPoint(sw2, sb2);
    case 'linear': return linearPoint(sw2, sb2);
    case 'relu': return reluPoint(sw2, sb2);
    case 'leaky_relu': return reluPoint(sw2, sb2, LEAKY_SLOPE);
    default: return smoothPlanePoint(act, sw2, sb2);
  }
}

/**
 * sigma_w^2 where the ordered phase ends: chi_1 = 1 (for linear, ReLU and leaky ReLU: where q* stops
 * existing; for GELU, ELU and SELU whichever of the two comes first). hi when chi_1 < 1 up to hi.
 */
export function criticalSw2(act: PlaneActivation, sb2: number, hi = 8): number {
  switch (act) {
    case 'erf': return bisect((w) => 1 - planePoint('erf', w, sb2).chi1, 0.25, 8);
    case 'linear': return 1;
    case 'relu': return 2;
    case 'leaky_relu': return leakyLine();
    default: return smoothCriticalSw2(act, sb2, 0.25, hi);
  }
}

/** Does the activation have a chaotic phase (c* < 1) anywhere on the plane's sigma_w^2 <= 4? */
export const CHAOTIC: Readonly<Record<PlaneActivation, boolean>> = {
  tanh: true, erf: true, selu: true, elu: true, gelu: true, sigmoid: false, relu: false, leaky_relu: false, linear: false,
};

/** Where q_l can grow without bound (grey on the plane). */
export const UNBOUNDED_SOMEWHERE: Readonly<Record<PlaneActivation, boolean>> = {
  tanh: false, erf: false, sigmoid: false, selu: true, elu: true, gelu: true, relu: true, leaky_relu: true, linear: true,
};

/** The regions either side of the boundary. */
export function planeSides(act: PlaneActivation): readonly [string, string] {
  if (!CHAOTIC[act]) return act === 'sigmoid' ? ['ordered', 'chaotic'] : ['ordered', 'q unbounded'];
  return UNBOUNDED_SOMEWHERE[act] ? ['ordered', 'chaotic, then q unbounded'] : ['ordered', 'chaotic'];
}

/**
 * The correlation of two inputs' pre-activations at layers 1..depth from c_0 (inputs of second moment
 * inputQ per coordinate), the length iterated alongside; null for erf (no such layer).
 */
export function planePairPropagation(act: PlaneActivation, c0: number, depth: number, sw2: number, sb2: number, inputQ = 1): number[] | null {
  if (act === 'erf') return null;
  if (isSmooth(act)) return pairPropagation(act, c0, depth, sw2, sb2, inputQ);
  const a = act === 'linear' ? 1 : act === 'leaky_relu' ? LEAKY_SLOPE : 0, k = (1 + a * a) / 2;
  let q = sw2 * inputQ + sb2, c = q === 0 ? c0 : (sw2 * inputQ * c0 + sb2) / q;
  const out = [c];
  for (let l = 1; l < depth; l++) {
    const next = sw2 * k * q + sb2;
    c = next === 0 || !Number.isFinite(next) ? c : (sw2 * q * leakyKernel(c, a) + sb2) / next;
    q = next;
    out.push(c);
  }
  return out;
}

/** q* by the activation's own route (for callers that want only the length). */
export function planeFixedPointQ(act: PlaneActivation, sw2: number, sb2: number): number {
  return isSmooth(act) ? fixedPointQ(act, sw2, sb2) : planePoint(act, sw2, sb2).qStar;
}


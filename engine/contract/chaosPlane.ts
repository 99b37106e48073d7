/**
 * The (sigma_w^2, sigma_b^2) phase diagram of a deep network with a smooth activation (tanh, sigmoid,
 * GELU, ELU, SELU) in the wide limit (Poole et al. 2016, "Exponential expressivity in deep neural
 * networks through transient chaos"; Schoenholz et al. 2017, "Deep information propagation"), fast
 * enough for a page: the quadrature and the fixed points of meanField.ts (q* by safeguarded Newton,
 * c* by Newton from the left: the correlation map is convex on [0, 1], Price's theorem), the depth
 * scale xi_c = -1 / log(sigma_w^2 E[phi'(u_1) phi'(u_2)]) at c*, the grid and its boundary.
 * engine/chaosTheory.ts is the slow reference these numbers are tested against.
 * Pure: imports only the contract, so the page may run it.
 */
import { fixedPointQ, lengthMoments, pairPropagation, correlationTrajectory, smoothPoint, type SmoothName } from './meanField.ts';

/** The length map's fixed point q* for tanh (0 where sigma_b^2 = 0 and sigma_w^2 <= 1). */
export function tanhFixedPointQ(sw2: number, sb2: number): number {
  return fixedPointQ('tanh', sw2, sb2);
}

export interface ChaosPoint {
  readonly sw2: number;
  readonly sb2: number;
  readonly qStar: number;
  /** The correlation map's slope at c = 1: below 1 ordered, above 1 chaotic. */
  readonly chi1: number;
  /** The stable fixed point of the correlation map (1 in the ordered phase). */
  readonly cStar: number;
  /** The depth over which two inputs' correlation approaches c* (Schoenholz et al. 2017, eq. 9). */
  readonly xiC: number;
}

/** start: a c known to lie at or left of c* (a neighbour's c* at larger sigma_w^2), else 0; coarse: the grid's rule. */
export function smoothChaosPoint(act: SmoothName, sw2: number, sb2: number, start = 0, coarse = false): ChaosPoint {
  const p = smoothPoint(act, sw2, sb2, start, coarse);
  return { sw2, sb2, qStar: p.qStar, chi1: p.chi1, cStar: p.cStar, xiC: p.xiC };
}

export function tanhChaosPoint(sw2: number, sb2: number, start = 0): ChaosPoint {
  return smoothChaosPoint('tanh', sw2, sb2, start);
}

/** The correlation map's iteration c_1..c_depth from c_0 at q* (the length already at its fixed point). */
export function tanhCorrelationTrajectory(c0: number, depth: number, sw2: number, sb2: number): number[] {
  return correlationTrajectory('tanh', c0, depth, sw2, sb2);
}

/** c_l of the pre-activations at layers 1..depth from c_0 (see meanField.ts's pairPropagation). */
export function tanhPairPropagation(c0: number, depth: number, sw2: number, sb2: number, inputQ = 1): number[] {
  return pairPropagation('tanh', c0, depth, sw2, sb2, inputQ);
}

/** chi_1 at (sigma_w^2, sigma_b^2): Infinity where q* does not exist (q grows without bound). */
export function smoothChi1(act: SmoothName, sw2: number, sb2: number): number {
  const q = fixedPointQ(act, sw2, sb2);
  return Number.isFinite(q) ? sw2 * lengthMoments(act, q).d2 : Infinity;
}

/**
 * sigma_w^2 where the ordered phase ends for one sigma_b^2: chi_1 = 1, or where q* stops existing if
 * that comes first (bisection; both grow with sigma_w^2). hi when the whole range is ordered.
 */
export function smoothCriticalSw2(act: SmoothName, sb2: number, lo = 0.25, hi = 8): number {
  if (smoothChi1(act, hi, sb2) < 1) return hi;
  for (let i = 0; i < 30; i++) {
    const mid = 0.5 * (lo + hi);
    if (smoothChi1(act, mid, sb2) < 1) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** sigma_w^2 on the boundary chi_1 = 1 for one sigma_b^2 (bisection; chi_1 grows with sigma_w^2). */
export function tanhCriticalSw2(sb2: number, lo = 0.25, hi = 8): number {
  return smoothCriticalSw2('tanh', sb2, lo, hi);
}

export interface ChaosGridSpec {
  readonly sw2: readonly [number, number];
  readonly sb2: readonly [number, number];
  readonly columns: number;
  readonly rows: number;
}

export const CHAOS_GRID: ChaosGridSpec = { sw2: [0.5, 4], sb2: [0, 0.3], columns: 60, rows: 40 };

/** Cell centres: column k at sw2 lo + (k + 0.5) step, row r (0 at the bottom) likewise in sb2. */
export function gridAxes(spec: ChaosGridSpec = CHAOS_GRID): { sw2: Float64Array; sb2: Float64Array } {
  const at = ([lo, hi]: readonly [number, number], n: number) => Float64Array.from({ length: n }, (_, k) => lo + ((k + 0.5) * (hi - lo)) / n);
  return { sw2: at(spec.sw2, spec.columns), sb2: at(spec.sb2, spec.rows) };
}

/** One row of the grid (sigma_b^2 fixed), so a caller can yield between rows; the grid's coarse rule. */
export function gridRow(row: number, spec: ChaosGridSpec = CHAOS_GRID, act: SmoothName = 'tanh'): ChaosPoint[] {
  const { sw2, sb2 } = gridAxes(spec);
  // From the chaotic end: c* falls as sigma_w^2 grows, so each neighbour's c* starts Newton on the left.
  const out: ChaosPoint[] = new Array(sw2.length);
  let start = 0;
  for (let k = sw2.length - 1; k >= 0; k--) {
    out[k] = smoothChaosPoint(act, sw2[k], sb2[row], start, true);
    start = out[k].cStar < 1 ? out[k].cStar : 0;
  }
  return out;
}

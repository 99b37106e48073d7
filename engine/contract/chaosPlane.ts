/**
 * The (sigma_w^2, sigma_b^2) phase diagram of a deep tanh network in the wide limit (Poole et al.
 * 2016, "Exponential expressivity in deep neural networks through transient chaos"; Schoenholz et
 * al. 2017, "Deep information propagation"), fast enough for a page: Gaussian quadrature by trapezoid
 * rules with nodes computed once, the length map's fixed point q* by Newton's method, the correlation map's stable
 * fixed point c* by Newton's method (the map is convex on [0, 1], Price's theorem, so Newton from
 * the left never overshoots), and the depth scale xi_c = -1 / log(sigma_w^2 E[phi'(u_1) phi'(u_2)])
 * at c*. engine/chaosTheory.ts is the slow reference these numbers are tested against.
 * Pure: no imports, so the page may run it.
 */

/**
 * E[f(z)] for z ~ N(0, 1) by the trapezoid rule, nodes and weights computed once: for a Gaussian
 * times an analytic integrand it converges geometrically in the width of the strip free of tanh's
 * poles (where Gauss-Hermite of the same size loses digits once q* passes 1).
 */
const RULE = trapezoid(121, 9);
/** The pair integrals' rule, coarser: 41 x 41 nodes (an odd count, so z = 0 is the middle node). */
const PAIR = trapezoid(41, 7);

function trapezoid(n: number, a: number): { x: Float64Array; w: Float64Array } {
  const h = (2 * a) / (n - 1);
  const x = Float64Array.from({ length: n }, (_, i) => -a + i * h);
  return { x, w: Float64Array.from(x, (z) => (h * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI)) };
}

const sech2 = (u: number) => { const t = Math.tanh(u); return 1 - t * t; };

/** E[f(sqrt(q) z)]. */
function expect(f: (u: number) => number, q: number): number {
  const s = Math.sqrt(q);
  let t = 0;
  for (let i = 0; i < RULE.x.length; i++) t += RULE.w[i] * f(s * RULE.x[i]);
  return t;
}

/**
 * E[tanh(u_1) tanh(u_2)] and E[tanh'(u_1) tanh'(u_2)] for variance q and correlation c. Both
 * integrands are even under (z_1, z_2) -> (-z_1, -z_2) and the nodes are symmetric, so the rows
 * z_1 < 0 count twice and z_1 > 0 are skipped.
 */
function pair(q: number, c: number): { phi: number; dphi: number } {
  const s = Math.sqrt(q), r = Math.sqrt(Math.max(0, 1 - c * c)), n = PAIR.x.length, middle = (n - 1) >> 1;
  let phi = 0, dphi = 0;
  for (let i = 0; i <= middle; i++) {
    const u1 = s * PAIR.x[i], t1 = Math.tanh(u1), d1 = 1 - t1 * t1;
    let a = 0, b = 0;
    for (let j = 0; j < n; j++) {
      const t2 = Math.tanh(s * (c * PAIR.x[i] + r * PAIR.x[j]));
      a += PAIR.w[j] * t2; b += PAIR.w[j] * (1 - t2 * t2);
    }
    const twice = i === middle ? 1 : 2;
    phi += twice * PAIR.w[i] * t1 * a; dphi += twice * PAIR.w[i] * d1 * b;
  }
  return { phi, dphi };
}

/**
 * The length map's fixed point q* for tanh (0 where sigma_b^2 = 0 and sigma_w^2 <= 1). Newton on
 * h(q) = sigma_w^2 E[tanh(sqrt(q) z)^2] + sigma_b^2 - q, with h'(q) = sigma_w^2 E[phi'^2 + phi phi''] - 1,
 * from q = sigma_w^2 + sigma_b^2 (where h < 0): h is concave, so the steps fall to q* from above.
 */
export function tanhFixedPointQ(sw2: number, sb2: number): number {
  if (sb2 === 0 && sw2 <= 1) return 0;
  let q = sw2 + sb2;
  for (let i = 0; i < 100; i++) {
    const s = Math.sqrt(q);
    let m2 = 0, d = 0;
    for (let k = 0; k < RULE.x.length; k++) {
      const t = Math.tanh(s * RULE.x[k]), dt = 1 - t * t;
      m2 += RULE.w[k] * t * t;
      d += RULE.w[k] * (dt * dt - 2 * t * t * dt);
    }
    const h = sw2 * m2 + sb2 - q, next = q - h / (sw2 * d - 1);
    if (!(next > 0)) return 0;
    const done = Math.abs(next - q) < 1e-13 * Math.max(1e-6, q);
    q = next;
    if (done) break;
  }
  return q;
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

/** start: a c known to lie at or left of c* (a neighbour's c* at larger sigma_w^2), else 0. */
export function tanhChaosPoint(sw2: number, sb2: number, start = 0): ChaosPoint {
  const qStar = tanhFixedPointQ(sw2, sb2);
  const chi1 = qStar === 0 ? sw2 : sw2 * expect((u) => sech2(u) ** 2, qStar);
  if (chi1 <= 1 || qStar === 0) return { sw2, sb2, qStar, chi1, cStar: 1, xiC: -1 / Math.log(Math.min(chi1, 1 - 1e-15)) };
  // Newton on g(c) = m(c) - c from c = 0, where m(c) = (sw2 E[phi phi] + sb2) / q* and m'(c) = sw2 E[phi' phi'].
  let c = Math.max(0, Math.min(start, 1 - 1e-6)), slope = 0;
  for (let i = 0; i < 60; i++) {
    const p = pair(qStar, c);
    const m = (sw2 * p.phi + sb2) / qStar;
    slope = sw2 * p.dphi;
    const next = Math.min(1 - 1e-12, c - (m - c) / (slope - 1));
    const done = Math.abs(next - c) < 1e-10;
    c = next;
    if (done) break;
  }
  // slope was taken at the previous iterate, within 1e-10 of c*: its xi_c differs far below the colour's resolution.
  return { sw2, sb2, qStar, chi1, cStar: c, xiC: -1 / Math.log(Math.min(slope, 1 - 1e-15)) };
}

/** The correlation map's iteration c_1..c_depth from c_0 at q* (the length already at its fixed point). */
export function tanhCorrelationTrajectory(c0: number, depth: number, sw2: number, sb2: number): number[] {
  const q = tanhFixedPointQ(sw2, sb2);
  const out: number[] = [];
  let c = c0;
  for (let l = 0; l < depth; l++) out.push(c = q === 0 ? c : (sw2 * pair(q, c).phi + sb2) / q);
  return out;
}

/**
 * c_l of the pre-activations at layers 1..depth for two inputs of correlation c_0 and second moment
 * inputQ per coordinate, the length iterated alongside (the transient before q* included):
 * q_1 = sigma_w^2 inputQ + sigma_b^2, c_1 = (sigma_w^2 inputQ c_0 + sigma_b^2) / q_1, then both maps.
 */
export function tanhPairPropagation(c0: number, depth: number, sw2: number, sb2: number, inputQ = 1): number[] {
  let q = sw2 * inputQ + sb2, c = q === 0 ? c0 : (sw2 * inputQ * c0 + sb2) / q;
  const out = [c];
  for (let l = 1; l < depth; l++) {
    if (q < 1e-300) { out.push(c); continue; }
    const phi = pair(q, c).phi;
    const next = sw2 * expect((u) => Math.tanh(u) ** 2, q) + sb2;
    c = next === 0 ? c : (sw2 * phi + sb2) / next;
    q = next;
    out.push(c);
  }
  return out;
}

/** sigma_w^2 on the boundary chi_1 = 1 for one sigma_b^2 (bisection; chi_1 grows with sigma_w^2). */
export function tanhCriticalSw2(sb2: number, lo = 0.25, hi = 8): number {
  const chi = (sw2: number) => { const q = tanhFixedPointQ(sw2, sb2); return q === 0 ? sw2 : sw2 * expect((u) => sech2(u) ** 2, q); };
  for (let i = 0; i < 26; i++) {
    const mid = 0.5 * (lo + hi);
    if (chi(mid) < 1) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
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

/** One row of the grid (sigma_b^2 fixed), so a caller can yield between rows. */
export function gridRow(row: number, spec: ChaosGridSpec = CHAOS_GRID): ChaosPoint[] {
  const { sw2, sb2 } = gridAxes(spec);
  // From the chaotic end: c* falls as sigma_w^2 grows, so each neighbour's c* starts Newton on the left.
  const out: ChaosPoint[] = new Array(sw2.length);
  let start = 0;
  for (let k = sw2.length - 1; k >= 0; k--) {
    out[k] = tanhChaosPoint(sw2[k], sb2[row], start);
    start = out[k].cStar < 1 ? out[k].cStar : 0;
  }
  return out;
}

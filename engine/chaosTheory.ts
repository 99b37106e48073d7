/**
 * Signal propagation in deep random networks, wide limit (Poole, Lahiri, Raghu, Sohl-Dickstein &
 * Ganguli 2016, "Exponential expressivity in deep neural networks through transient chaos";
 * Schoenholz, Gilmer, Ganguli & Sohl-Dickstein 2017, "Deep information propagation"), for
 * weights N(0, sigma_w^2 / n) and biases N(0, sigma_b^2):
 *   length map       q_l = sigma_w^2 E[phi(sqrt(q_{l-1}) z)^2] + sigma_b^2          -> fixed point q*
 *   correlation map  c_l = (sigma_w^2 E[phi(u_1) phi(u_2)] + sigma_b^2) / q*,
 *                    u_1 = sqrt(q*) z_1, u_2 = sqrt(q*) (c_{l-1} z_1 + sqrt(1 - c_{l-1}^2) z_2)
 *   its slope at c = 1: chi_1 = sigma_w^2 E[phi'(sqrt(q*) z)^2]
 * chi_1 < 1: ordered (every pair of inputs converges, c* = 1); chi_1 > 1: chaotic (c* < 1, nearby
 * inputs decorrelate); chi_1 = 1 is the edge of chaos. Depth scales (Schoenholz et al. eqs. 5, 9):
 *   xi_q^-1 = -log(chi_1 + sigma_w^2 E[phi''(sqrt(q*) z) phi(sqrt(q*) z)])
 *   xi_c^-1 = -log(sigma_w^2 E[phi'(u_1) phi'(u_2)]) at c*  (= -log chi_1 in the ordered phase)
 * and their finding: networks train to a depth of about 6 xi_c. For ReLU, q* is not finite off the
 * line sigma_w^2 = 2 (q_l = (sigma_w^2 / 2) q_{l-1} + sigma_b^2), so the plane degenerates to that line.
 */
import { gaussianExpectation } from './theory.ts';

export interface SmoothActivation {
  readonly value: (x: number) => number;
  readonly derivative: (x: number) => number;
  readonly second: (x: number) => number;
}

export const TANH: SmoothActivation = {
  value: Math.tanh,
  derivative: (x) => 1 - Math.tanh(x) ** 2,
  second: (x) => { const t = Math.tanh(x); return -2 * t * (1 - t * t); },
};

const E = (f: (x: number) => number, q: number) => gaussianExpectation(f, 0, Math.sqrt(q));

/** E[f(u_1) g(u_2)] for the pair of correlation c and variance q (Gauss-Legendre-free: Simpson over z_1, z_2 in [-8, 8]). */
export function pairExpectation(f: (x: number) => number, g: (x: number) => number, q: number, c: number, panels = 120): number {
  const s = Math.sqrt(q), r = Math.sqrt(Math.max(0, 1 - c * c)), a = -8, h = 16 / panels;
  const w = (i: number) => (i === 0 || i === panels ? 1 : i % 2 === 1 ? 4 : 2);
  const density = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  let total = 0;
  for (let i = 0; i <= panels; i++) {
    const z1 = a + i * h, u1 = s * z1, fu1 = f(u1), wi = w(i) * density(z1);
    if (wi === 0) continue;
    let inner = 0;
    for (let j = 0; j <= panels; j++) {
      const z2 = a + j * h;
      inner += w(j) * density(z2) * g(s * (c * z1 + r * z2));
    }
    total += wi * fu1 * inner;
  }
  return total * (h / 3) * (h / 3);
}

/** The length map's fixed point q* (iterated from q = 1; Infinity where it diverges). */
export function fixedPointQ(sw2: number, sb2: number, phi: SmoothActivation = TANH): number {
  let q = 1;
  for (let i = 0; i < 2000; i++) {
    const next = sw2 * E((x) => phi.value(x) ** 2, q) + sb2;
    if (!Number.isFinite(next) || next > 1e12) return Infinity;
    if (Math.abs(next - q) < 1e-13 * Math.max(1, q)) return next;
    q = next;
  }
  return q;
}

/** chi_1 = sigma_w^2 E[phi'(sqrt(q*) z)^2]: the correlation map's slope at c = 1. */
export function chi1(sw2: number, q: number, phi: SmoothActivation = TANH): number {
  return q === 0 ? sw2 * phi.derivative(0) ** 2 : sw2 * E((x) => phi.derivative(x) ** 2, q);
}

/** One step of the correlation map at the fixed length q*. */
export function correlationMap(c: number, sw2: number, sb2: number, q: number, phi: SmoothActivation = TANH): number {
  if (q === 0) return c;
  return (sw2 * pairExpectation(phi.value, phi.value, q, c) + sb2) / q;
}

/** c_l for l = 1..depth from c_0, by the correlation map (q at its fixed point throughout). */
export function correlationTrajectory(c0: number, depth: number, sw2: number, sb2: number, phi: SmoothActivation = TANH): number[] {
  const q = fixedPointQ(sw2, sb2, phi);
  const out: number[] = [];
  let c = c0;
  for (let l = 0; l < depth; l++) out.push(c = correlationMap(c, sw2, sb2, q, phi));
  return out;
}

export interface PhasePoint {
  readonly qStar: number;
  readonly chi1: number;
  /** The correlation map's stable fixed point: 1 in the ordered phase, below 1 in the chaotic one. */
  readonly cStar: number;
  readonly xiQ: number;
  readonly xiC: number;
}

/** Everything the phase diagram shows at one (sigma_w^2, sigma_b^2). */
export function phasePoint(sw2: number, sb2: number, phi: SmoothActivation = TANH): PhasePoint {
  const qStar = fixedPointQ(sw2, sb2, phi);
  const x1 = chi1(sw2, qStar, phi);
  const qSlope = qStar === 0 ? x1 : x1 + sw2 * E((x) => phi.second(x) * phi.value(x), qStar);
  const xiQ = -1 / Math.log(qSlope);
  let cStar = 1;
  let xiC: number;
  if (x1 <= 1) {
    xiC = -1 / Math.log(x1);
  } else {
    let c = 0.5;
    for (let i = 0; i < 300; i++) {
      const next = correlationMap(c, sw2, sb2, qStar, phi);
      if (Math.abs(next - c) < 1e-10) { c = next; break; }
      c = next;
    }
    cStar = c;
    xiC = -1 / Math.log(sw2 * pairExpectation(phi.derivative, phi.derivative, qStar, cStar));
  }
  return { qStar, chi1: x1, cStar, xiQ, xiC };
}

/**
 * The distribution of one unit of a residual stream, in the mean-field (wide-network) limit, kept
 * as masses on a uniform grid plus point masses (atoms: ReLU's exact zeros). A residual stream is
 * not Gaussian: in the post form, x_{k+1} = act(x_k + alpha F(x_k)) with F(x_k) Gaussian and
 * independent of x_k (a sum over many units of the layer below), so each block convolves the law
 * with a Gaussian and pushes it through the activation; no closed form follows the shape, so this
 * follows it numerically (density evolution). Accuracy: ~1e-4 relative on second moments per
 * block (grid spacing ~1/50 of the spread; see streamLaw.test.ts against closed forms).
 */
import * as P from './math/portable.ts';
import { erf } from './math/erf.ts';

/** Grid points kept at most; a law that needs more is coarsened by 2 (linear binning). */
const MAX_POINTS = 512;
/** Standard deviations of a Gaussian kept on each side (the mass beyond is < 1e-22). */
const TAILS = 10;
/**
 * A convolution's input grid is coarsened (binned) only while its spacing is below s / this (the
 * kernel's sd s): binning adds ~h^2/8 to the variance, negligible beside s^2 there, and the
 * kernel stays under 2 * 10 * 2 * KERNEL_RESOLUTION points.
 */
const KERNEL_RESOLUTION = 32;
/** Masses below this (relative) are dropped from the grid's ends. */
const TRIM = 1e-18;

const SQRT1_2 = Math.SQRT1_2;
const Phi = (z: number): number => 0.5 * (1 + erf(z * SQRT1_2));

export interface Atom {
  readonly x: number;
  readonly p: number;
}

export class StreamLaw {
  /** Masses at lo + i h. */
  readonly lo: number;
  readonly h: number;
  readonly p: Float64Array;
  readonly atoms: readonly Atom[];

  constructor(lo: number, h: number, p: Float64Array, atoms: readonly Atom[] = []) {
    this.lo = lo;
    this.h = h;
    this.p = p;
    this.atoms = atoms;
  }

  /** N(mean, sd^2) on a grid of `points` points over mean +- TAILS sd. */
  static gaussian(mean: number, sd: number, points = MAX_POINTS - 1): StreamLaw {
    if (sd === 0) return new StreamLaw(mean, 1, new Float64Array(0), [{ x: mean, p: 1 }]);
    const h = (2 * TAILS * sd) / (points - 1);
    const p = new Float64Array(points);
    for (let i = 0; i < points; i++) {
      const z = (-TAILS * sd + i * h) / sd;
      p[i] = P.exp(-0.5 * z * z);
    }
    return new StreamLaw(mean - TAILS * sd, h, normalize(p));
  }

  /** U(-a, a) by the trapezoid rule (half weights at the ends). */
  static uniform(a: number, points = MAX_POINTS - 1): StreamLaw {
    const p = new Float64Array(points).fill(1);
    p[0] = p[points - 1] = 0.5;
    return new StreamLaw(-a, (2 * a) / (points - 1), normalize(p));
  }

  /**
   * E[f(X)]. jumpAtZero: f jumps at 0 (an activation's derivative: ReLU's 0 | 1), so the grid
   * point whose cell holds 0 counts each side's share (see onGrid); an atom is a true point mass
   * (ReLU's exact zeros), where f(x) itself applies.
   */
  expect(f: (x: number) => number, jumpAtZero = false): number {
    const h = jumpAtZero ? this.h : 0;
    let s = 0;
    for (let i = 0; i < this.p.length; i++) if (this.p[i] !== 0) s += this.p[i] * onGrid(f, this.lo + i * this.h, h);
    for (const a of this.atoms) s += a.p * f(a.x);
    return s;
  }

  mean(): number { return this.expect((x) => x); }
  m2(): number { return this.expect((x) => x * x); }

  /** The law of (X - shift) / scale (batch norm's standardization, gamma 1 and beta 0). */
  affine(shift: number, scale: number): StreamLaw {
    return new StreamLaw((this.lo - shift) / scale, this.h / scale, this.p, this.atoms.map((a) => ({ x: (a.x - shift) / scale, p: a.p })));
  }

  /**
   * This law on a grid no finer than sd / KERNEL_RESOLUTION (a grid much finer than the kernel of
   * a convolution buys nothing): convolve(mean, sd) works on it, and expectations of X + G are
   * taken on its points (expectShifted).
   */
  forKernel(sd: number): StreamLaw {
    let law: StreamLaw = this;
    while (law.p.length > 2 && 2 * law.h <= sd / KERNEL_RESOLUTION) law = law.coarsen();
    return law;
  }

  /**
   * E[f(x + G)], G ~ N(mean, sd^2), at each grid point x (then at each atom): the kernel the
   * convolution uses, so sum_i p_i (result)_i = E[f(X + G)] under this law's convolve(mean, sd).
   * Call on forKernel(sd)'s law. jumpAtZero as for expect.
   */
  expectShifted(f: (y: number) => number, mean: number, sd: number, jumpAtZero = false): { grid: Float64Array; atoms: number[] } {
    const grid = new Float64Array(this.p.length);
    const cell = (h: number) => (jumpAtZero ? h : 0);
    if (sd === 0) {
      for (let i = 0; i < grid.length; i++) grid[i] = onGrid(f, this.lo + i * this.h + mean, cell(this.h));
      return { grid, atoms: this.atoms.map((a) => f(a.x + mean)) };
    }
    const h = this.p.length > 0 ? this.h : sd / KERNEL_RESOLUTION;
    const D = Math.ceil((TAILS * sd) / h);
    const kernel = gaussianKernel(D, h, sd);
    const values = new Float64Array(this.p.length + 2 * D);
    const lo = this.lo + mean - D * h;
    for (let j = 0; j < values.length; j++) values[j] = onGrid(f, lo + j * h, cell(h));
    for (let i = 0; i < grid.length; i++) {
      let s = 0;
      for (let k = 0; k <= 2 * D; k++) s += kernel[k] * values[i + k];
      grid[i] = s;
    }
    const atoms = this.atoms.map((a) => {
      let s = 0, w = 0;
      for (let j = -D; j <= D; j++) {
        const z = (j * h) / sd, wj = P.exp(-0.5 * z * z);
        s += wj * onGrid(f, a.x + mean + j * h, cell(h));
        w += wj;
      }
      return s / w;
    });
    return { grid, atoms };
  }

  /** The law of X + G, G ~ N(mean, sd^2) independent of X. */
  convolve(mean: number, sd: number): StreamLaw {
    if (sd === 0) return new StreamLaw(this.lo + mean, this.h, this.p, this.atoms.map((a) => ({ x: a.x + mean, p: a.p })));
    const law = this.forKernel(sd);
    const h = law.p.length > 0 ? law.h : sd / KERNEL_RESOLUTION;
    const D = Math.ceil((TAILS * sd) / h);
    const kernel = gaussianKernel(D, h, sd);
    const n = law.p.length;
    const lo = (n > 0 ? law.lo : law.atoms[0].x) + mean - D * h;
    const out = new Float64Array((n > 0 ? n : 1) + 2 * D);
    for (let i = 0; i < n; i++) {
      const pi = law.p[i];
      if (pi === 0) continue;
      for (let k = 0; k <= 2 * D; k++) out[i + k] += pi * kernel[k];
    }
    for (const a of law.atoms) {
      // An atom off the grid: its Gaussian sampled at the grid points, normalized (exact mass).
      const w = new Float64Array(out.length);
      let sum = 0;
      for (let j = 0; j < out.length; j++) {
        const z = (lo + j * h - a.x - mean) / sd;
        w[j] = z * z < 2 * (TAILS + 2) * (TAILS + 2) ? P.exp(-0.5 * z * z) : 0;
        sum += w[j];
      }
      if (sum > 0) for (let j = 0; j < out.length; j++) out[j] += (a.p * w[j]) / sum;
    }
    return new StreamLaw(lo, h, out).trimmed(true);
  }

  /**
   * The law of phi(X). Grid mass mapped to exactly 0 from x != 0 (ReLU's negatives) becomes an
   * atom at 0; an atom stays an atom (at phi of it).
   */
  map(phi: (x: number) => number): StreamLaw {
    const ys: number[] = [], ps: number[] = [];
    const atomMass = new Map<number, number>();
    const addAtom = (x: number, p: number) => atomMass.set(x, (atomMass.get(x) ?? 0) + p);
    for (let i = 0; i < this.p.length; i++) {
      const x = this.lo + i * this.h, p = this.p[i];
      if (p === 0) continue;
      const y = phi(x);
      if (y === 0 && x !== 0) addAtom(0, p);
      else { ys.push(y); ps.push(p); }
    }
    for (const a of this.atoms) addAtom(phi(a.x) + 0, a.p); // + 0: -0 and 0 are one atom
    const atoms = [...atomMass].map(([x, p]) => ({ x, p }));
    if (ys.length === 0) return new StreamLaw(0, this.h, new Float64Array(0), atoms);
    let min = Infinity, max = -Infinity;
    for (const y of ys) { if (y < min) min = y; if (y > max) max = y; }
    let h = this.h;
    while ((max - min) / h > MAX_POINTS - 2) h *= 2;
    // Aligned with this grid, so points phi maps to themselves (ReLU's positives) stay exactly on it.
    const lo = this.lo + Math.floor((min - this.lo) / h) * h;
    const out = new Float64Array(Math.floor((max - lo) / h) + 2);
    for (let i = 0; i < ys.length; i++) deposit(out, (ys[i] - lo) / h, ps[i]);
    return new StreamLaw(lo, h, out, atoms).trimmed();
  }

  /** Every other grid point: odd points split half and half to their neighbours (mass and mean exact). */
  coarsen(): StreamLaw {
    const n = this.p.length;
    const out = new Float64Array(Math.floor((n - 1) / 2) + 2);
    for (let i = 0; i < n; i++) deposit(out, i / 2, this.p[i]);
    return new StreamLaw(this.lo, 2 * this.h, out, this.atoms);
  }

  /**
   * Negligible masses dropped from both ends, and coarsened until at most MAX_POINTS remain:
   * `smooth` (a convolution's output, smooth on the grid's scale) by keeping every other point and
   * renormalizing, which keeps the moments to the trapezoid rule's spectral accuracy; otherwise by
   * binning (coarsen: mass and mean exact, variance + ~h^2/8).
   */
  private trimmed(smooth = false): StreamLaw {
    const p = this.p;
    let total = 0;
    for (let i = 0; i < p.length; i++) total += p[i];
    let a = 0, b = p.length, tail = 0;
    while (a < b && tail + p[a] <= TRIM * total) tail += p[a++];
    tail = 0;
    while (b > a && tail + p[b - 1] <= TRIM * total) tail += p[--b];
    let law = a === 0 && b === p.length ? this : new StreamLaw(this.lo + a * this.h, this.h, p.slice(a, b), this.atoms);
    while (law.p.length > MAX_POINTS) law = smooth ? law.subsample() : law.coarsen();
    return law;
  }

  /** Every other grid point's mass, renormalized (atoms kept): for laws smooth on the grid's scale. */
  private subsample(): StreamLaw {
    const n = this.p.length, kept = new Float64Array(Math.ceil(n / 2));
    let gridMass = 0, keptMass = 0;
    for (let i = 0; i < n; i++) {
      gridMass += this.p[i];
      if (i % 2 === 0) { kept[i / 2] = this.p[i]; keptMass += this.p[i]; }
    }
    for (let i = 0; i < kept.length; i++) kept[i] *= gridMass / keptMass;
    return new StreamLaw(this.lo, 2 * this.h, kept, this.atoms);
  }
}

/**
 * f at a grid point of spacing h, which stands for the mass of [x - h/2, x + h/2]: in the cell
 * holding 0, where our activations' derivatives jump (ReLU's 0 | 1), the two sides' values
 * weighted by the cell's share on each side, so a step at 0 costs O(h^2), not O(h). Only for
 * functions that jump there: a smooth f keeps its spectral accuracy with h = 0 (f(x) itself).
 */
function onGrid(f: (x: number) => number, x: number, h: number): number {
  if (!(Math.abs(x) < h / 2)) return f(x); // h = 0: f itself everywhere
  const right = 0.5 + x / h;
  return (1 - right) * f(-Number.MIN_VALUE) + right * f(Number.MIN_VALUE);
}

/** Mass p at fractional grid position t, split linearly between its two neighbours (keeps the mean). */
function deposit(out: Float64Array, t: number, p: number): void {
  const i = Math.floor(t), f = t - i;
  if (f === 0) { out[i] += p; return; }
  out[i] += p * (1 - f);
  out[i + 1] += p * f;
}

function normalize(p: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i];
  for (let i = 0; i < p.length; i++) p[i] /= s;
  return p;
}

/**
 * N(0, sd^2) on the offsets (k - D) h, k = 0..2D. Well resolved (sd >= 2h): the density sampled
 * and normalized, whose variance is sd^2 to ~e^(-2 pi^2 (sd/h)^2) (spectral accuracy). Coarser:
 * each cell's exact mass (erf), whose variance sd^2 + ~h^2/12 is brought back to sd^2 (exactVariance).
 */
function gaussianKernel(D: number, h: number, sd: number): Float64Array {
  const k = new Float64Array(2 * D + 1);
  const sampled = sd >= 2 * h;
  for (let i = 0; i <= 2 * D; i++) {
    const x = (i - D) * h;
    k[i] = sampled ? P.exp(-0.5 * (x / sd) * (x / sd)) : Phi((x + h / 2) / sd) - Phi((x - h / 2) / sd);
  }
  normalize(k);
  if (!sampled) exactVariance(k, D, h, sd * sd);
  return k;
}

/**
 * A kernel narrower than two grid cells holds each cell's mass, which adds the cell's own spread
 * (~h^2/12) to every convolution: over a hundred blocks of a small branch scale that compounds
 * (+0.04% a block, +1.7% at 100 blocks of alpha = 1/10). Part of the mass moves to the centre so
 * the variance is exactly s2 (the mean stays 0 by symmetry): a convolution then adds exactly s2.
 */
function exactVariance(k: Float64Array, D: number, h: number, s2: number): void {
  let v = 0;
  for (let i = 0; i <= 2 * D; i++) v += k[i] * ((i - D) * h) ** 2;
  if (!(v > s2)) return;
  const keep = s2 / v;
  for (let i = 0; i <= 2 * D; i++) k[i] *= keep;
  k[D] += 1 - keep;
}

/**
 * A function on a law's support, known at its grid points and atoms: the backward pass's
 * E[(dL/dx)^2 | x] (engine/residualTheory.ts). Between grid points, linear; beyond them, the end value.
 */
export class GridFunction {
  readonly law: StreamLaw;
  readonly grid: Float64Array;
  readonly atoms: readonly number[];

  constructor(law: StreamLaw, grid: Float64Array, atoms: readonly number[]) {
    this.law = law;
    this.grid = grid;
    this.atoms = atoms;
  }

  static constant(value: number): GridFunction {
    return new GridFunction(new StreamLaw(0, 1, new Float64Array(0), [{ x: 0, p: 1 }]), new Float64Array(0), [value]);
  }

  at(x: number): number {
    const { law, grid, atoms } = this;
    for (let a = 0; a < law.atoms.length; a++) if (law.atoms[a].x === x) return atoms[a];
    if (grid.length === 0) return atoms[0];
    const t = (x - law.lo) / law.h;
    if (t <= 0) return grid[0];
    if (t >= grid.length - 1) return grid[grid.length - 1];
    const i = Math.floor(t), f = t - i;
    return grid[i] * (1 - f) + grid[i + 1] * f;
  }
}

/**
 * The batch-norm lab's numbers from one snapshot's norm array (NORM_FIELDS x width per normalized
 * layer): per unit, the batch's mean and variance before normalization, what normalization makes
 * of them, the running estimates, and how far a batch mean strays from the running mean.
 */
import { NORM_FIELDS } from '../../../engine/contract/trainLayout.ts';

export interface NormLayer {
  readonly batchMean: Float32Array;
  /** Biased (divide by the batch size), as the forward pass normalizes with. */
  readonly batchVar: Float32Array;
  readonly runningMean: Float32Array;
  /** Unbiased, as PyTorch keeps it. */
  readonly runningVar: Float32Array;
  readonly gamma: Float32Array;
  readonly beta: Float32Array;
}

/** Split a norm array into its layers (views, not copies). */
export function normLayers(norm: Float32Array, layers: number): NormLayer[] {
  const f = NORM_FIELDS.length;
  if (layers <= 0 || norm.length % (layers * f) !== 0) return [];
  const width = norm.length / (layers * f);
  return Array.from({ length: layers }, (_, l) => {
    const block = (i: number) => norm.subarray((l * f + i) * width, (l * f + i + 1) * width);
    return { batchMean: block(0), batchVar: block(1), runningMean: block(2), runningVar: block(3), gamma: block(4), beta: block(5) };
  });
}

/** Where a layer's units spread: the extremes, the 15th, 50th and 85th percentiles. */
export interface Spread {
  readonly min: number;
  readonly p15: number;
  readonly p50: number;
  readonly p85: number;
  readonly max: number;
}

const NO_SPREAD: Spread = { min: NaN, p15: NaN, p50: NaN, p85: NaN, max: NaN };

/** Percentiles by linear interpolation between order statistics (numpy's default); finite values only. */
export function spread(values: ArrayLike<number>): Spread {
  const sorted = Float64Array.from(Array.prototype.filter.call(values, (v: number) => Number.isFinite(v)) as number[]).sort();
  const n = sorted.length;
  if (n === 0) return NO_SPREAD;
  const q = (p: number) => {
    const x = p * (n - 1), i = Math.floor(x), f = x - i;
    return i + 1 < n ? sorted[i] + (sorted[i + 1] - sorted[i]) * f : sorted[i];
  };
  return { min: sorted[0], p15: q(0.15), p50: q(0.5), p85: q(0.85), max: sorted[n - 1] };
}

export interface BeforeAfterRow {
  /** 1-based hidden layer. */
  readonly layer: number;
  readonly meanBefore: Spread;
  readonly varBefore: Spread;
  /** After normalization and the learned affine map: each unit's batch mean is beta. */
  readonly meanAfter: Spread;
  /** ... and its batch variance gamma^2 v / (v + eps). */
  readonly varAfter: Spread;
  /** x-hat alone (before gamma and beta): variance v / (v + eps), just under 1 unless v is tiny. */
  readonly varNormalized: Spread;
}

export function beforeAfterRows(layers: readonly NormLayer[], eps: number): BeforeAfterRow[] {
  return layers.map((l, i) => {
    const width = l.batchVar.length;
    const varAfter = new Float64Array(width), varNormalized = new Float64Array(width);
    for (let u = 0; u < width; u++) {
      const v = l.batchVar[u];
      varNormalized[u] = v / (v + eps);
      varAfter[u] = l.gamma[u] * l.gamma[u] * varNormalized[u];
    }
    return {
      layer: i + 1,
      meanBefore: spread(l.batchMean),
      varBefore: spread(l.batchVar),
      meanAfter: spread(l.beta),
      varAfter: spread(varAfter),
      varNormalized: spread(varNormalized),
    };
  });
}

export interface NoiseRow {
  readonly layer: number;
  /**
   * The spread a batch mean should have around the population mean if the batch's examples were
   * independent: per unit sqrt(runningVar / B), as a root mean square over the layer's units.
   */
  readonly expected: number;
  /** The root mean square over units of (batchMean - the running mean before this batch). */
  readonly observed: number;
}

/**
 * `updated`: the running estimates already took this batch in (a training step's forward pass:
 * r = (1 - m) r_before + m b), so b - r_before = (b - r) / (1 - m). Not at step 0, where the
 * probe's pass leaves them alone.
 */
export function noiseRows(layers: readonly NormLayer[], batch: number, momentum: number, updated: boolean): NoiseRow[] {
  const undo = updated && momentum < 1 ? 1 / (1 - momentum) : 1;
  return layers.map((l, i) => {
    const width = l.batchMean.length;
    let variance = 0, square = 0;
    for (let u = 0; u < width; u++) {
      variance += l.runningVar[u];
      const d = (l.batchMean[u] - l.runningMean[u]) * undo;
      square += d * d;
    }
    return { layer: i + 1, expected: Math.sqrt(variance / width / Math.max(1, batch)), observed: Math.sqrt(square / width) };
  });
}

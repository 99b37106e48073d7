/**
 * The MAP objective written out for a run, L = (1/N) sum -log p(y|x, theta) + lambda R(W), as TeX
 * with its two terms' live values (the latest evaluation: the training cross-entropy averaged over
 * the mini-batches since the previous one, and lambda R(W) at that step). Pure.
 */
import type { Config } from '../../../engine/contract/config.ts';
import { priorScale } from '../../../engine/contract/prior.ts';

export interface ObjectiveValues {
  readonly step: number;
  readonly dataTerm: number;
  readonly priorTerm: number;
  readonly total: number;
}

/** The latest evaluation's terms (NaN before the first training mean). */
export function latestObjective(steps: ArrayLike<number>, trainLoss: ArrayLike<number>, priorTerm: ArrayLike<number>): ObjectiveValues | null {
  for (let i = steps.length - 1; i >= 0; i--) {
    if (Number.isFinite(trainLoss[i])) return { step: steps[i], dataTerm: trainLoss[i], priorTerm: priorTerm[i], total: trainLoss[i] + priorTerm[i] };
  }
  return null;
}

/** A number for TeX: 4 significant digits, scientific below 1e-3. */
export function texNumber(x: number): string {
  if (!Number.isFinite(x)) return '\\text{–}';
  if (x === 0) return '0';
  if (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5) {
    const [m, e] = x.toExponential(2).split('e');
    return `${m} \\times 10^{${Number(e)}}`;
  }
  return String(Number(x.toPrecision(4)));
}

/** The objective's prior term in symbols, for the config's prior. */
export function priorSymbol(c: Pick<Config, 'prior'>): string {
  return c.prior === 'gauss' ? '\\tfrac{\\lambda}{2}\\lVert W\\rVert_2^2' : c.prior === 'laplace' ? '\\lambda \\lVert W\\rVert_1' : '';
}

/** The general form, and the prior as a density over the weights for N examples. */
export function objectiveTex(c: Pick<Config, 'prior' | 'wd'>, n: number): string[] {
  const data = '\\underbrace{\\frac{1}{N}\\sum_{n=1}^{N} -\\log p(y_n \\mid x_n, \\theta)}_{\\text{data: } -\\frac{1}{N}\\log p(D\\mid\\theta)}';
  if (c.prior === 'none' || c.wd === 0) {
    return [`L(\\theta) = ${data} \\quad (\\text{MLE: flat prior})`];
  }
  const term = `\\underbrace{${priorSymbol(c)}}_{\\text{prior: } -\\frac{1}{N}\\log p(W) + \\text{const}}`;
  const scale = priorScale(c.prior, c.wd, n);
  const density = c.prior === 'gauss'
    ? `W \\sim \\mathcal{N}(0, \\sigma^2),\\ \\sigma = \\frac{1}{\\sqrt{N\\lambda}} = \\frac{1}{\\sqrt{${n} \\cdot ${texNumber(c.wd)}}} = ${texNumber(scale)}`
    : `W \\sim \\mathrm{Laplace}(0, b),\\ b = \\frac{1}{N\\lambda} = \\frac{1}{${n} \\cdot ${texNumber(c.wd)}} = ${texNumber(scale)}`;
  return [`L(\\theta) = ${data} + ${term}`, density];
}

/** The two terms' values in TeX: "L = 0.0123 + 0.0456 = 0.0579". */
export function valuesTex(v: ObjectiveValues, c: Pick<Config, 'prior' | 'wd'>): string {
  if (c.prior === 'none' || c.wd === 0) return `L = ${texNumber(v.dataTerm)}`;
  return `L = ${texNumber(v.dataTerm)} + ${texNumber(v.priorTerm)} = ${texNumber(v.total)}`;
}

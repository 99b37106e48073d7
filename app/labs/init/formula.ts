/**
 * The variance recursion with the current numbers plugged in:
 *   Var[h_{l+1}] = n · Var[w] · E[φ(h_l)²]
 * Var[w] comes from the initializer's own formula (engine weightVariance); E[φ(h)²] / Var[h] is
 * exact for linear and the ReLU family (bias 0) and read off the theory otherwise. The TeX here is
 * built only from numbers (formatNumber) and fixed strings chosen by enum lookups, never from text
 * a URL supplied, which is what makes rendering it as HTML safe (see FormulaCard.tsx).
 */
import type { Config } from '../../../engine/contract/config.ts';
import type { InitializerName } from '../../../engine/contract/names.ts';
import type { ActivationName } from '../../../engine/contract/names.ts';
import { LEAKY_SLOPE } from '../../../engine/contract/names.ts';
import { formatNumber, formatReading, type Reading } from '../../format/number.ts';

export interface FormulaInput {
  readonly config: Config;
  /** Per hidden layer, from the probe's theory: E[h²] and E[φ(h)²]. */
  readonly theoryPreM2: ArrayLike<number>;
  readonly theoryActM2: ArrayLike<number>;
  /** Measured E[h²] per hidden layer. */
  readonly measuredPreM2: readonly Reading[];
  /** From the probe's theory: the initializer's Var[w] for n = width (NaN without a formula), and the exact ρ (NaN where none). */
  readonly weightVariance: number;
  readonly activationFactor: number;
}

export interface FormulaStep {
  readonly label: string;
  /** Display-math lines, each short enough for a half-width panel (KaTeX does not wrap display math). */
  readonly tex: readonly string[];
  readonly note: string;
}

export interface FormulaModel {
  /** Units per layer (every layer's fan-in and fan-out). */
  readonly n: number;
  readonly depth: number;
  /** Var[w] and n · Var[w]; null where there is no fixed formula (LSUV, zeros, constant). */
  readonly weightVariance: number | null;
  readonly nVar: number | null;
  /** E[φ(h)²] / Var[h] at the first and last layer; exact (constant) for linear and ReLU family with bias 0. */
  readonly rho: { readonly first: number; readonly last: number; readonly exact: boolean };
  /** Var[h_{l+1}] / Var[h_l] = n · Var[w] · ρ_l at the first and last layer. */
  readonly perLayer: { readonly first: number; readonly last: number } | null;
  /** E[h_L²] / E[h_1²]: what the theory predicts and what the network did. */
  readonly predictedRatio: Reading | null;
  readonly measuredRatio: Reading | null;
  readonly steps: readonly FormulaStep[];
  /** The card in one or two plain sentences, numbers included. */
  readonly summary: string;
}

/** p/q for a small q when x is (to rounding) such a fraction: 1/3, 1/2, 2. */
export function asFraction(x: number, maxDenominator = 12): { p: number; q: number } | null {
  if (!Number.isFinite(x) || x <= 0) return null;
  for (let q = 1; q <= maxDenominator; q++) {
    const p = Math.round(x * q);
    if (p > 0 && p <= 1000 && Math.abs(p / q - x) <= 1e-9 * Math.max(1, x)) return { p, q };
  }
  return null;
}

/** A number in TeX: a small fraction as \tfrac{p}{q}, else 4 significant digits, 1.2 \times 10^{-5} style. */
export function texNumber(x: number): string {
  if (Number.isNaN(x)) return '\\text{n/a}';
  if (!Number.isFinite(x)) return '\\text{overflow}';
  const f = asFraction(x);
  if (f) return f.q === 1 ? String(f.p) : `\\frac{${f.p}}{${f.q}}`;
  const s = formatNumber(x);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const mantissa = s.slice(0, e);
  const exponent = s.slice(e + 1);
  return mantissa === '1' ? `10^{${exponent}}` : `${mantissa} \\times 10^{${exponent}}`;
}

/** 1/k for a whole k (1/768 for 1/(3·256)), as Var[w] formulas give; otherwise as texNumber. */
export function texReciprocal(x: number): string {
  const k = 1 / x;
  const whole = Math.round(k);
  if (Number.isFinite(k) && whole > 1 && whole <= 1e6 && Math.abs(k - whole) <= 1e-9 * whole) return `\\frac{1}{${whole}}`;
  return texNumber(x);
}

/** The same in plain text: "1/3", "0.0256", "5.08e-5". */
export function plainNumber(x: number): string {
  const f = asFraction(x);
  if (f) return f.q === 1 ? String(f.p) : `${f.p}/${f.q}`;
  return formatNumber(x);
}

function texReading(r: Reading | null): string {
  if (r === null) return '\\text{n/a}';
  return r.kind === 'value' ? texNumber(r.value) : r.kind === 'zero' ? '0' : '\\text{overflow}';
}

const VAR = '\\mathrm{Var}';
const E = '\\mathbb{E}';

/** φ in TeX and in words, by activation (a fixed table: nothing from the URL is interpolated). */
const PHI: Readonly<Record<ActivationName, { tex: string; name: string }>> = {
  linear: { tex: '\\varphi', name: 'the identity' },
  tanh: { tex: '\\tanh', name: 'tanh' },
  sigmoid: { tex: '\\sigma', name: 'the sigmoid' },
  relu: { tex: '\\mathrm{relu}', name: 'ReLU' },
  leaky_relu: { tex: '\\mathrm{lrelu}', name: 'leaky ReLU' },
  elu: { tex: '\\mathrm{elu}', name: 'ELU' },
  gelu: { tex: '\\mathrm{gelu}', name: 'GELU' },
  selu: { tex: '\\mathrm{selu}', name: 'SELU' },
};

/** Each initializer's Var[w] in symbols, and with n plugged in (gain applied separately). */
function weightFormula(init: InitializerName, config: Config): { symbolic: string; plugged: string; note: string } | null {
  const n = config.width;
  switch (init) {
    case 'normal':
      return {
        symbolic: '\\sigma^2', plugged: `${formatNumber(config.std)}^2`,
        note: `N(0, σ²) with σ = ${formatNumber(config.std)}${config.std <= 0.05 ? ': the "small random numbers" of early practice, blind to n.' : ', blind to n.'}`,
      };
    case 'standard':
      return { symbolic: '\\frac{1}{3n}', plugged: `\\frac{1}{3 \\cdot ${n}}`, note: 'U(−1/√n, 1/√n), the older heuristic Glorot & Bengio (2010) call "standard".' };
    case 'xavier_uniform':
    case 'xavier_normal':
      return { symbolic: '\\frac{2}{n_\\text{in} + n_\\text{out}}', plugged: `\\frac{2}{${n} + ${n}}`, note: 'Xavier / Glorot & Bengio (2010): between the forward and the backward need.' };
    case 'he_uniform':
    case 'he_normal': {
      const fan = config.fan === 'in' ? 'n_\\text{in}' : 'n_\\text{out}';
      return config.act === 'leaky_relu'
        ? { symbolic: `\\frac{2}{(1 + a^2)\\,${fan}}`, plugged: `\\frac{2}{(1 + ${formatNumber(LEAKY_SLOPE)}^2) \\cdot ${n}}`, note: 'He et al. (2015), with the leaky slope a.' }
        : { symbolic: `\\frac{2}{${fan}}`, plugged: `\\frac{2}{${n}}`, note: 'He et al. (2015): twice Xavier’s, because ReLU zeroes half the signal.' };
    }
    case 'lecun_normal':
      return { symbolic: '\\frac{1}{n}', plugged: `\\frac{1}{${n}}`, note: 'LeCun et al. (1998).' };
    case 'orthogonal':
      return { symbolic: '\\frac{1}{\\max(n_\\text{in}, n_\\text{out})}', plugged: `\\frac{1}{${n}}`, note: 'Orthogonal (Saxe et al. 2014): each entry of an orthogonal matrix has variance 1/n, and it keeps every vector’s length.' };
    case 'zeros':
    case 'constant':
    case 'lsuv':
      return null;
  }
}

function ratioOf(last: Reading | undefined, first: Reading | undefined): Reading | null {
  if (!last || !first) return null;
  if (first.kind !== 'value') return null; // no ratio to a layer that is 0 or overflowed
  if (last.kind === 'overflow') return { kind: 'overflow' };
  if (last.kind === 'zero') return { kind: 'zero' };
  const r = last.value / first.value;
  return Number.isFinite(r) ? (r > 0 ? { kind: 'value', value: r } : { kind: 'zero' }) : { kind: 'overflow' };
}

function reading(x: number): Reading {
  if (!Number.isFinite(x)) return { kind: 'overflow' };
  return x > 0 ? { kind: 'value', value: x } : { kind: 'zero' };
}

export function formulaModel({ config, theoryPreM2, theoryActM2, measuredPreM2, weightVariance, activationFactor }: FormulaInput): FormulaModel {
  const n = config.width;
  const depth = Math.min(config.depth, theoryPreM2.length);
  const last = depth - 1;
  const b2 = config.bias * config.bias;
  const phi = PHI[config.act];
  const steps: FormulaStep[] = [];

  steps.push({
    label: 'The recursion',
    tex: [`${VAR}[h_{l+1}] = n \\cdot ${VAR}[w] \\cdot ${E}\\big[\\varphi(h_l)^2\\big]`],
    note: `Each of the n = ${n} inputs of a unit adds a weight times an activation; independent, zero-mean weights add their variances.`,
  });

  // Weights.
  const symmetric = config.init === 'zeros' || config.init === 'constant';
  const lsuv = config.init === 'lsuv';
  const v = Number.isNaN(weightVariance) ? null : weightVariance;
  const formula = weightFormula(config.init, config);
  const g = config.gain;
  const gainSym = g === 1 ? '' : 'g^2 \\cdot ';
  const gainNum = g === 1 ? '' : `${formatNumber(g)}^2 \\cdot `;
  const nVar = v === null ? null : n * v;
  if (formula && v !== null && nVar !== null) {
    const vTex = config.init === 'normal' ? texNumber(v) : texReciprocal(v);
    steps.push({
      label: 'Weights',
      tex: [
        `${VAR}[w] = ${gainSym}${formula.symbolic} = ${gainNum}${formula.plugged} = ${vTex}`,
        `n\\,${VAR}[w] = ${n} \\cdot ${vTex} = ${texNumber(nVar)}`,
      ],
      note: formula.note + (g === 1 ? '' : ` Gain g = ${formatNumber(g)}.`),
    });
  } else if (lsuv) {
    steps.push({
      label: 'Weights',
      tex: [`${VAR}[w_l] \\text{ fitted so that } ${VAR}[h_l] = g^2 = ${texNumber(g * g)}`],
      note: 'LSUV (Mishkin & Matas 2015) starts orthogonal and rescales each layer on the batch until its output variance is g²: the recursion is met by construction.',
    });
  } else {
    steps.push({
      label: 'Weights',
      tex: [`${VAR}[w] = 0 \\quad (\\text{every } w = ${texNumber(config.init === 'zeros' ? 0 : g * config.const)})`],
      note: 'Every weight is the same number, so every unit of a layer computes the same value: the recursion for random weights does not apply; the theory lines follow that one shared value.',
    });
  }

  // Activation: rho = E[phi(h)^2] / Var[h].
  const exactRho = Number.isNaN(activationFactor) ? null : activationFactor;
  const rhoAt = (l: number) => exactRho ?? theoryActM2[l] / (theoryPreM2[l] - b2);
  const rho = { first: depth > 0 ? rhoAt(0) : NaN, last: depth > 0 ? rhoAt(last) : NaN, exact: exactRho !== null };
  if (!symmetric && depth > 0) {
    if (config.act === 'linear' && exactRho !== null) {
      steps.push({ label: 'Activation', tex: [`${E}\\big[\\varphi(h)^2\\big] = ${E}\\big[h^2\\big]`], note: 'Linear: the activation passes the second moment through unchanged.' });
    } else if (config.act === 'relu' && exactRho !== null) {
      steps.push({ label: 'Activation', tex: [`${E}\\big[\\mathrm{relu}(h)^2\\big] = \\frac{1}{2}\\,${E}\\big[h^2\\big]`], note: 'ReLU zeroes the negative half of a symmetric h: it halves the second moment.' });
    } else if (config.act === 'leaky_relu' && exactRho !== null) {
      steps.push({ label: 'Activation', tex: [`${E}\\big[\\mathrm{lrelu}(h)^2\\big] = \\frac{1 + a^2}{2}\\,${E}\\big[h^2\\big] = ${texNumber(exactRho)}\\,${E}\\big[h^2\\big]`], note: `The leaky ReLU keeps a slope a = ${formatNumber(LEAKY_SLOPE)} on the negative half: it nearly halves the second moment.` });
    } else {
      // \approx: a numerical integral, and 0.99999999 shown as 1 should not read as exact.
      const at = (l: number) => `${E}\\big[${phi.tex}(h_{${l + 1}})^2\\big] \\approx ${texNumber(rhoAt(l))}\\,${VAR}[h_{${l + 1}}]`;
      steps.push({
        label: 'Activation',
        tex: depth > 1 ? [at(0), at(last)] : [at(0)],
        note: `No closed form for ${phi.name}: the factor ρ = E[φ(h)²] / Var[h] is the theory’s Gaussian integral at each layer; it depends on how large h is there.`
          + (config.bias !== 0 ? ` With bias b = ${formatNumber(config.bias)}, E[h²] = Var[h] + b².` : ''),
      });
    }
  }

  // Per layer.
  let perLayer: FormulaModel['perLayer'] = null;
  if (nVar !== null && depth > 0) {
    perLayer = { first: nVar * rho.first, last: nVar * rho.last };
    const exact = rho.exact;
    steps.push({
      label: 'Per layer',
      tex: exact
        ? [`\\frac{${VAR}[h_{l+1}]}{${VAR}[h_l]} = n\\,${VAR}[w] \\cdot \\rho = ${texNumber(nVar)} \\cdot ${texNumber(rho.first)} = ${texNumber(perLayer.first)}`]
        : [
          `\\frac{${VAR}[h_{l+1}]}{${VAR}[h_l]} = n\\,${VAR}[w] \\cdot \\rho_l`,
          `\\approx ${texNumber(perLayer.first)} \\text{ at layer 1}` + (depth > 1 ? `,\\quad ${texNumber(perLayer.last)} \\text{ at layer ${depth}}` : ''),
        ],
      note: exact ? perLayerNote(perLayer.first) : 'The factor changes with depth as h grows or shrinks into a different part of the activation.',
    });
  } else if (lsuv && depth > 0) {
    perLayer = { first: 1, last: 1 };
  }

  // Over the layers.
  const predictedRatio = depth > 1 ? reading(theoryPreM2[last] / theoryPreM2[0]) : null;
  const measuredRatio = depth > 1 ? ratioOf(measuredPreM2[last], measuredPreM2[0]) : null;
  if (depth > 1) {
    const power = rho.exact && nVar !== null && b2 === 0 ? `\\left(${texNumber(nVar * rho.first)}\\right)^{${depth - 1}} = ` : '';
    steps.push({
      label: `Layer 1 → ${depth}`,
      tex: [`\\frac{${E}[h_{${depth}}^2]}{${E}[h_1^2]}:\\quad \\underbrace{${power}${texReading(predictedRatio)}}_{\\text{predicted}}\\qquad \\underbrace{${texReading(measuredRatio)}}_{\\text{measured}}`],
      note: `${depth - 1} ${depth === 2 ? 'step' : 'steps'} of the recursion from the first hidden layer to the last, against the network’s own numbers (batch of ${config.batch}).`,
    });
  }

  return { n, depth, weightVariance: v, nVar, rho, perLayer, predictedRatio, measuredRatio, steps, summary: summarize(config, nVar, rho, perLayer, depth, predictedRatio, measuredRatio, lsuv, symmetric) };
}

function perLayerNote(factor: number): string {
  if (Math.abs(factor - 1) < 1e-9) return 'Exactly 1: the variance holds level, layer after layer.';
  return factor < 1
    ? `Below 1: the signal shrinks ×${plainNumber(factor)} at every layer and vanishes with depth.`
    : `Above 1: the signal grows ×${plainNumber(factor)} at every layer and explodes with depth.`;
}

function summarize(config: Config, nVar: number | null, rho: FormulaModel['rho'], perLayer: FormulaModel['perLayer'], depth: number, predicted: Reading | null, measured: Reading | null, lsuv: boolean, symmetric: boolean): string {
  const parts: string[] = [];
  if (symmetric) parts.push('All weights are equal (Var[w] = 0), so the recursion for random weights does not apply.');
  else if (lsuv) parts.push('LSUV fits each layer so that Var[h] = g²: ×1 per layer by construction.');
  else if (nVar !== null && perLayer) {
    const act = config.act === 'linear' && rho.exact ? 'the identity keeps it'
      : config.act === 'relu' && rho.exact ? 'ReLU halves it'
        : config.act === 'leaky_relu' && rho.exact ? 'the leaky ReLU nearly halves it'
          : `${PHI[config.act].name} keeps ${plainNumber(rho.first)} of Var[h] at layer 1${depth > 1 ? ` and ${plainNumber(rho.last)} at layer ${depth}` : ''}`;
    const per = rho.exact ? `×${plainNumber(perLayer.first)} per layer` : `×${plainNumber(perLayer.first)}${depth > 1 ? ` to ×${plainNumber(perLayer.last)}` : ''} per layer`;
    parts.push(`n·Var[w] = ${plainNumber(nVar)}, ${act}: ${per}.`);
  }
  if (predicted && measured) {
    parts.push(`Layer ${depth} over layer 1: predicted ${formatReading(predicted)}, measured ${formatReading(measured)}.`);
  }
  return parts.join(' ');
}

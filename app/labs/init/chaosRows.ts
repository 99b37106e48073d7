/**
 * The edge-of-chaos panel's pure part: where the current network sits on the (sigma_w^2, sigma_b^2)
 * plane of the mean-field theory (Poole et al. 2016; Schoenholz et al. 2017), what gain a point of
 * the plane asks for, and the colour scale of the depth scale xi_c.
 */
import type { Config } from '../../../engine/contract/config.ts';
import { LEAKY_SLOPE } from '../../../engine/contract/names.ts';
import { viridis, type Rgb } from '../../charts/colormap.ts';

/**
 * sigma_w^2 at gain 1: n Var[w] for a square layer of width n (the theory's weights are
 * N(0, sigma_w^2 / n)), or why the network has no point on the plane.
 */
export function sw2AtUnitGain(config: Config): { factor: number } | { why: string } {
  if (config.arch !== '') return { why: 'an architecture (arch=) is not the plane\'s stack of dense layers' };
  if (config.widths !== '') return { why: 'non-uniform widths: the plane assumes square layers' };
  if (config.residual === 1) return { why: 'residual blocks follow another recursion' };
  if (config.norm !== 'none') return { why: 'normalization resets the length map' };
  switch (config.init) {
    case 'normal': return { factor: config.std * config.std * config.width };
    case 'standard': return { factor: 1 / 3 };
    case 'xavier_uniform':
    case 'xavier_normal':
    case 'lecun_normal':
    case 'orthogonal': return { factor: 1 };
    case 'he_uniform':
    case 'he_normal': return { factor: 2 / (1 + (config.act === 'leaky_relu' ? LEAKY_SLOPE ** 2 : 0)) };
    case 'zeros':
    case 'constant': return { why: `${config.init} weights are not random` };
    case 'lsuv': return { why: 'LSUV rescales each layer on data' };
  }
}

/** The network's sigma_w^2 = gain^2 x the initializer's factor, or null. */
export function networkSw2(config: Config): number | null {
  const m = sw2AtUnitGain(config);
  return 'factor' in m ? config.gain * config.gain * m.factor : null;
}

/** The gain that puts the network at sigma_w^2 (three decimals, within the gain key's range), or null. */
export function gainFor(config: Config, sw2: number): number | null {
  const m = sw2AtUnitGain(config);
  if (!('factor' in m) || !(m.factor > 0)) return null;
  return Math.min(100, Math.max(0, Math.round(Math.sqrt(sw2 / m.factor) * 1000) / 1000));
}

/** The initializer's mapping in words, shown beside the marker. */
export function mappingText(config: Config): string {
  const m = sw2AtUnitGain(config);
  if (!('factor' in m)) return `No marker: ${m.why}.`;
  const n = config.width;
  const rule = config.init === 'normal'
    ? `normal: Var[w] = (gain · std)² so σ_w² = n · gain² · std² = ${n} · ${config.gain}² · ${config.std}²`
    : config.init === 'standard' ? 'standard: Var[w] = gain²/(3n), so σ_w² = gain²/3'
    : config.init.startsWith('he') ? `${config.init}: Var[w] = 2 gain²/n (square layers), so σ_w² = 2 gain²`
    : `${config.init}: Var[w] = gain²/n for square layers of width n, so σ_w² = gain²`;
  return `σ_w² = n · Var[w] with n = ${n} (${rule}).`;
}

/** Layerscope's bias is one constant for every unit, not a random N(0, sigma_b^2): say what that means. */
export function biasText(config: Config): string {
  return config.bias === 0
    ? 'Biases start at 0, so the marker sits at σ_b² = 0.'
    : `The bias ${config.bias} is one constant for every unit — a shift, not the theory's random biases — so the marker sits at σ_b² = 0 and the constant is not on this plane.`;
}

/** xi_c's colour: log10 from 10^0 to 10^2 (clamped; above 10^2 is "at the edge"). */
export const XI_DECADES = [0, 2] as const;

/** Where the length map has no fixed point (xi NaN): q_l grows without bound. */
export const UNBOUNDED: Rgb = [160, 160, 160];

export function xiColor(xi: number): Rgb {
  if (Number.isNaN(xi)) return UNBOUNDED;
  const t = Number.isFinite(xi) ? (Math.log10(Math.max(1, xi)) - XI_DECADES[0]) / (XI_DECADES[1] - XI_DECADES[0]) : 1;
  return viridis(Math.min(1, Math.max(0, t)));
}

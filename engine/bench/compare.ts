import { lenetParameterSizes, makeLenetData } from './lenetData.ts';
import { mlpWidths, makeMlpData, type CnnWorkload, type MlpWorkload } from './workloads.ts';

/**
 * How far one implementation's numbers are from the reference's, scaled by the reference's
 * largest magnitude in the same tensor: max_i |x_i - ref_i| / max_i |ref_i|. Per tensor, so a
 * bias vector is judged on its own scale, not on the weights'; the worst tensor is reported.
 */
export function maxRelativeDifference(x: Float32Array, ref: Float32Array, sizes: readonly number[]): number {
  if (x.length !== ref.length) throw new Error(`compare: ${x.length} values against ${ref.length}`);
  let worst = 0;
  let offset = 0;
  for (const size of sizes) {
    let diff = 0;
    let scale = 0;
    for (let i = offset; i < offset + size; i++) {
      const d = Math.abs(x[i] - ref[i]);
      // NaN must count as a disagreement, and Math.max would propagate it silently.
      diff = d > diff || d !== d ? d : diff;
      const r = Math.abs(ref[i]);
      if (r > scale) scale = r;
    }
    offset += size;
    const rel = diff / (scale || 1);
    worst = rel > worst || rel !== rel ? rel : worst;
  }
  return worst;
}

/** Sizes of weight 0, bias 0, weight 1, bias 1, ... as the workers write them. */
export function parameterSizes(w: MlpWorkload | CnnWorkload): number[] {
  if (w.kind === 'cnn') return lenetParameterSizes(w);
  const widths = mlpWidths(w);
  const sizes: number[] = [];
  for (let l = 0; l + 1 < widths.length; l++) sizes.push(widths[l] * widths[l + 1], widths[l + 1]);
  return sizes;
}

/** The shared initial parameters, flattened in the workers' order. */
export function initialParameters(w: MlpWorkload | CnnWorkload): Float32Array {
  const flat = new Float32Array(parameterSizes(w).reduce((a, b) => a + b, 0));
  if (w.kind === 'cnn') {
    let at = 0;
    for (const p of makeLenetData(w).params) {
      flat.set(p, at);
      at += p.length;
    }
    return flat;
  }
  const data = makeMlpData(w);
  let offset = 0;
  data.weights.forEach((weight, l) => {
    flat.set(weight, offset);
    offset += weight.length;
    flat.set(data.biases[l], offset);
    offset += data.biases[l].length;
  });
  return flat;
}

/** after - before, element by element (the total SGD update of two steps). */
export function difference(after: Float32Array, before: Float32Array): Float32Array {
  const d = new Float32Array(after.length);
  for (let i = 0; i < d.length; i++) d[i] = after[i] - before[i];
  return d;
}

/**
 * The scarce-data control (ntrain): `perClass` training examples of each class, a fixed subset of
 * the training split chosen by the seed. One seeded permutation of the split is walked and the
 * first `perClass` examples of each class are kept, so the subsets are nested (the 10 per class are
 * among the 20) and a class with fewer examples keeps all of them. The kept examples stay in the
 * split's order (the trainer shuffles its batches itself).
 */

/** Indices into the split (ascending) of the kept examples; `order` is a seeded permutation of the split. */
export function subsetPerClass(labels: Int32Array, classes: number, perClass: number, order: Int32Array): Int32Array {
  const taken = new Int32Array(classes);
  const keep = new Uint8Array(labels.length);
  let kept = 0;
  for (let i = 0; i < order.length; i++) {
    const c = labels[order[i]];
    if (taken[c] < perClass) {
      taken[c]++;
      keep[order[i]] = 1;
      kept++;
    }
  }
  const out = new Int32Array(kept);
  for (let i = 0, k = 0; i < keep.length; i++) if (keep[i]) out[k++] = i;
  return out;
}

/** The rows `rows` of a row-major set of `width` features. */
export function takeRows(x: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) out.set(x.subarray(rows[r] * width, (rows[r] + 1) * width), r * width);
  return out;
}

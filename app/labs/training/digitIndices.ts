export type Show = 'first' | 'wrong';

/** Which test images to show: the first `count`, or the first `count` the network gets wrong. */
export function digitIndices(labels: Int32Array, predictions: Int32Array | null, show: Show, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length && out.length < count; i++) {
    if (show === 'first' || (predictions && predictions[i] !== labels[i])) out.push(i);
  }
  return out;
}

import type { Reconstructions } from '../../../../engine/contract/pretrain.ts';

/** Per image, the root-mean-square difference between the input and its reconstruction, in pixel values. */
export function reconstructionError(rec: Reconstructions, pixels: number): number[] {
  return Array.from({ length: rec.count }, (_, i) => {
    let s = 0;
    for (let p = 0; p < pixels; p++) {
      const d = rec.decoded[i * pixels + p] - rec.inputs[i * pixels + p];
      s += d * d;
    }
    return Math.sqrt(s / pixels);
  });
}

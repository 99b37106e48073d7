import type { Reconstructions } from '../../../../engine/contract/pretrain.ts';

/** Per layer decoded (1-based) and image, the root-mean-square difference between the input and its reconstruction, in pixel values. */
export function reconstructionErrors(rec: Reconstructions, pixels: number): { layer: number; errors: number[] }[] {
  const size = rec.count * pixels;
  return Array.from({ length: rec.layer + 1 }, (_, k) => ({
    layer: k + 1,
    errors: Array.from({ length: rec.count }, (_, i) => {
      let s = 0;
      for (let p = 0; p < pixels; p++) {
        const d = rec.decoded[k * size + i * pixels + p] - rec.inputs[i * pixels + p];
        s += d * d;
      }
      return Math.sqrt(s / pixels);
    }),
  }));
}

/** "layer 1", "layers 3 → 1": the decoders a reconstruction went through. */
export function throughText(layer: number): string {
  return layer === 1 ? 'layer 1' : `layers ${layer} → 1`;
}

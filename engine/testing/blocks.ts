/** The residual blocks of a network with the units each spans, as tests read them. */
import { ResidualBlock } from '../model/layers/residual.ts';
import type { Network } from '../model/network.ts';

export interface BlockView {
  readonly index: number;
  readonly layer: ResidualBlock;
  /** Its two units (first + 1 = last). */
  readonly first: number;
  readonly last: number;
  readonly form: ResidualBlock['form'];
  readonly scale: number;
  readonly projection: ResidualBlock['projection'];
}

export function blocksOf(net: Network): BlockView[] {
  const out: BlockView[] = [];
  net.layers.forEach((layer, m) => {
    if (!(layer instanceof ResidualBlock)) return;
    const first = net.firstUnit[m];
    out.push({ index: out.length, layer, first, last: first + 1, form: layer.form, scale: layer.scale, projection: layer.projection });
  });
  return out;
}

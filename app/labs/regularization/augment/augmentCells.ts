/**
 * The augmented batch as the grid and its table show it: one cell per example, with its label
 * (mixup: both labels and their weights) said in words. Pure.
 */
import type { AugmentedBatchView } from '../../../../engine/contract/augmentLayout.ts';

export interface BatchCell {
  readonly index: number;
  /** What is written under the image: "7", or "7+3" with mixup (its weights are the batch's one lambda, said once: mixLine). */
  readonly caption: string;
  /** The accessible name. */
  readonly name: string;
}

const weight = (x: number) => x.toFixed(2);

export function batchCells(view: AugmentedBatchView, classNames?: readonly string[]): BatchCell[] {
  const said = (c: number) => classNames?.[c] ?? String(c);
  return Array.from({ length: view.count }, (_, i): BatchCell => {
    const own = view.labels[i], other = view.partners[i];
    const mixed = other >= 0 && view.lambda < 1;
    const caption = mixed && other !== own ? `${said(own)}+${said(other)}` : said(own);
    const name = mixed && other !== own
      ? `Example ${i + 1}: ${weight(view.lambda)} of a ${said(own)} mixed with ${weight(1 - view.lambda)} of a ${said(other)}`
      : `Example ${i + 1}: a ${said(own)}`;
    return { index: i, caption, name };
  });
}

/** Per example: its label, its partner's and the weights, and the mean and range of its pixels (pixel units). */
export function batchRows(view: AugmentedBatchView): (string | number)[][] {
  const n = view.shape[0] * view.shape[1] * view.shape[2];
  return Array.from({ length: view.count }, (_, i) => {
    let sum = 0, min = Infinity, max = -Infinity;
    for (let k = 0; k < n; k++) {
      const v = view.pixels[i * n + k];
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const mixed = view.partners[i] >= 0;
    return [i + 1, view.labels[i], mixed ? view.partners[i] : '', mixed ? view.lambda : 1, sum / n, min, max];
  });
}

export const BATCH_COLUMNS = ['example', 'label', 'mixed with', 'own weight', 'mean pixel', 'min pixel', 'max pixel'] as const;

/** With mixup, the batch's weights said once ("mixed 0.44 : 0.56, first label : second"), else ''. */
export function mixLine(view: AugmentedBatchView): string {
  return view.partners.some((p) => p >= 0) && view.lambda < 1 ? `mixed ${weight(view.lambda)} : ${weight(1 - view.lambda)} (first label : second)` : '';
}

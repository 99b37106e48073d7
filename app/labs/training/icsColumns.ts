/** The internal-covariate-shift history (engine/train/ics.ts) as columns: 'step', then ICS_FIELDS per hidden layer. */
import { ICS_FIELDS } from '../../../engine/contract/trainLayout.ts';
import type { DecimatingSeries } from '../../../engine/contract/series.ts';
import { column, latestRunStart } from '../../charts/stepSeries.ts';

export type IcsLayerColumns = { readonly [K in (typeof ICS_FIELDS)[number]]: Float64Array };

export interface IcsColumns {
  readonly steps: Float64Array;
  /** Hidden layer l + 1's measures at layers[l]. */
  readonly layers: readonly IcsLayerColumns[];
}

export function icsHistoryColumns(series: DecimatingSeries | null): IcsColumns | null {
  const k = ICS_FIELDS.length;
  if (!series || series.rows === 0 || (series.columns - 1) % k !== 0) return null;
  const from = latestRunStart(series);
  const layers: IcsLayerColumns[] = [];
  for (let l = 0; l < (series.columns - 1) / k; l++) {
    const o = 1 + l * k;
    layers.push(Object.fromEntries(ICS_FIELDS.map((f, i) => [f, column(series, o + i, from)])) as IcsLayerColumns);
  }
  return { steps: column(series, 0, from), layers };
}

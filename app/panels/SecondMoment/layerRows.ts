import { stat, type ProbeData } from '../../../engine/probe/layout.ts';
import { readSecondMoment, type Reading } from '../../format/number.ts';

/** One hidden layer's numbers behind the chart and its table. */
export interface LayerRow {
  /** 1-based, as students count layers. */
  readonly layer: number;
  readonly preM2: Reading;
  readonly theoryPreM2: Reading;
  readonly gradM2: Reading;
  readonly theoryGradM2: Reading;
}

export function layerRows(probe: ProbeData): LayerRow[] {
  return Array.from({ length: probe.depth }, (_, l) => ({
    layer: l + 1,
    preM2: readSecondMoment(stat(probe, l, 'preM2'), stat(probe, l, 'nonFinitePre')),
    theoryPreM2: readSecondMoment(stat(probe, l, 'theoryPreM2')),
    gradM2: readSecondMoment(stat(probe, l, 'gradM2'), stat(probe, l, 'nonFiniteGrad')),
    theoryGradM2: readSecondMoment(stat(probe, l, 'theoryGradM2')),
  }));
}

import { useEffect, useState } from 'react';
import type { ErfResult } from '../../../engine/contract/erf.ts';
import { DataTable } from '../../charts/DataTable.tsx';
import { useEngineControls } from '../../store/LabContext.tsx';
import { ErfMap } from './ErfMap.tsx';
import { useSetExplore } from './useExplore.ts';

export interface ErfViewProps {
  /** A name or a spec, as in the table above. */
  readonly net: string;
  readonly input: readonly [number, number, number];
  readonly layer: string | null;
}

type State = { readonly key: string } & ({ readonly status: 'measuring' } | { readonly status: 'done'; readonly result: ErfResult } | { readonly status: 'refused'; readonly message: string });

/** A square side as "5×5". */
const square = (n: number) => `${n}×${n}`;
/** The whole map as rows when it is small, else the row through the traced unit. */
const MAX_TABLE_CELLS = 64 * 64;

/**
 * The effective receptive field (Luo et al. 2016) of the chosen layer, measured in the engine: a
 * heatmap on the input grid and the side of the square holding most of the gradient, against the
 * theoretical field. A net over the cost cap is refused with the builder's reason and a small one offered.
 */
export function ErfView({ net, input, layer }: ErfViewProps) {
  const engine = useEngineControls();
  const setExplore = useSetExplore();
  const key = `${net}|${input.join('x')}|${layer}`;
  const [state, setState] = useState<State>({ key, status: 'measuring' });
  useEffect(() => {
    let live = true;
    setState({ key, status: 'measuring' });
    engine.receptiveField({ spec: net, input: [input[0], input[1], input[2]], layer, seed: 1, init: 'he_normal' }).then(
      (result) => { if (live) setState({ key, status: 'done', result }); },
      (error: unknown) => { if (live) setState({ key, status: 'refused', message: error instanceof Error ? error.message : String(error) }); },
    );
    return () => { live = false; };
  }, [engine, key]); // key holds net, input and layer: a new input array with the same numbers measures nothing again
  const current = state.key === key ? state : { key, status: 'measuring' as const };
  return (
    <div className="erf-view" data-testid="erf">
      <h3 className="erf-title">Effective receptive field</h3>
      {current.status === 'measuring' && <p className="panel-status" role="status">Measuring the gradient of the centre unit…</p>}
      {current.status === 'refused' && (
        <div className="panel-callout info" data-testid="erf-refused">
          <p>Not measured for this net (the engine would build it up to this layer with random weights and back-propagate at least one random image through it): {current.message}</p>
          <p>Try a small one:{' '}
            <button type="button" className="panel-button" onClick={() => setExplore({ net: 'tiny_vgg', size: 28, layer: null })}>tiny_vgg on 28×28</button>{' '}
            <button type="button" className="panel-button" onClick={() => setExplore({ net: 'tiny_resnet', size: 28, layer: null })}>tiny_resnet on 28×28</button>{' '}
            {input[1] > 32 && <button type="button" className="panel-button" onClick={() => setExplore({ size: 32 })}>this net at input 32</button>}
          </p>
        </div>
      )}
      {current.status === 'done' && <Measured result={current.result} />}
    </div>
  );
}

function Measured({ result }: { readonly result: ErfResult }) {
  const { summary, theoretical, layer, asked, height, width, map, unit, layerSize, batch } = result;
  const shown = Math.min(theoretical, height);
  const sd = summary.sd.toFixed(1);
  const wholeMap = height * width <= MAX_TABLE_CELLS;
  const rows = wholeMap ? Array.from({ length: height }, (_, i) => i) : [summary.centre[0]];
  const max = map.reduce((a, v) => Math.max(a, v), 0);
  return (
    <div className="rf-layout">
      <ErfMap result={result} label={`Effective receptive field of the centre unit of ${layer} on the ${height}×${width} input: 68% of the gradient within ${square(summary.side68)} pixels, the theoretical field ${square(theoretical)} (dashed)`} />
      <div className="rf-numbers">
        <p className="rf-big" data-testid="erf-side68">{square(summary.side68)}</p>
        <p data-testid="erf-line">
          68% of the gradient of unit ({unit[0]}, {unit[1]}) of <code>{layer}</code>'s {layerSize.join('×')} map lies within a {square(summary.side68)} square
          (95% within {square(summary.side95)}, standard deviation {sd} px), against the theoretical {square(theoretical)}:{' '}
          {summary.side68 < shown ? `${Math.round((100 * summary.side68) / shown)}% of its side${theoretical > height ? ' on the image' : ''}.` : 'as wide as the theoretical field.'}
        </p>
        {asked !== null && asked !== layer && <p>{asked} lies inside a block: measured at the block's output, <code>{layer}</code>.</p>}
        <p className="muted">|∂(unit)/∂x| summed over the input channels and averaged over {batch} N(0, 1) images, He-normal weights, seed 1, batch norm as at inference (Luo et al. 2016). Dashed: the theoretical field; pink: the 68% square.</p>
        <details className="erf-numbers">
          <summary>The map's numbers{wholeMap ? '' : ' (the row through the centre)'}</summary>
          <DataTable caption={`|∂ ${layer} (${unit[0]}, ${unit[1]}) / ∂x| per input pixel, largest ${max.toPrecision(3)}`} rowHeader="Row"
            columns={Array.from({ length: width }, (_, j) => ({ header: String(j) }))}
            rows={rows.map((i) => ({ key: i, header: String(i), cells: Array.from(map.subarray(i * width, (i + 1) * width), (v) => v.toPrecision(2)) }))} />
        </details>
      </div>
    </div>
  );
}

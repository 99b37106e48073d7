import { useEffect, useMemo, useState } from 'react';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { CorrelationChart } from '../../charts/CorrelationChart.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { Legend } from '../../charts/Legend.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { MEASURED, THEORY } from '../../charts/chartColors.ts';
import { formatNumber } from '../../format/number.ts';
import { useEngineControls, useLab } from '../../store/LabContext.tsx';
import { PLANE_ACTIVATIONS, PLANE_TITLES, planePairPropagation, type PlaneActivation } from '../../../engine/contract/chaosActivations.ts';
import { networkSw2 } from './chaosRows.ts';
import '../../charts/panels.css';

const PANEL_ID = 'correlation';
/** The pair's input correlation: close enough to 1 that a chaotic network visibly pulls it apart. */
export const PAIR_C0 = 0.9;
const height = (w: number) => Math.round(Math.min(300, Math.max(220, w * 0.4)));

/**
 * Two inputs of correlation c_0 through the current network (the probe's weights), the correlation
 * of their pre-activations per layer, beside the correlation map iterated with the length map
 * from the input (Poole et al. 2016; Schoenholz et al. 2017).
 */
export function CorrelationPanel() {
  const config = useLab((s) => s.config);
  const engine = useEngineControls();
  const [answer, setAnswer] = useState<{ config: typeof config; measured: readonly number[] } | { config: typeof config; error: string } | null>(null);
  useEffect(() => {
    let live = true;
    engine.correlation(config, PAIR_C0).then(
      (measured) => { if (live) setAnswer({ config, measured }); },
      (e: unknown) => { if (live) setAnswer({ config, error: e instanceof Error ? e.message : String(e) }); },
    );
    return () => { live = false; };
  }, [engine, config]);
  const sw2 = networkSw2(config);
  const act = (PLANE_ACTIVATIONS as readonly string[]).includes(config.act) ? config.act as PlaneActivation : null;
  const theory = useMemo(() => (act !== null && sw2 !== null ? planePairPropagation(act, PAIR_C0, config.depth, sw2, 0) : null), [act, config.depth, sw2]);
  const measured = answer && 'measured' in answer ? answer.measured : [];
  const error = answer && 'error' in answer ? answer.error : null;
  const last = measured.length > 0 ? measured[measured.length - 1] : null;

  return (
    <PanelFrame
      id={PANEL_ID}
      title="Correlation of two inputs by layer"
      busy={answer !== null && answer.config !== config}
      hint={<>
        Two inputs with correlation {PAIR_C0} sent through this network’s weights: the correlation of their pre-activations at each layer
        (measured, one pair, so it carries sampling error of order 1/√width), and dashed, the correlation map iterated with the length
        map from the input for {act ? PLANE_TITLES[act] : config.act} at σ_w² = {sw2 === null ? '—' : formatNumber(sw2, 3)}, σ_b² = 0 (Poole et al. 2016; Schoenholz et al. 2017).
        {config.bias !== 0 && <> The constant bias {config.bias} is in the measurement, not in the dashed line.</>}
        {theory === null && <> No dashed line: the map needs a plain stack with a random initializer (see the plane’s note).</>}
        {last !== null && <> This run: {PAIR_C0} at the input, {formatNumber(last, 3)} at layer {measured.length}{theory ? `, the map ${formatNumber(theory[theory.length - 1], 3)}` : ''}.</>}
        {error && <> <span className="not-applied">No measurement: {error}.</span></>}
      </>}
      table={
        <DataTable
          caption="Correlation of two inputs by layer: measured and the correlation map"
          rowHeader="Layer"
          columns={[{ header: 'measured c_l' }, { header: 'map c_l' }]}
          rows={measured.map((c, i) => ({ key: i + 1, header: String(i + 1), cells: [formatNumber(c, 4), theory ? formatNumber(theory[i], 4) : null] }))}
        />
      }
    >
      <Legend items={[
        { id: 'm', label: 'measured c_l', color: MEASURED, kind: 'measured' },
        ...(theory ? [{ id: 't', label: 'correlation map', color: THEORY, kind: 'theory' as const }] : []),
      ]} overflow={false} zero={false} />
      <ChartBox height={height} placeholder={measured.length > 0 ? null : error ?? 'Measuring…'}>
        {(width, h) => (
          <CorrelationChart width={width} height={h} measured={measured} theory={theory} yLabel="c_l"
            ariaLabel={`Correlation of two inputs by layer: ${PAIR_C0} at the input${last !== null ? `, ${formatNumber(last, 3)} at layer ${measured.length}` : ''}${theory ? `; the map gives ${formatNumber(theory[theory.length - 1], 3)}` : ''}.`} />
        )}
      </ChartBox>
    </PanelFrame>
  );
}

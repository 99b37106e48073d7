import { useCallback, useMemo } from 'react';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { PhaseDiagram } from '../../charts/PhaseDiagram.tsx';
import { formatNumber } from '../../format/number.ts';
import { useLab } from '../../store/LabContext.tsx';
import { planColumns, planDepths, TRAINED_ACCURACY } from '../../../engine/contract/trainability.ts';
import { tanhChaosPoint } from '../../../engine/contract/chaosPlane.ts';
import { gainFor, networkSw2 } from './chaosRows.ts';
import { useTrainabilityMap } from './trainabilityMap.ts';
import { accuracyColor, columnReadings, mapDomains, mapReading, sixXiCurve, trainableText } from './trainabilityRows.ts';
import '../../charts/panels.css';

const PANEL_ID = 'trainability';
const height = (w: number) => Math.round(Math.min(400, Math.max(260, w * 0.55)));
const pct = (a: number) => (Number.isNaN(a) ? '' : `${Math.round(a * 100)}%`);

/**
 * The trainability map (Schoenholz et al. 2017, Figs. 5-6): short training runs over (sigma_w^2,
 * depth), coloured by test accuracy, with depth = 6 xi_c over them; trained across workers on demand.
 */
export function TrainabilityPanel() {
  const config = useLab((s) => s.config);
  const setConfig = useLab((s) => s.setConfig);
  const { state, start, cancel } = useTrainabilityMap(config.seed);
  const { plan, accuracy } = state;
  const domains = useMemo(() => mapDomains(plan), [plan]);
  const curve = useMemo(() => sixXiCurve(plan), [plan]);
  const readings = useMemo(() => columnReadings(plan, accuracy), [plan, accuracy]);
  const depths = useMemo(() => planDepths(plan), [plan]);
  const sw2 = networkSw2(config);
  const onPlane = config.act === 'tanh' && sw2 !== null;
  const color = useCallback((a: number) => accuracyColor(a, plan.classes), [plan.classes]);
  const pick = useCallback((x: number, y: number) => {
    const gain = gainFor(config, x);
    const depth = Math.max(1, Math.min(200, Math.round(y)));
    if (gain !== null) setConfig({ gain, depth });
  }, [config, setConfig]);
  const cellAt = useCallback((x: number, y: number) => {
    const k = Math.round(((x - plan.sw2[0]) / (plan.sw2[1] - plan.sw2[0])) * (plan.columns - 1));
    const r = Math.round(((y - plan.depth[0]) / (plan.depth[1] - plan.depth[0])) * (plan.rows - 1));
    return { k: Math.min(plan.columns - 1, Math.max(0, k)), r: Math.min(plan.rows - 1, Math.max(0, r)) };
  }, [plan]);
  const readout = useCallback((x: number, y: number) => {
    const { k, r } = cellAt(x, y);
    const a = accuracy[r * plan.columns + k];
    const six = 6 * tanhChaosPoint(planColumns(plan)[k], plan.sb2).xiC;
    return `σ_w² ${formatNumber(x, 3)}, depth ${Math.round(y)}: cell σ_w² ${planColumns(plan)[k].toFixed(2)}, depth ${depths[r]}, ${Number.isNaN(a) ? 'not trained yet' : `test accuracy ${pct(a)}`}; 6 ξ_c ${Number.isFinite(six) ? six.toFixed(1) : '∞'}`;
  }, [accuracy, cellAt, depths, plan]);
  const running = state.status === 'running';
  const total = plan.rows * plan.columns;
  const reading = state.status === 'finished' ? mapReading(plan, accuracy) : '';
  const statusText = state.status === 'idle' ? `${total} cells, not trained yet.`
    : running ? `Training: ${state.done} of ${total} cells on ${state.workers} workers, ${(state.ms / 1000).toFixed(1)} s.`
    : state.status === 'finished' ? `Trained ${total} cells on ${state.workers} workers in ${(state.ms / 1000).toFixed(1)} s (seed ${state.seed}).`
    : state.status === 'cancelled' ? `Cancelled after ${state.done} of ${total} cells.`
    : `Stopped after ${state.done} of ${total} cells: ${state.message}`;

  return (
    <PanelFrame
      id={PANEL_ID}
      title="Trainability: depth against σ_w² (tanh)"
      hint={<>
        Each cell is a tanh network of that depth, {plan.width} units wide, weights N(0, σ_w²/n) and biases N(0, {plan.sb2}) in every
        layer, trained {plan.steps} steps (SGD with momentum 0.9, learning rate {plan.lr}, batches of {plan.batch}) on {plan.classes} Gaussian
        blobs, coloured by its accuracy on {plan.points} held-out points: dark is chance ({Math.round(100 / plan.classes)}%), yellow 100%, grey not trained yet.
        The dashed line is depth = 6 ξ_c from the mean-field theory: Schoenholz et al. (2017) found networks train to about that depth, and that
        the trainable region grows toward it with longer training. Trained here means {Math.round(TRAINED_ACCURACY * 100)}% or more. The same seed
        trains the same map, cell for cell (also from the command line: npm run trainmap -- --seed {config.seed}). Click or press Enter on a cell to
        give this network its σ_w² (through the gain) and depth.
        {!onPlane && <> This network has no point on the map (it is not a plain tanh stack with a known σ_w²), so no marker.</>}
        {reading && <> {reading}</>}
      </>}
      controls={
        <div className="trainmap-controls">
          {running
            ? <button type="button" onClick={cancel}>Cancel</button>
            : <button type="button" onClick={start}>{state.status === 'idle' ? 'Train the map' : 'Train the map again'}</button>}
          <progress aria-label="Cells trained" max={total} value={state.done} />
        </div>
      }
      table={
        <DataTable
          caption="Trainability map: test accuracy per cell, the measured trainable depth and 6 xi_c per sigma_w^2"
          rowHeader="σ_w²"
          columns={[{ header: '6 ξ_c' }, { header: 'trainable depth' }, ...depths.map((d) => ({ header: `depth ${d}` }))]}
          rows={readings.map((r, k) => ({
            key: `c${k}`, header: r.sw2.toFixed(2),
            cells: [Number.isFinite(r.sixXiC) ? r.sixXiC.toFixed(1) : '∞', trainableText(plan, r.trainable), ...depths.map((_, row) => pct(accuracy[row * plan.columns + k]))],
          }))}
        />
      }
    >
      <div data-testid="trainmap-status" data-status={state.status} data-done={state.done} role="status">
        <small>{statusText}</small>
      </div>
      <ChartBox height={height} placeholder={null}>
        {(width, h) => (
          <PhaseDiagram
            width={width} height={h} rows={plan.rows} columns={plan.columns} values={accuracy} color={color}
            xDomain={domains.x} yDomain={domains.y} xLabel="σ_w²" yLabel="depth (hidden layers)"
            boundary={curve} smooth={false}
            marker={onPlane && sw2 !== null ? { x: sw2, y: config.depth, label: `this network (depth ${config.depth})` } : null}
            onPick={onPlane ? pick : undefined} readout={readout} testIdPrefix="trainmap"
            pickLabel="Trainability map: arrow keys move across cells, Enter sets this network's σ_w² (gain) and depth"
            ariaLabel={`Trainability map: test accuracy after ${plan.steps} steps over σ_w² ${plan.sw2.join('–')} and depth ${plan.depth.join('–')}, ${state.done} of ${total} cells trained, with the curve depth = 6 ξ_c.`}
          />
        )}
      </ChartBox>
    </PanelFrame>
  );
}

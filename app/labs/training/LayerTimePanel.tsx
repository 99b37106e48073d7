import { memo, useCallback, useContext, useMemo, useState } from 'react';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { ChoiceToggle } from '../../charts/ChoiceToggle.tsx';
import { ColorLegend } from '../../charts/ColorLegend.tsx';
import { mixRgb, viridis, VIRIDIS_STOPS, type Rgb } from '../../charts/colormap.ts';
import type { CanvasPalette } from '../../charts/cssColors.ts';
import { DataTable, type DataTableProps } from '../../charts/DataTable.tsx';
import { tablesData } from '../../export/chartData.ts';
import { Heatmap } from '../../charts/Heatmap.tsx';
import { StepAxisContext, type StepAxis } from '../../charts/stepAxisContext.ts';
import type { RunView } from '../../store/trainSlice.ts';
import {
  cellReadout, describeMatrix, LAYER_METRICS, lastRow, layerName, layerTimeMatrix, logDomain, logPosition,
  UPDATE_RATIO_RULE, type LayerMetric, type LayerTimeMatrix,
} from './layerTime.ts';
import { numberCell } from './cells.ts';
import { runHeading } from './runLabel.ts';
import { useShownRuns } from './runs.ts';
import { usePalette } from './usePalette.ts';

const TABLE_ID = 'layer-time';
const METRICS: readonly LayerMetric[] = ['actVar', 'gradNorm', 'updateRatio'];
const READOUT_H = 30; // the readout line under each heatmap
/** The least a fitted heatmap takes: its axes (66) and a plot of 70 px. */
const MIN_HEATMAP_H = 136;
const RUN_TITLE_H = 30;

/** The colour of one cell: viridis on the log scale; grey for 0 or undefined, the danger colour for overflow. */
function cellColor(domain: readonly [number, number], palette: CanvasPalette): (v: number) => Rgb {
  const empty = mixRgb(palette.surface, palette.muted, 0.35);
  return (v: number) => {
    if (v === Infinity || v === -Infinity) return palette.danger;
    const t = logPosition(v, domain);
    return Number.isNaN(t) ? empty : viridis(t);
  };
}

/** Height of one heatmap: about 22 px a layer, within what a 720-px projector shows beside the legend. */
function heatmapHeight(layers: number, runs: number): number {
  const plot = Math.max(runs > 2 ? 90 : runs > 1 ? 110 : 150, Math.min(runs > 2 ? 150 : runs > 1 ? 200 : 300, layers * 22));
  return plot + 66;
}

/** "steps on a log axis", "the last 1,000 steps": what the steps axis shows, for the accessible name. */
function axisWords(axis: StepAxis): string {
  const which = axis.last !== null ? `the last ${axis.last.toLocaleString('en-US')} steps` : 'every step';
  return `${which}, ${axis.scale === 'log' ? 'log' : 'linear'} steps axis`;
}

/** Per-layer statistics over training as a layer x step heatmap (TensorBoard's distributions, the update:data plot). */
export function LayerTimePanel() {
  // Every run (the primary, then each variant of vs=), redrawn about four times a second while training runs.
  const shownRuns = useShownRuns();
  const status = shownRuns.status;
  const axis = useContext(StepAxisContext);
  const [metric, setMetric] = useState<LayerMetric>('updateRatio');
  const palette = usePalette();

  const primaryConfig = shownRuns.runs[0]?.config ?? null;
  const runs = shownRuns.runs.map((r, i) => ({ key: r.id, title: runHeading(primaryConfig, i), run: r.run }));
  const matrices = useMemo(
    () => shownRuns.runs.map(({ run }) => (run.history.steps && run.history.steps.rows > 0 ? layerTimeMatrix(run.history.steps, metric) : null)),
    // Each snapshot is a new run view (its history grows in place), so the views are the dependency.
    [shownRuns.runs, metric],
  );
  const domain = useMemo<[number, number]>(() => {
    const all = matrices.flatMap((m) => (m ? [m.values] : []));
    const merged = new Float64Array(all.reduce((n, a) => n + a.length, 0));
    let at = 0;
    for (const a of all) { merged.set(a, at); at += a.length; }
    return logDomain(merged, metric === 'updateRatio' ? UPDATE_RATIO_RULE : undefined);
  }, [matrices, metric]);
  const color = useMemo(() => cellColor(domain, palette), [domain, palette]);
  const offScale = useMemo(() => {
    let empty = false, overflow = false;
    for (const m of matrices) {
      if (!m) continue;
      for (const v of m.values) {
        if (v === Infinity || v === -Infinity) overflow = true;
        else if (!(v > 0)) empty = true;
      }
    }
    return { empty, overflow };
  }, [matrices]);
  const info = LAYER_METRICS[metric];
  const layers = matrices.find((m) => m)?.layers ?? 0;
  const placeholder = status === 'loading' ? 'Building the network…'
    : status === 'error' ? 'No run: see the training bar above.'
    : 'Take a step (Step or Play above): each training step adds a column.';

  return (
    <PanelFrame
      id={TABLE_ID}
      section="lab-panel training-view"
      title="Layers over training"
      hint={info.hint}
      controls={
        <ChoiceToggle<LayerMetric>
          legend="Colour"
          choices={METRICS.map((m) => ({ value: m, label: LAYER_METRICS[m].label }))}
          value={metric}
          onChange={setMetric}
        />
      }
      table={runs.map((r) => {
        const props = lastRowTable(r.run, runs.length > 1 ? r.title : null);
        return props ? <DataTable key={r.key} {...props} /> : <p key={r.key} className="panel-status">No steps yet.</p>;
      })}
      data={() => {
        // Every run shown, one block of rows each (named by its caption), as the on-screen tables.
        const tables = runs.map((r) => lastRowTable(r.run, runs.length > 1 ? r.title : null)).filter((t): t is DataTableProps => t !== null);
        return tables.length > 0 ? tablesData(tables) : { columns: [], rows: [] };
      }}
    >
      <ChartBox height={() => legendHeight(metric) + Math.max(1, runs.length) * (heatmapHeight(Math.max(1, layers), runs.length) + READOUT_H + (runs.length > 1 ? RUN_TITLE_H : 0))} placeholder={matrices.some((m) => m) ? null : placeholder}>
        {(width, fitted) => {
          // Each run's heatmap at its natural height, or less when the box is fitted to the window
          // (an embed, a slide): the box's height is shared out, the legend and readouts kept.
          const perRun = (fitted - legendHeight(metric)) / Math.max(1, runs.length) - READOUT_H - (runs.length > 1 ? RUN_TITLE_H : 0);
          const heightOf = (rows: number) => Math.max(MIN_HEATMAP_H, Math.min(heatmapHeight(rows, runs.length), Math.floor(perRun)));
          return (
          <>
            <ColorLegend
              width={Math.min(width, 560)}
              domain={domain}
              stops={VIRIDIS_STOPS}
              label={`${info.symbol}, log colour scale`}
              marks={metric === 'updateRatio' ? [{ value: UPDATE_RATIO_RULE, label: '≈10⁻³ rule of thumb' }] : []}
            />
            {(offScale.empty || offScale.overflow) && (
              <p className="panel-status off-scale">
                {offScale.empty && <><span className="swatch empty" aria-hidden="true" /> grey: 0 or not defined </>}
                {offScale.overflow && <><span className="swatch overflow" aria-hidden="true" /> red: overflow</>}
              </p>
            )}
            {runs.map((r, i) => {
              const m = matrices[i];
              return (
                <div key={r.key}>
                  {runs.length > 1 && <h3 className="run-title">{r.title}</h3>}
                  {m ? (
                    <RunHeatmap matrix={m} metric={metric} width={width} height={heightOf(m.layers)} color={color} prefix={runs.length > 1 ? `${r.title}. ` : ''} axis={axis} />
                  ) : <p className="chart-placeholder" style={{ minHeight: heightOf(layers) }}>{placeholder}</p>}
                </div>
              );
            })}
          </>
          );
        }}
      </ChartBox>
    </PanelFrame>
  );
}

function legendHeight(metric: LayerMetric): number {
  return metric === 'updateRatio' ? 76 : 50;
}

const RunHeatmap = memo(function RunHeatmap({ matrix, metric, width, height, color, prefix, axis }: {
  matrix: LayerTimeMatrix; metric: LayerMetric; width: number; height: number; color: (v: number) => Rgb; prefix: string; axis: StepAxis;
}) {
  const rowLabels = useMemo(() => Array.from({ length: matrix.layers }, (_, l) => layerName(l, matrix.layers)), [matrix.layers]);
  const readout = useCallback((row: number, column: number) => cellReadout(matrix, metric, row, column), [matrix, metric]);
  return (
    <Heatmap
      width={width} height={height} rows={matrix.layers} columns={matrix.columns} values={matrix.values} color={color}
      xValues={matrix.steps} rowLabels={rowLabels} xLabel="Training step" yLabel="Layer"
      ariaLabel={`${prefix}${describeMatrix(matrix, metric)} Shown: ${axisWords(axis)}.`} stepAxis={axis}
      readout={readout}
      readoutHint="Hover over the heatmap, or focus it and use the arrow keys, to read a layer at a step."
    />
  );
});

function lastRowTable(run: RunView | null, title: string | null): DataTableProps | null {
  const steps = run?.history.steps ?? null;
  const last = steps ? lastRow(steps) : null;
  if (!last) return null;
  return {
    caption: `${title ? `${title}: l` : 'L'}ayers over training, the latest recorded step (step ${Math.round(last.step)})`,
    rowHeader: 'Layer',
    columns: [{ header: 'Var[φ(h)]' }, { header: '‖∂L/∂h‖' }, { header: '‖∂L/∂W‖' }, { header: '‖ΔW‖ / ‖W‖' }],
    rows: last.layers.map((values, l) => ({ key: l, header: layerName(l, last.layers.length), cells: values.map(numberCell) })),
  };
}

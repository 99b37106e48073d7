import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useMemo } from 'react';
import { priorScale, scaleSymbol } from '../../../engine/contract/prior.ts';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { AXIS, THEORY } from '../../charts/chartColors.ts';
import { DataTable } from '../../charts/DataTable.tsx';
import { PanelFrame } from '../../charts/PanelFrame.tsx';
import { formatNumber } from '../../format/number.ts';
import { useLab } from '../../store/LabContext.tsx';
import { numberCell } from '../training/cells.ts';
import { useShownRuns, type ShownRun } from '../training/runs.ts';
import { layerWeights, shareNearZero, type LayerWeights } from './weights.ts';

const CELL_HEIGHT = 120;
const M = { top: 8, right: 8, bottom: 22, left: 8 };

/**
 * Each layer's weights as a density histogram, one column per run, with the prior's density
 * (Gaussian σ or Laplace b for λ on N examples) drawn over it on the same axes: where the prior is
 * narrow it pulls the weights in; MLE has no curve (a flat prior).
 */
export function WeightsPanel() {
  const { runs, busy, status } = useShownRuns();
  const n = useLab((s) => s.dataset?.trainCount ?? 0);
  const columns = useMemo(() => runs.map((run) => {
    const h = run.run.weights;
    const scale = priorScale(run.config.prior, run.config.wd, n);
    const layers = h ? Array.from({ length: h.layers }, (_, l) => layerWeights(h, l, run.config.prior, scale)) : [];
    return { run, scale, layers };
  }), [runs, n]);
  const depth = Math.max(0, ...columns.map((c) => c.layers.length));
  const rows = columns.flatMap((c) => c.layers.map((l) => ({
    key: `${c.run.id}-${l.layer}`, header: `${c.run.name ? `${c.run.name}, ` : ''}${layerName(l.layer, depth)}`,
    cells: [numberCell(l.n), numberCell(l.extent), numberCell(l.halfSquares), numberCell(l.absSum), numberCell(shareNearZero(l))],
  })));
  return (
    <PanelFrame
      id="weights-prior"
      title="The weights and the prior"
      busy={busy}
      hint={<>Each layer’s weights (not biases) as a density, at the latest per-layer probe; the curve is the prior’s density for λ on the N training examples. A Gaussian prior shrinks every weight; a Laplace prior pushes many to exactly about 0 (the middle bin).</>}
      table={<DataTable caption="Each layer's weights" rowHeader="Layer"
        columns={[{ header: 'weights' }, { header: 'max |w|' }, { header: '½‖W‖²' }, { header: '‖W‖₁' }, { header: 'share in the bin at 0' }]} rows={rows} />}
    >
      <ChartBox height={() => depth * (CELL_HEIGHT + 24) + 30} placeholder={depth > 0 ? null : status === 'loading' ? 'Building the network…' : 'Waiting for the first probe…'}>
        {(width) => {
          const each = Math.floor((width - 12 * (columns.length - 1)) / Math.max(1, columns.length)) - 2;
          return (
            <div className="run-columns" style={{ gap: 12 }}>
              {columns.map((c) => (
                <div key={c.run.id} className="run-column">
                  <h3 className="run-title">{priorTitle(c.run, c.scale)}</h3>
                  {c.layers.map((l) => <LayerHistogram key={l.layer} layer={l} width={each} color={c.run.color} name={layerName(l.layer, depth)} />)}
                </div>
              ))}
            </div>
          );
        }}
      </ChartBox>
    </PanelFrame>
  );
}

function layerName(l: number, layers: number): string {
  return l === layers - 1 ? 'output layer' : `layer ${l + 1}`;
}

function priorTitle(run: ShownRun, scale: number): string {
  const c = run.config;
  const who = run.name ? `${run.name.charAt(0).toUpperCase()}${run.name.slice(1)}` : c.prior === 'none' ? 'MLE' : c.prior === 'gauss' ? 'Gaussian prior' : 'Laplace prior';
  if (c.prior === 'none' || !Number.isFinite(scale)) return `${who}: no prior curve (flat)`;
  return `${who}: ${scaleSymbol(c.prior)} = ${formatNumber(scale, 3)}`;
}

function LayerHistogram({ layer, width, color, name }: { readonly layer: LayerWeights; readonly width: number; readonly color: string; readonly name: string }) {
  const w = Math.max(100, width), h = CELL_HEIGHT;
  const x = scaleLinear().domain([-layer.extent, layer.extent]).range([M.left, w - M.right]);
  const top = Math.max(...layer.density, ...layer.prior.map((p) => p[1]), 1e-12);
  const y = scaleLinear().domain([0, top * 1.05]).range([h - M.bottom, M.top]);
  const path = line<readonly [number, number]>().x((p) => x(p[0])).y((p) => y(p[1]))(layer.prior) ?? '';
  const label = `${name}: ${layer.n} weights within ±${formatNumber(layer.extent, 3)}, ${formatNumber(100 * shareNearZero(layer), 3)}% in the bin at 0${layer.prior.length ? '; prior density drawn over it' : ''}.`;
  return (
    <figure className="weights-cell" style={{ margin: 0 }}>
      <figcaption className="panel-status">{name}</figcaption>
      <svg width={w} height={h} role="img" aria-label={label} className="chart">
        {Array.from(layer.density, (d, b) => {
          const x0 = x(-layer.extent + b * layer.binWidth), x1 = x(-layer.extent + (b + 1) * layer.binWidth);
          return <rect key={b} x={x0} width={Math.max(0.5, x1 - x0 - 0.5)} y={y(d)} height={Math.max(0, y(0) - y(d))} fill={color} opacity={0.55} />;
        })}
        {layer.prior.length > 0 && <path d={path} fill="none" stroke={THEORY} strokeWidth={2} data-testid="prior-density" />}
        <line x1={M.left} x2={w - M.right} y1={y(0)} y2={y(0)} stroke={AXIS} />
        <line x1={x(0)} x2={x(0)} y1={y(0)} y2={y(0) + 4} stroke={AXIS} />
        {[-layer.extent, 0, layer.extent].map((t) => (
          <text key={t} x={x(t)} y={h - 6} textAnchor={t < 0 ? 'start' : t > 0 ? 'end' : 'middle'} fontSize={11} fill={AXIS}>{formatNumber(t, 2)}</text>
        ))}
        <title>{label}</title>
      </svg>
    </figure>
  );
}

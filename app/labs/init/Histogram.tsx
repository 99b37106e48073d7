/**
 * One layer's histogram as a small multiple: 40 bars over the layer's own [min, max], or placed at
 * their true values on an x range shared by every layer (`xRange`), the axis's ends written under
 * it. Props only. Hover a bar, or focus the chart and press ← →, to read a bin.
 */
import { memo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { HIST_BINS } from '../../../engine/contract/probeLayout.ts';
import { AXIS, MUTED, SURFACE } from '../../charts/chartColors.ts';
import { formatPercent } from '../../charts/percent.ts';
import { stepLayer } from '../../charts/lineSeries.ts';
import { formatNumber } from '../../format/number.ts';
import { barScale, binAtShare, binSpan, tallestBin, type LayerHistogram, type XRange } from './histograms.ts';

export interface HistogramProps {
  readonly histogram: LayerHistogram;
  readonly width: number;
  readonly height: number;
  readonly color: string;
  readonly ariaLabel: string;
  readonly activeBin: number | null;
  readonly onActiveBin: (bin: number | null) => void;
  readonly describedBy: string;
  /** The x axis shared by every layer; absent: the layer's own [min, max]. */
  readonly xRange?: XRange | null;
}

const M = { top: 4, right: 6, bottom: 24, left: 6 };
const EDGE_LABEL_ROOM = 40; // px: keep a "0" tick this far from the range labels at the ends

export const Histogram = memo(function Histogram({ histogram: h, width, height, color, ariaLabel, activeBin, onActiveBin, describedBy, xRange = null }: HistogramProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const left = M.left;
  const right = width - M.right;
  const top = M.top;
  const bottom = height - M.bottom;
  const binWidth = (right - left) / HIST_BINS;
  const { scaleMax, spike } = barScale(h.counts);
  const spikeShare = spike !== null && h.finite > 0 ? h.counts[spike] / h.finite : 0;
  const empty = h.finite === 0 || Number.isNaN(h.min);
  // On a shared axis (a real range, this layer finite) each bin keeps its edges; else the bins fill the width.
  const shared = !empty && xRange !== null && xRange.max > xRange.min ? xRange : null;
  const axisMin = shared ? shared.min : h.min, axisMax = shared ? shared.max : h.max;
  const flat = !empty && axisMin === axisMax;
  const zeroX = !empty && !flat && axisMin < 0 && axisMax > 0 ? left + ((0 - axisMin) / (axisMax - axisMin)) * (right - left) : null;
  const binX = (i: number): [number, number] => {
    if (!shared) return [left + i * binWidth, left + (i + 1) * binWidth];
    const [a, b] = binSpan(h, i, shared);
    return [left + a * (right - left), left + b * (right - left)];
  };
  // This layer's own extent on the shared axis, marked on the baseline.
  const ownEnds = shared ? [binX(0)[0], binX(HIST_BINS - 1)[1]] : null;

  function binAt(clientX: number): number | null {
    const box = svgRef.current?.getBoundingClientRect();
    const px = clientX - (box?.left ?? 0);
    if (shared) return binAtShare(h, (px - left) / Math.max(1, right - left), shared);
    return Math.max(0, Math.min(HIST_BINS - 1, Math.floor((px - left) / binWidth)));
  }
  function onPointerMove(e: PointerEvent<SVGRectElement>) { onActiveBin(binAt(e.clientX)); }
  function onKeyDown(e: KeyboardEvent<SVGSVGElement>) {
    const next = stepLayer(e.key, activeBin, HIST_BINS);
    if (next === undefined) return;
    e.preventDefault();
    onActiveBin(next);
  }

  return (
    <svg
      ref={svgRef} width={width} height={height} role="img" aria-label={ariaLabel} aria-describedby={describedBy}
      tabIndex={0} className="chart histogram" onKeyDown={onKeyDown}
      onFocus={() => onActiveBin(activeBin ?? tallestBin(h.counts))} onBlur={() => onActiveBin(null)}
    >
      {h.counts.map((c, i) => {
        if (c === 0) return null;
        const barHeight = Math.max(1, Math.min(1, c / scaleMax) * (bottom - top));
        const [x0, x1] = binX(i);
        const gap = x1 - x0 > 4 ? 0.5 : 0;
        return (
          <rect
            key={i} x={x0 + gap} width={Math.max(1, x1 - x0 - 2 * gap)}
            y={bottom - barHeight} height={barHeight}
            style={{ fill: color, opacity: activeBin === null || activeBin === i ? 1 : 0.55 }}
          />
        );
      })}
      {spike !== null && (
        // The one bar far taller than the rest (ReLU's zeros, a saturated end) is cut, with its share written
        // beside it, so the shape of everything else stays readable.
        <g>
          <path d={`M${binX(spike)[0] - 2},${top + 14}l${Math.max(1, binX(spike)[1] - binX(spike)[0]) + 4},-5m0,9l${-Math.max(1, binX(spike)[1] - binX(spike)[0]) - 4},5`} className="bar-break" style={{ stroke: SURFACE }} />
          <text
            x={(binX(spike)[0] - left) < (right - left) / 2 ? binX(spike)[1] + 6 : binX(spike)[0] - 6} y={top + 12}
            textAnchor={(binX(spike)[0] - left) < (right - left) / 2 ? 'start' : 'end'} className="tick spike-label"
          >
            {formatPercent(spikeShare)} here
          </text>
        </g>
      )}
      {activeBin !== null && (
        <rect x={binX(activeBin)[0]} width={Math.max(2, binX(activeBin)[1] - binX(activeBin)[0])} y={top} height={bottom - top} className="bin-focus" style={{ stroke: AXIS }} />
      )}
      <line x1={left} x2={right} y1={bottom} y2={bottom} style={{ stroke: AXIS }} />
      {ownEnds && ownEnds.map((x, k) => <line key={k} x1={x} x2={x} y1={bottom} y2={bottom + 4} style={{ stroke: color }} strokeWidth={2} />)}
      {zeroX !== null && (
        <g transform={`translate(${zeroX},${bottom})`}>
          <line y2={5} style={{ stroke: AXIS }} />
          {zeroX - left > EDGE_LABEL_ROOM && right - zeroX > EDGE_LABEL_ROOM && <text y={19} textAnchor="middle" className="tick">0</text>}
        </g>
      )}
      {empty ? (
        <text x={(left + right) / 2} y={(top + bottom) / 2} textAnchor="middle" className="tick" style={{ fill: MUTED }}>every value overflowed</text>
      ) : flat ? (
        <text x={(left + right) / 2} y={bottom + 19} textAnchor="middle" className="tick">all = {formatNumber(h.min, 3)}</text>
      ) : (
        <>
          <text x={left} y={bottom + 19} textAnchor="start" className="tick">{formatNumber(axisMin, 3)}</text>
          <text x={right} y={bottom + 19} textAnchor="end" className="tick">{formatNumber(axisMax, 3)}</text>
        </>
      )}
      <rect x={left} y={top} width={Math.max(0, right - left)} height={Math.max(0, bottom - top)} fill="transparent" pointerEvents="all"
        onPointerMove={onPointerMove} onPointerDown={onPointerMove} onPointerLeave={() => onActiveBin(null)} />
    </svg>
  );
});

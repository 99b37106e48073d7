/**
 * One layer's histogram as a small multiple: 40 bars over the layer's own [min, max], the range
 * written under it. Props only. Hover a bar, or focus the chart and press ← →, to read a bin.
 */
import { memo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { HIST_BINS } from '../../../engine/contract/probeLayout.ts';
import { AXIS, MUTED, SURFACE } from '../../charts/chartColors.ts';
import { formatPercent } from '../../charts/percent.ts';
import { stepLayer } from '../../charts/lineSeries.ts';
import { formatNumber } from '../../format/number.ts';
import { barScale, tallestBin, type LayerHistogram } from './histograms.ts';

export interface HistogramProps {
  readonly histogram: LayerHistogram;
  readonly width: number;
  readonly height: number;
  readonly color: string;
  readonly ariaLabel: string;
  readonly activeBin: number | null;
  readonly onActiveBin: (bin: number | null) => void;
  readonly describedBy: string;
}

const M = { top: 4, right: 6, bottom: 24, left: 6 };
const EDGE_LABEL_ROOM = 40; // px: keep a "0" tick this far from the range labels at the ends

export const Histogram = memo(function Histogram({ histogram: h, width, height, color, ariaLabel, activeBin, onActiveBin, describedBy }: HistogramProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const left = M.left;
  const right = width - M.right;
  const top = M.top;
  const bottom = height - M.bottom;
  const binWidth = (right - left) / HIST_BINS;
  const { scaleMax, spike } = barScale(h.counts);
  const spikeShare = spike !== null && h.finite > 0 ? h.counts[spike] / h.finite : 0;
  const empty = h.finite === 0 || Number.isNaN(h.min);
  const flat = !empty && h.min === h.max;
  const zeroX = !empty && !flat && h.min < 0 && h.max > 0 ? left + ((0 - h.min) / (h.max - h.min)) * (right - left) : null;

  function binAt(clientX: number): number {
    const box = svgRef.current?.getBoundingClientRect();
    const px = clientX - (box?.left ?? 0);
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
        return (
          <rect
            key={i} x={left + i * binWidth + (binWidth > 4 ? 0.5 : 0)} width={Math.max(1, binWidth - (binWidth > 4 ? 1 : 0))}
            y={bottom - barHeight} height={barHeight}
            style={{ fill: color, opacity: activeBin === null || activeBin === i ? 1 : 0.55 }}
          />
        );
      })}
      {spike !== null && (
        // The one bar far taller than the rest (ReLU's zeros, a saturated end) is cut, with its share written
        // beside it, so the shape of everything else stays readable.
        <g>
          <path d={`M${left + spike * binWidth - 2},${top + 14}l${binWidth + 4},-5m0,9l${-binWidth - 4},5`} className="bar-break" style={{ stroke: SURFACE }} />
          <text
            x={spike < HIST_BINS / 2 ? left + (spike + 1) * binWidth + 6 : left + spike * binWidth - 6} y={top + 12}
            textAnchor={spike < HIST_BINS / 2 ? 'start' : 'end'} className="tick spike-label"
          >
            {formatPercent(spikeShare)} here
          </text>
        </g>
      )}
      {activeBin !== null && (
        <rect x={left + activeBin * binWidth} width={binWidth} y={top} height={bottom - top} className="bin-focus" style={{ stroke: AXIS }} />
      )}
      <line x1={left} x2={right} y1={bottom} y2={bottom} style={{ stroke: AXIS }} />
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
          <text x={left} y={bottom + 19} textAnchor="start" className="tick">{formatNumber(h.min, 3)}</text>
          <text x={right} y={bottom + 19} textAnchor="end" className="tick">{formatNumber(h.max, 3)}</text>
        </>
      )}
      <rect x={left} y={top} width={Math.max(0, right - left)} height={Math.max(0, bottom - top)} fill="transparent" pointerEvents="all"
        onPointerMove={onPointerMove} onPointerDown={onPointerMove} onPointerLeave={() => onActiveBin(null)} />
    </svg>
  );
});

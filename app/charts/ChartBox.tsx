import { useContext, type ReactNode } from 'react';
import { PRESENT_MAX_CHART_HEIGHT, PresentContext } from './presentContext.ts';
import { useElementSize } from '../hooks/useElementSize.ts';

export interface ChartBoxProps {
  /** Height for a given width, px. */
  readonly height: (width: number) => number;
  /** Text to show instead of the chart (no data yet); null draws the chart. */
  readonly placeholder: string | null;
  readonly children: (width: number, height: number) => ReactNode;
}

/** Fits a chart to its container's width (visx's ParentSize), with a placeholder of the same height. */
export function ChartBox({ height, placeholder, children }: ChartBoxProps) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const present = useContext(PresentContext);
  const natural = height(size.width || 600);
  const h = present ? Math.min(natural, PRESENT_MAX_CHART_HEIGHT) : natural;
  return (
    <div ref={box} className="chart-box">
      {placeholder === null && size.width > 0
        ? children(size.width, h)
        : <p className="chart-placeholder" style={{ minHeight: h }}>{placeholder ?? ''}</p>}
    </div>
  );
}

/** The usual line-chart height: a little over half the width, within what a 720-px projector can show. */
export function lineChartHeight(width: number): number {
  return Math.round(Math.min(380, Math.max(260, width * 0.58)));
}

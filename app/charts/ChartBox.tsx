import { useCallback, useContext, useLayoutEffect, useState, type ReactNode } from 'react';
import { FIT_MIN_CHART_HEIGHT, FitContext, PRESENT_MAX_CHART_HEIGHT, PresentContext } from './presentContext.ts';
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
  const fit = useContext(FitContext);
  const room = useRoomBelow(box.current, fit);
  const capped = present ? Math.min(natural, PRESENT_MAX_CHART_HEIGHT) : natural;
  // In an embed and presenting, the chart takes at most the window's height below its top (one screen per chart).
  const h = room === null ? capped : Math.max(FIT_MIN_CHART_HEIGHT, Math.min(capped, room));
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

/**
 * Pixels from an element's top (in the page) to the bottom of the first screen, kept current on
 * resize, when the page's height changes (what sits above the chart grew) and on each render; null when off.
 */
function useRoomBelow(element: HTMLElement | null, on: boolean): number | null {
  const [room, setRoom] = useState<number | null>(null);
  const measure = useCallback(() => {
    if (!element) return;
    const rect = element.getBoundingClientRect();
    // Under CSS zoom (presentation mode draws the content 1.3x) the rectangle is in screen pixels.
    const zoom = element.offsetWidth > 0 ? rect.width / element.offsetWidth : 1;
    setRoom(Math.floor((window.innerHeight - (rect.top + window.scrollY)) / zoom - 12));
  }, [element]);
  useLayoutEffect(() => {
    if (on) measure();
  });
  useLayoutEffect(() => {
    if (!on || !element) return;
    window.addEventListener('resize', measure);
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [element, on, measure]);
  return on ? room : null;
}

import { useId } from 'react';
import { useTableToggle } from '../store/useTableToggle.ts';
import { ChartFigure, type ChartFigureProps } from './ChartFigure.tsx';

export interface PanelFrameProps extends Omit<ChartFigureProps, 'tableOpen' | 'onToggleTable'> {
  /** Names the chart's table toggle in the store, so an open table stays open across runs. */
  readonly id: string;
  /**
   * The class of the panel's own <section>, labelled by the chart's title ('lab-panel' unless
   * given); false for a chart that is one of several inside a larger panel.
   */
  readonly section?: string | false;
}

/**
 * One panel: a section named by its chart's title, the chart's caption and hint, its Export menu,
 * its "Show table" toggle and the table behind it, then the chart (the children).
 */
export function PanelFrame({ id, section = 'lab-panel', titleId, ...figure }: PanelFrameProps) {
  const tableToggle = useTableToggle(id);
  const ownId = useId();
  const headingId = titleId ?? ownId;
  const chart = <ChartFigure {...figure} {...tableToggle} titleId={headingId} />;
  if (section === false) return chart;
  return <section className={section} aria-labelledby={headingId}>{chart}</section>;
}

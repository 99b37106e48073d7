/** What the trained network does to the data, per-layer statistics over time, and batch statistics (panels of the training lab). */
import { useId } from 'react';
import { useLab } from '../../store/LabContext.tsx';
import { BatchStatsPanel } from './BatchStatsPanel.tsx';
import { BoundaryPanel } from './BoundaryPanel.tsx';
import { DigitsPanel } from './DigitsPanel.tsx';
import { LayerTimePanel } from './LayerTimePanel.tsx';
import './trainingViews.css';

/** The decision boundary (2D data) or the test digits with predictions. */
export function DataViewPanels() {
  const dataset = useLab((s) => s.dataset);
  const status = useLab((s) => s.trainStatus);
  const titleId = useId();
  if (!dataset) {
    return (
      <section className="lab-panel training-view" aria-labelledby={titleId} aria-busy={status === 'loading'}>
        <h2 id={titleId} className="panel-title">The data</h2>
        <p className="chart-placeholder data-placeholder">{status === 'error' ? 'No data: see the training bar above.' : 'Loading the data…'}</p>
      </section>
    );
  }
  return dataset.inputWidth === 2 ? <BoundaryPanel dataset={dataset} /> : <DigitsPanel dataset={dataset} />;
}

export function LayerTimePanels() {
  return <LayerTimePanel />;
}

export function BatchStatsPanels() {
  return <BatchStatsPanel />;
}

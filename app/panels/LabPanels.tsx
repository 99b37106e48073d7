import { lazy, Suspense, useId } from 'react';
import { DistributionsPanel } from './Distributions/DistributionsPanel.tsx';
import { GradientPanel } from './GradientFlow/GradientPanel.tsx';
import { ComparisonPanel } from './InitializerComparison/ComparisonPanel.tsx';
import { SignalPanel } from './SignalByLayer/SignalPanel.tsx';
import { useLab } from '../store/LabContext.tsx';
import type { PanelId } from '../url/viewQuery.ts';
import { BatchNormTimePanels, CurvesPanels } from './Training/index.tsx';
import { BatchStatsPanels, DataViewPanels, LayerTimePanels } from './TrainingViews/index.tsx';
import './panels.css';

// KaTeX is most of the formula card's weight (~270 kB): load it after the charts, from our own origin.
const FormulaCard = lazy(() => import('./FormulaCard/FormulaCard.tsx').then((m) => ({ default: m.FormulaCard })));

/**
 * Every panel of the initialization lab, in reading order. Where the content column is wide (a
 * 1920 laptop) two columns: the signal beside the formula that explains it, the initializers beside
 * the gradients, then the distributions across the whole width (small multiples need it). One
 * column when narrower (a 1280 projector beside the controls), so each chart stays large.
 */
const EVERY: readonly PanelId[] = [];

export function LabPanels() {
  const training = useLab((s) => s.config.data !== 'none');
  const chosen = useLab((s) => (s.view.embed ? s.view.panels : EVERY));
  const show = (id: PanelId) => chosen.length === 0 || chosen.includes(id);
  return (
    <div className="lab-panels">
      <div className="lab-panels-grid">
        {training && show('curves') && <CurvesPanels />}
        {training && show('data') && <DataViewPanels />}
        {training && show('layers') && <LayerTimePanels />}
        {show('signal') && <SignalPanel />}
        {show('formula') && (
          <Suspense fallback={<FormulaLoading />}>
            <FormulaCard />
          </Suspense>
        )}
        {show('comparison') && <ComparisonPanel />}
        {show('gradient') && <GradientPanel />}
        {show('distributions') && <DistributionsPanel />}
        {training && show('bnstats') && <BatchStatsPanels />}
        {training && show('bn') && <BatchNormTimePanels />}
      </div>
    </div>
  );
}

function FormulaLoading() {
  const titleId = useId();
  return (
    <section className="lab-panel formula-card" aria-labelledby={titleId} aria-busy="true">
      <h2 id={titleId} className="panel-title">The variance recursion</h2>
      <p className="chart-placeholder">Loading the math…</p>
    </section>
  );
}
